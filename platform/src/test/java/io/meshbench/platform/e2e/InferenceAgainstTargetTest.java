package io.meshbench.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.meshbench.engine.run.LoadRun;
import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.target.TargetConfig;
import io.meshbench.target.TargetServer;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole {@code ml} runs of the engine against the built-in target's inference routes. */
class InferenceAgainstTargetTest {

  private static LoadSpec.Builder spec(String url, Map<String, String> options) {
    return LoadSpec.builder(Protocol.ML, url)
        .connections(4)
        .warmupMs(300)
        .durationMs(2000)
        .options(options);
  }

  private static RunResult run(LoadSpec spec) throws InterruptedException {
    return new LoadRun(spec).run(RunListener.NONE);
  }

  @Test
  void openModelAgainstTheBuiltInTargetHoldsTheRateAndCountsInferences() throws Exception {
    try (TargetServer target = TargetServer.start(TargetConfig.defaults())) {
      LoadSpec spec = spec(target.httpUrl(), Map.of("batch_size", "8")).rateRps(500).build();
      RunResult r = run(spec);

      assertThat(r.errors()).as(r.errorKinds() + " " + r.firstError()).isZero();
      assertThat(r.statusCodes()).isEqualTo(Map.of("200", r.requests()));
      assertThat(r.throughputRps()).as("%s", r.timeseries()).isCloseTo(500, within(500 * 0.03));
      assertThat(r.sent()).isEqualTo(r.scheduled());
      assertThat(r.inferencesPerS()).isCloseTo(r.throughputRps() * 8, within(1e-9));
      assertThat(r.firstError()).isNull();
      // Warm-up requests reached the target but are not in the result.
      assertThat(target.requests() - 2)
          .as("minus the readiness checks")
          .isGreaterThan(r.requests());
      assertThat(r.requests()).isBetween(998L, 1002L);
    }
  }

  @Test
  void aModelOfAnotherWidthFailsTheRunBeforeItStarts() throws Exception {
    try (TargetServer target = TargetServer.start(TargetConfig.defaults())) {
      LoadSpec spec = spec(target.httpUrl(), Map.of("features", "32")).build();

      assertThatThrownBy(() -> run(spec))
          .isInstanceOf(UncheckedIOException.class)
          .cause()
          .hasMessageContaining("'meshbench-mlp' takes 16 features per row")
          .hasMessageContaining("features is 32");
      assertThat(target.requests()).as("only the two checks").isEqualTo(2);
    }
  }
}
