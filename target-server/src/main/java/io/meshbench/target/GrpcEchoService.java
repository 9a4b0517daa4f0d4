package io.meshbench.target;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.meshbench.target.grpc.echo.v1.EchoGrpc;
import io.meshbench.target.grpc.echo.v1.EchoRequest;
import io.meshbench.target.grpc.echo.v1.EchoResponse;
import io.meshbench.target.grpc.echo.v1.StreamRequest;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code meshbench.echo.v1.Echo}: answers every request, steered by {@link GrpcKnobs} (metadata)
 * and by the request's own fields. Delays are timers on the call's event loop, never sleeps; every
 * response of one call is sent from that one loop, so a call's observer is never used by two
 * threads at once.
 */
final class GrpcEchoService extends EchoGrpc.EchoImplBase {
  private static final Context.Key<GrpcKnobs> KNOBS = Context.key("meshbench-knobs");
  private static final int MAX_STREAM_COUNT = 1_000_000;

  private final EventExecutorGroup timers;
  private final TargetCounters counters;
  private volatile ByteString lastFiller = ByteString.EMPTY;

  private GrpcEchoService(EventExecutorGroup timers, TargetCounters counters) {
    this.timers = timers;
    this.counters = counters;
  }

  /** The service with its metadata interceptor. */
  static ServerServiceDefinition definition(EventExecutorGroup timers, TargetCounters counters) {
    return ServerInterceptors.intercept(new GrpcEchoService(timers, counters), new KnobReader());
  }

  @Override
  public void unary(EchoRequest request, StreamObserver<EchoResponse> out) {
    counters.request(request.getPayload().size());
    GrpcKnobs knobs = KNOBS.get();
    if (knobs.error() != null) {
      out.onError(Status.INVALID_ARGUMENT.withDescription(knobs.error()).asRuntimeException());
      return;
    }
    Call call = new Call(out);
    call.answer(request, knobs);
  }

  @Override
  public void serverStream(StreamRequest request, StreamObserver<EchoResponse> out) {
    counters.request(request.getPayload().size());
    GrpcKnobs knobs = KNOBS.get();
    if (knobs.error() != null) {
      out.onError(Status.INVALID_ARGUMENT.withDescription(knobs.error()).asRuntimeException());
      return;
    }
    if (request.getCount() < 1 || request.getCount() > MAX_STREAM_COUNT) {
      out.onError(
          Status.INVALID_ARGUMENT
              .withDescription("count must be from 1 to " + MAX_STREAM_COUNT)
              .asRuntimeException());
      return;
    }
    long intervalNs =
        request.getIntervalUs() > 0
            ? TimeUnit.MICROSECONDS.toNanos(request.getIntervalUs())
            : knobs.delayNs();
    int size = request.getResponseSize() > 0 ? request.getResponseSize() : knobs.sizeBytes();
    EchoResponse response = EchoResponse.newBuilder().setPayload(filler(size)).build();
    Status.Code code = knobs.pick();
    new Call(out).stream(response, request.getCount(), intervalNs, code);
  }

  @Override
  public StreamObserver<EchoRequest> bidi(StreamObserver<EchoResponse> out) {
    GrpcKnobs knobs = KNOBS.get();
    Call call = new Call(out);
    if (knobs.error() != null) {
      out.onError(Status.INVALID_ARGUMENT.withDescription(knobs.error()).asRuntimeException());
    }
    return new StreamObserver<>() {
      @Override
      public void onNext(EchoRequest request) {
        counters.request(request.getPayload().size());
        call.answerInStream(request, knobs);
      }

      @Override
      public void onError(Throwable t) {
        call.cancelled = true;
      }

      @Override
      public void onCompleted() {
        call.halfClosed();
      }
    };
  }

  ByteString filler(int size) {
    if (size == 0) {
      return ByteString.EMPTY;
    }
    ByteString f = lastFiller;
    if (f.size() != size) {
      f = ByteString.copyFrom(new byte[size]);
      lastFiller = f;
    }
    return f;
  }

