package io.meshbench.target;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * Echoes every text and binary frame (continuations too) as it came, after the {@code delay} knob
 * if any; with {@code close}, the connection closes after the first echo. Answers pings and the
 * closing handshake. Writes are flushed once per read batch. One instance per connection.
 */
final class WebSocketEchoHandler extends ChannelInboundHandlerAdapter {
  private final WebSocketServerHandshaker handshaker;
  private final EchoKnobs knobs;
  private final TargetCounters counters;
  private boolean unflushed;
  private boolean closing;

  WebSocketEchoHandler(
      WebSocketServerHandshaker handshaker, EchoKnobs knobs, TargetCounters counters) {
    this.handshaker = handshaker;
    this.knobs = knobs;
    this.counters = counters;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (closing) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof TextWebSocketFrame
        || msg instanceof BinaryWebSocketFrame
        || msg instanceof ContinuationWebSocketFrame) {
      WebSocketFrame frame = (WebSocketFrame) msg;
      counters.request(frame.content().readableBytes());
      echo(ctx, frame);
    } else if (msg instanceof PingWebSocketFrame ping) {
      ctx.write(new PongWebSocketFrame(ping.content()), ctx.voidPromise());
      unflushed = true;
    } else if (msg instanceof CloseWebSocketFrame close) {
      closing = true;
      handshaker.close(ctx.channel(), close);
    } else {
      ReferenceCountUtil.release(msg); // a pong, or the end of the upgrade request
    }
  }

  private void echo(ChannelHandlerContext ctx, WebSocketFrame frame) {
    long delayNs = knobs.error() == null ? knobs.delayNs() : 0;
    boolean last = frame.isFinalFragment();
    if (delayNs == 0) {
      send(ctx, frame, last);
      return;
    }
    ctx.executor()
        .schedule(
            () -> {
              if (closing || !ctx.channel().isActive()) {
                frame.release();
                return;
              }
              send(ctx, frame, last);
              if (unflushed) {
                unflushed = false;
                ctx.flush();
              }
            },
            delayNs,
            TimeUnit.NANOSECONDS);
  }

  private void send(ChannelHandlerContext ctx, WebSocketFrame frame, boolean last) {
    if (knobs.close() && last) {
      closing = true;
      ctx.write(frame, ctx.voidPromise());
      unflushed = false;
      ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.write(frame, ctx.voidPromise());
    unflushed = true;
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (unflushed) {
      unflushed = false;
      ctx.flush();
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close(); // resets and broken pipes are routine for a load target
  }
}
