package io.meshbench.engine.protocol.http2;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
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
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/2 server independent of meshbench's target: Netty's own frame codec and stream
 * multiplexer, one child channel per stream. Answers 200 after {@code delayMs}; the path {@code
 * /rst} gets RST_STREAM(INTERNAL_ERROR) instead; with {@code dropEvery} > 0 every n-th request
 * drops its whole connection without an answer. Records the most streams it saw open at once on one
 * connection.
 *
 * <p>Two ways of not processing a request, as RFC 9113 §8.7 allows: {@link #goingAwayAfter} rotates
 * connections as nginx's {@code keepalive_requests} does (after n answers on a connection, the next
 * request gets GOAWAY with the last answered stream as last-stream-id and no answer, and the
 * connection closes); {@link #refusingEvery} resets every n-th request with REFUSED_STREAM.
 */
final class NettyHttp2Server implements AutoCloseable {
  private static final AttributeKey<AtomicInteger> OPEN = AttributeKey.valueOf("open-streams");

  private static final AttributeKey<int[]> ANSWERED = AttributeKey.valueOf("answered");

  final AtomicInteger maxConcurrentStreams = new AtomicInteger();
  final AtomicLong requests = new AtomicLong();
  final AtomicLong connections = new AtomicLong();
  final AtomicLong goAways = new AtomicLong();
  final AtomicLong refused = new AtomicLong();
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;
  private final long delayMs;
  private final int dropEvery;
  private final int goAwayAfter;
  private final int refuseEvery;

  NettyHttp2Server(long delayMs, int dropEvery, Integer maxConcurrentStreamsSetting) {
    this(delayMs, dropEvery, maxConcurrentStreamsSetting, 0, 0);
  }

  /** Answers {@code responses} requests per connection at once, then goes away (see above). */
  static NettyHttp2Server goingAwayAfter(int responses) {
    return new NettyHttp2Server(0, 0, null, responses, 0);
  }

  /** Answers at once, but resets every {@code n}-th request with REFUSED_STREAM. */
  static NettyHttp2Server refusingEvery(int n) {
    return new NettyHttp2Server(0, 0, null, 0, n);
  }

  private NettyHttp2Server(
      long delayMs,
      int dropEvery,
      Integer maxConcurrentStreamsSetting,
      int goAwayAfter,
      int refuseEvery) {
    this.delayMs = delayMs;
    this.dropEvery = dropEvery;
    this.goAwayAfter = goAwayAfter;
    this.refuseEvery = refuseEvery;
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
                    ch.attr(ANSWERED).set(new int[2]); // answers so far, last answered stream
                    ch.pipeline()
                        .addLast(
                            Http2FrameCodecBuilder.forServer()
                                .initialSettings(settings)
                                // refusing thousands of streams is what it is here for
                                .encoderEnforceMaxRstFramesPerWindow(0, 0)
                                .build())
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
        ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.INTERNAL_ERROR));
        return;
      }
      if (refuseEvery > 0 && n % refuseEvery == 0) {
        refused.incrementAndGet();
        ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.REFUSED_STREAM));
        return;
      }
      int[] answered = connection.attr(ANSWERED).get();
      if (goAwayAfter > 0 && answered[0] >= goAwayAfter) {
        goAway(connection, answered[1]); // this stream is above it: never answered
        return;
      }
      answered[0]++;
      answered[1] = ((Http2StreamChannel) ctx.channel()).stream().id();
      if (delayMs == 0) { // at once: in order with a GOAWAY that may follow
        ctx.writeAndFlush(ok());
        return;
      }
      AtomicInteger open = connection.attr(OPEN).get();
      maxConcurrentStreams.accumulateAndGet(open.incrementAndGet(), Math::max);
      ctx.executor()
          .schedule(
              () -> {
                open.decrementAndGet();
                ctx.writeAndFlush(ok());
              },
              delayMs,
              TimeUnit.MILLISECONDS);
    }

    private static Http2HeadersFrame ok() {
      return new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200"), true);
    }
  }

  /** GOAWAY, then close: every stream up to {@code lastStreamId} has had its answer. */
  private void goAway(Channel connection, int lastStreamId) {
    goAways.incrementAndGet();
    Http2FrameCodec codec = connection.pipeline().get(Http2FrameCodec.class);
    codec
        .goAway(
            connection.pipeline().context(codec),
            lastStreamId,
            Http2Error.NO_ERROR.code(),
            Unpooled.EMPTY_BUFFER,
            connection.newPromise())
        .addListener(ChannelFutureListener.CLOSE);
    connection.flush();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
