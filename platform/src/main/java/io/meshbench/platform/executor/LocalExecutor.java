package io.meshbench.platform.executor;

import io.meshbench.engine.protocol.ProtocolClients;
import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.SpecException;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.engine.stats.RunResults;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.search.RateSearch;
import io.meshbench.platform.search.SearchResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs jobs in this process with the engine; the built-in target stands in when no URL is given.
 */
public final class LocalExecutor implements JobExecutor {
  public static final String NAME = "local";

  /** Replaced by the built-in target's address when the job names no service. */
  private final Clock clock;

  public LocalExecutor(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void check(JobSpec spec) {
    if (!spec.meshTypes().isEmpty()) {
      throw new UnsupportedJobException(
          "mesh_types",
          "mesh_types (a mesh matrix) deploys the target under each mesh in turn, which needs a"
              + " Kubernetes cluster, and this server runs jobs locally: start it with"
              + " MESHBENCH_EXECUTOR=kubernetes and a kubeconfig (KUBECONFIG or ~/.kube/config),"
              + " or inside a cluster. Locally, start one job per mesh and compare them.");
    }
    // With a service_url, a mesh_type is a label: load goes from here to a service that runs
    // under that mesh, and the document says the mesh was not verified. Only a job that must
    // deploy the target into a mesh needs a cluster.
    if (spec.meshType() != MeshType.BASELINE && spec.serviceUrl() == null) {
      throw new UnsupportedJobException(
          "mesh_type",
          "mesh_type "
              + spec.meshType()
              + " without a service_url means deploying the target under that mesh, which needs"
              + " a Kubernetes cluster, and this server runs jobs locally: start it with"
              + " MESHBENCH_EXECUTOR=kubernetes and a kubeconfig (KUBECONFIG or ~/.kube/config),"
              + " or inside a cluster. Locally, give a service_url that runs under the mesh (a"
              + " labelled run, recorded with mesh_verified false) or use mesh_type baseline.");
    }
    if (spec.serviceUrl() == null) {
      String tooLarge =
          LocalRun.builtInTargetProblem(spec.testType(), spec.payloadBytes(), "payload_bytes");
      if (tooLarge != null) {
        throw new UnsupportedJobException("payload_bytes", tooLarge);
      }
    }
    if (!ProtocolClients.supported().contains(spec.testType())) {
      throw new UnsupportedJobException(
          "test_type",
          "test_type "
              + spec.testType()
              + " is not available in this build (available: "
              + ProtocolClients.supported()
              + ")");
    }
    if (spec.workers() > 1) {
      throw new UnsupportedJobException(
          "workers",
          "workers > 1 spreads load over several pods and needs the Kubernetes executor;"
              + " locally, raise concurrent_connections instead");
    }
    try {
      loadSpec(spec); // the engine's own validation
    } catch (SpecException e) {
      String field = API_FIELDS.getOrDefault(e.field(), e.field());
      throw new UnsupportedJobException(
          field, field + e.getMessage().substring(e.field().length()));
    }
  }

  /** The job document's words for the engine's fields. */
  private static final Map<String, String> API_FIELDS =
      Map.of(
          "target", "service_url",
          "rate_rps", "rate",
          "connections", "concurrent_connections",
          "duration_ms", "duration",
          "warmup_ms", "warmup");

  @Override
  public Execution prepare(JobDocument running) {
    return running.spec().search() != null ? new Search(running) : new Iterations(running);
  }

  /** A search: one full local run per step, the answer under {@code search}. */
  private final class Search implements Execution {
    private final JobDocument running;
    private volatile LocalSearchSteps steps;
    private volatile RateSearch search;
    private volatile boolean cancelled;

    Search(JobDocument running) {
      this.running = running;
    }

    @Override
    public JobDocument run(RunListener listener) throws InterruptedException {
      JobSpec spec = running.spec();
      LoadSpec template =
          loadSpec(spec).toBuilder()
              .durationMs(Math.round(spec.search().stepDuration() * 1000))
              .build();
      steps = new LocalSearchSteps(template, spec.serviceUrl() == null, listener);
      search = new RateSearch(spec.search(), steps);
      if (cancelled) { // a stop that came before the search existed
        search.cancel();
        steps.cancel();
      }
      SearchResult result = search.run(RateSearch.StepListener.NONE);
      return SearchJobs.finish(running, result, steps.lastEnvironment(), steps.lastSpec(), clock);
    }

    @Override
    public void cancel() {
      cancelled = true;
      RateSearch s = search;
      if (s != null) {
        s.cancel();
      }
      LocalSearchSteps st = steps;
      if (st != null) {
        st.cancel();
      }
    }
  }

  /**
   * Runs the job's iterations one after another. The job's result merges them exactly (durations
   * add); each stays in {@code iterations} so that comparisons can give confidence intervals.
   */
  private final class Iterations implements Execution {
    private final JobDocument running;
    private volatile LocalRun current;
    private volatile boolean cancelled;

    Iterations(JobDocument running) {
      this.running = running;
    }

    @Override
    public JobDocument run(RunListener listener) throws InterruptedException {
      JobSpec spec = running.spec();
      List<RunResult> results = new ArrayList<>();
      LocalRun.Outcome last = null;
      for (int i = 0; i < spec.iterations() && !cancelled; i++) {
        LocalRun run = new LocalRun(loadSpec(spec), spec.serviceUrl() == null);
        current = run;
        if (cancelled) {
          run.cancel();
        }
        last = run.execute(listener);
        results.add(last.result());
        if (last.status() != JobStatus.COMPLETED) {
          break;
        }
      }
      if (last == null) {
        return running.finished(JobStatus.CANCELLED, clock.instant(), "cancelled");
      }
      RunResult merged = results.size() == 1 ? results.get(0) : RunResults.mergeSequential(results);
      return running
          .withRun(
              last.environment(), last.loadSpec(), merged, results.size() > 1 ? results : List.of())
          .finished(last.status(), clock.instant(), last.error());
    }

    @Override
    public void cancel() {
      cancelled = true;
      LocalRun run = current;
      if (run != null) {
        run.cancel();
      }
    }
  }

  /** The engine's spec for a job, in the engine's units. */
  public static LoadSpec loadSpec(JobSpec spec) {
    String target =
        spec.serviceUrl() != null ? spec.serviceUrl() : LocalRun.standInTarget(spec.testType());
    return LoadSpec.builder(spec.testType(), target)
        .rateRps(spec.rate())
        .connections(spec.concurrentConnections())
        .durationMs(Math.round(spec.duration() * 1000))
        .warmupMs(Math.round(spec.warmup() * 1000))
        .payloadBytes(spec.payloadBytes())
        .build();
  }
}
