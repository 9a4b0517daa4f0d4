package io.meshbench.engine.protocol.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.meshbench.engine.run.LoadRun;
import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.spec.SpecException;
import io.meshbench.engine.stats.RunResult;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whole {@code ml} runs against an independent v2 server (runs against the built-in target are the
 * platform's {@code InferenceAgainstTargetTest}: the engine does not depend on the target).
 */
class InferenceRunTest {

  private static LoadSpec.Builder spec(String url, Map<String, String> options) {
    return LoadSpec.builder(Protocol.ML, url)
        .connections(4)
        .warmupMs(300)
        .durationMs(2000)
        .options(options);
  }

  private static RunResult run(LoadSpec spec) throws InterruptedException {
    return new LoadRun(spec).run(RunListener.NONE);
  }

  @Test
  void closedModelAgainstAnIndependentV2Server() throws Exception {
    try (OipServer server = OipServer.serving("iris", 4)) {
      LoadSpec spec =
          spec(server.url(), Map.of("model", "iris", "batch_size", "3", "features", "4"))
              .warmupMs(200)
              .durationMs(1000)
              .build();
      RunResult r = run(spec);

      assertThat(r.errors()).as(r.errorKinds() + " " + r.firstError()).isZero();
      assertThat(r.requests()).isPositive();
      assertThat(server.malformed.get()).as("every tensor matched its shape").isZero();
      assertThat(server.lastBatch).isEqualTo(3);
      assertThat(server.rowsSeen.get()).isEqualTo(3 * server.inferRequests.get());
      assertThat(server.inferRequests.get()).as("warm-up excluded").isGreaterThan(r.requests());
      assertThat(r.inferencesPerS()).isCloseTo(r.throughputRps() * 3, within(1e-9));
    }
  }

  @Test
  void openModelAgainstAnIndependentV2ServerHoldsTheRate() throws Exception {
    try (OipServer server = OipServer.serving("iris", 4)) {
      LoadSpec spec =
          spec(server.url(), Map.of("model", "iris", "features", "4")).rateRps(500).build();
      RunResult r = run(spec);

      assertThat(r.errors()).as(r.errorKinds() + " " + r.firstError()).isZero();
      assertThat(r.throughputRps()).isCloseTo(500, within(500 * 0.03));
      assertThat(r.inferencesPerS()).isEqualTo(r.throughputRps());
      assertThat(server.malformed.get()).isZero();
    }
  }

  @Test
  void a400FromTheServerIsAStatus4xxErrorAndItsTextSurfaces() throws Exception {
    try (OipServer server =
        OipServer.answeringInferAfterTheFirst("iris", 4, 400, "{\"error\":\"bad input\"}")) {
      LoadSpec spec =
          spec(server.url(), Map.of("model", "iris", "features", "4"))
              .warmupMs(0)
              .durationMs(500)
              .rateRps(200)
              .build();
      RunResult r = run(spec);

      assertThat(r.requests()).isPositive();
      assertThat(r.errors()).isEqualTo(r.requests());
      assertThat(r.errorKinds()).isEqualTo(Map.of("status_4xx", r.requests()));
      assertThat(r.statusCodes()).isEqualTo(Map.of("400", r.requests()));
      assertThat(r.firstError()).isEqualTo("HTTP 400: bad input");
      assertThat(r.throughputRps()).isZero();
    }
  }

  @Test
  void aServerWithoutTheModelFailsTheRunBeforeItStartsWithItsOwnWords() throws Exception {
    try (OipServer server = OipServer.serving("iris", 4)) {
      LoadSpec spec = spec(server.url(), Map.of("model", "resnet50")).build();
      long start = System.nanoTime();

      assertThatThrownBy(() -> run(spec))
          .isInstanceOf(UncheckedIOException.class)
          .cause()
          .hasMessage(
              "model 'resnet50' is not available at "
                  + server.url()
                  + ": HTTP 404: Request for unknown model: '/v2/models/resnet50' is not found");
      assertThat(server.inferRequests.get()).isZero();
      assertThat((System.nanoTime() - start) / 1e9).as("seconds: fails fast").isLessThan(1.5);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "200|{\"error\":\"x\"}|HTTP 200: {\"error\":\"x\"}",
        "200|{\"model_name\":\"iris\",\"outputs\":[{\"name\"|HTTP 200: {\"model_name\":\"iris\",\"outputs\":[{\"name\"",
        "200|[]|HTTP 200: []",
        "400|{\"error\":\"bad input\"}|HTTP 400: bad input"
      })
  void anInferenceWithoutOutputsFailsTheRunBeforeItStarts(int status, String body, String said)
      throws Exception {
    try (OipServer server = OipServer.answeringInfer("iris", 4, status, body)) {
      LoadSpec spec = spec(server.url(), Map.of("model", "iris", "features", "4")).build();

      assertThatThrownBy(() -> run(spec))
          .isInstanceOf(UncheckedIOException.class)
          .cause()
          .hasMessage(
              "model 'iris' at "
                  + server.url()
                  + " did not answer a test inference with v2 outputs: "
                  + said);
      assertThat(server.inferRequests.get()).as("the check's one request, no load").isEqualTo(1);
    }
  }

  @Test
  void aLongUnexpectedAnswerIsQuotedInPart() throws Exception {
    String page = "<html>" + "x".repeat(1000) + "</html>";
    try (OipServer server = OipServer.answeringInfer("iris", 4, 200, page)) {
      LoadSpec spec = spec(server.url(), Map.of("model", "iris", "features", "4")).build();

      assertThatThrownBy(() -> run(spec))
          .cause()
          .hasMessageEndingWith(": HTTP 200: " + page.substring(0, 200) + "…");
    }
  }

  @Test
  void anUnreachableServerFailsTheRunBeforeItStarts() {
    LoadSpec spec = spec("http://127.0.0.1:1/", Map.of()).build();
    assertThatThrownBy(() -> run(spec))
        .isInstanceOf(UncheckedIOException.class)
        .cause()
        .hasMessageStartingWith("inference server at http://127.0.0.1:1/ is not reachable");
  }

  @Test
  void aPathPrefixInTheUrlIsKept() {
    LoadSpec spec = spec("http://gateway:8080/serving/kserve", Map.of("model", "m")).build();
    InferenceOptions o = InferenceOptions.of(spec);
    assertThat(o.inferUrl()).isEqualTo("http://gateway:8080/serving/kserve/v2/models/m/infer");
    assertThat(o.readyUrl()).isEqualTo("http://gateway:8080/serving/kserve/v2/health/ready");
  }

  @Test
  void optionsAreCheckedWithTheirNames() {
    String url = "http://127.0.0.1:1/";
    assertThatThrownBy(() -> InferenceOptions.of(spec(url, Map.of("batch_size", "0")).build()))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("options.batch_size");
    assertThatThrownBy(() -> InferenceOptions.of(spec(url, Map.of("features", "70000")).build()))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("options.features");
    assertThatThrownBy(() -> InferenceOptions.of(spec(url, Map.of("model", "a/../b")).build()))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("options.model");
    assertThatThrownBy(
            () ->
                InferenceOptions.of(
                    spec(url, Map.of("batch_size", "4096", "features", "65536")).build()))
        .hasMessageContaining("at most 4194304 values");
  }

  @Test
  void theBodyIsSeededJsonOfTheRightShape() throws Exception {
    String body = InferenceBody.json("in\"put", 2, new long[] {3}, 42);
    var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).at("/inputs/0");
    assertThat(node.get("name").asText()).isEqualTo("in\"put");
    assertThat(node.get("shape").toString()).isEqualTo("[2,3]");
    assertThat(node.get("data")).hasSize(6);
    node.get("data").forEach(v -> assertThat(v.asDouble()).isBetween(-1.0, 1.0));
    assertThat(InferenceBody.json("x", 2, new long[] {3}, 42))
        .isEqualTo(InferenceBody.json("x", 2, new long[] {3}, 42))
        .isNotEqualTo(InferenceBody.json("x", 2, new long[] {3}, 43));
  }
}
