package io.meshbench.engine.protocol.http2;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.engine.run.LoadRun;
import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.RunResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The h2c client against an HTTP/2 server built from Netty's own frame codec and multiplexer. */
class Http2AgainstNettyServerTest {

  private static RunResult run(LoadSpec spec) throws InterruptedException {
    return new LoadRun(spec).run(RunListener.NONE);
  }

  @Test
  void streamsAreMultiplexedOnOneConnection() throws Exception {
    try (NettyHttp2Server server = new NettyHttp2Server(20, 0, null)) {
      RunResult result =
          run(
              LoadSpec.builder(Protocol.HTTP2, server.url("/"))
                  .connections(1)
                  .streams(8)
                  .warmupMs(100)
                  .durationMs(1000)
                  .build());

      assertThat(result.errors()).isZero();
      assertThat(server.connections.get()).isEqualTo(1);
      assertThat(server.maxConcurrentStreams.get()).isEqualTo(8);
      // 8 streams of 20 ms each: up to 400 rps; one stream at a time would give at most 50.
      assertThat(result.throughputRps()).isBetween(100.0, 410.0);
    }
  }

  @Test
  void theServersStreamLimitIsRespected() throws Exception {
    try (NettyHttp2Server server = new NettyHttp2Server(20, 0, 2)) {
      RunResult result =
          run(
              LoadSpec.builder(Protocol.HTTP2, server.url("/"))
                  .connections(1)
                  .streams(8)
                  .warmupMs(100)
                  .durationMs(1000)
                  .build());

      assertThat(result.errors()).isZero();
      // Two streams of 20 ms: up to 100 rps; held to one, at most 50.
      assertThat(result.throughputRps()).isBetween(60.0, 101.0);
      assertThat(server.maxConcurrentStreams.get()).isEqualTo(2);
    }
  }

  @Test
  void rstStreamIsAResetOfThatRequestOnly() throws Exception {
    try (NettyHttp2Server server = new NettyHttp2Server(0, 0, null)) {
      RunResult result =
          run(
              LoadSpec.builder(Protocol.HTTP2, server.url("/rst"))
                  .rateRps(100)
                  .connections(1)
                  .streams(2)
                  .warmupMs(0)
                  .durationMs(500)
                  .build());

      assertThat(result.requests()).isBetween(49L, 51L);
      assertThat(result.errorKinds()).containsExactly(Map.entry("reset", result.requests()));
      assertThat(result.connects()).isEqualTo(1);
    }
  }

  /**
   * Open model, 100 rps over two connections (one loop each: 20 ms between a loop's sends, the last
   * one 10 ms or more before the end, so that a request handed back is sent again before the end).
   */
  private static LoadSpec retrySpec(String url) {
    return LoadSpec.builder(Protocol.HTTP2, url)
        .rateRps(100)
        .connections(2)
        .streams(8)
        .warmupMs(0)
        .durationMs(1500)
        .build();
  }

  @Test
  void streamsAboveGoAwaysLastStreamIdAreSentAgainNotErrors() throws Exception {
    try (NettyHttp2Server server = NettyHttp2Server.goingAwayAfter(10)) {
      RunResult result = run(retrySpec(server.url("/")));

      assertThat(server.goAways.get()).as("connections rotated").isGreaterThan(5);
      assertThat(result.errors()).as(result.errorKinds().toString()).isZero();
      assertThat(result.sent()).isEqualTo(result.scheduled());
      assertThat(result.requests()).isEqualTo(result.scheduled());
      assertThat(result.successes()).isEqualTo(result.scheduled());
      assertThat(result.connects()).isGreaterThan(2);
      // Each GOAWAY left one request unanswered, and it went out again.
      assertThat(server.requests.get()).isEqualTo(result.scheduled() + server.goAways.get());
    }
  }

  @Test
  void refusedStreamsAreSentAgainNotErrors() throws Exception {
    try (NettyHttp2Server server = NettyHttp2Server.refusingEvery(3)) {
      RunResult result = run(retrySpec(server.url("/")));

      assertThat(server.refused.get()).isGreaterThan(30);
      assertThat(result.errors()).as(result.errorKinds().toString()).isZero();
      assertThat(result.sent()).isEqualTo(result.scheduled());
      assertThat(result.requests()).isEqualTo(result.scheduled());
      assertThat(result.successes()).isEqualTo(result.scheduled());
      assertThat(server.requests.get()).isEqualTo(result.scheduled() + server.refused.get());
      assertThat(result.connects()).isEqualTo(2);
    }
  }

  @Test
  void aServerThatRefusesEveryStreamIsNotRetriedForEver() throws Exception {
    try (NettyHttp2Server server = NettyHttp2Server.refusingEvery(1)) {
      RunResult result =
          run(
              LoadSpec.builder(Protocol.HTTP2, server.url("/"))
                  .rateRps(100)
                  .connections(1)
                  .streams(4)
                  .warmupMs(0)
                  .durationMs(1000)
                  .build());

      // The first refusals in a row are resent; after that each is a reset.
      long scheduled = result.scheduled();
      assertThat(scheduled).isBetween(99L, 101L);
      assertThat(result.errorKinds()).containsOnlyKeys("reset");
      assertThat(result.errors()).isGreaterThanOrEqualTo(scheduled - 17);
      assertThat(server.requests.get()).isLessThanOrEqualTo(scheduled + 17);
    }
  }

  @Test
  void closedModelRefusedStreamsMakeRoomForNewRequests() throws Exception {
    try (NettyHttp2Server server = NettyHttp2Server.refusingEvery(3)) {
      RunResult result =
          run(
              LoadSpec.builder(Protocol.HTTP2, server.url("/"))
                  .connections(1)
                  .streams(4)
                  .warmupMs(0)
                  .durationMs(500)
                  .build());

      assertThat(result.errors()).as(result.errorKinds().toString()).isZero();
      assertThat(result.successes()).isPositive();
      assertThat(result.requests()).isEqualTo(result.sent()); // a refusal is not an outcome
    }
  }

  @Test
  void droppedConnectionsAreResetsAndReopened() throws Exception {
    try (NettyHttp2Server server = new NettyHttp2Server(0, 25, null)) {
      RunResult result =
          run(
              LoadSpec.builder(Protocol.HTTP2, server.url("/"))
                  .rateRps(400)
                  .connections(2)
                  .warmupMs(0)
                  .durationMs(1000)
                  .build());

      assertThat(result.requests()).isBetween(398L, 402L);
      long drops = server.requests.get() / 25;
      assertThat(result.errorKinds()).containsOnlyKeys("reset");
      assertThat(result.errorKinds().get("reset")).isBetween(drops - 2, drops + 2);
      assertThat(result.connects()).isGreaterThanOrEqualTo(2 + drops - 2);
      assertThat(result.successes()).isGreaterThan(350);
    }
  }
}
