package io.meshbench.engine.protocol.websocket;

import io.meshbench.engine.protocol.ClientBootstrap;
import io.meshbench.engine.protocol.ConnectionListener;
import io.meshbench.engine.protocol.ProtocolClient;
import io.meshbench.engine.protocol.Transport;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.SpecException;
import io.meshbench.engine.spec.TargetAddress;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * WebSocket echo load: long-lived connections, each with up to {@code streams} messages in flight
 * (default 1). Every message starts with a header naming its slot (see {@link MessageHeader}), so
 * an echo finds its slot whatever the order. Latency is the echo's round trip from the message's
 * intended send time; connect time covers TCP connect and the upgrade handshake. A {@code
 * Sec-WebSocket-Protocol} header in the spec is offered as the handshake's subprotocol(s), and the
 * server's choice must be one of them. An upgrade the server answers wrongly (a status other than
 * 101, a subprotocol not offered) is a {@code protocol} error whose reason is the run's first
 * error.
 */
public final class WebSocketClient implements ProtocolClient {
  /** Option name: "text" or "binary" frames (CLI {@code --ws-mode}). */
  public static final String MODE_OPTION = "ws_mode";

  private final ClientBootstrap dial;
  private final URI uri;
  private final HttpHeaders customHeaders;
  private final String subprotocols; // offered in the handshake, or null
  private final AtomicReference<String> firstError = new AtomicReference<>();
  private final boolean text;
  private final int payloadBytes;
  private final int messagesInFlight;

  public WebSocketClient(LoadSpec spec, Transport transport) {
    TargetAddress address = spec.address();
    this.dial = ClientBootstrap.of(spec, transport);
    this.uri = URI.create("ws://" + address.authority() + address.pathAndQuery());
    this.customHeaders = new DefaultHttpHeaders();
    String offered = null;
    for (var h : spec.headers().entrySet()) {
      if (h.getKey().equalsIgnoreCase(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL.toString())) {
        offered = h.getValue(); // the handshaker sends it and checks the server's choice
      } else {
        customHeaders.add(h.getKey(), h.getValue());
      }
    }
    this.subprotocols = offered;
    this.text = textMode(spec);
    this.payloadBytes = Math.max(spec.payloadBytes(), MessageHeader.BYTES);
    this.messagesInFlight = spec.streams();
  }

  /** Whether the spec asks for text frames; binary is the default. */
  public static boolean textMode(LoadSpec spec) {
    String mode = spec.options().getOrDefault(MODE_OPTION, "binary").trim();
    return switch (mode.toLowerCase(Locale.ROOT)) {
      case "text" -> true;
      case "binary" -> false;
      default ->
          throw new SpecException(
              "options." + MODE_OPTION, "must be text or binary (got '" + mode + "')");
    };
  }

  @Override
  public int maxInFlight() {
    return messagesInFlight;
  }

  /** Why the first refused upgrade handshake failed (a status, a subprotocol), or null. */
  @Override
  public String firstError() {
    return firstError.get();
  }

  @Override
  public void connect(EventLoop loop, ConnectionListener listener) {
    WebSocketClientProtocolConfig config =
        WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .version(WebSocketVersion.V13)
            .customHeaders(customHeaders)
            .subprotocol(subprotocols)
            .maxFramePayloadLength(Math.max(65_536, payloadBytes))
            .handshakeTimeoutMillis(dial.connectTimeoutMs())
            .handleCloseFrames(false) // ours: a close stops sends before the socket goes
            .dropPongFrames(true)
            .absoluteUpgradeUrl(false)
            .generateOriginHeader(false)
            .withUTF8Validator(false) // our own echoes: checking them costs and proves nothing
            .build();
    dial.connect(
        loop,
        new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast("http", new HttpClientCodec());
            ch.pipeline().addLast("http-aggregator", new HttpObjectAggregator(8192));
            ch.pipeline().addLast("ws", new WebSocketClientProtocolHandler(config));
            ch.pipeline()
                .addLast(
                    "ws-client",
                    new WebSocketClientConnection(
                        listener, text, payloadBytes, messagesInFlight, firstError));
          }
        },
        listener);
  }
}
