package io.meshbench.target;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The target's Open Inference Protocol v2 routes over real loopback sockets. */
class InferenceTargetTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TargetServer server;
  private static HttpClient client;

  @BeforeAll
  static void start() {
    server = TargetServer.start(TargetConfig.defaults());
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> send(String method, String path, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.httpUrl() + path.substring(1)))
            .timeout(Duration.ofSeconds(10));
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    return JSON.readTree(r.body());
  }

  /** A request body with {@code rows} rows of {@code features} values. */
  static String request(String datatype, String shape, int values) {
    StringJoiner data = new StringJoiner(",", "[", "]");
    for (int i = 0; i < values; i++) {
      data.add(String.format(Locale.ROOT, "%.3f", (i % 200 - 100) / 100.0));
    }
    return "{\"id\":\"r-1\",\"inputs\":[{\"name\":\"input-0\",\"shape\":"
        + shape
        + ",\"datatype\":\""
        + datatype
        + "\",\"data\":"
        + data
        + "}]}";
  }

  @ParameterizedTest
  @CsvSource({"/v2/health/live, live", "/v2/health/ready, ready"})
  void healthRoutesAnswerOk(String path, String field) throws Exception {
    HttpResponse<String> r = send("GET", path, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get(field).asBoolean()).isTrue();
  }

  @Test
  void metadataDescribesTheModelsTensors() throws Exception {
    for (String path :
        new String[] {"/v2/models/meshbench-mlp", "/v2/models/meshbench-mlp/versions/1"}) {
      HttpResponse<String> r = send("GET", path, null);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      JsonNode m = json(r);
      assertThat(m.get("name").asText()).isEqualTo("meshbench-mlp");
      assertThat(m.get("platform").asText()).isNotBlank();
      assertThat(m.at("/inputs/0/name").asText()).isEqualTo("input-0");
      assertThat(m.at("/inputs/0/datatype").asText()).isEqualTo("FP32");
      assertThat(m.at("/inputs/0/shape").toString()).isEqualTo("[-1,16]");
      assertThat(m.at("/outputs/0/shape").toString()).isEqualTo("[-1,8]");
    }
    HttpResponse<String> ready = send("GET", "/v2/models/meshbench-mlp/ready", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(json(ready).get("ready").asBoolean()).isTrue();
  }

  /** Above 16 KiB of body the work leaves the event loop: same answer either way. */
  @ParameterizedTest
  @ValueSource(ints = {1, 3, 64, 5000})
  void inferenceOutputMatchesTheBatch(int batch) throws Exception {
    String body = request("FP32", "[" + batch + ",16]", batch * 16);
    HttpResponse<String> r = send("POST", "/v2/models/meshbench-mlp/infer", body);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode answer = json(r);
    assertThat(answer.get("model_name").asText()).isEqualTo("meshbench-mlp");
    assertThat(answer.get("id").asText()).isEqualTo("r-1");
    JsonNode out = answer.at("/outputs/0");
    assertThat(out.get("name").asText()).isEqualTo("output-0");
    assertThat(out.get("datatype").asText()).isEqualTo("FP32");
    assertThat(out.get("shape").toString()).isEqualTo("[" + batch + ",8]");
    assertThat(out.get("data")).hasSize(batch * 8);
    double firstRow = 0;
    for (int k = 0; k < 8; k++) {
      firstRow += out.get("data").get(k).asDouble();
    }
    assertThat(firstRow).isBetween(0.9999, 1.0001);
  }

  @Test
  void theAnswerIsTheModelsOutput() throws Exception {
    String body = request("FP32", "[1,16]", 16);
    JsonNode data =
        json(send("POST", "/v2/models/meshbench-mlp/infer", body)).at("/outputs/0/data");
    float[] x = new float[16];
    for (int i = 0; i < 16; i++) {
      x[i] = Float.parseFloat(String.format(Locale.ROOT, "%.3f", (i % 200 - 100) / 100.0));
    }
    float[] y = new float[8];
    MlpModel.DEFAULT.infer(x, 1, y);
    for (int k = 0; k < 8; k++) {
      assertThat(data.get(k).floatValue()).isEqualTo(y[k]);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "wrong datatype   | INT32 | [2,16] | 32 | datatype INT32; the model takes FP32",
        "wrong width      | FP32  | [2,15] | 30 | the model takes [batch, 16]",
        "shape mismatch   | FP32  | [2,16] | 31 | has 31 values, but its shape [2, 16] needs 32",
        "zero batch       | FP32  | [0,16] | 0  | batch >= 1",
        "three dimensions | FP32  | [2,4,4]| 32 | the model takes [batch, 16]"
      })
  void badInputIsA400WithOipErrorText(
      String what, String datatype, String shape, int values, String message) throws Exception {
    HttpResponse<String> r =
        send("POST", "/v2/models/meshbench-mlp/infer", request(datatype, shape, values));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("error").asText()).contains(message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "{\"inputs\":[]}",
        "{\"nothing\":1}",
        "{\"inputs\":[{\"name\":\"input-0\",\"shape\":[1,16],\"datatype\":\"FP32\",\"data\":[\"a\"]}]}",
        "{\"inputs\":[{\"name\":\"other\",\"shape\":[1,1],\"datatype\":\"FP32\",\"data\":[1]}]}",
        ""
      })
  void malformedBodiesAre400s(String body) throws Exception {
    HttpResponse<String> r = send("POST", "/v2/models/meshbench-mlp/infer", body);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("error").asText()).isNotBlank();
  }

  @Test
  void unknownModelsAndRoutesAre404sWithErrorText() throws Exception {
    for (String path :
        new String[] {"/v2/models/resnet", "/v2/models/resnet/ready", "/v2/models/resnet/infer"}) {
      String method = path.endsWith("infer") ? "POST" : "GET";
      HttpResponse<String> r = send(method, path, request("FP32", "[1,16]", 16));
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(json(r).get("error").asText()).contains("'resnet' is not served here");
    }
    HttpResponse<String> r = send("GET", "/v2/nothing", null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("error").asText()).contains("/v2/nothing");
  }

  @Test
  void inferWantsPostAndMetadataGet() throws Exception {
    assertThat(send("GET", "/v2/models/meshbench-mlp/infer", null).statusCode()).isEqualTo(405);
    assertThat(send("POST", "/v2/models/meshbench-mlp", "{}").statusCode()).isEqualTo(405);
  }

  @Test
  void otherPathsStillReachTheEchoHandler() throws Exception {
    assertThat(send("GET", "/health", null).body()).isEqualTo("{\"status\":\"ok\"}");
    assertThat(send("GET", "/v2x?status=503", null).statusCode()).isEqualTo(503);
  }

  /** An off-loop inference must not let the requests pipelined behind it overtake it. */
  @Test
  void pipelinedResponsesKeepRequestOrderAcrossOffloadedInference() throws Exception {
    String big = request("FP32", "[5000,16]", 5000 * 16);
    String small = request("FP32", "[2,16]", 32);
    try (RawHttp raw = new RawHttp(server.httpPort())) {
      raw.send(
          post("/v2/models/meshbench-mlp/infer", big),
          RawHttp.get("/health"),
          post("/v2/models/meshbench-mlp/infer", small),
          RawHttp.get("/v2/health/ready"));

      assertThat(JSON.readTree(raw.read().bodyText()).at("/outputs/0/shape").toString())
          .isEqualTo("[5000,8]");
      assertThat(raw.read().bodyText()).isEqualTo("{\"status\":\"ok\"}");
      assertThat(JSON.readTree(raw.read().bodyText()).at("/outputs/0/shape").toString())
          .isEqualTo("[2,8]");
      assertThat(raw.read().bodyText()).isEqualTo("{\"ready\":true}");
    }
  }

  private static String post(String path, String body) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
        + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }
}
