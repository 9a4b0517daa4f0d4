package io.meshbench.platform.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.engine.stats.HistogramCodec;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The spectrum follows HdrHistogram's percentile walk and places levels at log10(1/(1-p)). */
class PercentileSpectrumTest {

  private static Histogram oneToTenThousandMicros() {
    Histogram h = HistogramCodec.newHistogram();
    for (long us = 1; us <= 10_000; us++) {
      h.recordValue(us);
    }
    return h;
  }

  @Test
  void levelsAreEvenlySpacedPerDecadeAndValuesAreTheHistogramsOwn() {
    Histogram h = oneToTenThousandMicros();
    PercentileSpectrum.Curve c = PercentileSpectrum.curve(HistogramCodec.encode(h));

    assertThat(c.count()).isEqualTo(10_000);
    assertThat(c.maxMs()).isEqualTo(h.getMaxValue() / 1000.0);
    List<PercentileSpectrum.Point> points = c.points();
    assertThat(points).isNotEmpty();
    for (int i = 1; i < points.size(); i++) {
      assertThat(points.get(i).x()).isGreaterThan(points.get(i - 1).x());
      assertThat(points.get(i).valueMs()).isGreaterThanOrEqualTo(points.get(i - 1).valueMs());
    }
    for (PercentileSpectrum.Point p : points) {
      assertThat(p.percentile()).isLessThan(100.0);
      assertThat(p.x()).isCloseTo(Math.log10(1 / (1 - p.percentile() / 100)), within());
      // The value at each level is what HdrHistogram reports at that percentile.
      assertThat(p.valueMs()).isEqualTo(h.getValueAtPercentile(p.percentile()) / 1000.0);
    }
    // Five steps per halving of the distance to 100 %: 50 % is one of the levels.
    assertThat(points).anySatisfy(p -> assertThat(p.percentile()).isEqualTo(50.0));
    assertThat(points.get(points.size() - 1).x()).isGreaterThan(3.0); // beyond 99.9 %
  }

  @Test
  void anEmptyHistogramHasNoPoints() {
    PercentileSpectrum.Curve c = PercentileSpectrum.curve(null);
    assertThat(c.count()).isZero();
    assertThat(c.points()).isEmpty();
    assertThat(c.maxMs()).isZero();
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
