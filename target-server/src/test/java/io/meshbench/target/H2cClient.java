package io.meshbench.target;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrame;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A minimal h2c (prior knowledge) client for tests: one connection, one request at a time. */
final class H2cClient implements AutoCloseable {
  private static final long TIMEOUT_MS = 10_000;

  record Response(int status, String contentType, byte[] body) {}

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel channel;

  H2cClient(int port) throws InterruptedException {
    channel =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(
                new io.netty.channel.ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast(Http2FrameCodecBuilder.forClient().build())
                        .addLast(new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                  }
                })
            .connect("127.0.0.1", port)
            .sync()
            .channel();
  }

  /** Sends one request (no body when {@code body} is null) and waits for the whole response. */
  Response send(String method, String pathAndQuery, byte[] body, String contentType)
      throws Exception {
    CompletableFuture<Response> done = new CompletableFuture<>();
    Http2StreamChannel stream =
        new Http2StreamChannelBootstrap(channel)
            .handler(new Collector(done))
            .open()
            .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    Http2Headers headers =
        new DefaultHttp2Headers()
            .method(method)
            .path(pathAndQuery)
            .scheme("http")
            .authority("127.0.0.1");
    if (contentType != null) {
      headers.set("content-type", contentType);
    }
    ChannelFutureListener failTheResponse =
        f -> {
          if (!f.isSuccess()) {
            done.completeExceptionally(f.cause());
          }
        };
    stream.write(new DefaultHttp2HeadersFrame(headers, body == null)).addListener(failTheResponse);
    if (body != null) {
      stream
          .write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body), true))
          .addListener(failTheResponse);
    }
    stream.flush();
    return done.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  private static final class Collector extends SimpleChannelInboundHandler<Http2StreamFrame> {
    private final CompletableFuture<Response> done;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status;
    private String contentType;

    Collector(CompletableFuture<Response> done) {
      this.done = done;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
      boolean end = false;
      if (frame instanceof Http2HeadersFrame h) {
        status = Integer.parseInt(h.headers().status().toString());
        CharSequence type = h.headers().get("content-type");
        contentType = type == null ? null : type.toString();
        end = h.isEndStream();
      } else if (frame instanceof Http2DataFrame d) {
        body.writeBytes(ByteBufUtil.getBytes(d.content()));
        end = d.isEndStream();
      }
      if (end) {
        done.complete(new Response(status, contentType, body.toByteArray()));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      done.completeExceptionally(cause);
    }
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(TIMEOUT_MS);
    group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(TIMEOUT_MS);
  }
}
