package io.meshbench.engine.protocol.grpc;

import io.meshbench.engine.spec.SpecException;

/** Which method of the built-in echo service to drive ({@code options.grpc_mode}). */
public enum GrpcMode {
  /** One call per request; the call is the unit of latency. */
  UNARY("unary"),
  /**
   * One call per request that streams {@code options.grpc_stream_messages} responses; the call,
   * from the request to its final status, is the unit of latency (per-message latency of a server
   * stream would measure the server's pacing, not the mesh).
   */
  SERVER_STREAM("server-stream"),
  /**
   * Long-lived bidirectional streams; each message is a request and its echo completes it, so
   * latency is per message.
   */
  BIDI("bidi");

  private final String wireName;

  GrpcMode(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static GrpcMode fromWire(String name) {
    for (GrpcMode m : values()) {
      if (m.wireName.equalsIgnoreCase(name.trim()) || m.name().equalsIgnoreCase(name.trim())) {
        return m;
      }
    }
    throw new SpecException(
        "options." + GrpcClient.MODE_OPTION,
        "must be unary, server-stream or bidi (got '" + name + "')");
  }
}
