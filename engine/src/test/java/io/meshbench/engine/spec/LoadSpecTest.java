package io.meshbench.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LoadSpecTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET = "http://127.0.0.1:8080/";

  static Stream<Arguments> badFields() {
    return Stream.of(
        bad("rate_rps", b -> b.rateRps(-5)),
        bad("rate_rps", b -> b.rateRps(Double.NaN)),
        bad("rate_rps", b -> b.rateRps(Double.POSITIVE_INFINITY)),
        bad("connections", b -> b.connections(0)),
        bad("connections", b -> b.connections(100_001)),
        bad("streams", b -> b.streams(0)),
        bad("duration_ms", b -> b.durationMs(0)),
        bad("warmup_ms", b -> b.warmupMs(-1)),
        bad("timeout_ms", b -> b.timeoutMs(0)),
        bad("payload_bytes", b -> b.payloadBytes(-1)),
        bad("method", b -> b.method("GET /evil")),
        bad("headers", b -> b.headers(Map.of("bad header", "x"))),
        bad("headers", b -> b.headers(Map.of("X-Ok", "split\r\nX-Injected: 1"))),
        bad("threads", b -> b.threads(-1)));
  }

  private static Arguments bad(String field, UnaryOperator<LoadSpec.Builder> change) {
    return Arguments.of(field, change);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFields")
  void eachBadFieldIsNamed(String field, UnaryOperator<LoadSpec.Builder> change) {
    LoadSpec.Builder builder = LoadSpec.builder(Protocol.HTTP, TARGET);
    SpecException e =
        catchThrowableOfType(SpecException.class, () -> change.apply(builder).build());
    assertThat(e).as("no exception for a bad %s", field).isNotNull();
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage()).startsWith(field + " ");
  }

  @Test
  void targetMustMatchTheProtocol() {
    for (String target : new String[] {"ftp://x", "https://127.0.0.1/", "not a url", "http:///"}) {
      assertThatThrownBy(() -> LoadSpec.builder(Protocol.HTTP, target).build())
          .as(target)
          .isInstanceOfSatisfying(
              SpecException.class, e -> assertThat(e.field()).isEqualTo("target"));
    }
    assertThatThrownBy(() -> LoadSpec.builder(Protocol.HTTP, null).build())
        .isInstanceOfSatisfying(
            SpecException.class, e -> assertThat(e.field()).isEqualTo("target"));
    assertThatThrownBy(() -> LoadSpec.builder(null, TARGET).build())
        .isInstanceOfSatisfying(
            SpecException.class, e -> assertThat(e.field()).isEqualTo("protocol"));
  }

  @Test
  void targetPortMustBeAValidTcpPort() {
    for (String target : new String[] {"http://127.0.0.1:99999/", "http://127.0.0.1:0/"}) {
      assertThatThrownBy(() -> LoadSpec.builder(Protocol.HTTP, target).build())
          .as(target)
          .isInstanceOfSatisfying(
              SpecException.class, e -> assertThat(e.field()).isEqualTo("target"));
    }
    assertThat(LoadSpec.builder(Protocol.HTTP, "http://127.0.0.1:65535/").build().address().port())
        .isEqualTo(65535);
    assertThat(LoadSpec.builder(Protocol.HTTP, "http://example.com/").build().address().port())
        .isEqualTo(80);
  }

  @Test
  void nullHeaderAndOptionValuesAreNamed() {
    Map<String, String> nullValue = new java.util.HashMap<>();
    nullValue.put("X-Empty", null);
    assertThatThrownBy(() -> LoadSpec.builder(Protocol.HTTP, TARGET).headers(nullValue).build())
        .isInstanceOfSatisfying(
            SpecException.class, e -> assertThat(e.field()).isEqualTo("headers"));
    assertThatThrownBy(() -> LoadSpec.builder(Protocol.HTTP, TARGET).options(nullValue).build())
        .isInstanceOfSatisfying(
            SpecException.class, e -> assertThat(e.field()).isEqualTo("options"));
    String json =
        "{\"protocol\":\"http\",\"target\":\"http://127.0.0.1:1/\",\"headers\":{\"X-A\":null}}";
    Throwable e =
        catchThrowableOfType(
            ValueInstantiationException.class, () -> JSON.readValue(json, LoadSpec.class));
    assertThat(e).isNotNull();
    assertThat(e.getCause())
        .isInstanceOfSatisfying(
            SpecException.class, s -> assertThat(s.field()).isEqualTo("headers"));
  }

  @Test
  void aValidSpecKeepsItsValues() {
    LoadSpec spec =
        LoadSpec.builder(Protocol.HTTP, "http://[::1]:9000/a/b?c=d")
            .rateRps(250.5)
            .connections(3)
            .payloadBytes(10)
            .build();
    assertThat(spec.method()).as("a payload makes the default method POST").isEqualTo("POST");
    assertThat(spec.closedModel()).isFalse();
    assertThat(spec.address()).isEqualTo(new TargetAddress("http", "::1", 9000, "/a/b?c=d"));
    assertThat(spec.address().authority()).isEqualTo("[::1]:9000");
    assertThat(LoadSpec.builder(Protocol.HTTP, TARGET).build().closedModel()).isTrue();
  }

  @Test
  void jsonRoundTripKeepsEverything() throws Exception {
    LoadSpec spec =
        LoadSpec.builder(Protocol.HTTP, "http://127.0.0.1:8080/echo?delay=5ms")
            .rateRps(1234.5)
            .connections(7)
            .streams(2)
            .durationMs(3000)
            .warmupMs(250)
            .timeoutMs(1500)
            .payloadBytes(64)
            .method("PUT")
            .headers(Map.of("X-Trace", "abc", "Accept", "*/*"))
            .options(Map.of("pipeline", "4"))
            .arrival(Arrival.POISSON)
            .seed(99)
            .threads(3)
            .build();

    String text = JSON.writeValueAsString(spec);
    JsonNode tree = JSON.readTree(text);
    assertThat(tree.get("rate_rps").asDouble()).isEqualTo(1234.5);
    assertThat(tree.get("duration_ms").asLong()).isEqualTo(3000);
    assertThat(tree.get("arrival").asText()).isEqualTo("poisson");
    assertThat(tree.get("protocol").asText()).isEqualTo("http");
    assertThat(tree.has("body")).as("absent body is omitted").isFalse();

    assertThat(JSON.readValue(text, LoadSpec.class)).isEqualTo(spec);
  }

  @Test
  void minimalJsonFillsTheDefaults() throws Exception {
    LoadSpec spec =
        JSON.readValue(
            "{\"protocol\":\"http\",\"target\":\"http://127.0.0.1:1/\"}", LoadSpec.class);
    assertThat(spec).isEqualTo(LoadSpec.builder(Protocol.HTTP, "http://127.0.0.1:1/").build());
    assertThat(spec.rateRps()).isZero();
    assertThat(spec.connections()).isEqualTo(16);
    assertThat(spec.streams()).isEqualTo(1);
    assertThat(spec.durationMs()).isEqualTo(10_000);
    assertThat(spec.warmupMs()).isEqualTo(1_000);
    assertThat(spec.timeoutMs()).isEqualTo(10_000);
    assertThat(spec.payloadBytes()).isZero();
    assertThat(spec.method()).isEqualTo("GET");
    assertThat(spec.headers()).isEmpty();
    assertThat(spec.options()).isEmpty();
    assertThat(spec.arrival()).isEqualTo(Arrival.CONSTANT);
    assertThat(spec.body()).isNull();
  }

  @Test
  void badJsonNamesTheField() {
    String json = "{\"protocol\":\"http\",\"target\":\"http://127.0.0.1:1/\",\"connections\":0}";
    Throwable e =
        catchThrowableOfType(
            ValueInstantiationException.class, () -> JSON.readValue(json, LoadSpec.class));
    assertThat(e).isNotNull();
    assertThat(e.getCause())
        .isInstanceOfSatisfying(
            SpecException.class, s -> assertThat(s.field()).isEqualTo("connections"));
    Throwable unknownProtocol =
        catchThrowableOfType(
            Exception.class,
            () -> JSON.readValue("{\"protocol\":\"smtp\",\"target\":\"x\"}", LoadSpec.class));
    assertThat(unknownProtocol).isNotNull();
    assertThat(rootCause(unknownProtocol))
        .isInstanceOfSatisfying(
            SpecException.class, s -> assertThat(s.field()).isEqualTo("protocol"));
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
