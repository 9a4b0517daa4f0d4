package io.meshbench.engine.protocol.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshbench.engine.protocol.http.ErrorResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Asks an inference server, before a run, whether it is ready, serves the model and answers the
 * run's own request with an inference, with the JDK's HTTP client on the calling thread (never an
 * event loop). A server that says no stops the run with its own words: Open Inference Protocol
 * errors are {@code {"error": "..."}}.
 */
final class ServerCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How much of an unexpected answer a message quotes. */
  private static final int START_CHARS = 200;

  /** What the model's metadata says about its (first) input; fields are null when not said. */
  record ModelInput(String name, String datatype, long[] rowShape) {}

  private final InferenceOptions options;
  private final Map<String, String> headers;
  private final Duration timeout;
  private final HttpClient http;

  ServerCheck(InferenceOptions options, Map<String, String> headers, long timeoutMs) {
    this.options = options;
    this.headers = headers;
    this.timeout = Duration.ofMillis(Math.min(timeoutMs, 10_000));
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Checks {@code GET v2/health/ready} and {@code GET v2/models/{model}}, and returns what the
   * metadata says about the input.
   *
   * @throws UncheckedIOException with one line for a user when the server is unreachable, not
   *     ready, or does not serve the model
   */
  ModelInput check() {
    HttpResponse<String> ready = get(options.readyUrl());
    if (ready.statusCode() != 200) {
      throw failure(
          "inference server at "
              + options.baseUrl()
              + " is not ready: GET v2/health/ready answered "
              + describe(ready));
    }
    HttpResponse<String> metadata = get(options.metadataUrl());
    if (metadata.statusCode() != 200) {
      throw failure(
          "model '"
              + options.model()
              + "' is not available at "
              + options.baseUrl()
              + ": "
              + describe(metadata));
    }
    return input(metadata.body());
  }

  /**
   * Sends {@code body}, the request the run will send, once to {@code v2/models/{model}/infer}: the
   * answer must be a 2xx whose body is a JSON object with an {@code outputs} array, or the run
   * would count answers that carry no inference as successes.
   *
   * @throws UncheckedIOException naming the model and what came back (its start) otherwise
   */
  void checkInference(String body, Map<String, String> requestHeaders) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(options.inferUrl()))
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    HttpResponse<String> answer = send(request, requestHeaders, options.inferUrl());
    int status = answer.statusCode();
    boolean ok = status >= 200 && status < 300;
    if (ok && hasOutputs(answer.body())) {
      return;
    }
    String got = ok ? start(answer.body()) : errorText(answer.body());
    throw failure(
        "model '"
            + options.model()
            + "' at "
            + options.baseUrl()
            + " did not answer a test inference with v2 outputs: HTTP "
            + status
            + (got.isEmpty() ? " with an empty body" : ": " + got));
  }

  /** Whether {@code body} is a JSON object with an {@code outputs} array. */
  static boolean hasOutputs(String body) {
    try {
      JsonNode doc = JSON.readTree(body);
      return doc != null && doc.isObject() && doc.path("outputs").isArray();
    } catch (IOException notJson) {
      return false;
    }
  }

  /** The start of a body on one line, for a message. */
  private static String start(String body) {
    String text = ErrorResponse.oneLine(body);
    return text.length() <= START_CHARS ? text : text.substring(0, START_CHARS) + "…";
  }

  /** The first input of a metadata document, as far as it says; all null if it is not JSON. */
  static ModelInput input(String metadata) {
    JsonNode input;
    try {
      input = JSON.readTree(metadata).path("inputs").path(0);
    } catch (IOException e) {
      return new ModelInput(null, null, null);
    }
    String name = input.path("name").isTextual() ? input.path("name").asText() : null;
    String datatype = input.path("datatype").isTextual() ? input.path("datatype").asText() : null;
    long[] rowShape = null;
    JsonNode shape = input.path("shape");
    if (shape.isArray() && shape.size() >= 2) { // [batch, d1, ...]; the batch dimension is ours
      rowShape = new long[shape.size() - 1];
      for (int i = 1; i < shape.size(); i++) {
        rowShape[i - 1] = shape.get(i).asLong(-1);
      }
    }
    return new ModelInput(name, datatype, rowShape);
  }

  /** The server's message in an error body: its {@code "error"} field, or the text itself. */
  static String errorText(String body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      if (error.isTextual()) {
        return ErrorResponse.oneLine(error.asText());
      }
    } catch (IOException | RuntimeException notJson) {
      // fall through to the raw text
    }
    String text = ErrorResponse.oneLine(body);
    return text.length() <= ErrorResponse.MAX_BODY_BYTES
        ? text
        : text.substring(0, ErrorResponse.MAX_BODY_BYTES) + "…";
  }

  private static String describe(HttpResponse<String> response) {
    String text = errorText(response.body());
    return "HTTP " + response.statusCode() + (text.isEmpty() ? "" : ": " + text);
  }

  private HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET(), headers, url);
  }

  private HttpResponse<String> send(
      HttpRequest.Builder request, Map<String, String> headers, String url) {
    headers.forEach(
        (name, value) -> {
          try {
            request.header(name, value);
          } catch (IllegalArgumentException restricted) {
            // Host and the like: the JDK client sets them itself; the run still sends them
          }
        });
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      Throwable t = e;
      while (t.getMessage() == null && t.getCause() != null) {
        t = t.getCause(); // the JDK client's ConnectException has its reason in the cause
      }
      String why = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
      throw failure("inference server at " + options.baseUrl() + " is not reachable: " + why);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("interrupted while checking " + url);
    }
  }

  private static UncheckedIOException failure(String message) {
    return new UncheckedIOException(new IOException(message));
  }
}
