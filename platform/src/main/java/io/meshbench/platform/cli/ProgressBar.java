package io.meshbench.platform.cli;

import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.run.RunProgress;
import io.meshbench.engine.stats.IntervalSnapshot;
import io.meshbench.engine.stats.RunResult;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal: elapsed time, live rps and p99 ("p99 – ms" for a second
 * without a success), errors.
 */
final class ProgressBar implements RunListener {
  private static final int WIDTH = 24;
  private final PrintWriter err;
  private int lastLength;

  ProgressBar(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void onProgress(RunProgress p) {
    int filled = (int) Math.round(p.fraction() * WIDTH);
    String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
    IntervalSnapshot s = p.interval();
    String live =
        s == null
            ? "warming up"
            : String.format(
                Locale.ROOT, "rps %.0f  p99 %s ms  errors %d", s.rps(), p99(s), p.errors());
    String text =
        String.format(
            Locale.ROOT,
            "\r[%s] %3.0f%%  %.0fs/%.0fs  %s",
            bar,
            p.fraction() * 100,
            p.elapsedS(),
            p.plannedS(),
            live);
    int pad = Math.max(0, lastLength - text.length());
    err.print(text + " ".repeat(pad));
    err.flush();
    lastLength = text.length();
  }

  /** A second in which nothing succeeded has no latency: an en dash, never 0. */
  static String p99(IntervalSnapshot s) {
    return s.p99Ms() == null ? "–" : String.format(Locale.ROOT, "%.2f", s.p99Ms());
  }

  @Override
  public void onComplete(RunResult result) {
    err.print("\r" + " ".repeat(lastLength) + "\r");
    err.flush();
  }
}
