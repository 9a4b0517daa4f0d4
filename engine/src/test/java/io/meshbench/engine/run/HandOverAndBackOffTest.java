package io.meshbench.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.engine.protocol.ConnectionListener;
import io.meshbench.engine.protocol.ProtocolClient;
import io.meshbench.engine.protocol.Transport;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.ErrorKind;
import io.meshbench.engine.stats.RunResult;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Due requests never strand on a loop; dying connections back off; callbacks reach their loop. */
class HandOverAndBackOffTest {

  @Test
  void aSlowConnectionOnOneLoopDoesNotStrandItsShareOfTheRate() throws Exception {
    AtomicInteger accepted = new AtomicInteger();
    RawServer.Handler firstConnectionIsSlow =
        (socket, in, out) -> {
          boolean slow = accepted.incrementAndGet() == 1;
          while (RawServer.readRequestHead(in)) {
            if (slow) {
              Thread.sleep(500);
            }
            out.write(RawServer.OK_EMPTY);
            out.flush();
          }
        };
    try (RawServer server = new RawServer(firstConnectionIsSlow)) {
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, server.url())
              .rateRps(100)
              .connections(2)
              .threads(2)
              .warmupMs(0)
              .durationMs(2000)
              .build();
      RunResult result = new LoadRun(spec).run(RunListener.NONE);

      // Half the schedule belongs to the loop whose one connection answers twice a second: it
      // goes out on the other loop's connection instead, with its intended time.
      assertThat(result.unsent()).isZero();
      assertThat(result.sent()).isEqualTo(result.scheduled());
      assertThat(result.scheduled()).isBetween(198L, 202L);
      assertThat(result.errors()).isZero();
    }
  }

  @Test
  void aTargetThatAcceptsAndClosesIsRedialledWithBackOff() throws Exception {
    AtomicInteger accepted = new AtomicInteger();
    RawServer.Handler acceptThenClose = (socket, in, out) -> accepted.incrementAndGet();
    try (RawServer server = new RawServer(acceptThenClose)) {
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, server.url())
              .rateRps(10)
              .connections(4)
              .warmupMs(0)
              .durationMs(2000)
              .build();
      RunResult result = new LoadRun(spec).run(RunListener.NONE);

      // Without back-off each connection is redialled the moment it closes: thousands of dials.
      assertThat(result.connects()).isBetween(4L, 99L);
      assertThat(accepted.get()).isBetween(4, 99);
      assertThat(result.successes()).isZero();
    }
  }

  @Test
  void aConnectFailureCompletedOffTheLoopIsHandledOnTheLoop() throws Exception {
    Set<String> callbackThreads = ConcurrentHashMap.newKeySet();
    AtomicInteger dials = new AtomicInteger();
    ProtocolClient throwingFactory =
        new ProtocolClient() {
          @Override
          public int maxInFlight() {
            return 1;
          }

          @Override
          public void connect(EventLoop loop, ConnectionListener listener) {
            dials.incrementAndGet();
            new Bootstrap()
                .group(loop)
                .channelFactory(
                    () -> {
                      throw new IllegalStateException("too many open files (simulated)");
                    })
                .handler(new ChannelInboundHandlerAdapter())
                .connect(new InetSocketAddress("127.0.0.1", 9))
                .addListener(
                    f -> {
                      callbackThreads.add(Thread.currentThread().getName());
                      if (!f.isSuccess()) {
                        listener.closed(ErrorKind.CONNECT);
                      }
                    });
          }
        };
    LoadSpec spec =
        LoadSpec.builder(Protocol.HTTP, "http://127.0.0.1:9/")
            .rateRps(10)
            .connections(1)
            .warmupMs(0)
            .durationMs(1000)
            .build();
    RunResult result =
        new LoadRun(spec, Transport.NIO, (s, t) -> throwingFactory).run(RunListener.NONE);

    // Netty reports this failure on its global executor, not on the connection's loop.
    assertThat(callbackThreads).isNotEmpty().noneMatch(n -> n.startsWith("meshbench-load"));
    // Each failure reached the worker (on its loop: the worker asserts it) and was counted.
    assertThat(result.errorKinds().get("connect")).isPositive();
    assertThat(dials.get()).isGreaterThan(1).isLessThan(50); // redialled, with back-off
    assertThat(SocketChannel.class).isNotNull();
  }
}
