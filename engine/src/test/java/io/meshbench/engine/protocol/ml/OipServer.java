package io.meshbench.engine.protocol.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An Open Inference Protocol v2 server written for the tests on the JDK's HTTP server, independent
 * of the built-in target: it serves one model, checks every infer request's tensor against its
 * shape and answers a {@code [batch, 2]} output (each row's mean and max), or whatever a test asks.
 */
final class OipServer implements AutoCloseable {
  static {
    // The JDK server writes headers and body separately; with Nagle's algorithm on, the body
    // waits for the client's delayed ACK (~40 ms) on every response. Read once, at class init.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A canned answer to every infer request after the first {@code properFirst}. */
  record Canned(int status, String body, int properFirst) {}

  private final HttpServer server;
  private final String model;
  private final int features;
  private final Canned inferAnswer;
  final AtomicLong inferRequests = new AtomicLong();
  final AtomicLong rowsSeen = new AtomicLong();
  final AtomicLong malformed = new AtomicLong();
  final AtomicLong metadataRequests = new AtomicLong();
  volatile long lastBatch;

  private OipServer(String model, int features, Canned inferAnswer) throws IOException {
    this.model = model;
    this.features = features;
    this.inferAnswer = inferAnswer;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves {@code model} with input shape [-1, features]. */
  static OipServer serving(String model, int features) throws IOException {
    return new OipServer(model, features, null);
  }

  /** Serves the model's metadata, but answers every inference with {@code status} and body. */
  static OipServer answeringInfer(String model, int features, int status, String body)
      throws IOException {
    return new OipServer(model, features, new Canned(status, body, 0));
  }

  /** Answers the first inference properly (the pre-run check), every later one canned. */
  static OipServer answeringInferAfterTheFirst(String model, int features, int status, String body)
      throws IOException {
    return new OipServer(model, features, new Canned(status, body, 1));
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      String modelPath = "/v2/models/" + model;
      if (path.equals("/v2/health/ready")) {
        send(exchange, 200, "");
      } else if (path.equals(modelPath)) {
        metadataRequests.incrementAndGet();
        send(
            exchange,
            200,
            "{\"name\":\""
                + model
                + "\",\"platform\":\"test\",\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\","
                + "\"shape\":[-1,"
                + features
                + "]}],\"outputs\":[{\"name\":\"stats\",\"datatype\":\"FP32\",\"shape\":[-1,2]}]}");
      } else if (path.equals(modelPath + "/infer") && exchange.getRequestMethod().equals("POST")) {
        long n = inferRequests.incrementAndGet();
        if (inferAnswer != null && n > inferAnswer.properFirst()) {
          send(exchange, inferAnswer.status(), inferAnswer.body());
        } else {
          infer(exchange, body);
        }
      } else if (path.startsWith("/v2/models/")) {
        send(
            exchange,
            404,
            "{\"error\":\"Request for unknown model: '" + path + "' is not found\"}");
      } else {
        send(exchange, 404, "{\"error\":\"no route " + path + "\"}");
      }
    }
  }

  private void infer(HttpExchange exchange, byte[] body) throws IOException {
    JsonNode input = JSON.readTree(body).at("/inputs/0");
    JsonNode shape = input.get("shape");
    JsonNode data = input.get("data");
    boolean ok =
        input.get("name").asText().equals("features")
            && input.get("datatype").asText().equals("FP32")
            && shape.size() == 2
            && shape.get(1).asInt() == features
            && data.size() == shape.get(0).asInt() * features;
    if (!ok) {
      malformed.incrementAndGet();
      send(exchange, 400, "{\"error\":\"tensor does not match its shape\"}");
      return;
    }
    int batch = shape.get(0).asInt();
    lastBatch = batch;
    rowsSeen.addAndGet(batch);
    StringBuilder out = new StringBuilder("{\"model_name\":\"" + model + "\",\"outputs\":[");
    out.append("{\"name\":\"stats\",\"datatype\":\"FP32\",\"shape\":[")
        .append(batch)
        .append(",2],");
    out.append("\"data\":[");
    for (int r = 0; r < batch; r++) {
      double sum = 0;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < features; i++) {
        double v = data.get(r * features + i).asDouble();
        sum += v;
        max = Math.max(max, v);
      }
      out.append(r == 0 ? "" : ",")
          .append((float) (sum / features))
          .append(',')
          .append((float) max);
    }
    send(exchange, 200, out.append("]}]}").toString());
  }

  private static void send(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
