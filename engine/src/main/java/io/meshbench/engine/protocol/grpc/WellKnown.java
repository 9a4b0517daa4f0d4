package io.meshbench.engine.protocol.grpc;

import com.google.protobuf.AnyProto;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.WrappersProto;
import java.util.Map;

/** protobuf's well-known types, for descriptor sets built without --include_imports. */
final class WellKnown {
  private static final Map<String, Descriptors.FileDescriptor> FILES =
      Map.of(
          "google/protobuf/any.proto", AnyProto.getDescriptor(),
          "google/protobuf/duration.proto", DurationProto.getDescriptor(),
          "google/protobuf/empty.proto", EmptyProto.getDescriptor(),
          "google/protobuf/field_mask.proto", FieldMaskProto.getDescriptor(),
          "google/protobuf/struct.proto", StructProto.getDescriptor(),
          "google/protobuf/timestamp.proto", TimestampProto.getDescriptor(),
          "google/protobuf/wrappers.proto", WrappersProto.getDescriptor(),
          "google/protobuf/descriptor.proto", DescriptorProtos.getDescriptor());

  private WellKnown() {}

  static Descriptors.FileDescriptor file(String name) {
    return FILES.get(name);
  }
}
