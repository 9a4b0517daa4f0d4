package io.meshbench.platform.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The mean of a few independent measurements (iterations of one job) with its 95 % confidence
 * interval from Student's t: {@code mean ± t(0.975, n−1) · s / √n}, s the sample standard
 * deviation. It assumes the iterations are independent and roughly normal; with 3 to 5 iterations
 * it is wide, honestly so.
 */
@JsonPropertyOrder({"mean", "ci95_low", "ci95_high", "ci95_half_width", "n"})
public record ConfidenceInterval(
    @JsonProperty("mean") double mean,
    @JsonProperty("ci95_low") double ci95Low,
    @JsonProperty("ci95_high") double ci95High,
    @JsonProperty("ci95_half_width") double ci95HalfWidth,
    @JsonProperty("n") int n) {

  /**
   * @throws IllegalArgumentException for fewer than 2 values: one value has no spread to estimate
   */
  public static ConfidenceInterval of95(List<Double> values) {
    int n = values.size();
    if (n < 2) {
      throw new IllegalArgumentException("a confidence interval needs at least 2 values");
    }
    double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
    double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    double stdev = Math.sqrt(squares / (n - 1));
    double halfWidth = StudentT.quantile975(n - 1) * stdev / Math.sqrt(n);
    return new ConfidenceInterval(
        Stats.round(mean),
        Stats.round(mean - halfWidth),
        Stats.round(mean + halfWidth),
        Stats.round(halfWidth),
        n);
  }
}
