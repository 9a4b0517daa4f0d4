package io.meshbench.engine.target;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;

/**
 * The pipeline of one connection on the HTTP port. Today every connection speaks HTTP/1.1. The port
 * is meant to carry h2c (prior knowledge), WebSocket at /ws and inference at /v2/ as well: those
 * arrive by replacing the body of {@link #initChannel} with a detector that sniffs the HTTP/2
 * preface and then calls {@link #addHttp1} or installs the HTTP/2 stages.
 */
final class TargetServerInitializer extends ChannelInitializer<SocketChannel> {
  private final TargetCounters counters;

  TargetServerInitializer(TargetCounters counters) {
    this.counters = counters;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    addHttp1(ch.pipeline(), counters);
  }

  /** Appends the HTTP/1.1 echo stages to a pipeline that carries raw bytes. */
  static void addHttp1(ChannelPipeline pipeline, TargetCounters counters) {
    pipeline.addLast("http1-codec", new HttpServerCodec());
    pipeline.addLast("http1-expect-continue", new HttpServerExpectContinueHandler());
    pipeline.addLast("http1-inference", new InferenceHandler(counters)); // /v2/...
    pipeline.addLast("http1-echo", new Http1EchoHandler(counters));
  }
}
