package io.meshbench.platform.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.SpecException;
import io.meshbench.platform.job.Json;
import java.util.Map;

/**
 * What a worker pod learns from its environment: the manifests write these variables, {@code
 * meshbench worker} reads them. One place for both sides of the contract.
 *
 * @param spec this worker's share of the load (rate already divided by the number of workers)
 * @param startAtMs the common start, epoch milliseconds
 * @param index this worker's index, 0 to workers − 1
 * @param proxyShutdownUrl POSTed at the end so that a sidecar proxy exits; null when none
 */
public record WorkerEnv(
    LoadSpec spec, long startAtMs, int index, int workers, String proxyShutdownUrl) {
  public static final String SPEC = "MESHBENCH_SPEC";
  public static final String START_AT = "MESHBENCH_START_AT";
  public static final String WORKERS = "MESHBENCH_WORKERS";

  /** Set by Kubernetes in every pod of an Indexed Job. */
  public static final String INDEX = "JOB_COMPLETION_INDEX";

  public static final String PROXY_SHUTDOWN_URL = "MESHBENCH_PROXY_SHUTDOWN_URL";

  /** Read by the image's launcher, not by the worker: the JVM options of the worker process. */
  public static final String JAVA_OPTS = "MESHBENCH_JAVA_OPTS";

  /**
   * A worker is a load generator under a pod CPU limit: no collector threads and no C2 compiler to
   * share that limit with the load thread, and no hsperfdata file to write and sample (nobody runs
   * jstat in a worker pod). The image's default suits the server instead.
   */
  public static final String WORKER_JAVA_OPTS =
      "-XX:+UseSerialGC -XX:-UsePerfData -XX:TieredStopAtLevel=1 -XX:MaxRAMPercentage=75";

  public static final int MAX_WORKERS = 100;

  /**
   * How many workers, from index 0, keep one connection more than the spec says: the remainder of
   * the total divided among them, so that the workers' connections add up to the total exactly.
   */
  public static final String EXTRA_CONNECTIONS = "MESHBENCH_EXTRA_CONNECTIONS";

  /** Why a run cannot spread this many connections over this many workers, or null. */
  public static String connectionsProblem(int connections, int workers) {
    return connections < workers
        ? "connections ("
            + connections
            + ") must be at least workers ("
            + workers
            + "): each worker keeps at least one"
        : null;
  }

  /**
   * Reads the variables.
   *
   * @throws IllegalArgumentException naming the variable and what it must hold
   */
  public static WorkerEnv from(Map<String, String> env) {
    String specJson = env.get(SPEC);
    if (specJson == null || specJson.isBlank()) {
      throw new IllegalArgumentException(SPEC + " is required: the LoadSpec as JSON");
    }
    LoadSpec spec;
    try {
      spec = Json.mapper().readValue(specJson, LoadSpec.class);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof SpecException s ? s : e;
      throw new IllegalArgumentException(SPEC + " is not a valid LoadSpec: " + cause.getMessage());
    }
    long startAtMs = number(env, START_AT, System.currentTimeMillis(), 0, Long.MAX_VALUE);
    int workers = (int) number(env, WORKERS, 1, 1, MAX_WORKERS);
    int index = (int) number(env, INDEX, 0, 0, workers - 1);
    String shutdown = env.get(PROXY_SHUTDOWN_URL);
    if (shutdown != null && !shutdown.startsWith("http://127.0.0.1:")) {
      // Only the pod's own proxy: this variable must never aim a POST anywhere else.
      throw new IllegalArgumentException(
          PROXY_SHUTDOWN_URL
              + " must be a loopback URL http://127.0.0.1:PORT/... (got "
              + shutdown
              + ")");
    }
    int extra = (int) number(env, EXTRA_CONNECTIONS, 0, 0, workers - 1);
    if (index < extra) {
      spec = spec.toBuilder().connections(spec.connections() + 1).build();
    }
    return new WorkerEnv(spec, startAtMs, index, workers, shutdown);
  }

  /**
   * The spec this worker runs: its own schedule seed, so that Poisson streams are independent and
   * their sum stays Poisson.
   */
  public LoadSpec workerSpec() {
    return spec.toBuilder().seed(spec.seed() + 7919L * index).build();
  }

  /**
   * How long after the common start this worker begins: workers spread evenly over one period of
   * the total rate, so that constant schedules interleave instead of firing in lockstep.
   */
  public long phaseMs() {
    double totalRps = spec.rateRps() * workers;
    return totalRps <= 0 ? 0 : Math.round(index * 1000.0 / totalRps);
  }

  private static long number(
      Map<String, String> env, String name, long fallback, long min, long max) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + " must be a whole number from " + min + " to " + max + " (got '" + v + "')");
  }
}
