package io.meshbench.platform.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.run.RunProgress;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.HistogramCodec;
import io.meshbench.engine.stats.IntervalSnapshot;
import io.meshbench.engine.stats.LatencyStats;
import io.meshbench.platform.cluster.WorkerProtocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ProgressRelayTest {
  private final List<RunProgress> relayed = new ArrayList<>();
  private final RunListener listener =
      new RunListener() {
        @Override
        public void onProgress(RunProgress progress) {
          relayed.add(progress);
        }
      };
  private final LoadSpec workerSpec =
      LoadSpec.builder(Protocol.HTTP, "http://127.0.0.1:8080/")
          .rateRps(100)
          .warmupMs(1000)
          .durationMs(5000)
          .build();

  @Test
  void theWorkersSecondsAddUpExactly() {
    // Two workers with different latency shapes: a fast one and one with a slow tail.
    Histogram fast = histogram(1_000, 100, 200);
    Histogram slow = histogram(100, 5_000, 50_000);
    Map<String, WorkerProtocol.Progress> latest = new LinkedHashMap<>();
    latest.put("w0", measuring(2.0, second(fast, 3), 1_000, 3));
    latest.put("w1", measuring(2.1, second(slow, 1), 100, 1));

    new ProgressRelay(listener, workerSpec).relay(latest);

    Histogram all = fast.copy();
    all.add(slow);
    LatencyStats expected = LatencyStats.ofMicros(all);
    IntervalSnapshot interval = relayed.get(0).interval();
    assertThat(interval.p50Ms()).isEqualTo(expected.p50());
    assertThat(interval.p90Ms()).isEqualTo(expected.p90());
    assertThat(interval.p99Ms()).isEqualTo(expected.p99());
    assertThat(interval.maxMs()).isEqualTo(expected.max());
    assertThat(interval.completed()).isEqualTo(1_100 + 4);
    assertThat(interval.errors()).isEqualTo(4);
    assertThat(relayed.get(0).requests()).isEqualTo(1_100 + 4);
    assertThat(relayed.get(0).phase()).isEqualTo(RunProgress.Phase.MEASURING);
  }

  @Test
  void duringWarmUpThereIsNoSecondToReport() {
    Map<String, WorkerProtocol.Progress> latest =
        Map.of("w0", new WorkerProtocol.Progress("warmup", 0.5, 6.0, 0, 0, 0, null, null));

    new ProgressRelay(listener, workerSpec).relay(latest);

    assertThat(relayed.get(0).interval()).isNull();
    assertThat(relayed.get(0).phase()).isEqualTo(RunProgress.Phase.WARMUP);
  }

  @Test
  void aProgressLineCarriesItsSecondThroughTheLog() {
    IntervalSnapshot second = second(histogram(10, 300, 400), 0);
    String line =
        WorkerProtocol.progressLine(
            new RunProgress(RunProgress.Phase.MEASURING, 2.0, 6.0, second, 10, 0));

    WorkerProtocol.Progress parsed = WorkerProtocol.parse(line).progress();

    assertThat(parsed.interval()).isEqualTo(second);
  }

  @Test
  void aWorkerWithoutASuccessLeavesTheOthersSecondAndAllStalledHaveNoLatency() {
    Histogram answered = histogram(500, 300, 4_000);
    IntervalSnapshot stalled = IntervalSnapshot.of(1.0, 0, 2, 2, empty(), empty());
    Map<String, WorkerProtocol.Progress> latest = new LinkedHashMap<>();
    latest.put("w0", measuring(2.0, stalled, 0, 2));
    latest.put("w1", measuring(2.0, second(answered, 0), 500, 0));

    ProgressRelay relay = new ProgressRelay(listener, workerSpec);
    relay.relay(latest);

    LatencyStats expected = LatencyStats.ofMicros(answered);
    IntervalSnapshot one = relayed.get(0).interval();
    assertThat(one.p50Ms()).isEqualTo(expected.p50());
    assertThat(one.p99Ms()).isEqualTo(expected.p99());
    assertThat(one.maxMs()).isEqualTo(expected.max());
    assertThat(one.completed()).isEqualTo(502);
    assertThat(one.errors()).isEqualTo(2);

    latest.put("w1", measuring(3.0, IntervalSnapshot.of(2.0, 0, 0, 0, empty(), empty()), 500, 0));
    relay.relay(latest);

    IntervalSnapshot none = relayed.get(1).interval();
    assertThat(none.p50Ms()).isNull();
    assertThat(none.p90Ms()).isNull();
    assertThat(none.p99Ms()).isNull();
    assertThat(none.maxMs()).isNull();
    assertThat(none.completed()).isEqualTo(2);
  }

  @Test
  void aSecondWithoutASuccessTravelsThroughTheLogAsNull() {
    IntervalSnapshot stalled = IntervalSnapshot.of(3.0, 0, 4, 4, empty(), empty());
    String line =
        WorkerProtocol.progressLine(
            new RunProgress(RunProgress.Phase.MEASURING, 3.0, 6.0, stalled, 14, 4));

    assertThat(line).contains("\"p99_ms\":null", "\"p50_ms\":null", "\"max_ms\":null");
    WorkerProtocol.Progress parsed = WorkerProtocol.parse(line).progress();
    assertThat(parsed.p99Ms()).isNull();
    assertThat(parsed.interval()).isEqualTo(stalled);

    // A line of an older worker, with 0 in place of null, still reads.
    WorkerProtocol.Progress old =
        WorkerProtocol.parse(
                "MESHBENCH_PROGRESS {\"phase\":\"measuring\",\"elapsed_s\":3.0,"
                    + "\"planned_s\":6.0,\"requests\":14,\"errors\":4,\"rps\":0.0,"
                    + "\"p99_ms\":0.0,\"interval\":{\"t_s\":3.0,\"rps\":0.0,\"completed\":4,"
                    + "\"errors\":4,\"p50_ms\":0.0,\"p90_ms\":0.0,\"p99_ms\":0.0,\"max_ms\":0.0}}")
            .progress();
    assertThat(old.p99Ms()).isZero();
    assertThat(old.interval().maxMs()).isZero();
  }

  private static Histogram empty() {
    return HistogramCodec.newHistogram();
  }

  /** {@code count} values spread evenly from {@code fromUs} to {@code toUs}. */
  private static Histogram histogram(int count, long fromUs, long toUs) {
    Histogram h = HistogramCodec.newHistogram();
    for (int i = 0; i < count; i++) {
      h.recordValue(fromUs + (toUs - fromUs) * i / Math.max(1, count - 1));
    }
    return h;
  }

  private static IntervalSnapshot second(Histogram h, long errors) {
    LatencyStats s = LatencyStats.ofMicros(h);
    return new IntervalSnapshot(
        1.0,
        h.getTotalCount(),
        h.getTotalCount() + errors,
        errors,
        s.p50(),
        s.p90(),
        s.p99(),
        s.max(),
        HistogramCodec.encode(h),
        HistogramCodec.encode(h));
  }

  private static WorkerProtocol.Progress measuring(
      double elapsedS, IntervalSnapshot second, long successes, long errors) {
    return new WorkerProtocol.Progress(
        "measuring",
        elapsedS,
        6.0,
        successes + errors,
        errors,
        second.rps(),
        second.p99Ms(),
        second);
  }
}
