package io.meshbench.platform.cli;

import io.meshbench.platform.api.ApiServer;
import io.meshbench.platform.api.ServerConfig;
import io.meshbench.platform.executor.JobExecutor;
import io.meshbench.platform.job.JobEvents;
import io.meshbench.platform.job.JobService;
import io.meshbench.platform.store.JobStore;
import io.meshbench.platform.store.JobStores;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
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
      "  MESHBENCH_MAX_QUEUED_JOBS, MESHBENCH_ALLOW_UNAUTHENTICATED.",
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

  @Override
  public Integer call() throws Exception {
    ServerConfig config = config();
    Clock clock = Clock.systemUTC();
    PrintWriter out = command.commandLine().getOut();
    JobExecutor chosen = ExecutorChoice.choose(config.executor(), config.image(), clock, out);
    CountDownLatch stopped = new CountDownLatch(1);
    try (JobStore store = JobStores.open(config.databaseUrl(), config.dataDir())) {
      JobEvents events = new JobEvents();
      JobService jobs =
          new JobService(
              store, chosen, events, clock, config.maxConcurrentJobs(), config.maxQueuedJobs());
      jobs.start()
          .forEach(
              d -> out.println("job " + d.jobId() + " was running at the last stop: interrupted"));
      ExecutorChoice.removeLeftovers(chosen, store, out);
      ApiServer server = new ApiServer(config, jobs, events, clock).start();
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
              allowUnauthenticated || env.allowUnauthenticated());
      config.checkExposure();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
    return config;
  }
}
