package io.meshbench.platform.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfidenceIntervalTest {

  @Test
  void tableValuesForSmallSamples() {
    assertThat(StudentT.quantile975(1)).isEqualTo(12.7062);
    assertThat(StudentT.quantile975(4)).isEqualTo(2.7764);
    assertThat(StudentT.quantile975(9)).isEqualTo(2.2622);
    assertThat(StudentT.quantile975(30)).isEqualTo(2.0423);
  }

  @Test
  void beyondTheTableTheExpansionMatchesPublishedValues() {
    assertThat(StudentT.quantile975(31)).isCloseTo(2.0395, within(2e-4));
    assertThat(StudentT.quantile975(40)).isCloseTo(2.0211, within(2e-4));
    assertThat(StudentT.quantile975(60)).isCloseTo(2.0003, within(2e-4));
    assertThat(StudentT.quantile975(120)).isCloseTo(1.9799, within(2e-4));
    assertThat(StudentT.quantile975(100_000)).isCloseTo(1.95996, within(1e-4));
  }

  @Test
  void quantilesShrinkTowardsTheNormal() {
    double previous = Double.MAX_VALUE;
    for (int df = 1; df <= 500; df++) {
      double t = StudentT.quantile975(df);
      assertThat(t).as("df %d", df).isLessThan(previous).isGreaterThan(1.959963);
      previous = t;
    }
  }

  @Test
  void intervalOfFiveValues() {
    // mean 10, squares 4+1+0+1+4 = 10, s = √(10/4) = 1.5811, t(4) = 2.7764 → ± 1.963
    ConfidenceInterval ci = ConfidenceInterval.of95(List.of(8.0, 9.0, 10.0, 11.0, 12.0));
    assertThat(ci).isEqualTo(new ConfidenceInterval(10.0, 8.037, 11.963, 1.963, 5));
  }

  @Test
  void identicalValuesHaveNoSpreadAndOneValueIsRefused() {
    assertThat(ConfidenceInterval.of95(List.of(3.0, 3.0)))
        .isEqualTo(new ConfidenceInterval(3.0, 3.0, 3.0, 0.0, 2));
    assertThatThrownBy(() -> ConfidenceInterval.of95(List.of(1.0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StudentT.quantile975(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
