package io.meshbench.engine.protocol.grpc;

import com.google.protobuf.Descriptors;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.meshbench.engine.protocol.ClientBootstrap;
import io.meshbench.engine.protocol.ConnectionListener;
import io.meshbench.engine.protocol.ProtocolClient;
import io.meshbench.engine.protocol.Transport;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.SpecException;
import io.meshbench.engine.spec.TargetAddress;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * gRPC (grpc-java on our Netty): one {@link ManagedChannel} per engine connection, bound to that
 * connection's event loop, carrying up to {@code spec.streams()} calls (or bidi streams) at once.
 *
 * <p>Without {@code options.grpc_method} it drives the built-in echo service ({@code
 * meshbench.echo.v1.Echo}) in {@code options.grpc_mode}. With it, the method is resolved before the
 * run through server reflection, or from {@code options.grpc_protoset}, and called with {@code
 * options.grpc_data} (protobuf JSON) as the request. Metadata comes from {@code spec.headers()}
 * (names ending in "-bin" take base64 values); each unary or server-streaming call has the deadline
 * {@code spec.timeoutMs()}.
 */
public final class GrpcClient implements ProtocolClient {
  /** Option: unary (default), server-stream or bidi; the built-in echo service only. */
  public static final String MODE_OPTION = "grpc_mode";

  /** Option: "pkg.Service/Method" of any server, resolved by reflection or a protoset. */
  public static final String METHOD_OPTION = "grpc_method";

  /** Option: the request as protobuf JSON, for {@link #METHOD_OPTION}; default {}. */
  public static final String DATA_OPTION = "grpc_data";

  /** Option: path of a FileDescriptorSet to resolve {@link #METHOD_OPTION} in, instead. */
  public static final String PROTOSET_OPTION = "grpc_protoset";

  /** Option: responses per call in server-stream mode; default 10. */
  public static final String STREAM_MESSAGES_OPTION = "grpc_stream_messages";

  static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  /**
   * The server-reflection lookup before the run (connect and every question) takes at most the
   * request timeout or this, whichever is longer: a per-call timeout of a few milliseconds is about
   * the load, not about a lookup of several round trips on a fresh connection.
   */
  static final long MIN_REFLECTION_BUDGET_MS = 10_000;

  private final ClientBootstrap dial;
  private final CallPlan plan;
  private final Metadata headers;
  private final int streams;
  private final long timeoutMs;

  public GrpcClient(LoadSpec spec, Transport transport) {
    TargetAddress address = spec.address();
    this.dial = ClientBootstrap.of(spec, transport);
    this.streams = spec.streams();
    this.timeoutMs = spec.timeoutMs();
    this.headers = metadata(spec.headers());
    Map<String, String> options = spec.options();
    String method = options.get(METHOD_OPTION);
    if (method == null) {
      if (options.containsKey(DATA_OPTION) || options.containsKey(PROTOSET_OPTION)) {
        throw new SpecException(
            "options." + METHOD_OPTION, "is required with grpc_data and grpc_protoset");
      }
      GrpcMode mode = GrpcMode.fromWire(options.getOrDefault(MODE_OPTION, "unary"));
      int messages = spec.intOption(STREAM_MESSAGES_OPTION, 10, 1, 1_000_000);
      this.plan = CallPlan.echo(mode, spec.payloadBytes(), messages);
    } else {
      String protoset = options.get(PROTOSET_OPTION);
      var descriptor =
          protoset != null
              ? MethodResolver.fromProtoset(Path.of(protoset), method)
              : viaReflection(method, address.authority());
      this.plan = CallPlan.dynamic(descriptor, options.get(DATA_OPTION));
    }
  }

  @Override
  public int maxInFlight() {
    return streams;
  }

  @Override
  public void connect(EventLoop loop, ConnectionListener listener) {
    ManagedChannel channel = channel(loop).build();
    new GrpcConnection(loop, listener, channel, plan, headers, streams, timeoutMs).start();
  }

  private NettyChannelBuilder channel(EventLoopGroup group) {
    return NettyChannelBuilder.forAddress(dial.remote())
        .eventLoopGroup(group)
        .channelType(dial.transport().socketChannel(), InetSocketAddress.class)
        .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, dial.connectTimeoutMs())
        .withOption(ChannelOption.TCP_NODELAY, true)
        .usePlaintext()
        // Callbacks run on the transport's thread, the connection's loop, as the engine needs.
        .directExecutor()
        // A retried call would hide the error we are here to count.
        .disableRetry()
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .userAgent("meshbench");
  }

  private Descriptors.MethodDescriptor viaReflection(String method, String where) {
    long budgetMs = Math.max(timeoutMs, MIN_REFLECTION_BUDGET_MS);
    EventLoopGroup group = dial.transport().newGroup(1, "meshbench-grpc-reflection");
    ManagedChannel channel =
        channel(group)
            .withOption(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(budgetMs, ClientBootstrap.MAX_CONNECT_TIMEOUT_MS))
            .build();
    try {
      // The run's metadata goes along: a server may want it (auth) for reflection too.
      return MethodResolver.viaReflection(
          ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
          method,
          where,
          budgetMs);
    } finally {
      channel.shutdownNow();
      try {
        channel.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  static Metadata metadata(Map<String, String> headers) {
    Metadata m = new Metadata();
    for (var h : headers.entrySet()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        byte[] value;
        try {
          value = Base64.getDecoder().decode(h.getValue().trim());
        } catch (IllegalArgumentException e) {
          throw new SpecException("headers", "value of '" + name + "' must be base64 (a -bin key)");
        }
        m.put(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER), value);
      } else {
        m.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), h.getValue());
      }
    }
    return m;
  }
}
