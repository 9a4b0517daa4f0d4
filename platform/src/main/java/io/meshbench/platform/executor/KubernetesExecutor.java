package io.meshbench.platform.executor;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshbench.engine.protocol.ProtocolClients;
import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.SpecException;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.engine.stats.RunResults;
import io.meshbench.platform.cluster.ClusterCleanup;
import io.meshbench.platform.cluster.ClusterReport;
import io.meshbench.platform.cluster.ClusterRunSettings;
import io.meshbench.platform.cluster.KubernetesNames;
import io.meshbench.platform.cluster.PodResources;
import io.meshbench.platform.cluster.WorkerEnv;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobEnvironment;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.JobStatus;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs jobs in a Kubernetes cluster: the target as a Deployment, the load as an Indexed Job of
 * {@code meshbench worker} pods, under the job's mesh (see {@link ClusterRun}). Iterations run one
 * after another, each cleaned up before the next; a job with {@code mesh_types} runs as a {@link
 * MeshMatrix}.
 */
public final class KubernetesExecutor implements JobExecutor {
  public static final String NAME = "kubernetes";

  private final KubernetesClient client;
  private final ClusterRunSettings settings;
  private final String image;
  private final Clock clock;

  public KubernetesExecutor(
      KubernetesClient client, ClusterRunSettings settings, String image, Clock clock) {
    this.client = client;
    this.settings = settings;
    this.image = image;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void check(JobSpec spec) {
    String ns = KubernetesNames.namespaceProblem(spec.namespace());
    if (ns != null) {
      throw new UnsupportedJobException("namespace", ns);
    }
    if (spec.workers() < 1 || spec.workers() > WorkerEnv.MAX_WORKERS) {
      throw new UnsupportedJobException(
          "workers",
          "workers must be between 1 and "
              + WorkerEnv.MAX_WORKERS
              + " (got "
              + spec.workers()
              + ")");
    }
    String share = WorkerEnv.connectionsProblem(spec.concurrentConnections(), spec.workers());
    if (share != null) {
      throw new UnsupportedJobException("concurrent_connections", "concurrent_" + share);
    }
    if (spec.serviceUrl() != null) {
      throw new UnsupportedJobException(
          "service_url",
          "service_url must be empty for the kubernetes executor: it deploys the built-in target"
              + " in the job's namespace under the job's mesh, so that the mesh can be verified");
    }
    if (!ProtocolClients.supported().contains(spec.testType())) {
      throw new UnsupportedJobException(
          "test_type", "test_type " + spec.testType() + " is not available in this build");
    }
    try {
      LocalExecutor.loadSpec(spec);
    } catch (SpecException e) {
      throw new UnsupportedJobException(e.field(), e.getMessage());
    }
  }

  /**
   * Deletes what jobs that are no longer running left in the cluster (after a crash of the server).
   *
   * @return the ids of the jobs whose leftovers were removed
   */
  public Set<String> removeLeftovers(Set<String> runningJobIds) {
    return new ClusterCleanup(client).deleteLeftovers(runningJobIds);
  }

  @Override
  public Execution prepare(JobDocument running) {
    return prepare(running, LocalExecutor.loadSpec(running.spec()), null);
  }

  /**
   * Prepares a job, a mesh matrix when its spec has {@code mesh_types}: the one way both the server
   * and {@code meshbench run --executor kubernetes} run cluster jobs.
   *
   * @param load the engine spec to run (the CLI's flags can say more than a {@link JobSpec})
   * @param log one line per cluster run as it finishes (null: none)
   */
  public Execution prepare(JobDocument running, LoadSpec load, PrintWriter log) {
    if (!running.spec().meshTypes().isEmpty()) {
      return new MeshMatrix(client, settings, image, clock, running, load, log);
    }
    return new Iterations(running, load, log);
  }

  /** The iterations of one job under its mesh, one cluster run each. */
  private final class Iterations implements Execution {
    private final JobDocument running;
    private final LoadSpec load;
    private final PrintWriter log;
    private volatile ClusterRun current;
    private volatile boolean cancelled;

    Iterations(JobDocument running, LoadSpec load, PrintWriter log) {
      this.running = running;
      this.load = load;
      this.log = log;
    }

    @Override
    public JobDocument run(RunListener listener) throws InterruptedException {
      JobSpec spec = running.spec();
      List<RunResult> results = new ArrayList<>();
      ClusterRun.Outcome last = null;
      for (int i = 0; i < spec.iterations() && !cancelled; i++) {
        ClusterRun run = new ClusterRun(client, settings, image, PodResources.DEFAULTS);
        current = run;
        if (cancelled) {
          run.cancel();
        }
        last =
            run.execute(
                running.jobId(),
                spec.namespace(),
                spec.meshType(),
                spec.sidecar(),
                spec.workers(),
                load,
                listener);
        if (last.result() != null) {
          results.add(last.result());
        }
        if (log != null) {
          log.printf(
              "iteration %d/%d %-13s %s%s%n",
              i + 1,
              spec.iterations(),
              spec.meshType(),
              last.status().wireName(),
              last.error() == null ? "" : ": " + last.error());
          log.flush();
        }
        if (last.status() != JobStatus.COMPLETED) {
          break;
        }
      }
      return document(running, last, results, clock);
    }

    @Override
    public void cancel() {
      cancelled = true;
      ClusterRun run = current;
      if (run != null) {
        run.cancel();
      }
    }
  }

  /**
   * The coordinator's environment with the cluster's versions. A job queued by the server has no
   * environment until it runs (the CLI's has its own already).
   */
  static JobEnvironment environment(
      JobDocument running, String kubernetesVersion, String mesh, boolean meshVerified) {
    JobEnvironment base = running.environment();
    if (base == null) {
      String transport =
          running.loadSpec() == null
              ? "auto"
              : running.loadSpec().options().getOrDefault("transport", "auto");
      base = JobEnvironment.local(transport);
    }
    return base.withCluster(kubernetesVersion, mesh, meshVerified);
  }

  /** The finished document of a job whose iterations produced {@code results}. */
  private static JobDocument document(
      JobDocument running, ClusterRun.Outcome last, List<RunResult> results, Clock clock) {
    if (last == null) {
      return running.finished(JobStatus.CANCELLED, clock.instant(), "cancelled");
    }
    RunResult merged = results.isEmpty() ? null : RunResults.mergeSequential(results);
    ClusterReport report = last.report();
    String meshVersion = report.mesh() == null ? null : report.mesh().version();
    return running
        .withRun(
            environment(running, last.kubernetesVersion(), meshVersion, report.meshVerified()),
            last.workerSpec(),
            merged,
            results.size() > 1 ? results : List.of())
        .withCluster(report)
        .finished(last.status(), clock.instant(), last.error());
  }
}
