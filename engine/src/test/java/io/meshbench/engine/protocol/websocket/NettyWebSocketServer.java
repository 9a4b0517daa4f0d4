package io.meshbench.engine.protocol.websocket;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket echo server independent of meshbench's target: Netty's own server protocol handler at
 * {@code /echo}. With {@code reorder}, it holds each odd message and sends the pair back in reverse
 * order; with {@code dropEvery} > 0 every n-th message drops its connection (no close frame, no
 * echo).
 */
final class NettyWebSocketServer implements AutoCloseable {
  final AtomicLong messages = new AtomicLong();
  final AtomicLong connections = new AtomicLong();
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;

  NettyWebSocketServer(boolean reorder, int dropEvery) {
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
                        .addLast(new WebSocketServerProtocolHandler("/echo"))
                        .addLast(new Echo(reorder, dropEvery));
                  }
                })
            .bind("127.0.0.1", 0)
            .syncUninterruptibly()
            .channel();
  }

  String url() {
    return "ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/echo";
  }

  private final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final boolean reorder;
    private final int dropEvery;
    private WebSocketFrame held;

    Echo(boolean reorder, int dropEvery) {
      super(false); // frames are written back, not released here
      this.reorder = reorder;
      this.dropEvery = dropEvery;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      long n = messages.incrementAndGet();
      if (dropEvery > 0 && n % dropEvery == 0) {
        frame.release();
        ctx.channel().close();
        return;
      }
      if (!reorder) {
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
