package io.meshbench.platform.analysis;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.cluster.ClusterReport;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobEnvironment;
import io.meshbench.platform.job.JobResult;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;
import java.util.ArrayList;
import java.util.List;

/**
 * What a mesh matrix job ({@code mesh_types}) measured: every mesh's runs, in matrix order, and
 * their comparison. It is the {@code matrix} section of the one job document of the matrix (as
 * {@code search} is a search job's); the document's own {@code result} stays null, because no
 * single mesh's figures stand for the matrix.
 *
 * @param order the cells as they ran, e.g. {@code ["baseline 1/2", "istio 1/2", "baseline 2/2",
 *     ...]}: the proof of interleaving
 */
@JsonPropertyOrder({"comparison", "order", "meshes"})
public record MatrixResult(
    @JsonProperty("comparison") MatrixReport comparison,
    @JsonProperty("order") List<String> order,
    @JsonProperty("meshes") List<MeshRun> meshes) {

  public MatrixResult {
    order = order == null ? List.of() : List.copyOf(order);
    meshes = meshes == null ? List.of() : List.copyOf(meshes);
  }

  /**
   * The jobs given, each mesh matrix job replaced by its meshes' jobs ({@link #meshJobs}): what
   * comparisons and exports work on, since a matrix job has no result of its own.
   */
  public static List<JobDocument> unfold(List<JobDocument> jobs) {
    List<JobDocument> unfolded = new ArrayList<>();
    for (JobDocument job : jobs) {
      if (job.matrix() != null && !job.matrix().meshes().isEmpty()) {
        unfolded.addAll(job.matrix().meshJobs(job));
      } else {
        unfolded.add(job);
      }
    }
    return unfolded;
  }

  /**
   * Each mesh of this matrix as a job document of its own, so that it can be compared with other
   * jobs: its id is the matrix job's id, "/" and the mesh; its status, error, result, iterations
   * and cluster report are the mesh's; the rest is the matrix job's.
   *
   * @param matrixJob the document this matrix belongs to
   */
  public List<JobDocument> meshJobs(JobDocument matrixJob) {
    return meshes.stream()
        .map(
            m ->
                new JobDocument(
                    matrixJob.jobId() + "/" + m.meshType().wireName(),
                    m.jobStatus(),
                    matrixJob.spec() == null ? null : matrixJob.spec().withMesh(m.meshType()),
                    matrixJob.executor(),
                    matrixJob.createdAt(),
                    matrixJob.startedAt(),
                    matrixJob.completedAt(),
                    m.error(),
                    meshEnvironment(matrixJob.environment(), m),
                    matrixJob.loadSpec(),
                    m.result(),
                    m.iterations(),
                    null,
                    null,
                    m.cluster(),
                    null))
        .toList();
  }

  /** The matrix's environment, verified as far as this mesh's own pods were. */
  private static JobEnvironment meshEnvironment(JobEnvironment matrix, MeshRun mesh) {
    if (matrix == null || mesh.cluster() == null) {
      return matrix;
    }
    return matrix.withMeshVerified(mesh.cluster().meshVerified());
  }

  /**
   * One mesh of the matrix.
   *
   * @param status completed when every iteration of this mesh completed; else how its last run
   *     ended (or cancelled/failed when the matrix stopped before this mesh finished)
   * @param result the merged result of its iterations (exact histogram merge); null when none ran;
   *     written as {@link #resultJson()}
   * @param iterations each iteration's result, in order, when there are several
   * @param cluster the mesh's verification and per-container resources of its last run
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @JsonPropertyOrder({"mesh_type", "status", "error", "result", "iterations", "cluster"})
  public record MeshRun(
      @JsonProperty("mesh_type") MeshType meshType,
      @JsonProperty("status") String status,
      @JsonProperty("error") String error,
      RunResult result,
      @JsonProperty("iterations") List<RunResult> iterations,
      @JsonProperty("cluster") ClusterReport cluster) {

    public MeshRun {
      iterations = iterations == null ? List.of() : List.copyOf(iterations);
    }

    /** Reads a mesh's run; its resources come from {@code result.resources}, as in a job. */
    @JsonCreator
    static MeshRun read(
        @JsonProperty("mesh_type") MeshType meshType,
        @JsonProperty("status") String status,
        @JsonProperty("error") String error,
        @JsonProperty("result") JobResult result,
        @JsonProperty("iterations") List<RunResult> iterations,
        @JsonProperty("cluster") ClusterReport cluster) {
      return new MeshRun(
          meshType,
          status,
          error,
          result == null ? null : result.run(),
          iterations,
          JobResult.withResources(cluster, result));
    }

    /** {@link #result} as written: with the cluster's resources beside the engine's figures. */
    @JsonProperty("result")
    public JobResult resultJson() {
      return JobResult.of(result, cluster);
    }

    /** {@link #status} as a job status; a status this version does not know counts as failed. */
    JobStatus jobStatus() {
      for (JobStatus s : JobStatus.values()) {
        if (s.wireName().equals(status)) {
          return s;
        }
      }
      return JobStatus.FAILED;
    }

    /** Each run of this mesh: its iterations, or its single result. */
    public List<RunResult> runs() {
      if (!iterations.isEmpty()) {
        return iterations;
      }
      return result == null ? List.of() : List.of(result);
    }
  }
}
