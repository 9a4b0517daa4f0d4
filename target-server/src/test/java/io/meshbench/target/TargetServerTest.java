package io.meshbench.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The target over real loopback sockets on an ephemeral port. */
class TargetServerTest {
  private static TargetServer server;
  private static HttpClient client;

  @BeforeAll
  static void start() {
    server = TargetServer.start(TargetConfig.defaults());
    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.httpUrl() + pathAndQuery.substring(1)))
            .timeout(Duration.ofSeconds(10))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void listensOnTheEphemeralPortItReports() {
    assertThat(server.httpPort()).isPositive();
    assertThat(server.httpUrl()).isEqualTo("http://127.0.0.1:" + server.httpPort() + "/");
  }

  @Test
  void healthAndReadyAnswerOkJson() throws Exception {
    for (String path : new String[] {"/health", "/ready", "/health?status=503"}) {
      HttpResponse<byte[]> response = get(path);

      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
      assertThat(new String(response.body())).isEqualTo("{\"status\":\"ok\"}");
    }
  }

  @Test
  void plainRequestGetsAnEmpty200() throws Exception {
    HttpResponse<byte[]> response = get("/any/path");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-length")).hasValue("0");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void statusWithFullShareIsAlways503() throws Exception {
    for (int i = 0; i < 50; i++) {
      assertThat(get("/?status=503:100").statusCode()).isEqualTo(503);
    }
  }

  @Test
  void statusWithHalfShareGivesAbouthalf503s() throws Exception {
    int requests = 400;
    int unavailable = 0;
    for (int i = 0; i < requests; i++) {
      int status = get("/?status=503:50").statusCode();
      assertThat(status).isIn(200, 503);
      unavailable += status == 503 ? 1 : 0;
    }
    // Expected 200 with a standard deviation of 10: the bounds are six deviations away.
    assertThat(unavailable).isBetween(140, 260);
  }

  @Test
  void sizeGivesExactlyThatManyBytes() throws Exception {
    assertThat(get("/?size=1024").body()).hasSize(1024);
    assertThat(get("/?size=200000").body()).hasSize(200_000); // several filler chunks
    assertThat(get("/?size=0").body()).isEmpty();
  }

  @Test
  void delayHoldsTheResponseAtLeastThatLong() throws Exception {
    long startNs = System.nanoTime();
    HttpResponse<byte[]> response = get("/?delay=200ms");
    long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(elapsedMs).isGreaterThanOrEqualTo(200);
  }

  @Test
  void badKnobsGet400NamingTheParameter() throws Exception {
    String[][] cases = {
      {"/?delay=fast", "delay"},
      {"/?status=999", "status"},
      {"/?size=lots", "size"},
      {"/?close=maybe", "close"},
      {"/?delay=61s", "delay"}
    };
    for (String[] c : cases) {
      HttpResponse<byte[]> response = get(c[0]);

      assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(new String(response.body()))
          .as(c[0])
          .startsWith("bad parameter " + c[1] + "=")
          .endsWith("\n")
          .hasLineCount(1);
    }
  }

  @Test
  void requestBodiesAreConsumedAndCounted() throws Exception {
    try (TargetServer own = TargetServer.start(TargetConfig.defaults())) {
      HttpRequest post =
          HttpRequest.newBuilder(URI.create(own.httpUrl() + "upload"))
              .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5000]))
              .timeout(Duration.ofSeconds(10))
              .build();

      assertThat(client.send(post, HttpResponse.BodyHandlers.ofByteArray()).statusCode())
          .isEqualTo(200);
      assertThat(client.send(post, HttpResponse.BodyHandlers.ofByteArray()).statusCode())
          .isEqualTo(200);
      assertThat(own.requests()).isEqualTo(2);
      assertThat(own.requestBodyBytes()).isEqualTo(10_000);
    }
  }

  @Test
  void keepAliveAnswersTwoRequestsOnOneConnection() throws IOException {
    try (RawHttp http = new RawHttp(server.httpPort())) {
      http.send(RawHttp.get("/?size=3"));
      RawHttp.Response first = http.read();
      http.send(RawHttp.get("/?size=5"));
      RawHttp.Response second = http.read();

      assertThat(first.status()).isEqualTo(200);
      assertThat(first.body()).hasSize(3);
      assertThat(first.header("connection")).isNull();
      assertThat(second.status()).isEqualTo(200);
      assertThat(second.body()).hasSize(5);
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws IOException {
    try (RawHttp http = new RawHttp(server.httpPort())) {
      // The first response is held back by its delay; the second is ready at once but must wait.
      http.send(
          RawHttp.get("/?delay=100ms&size=1"),
          RawHttp.get("/?status=503&size=2"),
          RawHttp.get("/health"));

      RawHttp.Response first = http.read();
      RawHttp.Response second = http.read();
      RawHttp.Response third = http.read();

      assertThat(first.status()).isEqualTo(200);
      assertThat(first.body()).hasSize(1);
      assertThat(second.status()).isEqualTo(503);
      assertThat(second.body()).hasSize(2);
      assertThat(third.bodyText()).isEqualTo("{\"status\":\"ok\"}");
    }
  }

  @Test
  void headGetsTheHeadersWithoutTheBody() throws IOException {
    try (RawHttp http = new RawHttp(server.httpPort())) {
      http.send("HEAD /?size=100 HTTP/1.1\r\nHost: localhost\r\n\r\n", RawHttp.get("/?size=7"));

      RawHttp.Response head = http.read(true);
      RawHttp.Response next = http.read();

      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("content-length")).isEqualTo("100");
      assertThat(next.body()).hasSize(7); // would be filler from the HEAD if it had leaked
    }
  }

  @Test
  void closeKnobClosesTheConnectionAfterTheResponse() throws IOException {
    try (RawHttp http = new RawHttp(server.httpPort())) {
      http.send(RawHttp.get("/?close=1&size=4"), RawHttp.get("/?size=9"));

      RawHttp.Response response = http.read();

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("connection")).isEqualTo("close");
      assertThat(response.body()).hasSize(4);
      assertThat(http.closedByServer()).isTrue(); // the pipelined second request is not answered
    }
  }

  @Test
  void http10KeepsAliveOnlyWhenAsked() throws IOException {
    try (RawHttp http = new RawHttp(server.httpPort())) {
      http.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
      assertThat(http.read().header("connection")).isEqualTo("keep-alive");

      http.send("GET / HTTP/1.0\r\n\r\n");
      assertThat(http.read().header("connection")).isEqualTo("close");
      assertThat(http.closedByServer()).isTrue();
    }
  }

  @Test
  void malformedRequestGets400AndClose() throws IOException {
    try (RawHttp http = new RawHttp(server.httpPort())) {
      http.send("GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: lots\r\n\r\n");

      RawHttp.Response response = http.read();

      assertThat(response.status()).isEqualTo(400);
      assertThat(response.bodyText()).startsWith("malformed request");
      assertThat(http.closedByServer()).isTrue();
    }
  }

  @Test
  void closeReleasesThePort() {
    TargetServer own = TargetServer.start(TargetConfig.defaults());
    int port = own.httpPort();
    own.close();
    own.close(); // idempotent

    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void aTakenHttpPortIsNamedWithItsProtocol() {
    TargetConfig taken = TargetConfig.defaults().withHttpPort(server.httpPort());

    assertThatThrownBy(() -> TargetServer.start(taken))
        .isInstanceOfSatisfying(
            BindFailure.class,
            e -> {
              assertThat(e.listener()).isEqualTo(BindFailure.Listener.HTTP);
              assertThat(e.port()).isEqualTo(server.httpPort());
            })
        .hasMessage("HTTP: cannot bind 127.0.0.1:" + server.httpPort() + " (address in use)");
  }

  @Test
  void aTakenGrpcPortIsNamedWithItsProtocol() {
    TargetConfig taken = TargetConfig.defaults().withGrpcPort(server.httpPort());

    assertThatThrownBy(() -> TargetServer.start(taken))
        .isInstanceOfSatisfying(
            BindFailure.class, e -> assertThat(e.listener()).isEqualTo(BindFailure.Listener.GRPC))
        .hasMessage("gRPC: cannot bind 127.0.0.1:" + server.httpPort() + " (address in use)");
  }
}
