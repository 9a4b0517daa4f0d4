package io.meshbench.engine.protocol;

import io.meshbench.engine.protocol.grpc.GrpcClient;
import io.meshbench.engine.protocol.http.Http1Client;
import io.meshbench.engine.protocol.http2.Http2Client;
import io.meshbench.engine.protocol.ml.InferenceClient;
import io.meshbench.engine.protocol.websocket.WebSocketClient;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.spec.SpecException;
import java.util.EnumSet;
import java.util.Set;

/** Picks the client implementation for a spec's protocol. */
public final class ProtocolClients {
  private ProtocolClients() {}

  /** The protocols this build can drive. */
  public static Set<Protocol> supported() {
    return EnumSet.of(
        Protocol.HTTP, Protocol.HTTP2, Protocol.GRPC, Protocol.WEBSOCKET, Protocol.ML);
  }

  public static ProtocolClient create(LoadSpec spec, Transport transport) {
    return switch (spec.protocol()) {
      case HTTP -> new Http1Client(spec, transport);
      case ML -> new InferenceClient(spec, transport);
      case GRPC -> new GrpcClient(spec, transport);
      case HTTP2 -> new Http2Client(spec, transport);
      case WEBSOCKET -> new WebSocketClient(spec, transport);
      default ->
          throw new SpecException(
              "protocol",
              spec.protocol() + " is not available in this build (available: " + supported() + ")");
    };
  }
}
