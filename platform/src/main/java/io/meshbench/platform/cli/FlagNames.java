package io.meshbench.platform.cli;

import io.meshbench.engine.spec.SpecException;
import java.util.Map;

/** Speaks of a spec field by the flag a user typed. */
final class FlagNames {
  private static final Map<String, String> FLAGS =
      Map.ofEntries(
          Map.entry("protocol", "--protocol"),
          Map.entry("target", "--url"),
          Map.entry("rate_rps", "--rate"),
          Map.entry("connections", "--connections"),
          Map.entry("streams", "--streams"),
          Map.entry("duration_ms", "--duration"),
          Map.entry("warmup_ms", "--warmup"),
          Map.entry("timeout_ms", "--timeout"),
          Map.entry("payload_bytes", "--payload-bytes"),
          Map.entry("method", "--method"),
          Map.entry("headers", "--header"),
          Map.entry("arrival", "--arrival"),
          Map.entry("threads", "--threads"),
          Map.entry("options.pipeline", "--pipeline"),
          Map.entry("options.ws_mode", "--ws-mode"),
          Map.entry("options.transport", "--transport"),
          Map.entry("options.grpc_mode", "--grpc-mode"),
          Map.entry("options.grpc_method", "--grpc-method"),
          Map.entry("options.grpc_data", "--data"),
          Map.entry("options.grpc_protoset", "--protoset"));

  private FlagNames() {}

  static String describe(SpecException e) {
    String flag = FLAGS.get(e.field());
    String message = e.getMessage();
    return flag == null ? message : flag + message.substring(e.field().length());
  }
}
