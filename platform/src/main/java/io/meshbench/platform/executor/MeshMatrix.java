package io.meshbench.platform.executor;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.run.RunProgress;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.engine.stats.RunResults;
import io.meshbench.platform.analysis.MatrixReport;
import io.meshbench.platform.analysis.MatrixResult;
import io.meshbench.platform.cluster.ClusterRunSettings;
import io.meshbench.platform.cluster.PodResources;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mesh matrix job ({@code mesh_types}): one load under several meshes, interleaved — iteration 1
 * of A, B, C, then iteration 2 of A, B, C... — so that drift in the cluster (noisy neighbours, node
 * temperature, caches) hits every mesh alike instead of biasing whichever ran last. The CLI and the
 * server run matrices through this one class; the result is one job document whose {@code matrix}
 * holds every mesh's runs and their comparison.
 *
 * <p>Every cell runs under the matrix's own job id, one after the other, each cleaned up before the
 * next: the cluster's objects always carry the id of a job that is running, so start-up cleanup of
 * dead jobs never touches a live matrix.
 *
 * <p>Threading model: {@link #run} runs on the caller's thread; {@link #cancel} may come from any
 * thread.
 */
final class MeshMatrix implements JobExecutor.Execution {
  private static final Logger LOG = LoggerFactory.getLogger(MeshMatrix.class);

  private final KubernetesClient client;
  private final ClusterRunSettings settings;
  private final String image;
  private final Clock clock;
  private final JobDocument running;
  private final LoadSpec load;
  private final PrintWriter log;
  private volatile ClusterRun current;
  private volatile boolean cancelled;

  /**
   * @param load the engine spec each cell runs (split between workers)
   * @param log one line per cell as it finishes (null: the server's log only)
   */
  MeshMatrix(
      KubernetesClient client,
      ClusterRunSettings settings,
      String image,
      Clock clock,
      JobDocument running,
      LoadSpec load,
      PrintWriter log) {
    this.client = client;
    this.settings = settings;
    this.image = image;
    this.clock = clock;
    this.running = running;
    this.load = load;
    this.log = log;
  }

  @Override
  public void cancel() {
    cancelled = true;
    ClusterRun run = current;
    if (run != null) {
      run.cancel();
    }
  }

  @Override
  public JobDocument run(RunListener listener) throws InterruptedException {
    JobSpec spec = running.spec();
    List<MeshType> meshes = spec.meshTypes();
    int iterations = spec.iterations();
    Map<MeshType, List<RunResult>> results = new EnumMap<>(MeshType.class);
    Map<MeshType, ClusterRun.Outcome> last = new EnumMap<>(MeshType.class);
    meshes.forEach(m -> results.put(m, new ArrayList<>()));
    List<String> order = new ArrayList<>();
    ClusterRun.Outcome latest = null;
    String stopped = null;
    int cellIndex = 0;
    for (int i = 0; i < iterations && stopped == null; i++) {
      for (MeshType mesh : meshes) {
        if (cancelled) {
          stopped = "cancelled";
          break;
        }
        ClusterRun run = new ClusterRun(client, settings, image, PodResources.DEFAULTS);
        current = run;
        if (cancelled) { // a stop that came between the check above and `current`
          run.cancel();
        }
        ClusterRun.Outcome outcome =
            run.execute(
                running.jobId(),
                spec.namespace(),
                mesh,
                spec.sidecar(),
                spec.workers(),
                load,
                matrixProgress(listener, cellIndex++, iterations * meshes.size()));
        latest = outcome;
        last.put(mesh, outcome);
        if (outcome.result() != null) {
          results.get(mesh).add(outcome.result());
        }
        String cell = mesh + " " + (i + 1) + "/" + iterations;
        order.add(cell);
        report(i, iterations, mesh, outcome);
        if (outcome.status() != JobStatus.COMPLETED) {
          stopped = mesh + " " + outcome.status().wireName() + ": " + outcome.error();
          break;
        }
      }
    }
    List<MatrixResult.MeshRun> runs = new ArrayList<>();
    for (MeshType mesh : meshes) {
      runs.add(meshRun(mesh, last.get(mesh), results.get(mesh), iterations, stopped));
    }
    boolean anyResult = runs.stream().anyMatch(r -> r.result() != null);
    MatrixResult matrix =
        new MatrixResult(anyResult ? MatrixReport.of(runs, iterations) : null, order, runs);
    JobDocument measured = running;
    if (latest != null) {
      measured =
          running.withRun(
              KubernetesExecutor.environment(
                  running,
                  latest.kubernetesVersion(),
                  null,
                  runs.stream().allMatch(r -> r.cluster() != null && r.cluster().meshVerified())),
              latest.workerSpec(),
              null,
              List.of());
    }
    JobStatus end =
        stopped == null ? JobStatus.COMPLETED : cancelled ? JobStatus.CANCELLED : JobStatus.FAILED;
    String error = stopped == null ? null : "the mesh matrix stopped early: " + stopped;
    return measured.withMatrix(matrix).finished(end, clock.instant(), error);
  }

  /**
   * One mesh's part: completed only when all its iterations completed; a mesh that the stopped
   * matrix left unfinished says so, its measured runs kept.
   */
  private MatrixResult.MeshRun meshRun(
      MeshType mesh,
      ClusterRun.Outcome outcome,
      List<RunResult> measured,
      int iterations,
      String stopped) {
    RunResult merged = measured.isEmpty() ? null : RunResults.mergeSequential(measured);
    List<RunResult> each = measured.size() > 1 ? measured : List.of();
    if (outcome == null) {
      return new MatrixResult.MeshRun(
          mesh,
          (cancelled ? JobStatus.CANCELLED : JobStatus.FAILED).wireName(),
          "the mesh matrix stopped before this mesh ran: " + stopped,
          null,
          List.of(),
          null);
    }
    String status = outcome.status().wireName();
    String error = outcome.error();
    if (outcome.status() == JobStatus.COMPLETED && measured.size() < iterations) {
      status = (cancelled ? JobStatus.CANCELLED : JobStatus.FAILED).wireName();
      error =
          "the mesh matrix stopped after "
              + measured.size()
              + " of "
              + iterations
              + " iteration(s) of this mesh: "
              + stopped;
    }
    return new MatrixResult.MeshRun(mesh, status, error, merged, each, outcome.report());
  }

  /**
   * A cell's progress as the matrix's: elapsed and planned time over all cells, so that the job's
   * progress (SSE, dashboard) runs once from 0 to 1; counts and the last second stay the cell's.
   */
  static RunListener matrixProgress(RunListener listener, int cell, int cells) {
    return new RunListener() {
      @Override
      public void onProgress(RunProgress p) {
        listener.onProgress(
            new RunProgress(
                p.phase(),
                cell * p.plannedS() + p.elapsedS(),
                cells * p.plannedS(),
                p.interval(),
                p.requests(),
                p.errors()));
      }
    };
  }

  private void report(int i, int iterations, MeshType mesh, ClusterRun.Outcome outcome) {
    String line =
        String.format(
            "iteration %d/%d %-13s %s%s",
            i + 1,
            iterations,
            mesh,
            outcome.status().wireName(),
            outcome.error() == null ? "" : ": " + outcome.error());
    LOG.info("job {}: {}", running.jobId(), line);
    if (log != null) {
      log.println(line);
      log.flush();
    }
  }
}
