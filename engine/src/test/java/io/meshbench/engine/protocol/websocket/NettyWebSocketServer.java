package io.meshbench.engine.protocol.websocket;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket echo server independent of meshbench's target: Netty's own server protocol handler at
 * {@code /echo}. With {@code reorder}, it holds each odd message and sends the pair back in reverse
 * order; with {@code dropEvery} > 0 every n-th message drops its connection (no close frame, no
 * echo). {@link #fragmenting} echoes every message in fragments of a few bytes; {@link
 * #withSubprotocol} answers 400 to an upgrade that does not offer that subprotocol and selects it
 * otherwise; {@link #refusingUpgrades} answers every upgrade with 403.
 */
final class NettyWebSocketServer implements AutoCloseable {
  final AtomicLong messages = new AtomicLong();
  final AtomicLong connections = new AtomicLong();
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;

  NettyWebSocketServer(boolean reorder, int dropEvery) {
    this(reorder, dropEvery, 0, null, false);
  }

  static NettyWebSocketServer fragmenting(int fragmentBytes) {
    return new NettyWebSocketServer(false, 0, fragmentBytes, null, false);
  }

  static NettyWebSocketServer withSubprotocol(String subprotocol) {
    return new NettyWebSocketServer(false, 0, 0, subprotocol, false);
  }

  static NettyWebSocketServer refusingUpgrades() {
    return new NettyWebSocketServer(false, 0, 0, null, true);
  }

  private NettyWebSocketServer(
      boolean reorder, int dropEvery, int fragmentBytes, String subprotocol, boolean refuse) {
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    connections.incrementAndGet();
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(65536))
                        .addLast(new Gate(subprotocol, refuse))
                        .addLast(new WebSocketServerProtocolHandler("/echo", subprotocol))
                        .addLast(new Echo(reorder, dropEvery, fragmentBytes));
                  }
                })
            .bind("127.0.0.1", 0)
            .syncUninterruptibly()
            .channel();
  }

  String url() {
    return "ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/echo";
  }

  /** Refuses upgrades the server does not want, before Netty's handshaker sees them. */
  private static final class Gate extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final String subprotocol;
    private final boolean refuse;

    Gate(String subprotocol, boolean refuse) {
      super(false); // passed on, not released here
      this.subprotocol = subprotocol;
      this.refuse = refuse;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      String offered = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, "");
      if (refuse) {
        reject(ctx, request, HttpResponseStatus.FORBIDDEN, "no websockets for you");
      } else if (subprotocol != null && !offered.contains(subprotocol)) {
        reject(ctx, request, HttpResponseStatus.BAD_REQUEST, "subprotocol required");
      } else {
        ctx.fireChannelRead(request);
      }
    }

    private static void reject(
        ChannelHandlerContext ctx,
        FullHttpRequest request,
        HttpResponseStatus status,
        String text) {
      request.release();
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, text.length());
      ctx.writeAndFlush(response);
    }
  }

  private final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final boolean reorder;
    private final int dropEvery;
    private final int fragmentBytes;
    private WebSocketFrame held;

    Echo(boolean reorder, int dropEvery, int fragmentBytes) {
      super(false); // frames are written back, not released here
      this.reorder = reorder;
      this.dropEvery = dropEvery;
      this.fragmentBytes = fragmentBytes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      long n = messages.incrementAndGet();
      if (dropEvery > 0 && n % dropEvery == 0) {
        frame.release();
        ctx.channel().close();
        return;
      }
      if (fragmentBytes > 0) {
        fragmented(ctx, frame);
      } else if (!reorder) {
        ctx.writeAndFlush(frame);
      } else if (held == null) {
        held = frame;
        // A partner may never come (the run ends): then this one goes back alone.
        ctx.executor()
            .schedule(
                () -> {
                  if (held == frame) {
                    held = null;
                    ctx.writeAndFlush(frame);
                  }
                },
                50,
                TimeUnit.MILLISECONDS);
      } else {
        ctx.write(frame);
        ctx.writeAndFlush(held);
        held = null;
      }
    }

    /** The same message back as a first frame and continuations of {@code fragmentBytes}. */
    private void fragmented(ChannelHandlerContext ctx, WebSocketFrame frame) {
      ByteBuf content = frame.content();
      boolean first = true;
      while (content.isReadable()) {
        ByteBuf part = content.readRetainedSlice(Math.min(fragmentBytes, content.readableBytes()));
        boolean last = !content.isReadable();
        WebSocketFrame out;
        if (!first) {
          out = new ContinuationWebSocketFrame(last, 0, part);
        } else if (frame instanceof TextWebSocketFrame) {
          out = new TextWebSocketFrame(last, 0, part);
        } else {
          out = new BinaryWebSocketFrame(last, 0, part);
        }
        ctx.write(out);
        first = false;
      }
      ctx.flush();
      frame.release();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (held != null) {
        held.release();
      }
      ctx.fireChannelInactive();
    }
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
