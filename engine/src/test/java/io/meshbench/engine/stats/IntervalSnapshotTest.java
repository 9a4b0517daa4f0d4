package io.meshbench.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class IntervalSnapshotTest {

  @Test
  void aPointCarriesTheSameFiguresAsTheWholeSummaryOfItsHistogram() {
    SplittableRandom random = new SplittableRandom(7);
    Histogram corrected = HistogramCodec.newHistogram();
    Histogram service = HistogramCodec.newHistogram();
    for (int i = 0; i < 20_000; i++) {
      long micros = (long) Math.exp(random.nextDouble() * Math.log(5e6)); // 1 µs to 5 s
      corrected.recordValue(micros);
      service.recordValue(Math.max(1, micros / 2));
    }

    IntervalSnapshot point = IntervalSnapshot.of(3.0, 20_000.0, 20_010, 10, corrected, service);
    LatencyStats whole = LatencyStats.ofMicros(corrected);

    assertThat(point.p50Ms()).isEqualTo(whole.p50());
    assertThat(point.p90Ms()).isEqualTo(whole.p90());
    assertThat(point.p99Ms()).isEqualTo(whole.p99());
    assertThat(point.maxMs()).isEqualTo(whole.max()).isGreaterThan(point.p99Ms());
    assertThat(HistogramCodec.decode(point.histogram())).isEqualTo(corrected);
    assertThat(HistogramCodec.decode(point.serviceHistogram())).isEqualTo(service);
  }

  @Test
  void aSecondWithoutASuccessHasNoPercentiles() {
    IntervalSnapshot point =
        IntervalSnapshot.of(
            1.0, 0, 5, 5, HistogramCodec.newHistogram(), HistogramCodec.newHistogram());

    assertThat(point.hasLatency()).isFalse();
    assertThat(point.p50Ms()).isNull();
    assertThat(point.maxMs()).isNull();
    assertThat(point.errors()).isEqualTo(5);
  }
}
