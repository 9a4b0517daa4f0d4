package io.meshbench.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.HistogramCodec;
import io.meshbench.engine.stats.LatencyStats;
import io.meshbench.engine.stats.RunResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every failure lands in its class, never in the latency histograms, and never ends the run: each
 * case drives real traffic at a server that fails in exactly one way.
 */
class ErrorClassificationTest {

  private static LoadSpec.Builder spec(String url) {
    return LoadSpec.builder(Protocol.HTTP, url)
        .connections(2)
        .threads(1)
        .warmupMs(200)
        .durationMs(1000)
        .timeoutMs(2000);
  }

  /** Runs the spec; every request sent after warm-up must have had exactly one outcome. */
  private static RunResult run(LoadSpec spec) throws InterruptedException {
    RunResult result = new LoadRun(spec).run(RunListener.NONE);
    long connectErrors = result.errorKinds().getOrDefault("connect", 0L);
    assertThat(result.requests() - connectErrors)
        .as("outcomes of sent requests")
        .isEqualTo(result.sent());
    return result;
  }

  @Test
  void refusedConnectionsAreConnectErrors() throws Exception {
    RunResult result = run(spec(closedPortUrl()).build());

    assertThat(result.errorKinds()).containsOnlyKeys("connect");
    assertThat(result.errorKinds().get("connect")).isPositive();
    assertThat(result.successes()).isZero();
    assertThat(result.allFailed()).isTrue();
    assertThat(result.connects()).isZero();
    assertNoLatencySamples(result);
  }

  @Test
  void refusedConnectionsInTheOpenModelLeaveTheScheduleUnsent() throws Exception {
    RunResult result = run(spec(closedPortUrl()).rateRps(100).build());

    assertThat(result.errorKinds()).containsOnlyKeys("connect");
    assertThat(result.scheduled()).isEqualTo(100);
    assertThat(result.sent()).isZero();
    assertThat(result.rateSustained()).isFalse();
    assertThat(result.allFailed()).isTrue();
  }

  @Test
  void serverErrorsAreStatus5xx() throws Exception {
    try (JdkServer server = JdkServer.status(503)) {
      RunResult result = run(spec(server.url()).build());
      long n = result.errors();
      assertThat(n).isPositive();
      assertThat(result.errorKinds()).isEqualTo(Map.of("status_5xx", n));
      assertThat(result.statusCodes()).isEqualTo(Map.of("503", n));
      assertThat(result.requests()).isEqualTo(n);
      assertThat(result.allFailed()).isTrue();
      assertNoLatencySamples(result);
      assertThat(server.requests()).as("warm-up requests reached the server").isGreaterThan(n);
    }
  }

  @Test
  void clientErrorsAreStatus4xx() throws Exception {
    try (JdkServer server = JdkServer.status(429)) {
      RunResult result = run(spec(server.url()).build());
      long n = result.errors();
      assertThat(n).isPositive();
      assertThat(result.errorKinds()).isEqualTo(Map.of("status_4xx", n));
      assertThat(result.statusCodes()).isEqualTo(Map.of("429", n));
      assertNoLatencySamples(result);
    }
  }

  @Test
  void successfulAndFailedStatusesAreCountedApart() throws Exception {
    AtomicLong counter = new AtomicLong();
    try (JdkServer server =
        JdkServer.start(
            exchange ->
                exchange.sendResponseHeaders(counter.incrementAndGet() % 4 == 0 ? 500 : 200, -1))) {
      RunResult result = run(spec(server.url()).build());
      long fails = result.errorKinds().getOrDefault("status_5xx", 0L);
      assertThat(result.errorKinds()).containsOnlyKeys("status_5xx");
      assertThat(result.statusCodes()).containsOnlyKeys("200", "500");
      assertThat(result.statusCodes().get("500")).isEqualTo(fails);
      assertThat(result.statusCodes().get("200")).isEqualTo(result.successes());
      assertThat(HistogramCodec.decode(result.histogram()).getTotalCount())
          .isEqualTo(result.successes());
      // Every fourth answer fails. The measured requests are the server's last ones, give or take
      // the one in flight on each connection when warm-up ended: a quarter of them, within 3.
      assertThat(Math.abs(4 * fails - result.requests())).isLessThanOrEqualTo(12);
    }
  }

