package io.meshbench.platform.analysis.export;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The export formats, looked up by the name a user typed. */
public final class JobExports {
  private static final List<JobExport> ALL =
      List.of(
          new SmpExport(),
          new HlogExport(),
          new SeriesCsvExport(),
          new SpectrumCsvExport(),
          new HtmlExport());

  private JobExports() {}

  public static List<JobExport> all() {
    return ALL;
  }

  /** "smp, hlog, csv, csv-spectrum, html", for messages. */
  public static String allowed() {
    return ALL.stream().map(JobExport::name).collect(Collectors.joining(", "));
  }

  /**
   * @throws IllegalArgumentException naming {@code format} and the allowed values
   */
  public static JobExport forName(String name) {
    String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return ALL.stream()
        .filter(f -> f.name().equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "format must be one of " + allowed() + " (got '" + name + "')"));
  }

  /** The job's result, or an error naming the job: a job without one has nothing to export. */
  static io.meshbench.engine.stats.RunResult resultOf(io.meshbench.platform.job.JobDocument job) {
    if (job.result() == null) {
      throw new IllegalArgumentException(
          "job "
              + job.jobId()
              + " has no result (status "
              + (job.status() == null ? "unknown" : job.status().wireName())
              + "): nothing to export");
    }
    return job.result();
  }
}
