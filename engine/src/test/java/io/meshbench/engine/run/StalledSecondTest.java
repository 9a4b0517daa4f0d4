package io.meshbench.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.HistogramCodec;
import io.meshbench.engine.stats.IntervalSnapshot;
import io.meshbench.engine.stats.RunResult;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A second in which nothing succeeded has no latency: its percentiles are null, never 0 ms, which
 * would make the worst second of a run look like its best.
 */
class StalledSecondTest {
  private static final int RATE_RPS = 200;
  private static final long WARMUP_MS = 500;
  // Requests due in the first 0.8 s are answered: the stall begins 0.3 s into the first measured
  // second, so that second has successes and the two after it have none, unless this machine
  // delays an answer by more than 0.7 s.
  private static final long ANSWERED = RATE_RPS * 800 / 1000;

  @Test
  void aSecondWithoutASuccessHasNullPercentiles() throws Exception {
    AtomicLong received = new AtomicLong();
    RawServer.Handler answersThenHoldsEverySocket =
        (socket, in, out) -> {
          while (RawServer.readRequestHead(in)) {
            if (received.incrementAndGet() > ANSWERED) {
              RawServer.drain(in); // hold the socket: no answer, ever
              return;
            }
            out.write(RawServer.OK_EMPTY);
            out.flush();
          }
        };
    RunResult result;
    try (RawServer server = new RawServer(answersThenHoldsEverySocket)) {
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, server.url())
              .rateRps(RATE_RPS)
              .connections(2)
              .threads(1)
              .warmupMs(WARMUP_MS)
              .durationMs(3000)
              // Held requests time out within the run: the stalled seconds hold errors only.
              .timeoutMs(800)
              .build();
      result = new LoadRun(spec).run(RunListener.NONE);
    }

    List<IntervalSnapshot> series = result.timeseries();
    assertThat(series).extracting(IntervalSnapshot::tS).containsExactly(1.0, 2.0, 3.0);
    // Whatever the timing, a point has figures exactly when something succeeded in it.
    for (IntervalSnapshot p : series) {
      long successes = p.completed() - p.errors();
      assertThat(p.hasLatency()).as("%s", p).isEqualTo(successes > 0);
      assertThat(HistogramCodec.decode(p.histogram()).getTotalCount())
          .as("%s", p)
          .isEqualTo(successes);
    }

    IntervalSnapshot answered = series.get(0);
    assertThat(answered.completed()).isGreaterThan(answered.errors());
    assertThat(answered.rps()).isPositive();
    assertThat(answered.p50Ms()).isPositive();
    assertThat(answered.p90Ms()).isGreaterThanOrEqualTo(answered.p50Ms());
    assertThat(answered.p99Ms()).isGreaterThanOrEqualTo(answered.p90Ms());
    assertThat(answered.maxMs()).isGreaterThanOrEqualTo(answered.p99Ms());

    List<IntervalSnapshot> stalled = series.subList(1, 3);
    for (IntervalSnapshot p : stalled) {
      assertThat(p.rps()).as("%s", p).isZero();
      assertThat(p.completed()).as("%s", p).isEqualTo(p.errors());
      assertThat(p.p50Ms()).as("%s", p).isNull();
      assertThat(p.p90Ms()).as("%s", p).isNull();
      assertThat(p.p99Ms()).as("%s", p).isNull();
      assertThat(p.maxMs()).as("%s", p).isNull();
    }
    // The held requests timed out inside the stall: seconds of errors only, still no latency.
    assertThat(stalled.stream().mapToLong(IntervalSnapshot::errors).sum()).isPositive();
    assertThat(result.errorKinds()).containsKey("timeout");

    // In the document the fields stay, as null, so that readers of the schema see them.
    JsonNode json = new ObjectMapper().valueToTree(result).get("timeseries");
    for (int i = 1; i < 3; i++) {
      for (String field : List.of("p50_ms", "p90_ms", "p99_ms", "max_ms")) {
        assertThat(json.get(i).has(field)).as("%s of second %d", field, i + 1).isTrue();
        assertThat(json.get(i).get(field).isNull()).as("%s of second %d", field, i + 1).isTrue();
      }
    }
    assertThat(json.get(0).get("p99_ms").isNumber()).isTrue();
  }
}
