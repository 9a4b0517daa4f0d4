package io.meshbench.platform.analysis.export;

import io.meshbench.platform.analysis.Comparison;
import io.meshbench.platform.analysis.HealthNotes;
import io.meshbench.platform.analysis.Overhead;
import io.meshbench.platform.analysis.report.HtmlReport;
import io.meshbench.platform.analysis.report.JobCharts;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.Version;
import io.meshbench.platform.search.SearchStep;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One self-contained, script-free HTML page about the given jobs, to forward to people without a
 * terminal: first the warnings that a run's figures may not mean what they seem ({@link
 * HealthNotes}, a comparison's notes; none for healthy runs), then their figures, the percentile
 * spectra overlaid, p99 and throughput over time, the overhead of each job against the first with
 * its 95 % intervals, and each search's steps with the knee marked. All charts are inline SVG; all
 * text from documents is escaped.
 */
final class HtmlExport implements JobExport {
  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:70em}"
          + "table{border-collapse:collapse;margin:0.5em 0 1.5em;font-size:0.9em}"
          + "th,td{border:1px solid #ccc;padding:0.3em 0.6em;text-align:right}"
          + "th{background:#f3f3f3}td.t{text-align:left}"
          + "p.note{color:#555;font-size:0.9em}svg{display:block;margin:1em 0}"
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
  public void write(List<JobDocument> jobs, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    w.write("<title>meshbench: " + esc(jobs.get(0).jobId()) + "</title>\n");
    w.write("<style>" + STYLE + "</style>\n</head>\n<body>\n");
    w.write("<h1>meshbench report</h1>\n");
    w.write("<p>" + jobs.size() + " job(s) · meshbench " + esc(Version.current()) + "</p>\n");
    // Callers unfold mesh matrices before exporting (MatrixResult.unfold), so each job is one row.
    Comparison comparison =
        jobs.size() >= Comparison.MIN_JOBS && jobs.size() <= Comparison.MAX_JOBS
            ? Comparison.of(jobs)
            : null;
    warnings(w, jobs, comparison);
    figures(w, jobs);
    w.write("<h2>Latency</h2>\n");
    w.write(JobCharts.spectrum(jobs));
    w.write(JobCharts.overTime(jobs, true));
    w.write("<h2>Throughput</h2>\n");
    w.write(JobCharts.overTime(jobs, false));
    if (comparison != null) {
      overhead(w, comparison);
    }
    for (JobDocument job : jobs) {
      if (job.search() != null) {
        search(w, job);
      }
    }
    w.write(
        "<p class=\"note\">Latency is corrected for coordinated omission (measured from each"
            + " request's intended send time).</p>\n");
    w.write("</body>\n</html>\n");
    w.flush();
  }

  /**
   * Why the figures below may not mean what they seem: each job's {@link HealthNotes}, and what
   * else makes a comparison less than like for like. Nothing at all for healthy runs.
   */
  private static void warnings(Writer w, List<JobDocument> jobs, Comparison comparison)
      throws IOException {
    List<String> warnings = new ArrayList<>();
    Set<String> toldPerJob = new HashSet<>();
    for (JobDocument job : jobs) {
      for (String note : HealthNotes.of(job)) {
        warnings.add(jobs.size() == 1 ? note : job.jobId() + ": " + note);
      }
      toldPerJob.addAll(HealthNotes.brief(job));
    }
    if (comparison != null) {
      // A comparison repeats each job's health in shorter words: keep only what it adds.
      comparison.notes().stream().filter(n -> !toldPerJob.contains(n)).forEach(warnings::add);
    }
    if (warnings.isEmpty()) {
      return;
    }
    w.write("<section id=\"warnings\" aria-labelledby=\"warnings-title\">\n");
    w.write("<h2 id=\"warnings-title\">Warnings</h2>\n<ul>\n");
    for (String warning : warnings) {
      w.write("<li>" + esc(warning) + "</li>\n");
    }
    w.write("</ul>\n</section>\n");
  }

  private static void figures(Writer w, List<JobDocument> jobs) throws IOException {
    w.write("<h2>Jobs</h2>\n<table id=\"jobs\">\n<tr><th>#</th><th>job</th><th>test</th>");
    w.write("<th>mesh</th><th>status</th><th>p50 ms</th><th>p99 ms</th><th>p99.9 ms</th>");
    w.write("<th>throughput rps</th><th>error rate %</th><th>note</th></tr>\n");
    for (int i = 0; i < jobs.size(); i++) {
      JobDocument job = jobs.get(i);
      w.write("<tr><td>" + (i + 1) + "</td>");
      text(w, job.jobId());
      text(w, job.spec() == null ? "" : job.spec().testType().wireName());
      text(w, job.spec() == null ? "" : job.spec().meshType().wireName());
      text(w, job.status() == null ? "" : job.status().wireName());
      if (job.result() != null && !job.result().allFailed()) {
        num(w, job.result().latencyMs().p50());
        num(w, job.result().latencyMs().p99());
        num(w, job.result().latencyMs().p99_9());
        num(w, job.result().throughputRps());
        num(w, job.result().errorRate() * 100);
      } else {
        w.write("<td></td><td></td><td></td><td></td><td></td>");
      }
      String note = job.error();
      if (job.regression() != null && job.regression().regressed()) {
        note = (note == null ? "" : note + "; ") + "REGRESSION against preceding runs";
      }
      text(w, note == null ? "" : note);
      w.write("</tr>\n");
    }
    w.write("</table>\n");
  }

  private static void overhead(Writer w, Comparison comparison) throws IOException {
    w.write("<h2>Overhead against #1 (" + esc(comparison.referenceJobId()) + ")</h2>\n");
    w.write("<table id=\"overhead\">\n<tr><th>job</th><th>figure</th><th>Δ</th><th>Δ %</th>");
    w.write("<th>95% CI</th><th>95% CI %</th><th>significant</th></tr>\n");
    String method = null;
    for (Comparison.Entry e : comparison.jobs()) {
      Overhead o = e.overhead();
      if (o == null) {
        continue;
      }
      method = o.method() != null ? o.method() : method;
      row(w, e.jobId(), "p50 ms", o.p50Ms());
      row(w, e.jobId(), "p99 ms", o.p99Ms());
      row(w, e.jobId(), "p99.9 ms", o.p99_9Ms());
      row(w, e.jobId(), "throughput rps", o.throughputRps());
      if (o.note() != null) {
        w.write(
            "<tr><td class=\"t\" colspan=\"7\">"
                + esc(e.jobId() + ": " + o.note())
                + "</td></tr>\n");
      }
    }
    w.write("</table>\n");
    if (method != null) {
      w.write("<p class=\"note\">Intervals: " + esc(method) + ".</p>\n");
    }
  }

  private static void row(Writer w, String jobId, String figure, Overhead.Figure f)
      throws IOException {
    w.write("<tr>");
    text(w, jobId);
    text(w, figure);
    num(w, f.delta());
    num(w, f.deltaPct());
    text(
        w,
        f.hasInterval()
            ? String.format(Locale.ROOT, "[%+.3f, %+.3f]", f.ci95Low(), f.ci95High())
            : "no interval (one iteration)");
    text(
        w,
        f.hasInterval() && f.ci95LowPct() != null
            ? String.format(Locale.ROOT, "[%+.1f%%, %+.1f%%]", f.ci95LowPct(), f.ci95HighPct())
            : "");
    text(w, f.significant() == null ? "" : f.significant() ? "yes" : "not significant");
    w.write("</tr>\n");
  }

  private static void search(Writer w, JobDocument job) throws IOException {
    w.write("<h2>Search " + esc(job.jobId()) + "</h2>\n");
    w.write("<p>" + esc(job.search().verdict()) + "</p>\n");
    w.write(JobCharts.searchSteps(job));
    w.write("<table class=\"steps\">\n<tr><th>step</th><th>rate rps</th><th>p50 ms</th>");
    w.write("<th>p99 ms</th><th>error rate %</th><th>sustained</th><th>result</th></tr>\n");
    for (SearchStep s : job.search().steps()) {
      boolean answer = job.search().provingStep() != null && s.step() == job.search().provingStep();
      w.write("<tr><td>" + s.step() + "</td>");
      num(w, s.rateRps());
      num(w, s.p50Ms());
      num(w, s.p99Ms());
      num(w, s.errorRate() * 100);
      text(w, s.sustained() ? "yes" : "no");
      text(
          w,
          (s.passed() ? "pass" : "fail: " + String.join("; ", s.failedBecause()))
              + (answer ? " (answer)" : ""));
      w.write("</tr>\n");
    }
    w.write("</table>\n");
  }

  private static void text(Writer w, String value) throws IOException {
    w.write("<td class=\"t\">" + esc(value) + "</td>");
  }

  private static void num(Writer w, Double value) throws IOException {
    w.write("<td>" + (value == null ? "" : String.format(Locale.ROOT, "%.3f", value)) + "</td>");
  }

  private static String esc(String s) {
    return HtmlReport.escape(s == null ? "" : s);
  }
}
