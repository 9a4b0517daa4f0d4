package io.meshbench.platform.analysis.report;

import io.meshbench.platform.analysis.HealthNotes;
import io.meshbench.platform.analysis.Summary;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.Version;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A self-contained HTML page (inline style, no scripts, no external assets) with each job's
 * warnings ({@link HealthNotes}; none for healthy runs), the summary per test type and mesh, inline
 * SVG charts of the newest completed jobs (percentile spectra overlaid, p99 and throughput over
 * time) and one row per job. Every text that comes from a document is escaped: labels and error
 * messages are user input.
 */
public final class HtmlReport implements ResultFormat {
  /** More lines than this in one chart are no longer told apart. */
  static final int CHARTED_JOBS = 8;

  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
          + "table{border-collapse:collapse;margin-bottom:2em;font-size:0.9em}"
          + "th,td{border:1px solid #ccc;padding:0.3em 0.6em;text-align:right}"
          + "th{background:#f3f3f3}td.t{text-align:left}"
          + "caption{text-align:left;font-weight:bold;margin-bottom:0.4em}"
          + "p.note{color:#555;font-size:0.9em}"
          + "#warnings{border-left:4px solid #c60;background:#fff8f0;padding:0.1em 1em}";

  @Override
  public String name() {
    return "html";
  }

  @Override
  public String contentType() {
    return "text/html; charset=utf-8";
  }

  @Override
  public String fileExtension() {
    return "html";
  }

  @Override
  public void write(List<JobDocument> jobs, Summary summary, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    w.write("<title>meshbench report</title>\n<style>" + STYLE + "</style>\n</head>\n<body>\n");
    w.write("<h1>meshbench report</h1>\n");
    w.write(
        "<p>"
            + summary.totalJobs()
            + " jobs · generated "
            + escape(String.valueOf(summary.generatedAt()))
            + " · meshbench "
            + escape(Version.current())
            + "</p>\n");
    warnings(w, jobs);
    summaryTable(w, summary);
    charts(w, jobs);
    jobTable(w, jobs);
    w.write("</body>\n</html>\n");
    w.flush();
  }

  /**
   * Each job's {@link HealthNotes}, named by job: the runs whose figures (in the summary too) may
   * not mean what they seem. Nothing at all when every run was healthy.
   */
  private static void warnings(Writer w, List<JobDocument> jobs) throws IOException {
    boolean any = false;
    for (JobDocument job : jobs) {
      for (String note : HealthNotes.of(job)) {
        if (!any) {
          w.write("<section id=\"warnings\" aria-labelledby=\"warnings-title\">\n");
          w.write("<h2 id=\"warnings-title\">Warnings</h2>\n<ul>\n");
          any = true;
        }
        w.write("<li>" + escape(job.jobId() + ": " + note) + "</li>\n");
      }
    }
    if (any) {
      w.write("</ul>\n</section>\n");
    }
  }

  private static void summaryTable(Writer w, Summary summary) throws IOException {
    w.write("<table id=\"summary\">\n<caption>Summary (completed jobs)</caption>\n");
    w.write(
        "<tr><th>test</th><th>mesh</th><th>jobs</th><th>latest job</th><th>latest p50 ms</th>"
            + "<th>latest p99 ms</th><th>latest rps</th><th>median p50 ms</th>"
            + "<th>median p99 ms</th><th>median rps</th><th>Δ p50 ms</th><th>Δ p50 %</th>"
            + "<th>Δ p99 ms</th><th>Δ p99 %</th><th>Δ rps</th><th>Δ rps %</th></tr>\n");
    for (Summary.Group g : summary.groups()) {
      Summary.Overhead o = g.overheadVsBaseline();
      w.write("<tr>");
      text(w, g.testType().wireName());
      text(w, g.meshType().wireName());
      num(w, g.count());
      text(w, g.latest().jobId());
      num(w, g.latest().p50Ms());
      num(w, g.latest().p99Ms());
      num(w, g.latest().throughputRps());
      num(w, g.median().p50Ms());
      num(w, g.median().p99Ms());
      num(w, g.median().throughputRps());
      num(w, o == null ? null : o.p50Ms());
      num(w, o == null ? null : o.p50Pct());
      num(w, o == null ? null : o.p99Ms());
      num(w, o == null ? null : o.p99Pct());
      num(w, o == null ? null : o.throughputRps());
      num(w, o == null ? null : o.throughputPct());
      w.write("</tr>\n");
    }
    w.write("</table>\n");
    w.write(
        "<p class=\"note\">Latency is corrected for coordinated omission (from each request's"
            + " intended send time). Medians are medians of the jobs' own figures; Δ is the"
            + " median against the baseline's median of the same test type.</p>\n");
  }

  /** Charts of the newest completed jobs: spectra overlaid, p99 and throughput over time. */
  /** Whether the report's charts draw this job: the newest completed ones with a result. */
  private static boolean charted(JobDocument j) {
    return j.status() == JobStatus.COMPLETED && j.result() != null;
  }

  /**
   * {@code jobs} with the ones the charts draw read in full by {@code whole}: listings carry
   * summaries, without the histograms and per-second series the charts are drawn from.
   */
  static List<JobDocument> chartedInFull(List<JobDocument> jobs, UnaryOperator<JobDocument> whole) {
    List<JobDocument> out = new ArrayList<>(jobs.size());
    int charted = 0;
    for (JobDocument job : jobs) {
      if (charted < CHARTED_JOBS && charted(job)) {
        charted++;
        out.add(whole.apply(job));
      } else {
        out.add(job);
      }
    }
    return out;
  }

  private static void charts(Writer w, List<JobDocument> jobs) throws IOException {
    List<JobDocument> recent =
        jobs.stream().filter(HtmlReport::charted).limit(CHARTED_JOBS).toList();
    if (recent.isEmpty()) {
      return;
    }
    w.write("<h2>The " + recent.size() + " newest completed jobs</h2>\n");
    w.write(JobCharts.spectrum(recent));
    w.write(JobCharts.overTime(recent, true));
    w.write(JobCharts.overTime(recent, false));
  }

  private static void jobTable(Writer w, List<JobDocument> jobs) throws IOException {
    w.write("<table id=\"jobs\">\n<caption>Jobs</caption>\n<tr>");
    for (String column : JobRow.COLUMNS) {
      w.write("<th>" + escape(column) + "</th>");
    }
    w.write("</tr>\n");
    for (JobDocument job : jobs) {
      w.write("<tr>");
      for (Object value : JobRow.of(job).values()) {
        if (value instanceof Number n) {
          num(w, n);
        } else if (value instanceof Map<?, ?> labels) {
          text(
              w,
              labels.entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining(", ")));
        } else {
          text(w, value == null ? "" : value.toString());
        }
      }
      w.write("</tr>\n");
    }
    w.write("</table>\n");
  }

  private static void text(Writer w, String value) throws IOException {
    w.write("<td class=\"t\">" + escape(value) + "</td>");
  }

  private static void num(Writer w, Number value) throws IOException {
    String shown =
        value == null
            ? ""
            : value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : value.toString();
    w.write("<td>" + shown + "</td>");
  }

  /** Text safe inside an element and inside a quoted attribute. */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
