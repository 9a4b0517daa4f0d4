package io.meshbench.platform.executor;

import io.meshbench.engine.protocol.Transport;
import io.meshbench.engine.run.LoadRun;
import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.stats.ErrorKind;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.engine.target.TargetConfig;
import io.meshbench.engine.target.TargetServer;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobEnvironment;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.JobStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * One job run in this process: starts the built-in target on loopback when the job names no
 * service, runs the engine and turns its result into the job document.
 */
public final class LocalRun {
  public static final String EXECUTOR = "local";

  private final String jobId;
  private final JobSpec jobSpec;
  private final LoadSpec loadSpec;
  private final Clock clock;
  private final Instant createdAt;
  private volatile LoadRun current;
  private volatile boolean cancelled;

  /**
   * @param loadSpec the load to generate; its target is replaced by the built-in target's address
   *     when {@code jobSpec.serviceUrl()} is null
   */
  public LocalRun(String jobId, JobSpec jobSpec, LoadSpec loadSpec, Clock clock) {
    this.jobId = jobId;
    this.jobSpec = jobSpec;
    this.loadSpec = loadSpec;
    this.clock = clock;
    this.createdAt = clock.instant();
  }

  /** Stops the run; {@link #execute} then returns a document with status cancelled. */
  public void cancel() {
    cancelled = true;
    LoadRun run = current;
    if (run != null) {
      run.cancel();
    }
  }

  public JobDocument execute(RunListener listener) throws InterruptedException {
    Instant startedAt = clock.instant();
    Transport transport = Transport.choose(loadSpec.options().get("transport"));
    TargetServer target = null;
    try {
      LoadSpec spec = loadSpec;
      if (jobSpec.serviceUrl() == null) {
        target = TargetServer.start(TargetConfig.defaults().withTransport(transport));
        spec = loadSpec.withTarget(target.httpUrl());
      }
      LoadRun run = new LoadRun(spec, transport);
      current = run;
      if (cancelled) {
        run.cancel();
      }
      RunResult result = run.run(listener);
      JobStatus status;
      String error = null;
      if (run.cancelled()) {
        status = JobStatus.CANCELLED;
        error = "cancelled";
      } else if (result.allFailed()) {
        status = JobStatus.FAILED;
        error = failureMessage(result, spec);
      } else {
        status = JobStatus.COMPLETED;
      }
      return new JobDocument(
          jobId,
          status,
          jobSpec,
          EXECUTOR,
          createdAt,
          startedAt,
          clock.instant(),
          error,
          JobEnvironment.local(run.transport().wireName()),
          spec,
          result,
          List.of());
    } finally {
      if (target != null) {
        target.close();
      }
    }
  }

  /** Why nothing succeeded, in words a user can act on. */
  static String failureMessage(RunResult result, LoadSpec spec) {
    if (result.requests() == 0) {
      return "no request completed against " + spec.target();
    }
    long connect = result.errorKinds().getOrDefault(ErrorKind.CONNECT.wireName(), 0L);
    if (connect == result.errors()) {
      return "could not connect to "
          + spec.address().authority()
          + " ("
          + connect
          + " connection attempts failed): is the target running and reachable?";
    }
    return "every request failed (" + result.errors() + " errors: " + result.errorKinds() + ")";
  }
}
