package io.meshbench.target;

/**
 * Where and how the built-in target listens. Immutable; validated on construction with messages
 * that name the field.
 *
 * @param host the address to bind, e.g. "127.0.0.1" or "0.0.0.0"
 * @param httpPort the HTTP port; 0 picks a free ephemeral port (see {@link TargetServer#httpPort})
 * @param threads event loops; 0 means one per available processor. The default is 1: the usual
 *     local use shares the machine with the load generator, and one loop serves tens of thousands
 *     of requests per second. A target in its own pod may pass 0.
 * @param transport the Netty I/O transport; it must load on this machine ({@link
 *     ServerTransport#choose} falls back for you)
 * @param grpcPort the gRPC port; -1 (the default) serves no gRPC, 0 picks a free ephemeral port
 *     (see {@link TargetServer#grpcPort})
 */
public record TargetConfig(
    String host, int httpPort, int threads, ServerTransport transport, int grpcPort) {
  /** gRPC off: the value of {@link #grpcPort} that starts no gRPC server. */
  public static final int GRPC_OFF = -1;

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int MAX_THREADS = 256;

  /** Without gRPC. */
  public TargetConfig(String host, int httpPort, int threads, ServerTransport transport) {
    this(host, httpPort, threads, transport, GRPC_OFF);
  }

  public TargetConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (httpPort < 0 || httpPort > 65_535) {
      throw new IllegalArgumentException(
          "httpPort must be between 0 (ephemeral) and 65535 (got " + httpPort + ")");
    }
    if (grpcPort < GRPC_OFF || grpcPort > 65_535) {
      throw new IllegalArgumentException(
          "grpcPort must be -1 (off), 0 (ephemeral) or up to 65535 (got " + grpcPort + ")");
    }
    if (threads < 0 || threads > MAX_THREADS) {
      throw new IllegalArgumentException(
          "threads must be between 0 (one per core) and " + MAX_THREADS + " (got " + threads + ")");
    }
    if (transport == null) {
      throw new IllegalArgumentException("transport must not be null");
    }
    if (!transport.available()) {
      throw new IllegalArgumentException(
          "transport "
              + transport
              + " does not load on this machine; use ServerTransport.choose()");
    }
  }

  /** Loopback, an ephemeral port, one event loop, the best transport. */
  public static TargetConfig defaults() {
    return new TargetConfig(DEFAULT_HOST, 0, 1, ServerTransport.best());
  }

  public TargetConfig withHost(String host) {
    return new TargetConfig(host, httpPort, threads, transport, grpcPort);
  }

  public TargetConfig withHttpPort(int httpPort) {
    return new TargetConfig(host, httpPort, threads, transport, grpcPort);
  }

  public TargetConfig withThreads(int threads) {
    return new TargetConfig(host, httpPort, threads, transport, grpcPort);
  }

  public TargetConfig withTransport(ServerTransport transport) {
    return new TargetConfig(host, httpPort, threads, transport, grpcPort);
  }

  public TargetConfig withGrpcPort(int grpcPort) {
    return new TargetConfig(host, httpPort, threads, transport, grpcPort);
  }

  /** The number of event loops to start: {@link #threads}, with 0 resolved to the core count. */
  int eventLoops() {
    return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
  }
}
