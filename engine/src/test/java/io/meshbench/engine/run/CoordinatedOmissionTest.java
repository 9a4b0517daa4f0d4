package io.meshbench.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.HistogramCodec;
import io.meshbench.engine.stats.IntervalSnapshot;
import io.meshbench.engine.stats.RunResult;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * A server that stalls once must show in the corrected latencies exactly as much as theory says,
 * and not in the service times.
 */
class CoordinatedOmissionTest {
  private static final int RATE_RPS = 1000;
  private static final long FREEZE_MS = 500;
  private static final long FREEZE_AT_REQUEST = 1000; // ~800 ms into the measured phase

  @Test
  void aStalledServerShowsInCorrectedLatencyNotInServiceTime() throws Exception {
    AtomicLong received = new AtomicLong();
    RawServer.Handler handler =
        (socket, in, out) -> {
          while (RawServer.readRequestHead(in)) {
            if (received.incrementAndGet() == FREEZE_AT_REQUEST) {
              Thread.sleep(FREEZE_MS); // the stall under test: this thread holds the response
            }
            out.write(RawServer.OK_EMPTY);
            out.flush();
          }
        };
    RunResult result;
    try (RawServer server = new RawServer(handler)) {
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, server.url())
              .rateRps(RATE_RPS)
              .connections(1)
              .threads(1)
              .warmupMs(200)
              .durationMs(3000)
              .timeoutMs(5000)
              .build();
      result = new LoadRun(spec).run(RunListener.NONE);
    }
    Histogram corrected = HistogramCodec.decode(result.histogram());
    Histogram service = HistogramCodec.decode(result.serviceHistogram());
    // Every request was answered; the schedule was kept once the backlog drained.
    assertThat(result.errors()).isZero();
    assertThat(result.scheduled()).isEqualTo(3000); // 3 s at 1000/s, evenly spaced
    assertThat(result.sent()).isBetween(result.scheduled() - 5, result.scheduled());
    assertThat(result.requests()).isEqualTo(result.sent());
    // A request that fell due in the last instant, while the one connection was still busy, is
    // never sent; it counts as unsent, and any unsent request clears rate_sustained (README). On
    // a loaded machine that happens to one or two; otherwise the rate held.
    assertThat(result.unsent()).isEqualTo(result.scheduled() - result.sent());
    assertThat(result.rateSustained()).isEqualTo(result.unsent() == 0);
    // The request due 1 ms after the stalled one waited for the whole stall.
    assertThat(result.maxLagMs()).isBetween(FREEZE_MS - 5.0, FREEZE_MS + 100.0);

    // Corrected latency. The stalled request took at least F; the ~F * rate requests that fell
    // due during the stall waited for it, the one due at time s into the stall for about F - s
    // (plus its turn in the drain), so their latencies fall linearly from F towards 0. Hence the
    // number above x is (F - x) * rate / (1 - rho), where rho = rate * (service time in the
    // drain) is small on loopback. At least the ~(F - x) * rate requests due in the first F - x
    // of the stall lie above x whatever the drain speed; we allow rho up to 1/3.
    long above250 = countAbove(corrected, 250_000);
    assertThat(above250).isBetween(248L, 375L);
    long above100 = countAbove(corrected, 100_000);
    long above400 = countAbove(corrected, 400_000);
    // Linear fall: counts above 100, 250 and 400 ms stand as 400 : 250 : 100 whatever rho is.
    assertThat((double) above100 / above400).isBetween(3.4, 4.6);
    assertThat((double) above250 / above400).isBetween(2.1, 2.9);
    assertThat(result.latencyMs().max()).isBetween((double) FREEZE_MS, FREEZE_MS + 100.0);
    // The top 5 % of 3000 samples (150) lie above F - 150 ms * (1 - rho): 350 to 400 ms.
    assertThat(result.latencyMs().p95()).isBetween(300.0, 450.0);
    // The top 1 % (30): 470 to 490 ms.
    assertThat(result.latencyMs().p99()).isBetween(440.0, FREEZE_MS + 50.0);
    // Most requests never met the stall.
    assertThat(result.latencyMs().p50()).isLessThan(50.0);

    // Service time hides the stall: only the stalled request itself took long.
    assertThat(countAbove(service, FREEZE_MS * 800)).isEqualTo(1);
    assertThat(result.serviceTimeMs().max()).isBetween((double) FREEZE_MS, FREEZE_MS + 100.0);
    assertThat(result.serviceTimeMs().p99()).isLessThan(50.0);
    assertThat(service.getTotalCount()).isEqualTo(corrected.getTotalCount());

    // Latency is recorded when a request completes: the stall starts ~0.8 s into the measured
    // phase, so the first second completes only the ~800 requests due before it, and the second
    // gets the whole backlog (~200 more) and the stall's tail.
    assertThat(result.timeseries()).hasSize(3);
    IntervalSnapshot first = result.timeseries().get(0);
    IntervalSnapshot second = result.timeseries().get(1);
    IntervalSnapshot third = result.timeseries().get(2);
    assertThat(first.rps()).isBetween(750.0, 850.0);
    assertThat(second.rps()).isBetween(1150.0, 1250.0);
    assertThat(first.maxMs()).isLessThan(FREEZE_MS / 2.0);
    assertThat(second.maxMs()).isGreaterThanOrEqualTo(FREEZE_MS);
    assertThat(third.maxMs()).isLessThan(FREEZE_MS / 2.0);
  }

  private static long countAbove(Histogram h, long micros) {
    return h.getTotalCount() - h.getCountBetweenValues(0, micros);
  }
}
