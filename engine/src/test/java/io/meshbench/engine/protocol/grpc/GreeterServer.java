package io.meshbench.engine.protocol.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.stub.StreamObserver;
import io.meshbench.engine.testing.v1.GreeterGrpc;
import io.meshbench.engine.testing.v1.HelloReply;
import io.meshbench.engine.testing.v1.HelloRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An independent gRPC server that only the tests know: plain grpc-java (its own default event loops
 * and executor), a service meshbench has no generated code for, and, optionally, server reflection.
 * {@code Chat} answers each message of a stream in turn and delays every {@code slowEvery}-th one
 * by {@code slowMs}.
 */
final class GreeterServer implements AutoCloseable {
  final AtomicLong hellos = new AtomicLong();
  final AtomicLong chatMessages = new AtomicLong();
  final AtomicInteger chatStreams = new AtomicInteger();
  private final Server server;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  GreeterServer(boolean reflection, int slowEvery, long slowMs) throws IOException {
    this(reflection, slowEvery, slowMs, 0);
  }

  /** With reflection whose every answer takes {@code reflectionAnswerMs} (a slow registry). */
  GreeterServer(boolean reflection, int slowEvery, long slowMs, long reflectionAnswerMs)
      throws IOException {
    NettyServerBuilder b =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(new Greeter(slowEvery, slowMs));
    if (reflection) {
      b.addService(
          ServerInterceptors.intercept(
              ProtoReflectionServiceV1.newInstance(), slowAnswers(reflectionAnswerMs)));
    }
    server = b.build().start();
  }

  private static ServerInterceptor slowAnswers(long answerMs) {
    return new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        return next.startCall(
            new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
              @Override
              public void sendMessage(A message) {
                try {
                  Thread.sleep(answerMs); // on the call's own executor thread, in order
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                super.sendMessage(message);
              }
            },
            headers);
      }
    };
  }

  String target() {
    return "127.0.0.1:" + server.getPort();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    timer.shutdownNow();
  }

  private final class Greeter extends GreeterGrpc.GreeterImplBase {
    private final int slowEvery;
    private final long slowMs;

    Greeter(int slowEvery, long slowMs) {
      this.slowEvery = slowEvery;
      this.slowMs = slowMs;
    }

    @Override
    public void sayHello(HelloRequest request, StreamObserver<HelloReply> out) {
      hellos.incrementAndGet();
      out.onNext(HelloReply.newBuilder().setMessage("hello " + request.getName()).build());
      out.onCompleted();
    }

    @Override
    public void countdown(HelloRequest request, StreamObserver<HelloReply> out) {
      hellos.incrementAndGet();
      for (int i = request.getTimes(); i > 0; i--) {
        out.onNext(HelloReply.newBuilder().setMessage(Integer.toString(i)).build());
      }
      out.onCompleted();
    }

    @Override
    public StreamObserver<HelloRequest> chat(StreamObserver<HelloReply> out) {
      chatStreams.incrementAndGet();
      return new StreamObserver<>() {
        int seen;

        @Override
        public void onNext(HelloRequest request) {
          chatMessages.incrementAndGet();
          HelloReply reply = HelloReply.newBuilder().setMessage(request.getName()).build();
          if (++seen % slowEvery == 0) {
            // The client has one message in flight per stream: nothing else is sent meanwhile.
            timer.schedule(() -> out.onNext(reply), slowMs, TimeUnit.MILLISECONDS);
          } else {
            out.onNext(reply);
          }
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {
          out.onCompleted();
        }
      };
    }
  }
}
