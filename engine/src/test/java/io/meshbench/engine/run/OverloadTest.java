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
  void stopIsConstantTimeInTheBacklog() throws Exception {
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
      // Stepping through 3e8 intended times at the end would take far longer than this bound.
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
