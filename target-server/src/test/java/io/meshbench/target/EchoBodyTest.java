package io.meshbench.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The echo answers a request body with that body, as fortio's echo does, unless {@code size} asks
 * for another body: over HTTP/1.1 and h2c, on real loopback sockets.
 */
class EchoBodyTest {
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

  private static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static HttpResponse<byte[]> http1(
      String method, String pathAndQuery, byte[] body, String contentType) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.httpUrl() + pathAndQuery.substring(1)))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .timeout(Duration.ofSeconds(30));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void http1PostBodyIsEchoedWithItsContentType() throws Exception {
    byte[] body = randomBytes(5_000, 1);
    HttpResponse<byte[]> r = http1("POST", "/echo", body, "application/x-test");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(body);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/x-test");
    assertThat(r.headers().firstValue("content-length")).hasValue("5000");
  }

  @Test
  void http1PutBodyOfManyChunksIsEchoedWhole() throws Exception {
    byte[] body = randomBytes(300_000, 2); // the decoder hands it over in many pieces
    HttpResponse<byte[]> r = http1("PUT", "/?status=503", body, null);

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEqualTo(body);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/octet-stream");
  }

  @Test
  void http1SizeAsksForAnotherBody() throws Exception {
    byte[] body = randomBytes(1_000, 3);

    HttpResponse<byte[]> ten = http1("POST", "/?size=10", body, "text/plain");
    assertThat(ten.body()).hasSize(10).isEqualTo("abcdefghij".getBytes());
    assertThat(http1("PUT", "/?size=0", body, null).body()).isEmpty();
  }

  @Test
  void http1BodylessStatusesCarryNoEcho() throws Exception {
    HttpResponse<byte[]> r = http1("POST", "/?status=204", randomBytes(100, 4), null);

    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void http1ABodyTooLargeToEchoIs413NamingSize() throws Exception {
    byte[] body = new byte[EchoBody.MAX_BYTES + 1];
    HttpResponse<byte[]> r = http1("POST", "/", body, null);

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(new String(r.body())).contains("cannot be echoed").contains("size=N");
    // The same body is fine when the response is not its echo.
    assertThat(http1("POST", "/?size=1", body, null).body()).hasSize(1);
  }

  @Test
  void h2cPostBodyIsEchoedWithItsContentType() throws Exception {
    try (H2cClient h2 = new H2cClient(server.httpPort())) {
      byte[] small = randomBytes(3_000, 5);
      H2cClient.Response r = h2.send("POST", "/echo", small, "application/x-test");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(small);
      assertThat(r.contentType()).isEqualTo("application/x-test");

      byte[] large = randomBytes(200_000, 6); // beyond one flow-control window
      H2cClient.Response big = h2.send("PUT", "/?delay=10ms", large, null);
      assertThat(big.status()).isEqualTo(200);
      assertThat(big.body()).isEqualTo(large);
      assertThat(big.contentType()).isEqualTo("application/octet-stream");
    }
  }

  @Test
  void h2cSizeAsksForAnotherBodyAndGetHasNone() throws Exception {
    try (H2cClient h2 = new H2cClient(server.httpPort())) {
      H2cClient.Response sized = h2.send("POST", "/?size=7", randomBytes(500, 7), null);
      assertThat(sized.body()).isEqualTo("abcdefg".getBytes());

      H2cClient.Response get = h2.send("GET", "/", null, null);
      assertThat(get.status()).isEqualTo(200);
      assertThat(get.body()).isEmpty();
    }
  }
}
