package io.meshbench.engine.protocol.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.engine.run.LoadRun;
import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.RunResult;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The WebSocket client against Netty's own WebSocket server protocol handler. */
class WebSocketAgainstNettyServerTest {

  private static RunResult run(LoadSpec spec) throws InterruptedException {
    return new LoadRun(spec).run(RunListener.NONE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"binary", "text"})
  void echoesInAnyOrderFindTheirSlot(String mode) throws Exception {
    try (NettyWebSocketServer server = new NettyWebSocketServer(true, 0)) {
      // Closed model, two in flight: the server always answers the second before the first.
      RunResult result =
          run(
              LoadSpec.builder(Protocol.WEBSOCKET, server.url())
                  .connections(2)
                  .streams(2)
                  .payloadBytes(100)
                  .options(Map.of(WebSocketClient.MODE_OPTION, mode))
                  .warmupMs(100)
                  .durationMs(1000)
                  .build());

      assertThat(result.errors()).isZero();
      assertThat(result.requests()).isGreaterThan(500);
      assertThat(result.bytesReceived()).isEqualTo(100 * result.requests());
      assertThat(server.connections.get()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"binary", "text"})
  void echoesInFragmentsShorterThanTheHeaderFindTheirSlot(String mode) throws Exception {
    try (NettyWebSocketServer server = NettyWebSocketServer.fragmenting(3)) {
      RunResult result =
          run(
              LoadSpec.builder(Protocol.WEBSOCKET, server.url())
                  .connections(2)
                  .streams(2)
                  .payloadBytes(20)
                  .options(Map.of(WebSocketClient.MODE_OPTION, mode))
                  .warmupMs(0)
                  .durationMs(500)
                  .build());

      assertThat(result.errors()).as(result.errorKinds().toString()).isZero();
      assertThat(result.requests()).isGreaterThan(100);
      assertThat(result.bytesReceived()).isEqualTo(20 * result.requests());
    }
  }

  @Test
  void theSubprotocolHeaderIsOfferedInTheHandshake() throws Exception {
    try (NettyWebSocketServer server = NettyWebSocketServer.withSubprotocol("chat")) {
      RunResult result =
          run(
              LoadSpec.builder(Protocol.WEBSOCKET, server.url())
                  .rateRps(200)
                  .connections(2)
                  .headers(Map.of("sec-websocket-protocol", "chat"))
                  .warmupMs(0)
                  .durationMs(500)
                  .build());

      assertThat(result.errors()).as(result.errorKinds() + " " + result.firstError()).isZero();
      assertThat(result.requests()).isBetween(98L, 102L);
      assertThat(result.connects()).isEqualTo(2);
    }
  }

  @Test
  void aRefusedUpgradeIsAProtocolErrorThatSaysWhy() throws Exception {
    try (NettyWebSocketServer server = NettyWebSocketServer.refusingUpgrades()) {
      RunResult result =
          run(
              LoadSpec.builder(Protocol.WEBSOCKET, server.url())
                  .rateRps(100)
                  .connections(1)
                  .warmupMs(0)
                  .durationMs(500)
                  .build());

      assertThat(result.successes()).isZero();
      assertThat(result.errorKinds()).containsOnlyKeys("protocol");
      assertThat(result.firstError()).contains("403 Forbidden");
      // Redialled with back-off, as a refused connect is: a few attempts, not a storm.
      assertThat(result.errorKinds().get("protocol")).isBetween(1L, 20L);
    }
  }

  @Test
  void droppedConnectionsAreResetsAndReopened() throws Exception {
    try (NettyWebSocketServer server = new NettyWebSocketServer(false, 20)) {
      RunResult result =
          run(
              LoadSpec.builder(Protocol.WEBSOCKET, server.url())
                  .rateRps(400)
                  .connections(2)
                  .warmupMs(0)
                  .durationMs(1000)
                  .build());

      long drops = server.messages.get() / 20;
      assertThat(result.requests()).isBetween(398L, 402L);
      assertThat(result.errorKinds()).containsOnlyKeys("reset");
      assertThat(result.errorKinds().get("reset")).isBetween(drops - 2, drops + 2);
      assertThat(result.connects()).isGreaterThanOrEqualTo(drops);
      // A reconnect may still be under way when the run ends.
      assertThat(server.connections.get()).isBetween(result.connects(), result.connects() + 2);
      assertThat(result.hasConnectTimes()).isTrue();
    }
  }
}
