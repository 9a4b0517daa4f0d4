package io.meshbench.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshbench.engine.protocol.ConnectionListener;
import io.meshbench.engine.protocol.ProtocolClient;
import io.meshbench.engine.protocol.ProtocolClients;
import io.meshbench.engine.protocol.Transport;
import io.meshbench.engine.spec.Arrival;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.RunResult;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Overload is told as it is: what was never sent, how late, and whose fault the lateness was. */
class OverloadTest {

  private static RunResult run(LoadSpec spec) throws InterruptedException {
    return new LoadRun(spec).run(RunListener.NONE);
  }

  @Test
  void aTargetThatStallsLongerThanTheRestOfTheRunShowsItsBacklog() throws Exception {
    AtomicLong firstRequestNs = new AtomicLong();
    long answerForNs = 1_000_000_000L;
    RawServer.Handler answersForOneSecondThenHolds =
        (socket, in, out) -> {
          while (RawServer.readRequestHead(in)) {
            firstRequestNs.compareAndSet(0, System.nanoTime());
            if (System.nanoTime() - firstRequestNs.get() >= answerForNs) {
              RawServer.drain(in); // hold the socket: no answer, ever
              return;
            }
            out.write(RawServer.OK_EMPTY);
            out.flush();
          }
        };
    try (RawServer server = new RawServer(answersForOneSecondThenHolds)) {
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, server.url())
              .rateRps(100)
              .connections(1)
              // The server's second starts with the first (warm-up) request, so the stall begins
              // before the measured time even if this machine is slow to start the run.
              .warmupMs(1500)
              .durationMs(3000)
              .timeoutMs(10_000)
              .build();
      RunResult result = run(spec);

      // Nothing of the measured 3 s went out (one request may have, and hangs): the oldest unsent
      // request is ~3 s late at the end, yet no latency sample says so.
      assertThat(result.maxLagMs()).isGreaterThanOrEqualTo(1900);
      assertThat(result.unsent()).isBetween(200L, 301L);
      assertThat(result.unsentLagMs()).isGreaterThanOrEqualTo(1900);
      assertThat(result.rateSustained()).isFalse();
      assertThat(result.scheduled()).isBetween(298L, 302L);
      assertThat(result.sent() + result.unsent()).isEqualTo(result.scheduled());
      // The connection was held from before the measured time: every unsent request waited for it
      // from its intended time on, the oldest for all of its lateness.
      assertThat(result.connectionWaitMaxMs()).isGreaterThanOrEqualTo(result.unsentLagMs());
    }
  }

  @Test
  void aSeedsPoissonScheduleIsCountedTheSameWhereverTheTargetStalls() throws Exception {
    // ~100 requests fall due in the warm-up, ~400 in the measured time: one stall begins in the
    // warm-up, one in the measured time, and one run has none.
    RunResult noStall = runPoissonAgainst(answersThenHolds(Long.MAX_VALUE));
    RunResult stallInWarmup = runPoissonAgainst(answersThenHolds(50));
    RunResult stallMeasured = runPoissonAgainst(answersThenHolds(250));

    assertThat(stallInWarmup.unsent()).isPositive();
    assertThat(stallMeasured.unsent()).isPositive();
    // The seed fixes the intended times; what the target did only moves them between sent and
    // unsent. Counting the unsent with a fresh draw instead gave one seed three totals.
    assertThat(stallInWarmup.scheduled()).isEqualTo(noStall.scheduled());
    assertThat(stallMeasured.scheduled()).isEqualTo(noStall.scheduled());
    for (RunResult r : List.of(noStall, stallInWarmup, stallMeasured)) {
      assertThat(r.sent() + r.unsent()).isEqualTo(r.scheduled());
    }
  }

  @Test
  void requestsLeftUnsentBehindHeldConnectionsWaitedForAConnection() throws Exception {
    try (RawServer server = new RawServer(answersThenHolds(200))) { // ~1 s of the 2
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, server.url())
              .rateRps(200)
              .connections(4)
              .threads(2)
              .warmupMs(0)
              .durationMs(2000)
              .timeoutMs(1500)
              .build();
      RunResult result = run(spec);

      // ~200 requests fell due while the target held all four connections, and stayed unsent.
      assertThat(result.unsent()).isGreaterThanOrEqualTo(100);
      // The oldest found every connection held when the loop first looked at it (the generator's
      // part of its lateness, at most loadgen_lag_max_ms); from then to the end it waited for a
      // free connection: the target's doing, not the generator's.
      assertThat(result.connectionWaitMaxMs())
          .isGreaterThanOrEqualTo(result.unsentLagMs() - result.loadgenLagMaxMs());
      assertThat(result.loadgenLagMaxMs()).isLessThan(result.unsentLagMs() / 2);
    }
  }

  @Test
  void requestsLeftUnsentByABlockedLoopAreTheGeneratorsLateness() throws Exception {
    AtomicReference<EventLoop> loop = new AtomicReference<>();
    BiFunction<LoadSpec, Transport, ProtocolClient> recordingLoop =
        (s, t) -> {
          ProtocolClient real = ProtocolClients.create(s, t);
          return new ProtocolClient() {
            @Override
            public int maxInFlight() {
              return real.maxInFlight();
            }

            @Override
            public void connect(EventLoop on, ConnectionListener listener) {
              loop.set(on);
              real.connect(on, listener);
            }

            @Override
            public void close() {
              real.close();
            }
          };
        };
    CountDownLatch endPassed = new CountDownLatch(1);
    // The one load loop is held (as a starved or busy loop would be) from 4 s into the measured
    // 4.5 s until the end has passed, with its connections free: nothing due meanwhile goes out.
    RunListener holdTheLoop =
        new RunListener() {
          private int measured;

          @Override
          public void onProgress(RunProgress progress) {
            if (progress.phase() != RunProgress.Phase.MEASURING) {
              return;
            }
            if (++measured == 4) {
              loop.get().execute(() -> awaitAtMostHalfAMinute(endPassed));
            }
            if (progress.elapsedS() >= progress.plannedS()) {
              endPassed.countDown();
            }
          }
        };
    try (RawServer server = new RawServer(answersThenHolds(Long.MAX_VALUE))) {
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, server.url())
              .rateRps(500)
              .connections(4)
              .threads(1)
              .warmupMs(500)
              .durationMs(4500)
              .build();
      RunResult result = new LoadRun(spec, Transport.NIO, recordingLoop).run(holdTheLoop);

      // ~250 requests fell due while the loop was held: a handful went out when it resumed.
      assertThat(result.unsent()).isGreaterThanOrEqualTo(100);
      // Their lateness is the generator's, not a wait for a connection...
      assertThat(result.loadgenLagMaxMs()).isGreaterThanOrEqualTo(result.unsentLagMs());
      assertThat(result.connectionWaitMaxMs()).isLessThan(result.unsentLagMs() / 2);
      // ...and they make it saturated as late sends would: a tenth of the samples, spread from
      // 0 to ~500 ms, put the p99 far above the bar (without them, the dozen late timers and
      // sends when the loop resumed are 0.5 % of the samples).
      assertThat(result.loadgenLagP99Ms()).isGreaterThanOrEqualTo(LoadRun.starvedLagMs(500));
      assertThat(result.loadgenSaturated()).isTrue();
    } finally {
      endPassed.countDown();
    }
  }

  /** Answers the first {@code answered} requests, then holds every socket it has or gets. */
  private static RawServer.Handler answersThenHolds(long answered) {
    AtomicLong received = new AtomicLong();
    return (socket, in, out) -> {
      while (RawServer.readRequestHead(in)) {
        if (received.incrementAndGet() > answered) {
          RawServer.drain(in); // hold the socket: no answer, ever
          return;
        }
        out.write(RawServer.OK_EMPTY);
        out.flush();
      }
    };
  }

  private static void awaitAtMostHalfAMinute(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static RunResult runPoissonAgainst(RawServer.Handler handler) throws Exception {
    try (RawServer server = new RawServer(handler)) {
      return run(
          LoadSpec.builder(Protocol.HTTP, server.url())
              .rateRps(200)
              .arrival(Arrival.POISSON)
              .seed(7)
              .connections(4)
              .threads(2)
              .warmupMs(500)
              .durationMs(2000)
              .timeoutMs(500)
              .build());
    }
  }

  @Test
  void stopIsBoundedInTheBacklog() throws Exception {
    RawServer.Handler neverAnswers = (socket, in, out) -> RawServer.drain(in);
    try (RawServer server = new RawServer(neverAnswers)) {
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, server.url())
              .rateRps(LoadSpec.MAX_RATE_RPS)
              .arrival(Arrival.POISSON)
              .seed(3)
              .connections(1)
              .warmupMs(0)
              .durationMs(30_000)
              .timeoutMs(1000)
              .build();
      // Stepping through all 3e8 intended times at the end would take seconds: the schedule steps
      // through the first 2^20 (tens of ms) and estimates the rest with one draw.
      RunResult result =
          assertTimeoutPreemptively(Duration.ofSeconds(45), () -> run(spec), "run returned");

      double expected = LoadSpec.MAX_RATE_RPS * 30;
      assertThat((double) result.unsent()).isBetween(expected * 0.99, expected * 1.01);
      assertThat(result.sent() + result.unsent()).isEqualTo(result.scheduled());
      assertThat(result.rateSustained()).isFalse();
      assertThat(result.maxLagMs()).isGreaterThan(29_000);
      // The document is written with the new figures.
      JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(result));
      assertThat(json.get("unsent").asLong()).isEqualTo(result.unsent());
      assertThat(json.has("unsent_lag_ms")).isTrue();
      assertThat(json.has("loadgen_lag_p99_ms")).isTrue();
      assertThat(json.has("connection_wait_max_ms")).isTrue();
    }
  }

  @Test
  void aGeneratorStarvedOfCpuIsFlaggedSaturated() throws Exception {
    List<Thread> hogs = new ArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean done =
        new java.util.concurrent.atomic.AtomicBoolean();
    try (JdkServer server = JdkServer.ok()) {
      for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
        Thread hog =
            new Thread(
                () -> {
                  long x = 0;
                  while (!done.get()) {
                    x += System.nanoTime() & 1; // busy: never sleeps, never yields
                  }
                  if (x == 42) {
                    System.out.print("");
                  }
                },
                "cpu-hog-" + i);
        hog.setDaemon(true);
        hogs.add(hog);
        hog.start();
      }
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, server.url())
              .rateRps(2000)
              .connections(4)
              .warmupMs(300)
              .durationMs(2000)
              .build();
      RunResult result = run(spec);

      assertThat(result.loadgenLagP99Ms()).isGreaterThanOrEqualTo(LoadRun.STARVED_LAG_P99_MS);
      assertThat(result.loadgenSaturated()).isTrue();
    } finally {
      done.set(true);
      for (Thread hog : hogs) {
        hog.join(5_000);
      }
    }
  }
}
