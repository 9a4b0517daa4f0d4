package io.meshbench.platform.cli;

import io.meshbench.engine.protocol.ProtocolClients;
import io.meshbench.engine.protocol.Transport;
import io.meshbench.engine.run.LoadRun;
import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.run.RunProgress;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.cluster.WorkerEnv;
import io.meshbench.platform.cluster.WorkerProtocol;
import io.meshbench.platform.mesh.ProxyShutdown;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code meshbench worker}: one load generator of a cluster job. Everything comes from the
 * environment the pod spec sets (see {@link WorkerEnv}); the output is the worker protocol.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Runs one load generator of a Kubernetes job and prints the worker protocol:",
      "  MESHBENCH_PROGRESS {json} about once a second, then MESHBENCH_RESULT {json} with the"
          + " whole histograms (or MESHBENCH_ERROR {json}).",
      "Environment: MESHBENCH_SPEC (the LoadSpec as JSON, required), MESHBENCH_START_AT (epoch"
          + " ms of the common start; default now), MESHBENCH_WORKERS (default 1),"
          + " JOB_COMPLETION_INDEX (this worker's index, set by an Indexed Job; default 0),"
          + " MESHBENCH_PROXY_SHUTDOWN_URL (POSTed at the end so a sidecar exits).",
      "Each worker takes its own schedule seed (seed + index) and phase (index / total rate), so"
          + " workers never fire in lockstep."
    },
    footer = {
      "",
      "Exit codes: 0 a result was printed, 1 the run could not take place, 2 bad environment.",
      "",
      "Example:",
      "  MESHBENCH_SPEC='{\"protocol\":\"http\",\"target\":\"http://127.0.0.1:8080/\","
          + "\"rate_rps\":100,\"duration_ms\":3000}' meshbench worker"
    })
public final class WorkerCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = command.commandLine().getOut();
    WorkerEnv env;
    try {
      env = WorkerEnv.from(System.getenv());
    } catch (IllegalArgumentException e) {
      out.println(WorkerProtocol.errorLine(e.getMessage()));
      out.flush();
      command.commandLine().getErr().println("meshbench worker: " + e.getMessage());
      command.commandLine().getErr().flush();
      return ExitCodes.USAGE;
    }
    String last;
    try {
      last = run(env, out);
    } catch (RuntimeException e) {
      last = WorkerProtocol.errorLine("the run could not take place: " + e.getMessage());
    }
    // The proxy goes first: the final line is then the last thing this pod does, and the
    // coordinator reads it from the log, not over the (now proxy-less) network.
    if (env.proxyShutdownUrl() != null) {
      String said = ProxyShutdown.post(env.proxyShutdownUrl());
      out.println("meshbench worker: proxy shutdown " + env.proxyShutdownUrl() + ": " + said);
    }
    out.println(last);
    out.flush();
    return last.startsWith(WorkerProtocol.RESULT) ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /**
   * Loads the protocol stack's classes while waiting for the common start: on a busy node, class
   * loading inside the measured run would stall the first sends for seconds.
   */
  private static void preload(LoadSpec spec) {
    Transport transport = Transport.choose(spec.options().get("transport"));
    if (ProtocolClients.supported().contains(spec.protocol())) {
      ProtocolClients.create(spec, transport).close();
    }
  }

  /** Runs the load; returns the final protocol line (result or error), not yet printed. */
  private String run(WorkerEnv env, PrintWriter out) throws InterruptedException {
    LoadSpec spec = env.workerSpec();
    preload(spec);
    long waitMs = env.startAtMs() + env.phaseMs() - System.currentTimeMillis();
    out.printf(
        "meshbench worker %d/%d: %s at %.1f rps, seed %d, start in %d ms%n",
        env.index(), env.workers(), spec.target(), spec.rateRps(), spec.seed(), waitMs);
    out.flush();
    if (waitMs > 0) {
      TimeUnit.MILLISECONDS.sleep(waitMs);
    }
    LoadRun run = new LoadRun(spec);
    RunListener listener =
        new RunListener() {
          @Override
          public void onProgress(RunProgress progress) {
            out.println(WorkerProtocol.progressLine(progress));
            out.flush();
          }
        };
    RunResult result = run.run(listener);
    return WorkerProtocol.resultLine(result);
  }
}