  @Test
  void answersSlowerThanTheTimeoutAreTimeouts() throws Exception {
    long timeoutMs = 200;
    long durationMs = 1000;
    int connections = 2;
    try (JdkServer server =
        JdkServer.startThreaded(
            exchange -> {
              Thread.sleep(1000); // well past the client's timeout
              exchange.sendResponseHeaders(200, -1);
            })) {
      RunResult result =
          run(
              spec(server.url())
                  .connections(connections)
                  .timeoutMs(timeoutMs)
                  .durationMs(durationMs)
                  .build());
      long n = result.errors();
      assertThat(result.errorKinds()).isEqualTo(Map.of("timeout", n));
      assertThat(result.allFailed()).isTrue();
      assertNoLatencySamples(result);
      // Each connection sends again only after a timeout, which cannot come before timeoutMs:
      // at most duration / timeout sends per connection, each ending in one timeout.
      assertThat(n).isBetween((long) connections, connections * (durationMs / timeoutMs + 1));
    }
  }

  @Test
  void pipelinedRequestsCutOffByATimeoutAreTimeouts() throws Exception {
    // Answers nothing: every connection fills its pipeline and then times out as a whole.
    RawServer.Handler handler = (socket, in, out) -> RawServer.drain(in);
    try (RawServer server = new RawServer(handler)) {
      RunResult result =
          run(
              spec(server.url())
                  .options(Map.of("pipeline", "4"))
                  .timeoutMs(150)
                  .durationMs(1000)
                  .build());
      long n = result.errors();
      assertThat(result.errorKinds()).isEqualTo(Map.of("timeout", n));
      assertThat(n).isPositive();
      assertThat(n % 4).as("whole pipelines fail").isZero();
      assertNoLatencySamples(result);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"close", "abort", "half-response"})
  void brokenConnectionsAreResets(String how) throws Exception {
    RawServer.Handler handler =
        (socket, in, out) -> {
          if (!RawServer.readRequestHead(in)) {
            return;
          }
          switch (how) {
            case "close" -> {} // return: the socket closes without an answer
            case "abort" -> socket.setSoLinger(true, 0); // close sends RST
            case "half-response" -> {
              write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part of it");
            }
            default -> throw new IllegalArgumentException(how);
          }
        };
    try (RawServer server = new RawServer(handler)) {
      RunResult result = run(spec(server.url()).build());
      long n = result.errors();
      assertThat(n).isPositive();
      assertThat(result.errorKinds()).isEqualTo(Map.of("reset", n));
      assertThat(result.allFailed()).isTrue();
      assertNoLatencySamples(result);
      assertThat(result.connects()).as("broken connections are re-established").isGreaterThan(2);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "garbage instead of a status line\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: twelve\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nnot-hex\r\n"
      })
  void malformedAnswersAreProtocolErrors(String answer) throws Exception {
    RawServer.Handler handler =
        (socket, in, out) -> {
          while (RawServer.readRequestHead(in)) {
            write(out, answer);
          }
        };
    try (RawServer server = new RawServer(handler)) {
      RunResult result = run(spec(server.url()).build());
      long n = result.errors();
      assertThat(n).isPositive();
      assertThat(result.errorKinds()).isEqualTo(Map.of("protocol", n));
      assertThat(result.allFailed()).isTrue();
      assertNoLatencySamples(result);
    }
  }

  /** A loopback port that was just free: bound, then closed, so that nothing listens there. */
  private static String closedPortUrl() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + s.getLocalPort() + "/";
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void assertNoLatencySamples(RunResult result) {
    assertThat(result.latencyMs()).isEqualTo(LatencyStats.EMPTY);
    assertThat(result.serviceTimeMs()).isEqualTo(LatencyStats.EMPTY);
    assertThat(HistogramCodec.decode(result.histogram()).getTotalCount()).isZero();
    assertThat(HistogramCodec.decode(result.serviceHistogram()).getTotalCount()).isZero();
  }
}
