package io.meshbench.platform.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.meshbench.platform.analysis.Slo;
import java.util.List;

/**
 * What a search is asked to find, in the API's words (seconds, requests per second).
 *
 * @param startRateRps the first rate tried; it must pass for the search to find anything
 * @param maxRateRps the highest rate tried; when it passes, the answer is "at least this"
 * @param precision stop bisecting when the lowest failing rate is within this share above the
 *     highest passing rate (0.05 = 5 %)
 * @param stepDuration measured seconds of each step, warm-up excluded
 * @param slos objectives in {@link Slo} form, e.g. {@code p99<=20ms}; at least one
 */
@JsonPropertyOrder({"start_rate", "max_rate", "precision", "step_duration", "slos"})
public record SearchSpec(
    @JsonProperty("start_rate") double startRateRps,
    @JsonProperty("max_rate") double maxRateRps,
    @JsonProperty("precision") double precision,
    @JsonProperty("step_duration") double stepDuration,
    @JsonProperty("slos") List<String> slos) {

  public static final double DEFAULT_PRECISION = 0.05;
  public static final double MAX_RATE_RPS = 10_000_000;

  public SearchSpec {
    slos = slos == null ? List.of() : List.copyOf(slos);
  }

  /**
   * Checks the search; the message starts with the field at fault (start_rate, max_rate, precision,
   * step_duration, slos), which callers translate into their own words (a flag).
   *
   * @throws SearchSpecException naming the field and what is allowed
   */
  public List<Slo> validate() {
    if (!(startRateRps > 0) || startRateRps > MAX_RATE_RPS) {
      throw new SearchSpecException(
          "start_rate", "must be a rate above 0 requests/s, up to " + (long) MAX_RATE_RPS);
    }
    if (!(maxRateRps > 0) || maxRateRps > MAX_RATE_RPS) {
      throw new SearchSpecException(
          "max_rate", "must be a rate above 0 requests/s, up to " + (long) MAX_RATE_RPS);
    }
    if (startRateRps > maxRateRps) {
      throw new SearchSpecException(
          "start_rate",
          "must not exceed max_rate (got start "
              + RateLadder.format(startRateRps)
              + " > max "
              + RateLadder.format(maxRateRps)
              + ")");
    }
    if (!(precision > 0) || precision >= 1) {
      throw new SearchSpecException(
          "precision",
          "must be above 0 and below 1 (100%), e.g. 0.05 or 5% (got " + precision + ")");
    }
    if (!(stepDuration >= 0.1) || stepDuration > 86_400) {
      throw new SearchSpecException(
          "step_duration", "must be from 0.1 to 86400 seconds (got " + stepDuration + ")");
    }
    if (slos.isEmpty()) {
      throw new SearchSpecException(
          "slos", "at least one objective is needed, e.g. p99<=20ms; use " + Slo.FORMS);
    }
    try {
      return slos.stream().map(Slo::parse).toList();
    } catch (IllegalArgumentException e) {
      throw new SearchSpecException("slos", e.getMessage());
    }
  }

  /** A bad search; {@link #field} names what is wrong in the API's words. */
  public static final class SearchSpecException extends IllegalArgumentException {
    private final String field;

    SearchSpecException(String field, String problem) {
      super(field + " " + problem);
      this.field = field;
    }

    public String field() {
      return field;
    }

    /** The message without the field name, to put a flag name in front of. */
    public String problem() {
      return getMessage().substring(field.length() + 1);
    }
  }
}
