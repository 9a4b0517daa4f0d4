package io.meshbench.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Iterations run one after another: everything adds, time included. */
class SequentialMergeTest {

  @Test
  void mergingIterationsEqualsOneRunThatSawEverything() {
    Histogram allCorrected = HistogramCodec.newHistogram();
    Histogram allService = HistogramCodec.newHistogram();
    RunResult first =
        iteration(
            1,
            12_000,
            10,
            Map.of("timeout", 2L),
            1000,
            8,
            20,
            List.of(point(1, 1200, 0), point(2, 1190, 2)),
            allCorrected,
            allService);
    RunResult second =
        iteration(
            2,
            4_000,
            5,
            Map.of(),
            1000,
            16,
            40,
            List.of(point(1, 800, 0)),
            allCorrected,
            allService);
    RunResult third =
        iteration(
            3,
            30_000,
            20,
            Map.of("status_5xx", 4L, "timeout", 1L),
            1000,
            8,
            10,
            List.of(point(1, 1500, 1), point(2, 1490, 4)),
            allCorrected,
            allService);

    RunResult merged = RunResults.mergeSequential(List.of(first, second, third));

    assertThat(HistogramCodec.decode(merged.histogram())).isEqualTo(allCorrected);
    assertThat(HistogramCodec.decode(merged.serviceHistogram())).isEqualTo(allService);
    assertThat(merged.latencyMs()).isEqualTo(LatencyStats.ofMicros(allCorrected));
    assertThat(merged.serviceTimeMs()).isEqualTo(LatencyStats.ofMicros(allService));
    // Each iteration's connect histogram is its service histogram, so they merge to the same.
    assertThat(HistogramCodec.decode(merged.connectHistogram())).isEqualTo(allService);
    assertThat(merged.connectTimeMs()).isEqualTo(LatencyStats.ofMicros(allService));

    long successes = 12_000 + 4_000 + 30_000;
    long errors = 2 + 1 + 4;
    assertThat(merged.requests()).isEqualTo(successes + errors);
    assertThat(merged.errors()).isEqualTo(errors);
    assertThat(merged.errorKinds())
        .containsExactlyInAnyOrderEntriesOf(Map.of("timeout", 3L, "status_5xx", 4L));
    assertThat(merged.statusCodes()).containsExactlyInAnyOrderEntriesOf(Map.of("200", successes));
    assertThat(merged.sent()).isEqualTo(first.sent() + second.sent() + third.sent());
    assertThat(merged.scheduled())
        .isEqualTo(first.scheduled() + second.scheduled() + third.scheduled());
    assertThat(merged.connects())
        .isEqualTo(first.connects() + second.connects() + third.connects());

    // Unlike the concurrent merge, time adds: 10 s + 5 s + 20 s.
    assertThat(merged.durationS()).isEqualTo(35.0);
    assertThat(merged.throughputRps()).isCloseTo(successes / 35.0, within(1e-9));
    assertThat(merged.sendRateRps()).isCloseTo(merged.sent() / 35.0, within(1e-9));
    assertThat(merged.requestedRateRps()).isCloseTo(1000, within(1e-9));
    // At most 16 connections were open at once; CPU is weighted by time: (200+200+200)/35.
    assertThat(merged.connections()).isEqualTo(16);
    assertThat(merged.loadgenCpuPercent()).isCloseTo(17.1, within(1e-9));
    assertThat(merged.maxLagMs()).isEqualTo(3.0);

    // Each iteration's points follow the previous iterations' durations.
    assertThat(merged.timeseries())
        .containsExactly(
            point(1, 1200, 0),
            point(2, 1190, 2),
            point(11, 800, 0),
            point(16, 1500, 1),
            point(17, 1490, 4));
  }

