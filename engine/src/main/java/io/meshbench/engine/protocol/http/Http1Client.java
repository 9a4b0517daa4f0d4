package io.meshbench.engine.protocol.http;

import io.meshbench.engine.protocol.ClientBootstrap;
import io.meshbench.engine.protocol.ConnectionListener;
import io.meshbench.engine.protocol.ProtocolClient;
import io.meshbench.engine.protocol.Transport;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.TargetAddress;
import io.netty.channel.EventLoop;
import java.util.concurrent.atomic.AtomicReference;

/**
 * HTTP/1.1 over keep-alive connections, optionally pipelined ({@code options.pipeline}). The
 * request is encoded once per run; each send copies those bytes into a pooled buffer.
 */
public final class Http1Client implements ProtocolClient {
  /** Option name: how many requests one connection may have outstanding (1 = no pipelining). */
  public static final String PIPELINE_OPTION = "pipeline";

  private final ClientBootstrap dial;
  private final byte[] request;
  private final boolean headRequests;
  private final int pipelineDepth;
  private final AtomicReference<ErrorResponse> firstError = new AtomicReference<>();

  public Http1Client(LoadSpec spec, Transport transport) {
    TargetAddress address = spec.address();
    this.dial = ClientBootstrap.of(spec, transport);
    this.request = Http1RequestEncoder.encode(spec, address);
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
        new Http1Connection(listener, request, headRequests, pipelineDepth, firstError);
    dial.connect(loop, handler, listener);
  }
}
