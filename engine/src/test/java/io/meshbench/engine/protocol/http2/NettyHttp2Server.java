package io.meshbench.engine.protocol.http2;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/2 server independent of meshbench's target: Netty's own frame codec and stream
 * multiplexer, one child channel per stream. Answers 200 after {@code delayMs}; the path {@code
 * /rst} gets RST_STREAM instead; with {@code dropEvery} > 0 every n-th request drops its whole
 * connection without an answer. Records the most streams it saw open at once on one connection.
 */
final class NettyHttp2Server implements AutoCloseable {
  private static final AttributeKey<AtomicInteger> OPEN = AttributeKey.valueOf("open-streams");

  final AtomicInteger maxConcurrentStreams = new AtomicInteger();
  final AtomicLong requests = new AtomicLong();
  final AtomicLong connections = new AtomicLong();
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;
  private final long delayMs;
  private final int dropEvery;

  NettyHttp2Server(long delayMs, int dropEvery, Integer maxConcurrentStreamsSetting) {
    this.delayMs = delayMs;
    this.dropEvery = dropEvery;
    Http2Settings settings = Http2Settings.defaultSettings();
    if (maxConcurrentStreamsSetting != null) {
      settings.maxConcurrentStreams(maxConcurrentStreamsSetting);
    }
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    connections.incrementAndGet();
                    ch.attr(OPEN).set(new AtomicInteger());
                    ch.pipeline()
                        .addLast(
                            Http2FrameCodecBuilder.forServer().initialSettings(settings).build())
                        .addLast(new Http2MultiplexHandler(new StreamHandler()));
                  }
                })
            .bind("127.0.0.1", 0)
            .syncUninterruptibly()
            .channel();
  }

  String url(String path) {
    return "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + path;
  }

  /** One per stream (a child channel of the connection). */
  @ChannelHandler.Sharable
  private final class StreamHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof Http2HeadersFrame headers && headers.isEndStream()) {
          answer(ctx, headers.headers().path().toString());
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    private void answer(ChannelHandlerContext ctx, String path) {
      Channel connection = ctx.channel().parent();
      long n = requests.incrementAndGet();
      if (dropEvery > 0 && n % dropEvery == 0) {
        connection.close(); // no GOAWAY, no answer: the connection just goes
        return;
      }
      if (path.startsWith("/rst")) {
        ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.REFUSED_STREAM));
        return;
      }
      AtomicInteger open = connection.attr(OPEN).get();
      maxConcurrentStreams.accumulateAndGet(open.incrementAndGet(), Math::max);
      ctx.executor()
          .schedule(
              () -> {
                open.decrementAndGet();
                ctx.writeAndFlush(
                    new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200"), true));
              },
              delayMs,
              TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
