package io.meshbench.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meshbench.engine.protocol.grpc.GrpcClient;
import io.meshbench.engine.run.LoadRun;
import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.target.TargetConfig;
import io.meshbench.target.TargetServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whole gRPC runs against the built-in target's echo service on a loopback port. */
class GrpcBuiltInTargetTest {
  private static TargetServer target;

  @BeforeAll
  static void startTarget() {
    target = TargetServer.start(TargetConfig.defaults().withGrpcPort(0));
  }

  @AfterAll
  static void stopTarget() {
    target.close();
  }

  private static LoadSpec.Builder spec(String mode) {
    return LoadSpec.builder(Protocol.GRPC, target.grpcTarget())
        .connections(4)
        .warmupMs(300)
        .durationMs(2000)
        .timeoutMs(2000)
        .options(Map.of(GrpcClient.MODE_OPTION, mode));
  }

  private static RunResult run(LoadSpec spec) throws InterruptedException {
    return new LoadRun(spec).run(RunListener.NONE);
  }

  @Test
  void unaryOpenModelKeepsTheRateWithoutErrors() throws Exception {
    RunResult r = run(spec("unary").rateRps(500).build());

    assertThat(r.errors()).as(r.errorKinds().toString()).isZero();
    assertThat(r.scheduled()).isBetween(998L, 1002L);
    assertThat(r.requests())
        .as(r.toString().replaceAll("histogram.*timeseries", ""))
        .isEqualTo(r.sent())
        .isEqualTo(r.scheduled());
    assertThat(r.throughputRps()).isCloseTo(500, within(500 * 0.03));
    assertThat(r.rateSustained()).isTrue();
    assertThat(r.statusCodes()).containsExactly(Map.entry("OK", r.requests()));
    assertThat(r.bytesSent()).isEqualTo(r.sent() * (5 + 0));
  }

  @Test
  void messagesLargerThanGrpcsDefaultLimitAreEchoed() throws Exception {
    // 5 MB: above gRPC's 4 MiB default for what a server takes in.
    RunResult r =
        run(
            spec("unary")
                .connections(1)
                .rateRps(4)
                .payloadBytes(5_000_000)
                .durationMs(1000)
                .build());

    assertThat(r.errors()).as(r.errorKinds().toString()).isZero();
    assertThat(r.requests()).isEqualTo(r.scheduled()).isPositive();
  }

  @Test
  void closedModelKeepsEveryStreamOfEveryConnectionBusy() throws Exception {
    // Every call takes 20 ms at the target, so 2 connections x 4 streams allow at most 400 calls
    // per second; one call per connection at a time would allow only 100.
    RunResult r =
        run(
            spec("unary")
                .connections(2)
                .streams(4)
                .durationMs(1000)
                .headers(Map.of("delay", "20ms"))
                .build());

    assertThat(r.errors()).as(r.errorKinds().toString()).isZero();
    assertThat(r.connects()).isEqualTo(2);
    assertThat(r.throughputRps()).isBetween(200.0, 400.0);
    assertThat(r.latencyMs().min()).isGreaterThanOrEqualTo(20.0);
  }

  @Test
  void bidiCountsEveryMessageAsARequest() throws Exception {
    long before = target.requests();
    RunResult r = run(spec("bidi").rateRps(400).connections(2).streams(2).build());

    assertThat(r.errors()).as(r.errorKinds().toString()).isZero();
    assertThat(r.requests()).isBetween(798L, 802L);
    assertThat(r.throughputRps()).isCloseTo(400, within(400 * 0.03));
    assertThat(r.statusCodes()).containsExactly(Map.entry("OK", r.requests()));
    // Messages, warm-up included, each reached the target once.
    assertThat(target.requests() - before).isBetween(r.requests() + 115, r.requests() + 125);
  }

  @Test
  void serverStreamCompletesACallAtItsLastMessage() throws Exception {
    Map<String, String> options =
        Map.of(GrpcClient.MODE_OPTION, "server-stream", GrpcClient.STREAM_MESSAGES_OPTION, "5");
    RunResult r =
        run(
            spec("server-stream")
                .rateRps(200)
                .payloadBytes(3)
                .headers(Map.of("size", "100"))
                .options(options)
                .build());

    assertThat(r.errors()).as(r.errorKinds().toString()).isZero();
    assertThat(r.requests()).isBetween(398L, 402L);
    // Five responses of 100 payload bytes (+ tag and length) and gRPC's 5-byte prefix, per call.
    assertThat(r.bytesReceived()).isEqualTo(r.requests() * 5 * (100 + 2 + 5));
  }

  @Test
  void statusKnobIsCountedPerCodeAsAGrpcStatusError() throws Exception {
    RunResult r =
        run(
            spec("unary")
                .rateRps(200)
                .durationMs(1000)
                .headers(Map.of("status", "UNAVAILABLE:50"))
                .build());

    long unavailable = r.statusCodes().get("UNAVAILABLE");
    assertThat(r.requests()).isBetween(198L, 202L);
    assertThat(r.statusCodes()).containsOnlyKeys("OK", "UNAVAILABLE");
    assertThat(unavailable + r.statusCodes().get("OK")).isEqualTo(r.requests());
    assertThat(unavailable).isBetween(60L, 140L); // 50 % of 200, well inside the binomial spread
    // UNAVAILABLE is gRPC's 503: the same kind an HTTP run reports for a 503.
    assertThat(r.errorKinds()).containsExactly(Map.entry("status_5xx", unavailable));
  }

  @Test
  void aDelayBeyondTheDeadlineIsATimeout() throws Exception {
    RunResult r =
        run(
            spec("unary")
                .rateRps(40) // 4 connections whose calls all last 50 ms carry up to 80 per second
                .durationMs(500)
                .timeoutMs(50)
                .headers(Map.of("delay", "200ms"))
                .build());

    assertThat(r.requests()).isBetween(19L, 21L);
    assertThat(r.errorKinds()).containsExactly(Map.entry("timeout", r.requests()));
    assertThat(r.statusCodes()).doesNotContainKey("OK");
  }

  @Test
  void warmUpCallsAreSentButNotRecorded() throws Exception {
    long before = target.requests();
    RunResult r = run(spec("unary").rateRps(400).warmupMs(1000).durationMs(1000).build());

    assertThat(r.requests()).isBetween(398L, 402L);
    assertThat(target.requests() - before - r.requests()).isBetween(395L, 405L);
  }
}
