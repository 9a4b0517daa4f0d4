package io.meshbench.engine.protocol.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.meshbench.engine.spec.SpecException;
import java.util.Iterator;
import java.util.Map;

/**
 * What every call of a run sends: the method, and the request message serialised once. Immutable.
 */
record CallPlan(MethodDescriptor<byte[], Integer> method, byte[] request) {

  MethodType type() {
    return method.getType();
  }

  /** Bytes one request puts on the wire: the message and gRPC's 5-byte length prefix. */
  int requestWireBytes() {
    return request.length + 5;
  }

  /** A method of the built-in echo service, with a payload of {@code payloadBytes}. */
  static CallPlan echo(GrpcMode mode, int payloadBytes, int streamMessages) {
    return switch (mode) {
      case UNARY ->
          new CallPlan(
              method(EchoCalls.UNARY, MethodType.UNARY), EchoCalls.echoRequest(payloadBytes));
      case SERVER_STREAM ->
          new CallPlan(
              method(EchoCalls.SERVER_STREAM, MethodType.SERVER_STREAMING),
              EchoCalls.streamRequest(streamMessages, payloadBytes));
      case BIDI ->
          new CallPlan(
              method(EchoCalls.BIDI, MethodType.BIDI_STREAMING),
              EchoCalls.echoRequest(payloadBytes));
    };
  }

  /**
   * Any method, with the request given as protobuf JSON ({@code options.grpc_data}; null or blank
   * is the empty message).
   *
   * @throws SpecException naming the field of {@code json} that does not fit the request type
   */
  static CallPlan dynamic(Descriptors.MethodDescriptor m, String json) {
    if (m.isClientStreaming() && !m.isServerStreaming()) {
      throw new SpecException(
          "options." + GrpcClient.METHOD_OPTION,
          m.getFullName()
              + " is client-streaming; meshbench drives unary, server-streaming and"
              + " bidirectional methods");
    }
    MethodType type =
        m.isClientStreaming()
            ? MethodType.BIDI_STREAMING
            : m.isServerStreaming() ? MethodType.SERVER_STREAMING : MethodType.UNARY;
    String fullName = m.getService().getFullName() + "/" + m.getName();
    return new CallPlan(method(fullName, type), parseJson(m.getInputType(), json).toByteArray());
  }

  private static MethodDescriptor<byte[], Integer> method(String fullName, MethodType type) {
    return MethodDescriptor.<byte[], Integer>newBuilder()
        .setType(type)
        .setFullMethodName(fullName)
        .setRequestMarshaller(Marshallers.BYTES)
        .setResponseMarshaller(Marshallers.SIZE)
        .build();
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  static DynamicMessage parseJson(Descriptors.Descriptor type, String json) {
    String field = "options." + GrpcClient.DATA_OPTION;
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    if (json == null || json.isBlank()) {
      return builder.build();
    }
    try {
      JsonFormat.parser().merge(json, builder);
      return builder.build();
    } catch (InvalidProtocolBufferException e) {
      // JsonFormat names an unknown field but not always a field whose value is wrong: find it by
      // parsing the top-level fields one at a time.
      String culprit = culprit(type, json);
      throw new SpecException(
          field,
          "does not fit "
              + type.getFullName()
              + (culprit != null ? ": field '" + culprit + "'" : "")
              + ": "
              + oneLine(e.getMessage())
              + " (fields: "
              + fieldNames(type)
              + ")");
    }
  }

  private static String culprit(Descriptors.Descriptor type, String json) {
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (Exception notJson) {
      return null;
    }
    if (!(tree instanceof ObjectNode object)) {
      return null;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      ObjectNode alone = JSON.createObjectNode();
      alone.set(f.getKey(), f.getValue());
      try {
        JsonFormat.parser().merge(alone.toString(), DynamicMessage.newBuilder(type));
      } catch (InvalidProtocolBufferException e) {
        return f.getKey();
      }
    }
    return null;
  }

  private static String fieldNames(Descriptors.Descriptor type) {
    return String.join(
        ", ", type.getFields().stream().map(Descriptors.FieldDescriptor::getJsonName).toList());
  }

  private static String oneLine(String message) {
    String m = String.valueOf(message).replaceAll("\\s+", " ").trim();
    return m.length() > 200 ? m.substring(0, 200) + "..." : m;
  }
}
