package io.meshbench.target;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The built-in target: an HTTP/1.1, h2c (prior knowledge) and WebSocket ({@code /ws}) echo server
 * on one port, steered by query parameters (see {@link EchoKnobs}), with the Open Inference
 * Protocol v2 routes under {@code /v2}; and, when {@link TargetConfig#grpcPort} is not -1, a gRPC
 * server ({@link GrpcTarget}) on the same event loops. It owns its event loop group; {@link
 * #close()} shuts that group down.
 */
public final class TargetServer implements AutoCloseable {
  /** The largest request body it echoes over HTTP/1.1 and HTTP/2; a larger one is a 413. */
  public static final int MAX_ECHO_BODY_BYTES = EchoKnobs.MAX_SIZE_BYTES;

  private static final int ACCEPT_BACKLOG = 1024;
  private static final long SHUTDOWN_TIMEOUT_MS = 5_000;

  private final TargetConfig config;
  private final EventLoopGroup group;
  private final Channel httpChannel;
  private final TargetCounters counters;
  private final GrpcTarget grpc; // null when gRPC is off
  private final AtomicBoolean closed = new AtomicBoolean();

  private TargetServer(
      TargetConfig config,
      EventLoopGroup group,
      Channel httpChannel,
      TargetCounters counters,
      GrpcTarget grpc) {
    this.config = config;
    this.group = group;
    this.httpChannel = httpChannel;
    this.counters = counters;
    this.grpc = grpc;
  }

  /**
   * Binds the HTTP port and returns once it is listening.
   *
   * @throws BindFailure when a port cannot be bound (in use, bad address), naming which one
   */
  public static TargetServer start(TargetConfig config) {
    EventLoopGroup group =
        config.transport().newGroup(config.eventLoops(), "meshbench-target-loop");
    TargetCounters counters = new TargetCounters();
    ChannelFuture bound =
        new ServerBootstrap()
            .group(group)
            .channel(config.transport().serverSocketChannel())
            .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .childHandler(new TargetServerInitializer(counters))
            .bind(config.host(), config.httpPort())
            .awaitUninterruptibly();
    if (!bound.isSuccess()) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly();
      throw new BindFailure(
          BindFailure.Listener.HTTP, config.host(), config.httpPort(), bound.cause());
    }
    GrpcTarget grpc = null;
    if (config.grpcPort() != TargetConfig.GRPC_OFF) {
      try {
        grpc = GrpcTarget.start(config, group, counters);
      } catch (BindFailure e) {
        bound.channel().close().awaitUninterruptibly();
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly();
        throw e;
      }
    }
    return new TargetServer(config, group, bound.channel(), counters, grpc);
  }

  /** The port the HTTP listener is bound to: the configured one, or the ephemeral one chosen. */
  public int httpPort() {
    return ((InetSocketAddress) httpChannel.localAddress()).getPort();
  }

  /** The base URL, e.g. "http://127.0.0.1:43127/"; IPv6 hosts are bracketed. */
  public String httpUrl() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + host + ":" + httpPort() + "/";
  }

  /**
   * The port the gRPC server is bound to.
   *
   * @throws IllegalStateException when the target serves no gRPC
   */
  public int grpcPort() {
    if (grpc == null) {
      throw new IllegalStateException("this target serves no gRPC (grpcPort -1)");
    }
    return grpc.port();
  }

  /** The gRPC target as meshbench's grpc protocol takes it, e.g. "127.0.0.1:50051". */
  public String grpcTarget() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return host + ":" + grpcPort();
  }

  /** The WebSocket echo's URL, e.g. "ws://127.0.0.1:43127/ws" (same port as HTTP). */
  public String webSocketUrl() {
    return "ws" + httpUrl().substring("http".length()) + "ws";
  }

  public TargetConfig config() {
    return config;
  }

  /** Requests answered or being answered so far, across all connections. */
  public long requests() {
    return counters.requests();
  }

  /** Request body bytes received so far, across all connections. */
  public long requestBodyBytes() {
    return counters.requestBodyBytes();
  }

  /** Stops listening, closes every connection and waits for the event loops to end. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (grpc != null) {
      grpc.close();
    }
    httpChannel.close().awaitUninterruptibly();
    group
        .shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS * 2);
  }
}
