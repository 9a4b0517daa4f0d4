package io.meshbench.engine.run;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JDK's own HTTP server on loopback: an HTTP implementation independent of ours, to check that
 * the engine speaks HTTP/1.1 to someone else. Counts the requests it answers.
 */
final class JdkServer implements AutoCloseable {
  static {
    // The JDK server writes headers and body separately; with Nagle's algorithm on, the body
    // waits for the client's delayed ACK (~40 ms) on every response. Read once, at class init.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /** Answers one exchange; the server counts it first. */
  interface Handler {
    void handle(HttpExchange exchange) throws IOException, InterruptedException;
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicLong requests = new AtomicLong();

  private JdkServer(Handler handler, ExecutorService executor) throws IOException {
    this.executor = executor;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            handler.handle(exchange);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    server.setExecutor(executor);
    server.start();
  }

  /** Handlers run on the server's dispatcher thread: for quick answers. */
  static JdkServer start(Handler handler) throws IOException {
    return new JdkServer(handler, null);
  }

  /** Handlers run on a thread each: for answers that take their time. */
  static JdkServer startThreaded(Handler handler) throws IOException {
    return new JdkServer(handler, Executors.newCachedThreadPool());
  }

  /** Answers every request with {@code status} and an empty body. */
  static JdkServer status(int status) throws IOException {
    return start(exchange -> exchange.sendResponseHeaders(status, -1));
  }

  /** Answers 200 with a small body. */
  static JdkServer ok() throws IOException {
    byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
    return start(
        exchange -> {
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
        });
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** Requests received so far, answered or not. */
  long requests() {
    return requests.get();
  }

  @Override
  public void close() throws InterruptedException {
    server.stop(0);
    if (executor != null) {
      executor.shutdownNow();
      executor.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