  /** One call's responses, all sent from {@link #loop}. */
  private final class Call {
    final ServerCallStreamObserver<EchoResponse> out;
    final EventExecutor loop;
    boolean cancelled;
    boolean ended;
    int pending; // bidi responses scheduled but not yet sent
    boolean halfClosed;

    Call(StreamObserver<EchoResponse> out) {
      this.out = (ServerCallStreamObserver<EchoResponse>) out;
      EventExecutor current = ThreadExecutorMap.currentExecutor();
      this.loop = current != null ? current : timers.next();
      this.out.setOnCancelHandler(() -> cancelled = true);
    }

    void answer(EchoRequest request, GrpcKnobs knobs) {
      long delayNs = delayNs(request, knobs);
      Runnable reply =
          () -> {
            if (cancelled) {
              return;
            }
            Status.Code code = code(request, knobs);
            if (code != Status.Code.OK) {
              out.onError(
                  Status.fromCode(code).withDescription("status knob").asRuntimeException());
              return;
            }
            out.onNext(response(request, knobs));
            out.onCompleted();
          };
      later(reply, delayNs);
    }

    void answerInStream(EchoRequest request, GrpcKnobs knobs) {
      if (ended) {
        return;
      }
      pending++;
      later(
          () -> {
            pending--;
            if (cancelled || ended) {
              return;
            }
            Status.Code code = code(request, knobs);
            if (code != Status.Code.OK) {
              ended = true;
              out.onError(
                  Status.fromCode(code).withDescription("status knob").asRuntimeException());
              return;
            }
            out.onNext(response(request, knobs));
            if (halfClosed && pending == 0) {
              ended = true;
              out.onCompleted();
            }
          },
          delayNs(request, knobs));
    }

    void halfClosed() {
      runOnLoop(
          () -> {
            halfClosed = true;
            if (pending == 0 && !ended && !cancelled) {
              ended = true;
              out.onCompleted();
            }
          });
    }

    void stream(EchoResponse response, int remaining, long intervalNs, Status.Code code) {
      later(
          () -> {
            if (cancelled) {
              return;
            }
            out.onNext(response);
            if (remaining > 1) {
              stream(response, remaining - 1, intervalNs, code);
            } else if (code == Status.Code.OK) {
              out.onCompleted();
            } else {
              out.onError(
                  Status.fromCode(code).withDescription("status knob").asRuntimeException());
            }
          },
          intervalNs);
    }

    private void later(Runnable task, long delayNs) {
      if (delayNs > 0) {
        loop.schedule(task, delayNs, TimeUnit.NANOSECONDS);
      } else {
        runOnLoop(task);
      }
    }

    private void runOnLoop(Runnable task) {
      if (loop.inEventLoop()) {
        task.run();
      } else {
        loop.execute(task);
      }
    }

    private EchoResponse response(EchoRequest request, GrpcKnobs knobs) {
      int size = request.getResponseSize() > 0 ? request.getResponseSize() : knobs.sizeBytes();
      return EchoResponse.newBuilder().setSeq(request.getSeq()).setPayload(filler(size)).build();
    }
  }

  private static long delayNs(EchoRequest request, GrpcKnobs knobs) {
    return request.getDelayUs() > 0
        ? TimeUnit.MICROSECONDS.toNanos(request.getDelayUs())
        : knobs.delayNs();
  }

  private static Status.Code code(EchoRequest request, GrpcKnobs knobs) {
    int field = request.getStatusCode();
    if (field > 0 && field <= 16) {
      return Status.fromCodeValue(field).getCode();
    }
    return knobs.pick();
  }

  /** Parses the knobs once per call and hands them to the service through the context. */
  private static final class KnobReader implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      GrpcKnobs knobs = GrpcKnobs.of(headers);
      return Contexts.interceptCall(Context.current().withValue(KNOBS, knobs), call, headers, next);
    }
  }
}
