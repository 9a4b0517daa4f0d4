package io.meshbench.target;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2Settings;

/**
 * The pipeline of one connection on the HTTP port: a {@link ProtocolSniffer} reads the first bytes,
 * then installs h2c ({@link #addHttp2}, prior knowledge) or HTTP/1.1 ({@link #addHttp1}), which
 * also upgrades to a WebSocket echo at {@code /ws}.
 */
final class TargetServerInitializer extends ChannelInitializer<SocketChannel> {
  /** Streams one h2c connection may have open; as many as a client's --streams allows. */
  static final int MAX_CONCURRENT_STREAMS = 1000;

  private final TargetCounters counters;

  TargetServerInitializer(TargetCounters counters) {
    this.counters = counters;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline().addLast("sniffer", new ProtocolSniffer(counters));
  }

  /** Appends the HTTP/1.1 echo stages to a pipeline that carries raw bytes. */
  static void addHttp1(ChannelPipeline pipeline, TargetCounters counters) {
    pipeline.addLast("http1-codec", new HttpServerCodec());
    pipeline.addLast("http1-expect-continue", new HttpServerExpectContinueHandler());
    pipeline.addLast("ws-upgrade", new WebSocketUpgradeHandler(counters));
    pipeline.addLast("http1-inference", new InferenceHandler(counters)); // /v2/...
    pipeline.addLast("http1-echo", new Http1EchoHandler(counters));
  }

  /** Appends the h2c echo to a pipeline whose next bytes are the HTTP/2 connection preface. */
  static void addHttp2(ChannelPipeline pipeline, TargetCounters counters) {
    Http2EchoHandler echo = new Http2EchoHandler(counters);
    Http2ConnectionHandler codec =
        new Http2ConnectionHandlerBuilder()
            .server(true)
            .frameListener(echo)
            .initialSettings(
                Http2Settings.defaultSettings().maxConcurrentStreams(MAX_CONCURRENT_STREAMS))
            .build();
    echo.codec(codec);
    pipeline.addLast("h2-echo", codec);
  }
}
