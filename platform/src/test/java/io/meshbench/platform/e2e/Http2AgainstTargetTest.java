package io.meshbench.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

/** h2c load against the built-in target, which detects the preface on its HTTP port. */
class Http2AgainstTargetTest {
  private static TargetServer target;

  @BeforeAll
  static void start() {
    target = TargetServer.start(TargetConfig.defaults());
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  private static RunResult run(LoadSpec spec) throws InterruptedException {
    return new LoadRun(spec).run(RunListener.NONE);
  }

  private static LoadSpec.Builder spec(String query) {
    return LoadSpec.builder(Protocol.HTTP2, target.httpUrl() + query);
  }

  @Test
  void openModelHoldsTheRateWithoutErrorsAndExcludesWarmUp() throws Exception {
    long before = target.requests();
    RunResult result =
        run(spec("").rateRps(500).connections(4).streams(4).warmupMs(300).durationMs(2000).build());

    assertThat(result.scheduled()).isBetween(998L, 1002L);
    assertThat(result.sent()).isEqualTo(result.scheduled());
    assertThat(result.errors()).isZero();
    assertThat(result.statusCodes()).containsOnlyKeys("200");
    assertThat(result.throughputRps()).isCloseTo(500, within(500 * 0.03));
    assertThat(result.rateSustained()).isTrue();
    long warmup = target.requests() - before - result.requests();
    assertThat(warmup).isBetween(145L, 155L); // 300 ms at 500 rps: sent, not recorded
    assertThat(result.connects()).isEqualTo(4);
    assertThat(result.hasConnectTimes()).isTrue();
    assertThat(result.connectTimeMs().min()).isPositive();
    assertThat(result.bytesSent()).isPositive();
    assertThat(result.bytesReceived()).isPositive();
  }

  @Test
  void closedModelKeepsEveryStreamBusy() throws Exception {
    RunResult result =
        run(spec("?size=100").connections(2).streams(8).warmupMs(100).durationMs(1000).build());

    assertThat(result.errors()).isZero();
    assertThat(result.requests()).isGreaterThan(1000);
    assertThat(result.statusCodes()).containsExactly(Map.entry("200", result.requests()));
    assertThat(result.bytesReceived()).isGreaterThan(100 * result.requests());
    assertThat(result.connects()).isEqualTo(2);
  }

  @Test
  void statusKnobsGiveStatusErrorsWithCounts() throws Exception {
    RunResult result =
        run(
            spec("?status=503:100")
                .rateRps(200)
                .connections(2)
                .warmupMs(0)
                .durationMs(500)
                .build());

    assertThat(result.requests()).isBetween(98L, 102L);
    assertThat(result.errorKinds()).containsExactly(Map.entry("status_5xx", result.requests()));
    assertThat(result.statusCodes()).containsExactly(Map.entry("503", result.requests()));

    RunResult notFound =
        run(spec("?status=404").rateRps(200).connections(1).warmupMs(0).durationMs(300).build());
    assertThat(notFound.errorKinds()).containsExactly(Map.entry("status_4xx", notFound.requests()));
  }

  @Test
  void slowAnswersTimeOutAndResetOnlyTheirStream() throws Exception {
    RunResult result =
        run(
            spec("?delay=2s")
                .rateRps(20)
                .connections(1)
                .streams(4)
                .timeoutMs(100)
                .warmupMs(0)
                .durationMs(1000)
                .build());

    assertThat(result.requests()).isBetween(19L, 21L);
    assertThat(result.errorKinds()).containsExactly(Map.entry("timeout", result.requests()));
    // RST_STREAM cancels one stream: the connection stays up, nothing reconnects.
    assertThat(result.connects()).isEqualTo(1);
  }

  @Test
  void aTargetThatClosesAfterEachResponseIsReconnectedWithoutErrors() throws Exception {
    RunResult result =
        run(spec("?close=1").connections(1).streams(1).warmupMs(0).durationMs(500).build());

    assertThat(result.errors()).isZero();
    assertThat(result.requests()).isGreaterThan(10);
    assertThat(result.connects()).isGreaterThanOrEqualTo(result.requests());
  }
}
