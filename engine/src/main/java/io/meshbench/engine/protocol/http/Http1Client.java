package io.meshbench.engine.protocol.http;

import io.meshbench.engine.protocol.ConnectionListener;
import io.meshbench.engine.protocol.ProtocolClient;
import io.meshbench.engine.protocol.Transport;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.TargetAddress;
import io.meshbench.engine.stats.ErrorKind;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * HTTP/1.1 over keep-alive connections, optionally pipelined ({@code options.pipeline}). The
 * request is encoded once per run; each send copies those bytes into a pooled buffer.
 */
public final class Http1Client implements ProtocolClient {
  /** Option name: how many requests one connection may have outstanding (1 = no pipelining). */
  public static final String PIPELINE_OPTION = "pipeline";

  private final Transport transport;
  private final InetSocketAddress remote;
  private final byte[] request;
  private final boolean headRequests;
  private final int pipelineDepth;
  private final int connectTimeoutMs;
  private final AtomicReference<ErrorResponse> firstError = new AtomicReference<>();

  public Http1Client(LoadSpec spec, Transport transport) {
    TargetAddress address = spec.address();
    this.transport = transport;
    // Resolved once, here: a lookup on an event loop would stall every connection on it.
    this.remote = new InetSocketAddress(address.host(), address.port());
    if (remote.isUnresolved()) {
      throw new UncheckedIOException(
          new UnknownHostException(
              "cannot resolve host '" + address.host() + "' of " + spec.target()));
    }
    this.request = Http1RequestEncoder.encode(spec, address);
    this.headRequests = spec.method().equals("HEAD");
    this.pipelineDepth = spec.intOption(PIPELINE_OPTION, 1, 1, 256);
    this.connectTimeoutMs = (int) Math.min(spec.timeoutMs(), 30_000);
  }

  @Override
  public int maxInFlight() {
    return pipelineDepth;
  }

  /** Bytes of one encoded request, headers and body. */
  public int requestBytes() {
    return request.length;
  }

  /** The run's first response with status 400 or more, with the start of its body; or null. */
  public ErrorResponse firstErrorResponse() {
    return firstError.get();
  }

  @Override
  public String firstError() {
    ErrorResponse e = firstError.get();
    return e == null ? null : e.describe();
  }

  @Override
  public void connect(EventLoop loop, ConnectionListener listener) {
    Http1Connection handler =
        new Http1Connection(listener, request, headRequests, pipelineDepth, firstError);
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
