package io.meshbench.target;

import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.meshbench.target.grpc.echo.v1.EchoGrpc;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The target's gRPC server: {@code meshbench.echo.v1.Echo}, server reflection (v1 and v1alpha) and
 * the standard health service, on the target's own event loops with calls run directly on them.
 */
final class GrpcTarget {
  private static final long SHUTDOWN_TIMEOUT_MS = 5_000;

  private final Server server;
  private final HealthStatusManager health;

  private GrpcTarget(Server server, HealthStatusManager health) {
    this.server = server;
    this.health = health;
  }

  static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024 + 1024;

  @SuppressWarnings("deprecation") // v1alpha reflection: older clients (grpcurl < 1.8) ask for it
  static GrpcTarget start(TargetConfig config, EventLoopGroup group, TargetCounters counters) {
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(EchoGrpc.SERVICE_NAME, ServingStatus.SERVING);
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.grpcPort()))
            .bossEventLoopGroup(group)
            .workerEventLoopGroup(group)
            .channelType(config.transport().serverSocketChannel())
            .withChildOption(ChannelOption.TCP_NODELAY, true)
            // As large as a client may send (the engine's own limit), not gRPC's 4 MiB default.
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .directExecutor()
            .addService(GrpcEchoService.definition(group, counters))
            .addService(ProtoReflectionServiceV1.newInstance())
            .addService(ProtoReflectionService.newInstance())
            .addService(health.getHealthService())
            .build();
    try {
      server.start();
    } catch (IOException e) {
      throw new BindFailure(BindFailure.Listener.GRPC, config.host(), config.grpcPort(), e);
    }
    return new GrpcTarget(server, health);
  }

  int port() {
    return server.getPort();
  }

  void close() {
    health.enterTerminalState();
    server.shutdownNow();
    try {
      server.awaitTermination(SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
