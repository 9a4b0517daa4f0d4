package io.meshbench.target;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.ReferenceCountUtil;

/**
 * Turns an HTTP/1.1 connection into a WebSocket echo when a request upgrades at {@code /ws} (query
 * knobs: {@code delay} per message, {@code close} after the first echo). Every other request passes
 * on untouched, so HTTP/1.1 pays one path comparison per request.
 */
final class WebSocketUpgradeHandler extends ChannelInboundHandlerAdapter {
  static final String PATH = "/ws";
  static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

  private final TargetCounters counters;

  WebSocketUpgradeHandler(TargetCounters counters) {
    this.counters = counters;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpRequest request) || !isUpgrade(request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    ReferenceCountUtil.release(msg);
    String uri = request.uri();
    int q = uri.indexOf('?');
    EchoKnobs knobs = q < 0 ? EchoKnobs.NONE : EchoKnobs.parse(uri.substring(q + 1));
    // An upgrade is a GET without a body: the handshaker wants it whole.
    FullHttpRequest whole =
        new DefaultFullHttpRequest(
            request.protocolVersion(),
            request.method(),
            uri,
            Unpooled.EMPTY_BUFFER,
            request.headers(),
            EmptyHttpHeaders.INSTANCE);
    String location = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + uri;
    WebSocketServerHandshaker handshaker =
        new WebSocketServerHandshakerFactory(location, null, true, MAX_FRAME_BYTES)
            .newHandshaker(whole);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
      return;
    }
    ChannelPipeline p = ctx.pipeline();
    // From here on frames arrive: the HTTP/1.1 stages behind us have nothing more to do.
    if (p.get(Http1EchoHandler.class) != null) {
      p.remove(Http1EchoHandler.class);
    }
    if (p.get(HttpServerExpectContinueHandler.class) != null) {
      p.remove(HttpServerExpectContinueHandler.class);
    }
    p.replace(this, "ws-echo", new WebSocketEchoHandler(handshaker, knobs, counters));
    handshaker.handshake(ctx.channel(), whole);
  }

  private static boolean isUpgrade(HttpRequest request) {
    String uri = request.uri();
    boolean path =
        uri.startsWith(PATH) && (uri.length() == PATH.length() || uri.charAt(PATH.length()) == '?');
    return path
        && request
            .headers()
            .containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.fireExceptionCaught(cause);
  }
}
