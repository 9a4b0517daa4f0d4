package io.meshbench.platform.cli;

import io.meshbench.engine.protocol.ml.InferenceOptions;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.LatencyStats;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.analysis.HealthNotes;
import io.meshbench.platform.analysis.Slo;
import io.meshbench.platform.job.JobDocument;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report {@code meshbench run} prints: summary, percentile spectrum, errors, warnings, SLOs.
 */
final class TextReport {
  private static final String[][] SPECTRUM = {
    {"min", "min"},
    {"p50", "p50"},
    {"p75", "p75"},
    {"p90", "p90"},
    {"p95", "p95"},
    {"p99", "p99"},
    {"p99_9", "p99.9"},
    {"p99_99", "p99.99"},
    {"max", "max"},
    {"mean", "mean"},
    {"stdev", "stdev"}
  };

  private final JobDocument doc;
  private final List<Slo.Check> checks;
  private final StringBuilder out = new StringBuilder(2048);

  TextReport(JobDocument doc, List<Slo.Check> checks) {
    this.doc = doc;
    this.checks = checks;
  }

  String render() {
    RunResult r = doc.result();
    LoadSpec spec = doc.loadSpec();
    line(
        "meshbench %s · job %s · %s",
        doc.environment().meshbenchVersion(), doc.jobId(), doc.status().wireName());
    line(
        "Target     %s%s · mesh %s",
        spec.target(),
        doc.spec().serviceUrl() == null ? " (built-in target)" : "",
        doc.spec().meshType());
    line(
        "Load       %s · %d connections · %s · %s after %s warm-up",
        spec.closedModel()
            ? "closed model (as fast as possible)"
            : String.format(
                Locale.ROOT, "open model, %s rps %s", num(spec.rateRps()), spec.arrival()),
        spec.connections(),
        doc.environment().transport(),
        DurationConverter.format(spec.durationMs()),
        DurationConverter.format(spec.warmupMs()));
    if (spec.protocol() == Protocol.ML) {
      line(
          "Inference  model %s · batch %s × %s FP32 features",
          spec.options()
              .getOrDefault(InferenceOptions.MODEL_OPTION, InferenceOptions.DEFAULT_MODEL),
          spec.options().getOrDefault(InferenceOptions.BATCH_SIZE_OPTION, "1"),
          spec.options()
              .getOrDefault(
                  InferenceOptions.FEATURES_OPTION,
                  Integer.toString(InferenceOptions.DEFAULT_FEATURES)));
    }
    line("");
    if (r.allFailed() && doc.error() != null) {
      // Nothing succeeded: the cause first, and no table of zero latencies that looks like data.
      line("! FAILED: %s", doc.error());
      line("");
    }
    line(
        "Requests   %d (%d ok, %d errors, %.2f%%) · throughput %s rps%s",
        r.requests(),
        r.successes(),
        r.errors(),
        r.errorRate() * 100,
        num(r.throughputRps()),
        r.inferencesPerS() == null ? "" : " · " + num(r.inferencesPerS()) + " inferences/s");
    if (spec.closedModel()) {
      line("Sent       %d requests · %s rps", r.sent(), num(r.sendRateRps()));
    } else {
      line(
          "Schedule   scheduled %d · sent %d · max lag %.2f ms · rate %s",
          r.scheduled(), r.sent(), r.maxLagMs(), r.rateSustained() ? "sustained" : "NOT sustained");
    }
    line(
        "Transfer   sent %s · received %s · %d connects",
        bytes(r.bytesSent()), bytes(r.bytesReceived()), r.connects());
    if (r.hasConnectTimes()) {
      LatencyStats c = r.connectTimeMs();
      line(
          "Connect    p50 %s · p90 %s · p99 %s · max %s ms (handshakes included)",
          ms(c, "p50"), ms(c, "p90"), ms(c, "p99"), ms(c, "max"));
    }
    line(
        "Generator  CPU %.1f%% per load thread · own lateness p99 %.3f ms, max %.3f ms · %s",
        r.loadgenCpuPercent(),
        r.loadgenLagP99Ms(),
        r.loadgenLagMaxMs(),
        r.loadgenSaturated() ? "SATURATED" : "not saturated");
    if (!spec.closedModel()) {
      line("Waiting    longest wait for a free connection %.2f ms", r.connectionWaitMaxMs());
    }
    line("");
    if (r.allFailed()) {
      line("Latency    none: no request succeeded");
    } else {
      line("Latency (ms)   corrected    service");
      for (String[] p : SPECTRUM) {
        line("  %-10s %12s %10s", p[1], ms(r.latencyMs(), p[0]), ms(r.serviceTimeMs(), p[0]));
      }
    }
    line("");
    line("Errors     %s", r.errors() == 0 ? "none" : counts(r.errorKinds()));
    line("Status     %s", r.statusCodes().isEmpty() ? "none" : counts(r.statusCodes()));
    if (r.firstError() != null) {
      line("Error text %s", r.firstError());
    }
    warnings();
    if (!checks.isEmpty()) {
      line("");
      line("SLOs");
      for (Slo.Check c : checks) {
        line(
            "  %s  %s (actual %s)",
            c.passed() ? "PASS  " : "BREACH", c.slo().text(), c.actualText());
      }
    }
    return out.toString();
  }

  /** Each of {@link HealthNotes}, after a blank line and a "! ". */
  private void warnings() {
    for (String note : HealthNotes.of(doc)) {
      line("");
      line("! %s", note);
    }
  }

  private static String ms(LatencyStats s, String key) {
    return String.format(Locale.ROOT, "%.3f", s.byKey(key));
  }

  private static String counts(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .map(e -> e.getKey() + " ×" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    if (n < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.2f GiB", n / (1024.0 * 1024 * 1024));
  }

  private void line(String format, Object... args) {
    out.append(args.length == 0 ? format : String.format(Locale.ROOT, format, args)).append('\n');
  }
}
