package io.meshbench.platform.cli;

import io.meshbench.platform.analysis.Comparison;
import io.meshbench.platform.analysis.ConfidenceInterval;
import io.meshbench.platform.analysis.Overhead;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The table {@code meshbench compare} prints: one column per job, one row per figure; every column
 * after the first shows its delta against the first, absolute and in percent.
 */
final class CompareTable {
  private static final String NONE = "—";

  private final Comparison comparison;
  private final List<String> labels = new ArrayList<>();
  private final List<List<String>> rows = new ArrayList<>();

  CompareTable(Comparison comparison) {
    this.comparison = comparison;
  }

  String render() {
    List<Comparison.Entry> jobs = comparison.jobs();
    StringBuilder out = new StringBuilder(4096);
    out.append(
        String.format(
            Locale.ROOT, "meshbench compare · %d jobs · deltas against #1%n%n", jobs.size()));
    legend(jobs, out);
    out.append('\n');

    row("status", e -> String.valueOf(e.status()));
    header("corrected latency");
    latency("p50 ms", Comparison.Figures::p50Ms, Comparison.Delta::p50Ms, Comparison.Delta::p50Pct);
    latency("p90 ms", Comparison.Figures::p90Ms, Comparison.Delta::p90Ms, Comparison.Delta::p90Pct);
    latency("p99 ms", Comparison.Figures::p99Ms, Comparison.Delta::p99Ms, Comparison.Delta::p99Pct);
    latency(
        "p99.9 ms",
        Comparison.Figures::p99_9Ms,
        Comparison.Delta::p99_9Ms,
        Comparison.Delta::p99_9Pct);
    latency("max ms", Comparison.Figures::maxMs, Comparison.Delta::maxMs, Comparison.Delta::maxPct);
    row(
        "throughput rps",
        e ->
            cell(
                e,
                "%.1f",
                e.figures() == null ? 0 : e.figures().throughputRps(),
                d -> d.throughputRps(),
                d -> d.throughputPct(),
                ""));
    row(
        "error rate %",
        e ->
            cell(
                e,
                "%.3f",
                e.figures() == null ? 0 : e.figures().errorRate() * 100,
                d -> d.errorRate() * 100,
                d -> d.errorRatePct(),
                " pp"));
    row("requests", e -> e.figures() == null ? NONE : Long.toString(e.figures().requests()));
    overhead(jobs);
    if (jobs.stream().anyMatch(e -> e.iterations() != null)) {
      header("");
      header("across iterations: mean ± 95% CI");
      row(
          "iterations",
          e -> e.iterations() == null ? NONE : Integer.toString(e.iterations().count()));
      row("p99 ms", e -> e.iterations() == null ? NONE : interval("%.3f", e.iterations().p99Ms()));
      row(
          "throughput rps",
          e -> e.iterations() == null ? NONE : interval("%.1f", e.iterations().throughputRps()));
    }
    table(out);
    for (int i = 0; i < jobs.size(); i++) {
      Comparison.Entry e = jobs.get(i);
      if (e.problem() != null) {
        out.append('\n')
            .append("! #")
            .append(i + 1)
            .append(' ')
            .append(e.jobId())
            .append(" cannot be compared: ")
            .append(e.problem())
            .append('\n');
      }
    }
    overheadNotes(jobs, out);
    if (!comparison.notes().isEmpty()) {
      out.append('\n');
      for (String note : comparison.notes()) {
        out.append("! ").append(note).append('\n');
      }
    }
    return out.toString();
  }

  /** Overhead against #1 with 95 % intervals, when any job has one. */
  private void overhead(List<Comparison.Entry> jobs) {
    if (jobs.stream().allMatch(e -> e.overhead() == null)) {
      return;
    }
    header("");
    header("overhead vs #1: Δ (Δ%) [95% CI]");
    overheadRow("Δ p50 ms", "%.3f", o -> o.p50Ms());
    overheadRow("Δ p99 ms", "%.3f", o -> o.p99Ms());
    overheadRow("Δ p99.9 ms", "%.3f", o -> o.p99_9Ms());
    overheadRow("Δ throughput rps", "%.1f", o -> o.throughputRps());
  }

  private void overheadRow(
      String label, String format, Function<Overhead, Overhead.Figure> figure) {
    row(
        label,
        e -> {
          if (e.overhead() == null) {
            return NONE;
          }
          Overhead.Figure f = figure.apply(e.overhead());
          String signed = "%+" + format.substring(1);
          String shown =
              String.format(Locale.ROOT, signed, f.delta())
                  + (f.deltaPct() == null
                      ? ""
                      : String.format(Locale.ROOT, " (%+.1f%%)", f.deltaPct()));
          if (!f.hasInterval()) {
            return shown + " [no CI]";
          }
          return shown
              + String.format(
                  Locale.ROOT, " [" + signed + ", " + signed + "]", f.ci95Low(), f.ci95High())
              + (f.significant() ? "" : " n.s.");
        });
  }