  @Test
  void requestedRateIsWeightedByDurationAndFlagsCombine() {
    Histogram ignored = HistogramCodec.newHistogram();
    RunResult slow = iteration(4, 100, 30, Map.of(), 100, 4, 10, List.of(), ignored, ignored);
    RunResult fast =
        withFlags(
            iteration(5, 100, 10, Map.of(), 500, 4, 10, List.of(), ignored, ignored), false, true);

    RunResult merged = RunResults.mergeSequential(List.of(slow, fast));

    assertThat(merged.requestedRateRps()).isCloseTo((100 * 30 + 500 * 10) / 40.0, within(1e-9));
    assertThat(merged.rateSustained()).as("one iteration fell behind").isFalse();
    assertThat(merged.loadgenSaturated()).as("one iteration was saturated").isTrue();
  }

  @Test
  void oneIterationMergesToItselfAndNoneIsRejected() {
    Histogram ignored = HistogramCodec.newHistogram();
    RunResult only = iteration(6, 10, 1, Map.of(), 10, 1, 5, List.of(), ignored, ignored);
    assertThat(RunResults.mergeSequential(List.of(only))).isEqualTo(only);
    assertThatThrownBy(() -> RunResults.mergeSequential(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * One iteration's result built the way the engine builds one; its values are also recorded into
   * {@code allCorrected} and {@code allService}, the histograms of one run that saw everything.
   */
  private static RunResult iteration(
      long seed,
      int successes,
      double durationS,
      Map<String, Long> errorKinds,
      double requestedRateRps,
      int connections,
      double cpuPercent,
      List<IntervalSnapshot> timeseries,
      Histogram allCorrected,
      Histogram allService) {
    SplittableRandom random = new SplittableRandom(seed);
    Histogram corrected = HistogramCodec.newHistogram();
    Histogram service = HistogramCodec.newHistogram();
    for (int i = 0; i < successes; i++) {
      long serviceMicros = 50 + (long) (-Math.log(1 - random.nextDouble()) * 900);
      long correctedMicros =
          serviceMicros + (random.nextInt(40) == 0 ? random.nextInt(1_000_000) : 0);
      corrected.recordValue(correctedMicros);
      service.recordValue(serviceMicros);
      allCorrected.recordValue(correctedMicros);
      allService.recordValue(serviceMicros);
    }
    long errors = errorKinds.values().stream().mapToLong(Long::longValue).sum();
    long sent = successes + errors;
    return new RunResult(
        sent,
        errors,
        errorKinds,
        Map.of("200", (long) successes),
        sent + 1,
        sent,
        seed,
        true,
        requestedRateRps,
        sent / durationS,
        durationS,
        successes / durationS,
        sent * 100,
        successes * 40L,
        connections,
        connections + errors,
        LatencyStats.ofMicros(corrected),
        LatencyStats.ofMicros(service),
        HistogramCodec.encode(corrected),
        HistogramCodec.encode(service),
        LatencyStats.ofMicros(service),
        HistogramCodec.encode(service),
        timeseries,
        cpuPercent,
        false,
        null,
        null,
        0,
        0,
        0,
        0,
        0,
        0);
  }

  private static RunResult withFlags(RunResult r, boolean sustained, boolean saturated) {
    return new RunResult(
        r.requests(),
        r.errors(),
        r.errorKinds(),
        r.statusCodes(),
        r.scheduled(),
        r.sent(),
        r.maxLagMs(),
        sustained,
        r.requestedRateRps(),
        r.sendRateRps(),
        r.durationS(),
        r.throughputRps(),
        r.bytesSent(),
        r.bytesReceived(),
        r.connections(),
        r.connects(),
        r.latencyMs(),
        r.serviceTimeMs(),
        r.histogram(),
        r.serviceHistogram(),
        r.connectTimeMs(),
        r.connectHistogram(),
        r.timeseries(),
        r.loadgenCpuPercent(),
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

  private static IntervalSnapshot point(double tS, double rps, long errors) {
    return new IntervalSnapshot(tS, rps, (long) rps + errors, errors, 1.0, 5.0, 9.0, 20.0);
  }
}
