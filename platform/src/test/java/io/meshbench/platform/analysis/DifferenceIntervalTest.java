package io.meshbench.platform.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DifferenceIntervalTest {

  /**
   * The unequal-variance example of Welch's t-test in the textbooks (and on Wikipedia's "Welch's
   * t-test" page, sample pair 2): t = −2.46, ν ≈ 24.99, p = 0.021. The 95 % interval of A2 − A1
   * follows: Δ = 2.1667, t(0.975, 24.99) = 2.0596, SE = 0.8824 → [0.349, 3.984].
   */
  @Test
  void welchIntervalOfTheTextbookExample() {
    List<Double> a1 =
        List.of(
            27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7,
            21.4);
    List<Double> a2 =
        List.of(
            27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5,
            24.4);
    DifferenceInterval d = DifferenceInterval.of95(a1, a2);
    assertThat(d.delta()).isCloseTo(2.167, within(0.001));
    assertThat(d.degreesOfFreedom()).isCloseTo(24.99, within(0.01));
    assertThat(d.ci95Low()).isCloseTo(0.349, within(0.002));
    assertThat(d.ci95High()).isCloseTo(3.984, within(0.002));
    assertThat(d.significant()).isTrue();
  }

  @Test
  void overlappingSamplesAreNotSignificant() {
    DifferenceInterval d =
        DifferenceInterval.of95(List.of(10.0, 12.0, 11.0), List.of(11.0, 13.0, 10.5));
    assertThat(d.ci95Low()).isNegative();
    assertThat(d.ci95High()).isPositive();
    assertThat(d.significant()).isFalse();
  }

  @Test
  void fractionalDegreesOfFreedomQuantilesMatchTheTables() {
    assertThat(StudentT.quantile(0.975, 4)).isCloseTo(2.7764, within(1e-4));
    assertThat(StudentT.quantile(0.95, 4)).isCloseTo(2.1318, within(1e-4)); // one-sided 95 %
    assertThat(StudentT.quantile(0.975, 2.5)).isCloseTo(3.5747, within(1e-4));
    assertThat(StudentT.quantile(0.975, 1)).isCloseTo(12.7062, within(1e-3));
    for (int df = 1; df <= 30; df++) {
      assertThat(StudentT.quantile(0.975, df)).isCloseTo(StudentT.quantile975(df), within(1e-3));
    }
  }

  @Test
  void oneValueOnASideGivesNoInterval() {
    assertThatThrownBy(() -> DifferenceInterval.of95(List.of(1.0), List.of(1.0, 2.0)))
        .hasMessageContaining("at least 2 values on each side");
  }
}
