package io.meshbench.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meshbench.engine.spec.Arrival;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.HistogramCodec;
import io.meshbench.engine.stats.IntervalSnapshot;
import io.meshbench.engine.stats.RunResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole runs against the JDK's HTTP server: the figures a run reports must add up. */
class LoadRunTest {

  private static RunResult run(LoadSpec spec) throws InterruptedException {
    return new LoadRun(spec).run(RunListener.NONE);
  }

  /** Remembers what a run told its listener. */
  private static final class Recording implements RunListener {
    final List<RunEnvironment> starts = new CopyOnWriteArrayList<>();
    final List<RunProgress> progress = new CopyOnWriteArrayList<>();
    final List<RunResult> completions = new CopyOnWriteArrayList<>();

    @Override
    public void onStart(LoadSpec spec, RunEnvironment environment) {
      starts.add(environment);
    }

    @Override
    public void onProgress(RunProgress p) {
      progress.add(p);
    }

    @Override
    public void onComplete(RunResult result) {
      completions.add(result);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"nio", "epoll", "io_uring"})
  void closedModelKeepsEveryConnectionBusy(String transport) throws Exception {
    try (JdkServer server = JdkServer.ok()) {
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, server.url())
              .connections(4)
              .warmupMs(200)
              .durationMs(1000)
              .options(Map.of("transport", transport))
              .build();
      LoadRun loadRun = new LoadRun(spec);
      Recording listener = new Recording();
      RunResult result = loadRun.run(listener);

      // A native transport that does not load here falls back to NIO.
      assertThat(listener.starts)
          .extracting(RunEnvironment::transport)
          .containsExactly(loadRun.transport().wireName());
      assertThat(loadRun.transport().wireName()).isIn(transport, "nio");
      assertThat(listener.completions).containsExactly(result);

      assertThat(result.requests()).isPositive();
      assertThat(result.errors()).isZero();
      assertThat(result.errorKinds()).isEmpty();
      assertThat(result.statusCodes()).isEqualTo(Map.of("200", result.requests()));
      assertThat(result.sent()).as("every request sent was answered").isEqualTo(result.requests());
      assertThat(result.scheduled()).as("no schedule in the closed model").isZero();
      assertThat(result.rateSustained()).isTrue();
      assertThat(result.connects()).isEqualTo(4);
      assertThat(result.durationS()).isEqualTo(1.0);
      assertThat(result.throughputRps()).isCloseTo(result.requests() / 1.0, within(1e-6));
      assertThat(HistogramCodec.decode(result.histogram()).getTotalCount())
          .isEqualTo(result.requests());
      // Closed model: the intended time is the send time, so both views are the same samples.
      assertThat(result.latencyMs()).isEqualTo(result.serviceTimeMs());
      assertThat(server.requests()).isGreaterThan(result.requests());
      assertThat(result.bytesSent()).isPositive();
      assertThat(result.bytesReceived()).isPositive();
    }
  }

  @Test
  void openModelSendsExactlyTheSchedule() throws Exception {
    try (JdkServer server = JdkServer.ok()) {
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, server.url())
              .rateRps(500)
              .connections(4)
              .warmupMs(300)
              .durationMs(2000)
              .build();
      Recording listener = new Recording();
      RunResult result = new LoadRun(spec).run(listener);

      assertThat(result.scheduled()).isBetween(998L, 1002L);
      assertThat(result.sent()).isEqualTo(result.scheduled());
      assertThat(result.requests()).isEqualTo(result.sent());
      assertThat(result.errors()).isZero();
      assertThat(result.throughputRps()).isCloseTo(500, within(500 * 0.03));
      assertThat(result.sendRateRps()).isCloseTo(500, within(500 * 0.03));
      assertThat(result.requestedRateRps()).isEqualTo(500);
      assertThat(result.rateSustained()).isTrue();
      assertThat(result.timeseries()).extracting(IntervalSnapshot::tS).containsExactly(1.0, 2.0);
      // Points divide by each interval's real length; completions after the end are in no point.
      assertThat(result.timeseries()).allSatisfy(p -> assertThat(p.rps()).isBetween(450.0, 550.0));
      assertThat(result.loadgenCpuPercent()).isBetween(0.0, 100.0);
      // Saturated exactly when a loop was busy or the generator itself came late (a busy shared
      // machine can starve it: then the flag must say so).
      if (result.requests() >= LoadRun.STARVED_MIN_SAMPLES
          && result.loadgenLagP99Ms() >= LoadRun.starvedLagMs(500)) {
        assertThat(result.loadgenSaturated()).isTrue();
      }
      assertThat(result.unsent()).isZero();
      assertThat(result.timeseries().stream().mapToLong(IntervalSnapshot::completed).sum())
          .isEqualTo(result.requests() - result.completedAfterEnd());

      // One progress report per measured second, counting up; then the result.
      assertThat(listener.progress)
          .extracting(RunProgress::phase)
          .containsExactly(RunProgress.Phase.MEASURING, RunProgress.Phase.MEASURING);
      assertThat(listener.progress.get(0).interval().tS()).isEqualTo(1.0);
      assertThat(listener.progress.get(1).fraction()).isEqualTo(1.0);
      assertThat(listener.progress.get(1).requests())
          .isGreaterThan(listener.progress.get(0).requests());
      assertThat(listener.completions).containsExactly(result);
    }
  }

  @Test
  void aRequestSentAheadOfItsIntendedTimeCountsFromItsSend() throws Exception {
    try (JdkServer server = JdkServer.ok()) {
      // 4 requests per 1 ms window: each wake-up sends about two of them up to 0.5 ms early,
      // longer ahead than a loopback round trip takes.
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, server.url())
              .rateRps(4000)
              .connections(8)
              .warmupMs(200)
              .durationMs(1000)
              .options(Map.of(LoadRun.PACE_WINDOW_OPTION, "1000"))
              .build();
      RunResult result = run(spec);

      assertThat(result.errors()).isZero();
      assertThat(result.requests()).isGreaterThan(3000);
      Histogram corrected = HistogramCodec.decode(result.histogram());
      Histogram service = HistogramCodec.decode(result.serviceHistogram());
      // Each request's latency is at least its round trip, so every percentile is too; counted
      // from the intended time instead, the early ones would report less, down to nothing.
      assertThat(corrected.getMinValue()).isGreaterThanOrEqualTo(service.getMinValue());
      for (double percentile : new double[] {1, 10, 25, 50, 75, 90, 99}) {
        assertThat(corrected.getValueAtPercentile(percentile))
            .as("p%s", percentile)
            .isGreaterThanOrEqualTo(service.getValueAtPercentile(percentile));
      }
    }
  }

  @Test
  void warmUpRequestsAreSentButNotRecorded() throws Exception {
    long warmupMs = 1000;
    double rateRps = 400;
    try (JdkServer server = JdkServer.ok()) {
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, server.url())
              .rateRps(rateRps)
              .connections(2)
              .warmupMs(warmupMs)
              .durationMs(1000)
              .build();
      RunResult result = run(spec);

      assertThat(result.requests()).isBetween(398L, 402L);
      long warmupRequests = server.requests() - result.requests();
      assertThat(warmupRequests).isBetween(395L, 405L); // warm-up * rate
    }
  }

  @Test
  void poissonArrivalsKeepTheMeanRate() throws Exception {
    try (JdkServer server = JdkServer.ok()) {
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, server.url())
              .rateRps(500)
              .arrival(Arrival.POISSON)
              .seed(7)
              .threads(2)
              .connections(8)
              .warmupMs(300)
              .durationMs(2000)
              .build();
      RunResult result = run(spec);

      // A Poisson count over 2 s has a standard deviation of sqrt(1000) ~ 3 %; the seed is fixed.
      assertThat(result.scheduled()).isBetween(950L, 1050L);
      assertThat(result.errors()).isZero();
      assertThat(result.sent()).isEqualTo(result.scheduled());
      assertThat(result.throughputRps()).isCloseTo(500, within(500 * 0.05));
      assertThat(result.rateSustained()).isTrue();
    }
  }

  /**
   * A stop ends a long run promptly, and the second it cuts short is measured time: its completions
   * are a last, shorter point of the series, not "completed after the end" (which is the drain of
   * what was in flight).
   */
  @Test
  void cancelStopsALongRunPromptlyAndTheSecondItCutsShortIsTheLastPoint() throws Exception {
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try (JdkServer server = JdkServer.ok()) {
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, server.url())
              .rateRps(200)
              .connections(2)
              .warmupMs(0)
              .durationMs(60_000)
              .build();
      LoadRun loadRun = new LoadRun(spec);
      CountDownLatch measuring = new CountDownLatch(1);
      RunListener listener =
          new RunListener() {
            @Override
            public void onProgress(RunProgress progress) {
              if (progress.phase() == RunProgress.Phase.MEASURING) {
                measuring.countDown();
              }
            }
          };
      Future<RunResult> future = runner.submit(() -> loadRun.run(listener));
      assertThat(measuring.await(10, TimeUnit.SECONDS)).as("run reached its first second").isTrue();
      Thread.sleep(400); // into the second second: about 80 requests the stop must not misfile
      loadRun.cancel();
      RunResult result = future.get(10, TimeUnit.SECONDS);

      assertThat(loadRun.cancelled()).isTrue();
      assertThat(result.errors()).isZero();
      assertThat(result.durationS()).isLessThan(10);
      List<IntervalSnapshot> series = result.timeseries();
      IntervalSnapshot last = series.get(series.size() - 1);
      assertThat(last.tS()).isCloseTo(result.durationS(), within(0.002));
      assertThat(last.tS() % 1.0).as("a part of a second").isGreaterThan(0.2);
      assertThat(last.completed()).isPositive();
      assertThat(result.completedAfterEnd())
          .as("at most what was in flight at the stop")
          .isLessThanOrEqualTo(spec.connections());
      long inSeries = series.stream().mapToLong(IntervalSnapshot::completed).sum();
      assertThat(inSeries + result.completedAfterEnd()).isEqualTo(result.requests());
    } finally {
      runner.shutdownNow();
    }
  }

  /**
   * A peer may close after any response that says so (Connection: close, HTTP/1.0, a body that ends
   * with the connection). Nothing failed: the next request goes out on a new connection.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nthe body ends when the connection does"
      })
  void connectionsClosedAfterAnAnnouncedLastResponseAreNoErrors(String response) throws Exception {
    byte[] bytes = response.getBytes(StandardCharsets.US_ASCII);
    RawServer.Handler handler =
        (socket, in, out) -> {
          if (RawServer.readRequestHead(in)) {
            out.write(bytes);
            out.flush();
          }
        };
    try (RawServer server = new RawServer(handler)) {
      for (double rateRps : List.of(0.0, 100.0)) {
        LoadSpec spec =
            LoadSpec.builder(Protocol.HTTP, server.url())
                .rateRps(rateRps)
                // A new connection per request: 8 leave each one 80 ms to redial (4 at 200 rps
                // missed 5 sends on a machine running three builds).
                .connections(8)
                .threads(1)
                .warmupMs(200)
                .durationMs(1000)
                .build();
        RunResult result = run(spec);

        assertThat(result.errorKinds()).as("rate %s", rateRps).isEmpty();
        assertThat(result.requests()).isPositive();
        assertThat(result.statusCodes()).isEqualTo(Map.of("200", result.requests()));
        assertThat(result.connects())
            .as("one connection per request")
            .isGreaterThanOrEqualTo(result.requests());
        if (rateRps > 0) {
          assertThat(result.sent()).isEqualTo(result.scheduled());
        }
      }
    }
  }

  @Test
  void requestsCarryTheSpecsMethodPathHeadersAndBody() throws Exception {
    Queue<String> seen = new ConcurrentLinkedQueue<>();
    try (JdkServer server =
        JdkServer.start(
            exchange -> {
              if (seen.isEmpty()) {
                seen.add(exchange.getRequestMethod());
                seen.add(exchange.getRequestURI().toString());
                seen.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Test")));
                seen.add(String.valueOf(exchange.getRequestHeaders().getFirst("Host")));
              }
              exchange.sendResponseHeaders(200, -1);
            })) {
      String url = server.url() + "echo?size=3";
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, url)
              .connections(2)
              .payloadBytes(1000)
              .headers(Map.of("X-Test", "yes"))
              .warmupMs(100)
              .durationMs(500)
              .build();
      RunResult result = run(spec);

      assertThat(result.errors()).isZero();
      assertThat(result.requests()).isPositive();
      String authority = url.substring("http://".length(), url.indexOf("/echo"));
      assertThat(seen).containsExactly("POST", "/echo?size=3", "yes", authority);
      // Every request carried its 1000-byte body (the JDK server reads it before answering).
      assertThat(result.bytesSent()).isGreaterThan(result.sent() * 1000);
    }
  }

  @Test
  void headRequestsExpectNoBody() throws Exception {
    // The answer announces a body that a HEAD response never carries.
    byte[] answer =
        "HTTP/1.1 200 OK\r\nContent-Length: 12345\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    Set<String> methods = ConcurrentHashMap.newKeySet();
    RawServer.Handler handler =
        (socket, in, out) -> {
          while (true) {
            in.mark(16);
            byte[] method = in.readNBytes(4);
            in.reset();
            if (!RawServer.readRequestHead(in)) {
              return;
            }
            methods.add(new String(method, StandardCharsets.US_ASCII));
            out.write(answer);
            out.flush();
          }
        };
    try (RawServer server = new RawServer(handler)) {
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, server.url())
              .method("HEAD")
              .connections(2)
              .warmupMs(100)
              .durationMs(500)
              .timeoutMs(1000)
              .build();
      RunResult result = run(spec);

      assertThat(methods).containsExactly("HEAD");
      assertThat(result.errorKinds()).isEmpty();
      assertThat(result.statusCodes()).isEqualTo(Map.of("200", result.requests()));
      assertThat(result.requests()).isGreaterThan(10);
    }
  }

  @Test
  void pipelinedRequestsAreMatchedToTheirResponsesInOrder() throws Exception {
    AtomicInteger maxQueued = new AtomicInteger();
    RawServer.Handler handler =
        (socket, in, out) -> {
          while (RawServer.readRequestHead(in)) {
            maxQueued.accumulateAndGet(in.available(), Math::max);
            out.write(RawServer.OK_EMPTY);
            out.flush();
          }
        };
    try (RawServer server = new RawServer(handler)) {
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, server.url())
              .connections(2)
              .options(Map.of("pipeline", "8"))
              .warmupMs(100)
              .durationMs(500)
              .build();
      RunResult result = run(spec);

      assertThat(result.errorKinds()).isEmpty();
      assertThat(result.requests()).isEqualTo(result.sent()).isPositive();
      assertThat(result.statusCodes()).isEqualTo(Map.of("200", result.requests()));
      assertThat(maxQueued.get()).as("requests waiting behind the one read").isPositive();
    }
  }

  /** Falling behind is a result: the backlog shows in lag, corrected latency and the verdict. */
  @Test
  void aTargetSlowerThanTheRateIsReportedAsNotSustained() throws Exception {
    try (JdkServer server =
        JdkServer.startThreaded(
            exchange -> {
              Thread.sleep(10); // one connection can then do at most 100 requests a second
              exchange.sendResponseHeaders(200, -1);
            })) {
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, server.url())
              .rateRps(200)
              .connections(1)
              .warmupMs(200)
              .durationMs(1000)
              .build();
      RunResult result = run(spec);

      assertThat(result.errors()).isZero();
      assertThat(result.scheduled()).isEqualTo(200);
      assertThat(result.sent()).isLessThan(150);
      assertThat(result.rateSustained()).isFalse();
      // Half the schedule is missing by the end: the last requests sent were due ~0.5 s before.
      assertThat(result.maxLagMs()).isGreaterThan(200);
      assertThat(result.latencyMs().max()).isGreaterThan(200);
      assertThat(result.serviceTimeMs().p50()).isBetween(10.0, 200.0);
    }
  }
}
