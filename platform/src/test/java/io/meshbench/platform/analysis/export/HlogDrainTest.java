package io.meshbench.platform.analysis.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshbench.engine.stats.HistogramCodec;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HlogDrainTest {

  @Test
  void theRestPlusTheSecondsIsTheWhole() {
    Histogram whole = histogram(100, 100, 250, 5_000, 900_000);
    Histogram seconds = histogram(100, 250, 5_000);

    Histogram rest = HlogDrain.rest(whole, seconds, "x");

    assertThat(rest.getTotalCount()).isEqualTo(2);
    assertThat(rest.getCountAtValue(100)).isEqualTo(1);
    assertThat(rest.getCountAtValue(900_000)).isEqualTo(1);
    rest.add(seconds);
    assertThat(rest).isEqualTo(whole);
    assertThat(whole.getTotalCount()).as("arguments unchanged").isEqualTo(5);
    assertThat(seconds.getTotalCount()).isEqualTo(3);
  }

  @Test
  void nothingBeyondTheSecondsIsEmpty() {
    Histogram whole = histogram(100, 250);
    assertThat(HlogDrain.rest(whole, histogram(100, 250), "x").getTotalCount()).isZero();
  }

  @Test
  void secondsThatCountAValueMoreOftenThanTheWholeAreRefused() {
    assertThatThrownBy(() -> HlogDrain.rest(histogram(100), histogram(100, 100), "job j, service"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "job j, service: the per-second histograms count 2 at 0.100 ms, the whole histogram"
                + " 1; the document contradicts itself, so no interval log of it can add up to it");
  }

  @Test
  void secondsWithAValueBeyondTheWholesRangeAreRefused() {
    // Past the whole's range HdrHistogram would read its last bucket's count: not a match.
    Histogram whole = histogram(5_000);
    assertThatThrownBy(() -> HlogDrain.rest(whole, histogram(60_000_000), "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageMatching(
            "x: the per-second histograms count 1 at 600[0-9.]+ ms, the whole"
                + " histogram 0; .*");
  }

  private static Histogram histogram(long... micros) {
    Histogram h = HistogramCodec.newHistogram();
    for (long v : micros) {
      h.recordValue(v);
    }
    return h;
  }
}
