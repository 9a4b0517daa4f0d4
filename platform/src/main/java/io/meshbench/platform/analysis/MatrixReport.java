package io.meshbench.platform.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.cluster.ResourceUsage;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.job.SpecRules;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A mesh matrix side by side: per mesh its latency percentiles (from the merged histogram of all
 * its iterations), throughput, proxy CPU and memory, and its overhead against the reference mesh
 * (baseline when it is in the matrix, else the first). Overheads are means of per-iteration paired
 * differences — iteration i of every mesh ran back to back, so drift cancels in the pair — with a
 * 95 % confidence interval when there are at least two iterations.
 */
@JsonPropertyOrder({"reference_mesh", "iterations", "order", "meshes"})
public record MatrixReport(
    @JsonProperty("reference_mesh") MeshType referenceMesh,
    @JsonProperty("iterations") int iterations,
    @JsonProperty("order") String order,
    @JsonProperty("meshes") List<Row> meshes) {

  /**
   * One mesh.
   *
   * @param proxyCpuMillicores sum of the average CPU of every proxy container (client and server
   *     side); null when metrics were unavailable
   * @param p99OverheadMs null for the reference mesh
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Row(
      @JsonProperty("mesh_type") MeshType meshType,
      @JsonProperty("status") String status,
      @JsonProperty("p50_ms") double p50Ms,
      @JsonProperty("p99_ms") double p99Ms,
      @JsonProperty("p99_9_ms") double p99_9Ms,
      @JsonProperty("throughput_rps") double throughputRps,
      @JsonProperty("proxy_cpu_millicores") Double proxyCpuMillicores,
      @JsonProperty("proxy_memory_mib") Double proxyMemoryMib,
      @JsonProperty("resources_unavailable") String resourcesUnavailable,
      @JsonProperty("p50_overhead_ms") Overhead p50OverheadMs,
      @JsonProperty("p99_overhead_ms") Overhead p99OverheadMs,
      @JsonProperty("throughput_overhead_rps") Overhead throughputOverheadRps) {}

  /** A mean difference against the reference, with its 95 % interval when iterations allow. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Overhead(
      @JsonProperty("mean") double mean, @JsonProperty("ci95") ConfidenceInterval ci95) {}

  /**
   * @param runs every mesh's runs, in matrix order; each with its iterations (or its single result)
   */
  public static MatrixReport of(List<MatrixResult.MeshRun> runs, int iterations) {
    MeshType referenceMesh =
        SpecRules.matrixReference(runs.stream().map(MatrixResult.MeshRun::meshType).toList());
    MatrixResult.MeshRun reference =
        runs.stream().filter(d -> d.meshType() == referenceMesh).findFirst().orElseThrow();
    List<Row> rows = new ArrayList<>();
    for (MatrixResult.MeshRun d : runs) {
      RunResult r = d.result();
      boolean ref = d == reference;
      ResourceUsage usage = d.cluster() == null ? null : d.cluster().resources();
      boolean measured = usage != null && usage.available();
      rows.add(
          new Row(
              d.meshType(),
              d.status(),
              r == null ? 0 : r.latencyMs().p50(),
              r == null ? 0 : r.latencyMs().p99(),
              r == null ? 0 : r.latencyMs().p99_9(),
              r == null ? 0 : r.throughputRps(),
              measured
                  ? Stats.round(
                      usage.cpuMillicores("proxy", "server")
                          + usage.cpuMillicores("proxy", "client"))
                  : null,
              measured
                  ? Stats.round(
                      usage.memoryMib("proxy", "server") + usage.memoryMib("proxy", "client"))
                  : null,
              usage == null || measured ? null : usage.reason(),
              ref ? null : overhead(d, reference, x -> x.latencyMs().p50()),
              ref ? null : overhead(d, reference, x -> x.latencyMs().p99()),
              ref ? null : overhead(d, reference, RunResult::throughputRps)));
    }
    return new MatrixReport(referenceMesh, iterations, "interleaved", rows);
  }

  private static Overhead overhead(
      MatrixResult.MeshRun mesh,
      MatrixResult.MeshRun reference,
      ToDoubleFunction<RunResult> figure) {
    List<RunResult> a = mesh.runs();
    List<RunResult> b = reference.runs();
    int n = Math.min(a.size(), b.size());
    if (n == 0) {
      return null;
    }
    List<Double> diffs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      diffs.add(figure.applyAsDouble(a.get(i)) - figure.applyAsDouble(b.get(i)));
    }
    double mean = diffs.stream().mapToDouble(Double::doubleValue).sum() / n;
    return new Overhead(Stats.round(mean), n >= 2 ? ConfidenceInterval.of95(diffs) : null);
  }
}
