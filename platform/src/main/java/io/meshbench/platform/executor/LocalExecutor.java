package io.meshbench.platform.executor;

import io.meshbench.engine.protocol.ProtocolClients;
import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.SpecException;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.MeshType;
import java.time.Clock;
import java.util.Map;

/**
 * Runs jobs in this process with the engine; the built-in target stands in when no URL is given.
 */
public final class LocalExecutor implements JobExecutor {
  public static final String NAME = "local";

  /** Replaced by the built-in target's address when the job names no service. */
  static final String BUILT_IN_PLACEHOLDER = "http://127.0.0.1:1/";

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
    if (spec.meshType() != MeshType.BASELINE) {
      throw new UnsupportedJobException(
          "mesh_type",
          "mesh_type "
              + spec.meshType()
              + " needs a Kubernetes cluster, and this server runs jobs locally: start it with"
              + " MESHBENCH_EXECUTOR=kubernetes and a kubeconfig (KUBECONFIG or ~/.kube/config),"
              + " or inside a cluster. Locally, only mesh_type baseline runs.");
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
    if (spec.iterations() > 1) {
      throw new UnsupportedJobException(
          "iterations", "iterations > 1 is not supported by the local executor yet");
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
    JobSpec spec = running.spec();
    LocalRun run = new LocalRun(loadSpec(spec), spec.serviceUrl() == null);
    return new Execution() {
      @Override
      public JobDocument run(RunListener listener) throws InterruptedException {
        return run.execute(listener).applyTo(running, clock);
      }

      @Override
      public void cancel() {
        run.cancel();
      }
    };
  }

  /** The engine's spec for a job, in the engine's units. */
  public static LoadSpec loadSpec(JobSpec spec) {
    String target = spec.serviceUrl() != null ? spec.serviceUrl() : BUILT_IN_PLACEHOLDER;
    return LoadSpec.builder(spec.testType(), target)
        .rateRps(spec.rate())
        .connections(spec.concurrentConnections())
        .durationMs(Math.round(spec.duration() * 1000))
        .warmupMs(Math.round(spec.warmup() * 1000))
        .payloadBytes(spec.payloadBytes())
        .build();
  }
}
