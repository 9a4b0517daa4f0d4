package io.meshbench.platform.analysis;

import io.meshbench.engine.stats.RunResult;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service-level objective checked against a result, e.g. {@code p99<=10ms}, {@code
 * error_rate<=0.1%}, {@code throughput>=1000}. Latency objectives read the corrected latency (from
 * the intended send time).
 *
 * @param threshold milliseconds for latency, a 0–1 share for error_rate, requests/s for throughput
 */
public record Slo(String text, String metric, String operator, double threshold) {

  public static final String FORMS =
      "METRIC OP VALUE with METRIC one of p50, p75, p90, p95, p99, p99.9, p99.99, max, mean,"
          + " error_rate, throughput; OP one of <=, <, >=, >; e.g. p99<=10ms, error_rate<=0.1%,"
          + " throughput>=1000";

  private static final Pattern FORM =
      Pattern.compile(
          "^\\s*(p50|p75|p90|p95|p99|p99\\.9|p99\\.99|p999|p9999|max|mean|error_rate|throughput)"
              + "\\s*(<=|<|>=|>)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(us|µs|ms|s|%|rps)?\\s*$");

  /** The outcome of checking one objective. */
  public record Check(Slo slo, double actual, boolean passed) {
    /** The actual value in the objective's unit, for reports. */
    public String actualText() {
      if (Double.isNaN(actual)) {
        return "none (no request succeeded)";
      }
      return switch (slo.metric) {
        case "error_rate" -> String.format(Locale.ROOT, "%.3f%%", actual * 100);
        case "throughput" -> String.format(Locale.ROOT, "%.1f rps", actual);
        default -> String.format(Locale.ROOT, "%.3f ms", actual);
      };
    }
  }

  /**
   * Parses one objective.
   *
   * @throws IllegalArgumentException naming the allowed forms
   */
  public static Slo parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not an SLO; use " + FORMS);
    }
    String metric =
        switch (m.group(1)) {
          case "p99.9", "p999" -> "p99_9";
          case "p99.99", "p9999" -> "p99_99";
          default -> m.group(1);
        };
    double value = Double.parseDouble(m.group(3));
    String unit = m.group(4);
    double threshold;
    switch (metric) {
      case "error_rate" -> {
        if (unit != null && !unit.equals("%")) {
          throw new IllegalArgumentException(
              "'" + text + "': error_rate takes a percentage (0.1%) or a share (0.001)");
        }
        threshold = unit == null ? value : value / 100;
        if (threshold > 1) {
          throw new IllegalArgumentException("'" + text + "': error_rate cannot exceed 100%");
        }
      }
      case "throughput" -> {
        if (unit != null && !unit.equals("rps")) {
          throw new IllegalArgumentException("'" + text + "': throughput takes requests/s (rps)");
        }
        threshold = value;
      }
      default -> {
        if (unit != null && (unit.equals("%") || unit.equals("rps"))) {
          throw new IllegalArgumentException(
              "'" + text + "': latency takes a time such as 10ms, 500us or 1s");
        }
        threshold =
            unit == null || unit.equals("ms")
                ? value
                : unit.equals("s") ? value * 1000 : value / 1000; // us, µs
      }
    }
    return new Slo(text.trim(), metric, m.group(2), threshold);
  }

  /**
   * Checks the result. A latency objective on a run in which nothing succeeded is breached: its
   * latency figures are zeros standing for "no data", and 0 ms would pass any bound.
   */
  public Check check(RunResult result) {
    if (isLatency() && result.successes() == 0) {
      return new Check(this, Double.NaN, false);
    }
    double actual =
        switch (metric) {
          case "error_rate" -> result.errorRate();
          case "throughput" -> result.throughputRps();
          default -> result.latencyMs().byKey(metric);
        };
    boolean passed =
        switch (operator) {
          case "<=" -> actual <= threshold;
          case "<" -> actual < threshold;
          case ">=" -> actual >= threshold;
          default -> actual > threshold;
        };
    return new Check(this, actual, passed);
  }

  private boolean isLatency() {
    return !metric.equals("error_rate") && !metric.equals("throughput");
  }
}
