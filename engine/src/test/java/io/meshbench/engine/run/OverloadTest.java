package io.meshbench.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshbench.engine.spec.Arrival;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.RunResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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
