package io.meshbench.platform.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The difference of two means (other − reference) with its 95 % confidence interval by Welch's
 * t-interval: {@code Δ ± t(0.975, ν) · √(s₁²/n₁ + s₂²/n₂)}, ν from the Welch–Satterthwaite
 * equation. The values are per-iteration figures (each iteration's own p99, say); Welch's form does
 * not assume that a mesh and the baseline vary alike. The difference is significant at 5 % when the
 * interval excludes 0.
 *
 * @param degreesOfFreedom Welch–Satterthwaite ν, usually fractional
 */
@JsonPropertyOrder({
  "reference_mean",
  "mean",
  "delta",
  "ci95_low",
  "ci95_high",
  "degrees_of_freedom",
  "significant"
})
public record DifferenceInterval(
    @JsonProperty("reference_mean") double referenceMean,
    @JsonProperty("mean") double mean,
    @JsonProperty("delta") double delta,
    @JsonProperty("ci95_low") double ci95Low,
    @JsonProperty("ci95_high") double ci95High,
    @JsonProperty("degrees_of_freedom") double degreesOfFreedom,
    @JsonProperty("significant") boolean significant) {

  public static final String METHOD =
      "Welch t-interval over per-iteration values (95 %, two-sided)";

  /**
   * @throws IllegalArgumentException when either side has fewer than 2 values
   */
  public static DifferenceInterval of95(List<Double> reference, List<Double> other) {
    if (reference.size() < 2 || other.size() < 2) {
      throw new IllegalArgumentException(
          "a confidence interval of a difference needs at least 2 values on each side");
    }
    double m1 = mean(reference);
    double m2 = mean(other);
    double v1 = variance(reference, m1) / reference.size();
    double v2 = variance(other, m2) / other.size();
    double se = Math.sqrt(v1 + v2);
    double delta = m2 - m1;
    if (se == 0) {
      // No spread at all (identical iterations): the difference is exact, as is its "interval".
      return new DifferenceInterval(
          Stats.round(m1),
          Stats.round(m2),
          Stats.round(delta),
          Stats.round(delta),
          Stats.round(delta),
          reference.size() + other.size() - 2,
          delta != 0);
    }
    double df =
        (v1 + v2) * (v1 + v2) / (v1 * v1 / (reference.size() - 1) + v2 * v2 / (other.size() - 1));
    double half = StudentT.quantile(0.975, df) * se;
    double low = delta - half;
    double high = delta + half;
    return new DifferenceInterval(
        Stats.round(m1),
        Stats.round(m2),
        Stats.round(delta),
        Stats.round(low),
        Stats.round(high),
        Math.round(df * 100) / 100.0,
        low > 0 || high < 0);
  }

  static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
  }

  static double variance(List<Double> values, double mean) {
    return values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.size() - 1);
  }
}
