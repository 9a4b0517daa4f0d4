package io.meshbench.platform.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.platform.cli.Meshbench;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meshbench search} end to end against targets of known capacity: 4 connections to a server
 * that answers after 10 ms can complete at most 400 requests per second.
 */
class SearchCommandTest {
  private static final int CONNECTIONS = 10;
  private static final long DELAY_MS = 100;
  private static final double CAPACITY_RPS = CONNECTIONS * 1000.0 / DELAY_MS;

  @TempDir Path dir;

  private record Outcome(int exit, String out, String err) {}

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Meshbench.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void findsTheKneeOfATargetWithKnownCapacity() throws Exception {
    Path output = dir.resolve("search.json");
    try (FixedCapacityServer target = new FixedCapacityServer(DELAY_MS, 200)) {
      Outcome r =
          run(
              "search",
              "--url",
              target.url(),
              "--connections",
              Integer.toString(CONNECTIONS),
              "--start-rate",
              "25",
              "--max-rate",
              "250",
              "--step-duration",
              "3s",
              "--warmup",
              "3s", // connections come up slowly on a busy machine; warm-up absorbs that
              "--precision",
              "5%",
              "--slo",
              "p99<=300ms",
              "--output",
              output.toString());
      assertThat(r.exit()).as(r.toString()).isZero();
      JobDocument doc = Json.mapper().readValue(Files.readString(output), JobDocument.class);
      SearchResult search = doc.search();
      assertThat(search.outcome()).isEqualTo(SearchResult.FOUND);
      // Timers overshoot and HTTP costs a little, so the true knee sits just under 100 rps; the
      // answer is the highest passing rate, within the precision below the lowest failure.
      assertThat(search.maxRateRps()).isLessThanOrEqualTo(CAPACITY_RPS);
      assertThat(search.maxRateRps()).isGreaterThanOrEqualTo(CAPACITY_RPS * 0.8);
      assertThat(search.lowestFailingRateRps() / search.maxRateRps()).isLessThanOrEqualTo(1.05);
      assertThat(search.steps()).hasSizeLessThanOrEqualTo(8);
      SearchStep proving = search.proving();
      assertThat(proving.passed()).isTrue();
      assertThat(proving.rateRps()).isEqualTo(search.maxRateRps());
      assertThat(proving.result().histogram()).isNotBlank();
      assertThat(doc.result()).isEqualTo(proving.result());
      assertThat(search.steps()).allSatisfy(s -> assertThat(s.result().requests()).isPositive());
      assertThat(search.steps().stream().filter(s -> !s.passed()))
          .allSatisfy(s -> assertThat(s.failedBecause()).isNotEmpty());
      assertThat(r.out()).contains("Knee", "◀ answer", "max_rate_rps");
    }
  }

  @Test
  void aTargetFailingAtTheStartRateHasNoPassingRate() throws Exception {
    Path output = dir.resolve("none.json");
    try (FixedCapacityServer target = new FixedCapacityServer(1, 503)) {
      Outcome r =
          run(
              "search",
              "--url",
              target.url(),
              "--connections",
              "2",
              "--start-rate",
              "50",
              "--max-rate",
              "500",
              "--step-duration",
              "1s",
              "--warmup",
              "200ms",
              "--slo",
              "error_rate<=0.1%",
              "--output",
              output.toString());
      assertThat(r.exit()).as(r.toString()).isEqualTo(99);
      assertThat(r.out()).contains("no passing rate");
      JobDocument doc = Json.mapper().readValue(Files.readString(output), JobDocument.class);
      assertThat(doc.search().outcome()).isEqualTo(SearchResult.NO_PASSING_RATE);
      assertThat(doc.search().maxRateRps()).isNull();
      assertThat(doc.search().steps()).hasSize(1);
    }
  }

  @Test
  void aTargetThatAnswersNothingFailsTheSearchInsteadOfBreachingIt() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort(); // closed again: nothing listens there
    }
    Path output = dir.resolve("down.json");
    Outcome r =
        run(
            "search",
            "--url",
            "http://127.0.0.1:" + port + "/",
            "--connections",
            "1",
            "--start-rate",
            "20",
            "--max-rate",
            "40",
            "--step-duration",
            "1s",
            "--warmup",
            "0s",
            "--slo",
            "p99<=10ms",
            "--output",
            output.toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    JobDocument doc = Json.mapper().readValue(Files.readString(output), JobDocument.class);
    assertThat(doc.status().wireName()).isEqualTo("failed");
    assertThat(doc.error()).contains("could not connect");
  }

  /** Stopped by a signal after a step: the steps done are written, as cancelled, not lost. */
  @Test
  void aSignalKeepsTheStepsDoneInACancelledDocument() throws Exception {
    Path output = dir.resolve("stopped.json");
    Path log = dir.resolve("stopped.err");
    Process search =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.meshbench.platform.cli.Meshbench",
                "search",
                "--slo",
                "p99<=1s",
                "--start-rate",
                "50",
                "--max-rate",
                "400",
                "--step-duration",
                "2s",
                "--warmup",
                "0s",
                "--connections",
                "2",
                "--output",
                output.toString())
            .redirectError(log.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
      while (!(Files.exists(log) && Files.readString(log).contains("step 1:"))) {
        assertThat(System.nanoTime()).as("step 1 within 60 s").isLessThan(deadline);
        assertThat(search.isAlive()).as("search still running").isTrue();
        Thread.sleep(50); // polling the log for the first step's line
      }
      search.destroy(); // SIGTERM: the shutdown hook's path, as Ctrl-C
      assertThat(search.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    } finally {
      search.destroyForcibly();
    }
    assertThat(search.exitValue()).isNotZero();
    JobDocument doc = Json.mapper().readValue(Files.readString(output), JobDocument.class);
    assertThat(doc.status().wireName()).isEqualTo("cancelled");
    assertThat(doc.search().steps()).isNotEmpty();
  }

  @Test
  void badInputIsAUsageErrorNamingTheFlag() {
    Outcome noSlo = run("search", "--url", "http://127.0.0.1:1/");
    assertThat(noSlo.exit()).isEqualTo(2);
    assertThat(noSlo.err()).contains("--slo");

    Outcome startAboveMax =
        run("search", "--start-rate", "500", "--max-rate", "100", "--slo", "p99<=1ms");
    assertThat(startAboveMax.exit()).isEqualTo(2);
    assertThat(startAboveMax.err()).contains("--start-rate", "--max-rate");

    Outcome zeroPrecision = run("search", "--precision", "0", "--slo", "p99<=1ms");
    assertThat(zeroPrecision.exit()).isEqualTo(2);
    assertThat(zeroPrecision.err()).contains("--precision");

    Outcome badSlo = run("search", "--slo", "p98<=1ms");
    assertThat(badSlo.exit()).isEqualTo(2);
    assertThat(badSlo.err()).contains("--slo");

    // The built-in target runs here, under no mesh: it cannot stand for one.
    Outcome meshWithoutUrl = run("search", "--mesh-type", "linkerd", "--slo", "p99<=1ms");
    assertThat(meshWithoutUrl.exit()).isEqualTo(2);
    assertThat(meshWithoutUrl.err()).contains("--mesh-type linkerd needs --url");
  }
}
