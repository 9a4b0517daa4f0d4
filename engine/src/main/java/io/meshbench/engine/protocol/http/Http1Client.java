package io.meshbench.engine.protocol.http;

import io.meshbench.engine.protocol.ClientBootstrap;
import io.meshbench.engine.protocol.ConnectionListener;
import io.meshbench.engine.protocol.ProtocolClient;
import io.meshbench.engine.protocol.Transport;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.TargetAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;

/**
 * HTTP/1.1 over keep-alive connections, optionally pipelined ({@code options.pipeline}). The
 * request is encoded once per run. A small one is copied into one buffer per slot of each
 * connection and written again and again; a large one (a big payload) is kept once, off the heap,
 * and every send writes a view of it: 10,000 connections of 16 MiB requests would otherwise hold a
 * copy each.
 */
public final class Http1Client implements ProtocolClient {
  /** Option name: how many requests one connection may have outstanding (1 = no pipelining). */
  public static final String PIPELINE_OPTION = "pipeline";

  private final ClientBootstrap dial;
  private final byte[] request;
  private final ByteBuf large; // the request, read-only and shared, when slots do not keep copies
  private final boolean headRequests;
  private final int pipelineDepth;
  private final AtomicReference<ErrorResponse> firstError = new AtomicReference<>();

  public Http1Client(LoadSpec spec, Transport transport) {
    TargetAddress address = spec.address();
    this.dial = ClientBootstrap.of(spec, transport);
    this.request = Http1RequestEncoder.encode(spec, address);
    // Freed by the JDK when this client is gone, so no release is owed; views cannot free it.
    this.large =
        request.length <= Http1Connection.REUSE_MAX_BYTES
            ? null
            : Unpooled.unreleasableBuffer(
                Unpooled.wrappedBuffer(
                    ByteBuffer.allocateDirect(request.length).put(request).flip()));
    this.headRequests = spec.method().equals("HEAD");
    this.pipelineDepth = spec.intOption(PIPELINE_OPTION, 1, 1, 256);
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
        new Http1Connection(listener, request, large, headRequests, pipelineDepth, firstError);
    dial.connect(loop, handler, listener);
  }
}
