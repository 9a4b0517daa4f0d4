package io.meshbench.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every field of the start body, and the list filters, fail with a JSON error naming the field. */
class ValidationApiTest {
  @TempDir static Path dir;
  private static ApiFixture api;

  @BeforeAll
  static void start() {
    api = new ApiFixture(dir);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"test_type\":\"ftp\"}                          | 400 | test_type              | http, http2, grpc",
        "{\"mesh_type\":\"kuma\"}                         | 400 | mesh_type              | istio-ambient",
        "{\"namespace\":\"Bad_NS\"}                       | 400 | namespace              | DNS-1123",
        "{\"duration\":0}                                 | 400 | duration               | from 1 to 86400",
        "{\"duration\":86401}                             | 400 | duration               | from 1 to 86400",
        "{\"duration\":\"long\"}                          | 400 | duration               | must be a number",
        "{\"concurrent_connections\":0}                   | 400 | concurrent_connections | from 1 to 10000",
        "{\"concurrent_connections\":10001}               | 400 | concurrent_connections | from 1 to 10000",
        "{\"concurrent_connections\":1.5}                 | 400 | concurrent_connections | whole number",
        "{\"rate\":-1}                                    | 400 | rate                   | from 0",
        "{\"service_url\":\"ftp://x\"}                    | 400 | service_url            | http://, https://",
        "{\"service_url\":\"not a url\"}                  | 400 | service_url            | with a host",
        "{\"labels\":[1]}                                 | 400 | labels                 | object",
        "{\"labels\":{\"a\":\"x\\u0000y\"}}                  | 400 | labels                 | control character",
        "{\"colour\":\"blue\"}                            | 400 | colour                 | allowed fields",
        "{\"mesh_type\":\"istio\"}                        | 422 | mesh_type              | Kubernetes cluster",
        "{\"service_url\":\"ws://127.0.0.1:1/ws\"}         | 422 | service_url            | protocol websocket",
        "{\"workers\":4}                                  | 422 | workers                | Kubernetes executor",
        "{\"workers\":101}                                | 400 | workers                | from 1 to 100",
        "{\"payload_bytes\":16777217}                     | 422 | payload_bytes          | built-in target echoes",
        "{\"service_url\":\"https://127.0.0.1:1/\"}       | 422 | service_url            | TLS",
        "{\"service_url\":\"http://u:pw@127.0.0.1:1/\"}   | 400 | service_url            | credentials",
        "{\"duration\":3600,\"iterations\":100}         | 400 | iterations             | duration × iterations",
        "{\"service_url\":\"http://10.1.2.3/\"}           | 403 | service_url            | MESHBENCH_ALLOWED_TARGETS",
        "{\"service_url\":\"http://example.invalid/\"}    | 403 | service_url            | not an allowed target"
      })
  void badFieldsAreNamed(String body, int status, String field, String detail) throws Exception {
    HttpResponse<String> r = api.post("/benchmarks/start", body.trim());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode error = ApiFixture.json(r);
    assertThat(error.get("field").asText()).isEqualTo(field.trim());
    assertThat(error.get("detail").asText()).contains(detail.trim());
    assertThat(api.jobs.count(io.meshbench.platform.job.JobStatus.PENDING)).isZero();
  }

  @Test
  void malformedJsonIs400() throws Exception {
    HttpResponse<String> r = api.post("/benchmarks/start", "{\"duration\": ");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(ApiFixture.json(r).get("error").asText()).isEqualTo("invalid_json");
    assertThat(api.post("/benchmarks/start", "[1,2]").statusCode()).isEqualTo(400);
  }

  /** Strict: what a lenient parser would drop or overwrite without a word is refused. */
  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "{\"duration\":2}garbage",
        "{\"duration\":2} {\"duration\":3}",
        "{\"test_type\":\"http\",\"test_type\":\"grpc\"}",
        "{\"rate\":NaN}",
        ""
      })
  void bodiesThatAreNotExactlyOneJsonObjectAre400(String body) throws Exception {
    HttpResponse<String> r = api.post("/benchmarks/start", body);
    assertThat(r.statusCode()).as(body).isEqualTo(400);
    String detail = ApiFixture.json(r).get("detail").asText();
    // In JSON's terms, not the parser's configuration.
    assertThat(detail).doesNotContain("Feature", "`", "jackson");
    assertThat(api.jobs.count(io.meshbench.platform.job.JobStatus.PENDING)).isZero();
  }

  @Test
  void aBodyThatIsNotUtf8Is400NotAReplacementCharacter() throws Exception {
    byte[] prefix = "{\"labels\":{\"team\":\"caf".getBytes(StandardCharsets.US_ASCII);
    byte[] latin1 = {(byte) 0xE9}; // é in ISO-8859-1: a lone continuation-less lead byte
    byte[] suffix = "\"}}".getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[prefix.length + 1 + suffix.length];
    System.arraycopy(prefix, 0, body, 0, prefix.length);
    System.arraycopy(latin1, 0, body, prefix.length, 1);
    System.arraycopy(suffix, 0, body, prefix.length + 1, suffix.length);
    HttpResponse<String> r =
        api.http.send(
            HttpRequest.newBuilder(URI.create(api.base + "/benchmarks/start"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(ApiFixture.json(r).get("detail").asText())
        .contains("not valid UTF-8 (byte " + prefix.length + " of " + body.length + ")");
    assertThat(api.jobs.count(io.meshbench.platform.job.JobStatus.PENDING)).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"filter_mesh_type\":{}}",
        "{\"filter_test_type\":[]}",
        "{\"format\":[\"html\"]}",
        "{\"format\":\"html\"}x"
      })
  void reportRequestsOfTheWrongShapeAre400(String body) throws Exception {
    HttpResponse<String> r = api.post("/reports/generate", body);
    assertThat(r.statusCode()).as(body).isEqualTo(400);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/benchmarks/jobs?status_filter=done, status_filter",
    "/benchmarks/jobs?test_type_filter=ftp, test_type_filter",
    "/benchmarks/jobs?mesh_type=kuma, mesh_type",
    "/benchmarks/jobs?limit=0, limit",
    "/benchmarks/jobs?limit=1&limit=2, limit",
    "/benchmarks/jobs?created_since=yesterday, created_since",
    "/benchmarks/jobs?created_before=2026-12-01, created_before",
    "/benchmarks/jobs?created_since=2026-12-02T00:00:00Z&created_before=2026-12-01T00:00:00Z,"
        + " created_before",
    "/metrics/results?limit=x, limit"
  })
  void badFiltersAreNamed(String path, String field) throws Exception {
    HttpResponse<String> r = api.get(path);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(ApiFixture.json(r).get("field").asText()).isEqualTo(field);
  }
}