  /** The method and the caveats of the overhead rows, in words. */
  private static void overheadNotes(List<Comparison.Entry> jobs, StringBuilder out) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      Overhead o = jobs.get(i).overhead();
      if (o == null) {
        continue;
      }
      if (o.method() != null && lines.stream().noneMatch(l -> l.contains(o.method()))) {
        lines.add("intervals: " + o.method() + "; n.s. = not significant");
      }
      if (o.note() != null) {
        lines.add("#" + (i + 1) + ": " + o.note());
      }
    }
    if (!lines.isEmpty()) {
      out.append('\n');
      lines.forEach(l -> out.append("  ").append(l).append('\n'));
    }
  }

  /** One aligned line per job: its number, id, test type, mesh, creation time and labels. */
  private static void legend(List<Comparison.Entry> jobs, StringBuilder out) {
    int idWidth = jobs.stream().mapToInt(e -> String.valueOf(e.jobId()).length()).max().orElse(0);
    int testWidth =
        jobs.stream().mapToInt(e -> String.valueOf(e.testType()).length()).max().orElse(0);
    int meshWidth =
        jobs.stream().mapToInt(e -> String.valueOf(e.meshType()).length()).max().orElse(0);
    for (int i = 0; i < jobs.size(); i++) {
      Comparison.Entry e = jobs.get(i);
      String labels =
          e.labels().entrySet().stream()
              .map(l -> l.getKey() + "=" + l.getValue())
              .collect(Collectors.joining(" "));
      String line =
          String.format(
              Locale.ROOT,
              "  %-4s%s  %s  %s  %s  %s",
              "#" + (i + 1),
              pad(String.valueOf(e.jobId()), idWidth, false),
              pad(String.valueOf(e.testType()), testWidth, false),
              pad(String.valueOf(e.meshType()), meshWidth, false),
              e.createdAt(),
              labels);
      out.append(line.stripTrailing()).append('\n');
    }
  }

  private void latency(
      String label,
      Function<Comparison.Figures, Double> value,
      Function<Comparison.Delta, Double> delta,
      Function<Comparison.Delta, Double> pct) {
    row(
        label,
        e -> cell(e, "%.3f", e.figures() == null ? 0 : value.apply(e.figures()), delta, pct, ""));
  }

  /** The value; after the first job also "(+delta, +pct%)". */
  private static String cell(
      Comparison.Entry e,
      String format,
      double value,
      Function<Comparison.Delta, Double> delta,
      Function<Comparison.Delta, Double> pct,
      String deltaUnit) {
    if (e.figures() == null) {
      return NONE;
    }
    String shown = String.format(Locale.ROOT, format, value);
    Comparison.Delta d = e.deltaVsFirst();
    if (d == null) {
      return shown;
    }
    Double percent = pct.apply(d);
    return shown
        + " ("
        + String.format(Locale.ROOT, "%+" + format.substring(1), delta.apply(d))
        + deltaUnit
        + ", "
        + (percent == null ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", percent))
        + ")";
  }

  private static String interval(String format, ConfidenceInterval ci) {
    return String.format(Locale.ROOT, format + " ± " + format, ci.mean(), ci.ci95HalfWidth());
  }

  private void header(String title) {
    labels.add(title);
    rows.add(null);
  }

  private void row(String label, Function<Comparison.Entry, String> cell) {
    labels.add("  " + label);
    rows.add(comparison.jobs().stream().map(cell).toList());
  }

  private void table(StringBuilder out) {
    int n = comparison.jobs().size();
    int labelWidth = labels.stream().mapToInt(String::length).max().orElse(0) + 2;
    int[] widths = new int[n];
    for (int c = 0; c < n; c++) {
      widths[c] = ("#" + (c + 1)).length();
      for (List<String> row : rows) {
        if (row != null) {
          widths[c] = Math.max(widths[c], row.get(c).length());
        }
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      StringBuilder line = new StringBuilder(pad(labels.get(r), labelWidth, false));
      for (int c = 0; c < n; c++) {
        String text = row == null ? (r == 0 ? "#" + (c + 1) : "") : row.get(c);
        line.append("  ").append(pad(text, widths[c], true));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(Math.max(0, width - s.length()));
    return right ? fill + s : s + fill;
  }
}
