package io.meshbench.engine.protocol.websocket;

import io.meshbench.engine.protocol.ConnectionListener;
import io.meshbench.engine.protocol.ProtocolClient;
import io.meshbench.engine.protocol.Transport;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.SpecException;
import io.meshbench.engine.spec.TargetAddress;
import io.meshbench.engine.stats.ErrorKind;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * WebSocket echo load: long-lived connections, each with up to {@code streams} messages in flight
 * (default 1). Every message starts with a header naming its slot (see {@link MessageHeader}), so
 * an echo finds its slot whatever the order. Latency is the echo's round trip from the message's
 * intended send time; connect time covers TCP connect and the upgrade handshake.
 */
public final class WebSocketClient implements ProtocolClient {
  /** Option name: "text" or "binary" frames (CLI {@code --ws-mode}). */
  public static final String MODE_OPTION = "ws_mode";

  private final Transport transport;
  private final InetSocketAddress remote;
  private final URI uri;
  private final HttpHeaders customHeaders;
  private final boolean text;
  private final int payloadBytes;
  private final int messagesInFlight;
  private final int connectTimeoutMs;

  public WebSocketClient(LoadSpec spec, Transport transport) {
    TargetAddress address = spec.address();
    this.transport = transport;
    this.remote = new InetSocketAddress(address.host(), address.port());
    if (remote.isUnresolved()) {
      throw new UncheckedIOException(
          new UnknownHostException(
              "cannot resolve host '" + address.host() + "' of " + spec.target()));
    }
    this.uri = URI.create("ws://" + address.authority() + address.pathAndQuery());
    this.customHeaders = new DefaultHttpHeaders();
    spec.headers().forEach(customHeaders::add);
    this.text = textMode(spec);
    this.payloadBytes = Math.max(spec.payloadBytes(), MessageHeader.BYTES);
    this.messagesInFlight = spec.streams();
    this.connectTimeoutMs = (int) Math.min(spec.timeoutMs(), 30_000);
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

  @Override
  public void connect(EventLoop loop, ConnectionListener listener) {
    WebSocketClientProtocolConfig config =
        WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .version(WebSocketVersion.V13)
            .customHeaders(customHeaders)
            .maxFramePayloadLength(Math.max(65_536, payloadBytes))
            .handshakeTimeoutMillis(connectTimeoutMs)
            .handleCloseFrames(false) // ours: a close stops sends before the socket goes
            .dropPongFrames(true)
            .absoluteUpgradeUrl(false)
            .generateOriginHeader(false)
            .withUTF8Validator(false) // our own echoes: checking them costs and proves nothing
            .build();
    new Bootstrap()
        .group(loop)
        .channel(transport.socketChannel())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMs)
        .handler(
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
                            listener, text, payloadBytes, messagesInFlight));
              }
            })
        .connect(remote)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                listener.closed(ErrorKind.CONNECT);
              }
            });
  }
}
