package io.meshbench.platform.executor;

import io.meshbench.engine.protocol.Transport;
import io.meshbench.engine.run.LoadRun;
import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.ErrorKind;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobEnvironment;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;
import io.meshbench.target.ServerTransport;
import io.meshbench.target.TargetConfig;
import io.meshbench.target.TargetServer;
import java.time.Clock;
import java.util.List;

/**
 * One run of the engine in this process: starts the built-in target on loopback when asked to, runs
 * the load and judges the outcome. Used by the CLI and by the server's local executor.
 */
public final class LocalRun {
  private final LoadSpec loadSpec;
  private final boolean builtInTarget;
  private volatile LoadRun current;
  private volatile boolean cancelled;

  /**
   * @param builtInTarget start the built-in target and aim at it, replacing the spec's target
   */
  public LocalRun(LoadSpec loadSpec, boolean builtInTarget) {
    this.loadSpec = loadSpec;
    this.builtInTarget = builtInTarget;
  }

  /**
   * Why {@code mesh} cannot label a local run against the built-in target: that target runs here,
   * under no mesh, and a document saying otherwise would compare nothing.
   *
   * @param flag how the caller names the mesh ("--mesh-type")
   * @param orCluster how the caller could deploy the target under the mesh instead, or null
   */
  public static String meshNeedsUrl(String flag, MeshType mesh, String orCluster) {
    return flag
        + " "
        + mesh.wireName()
        + " needs --url of a service that runs under "
        + mesh.wireName()
        + " (a labelled run, recorded with mesh_verified false)"
        + (orCluster == null ? "" : ", or " + orCluster)
        + "; the built-in target runs here, under no mesh (use baseline)";
  }

  /**
   * Why the built-in target cannot take requests of this size, or null when it can: over HTTP/1.1
   * and HTTP/2 it echoes bodies of up to {@link TargetServer#MAX_ECHO_BODY_BYTES}, and a run of
   * larger ones would be nothing but 413s.
   *
   * @param field how the caller names the size ("payload_bytes", "--payload-bytes")
   */
  public static String builtInTargetProblem(Protocol protocol, long payloadBytes, String field) {
    boolean echoed = protocol == Protocol.HTTP || protocol == Protocol.HTTP2;
    if (!echoed || payloadBytes <= TargetServer.MAX_ECHO_BODY_BYTES) {
      return null;
    }
    return field
        + " "
        + payloadBytes
        + " is more than the built-in target echoes over "
        + protocol.wireName()
        + " ("
        + TargetServer.MAX_ECHO_BODY_BYTES
        + " bytes); give a smaller size, or the URL of a target that takes such bodies";
  }

  /**
   * A syntactically valid stand-in target for a spec that will run against the built-in target,
   * which replaces it when the run starts: its scheme must fit the protocol.
   */
  public static String standInTarget(Protocol protocol) {
    return switch (protocol) {
      case WEBSOCKET -> "ws://127.0.0.1:1/ws";
      case GRPC -> "127.0.0.1:1";
      default -> "http://127.0.0.1:1/";
    };
  }

  /**
   * Where a client of {@code protocol} aims at the built-in target: the base URL for HTTP/1.1, h2c
   * and inference (they share the port), {@code ws://host:port/ws} for WebSocket, host:port for
   * gRPC.
   *
   * @throws IllegalStateException for gRPC when {@code target} serves no gRPC
   */
  public static String urlFor(TargetServer target, Protocol protocol) {
    return switch (protocol) {
      case HTTP, HTTP2, ML -> target.httpUrl();
      case WEBSOCKET -> target.webSocketUrl();
      case GRPC -> target.grpcTarget();
    };
  }

  /** What a run produced, and how it ended. */
  public record Outcome(
      JobStatus status,
      String error,
      JobEnvironment environment,
      LoadSpec loadSpec,
      RunResult result) {

    /** The finished job: {@code running} with this outcome and its completion time. */
    public JobDocument applyTo(JobDocument running, Clock clock) {
      return running
          .withRun(environment, loadSpec, result, List.of())
          .finished(status, clock.instant(), error);
    }
  }

  /** Stops the run; {@link #execute} then returns an outcome with status cancelled. */
  public void cancel() {
    cancelled = true;
    LoadRun run = current;
    if (run != null) {
      run.cancel();
    }
  }

  public Outcome execute(RunListener listener) throws InterruptedException {
    Transport transport = Transport.choose(loadSpec.options().get("transport"));
    TargetServer target = null;
    try {
      LoadSpec spec = loadSpec;
      if (builtInTarget) {
        // The target's own transport choice, by the same name: one JVM, one kind of I/O.
        TargetConfig config =
            TargetConfig.defaults().withTransport(ServerTransport.choose(transport.wireName()));
        boolean grpc = loadSpec.protocol() == Protocol.GRPC;
        target = TargetServer.start(grpc ? config.withGrpcPort(0) : config);
        spec = loadSpec.withTarget(urlFor(target, loadSpec.protocol()));
      }
      LoadRun run = new LoadRun(spec, transport);
      current = run;
      if (cancelled) {
        run.cancel();
      }
      RunResult result = run.run(listener);
      // The built-in target on loopback is in no mesh; a --url's mesh is a label on trust.
      JobEnvironment environment =
          JobEnvironment.local(run.transport().wireName()).withMeshVerified(builtInTarget);
      if (run.cancelled()) {
        return new Outcome(JobStatus.CANCELLED, "cancelled", environment, spec, result);
      }
      if (result.allFailed()) {
        return new Outcome(
            JobStatus.FAILED, failureMessage(result, spec), environment, spec, result);
      }
      return new Outcome(JobStatus.COMPLETED, null, environment, spec, result);
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
    String first = result.firstError() == null ? "" : "; the first said " + result.firstError();
    return "every request failed ("
        + result.errors()
        + " errors: "
        + result.errorKinds()
        + ")"
        + first;
  }
}
