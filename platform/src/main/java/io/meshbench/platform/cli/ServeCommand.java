package io.meshbench.platform.cli;

import io.meshbench.platform.api.ApiServer;
import io.meshbench.platform.api.ServerConfig;
import io.meshbench.platform.cluster.ClusterConnection;
import io.meshbench.platform.executor.JobExecutor;
import io.meshbench.platform.executor.TargetPolicyExecutor;
import io.meshbench.platform.job.JobEvents;
import io.meshbench.platform.job.JobService;
import io.meshbench.platform.job.JobServiceOptions;
import io.meshbench.platform.job.Retention;
import io.meshbench.platform.store.JobStore;
import io.meshbench.platform.store.JobStores;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code meshbench serve}: the REST API, the dashboard and the job queue. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serves the REST API and the dashboard, and runs queued benchmarks one after another.",
      "Each flag can also come from its MESHBENCH_* environment variable (the flag wins)."
    },
    footer = {
      "",
      "Environment: MESHBENCH_HOST, MESHBENCH_PORT, MESHBENCH_DATA_DIR, MESHBENCH_DATABASE_URL,",
      "  MESHBENCH_API_TOKEN, MESHBENCH_EXECUTOR, MESHBENCH_IMAGE, MESHBENCH_MAX_CONCURRENT_JOBS,",
      "  MESHBENCH_MAX_QUEUED_JOBS, MESHBENCH_ALLOW_UNAUTHENTICATED, MESHBENCH_ALLOWED_HOSTS,",
      "  MESHBENCH_ALLOWED_TARGETS, MESHBENCH_RETENTION_DAYS, MESHBENCH_MAX_JOBS,",
      "  MESHBENCH_JOB_LEASE_SECONDS.",
      "Cluster (unless --executor local): KUBECONFIG, else ~/.kube/config, else the pod's",
      "  service account; see GET /kubernetes/meshes and docs/kubernetes.md.",
      "",
      "Example:",
      "  meshbench serve --port 8000",
      "  curl -X POST http://localhost:8000/benchmarks/start -H 'Content-Type: application/json' \\",
      "       -d '{\"test_type\":\"http\",\"mesh_type\":\"baseline\",\"duration\":10}'"
    })
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Option(names = "--host", description = "Address to bind (MESHBENCH_HOST). Default: 127.0.0.1.")
  String host;

  @Option(
      names = "--port",
      description = "Port; 0 picks a free one (MESHBENCH_PORT). Default: 8000.")
  Integer port;

  @Option(
      names = "--data-dir",
      description = "Job files and reports (MESHBENCH_DATA_DIR). Default: ./data.")
  Path dataDir;

  @Option(
      names = "--database-url",
      description = "PostgreSQL URL instead of files (MESHBENCH_DATABASE_URL).")
  String databaseUrl;

  @Option(
      names = "--executor",
      description = "auto, local or kubernetes (MESHBENCH_EXECUTOR). Default: auto.")
  String executor;

  @Option(
      names = "--max-concurrent-jobs",
      description = "Jobs run at once (MESHBENCH_MAX_CONCURRENT_JOBS). Default: 1.")
  Integer maxConcurrentJobs;

  @Option(
      names = "--allow-unauthenticated",
      description = "Allow a non-loopback --host without MESHBENCH_API_TOKEN.")
  boolean allowUnauthenticated;

  @Option(
      names = "--retention-days",
      description =
          "Delete finished jobs older than this many days, at start and daily; 0 keeps all"
              + " (MESHBENCH_RETENTION_DAYS). Default: 0.")
  Integer retentionDays;

  @Option(
      names = "--max-jobs",
      description =
          "Keep at most this many jobs, deleting the oldest finished ones; 0 means no limit"
              + " (MESHBENCH_MAX_JOBS). Default: 0.")
  Integer maxJobs;

  @Override
  public Integer call() throws Exception {
    ServerConfig config = config();
    JobServiceOptions options = options(config);
    Clock clock = Clock.systemUTC();
    PrintWriter out = command.commandLine().getOut();
    JobExecutor chosen = ExecutorChoice.choose(config.executor(), config.image(), clock, out);
    CountDownLatch stopped = new CountDownLatch(1);
    try (JobStore store = JobStores.open(config.databaseUrl(), config.dataDir());
        ClusterConnection cluster =
            ClusterConnection.forServer(config.executor(), System.getenv())) {
      JobEvents events = new JobEvents();
      JobService jobs =
          new JobService(
              store,
              new TargetPolicyExecutor(config.targetPolicy(), chosen),
              events,
              clock,
              options);
      // Bind before any worker starts: a busy port must leave the queue as it found it.
      ApiServer server = new ApiServer(config, jobs, events, clock, cluster);
      try {
        server.start();
      } catch (RuntimeException e) {
        server.close();
        jobs.close();
        command
            .commandLine()
            .getErr()
            .printf(
                "meshbench serve: cannot listen on %s:%d (%s). Is another server running there?"
                    + " Pick another --port (MESHBENCH_PORT).%n",
                config.host(), config.port(), rootMessage(e));
        return ExitCodes.FAILED;
      }
      jobs.start()
          .forEach(
              d -> out.println("job " + d.jobId() + " was running at the last stop: interrupted"));
      ExecutorChoice.removeLeftovers(chosen, store, out);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.close();
                    jobs.close(); // running jobs stop and are marked interrupted
                    stopped.countDown();
                  },
                  "meshbench-serve-stop"));
      out.printf(
          "meshbench serve listening on http://%s:%d/ (executor %s, store %s%s, token %s)%n",
          config.host(),
          server.port(),
          jobs.executorName(),
          store.kind(),
          config.databaseUrl() == null ? " in " + config.dataDir().toAbsolutePath() : "",
          config.apiToken() == null ? "off" : "required for changes");
      out.flush();
      stopped.await();
    }
    return ExitCodes.OK;
  }

  private JobServiceOptions options(ServerConfig config) {
    Map<String, String> env = System.getenv();
    try {
      Retention fromEnv = Retention.fromEnvironment(env);
      Retention retention =
          new Retention(
              retentionDays != null ? retentionDays : fromEnv.days(),
              maxJobs != null ? maxJobs : fromEnv.maxJobs());
      JobServiceOptions options =
          JobServiceOptions.defaults(
              config.maxConcurrentJobs(), config.maxQueuedJobs(), config.dataDir(), retention);
      String leaseS = env.get("MESHBENCH_JOB_LEASE_SECONDS");
      if (leaseS != null && !leaseS.isBlank()) {
        options = options.withLease(Duration.ofSeconds(leaseSeconds(leaseS)), options.tick());
      }
      return options;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
  }

  private static long leaseSeconds(String value) {
    try {
      long s = Long.parseLong(value.trim());
      if (s >= 3 && s <= 3600) {
        return s;
      }
    } catch (NumberFormatException e) {
      // the message below says what is allowed
    }
    throw new IllegalArgumentException(
        "MESHBENCH_JOB_LEASE_SECONDS must be a whole number from 3 to 3600 (got '" + value + "')");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  private ServerConfig config() {
    ServerConfig env;
    try {
      env = ServerConfig.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
    ServerConfig config;
    try {
      config =
          new ServerConfig(
                  host != null ? host : env.host(),
                  port != null ? port : env.port(),
                  dataDir != null ? dataDir : env.dataDir(),
                  databaseUrl != null ? databaseUrl : env.databaseUrl(),
                  env.apiToken(),
                  executor != null ? executor : env.executor(),
                  env.image(),
                  maxConcurrentJobs != null ? maxConcurrentJobs : env.maxConcurrentJobs(),
                  env.maxQueuedJobs(),
                  allowUnauthenticated || env.allowUnauthenticated())
              .withPolicies(env.allowedHosts(), env.allowedTargets());
      config.checkExposure();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
    return config;
  }
}
