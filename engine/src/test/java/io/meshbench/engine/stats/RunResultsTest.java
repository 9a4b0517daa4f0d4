package io.meshbench.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RunResultsTest {
  private static final double DURATION_S = 10;

  /** Latencies and service times of one worker, in microseconds. */
  private record Values(long[] correctedMicros, long[] serviceMicros) {
    static Values random(long seed, int n) {
      SplittableRandom random = new SplittableRandom(seed);
      long[] corrected = new long[n];
      long[] service = new long[n];
      for (int i = 0; i < n; i++) {
        service[i] = 50 + (long) (-Math.log(1 - random.nextDouble()) * 800);
        corrected[i] = service[i] + (random.nextInt(50) == 0 ? random.nextInt(2_000_000) : 0);
      }
      return new Values(corrected, service);
    }

    Values plus(Values other) {
      return new Values(
          concat(correctedMicros, other.correctedMicros),
          concat(serviceMicros, other.serviceMicros));
    }
  }

  @Test
  void mergingTwoWorkersEqualsOneWorkerThatSawEverything() {
    Values a = Values.random(1, 20_000);
    Values b = Values.random(2, 7_000);
    Map<String, Long> errorsA = Map.of("connect", 2L, "status_5xx", 5L);
    Map<String, Long> errorsB = Map.of("status_5xx", 3L, "timeout", 1L);
    RunResult partA =
        result(
            a,
            errorsA,
            Map.of("200", 20_000L, "503", 5L),
            List.of(point(1, 2000, 3, 1.0, 9.0, 20.0), point(2, 2100, 4, 1.5, 8.0, 30.0)),
            400,
            0.5,
            true,
            false);
    RunResult partB =
        result(
            b,
            errorsB,
            Map.of("200", 7_000L, "503", 3L),
            List.of(point(1, 700, 0, 2.0, 7.0, 25.0), point(3, 650, 1, 1.0, 6.0, 10.0)),
            300,
            0.25,
            false,
            true);

    RunResult merged = RunResults.merge(List.of(partA, partB));

    Values all = a.plus(b);
    Histogram allCorrected = histogram(all.correctedMicros());
    Histogram allService = histogram(all.serviceMicros());
    long errors = 2 + 5 + 3 + 1;
    long successes = 27_000;

    assertThat(HistogramCodec.decode(merged.histogram())).isEqualTo(allCorrected);
    assertThat(HistogramCodec.decode(merged.serviceHistogram())).isEqualTo(allService);
    assertThat(merged.latencyMs()).isEqualTo(LatencyStats.ofMicros(allCorrected));
    assertThat(merged.serviceTimeMs()).isEqualTo(LatencyStats.ofMicros(allService));
    Histogram allConnect = histogram(concat(connectMicros(a), connectMicros(b)));
    assertThat(HistogramCodec.decode(merged.connectHistogram())).isEqualTo(allConnect);
    assertThat(merged.connectTimeMs()).isEqualTo(LatencyStats.ofMicros(allConnect));
    for (String key :
        List.of(
            "min", "mean", "stdev", "p50", "p75", "p90", "p95", "p99", "p99_9", "p99_99", "max")) {
      assertThat(merged.latencyMs().byKey(key))
          .as(key)
          .isEqualTo(LatencyStats.ofMicros(allCorrected).byKey(key));
    }

    assertThat(merged.requests()).isEqualTo(successes + errors);
    assertThat(merged.errors()).isEqualTo(errors);
    assertThat(merged.successes()).isEqualTo(successes);
    assertThat(merged.errorKinds())
        .containsExactlyInAnyOrderEntriesOf(Map.of("connect", 2L, "status_5xx", 8L, "timeout", 1L));
    assertThat(merged.statusCodes())
        .containsExactlyInAnyOrderEntriesOf(Map.of("200", 27_000L, "503", 8L));
    assertThat(merged.scheduled()).isEqualTo(partA.scheduled() + partB.scheduled());
    assertThat(merged.sent()).isEqualTo(partA.sent() + partB.sent());
    assertThat(merged.bytesSent()).isEqualTo(partA.bytesSent() + partB.bytesSent());
    assertThat(merged.bytesReceived()).isEqualTo(partA.bytesReceived() + partB.bytesReceived());
    assertThat(merged.connections()).isEqualTo(8 + 8);
    assertThat(merged.connects()).isEqualTo(partA.connects() + partB.connects());
    assertThat(merged.requestedRateRps()).isEqualTo(700);
    assertThat(merged.durationS()).isEqualTo(DURATION_S);
    assertThat(merged.throughputRps()).isCloseTo(successes / DURATION_S, within(1e-9));
    assertThat(merged.sendRateRps()).isCloseTo(merged.sent() / DURATION_S, within(1e-9));
    assertThat(merged.maxLagMs()).isEqualTo(Math.max(partA.maxLagMs(), partB.maxLagMs()));
    assertThat(merged.rateSustained()).as("one part fell behind").isFalse();
    assertThat(merged.loadgenSaturated()).as("one part was saturated").isTrue();
    assertThat(merged.loadgenCpuPercent()).isCloseTo(37.5, within(0.05));

    // Points with the same t_s add their counts; percentiles are the worst part's (interval
    // histograms do not travel); a point only one part has passes through.
    assertThat(merged.timeseries())
        .containsExactly(
            point(1, 2700, 3, 2.0, 9.0, 25.0),
            point(2, 2100, 4, 1.5, 8.0, 30.0),
            point(3, 650, 1, 1.0, 6.0, 10.0));
  }

  @Test
  void mergeIsIndependentOfOrder() {
    RunResult a =
        result(
            Values.random(3, 5000),
            Map.of("reset", 1L),
            Map.of("200", 5000L),
            List.of(),
            0,
            0,
            true,
            false);
    RunResult b =
        result(
            Values.random(4, 6000), Map.of(), Map.of("200", 6000L), List.of(), 0, 0, true, false);
    RunResult c =
        result(
            Values.random(5, 100),
            Map.of("protocol", 2L),
            Map.of("200", 100L),
            List.of(),
            0,
            0,
            true,
            false);
    RunResult abc = RunResults.merge(List.of(a, b, c));
    RunResult cba = RunResults.merge(List.of(c, RunResults.merge(List.of(b, a))));
    assertThat(HistogramCodec.decode(cba.histogram()))
        .isEqualTo(HistogramCodec.decode(abc.histogram()));
    assertThat(cba.latencyMs()).isEqualTo(abc.latencyMs());
    assertThat(cba.serviceTimeMs()).isEqualTo(abc.serviceTimeMs());
    assertThat(cba.errorKinds()).isEqualTo(abc.errorKinds());
    assertThat(cba.requests()).isEqualTo(abc.requests()).isEqualTo(11_103);
  }

  @Test
  void oneResultMergesToItselfAndNoneIsRejected() {
    RunResult a =
        result(Values.random(6, 10), Map.of(), Map.of("200", 10L), List.of(), 0, 0, true, false);
    assertThat(RunResults.merge(List.of(a))).isEqualTo(a);
    assertThatThrownBy(() -> RunResults.merge(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void inferencesAddLikeThroughputAndTheFirstErrorTextIsKept() {
    RunResult a =
        result(Values.random(7, 3000), Map.of(), Map.of(), List.of(), 0, 0, true, false)
            .withProtocolFigures(8, null);
    RunResult b =
        result(Values.random(8, 1000), Map.of(), Map.of(), List.of(), 0, 0, true, false)
            .withProtocolFigures(8, "HTTP 400: bad input");
    RunResult plain =
        result(Values.random(9, 10), Map.of(), Map.of(), List.of(), 0, 0, true, false);
    assertThat(a.inferencesPerS()).isEqualTo(a.throughputRps() * 8);

    RunResult together = RunResults.merge(List.of(a, b));
    assertThat(together.inferencesPerS())
        .isCloseTo(together.throughputRps() * 8, within(1e-9))
        .isCloseTo(a.inferencesPerS() + b.inferencesPerS(), within(1e-9));
    assertThat(together.firstError()).isEqualTo("HTTP 400: bad input");

    RunResult inTurn = RunResults.mergeSequential(List.of(a, b));
    assertThat(inTurn.inferencesPerS()).isCloseTo(inTurn.throughputRps() * 8, within(1e-9));

    RunResult none = RunResults.merge(List.of(plain, plain));
    assertThat(none.inferencesPerS()).isNull();
    assertThat(none.firstError()).isNull();
  }

  @Test
  void aPartWithoutASuccessInASecondLeavesTheOtherPartsFigures() {
    // Older points without interval histograms: the worse of the parts' figures, where a part
    // without a success (null) has no figure to offer; null only when no part had a success.
    IntervalSnapshot stalled = new IntervalSnapshot(1, 0, 4, 4, null, null, null, null);
    IntervalSnapshot answered = new IntervalSnapshot(1, 500, 500, 0, 1.0, 2.0, 3.0, 9.0);
    IntervalSnapshot expected = new IntervalSnapshot(1, 500, 504, 4, 1.0, 2.0, 3.0, 9.0);
    assertThat(RunResults.combine(stalled, answered)).isEqualTo(expected);
    assertThat(RunResults.combine(answered, stalled)).isEqualTo(expected);
    assertThat(RunResults.combine(stalled, stalled))
        .isEqualTo(new IntervalSnapshot(1, 0, 8, 8, null, null, null, null));
    IntervalSnapshot higherTail = new IntervalSnapshot(1, 100, 100, 0, 0.5, 4.0, 7.0, 8.0);
    assertThat(RunResults.combine(answered, higherTail))
        .isEqualTo(new IntervalSnapshot(1, 600, 600, 0, 1.0, 4.0, 7.0, 9.0));

    // Through a merge of two workers' results, the same.
    RunResult a =
        result(
            Values.random(10, 100),
            Map.of("timeout", 4L),
            Map.of(),
            List.of(stalled, point(2, 90, 0, 1.0, 3.0, 4.0)),
            0,
            0,
            true,
            false);
    RunResult b =
        result(
            Values.random(11, 100),
            Map.of(),
            Map.of(),
            List.of(answered, new IntervalSnapshot(2, 0, 0, 0, null, null, null, null)),
            0,
            0,
            true,
            false);
    assertThat(RunResults.merge(List.of(a, b)).timeseries())
        .containsExactly(expected, point(2, 90, 0, 1.0, 3.0, 4.0));
  }

  @Test
  void pointsWithHistogramsAreReadAgainFromTheSumAndAnEmptySumHasNoFigures() {
    Histogram empty = HistogramCodec.newHistogram();
    Histogram values = histogram(Values.random(12, 1000).correctedMicros());
    IntervalSnapshot stalled = IntervalSnapshot.of(1, 0, 3, 3, empty, empty);
    IntervalSnapshot answered = IntervalSnapshot.of(1, 1000, 1000, 0, values, values);
    assertThat(stalled.p50Ms()).isNull();
    assertThat(stalled.p90Ms()).isNull();
    assertThat(stalled.p99Ms()).isNull();
    assertThat(stalled.maxMs()).isNull();
    assertThat(stalled.hasLatency()).isFalse();
    assertThat(stalled.hasHistograms()).isTrue();
    assertThat(answered.p99Ms()).isEqualTo(LatencyStats.ofMicros(values).p99());

    IntervalSnapshot merged = RunResults.combine(stalled, answered);
    LatencyStats expected = LatencyStats.ofMicros(values);
    assertThat(merged.completed()).isEqualTo(1003);
    assertThat(merged.errors()).isEqualTo(3);
    assertThat(merged.p50Ms()).isEqualTo(expected.p50());
    assertThat(merged.p90Ms()).isEqualTo(expected.p90());
    assertThat(merged.p99Ms()).isEqualTo(expected.p99());
    assertThat(merged.maxMs()).isEqualTo(expected.max());
    IntervalSnapshot reversed = RunResults.combine(answered, stalled);
    assertThat(List.of(reversed.p50Ms(), reversed.p90Ms(), reversed.p99Ms(), reversed.maxMs()))
        .isEqualTo(List.of(merged.p50Ms(), merged.p90Ms(), merged.p99Ms(), merged.maxMs()));

    IntervalSnapshot bothStalled = RunResults.combine(stalled, stalled);
    assertThat(bothStalled.completed()).isEqualTo(6);
    assertThat(bothStalled.p99Ms()).isNull();
    assertThat(bothStalled.maxMs()).isNull();
    assertThat(bothStalled.hasHistograms()).isTrue();
  }

  /** Two workers stopped together: their cut-short last seconds are one point of the merge. */
  @Test
  void cutShortSecondsOfWorkersStoppedTogetherAreOnePoint() {
    Values a = Values.random(3, 1_000);
    Values b = Values.random(4, 1_000);
    RunResult partA = stoppedAfterOneSecond(a, 1.44, 450);
    RunResult partB = stoppedAfterOneSecond(b, 1.45, 440);
    List<IntervalSnapshot> merged = RunResults.merge(List.of(partA, partB)).timeseries();
    assertThat(merged).hasSize(2);
    assertThat(merged.get(0).tS()).isEqualTo(1.0);
    assertThat(merged.get(1).tS()).isBetween(1.44, 1.45);
    assertThat(merged.get(1).rps()).isEqualTo(890.0);
  }

  /** A worker stopped at {@code cutShortTS}: one whole second, then its cut-short one. */
  private static RunResult stoppedAfterOneSecond(Values values, double cutShortTS, long rps) {
    return result(
        values,
        Map.of(),
        Map.of("200", 1_000L),
        List.of(point(1, 500, 0, 1.0, 2.0, 3.0), point(cutShortTS, rps, 0, 1.0, 2.0, 3.0)),
        500,
        0,
        true,
        false);
  }

  /** A worker's result, built the way the engine builds one: from encoded histograms. */
  private static RunResult result(
      Values values,
      Map<String, Long> errorKinds,
      Map<String, Long> statusCodes,
      List<IntervalSnapshot> timeseries,
      double requestedRateRps,
      double maxLagMs,
      boolean sustained,
      boolean saturated) {
    Histogram corrected = histogram(values.correctedMicros());
    Histogram service = histogram(values.serviceMicros());
    Histogram connect = histogram(connectMicros(values));
    long successes = corrected.getTotalCount();
    long errors = errorKinds.values().stream().mapToLong(Long::longValue).sum();
    long sent = successes + errors;
    return new RunResult(
        successes + errors,
        errors,
        errorKinds,
        statusCodes,
        sent + 3,
        sent,
        maxLagMs,
        sustained,
        requestedRateRps,
        sent / DURATION_S,
        DURATION_S,
        successes / DURATION_S,
        sent * 100,
        successes * 40,
        8,
        8 + errors,
        LatencyStats.ofMicros(corrected),
        LatencyStats.ofMicros(service),
        HistogramCodec.encode(corrected),
        HistogramCodec.encode(service),
        LatencyStats.ofMicros(connect),
        HistogramCodec.encode(connect),
        timeseries,
        saturated ? 50 : 25,
        saturated,
        null,
        null,
        0,
        0,
        0,
        0,
        0,
        0);
  }

  /** Eight connect times per part, taken from its service times. */
  private static long[] connectMicros(Values values) {
    return Arrays.copyOf(values.serviceMicros(), Math.min(8, values.serviceMicros().length));
  }

  private static IntervalSnapshot point(
      double tS, double rps, long errors, double p50, double p99, double max) {
    return new IntervalSnapshot(tS, rps, (long) rps + errors, errors, p50, p50, p99, max);
  }

  private static Histogram histogram(long[] micros) {
    Histogram h = HistogramCodec.newHistogram();
    for (long v : micros) {
      h.recordValue(v);
    }
    return h;
  }

  private static long[] concat(long[] a, long[] b) {
    long[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
