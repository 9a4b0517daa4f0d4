package io.meshbench.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meshbench.engine.protocol.websocket.WebSocketClient;
import io.meshbench.engine.run.LoadRun;
import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.target.TargetConfig;
import io.meshbench.target.TargetServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** WebSocket echo load against the built-in target's /ws. */
class WebSocketAgainstTargetTest {
  private static TargetServer target;

  @BeforeAll
  static void start() {
    target = TargetServer.start(TargetConfig.defaults());
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  private static RunResult run(LoadSpec spec) throws InterruptedException {
    return new LoadRun(spec).run(RunListener.NONE);
  }

  private static LoadSpec.Builder spec(String query, String mode) {
    return LoadSpec.builder(Protocol.WEBSOCKET, target.webSocketUrl() + query)
        .options(Map.of(WebSocketClient.MODE_OPTION, mode));
  }

  @ParameterizedTest
  @ValueSource(strings = {"binary", "text"})
  void openModelHoldsTheRateWithoutErrorsAndExcludesWarmUp(String mode) throws Exception {
    long before = target.requests();
    RunResult result =
        run(
            spec("", mode)
                .rateRps(500)
                .connections(4)
                .payloadBytes(64)
                .warmupMs(300)
                .durationMs(2000)
                .build());

    assertThat(result.scheduled()).isBetween(998L, 1002L);
    // One message in flight per connection: a stall at the very end may leave a few unsent.
    assertThat(result.sent()).isBetween(result.scheduled() - 10, result.scheduled());
    assertThat(result.errors()).isZero();
    assertThat(result.throughputRps()).isCloseTo(500, within(500 * 0.03));
    assertThat(result.rateSustained()).isTrue();
    assertThat(result.bytesSent()).isEqualTo(64 * result.sent());
    assertThat(result.bytesReceived()).isEqualTo(64 * result.requests());
    long warmup = target.requests() - before - result.requests();
    assertThat(warmup).isBetween(145L, 155L); // messages the target echoed, unrecorded
    assertThat(result.connects()).isEqualTo(4);
    assertThat(result.hasConnectTimes()).isTrue();
    assertThat(result.connectTimeMs().min()).isPositive();
    assertThat(result.connectTimeMs().max()).isGreaterThanOrEqualTo(result.connectTimeMs().p50());
  }

  @Test
  void closedModelWithSeveralMessagesInFlightPerConnection() throws Exception {
    RunResult result =
        run(spec("", "binary").connections(2).streams(4).warmupMs(100).durationMs(1000).build());

    assertThat(result.errors()).isZero();
    assertThat(result.requests()).isGreaterThan(1000);
    assertThat(result.connects()).isEqualTo(2);
  }

  @Test
  void slowEchoesTimeOutWithoutDroppingTheConnection() throws Exception {
    RunResult result =
        run(
            spec("?delay=2s", "binary")
                .rateRps(20)
                .connections(1)
                .streams(4)
                .timeoutMs(100)
                .warmupMs(0)
                .durationMs(1000)
                .build());

    assertThat(result.requests()).isBetween(19L, 21L);
    assertThat(result.errorKinds()).containsExactly(Map.entry("timeout", result.requests()));
    assertThat(result.connects()).isEqualTo(1);
  }

  @Test
  void aTargetThatClosesAfterEachEchoIsReconnected() throws Exception {
    // 20 ms apart, so each close normally lands between two messages and the engine reconnects
    // in time; a message held back by a slow reconnect goes out right after the next echo, just
    // before that connection's close, and is then a reset: rare, but not impossible.
    RunResult result =
        run(
            spec("?close=1", "binary")
                .rateRps(50)
                .connections(1)
                .warmupMs(200)
                .durationMs(1000)
                .build());

    assertThat(result.requests()).isBetween(49L, 51L);
    assertThat(result.successes()).isGreaterThanOrEqualTo(45);
    if (result.errors() > 0) {
      assertThat(result.errorKinds()).containsOnlyKeys("reset");
    }
    assertThat(result.connects()).isGreaterThanOrEqualTo(result.successes());
  }

  @Test
  void aCloseWhileAMessageIsInFlightIsAReset() throws Exception {
    // Closed model: the next message leaves as the echo arrives, just before the close.
    RunResult result =
        run(spec("?close=1", "binary").connections(1).warmupMs(0).durationMs(500).build());

    assertThat(result.successes()).isGreaterThan(10);
    assertThat(result.errorKinds()).containsOnlyKeys("reset");
    assertThat(result.connects()).isGreaterThanOrEqualTo(result.successes());
  }

  @Test
  void aPathWithoutWebSocketFailsTheHandshakeAsAProtocolError() throws Exception {
    // The target answers /nope with a plain HTTP 200: no upgrade, so no connection. The socket
    // connected; the answer to the upgrade was wrong: a protocol error, with the reason.
    String url = target.webSocketUrl().replace("/ws", "/nope");
    RunResult result =
        run(
            LoadSpec.builder(Protocol.WEBSOCKET, url)
                .rateRps(10)
                .connections(1)
                .warmupMs(0)
                .durationMs(300)
                .build());

    assertThat(result.successes()).isZero();
    assertThat(result.errorKinds()).containsOnlyKeys("protocol");
    assertThat(result.firstError()).contains("WebSocket handshake failed");
    assertThat(result.connects()).isZero();
  }
}
