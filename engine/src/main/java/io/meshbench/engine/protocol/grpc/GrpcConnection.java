package io.meshbench.engine.protocol.grpc;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.meshbench.engine.protocol.Connection;
import io.meshbench.engine.protocol.ConnectionListener;
import io.meshbench.engine.stats.ErrorKind;
import io.meshbench.engine.stats.StatusCodes;
import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One engine connection over one gRPC channel. Unary and server-streaming: slot i is one call.
 * Bidirectional: slot i is one long-lived stream with one message in flight, and the response to
 * that message completes the slot, so latency is per message; a stream that ends is opened again by
 * the next send on its slot.
 *
 * <p>Threading: everything runs on {@link #loop}. The channel uses this loop for its transport and
 * a direct executor, so gRPC's callbacks normally arrive on it already; any that do not (or that
 * arrive while {@link #send} is still on the stack) are handed to the loop first. Callbacks of a
 * call that no longer owns its slot (aborted by a timeout, or the connection is gone) are ignored.
 */
final class GrpcConnection implements Connection {
  /** How grpc-java describes a stream the peer reset, and an HTTP reply that is not gRPC. */
  private static final String RST_STREAM = "RST_STREAM";

  private static final Pattern HTTP_REPLY = Pattern.compile("HTTP status code (\\d{3})");

  private final EventLoop loop;
  private final ConnectionListener listener;
  private final ManagedChannel channel;
  private final CallPlan plan;
  private final Metadata headers;
  private final long timeoutMs;
  private final boolean bidi;
  private final int requestBytes;
  private final Call[] calls;
  private boolean connected;
  private boolean closedReported;
  private boolean inSend;

  GrpcConnection(
      EventLoop loop,
      ConnectionListener listener,
      ManagedChannel channel,
      CallPlan plan,
      Metadata headers,
      int slots,
      long timeoutMs) {
    this.loop = loop;
    this.listener = listener;
    this.channel = channel;
    this.plan = plan;
    this.headers = headers;
    this.timeoutMs = timeoutMs;
    this.bidi = plan.type() == MethodType.BIDI_STREAMING;
    this.requestBytes = plan.requestWireBytes();
    this.calls = new Call[slots];
  }

  /** Starts connecting; the listener hears {@code connected} or {@code closed(CONNECT)}. */
  void start() {
    ConnectivityState state = channel.getState(true);
    onLoop(() -> onState(state));
  }

  private void onState(ConnectivityState state) {
    if (closedReported) {
      return;
    }
    switch (state) {
      case READY -> {
        if (!connected) {
          connected = true;
          listener.connected(this);
        }
      }
      case TRANSIENT_FAILURE -> {
        fail(connected ? ErrorKind.RESET : ErrorKind.CONNECT);
        return;
      }
      case SHUTDOWN -> {
        fail(ErrorKind.RESET);
        return;
      }
      case IDLE -> {
        if (connected) {
          channel.getState(true); // the server went away politely (GOAWAY): connect again
        }
      }
      case CONNECTING -> {}
    }
    channel.notifyWhenStateChanged(state, () -> onLoop(() -> onState(channel.getState(false))));
  }

  @Override
  public int send(int slot) {
    inSend = true;
    try {
      if (bidi) {
        Call stream = calls[slot];
        if (stream == null) {
          stream = calls[slot] = new Call(slot);
          stream.call = channel.newCall(plan.method(), CallOptions.DEFAULT);
          stream.call.start(stream, metadata());
          stream.call.request(1);
        }
        stream.awaiting = true;
        stream.call.sendMessage(plan.request());
      } else {
        Call c = calls[slot] = new Call(slot);
        c.call =
            channel.newCall(
                plan.method(),
                CallOptions.DEFAULT.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS));
        c.call.start(c, metadata());
        c.call.request(plan.type() == MethodType.UNARY ? 2 : Integer.MAX_VALUE);
        c.call.sendMessage(plan.request());
        c.call.halfClose();
      }
      return requestBytes;
    } finally {
      inSend = false;
    }
  }

  @Override
  public boolean abort(int slot) {
    Call c = calls[slot];
    if (c != null) {
      calls[slot] = null;
      c.call.cancel("meshbench: request timed out", null);
    }
    return true; // one call ends; the channel carries on
  }

  @Override
  public void close() {
    channel.shutdownNow();
    if (!closedReported) {
      closedReported = true;
      loop.execute(() -> listener.closed(null));
    }
  }

  private void fail(ErrorKind cause) {
    closedReported = true;
    channel.shutdownNow();
    listener.closed(cause);
  }

  private Metadata metadata() {
    Metadata m = new Metadata(); // gRPC adds to it: one per call
    m.merge(headers);
    return m;
  }

  private void onLoop(Runnable task) {
    if (loop.inEventLoop() && !inSend) {
      task.run();
    } else {
      loop.execute(task);
    }
  }

  private void onMessage(Call c, int bytes) {
    if (closedReported || calls[c.slot] != c) {
      return;
    }
    c.bytes += bytes + 5;
    if (bidi && c.awaiting) {
      c.awaiting = false;
      c.call.request(1);
      long received = c.bytes;
      c.bytes = 0;
      listener.completed(c.slot, StatusCodes.grpc(0), null, received);
    }
  }

  private void onClose(Call c, Status status) {
    if (closedReported || calls[c.slot] != c) {
      return;
    }
    calls[c.slot] = null;
    if (bidi) {
      if (c.awaiting) {
        // The stream ended with a message unanswered: its status is that message's outcome.
        ErrorKind error = status.isOk() ? ErrorKind.PROTOCOL : classify(status);
        listener.completed(c.slot, StatusCodes.grpc(status.getCode().value()), error, c.bytes);
      }
      return;
    }
    listener.completed(
        c.slot, StatusCodes.grpc(status.getCode().value()), classify(status), c.bytes);
  }

  /**
   * The error class of a final status. DEADLINE_EXCEEDED is a timeout. A status gRPC made on this
   * side is classed by what happened: a broken transport (the status carries its cause) or a stream
   * reset by the peer ({@code RST_STREAM}, what a proxy sends) is a reset, as the h2c client counts
   * it; an HTTP reply that is not gRPC (a proxy's own 404 or 503) is classed by its HTTP status.
   * Any other non-OK status came from the server and falls in the HTTP class that gRPC's own
   * mapping gives it (google.rpc.Code: NOT_FOUND 404, RESOURCE_EXHAUSTED 429, CANCELLED 499,
   * INTERNAL 500, UNIMPLEMENTED 501, UNAVAILABLE 503, …), so that gRPC and HTTP runs share error
   * kinds. The code itself is counted in {@code status_codes} either way.
   */
  static ErrorKind classify(Status status) {
    if (status.isOk()) {
      return null;
    }
    if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      return ErrorKind.TIMEOUT;
    }
    String description = status.getDescription() == null ? "" : status.getDescription();
    if (status.getCause() != null || description.startsWith(RST_STREAM)) {
      return ErrorKind.RESET;
    }
    Matcher http = HTTP_REPLY.matcher(description);
    if (http.lookingAt()) {
      ErrorKind kind = ErrorKind.ofHttpStatus(Integer.parseInt(http.group(1)));
      return kind == null ? ErrorKind.PROTOCOL : kind; // a 200 that is not gRPC
    }
    return serverClass(status.getCode());
  }

  private static ErrorKind serverClass(Status.Code code) {
    return switch (code) {
      case CANCELLED,
          INVALID_ARGUMENT,
          NOT_FOUND,
          ALREADY_EXISTS,
          PERMISSION_DENIED,
          RESOURCE_EXHAUSTED,
          FAILED_PRECONDITION,
          ABORTED,
          OUT_OF_RANGE,
          UNAUTHENTICATED ->
          ErrorKind.STATUS_4XX;
      default -> ErrorKind.STATUS_5XX; // UNKNOWN, INTERNAL, UNIMPLEMENTED, UNAVAILABLE, DATA_LOSS
    };
  }

  /** One call (or bidi stream) and what has arrived on it. */
  private final class Call extends ClientCall.Listener<Integer> {
    final int slot;
    ClientCall<byte[], Integer> call;
    long bytes;
    boolean awaiting; // bidi: a message is in flight

    Call(int slot) {
      this.slot = slot;
    }

    @Override
    public void onMessage(Integer size) {
      onLoop(() -> GrpcConnection.this.onMessage(this, size));
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      onLoop(() -> GrpcConnection.this.onClose(this, status));
    }
  }
}
