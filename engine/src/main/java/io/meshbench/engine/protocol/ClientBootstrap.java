package io.meshbench.engine.protocol;

import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.TargetAddress;
import io.meshbench.engine.stats.ErrorKind;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * How every protocol client dials: the target's address resolved once per run, and the engine's
 * socket options (no Nagle, pooled buffers, a connect timeout) on every connection. Immutable after
 * construction; {@link #connect} may be called from any loop.
 */
public final class ClientBootstrap {
  /** A connect attempt waits at most the request timeout, and never more than this. */
  public static final int MAX_CONNECT_TIMEOUT_MS = 30_000;

  private final Transport transport;
  private final InetSocketAddress remote;
  private final int connectTimeoutMs;

  private ClientBootstrap(Transport transport, InetSocketAddress remote, int connectTimeoutMs) {
    this.transport = transport;
    this.remote = remote;
    this.connectTimeoutMs = connectTimeoutMs;
  }

  /**
   * Resolves {@code spec}'s target once, here: a lookup on an event loop would stall every
   * connection on it.
   *
   * @throws UncheckedIOException wrapping an {@link UnknownHostException} naming the host and the
   *     target when the host does not resolve
   */
  public static ClientBootstrap of(LoadSpec spec, Transport transport) {
    TargetAddress address = spec.address();
    InetSocketAddress remote = new InetSocketAddress(address.host(), address.port());
    if (remote.isUnresolved()) {
      throw new UncheckedIOException(
          new UnknownHostException(
              "cannot resolve host '" + address.host() + "' of " + spec.target()));
    }
    int connectTimeoutMs = (int) Math.min(spec.timeoutMs(), MAX_CONNECT_TIMEOUT_MS);
    return new ClientBootstrap(transport, remote, connectTimeoutMs);
  }

  public Transport transport() {
    return transport;
  }

  /** The target's resolved address. */
  public InetSocketAddress remote() {
    return remote;
  }

  public int connectTimeoutMs() {
    return connectTimeoutMs;
  }

  /**
   * Opens one connection on {@code loop} with {@code handler} as its pipeline's handler (a
   * connection handler or a {@code ChannelInitializer}); a failed connect is reported as {@link
   * ErrorKind#CONNECT} to {@code listener}.
   */
  public void connect(EventLoop loop, ChannelHandler handler, ConnectionListener listener) {
    new Bootstrap()
        .group(loop)
        .channel(transport.socketChannel())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMs)
        .handler(handler)
        .connect(remote)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                listener.closed(ErrorKind.CONNECT);
              }
            });
  }
}
