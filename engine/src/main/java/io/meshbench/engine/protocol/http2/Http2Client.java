package io.meshbench.engine.protocol.http2;

import io.meshbench.engine.protocol.ByteCounter;
import io.meshbench.engine.protocol.ClientBootstrap;
import io.meshbench.engine.protocol.ConnectionListener;
import io.meshbench.engine.protocol.ProtocolClient;
import io.meshbench.engine.protocol.Transport;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.TargetAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * HTTP/2 over cleartext with prior knowledge (h2c, no upgrade): each connection carries up to
 * {@code streams} concurrent requests, one per engine slot, and never more than the server's
 * SETTINGS_MAX_CONCURRENT_STREAMS. The request headers and body are built once per run and handed
 * to Netty's HTTP/2 encoder for every stream; HPACK then sends them as table references.
 */
public final class Http2Client implements ProtocolClient {
  /** Receive window per stream and for the connection: large, so the target is never throttled. */
  static final int WINDOW_BYTES = 1 << 20;

  private final ClientBootstrap dial;
  private final Http2Headers headers;
  private final ByteBuf body; // never released: shared read-only by every connection
  private final int streams;

  public Http2Client(LoadSpec spec, Transport transport) {
    TargetAddress address = spec.address();
    this.dial = ClientBootstrap.of(spec, transport);
    byte[] bodyBytes = Http2RequestHeaders.body(spec);
    this.headers = Http2RequestHeaders.build(spec, address, bodyBytes.length);
    this.body = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bodyBytes));
    this.streams = spec.streams();
  }

  @Override
  public int maxInFlight() {
    return streams;
  }

  @Override
  public void connect(EventLoop loop, ConnectionListener listener) {
    dial.connect(
        loop,
        new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            Http2Connection connection = new DefaultHttp2Connection(false);
            Http2ClientConnection stream =
                new Http2ClientConnection(
                    listener, connection, headers, body, streams, dial.connectTimeoutMs());
            Http2ConnectionHandler codec =
                new Http2ConnectionHandlerBuilder()
                    .connection(connection)
                    .frameListener(stream)
                    .initialSettings(
                        Http2Settings.defaultSettings()
                            .pushEnabled(false)
                            .initialWindowSize(WINDOW_BYTES))
                    .gracefulShutdownTimeoutMillis(0)
                    // Netty's guards against reset floods (200 RST_STREAM per 30 s received, or
                    // sent, then GOAWAY ENHANCE_YOUR_CALM) protect servers, and this builder
                    // counts as one unless told. Here they would close the connection to a server
                    // that refuses or resets streams under load, or after our 200th timeout.
                    .decoderEnforceMaxRstFramesPerWindow(0, 0)
                    .encoderEnforceMaxRstFramesPerWindow(0, 0)
                    .build();
            stream.codec(codec);
            // Sends made while reading responses (a freed stream is refilled at once) go
            // out in one write at the end of the read, not one system call each.
            ch.pipeline().addLast("flush", new FlushConsolidationHandler(256, false));
            ch.pipeline().addLast("bytes", new ByteCounter());
            ch.pipeline().addLast("h2", codec);
            ch.pipeline().addLast("h2-client", stream);
          }
        },
        listener);
  }
}
