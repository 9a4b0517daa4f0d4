package io.meshbench.engine.target;

import io.meshbench.engine.spec.Protocol;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The built-in target: an HTTP/1.1, h2c (prior knowledge) and WebSocket ({@code /ws}) echo server
 * on one port, steered by query parameters (see {@link EchoKnobs}). It owns its event loop group;
 * {@link #close()} shuts that group down.
 */
public final class TargetServer implements AutoCloseable {
  private static final int ACCEPT_BACKLOG = 1024;
  private static final long SHUTDOWN_TIMEOUT_MS = 5_000;

  private final TargetConfig config;
  private final EventLoopGroup group;
  private final Channel httpChannel;
  private final TargetCounters counters;
  private final AtomicBoolean closed = new AtomicBoolean();

  private TargetServer(
      TargetConfig config, EventLoopGroup group, Channel httpChannel, TargetCounters counters) {
    this.config = config;
    this.group = group;
    this.httpChannel = httpChannel;
    this.counters = counters;
  }

  /**
   * Binds the HTTP port and returns once it is listening.
   *
   * @throws UncheckedIOException when the port cannot be bound (in use, bad address)
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
      Throwable cause = bound.cause();
      String where = config.host() + ":" + config.httpPort();
      IOException io =
          cause instanceof IOException e ? e : new IOException(String.valueOf(cause), cause);
      throw new UncheckedIOException(
          "target cannot listen on " + where + ": " + io.getMessage(), io);
    }
    return new TargetServer(config, group, bound.channel(), counters);
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
   * The URL a client of {@code protocol} aims at: the base URL for HTTP/1.1 and h2c (they share the
   * port), {@code ws://host:port/ws} for WebSocket.
   *
   * @throws IllegalArgumentException for a protocol this target does not serve on its HTTP port
   */
  public String urlFor(Protocol protocol) {
    return switch (protocol) {
      case HTTP, HTTP2 -> httpUrl();
      case WEBSOCKET -> "ws" + httpUrl().substring("http".length()) + "ws";
      default ->
          throw new IllegalArgumentException("the built-in target does not serve " + protocol);
    };
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
    httpChannel.close().awaitUninterruptibly();
    group
        .shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS * 2);
  }
}
