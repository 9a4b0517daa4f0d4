package io.meshbench.platform.cli;

import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.search.SearchResult;
import io.meshbench.platform.search.SearchStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What {@code meshbench search} prints: the steps as a table, the knee, and the answer. */
final class SearchReport {
  private static final String[] HEADER = {
    "step", "rate rps", "p50 ms", "p99 ms", "rps done", "errors %", "sustained", "result"
  };

  private SearchReport() {}

  /** One line per finished step, for the progress on standard error. */
  static String progressLine(SearchStep s) {
    return String.format(
        Locale.ROOT,
        "step %d: %s rps → p99 %.3f ms, errors %.3f%%: %s",
        s.step(),
        SearchCommand.rate(s.rateRps()),
        s.p99Ms(),
        s.errorRate() * 100,
        s.passed() ? "pass" : "FAIL (" + String.join("; ", s.failedBecause()) + ")");
  }

  static String render(JobDocument doc) {
    SearchResult search = doc.search();
    StringBuilder out = new StringBuilder(2048);
    out.append(
        String.format(
            Locale.ROOT, "meshbench search · job %s · %s%n", doc.jobId(), doc.status().wireName()));
    out.append(
        String.format(
            Locale.ROOT,
            "Target     %s%s · %d connections · steps of %s after %s warm-up%n",
            doc.loadSpec() == null ? "?" : doc.loadSpec().target(),
            doc.spec().serviceUrl() == null ? " (built-in target)" : "",
            doc.spec().concurrentConnections(),
            DurationConverter.format(Math.round(search.spec().stepDuration() * 1000)),
            DurationConverter.format(Math.round(doc.spec().warmup() * 1000))));
    out.append(
        String.format(
            Locale.ROOT,
            "Objectives %s · rates %s to %s rps · precision %s%%%n%n",
            String.join(", ", search.spec().slos()),
            SearchCommand.rate(search.spec().startRateRps()),
            SearchCommand.rate(search.spec().maxRateRps()),
            SearchCommand.rate(search.spec().precision() * 100)));
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (SearchStep s : search.steps()) {
      rows.add(
          new String[] {
            Integer.toString(s.step()),
            SearchCommand.rate(s.rateRps()),
            String.format(Locale.ROOT, "%.3f", s.p50Ms()),
            String.format(Locale.ROOT, "%.3f", s.p99Ms()),
            String.format(Locale.ROOT, "%.1f", s.throughputRps()),
            String.format(Locale.ROOT, "%.3f", s.errorRate() * 100),
            s.sustained() ? "yes" : "NO",
            (s.passed() ? "pass" : "FAIL") + marker(search, s)
          });
    }
    table(rows, out);
    for (SearchStep s : search.steps()) {
      if (!s.passed()) {
        out.append(
            String.format(
                Locale.ROOT,
                "  step %d failed: %s%n",
                s.step(),
                String.join("; ", s.failedBecause())));
      }
    }
    out.append('\n');
    if (SearchResult.LOADGEN_LIMITED.equals(search.outcome())) {
      out.append(
          String.format(
              Locale.ROOT,
              "Limit      the load generator saturated at %s rps: no knee of the target found%n",
              SearchCommand.rate(search.lowestFailingRateRps())));
    } else if (search.passed() && search.lowestFailingRateRps() != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "Knee       between %s rps (passed, step %d) and %s rps (failed)%n",
              SearchCommand.rate(search.maxRateRps()),
              search.provingStep(),
              SearchCommand.rate(search.lowestFailingRateRps())));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "Answer     %s%n",
            search.passed()
                ? "max_rate_rps "
                    + SearchCommand.rate(search.maxRateRps())
                    + " — "
                    + search.verdict()
                : search.verdict()));
    return out.toString();
  }

  private static String marker(SearchResult search, SearchStep s) {
    if (search.provingStep() != null && s.step() == search.provingStep()) {
      return "  ◀ answer";
    }
    if (search.lowestFailingRateRps() != null
        && s.rateRps() == search.lowestFailingRateRps()
        && !s.passed()) {
      return "  ◀ knee";
    }
    return "";
  }

  private static void table(List<String[]> rows, StringBuilder out) {
    int columns = HEADER.length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int c = 0; c < columns; c++) {
        String cell = row[c];
        String fill = " ".repeat(widths[c] - cell.length());
        // Numbers right-aligned, the verdict left-aligned.
        line.append(c == columns - 1 ? cell + fill : fill + cell).append("  ");
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
