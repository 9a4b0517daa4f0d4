package io.meshbench.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.meshbench.platform.executor.JobExecutor;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobSpec;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** 500s, shutdown, and the bearer token's rules, against a real server. */
class ServerErrorsApiTest {
  private static final String TOKEN = "0123456789abcdef-token";
  private static final String SECRET =
      "jdbc:postgresql://db.internal:5432/meshbench?password=hunter2 at /var/lib/meshbench/x";

  @TempDir Path dir;

  /** An executor whose check fails the way a broken dependency does, with internals in it. */
  private static final class BrokenExecutor implements JobExecutor {
    @Override
    public String name() {
      return "local";
    }

    @Override
    public void check(JobSpec spec) {
      throw new IllegalStateException("cannot reach " + SECRET);
    }

    @Override
    public Execution prepare(JobDocument running) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void a500CarriesAGenericMessageAndAnErrorIdThatIsInTheLog() throws Exception {
    Logger log = (Logger) LoggerFactory.getLogger(ApiServer.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    log.addAppender(appender);
    try (ApiFixture api = new ApiFixture(dir, new BrokenExecutor(), null, 10)) {
      HttpResponse<String> r = api.post("/benchmarks/start", "{\"duration\":1}");
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).doesNotContain("jdbc").doesNotContain("hunter2").doesNotContain("/var");
      JsonNode error = ApiFixture.json(r);
      String id = error.get("error_id").asText();
      assertThat(id).matches("[0-9a-f]{12}");
      assertThat(error.get("error").asText()).isEqualTo("internal");
      assertThat(error.get("detail").asText()).contains(id);
      assertThat(appender.list)
          .anySatisfy(
              e -> {
                assertThat(e.getFormattedMessage()).contains(id);
                assertThat(e.getThrowableProxy().getMessage()).contains("hunter2");
              });
    } finally {
      log.detachAppender(appender);
    }
  }

  @Test
  void aStoreThatCannotSaveIs503StoreUnavailableAndNothingIsQueued() throws Exception {
    try (ApiFixture api = new ApiFixture(dir, new BlockingExecutor(), null, 10)) {
      // The jobs folder replaced by a file: every save fails, as on a full or read-only disk.
      Path jobsDir = dir.resolve("jobs");
      try (java.util.stream.Stream<Path> inside = java.nio.file.Files.walk(jobsDir)) {
        for (Path p : inside.sorted(java.util.Comparator.reverseOrder()).toList()) {
          java.nio.file.Files.delete(p);
        }
      }
      java.nio.file.Files.writeString(jobsDir, "not a folder");
      HttpResponse<String> r = api.post("/benchmarks/start", "{\"duration\":1}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
      JsonNode error = ApiFixture.json(r);
      assertThat(error.get("error").asText()).isEqualTo("store_unavailable");
      assertThat(error.get("error_id").asText()).matches("[0-9a-f]{12}");
      assertThat(r.body()).doesNotContain(dir.toString());
      assertThat(api.jobs.count(io.meshbench.platform.job.JobStatus.PENDING)).isZero();
    }
  }

  /** What Jetty refuses before any route is still answered in the API's JSON shape. */
  @Test
  void errorsBeforeAnyRouteAreJsonToo() throws Exception {
    try (ApiFixture api = new ApiFixture(dir, new BlockingExecutor(), null, 10)) {
      java.net.URI base = java.net.URI.create(api.base);
      String badEscape = raw(base, "GET /benchmarks/jobs/%ZZ HTTP/1.1", "");
      String hugeHeader =
          raw(base, "GET /health HTTP/1.1", "X-Big: " + "a".repeat(20_000) + "\r\n");
      assertThat(badEscape).startsWith("HTTP/1.1 400").contains("application/json");
      assertThat(badEscape.substring(badEscape.indexOf("\r\n\r\n")))
          .contains("\"error\":\"http_400\"");
      assertThat(hugeHeader).startsWith("HTTP/1.1 431").contains("\"error\":\"http_431\"");
    }
  }

  /** One request written on a socket as given (what an HTTP client would refuse to send). */
  private static String raw(java.net.URI base, String requestLine, String headers)
      throws java.io.IOException {
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      String request =
          requestLine
              + "\r\nHost: "
              + base.getHost()
              + ":"
              + base.getPort()
              + "\r\n"
              + headers
              + "Connection: close\r\n\r\n";
      socket
          .getOutputStream()
          .write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      return new String(
          socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void submittingDuringShutdownIs503() throws Exception {
    try (ApiFixture api = new ApiFixture(dir, new BlockingExecutor(), null, 10)) {
      api.jobs.close();
      HttpResponse<String> r = api.post("/benchmarks/start", "{\"duration\":1}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
      assertThat(ApiFixture.json(r).get("error").asText()).isEqualTo("shutting_down");
    }
  }

  @Test
  void theBearerSchemeIsCaseInsensitive() throws Exception {
    BlockingExecutor executor = new BlockingExecutor();
    try (ApiFixture api = new ApiFixture(dir, executor, TOKEN, 10)) {
      for (String scheme : new String[] {"Bearer", "bearer", "BEARER"}) {
        HttpResponse<String> r =
            api.raw(
                "POST",
                "/benchmarks/start",
                "application/json",
                "{\"duration\":1}",
                "Authorization",
                scheme + " " + TOKEN);
        assertThat(r.statusCode()).as(scheme + ": " + r.body()).isEqualTo(202);
      }
      assertThat(api.send("POST", "/benchmarks/start", "{}", TOKEN.substring(1)).statusCode())
          .isEqualTo(401);
      executor.releaseAll();
    }
  }

  @Test
  void aTokenShorterThan16CharactersIsRefusedAtStart() {
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("MESHBENCH_API_TOKEN", "secret")))
        .hasMessageContaining("MESHBENCH_API_TOKEN must be at least 16 characters")
        .hasMessageContaining("openssl rand");
  }

  @Test
  void aBadAllowedTargetsEntryIsRefusedAtStart() {
    assertThatThrownBy(
            () -> ServerConfig.fromEnvironment(Map.of("MESHBENCH_ALLOWED_TARGETS", "10.0.0.0/33")))
        .hasMessageContaining("MESHBENCH_ALLOWED_TARGETS")
        .hasMessageContaining("10.0.0.0/33");
  }
}
