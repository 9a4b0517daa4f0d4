package io.meshbench.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The target's /ws seen by an independent client: the JDK's java.net.http.WebSocket. */
class TargetWebSocketTest {
  private static TargetServer server;

  @BeforeAll
  static void start() {
    server = TargetServer.start(TargetConfig.defaults());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Collects what the server sends, message by message. */
  private static final class Collector implements WebSocket.Listener {
    final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      received.add(data.toString());
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      received.add(bytes);
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }
  }

  private static WebSocket open(String query, Collector collector) {
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .buildAsync(URI.create(server.webSocketUrl() + query), collector)
        .join();
  }

  @Test
  void echoesTextAndBinaryMessages() throws Exception {
    Collector c = new Collector();
    WebSocket ws = open("", c);
    ws.sendText("hello", true).join();
    assertThat(c.received.poll(5, TimeUnit.SECONDS)).isEqualTo("hello");
    ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
    assertThat((byte[]) c.received.poll(5, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    assertThat(c.closed.get(5, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
  }

  @Test
  void delayHoldsEachEcho() throws Exception {
    Collector c = new Collector();
    WebSocket ws = open("?delay=200ms", c);
    long start = System.nanoTime();
    ws.sendText("slow", true).join();
    assertThat(c.received.poll(5, TimeUnit.SECONDS)).isEqualTo("slow");
    assertThat(System.nanoTime() - start)
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    ws.abort();
  }

  @Test
  void closeEndsTheConnectionAfterTheFirstEcho() throws Exception {
    Collector c = new Collector();
    WebSocket ws = open("?close=1", c);
    ws.sendText("bye", true).join();
    assertThat(c.received.poll(5, TimeUnit.SECONDS)).isEqualTo("bye");
    assertThat(c.closed.get(5, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
    ws.abort();
  }
}
