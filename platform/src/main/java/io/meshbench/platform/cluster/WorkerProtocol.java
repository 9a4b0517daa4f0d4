package io.meshbench.platform.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.meshbench.engine.run.RunProgress;
import io.meshbench.engine.stats.IntervalSnapshot;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.job.Json;
import java.io.UncheckedIOException;

/**
 * The lines a worker pod prints and the coordinator reads from its log (DESIGN §7): {@code
 * MESHBENCH_PROGRESS {json}} about once a second, then one {@code MESHBENCH_RESULT {json}} carrying
 * the whole result with its histograms, or one {@code MESHBENCH_ERROR {json}} when the worker could
 * not run. Every other line is ordinary log output and is ignored.
 */
public final class WorkerProtocol {
  public static final String PROGRESS = "MESHBENCH_PROGRESS ";
  public static final String RESULT = "MESHBENCH_RESULT ";
  public static final String ERROR = "MESHBENCH_ERROR ";

  private WorkerProtocol() {}

  /**
   * One second of a worker's run.
   *
   * @param rps successful requests per second over the last second; 0 during warm-up
   * @param p99Ms corrected p99 of the last second; null (written as JSON null) during warm-up and
   *     for a second in which nothing succeeded, which has no latency; 0 in lines of older workers
   * @param interval the last second with its interval histograms, so that the coordinator adds the
   *     workers' seconds exactly; null during warm-up
   */
  public record Progress(
      @JsonProperty("phase") String phase,
      @JsonProperty("elapsed_s") double elapsedS,
      @JsonProperty("planned_s") double plannedS,
      @JsonProperty("requests") long requests,
      @JsonProperty("errors") long errors,
      @JsonProperty("rps") double rps,
      @JsonProperty("p99_ms") @JsonInclude(JsonInclude.Include.ALWAYS) Double p99Ms,
      @JsonProperty("interval") @JsonInclude(JsonInclude.Include.NON_NULL)
          IntervalSnapshot interval) {

    static Progress of(RunProgress p) {
      return new Progress(
          p.phase().name().toLowerCase(java.util.Locale.ROOT),
          p.elapsedS(),
          p.plannedS(),
          p.requests(),
          p.errors(),
          p.interval() == null ? 0 : p.interval().rps(),
          p.interval() == null ? null : p.interval().p99Ms(),
          p.interval());
    }
  }

  /** Why a worker could not run (bad spec, unreachable target before the start...). */
  public record Failure(@JsonProperty("error") String error) {}

  /** A parsed line: exactly one of the three is set, or none for an ordinary log line. */
  public record Line(Progress progress, RunResult result, Failure failure) {
    static final Line OTHER = new Line(null, null, null);

    public boolean isProtocol() {
      return progress != null || result != null || failure != null;
    }
  }

  public static String progressLine(RunProgress progress) {
    return PROGRESS + write(Progress.of(progress));
  }

  public static String resultLine(RunResult result) {
    return RESULT + write(result);
  }

  public static String errorLine(String message) {
    return ERROR + write(new Failure(message));
  }

  /**
   * Reads one log line. A protocol line whose JSON does not parse is an error: a truncated result
   * must never pass for a smaller one.
   *
   * @throws IllegalArgumentException naming the prefix when the JSON is broken
   */
  public static Line parse(String line) {
    int start = line.indexOf("MESHBENCH_"); // container runtimes may prefix a timestamp
    if (start < 0) {
      return Line.OTHER;
    }
    String text = line.substring(start);
    try {
      if (text.startsWith(PROGRESS)) {
        return new Line(read(text, PROGRESS, Progress.class), null, null);
      }
      if (text.startsWith(RESULT)) {
        return new Line(null, read(text, RESULT, RunResult.class), null);
      }
      if (text.startsWith(ERROR)) {
        return new Line(null, null, read(text, ERROR, Failure.class));
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          text.substring(0, text.indexOf(' '))
              + " line is not valid JSON: "
              + e.getOriginalMessage(),
          e);
    }
    return Line.OTHER;
  }

  private static <T> T read(String text, String prefix, Class<T> type)
      throws JsonProcessingException {
    return Json.mapper().readValue(text.substring(prefix.length()), type);
  }

  private static String write(Object value) {
    try {
      return Json.mapper().writeValueAsString(value); // one line: the mapper does not indent
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
