package io.meshbench.platform.cli;

import io.meshbench.platform.analysis.MatrixReport;
import io.meshbench.platform.cluster.ResourceUsage;
import io.meshbench.platform.job.JobDocument;
import java.util.Locale;

/** Text for a mesh matrix and for a cluster job's containers. */
final class MatrixTable {
  private MatrixTable() {}

  static String render(MatrixReport report) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "Mesh matrix: %d iteration(s), interleaved; overhead against %s (mean of paired"
                + " per-iteration differences, 95%% CI)%n",
            report.iterations(),
            report.referenceMesh()));
    b.append(
        String.format(
            Locale.ROOT,
            "%-13s %-9s %9s %9s %9s %11s %10s %10s  %s%n",
            "mesh",
            "status",
            "p50 ms",
            "p99 ms",
            "p99.9 ms",
            "rps",
            "proxy mCPU",
            "proxy MiB",
            "p99 overhead ms"));
    for (MatrixReport.Row r : report.meshes()) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-13s %-9s %9.3f %9.3f %9.3f %11.1f %10s %10s  %s%n",
              r.meshType(),
              r.status(),
              r.p50Ms(),
              r.p99Ms(),
              r.p99_9Ms(),
              r.throughputRps(),
              r.proxyCpuMillicores() == null
                  ? "n/a"
                  : String.format(Locale.ROOT, "%.0f", r.proxyCpuMillicores()),
              r.proxyMemoryMib() == null
                  ? "n/a"
                  : String.format(Locale.ROOT, "%.1f", r.proxyMemoryMib()),
              overhead(r.p99OverheadMs())));
    }
    report.meshes().stream()
        .filter(r -> r.resourcesUnavailable() != null)
        .findFirst()
        .ifPresent(
            r -> b.append("Resources unavailable: ").append(r.resourcesUnavailable()).append('\n'));
    return b.toString();
  }

  private static String overhead(MatrixReport.Overhead o) {
    if (o == null) {
      return "(reference)";
    }
    if (o.ci95() == null) {
      return String.format(Locale.ROOT, "%+.3f (one iteration: no interval)", o.mean());
    }
    return String.format(
        Locale.ROOT, "%+.3f [%+.3f, %+.3f]", o.mean(), o.ci95().ci95Low(), o.ci95().ci95High());
  }

  /** The containers' CPU and memory over the measured window, or why they are unknown. */
  static String resources(JobDocument doc) {
    if (doc.cluster() == null || doc.cluster().resources() == null) {
      return "";
    }
    ResourceUsage u = doc.cluster().resources();
    if (!u.available()) {
      return "Resources: unavailable (" + u.reason() + ")\n";
    }
    StringBuilder b =
        new StringBuilder("Resources over the measured window (" + u.samples() + " samples):\n");
    for (ResourceUsage.Container c : u.containers()) {
      b.append(
          String.format(
              Locale.ROOT,
              "  %-6s %-5s %-16s cpu avg %6.0f m max %6.0f m   memory avg %7.1f MiB max %7.1f MiB  %s%n",
              c.side(),
              c.role(),
              c.container(),
              c.cpuMillicoresAvg(),
              c.cpuMillicoresMax(),
              c.memoryMibAvg(),
              c.memoryMibMax(),
              c.pod()));
    }
    return b.toString();
  }
}
