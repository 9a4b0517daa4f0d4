package io.meshbench.platform.cli;

import io.meshbench.engine.protocol.grpc.GrpcClient;
import io.meshbench.engine.spec.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The flags only {@code --protocol grpc} reads. */
final class GrpcFlags {
  @Option(
      names = "--grpc-mode",
      description =
          "gRPC method of the built-in echo service: unary, server-stream or bidi (latency per"
              + " message). Default: unary.")
  String mode;

  @Option(
      names = "--grpc-method",
      description =
          "gRPC method of any server, pkg.Service/Method, found by server reflection"
              + " (or in --protoset).")
  String method;

  @Option(names = "--data", description = "gRPC request as JSON, for --grpc-method. Default: {}.")
  String data;

  @Option(
      names = "--protoset",
      description =
          "FileDescriptorSet (protoc --descriptor_set_out --include_imports) to find"
              + " --grpc-method in, instead of server reflection.")
  Path protoset;

  /** What is wrong with these flags for {@code protocol}, naming the flag; null when nothing. */
  String problem(Protocol protocol) {
    String[][] grpcOnly = {
      {"--grpc-mode", mode},
      {"--grpc-method", method},
      {"--data", data},
      {"--protoset", protoset == null ? null : protoset.toString()}
    };
    for (String[] flag : grpcOnly) {
      if (flag[1] != null && protocol != Protocol.GRPC) {
        return flag[0] + " applies to --protocol grpc only";
      }
    }
    if (mode != null && !mode.matches("unary|server-stream|bidi")) {
      return "--grpc-mode must be unary, server-stream or bidi (got '" + mode + "')";
    }
    if (mode != null && method != null) {
      return "--grpc-mode chooses a method of the built-in echo service; with --grpc-method the"
          + " method's own kind decides";
    }
    if ((data != null || protoset != null) && method == null) {
      return (data != null ? "--data" : "--protoset") + " needs --grpc-method";
    }
    if (protoset != null && !Files.isReadable(protoset)) {
      return "--protoset cannot read " + protoset + ": not a readable file";
    }
    return null;
  }

  void addOptions(Map<String, String> options) {
    putIfSet(options, GrpcClient.MODE_OPTION, mode);
    putIfSet(options, GrpcClient.METHOD_OPTION, method);
    putIfSet(options, GrpcClient.DATA_OPTION, data);
    putIfSet(options, GrpcClient.PROTOSET_OPTION, protoset == null ? null : protoset.toString());
  }

  private static void putIfSet(Map<String, String> options, String name, String value) {
    if (value != null) {
      options.put(name, value);
    }
  }
}
