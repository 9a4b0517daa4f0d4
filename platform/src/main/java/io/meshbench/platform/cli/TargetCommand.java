package io.meshbench.platform.cli;

import io.meshbench.target.BindFailure;
import io.meshbench.target.ServerTransport;
import io.meshbench.target.TargetConfig;
import io.meshbench.target.TargetServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code meshbench target}: the built-in echo target, for pods and for users. */
@Command(
    name = "target",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serves the built-in target until stopped (Ctrl-C or SIGTERM).",
      "HTTP/1.1, h2c (prior knowledge) and WebSocket (ws://host:port/ws) echo on --http-port,",
      "with per-request knobs in the query string (per message for WebSocket: delay, close):",
      "  delay=5ms (answer after 5 ms), status=503:10 (10%% answered 503), size=1024 (body bytes;",
      "  without it a request body is echoed),",
      "  close=1 (close the connection after answering). /health and /ready answer 200.",
      "Open Inference Protocol v2 under /v2 on the same port (model meshbench-mlp, 16 features).",
      "gRPC on --grpc-port: meshbench.echo.v1.Echo (Unary, ServerStream, Bidi), server reflection"
          + " and grpc.health.v1.Health; knobs in metadata: delay: 5ms, status: UNAVAILABLE:10,"
          + " size: 1024."
    },
    footer = {"", "Example:", "  meshbench target --http-port 8080 --grpc-port 50051"})
public final class TargetCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to bind; 0.0.0.0 for all interfaces. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(
      names = "--http-port",
      defaultValue = "8080",
      description = "HTTP port; 0 picks a free one (printed). Default: ${DEFAULT-VALUE}.")
  int httpPort;

  @Option(
      names = "--grpc-port",
      defaultValue = "50051",
      description =
          "gRPC port (gRPC's customary one by default); 0 picks a free one (printed), -1 serves no"
              + " gRPC. Default: ${DEFAULT-VALUE}.")
  int grpcPort;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description = "Event loops serving requests; 0 = one per core. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(
      names = "--transport",
      defaultValue = "auto",
      description = "I/O transport: auto, epoll, io_uring or nio. Default: ${DEFAULT-VALUE}.")
  String transport;

  @Override
  public Integer call() throws Exception {
    if (httpPort < 0 || httpPort > 65535) {
      throw new ParameterException(
          command.commandLine(), "--http-port must be between 0 and 65535 (got " + httpPort + ")");
    }
    if (grpcPort < -1 || grpcPort > 65535) {
      throw new ParameterException(
          command.commandLine(),
          "--grpc-port must be -1 (off) or between 0 and 65535 (got " + grpcPort + ")");
    }
    if (threads < 0) {
      throw new ParameterException(
          command.commandLine(),
          "--threads must be 0 (one per core) or more (got " + threads + ")");
    }
    ServerTransport chosen;
    try {
      chosen = ServerTransport.choose(transport);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), "--" + e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    TargetServer server;
    try {
      server = TargetServer.start(new TargetConfig(host, httpPort, threads, chosen, grpcPort));
    } catch (BindFailure e) {
      String flag = e.listener() == BindFailure.Listener.GRPC ? "--grpc-port" : "--http-port";
      String remedy =
          e.addressNotLocal()
              ? "choose an address of this machine with --host (127.0.0.1, or 0.0.0.0 for all)"
              : "choose another with " + flag + " (0 picks a free one)";
      PrintWriter err = command.commandLine().getErr();
      err.println(command.qualifiedName() + ": error: " + e.getMessage() + "; " + remedy);
      err.flush();
      return ExitCodes.FAILED;
    }
    try (server) {
      Thread hook = new Thread(stopped::countDown, "meshbench-target-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      PrintWriter out = command.commandLine().getOut();
      out.println("meshbench target listening: http " + server.httpUrl() + " (" + chosen + ")");
      if (grpcPort != TargetConfig.GRPC_OFF) {
        out.println("meshbench target listening: grpc " + server.grpcTarget());
      }
      out.println("http_port=" + server.httpPort());
      if (grpcPort != TargetConfig.GRPC_OFF) {
        out.println("grpc_port=" + server.grpcPort());
      }
      out.flush();
      stopped.await();
    }
    return ExitCodes.OK;
  }
}
