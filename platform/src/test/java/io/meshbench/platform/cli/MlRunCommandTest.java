package io.meshbench.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshbench run --protocol ml} end to end, in-process, on loopback. */
class MlRunCommandTest {
  static {
    System.setProperty("sun.net.httpserver.nodelay", "true"); // no 40 ms delayed-ACK stalls
  }

  @TempDir Path dir;

  @Test
  void runsInferenceAgainstTheBuiltInTarget() throws IOException {
    Path doc = dir.resolve("ml.json");
    CliHarness r =
        CliHarness.run(
            "run",
            "--protocol",
            "ml",
            "--rate",
            "500",
            "--batch-size",
            "8",
            "--duration",
            "2s",
            "--warmup",
            "300ms",
            "--connections",
            "4",
            "--output",
            doc.toString());
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.out)
        .contains("(built-in target)")
        .contains("Inference  model meshbench-mlp · batch 8 × 16 FP32 features")
        .contains("inferences/s");

    JobDocument job = Json.mapper().readValue(doc.toFile(), JobDocument.class);
    assertThat(job.spec().testType().wireName()).isEqualTo("ml");
    assertThat(job.loadSpec().options()).containsEntry("batch_size", "8");
    assertThat(job.result().errors()).isZero();
    assertThat(job.result().throughputRps()).isBetween(500 * 0.97, 500 * 1.03);
    assertThat(job.result().inferencesPerS())
        .isCloseTo(job.result().throughputRps() * 8, within(1e-9));
    assertThat(Json.mapper().readTree(doc.toFile()).at("/result/inferences_per_s").isNumber())
        .isTrue();
  }

  @Test
  void aServerWithoutTheModelExitsOneWithItsOwnWords() throws IOException {
    HttpServer server = v2Server(404, "{\"error\":\"model 'resnet' not found\"}");
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
      CliHarness r = CliHarness.run("run", "--protocol", "ml", "--url", url, "--model", "resnet");
      assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.FAILED);
      assertThat(r.err.strip().lines()).hasSize(1);
      assertThat(r.err)
          .contains("model 'resnet' is not available at " + url)
          .contains("HTTP 404: model 'resnet' not found");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void rejectedInferencesShowTheServersErrorText() throws IOException {
    HttpServer server = v2Server(200, "{\"name\":\"m\"}");
    AtomicInteger infers = new AtomicInteger();
    server.createContext(
        "/v2/models/m/infer",
        e -> {
          if (infers.incrementAndGet() == 1) { // the pre-run check passes; the run is refused
            answer(e, 200, "{\"model_name\":\"m\",\"outputs\":[]}");
          } else {
            answer(e, 400, "{\"error\":\"bad input: shape [1,16]\"}");
          }
        });
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
      CliHarness r =
          CliHarness.run(
              "run",
              "--protocol",
              "ml",
              "--url",
              url,
              "--model",
              "m",
              "--rate",
              "100",
              "--duration",
              "500ms",
              "--warmup",
              "0s",
              "--connections",
              "2");
      assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.FAILED);
      assertThat(r.out)
          .contains("status_4xx")
          .contains("Error text HTTP 400: bad input: shape [1,16]");
      assertThat(r.err).contains("the first said HTTP 400: bad input: shape [1,16]");
    } finally {
      server.stop(0);
    }
  }

  /** Ready, and answers every model route with {@code status} and {@code body}. */
  private static HttpServer v2Server(int status, String body) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/v2/health/ready", e -> answer(e, 200, "{\"ready\":true}"));
    server.createContext("/v2/models/", e -> answer(e, status, body));
    server.start();
    return server;
  }

  private static void answer(HttpExchange e, int status, String body) throws IOException {
    try (e) {
      e.getRequestBody().readAllBytes();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      e.sendResponseHeaders(status, bytes.length);
      e.getResponseBody().write(bytes);
    }
  }
}
