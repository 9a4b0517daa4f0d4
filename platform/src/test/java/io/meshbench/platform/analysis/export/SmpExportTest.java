package io.meshbench.platform.analysis.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobFixtures;
import io.meshbench.platform.job.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SMP export parses, with protobuf's own strict JSON parser, into the Service Mesh Performance
 * spec's {@code PerformanceTestConfig} and {@code PerformanceTestResult}. The descriptors are built
 * here from the spec's field list (names, numbers, types of protos/service_mesh_performance.proto
 * v0.6.1; no proto file is copied): an unknown field, a wrong type or a misspelt enum fails.
 */
class SmpExportTest {
  private static final Descriptor CONFIG;
  private static final Descriptor RESULT;

  static {
    DescriptorProto client =
        DescriptorProto.newBuilder()
            .setName("Client")
            .addEnumType(
                EnumDescriptorProto.newBuilder()
                    .setName("Protocol")
                    .addValue(enumValue("PROTOCOL_INVALID", 0))
                    .addValue(enumValue("PROTOCOL_HTTP", 1))
                    .addValue(enumValue("PROTOCOL_TCP", 2))
                    .addValue(enumValue("PROTOCOL_UDP", 3))
                    .addValue(enumValue("PROTOCOL_GRPC", 4)))
            .addNestedType(mapEntry("HeadersEntry"))
            .addNestedType(mapEntry("CookiesEntry"))
            .addField(field("internal", 1, Type.TYPE_BOOL))
            .addField(field("load_generator", 2, Type.TYPE_STRING))
            .addField(
                field("protocol", 3, Type.TYPE_ENUM).toBuilder()
                    .setTypeName(".smp.PerformanceTestConfig.Client.Protocol"))
            .addField(field("connections", 4, Type.TYPE_INT32))
            .addField(field("rps", 5, Type.TYPE_INT64))
            .addField(mapField("headers", 6, ".smp.PerformanceTestConfig.Client.HeadersEntry"))
            .addField(mapField("cookies", 7, ".smp.PerformanceTestConfig.Client.CookiesEntry"))
            .addField(field("body", 8, Type.TYPE_STRING))
            .addField(field("content_type", 9, Type.TYPE_STRING))
            .addField(
                field("endpoint_urls", 10, Type.TYPE_STRING).toBuilder()
                    .setLabel(Label.LABEL_REPEATED))
            .addField(field("ssl_certificate", 11, Type.TYPE_STRING))
            .addField(field("additional_options", 12, Type.TYPE_STRING))
            .build();
    DescriptorProto config =
        DescriptorProto.newBuilder()
            .setName("PerformanceTestConfig")
            .addNestedType(client)
            .addNestedType(mapEntry("LabelsEntry"))
            .addField(field("smp_version", 1, Type.TYPE_STRING))
            .addField(field("id", 2, Type.TYPE_STRING))
            .addField(field("name", 3, Type.TYPE_STRING))
            .addField(mapField("labels", 4, ".smp.PerformanceTestConfig.LabelsEntry"))
            .addField(
                field("clients", 5, Type.TYPE_MESSAGE).toBuilder()
                    .setLabel(Label.LABEL_REPEATED)
                    .setTypeName(".smp.PerformanceTestConfig.Client"))
            .addField(field("duration", 6, Type.TYPE_STRING))
            .build();
    DescriptorProto latency = DescriptorProto.newBuilder().setName("Latency").build();
    String[] latencies = {"min", "average", "p50", "p90", "p99", "max"};
    DescriptorProto.Builder latencyBuilder = latency.toBuilder();
    for (int i = 0; i < latencies.length; i++) {
      latencyBuilder.addField(field(latencies[i], i + 1, Type.TYPE_DOUBLE));
    }
    DescriptorProto result =
        DescriptorProto.newBuilder()
            .setName("PerformanceTestResult")
            .addNestedType(latencyBuilder)
            .addNestedType(mapEntry("LabelsEntry"))
            .addField(field("smp_version", 1, Type.TYPE_STRING))
            .addField(field("id", 2, Type.TYPE_STRING))
            .addField(mapField("labels", 3, ".smp.PerformanceTestResult.LabelsEntry"))
            .addField(message("start_time", 4, ".google.protobuf.Timestamp"))
            .addField(message("end_time", 5, ".google.protobuf.Timestamp"))
            .addField(message("latencies_ms", 6, ".smp.PerformanceTestResult.Latency"))
            .addField(field("actual_qps", 7, Type.TYPE_DOUBLE))
            .addField(field("details_uri", 8, Type.TYPE_STRING))
            .addField(field("test_id", 9, Type.TYPE_STRING))
            .addField(field("mesh_config_id", 10, Type.TYPE_STRING))
            .addField(field("env_id", 11, Type.TYPE_STRING))
            .build();
    FileDescriptorProto file =
        FileDescriptorProto.newBuilder()
            .setName("smp_field_list.proto")
            .setPackage("smp")
            .setSyntax("proto3")
            .addDependency("google/protobuf/timestamp.proto")
            .addMessageType(config)
            .addMessageType(result)
            .build();
    try {
      FileDescriptor fd =
          FileDescriptor.buildFrom(
              file, new FileDescriptor[] {Timestamp.getDescriptor().getFile()});
      CONFIG = fd.findMessageTypeByName("PerformanceTestConfig");
      RESULT = fd.findMessageTypeByName("PerformanceTestResult");
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Test
  void parsesStrictlyAsTheSpecsMessages() throws Exception {
    JobDocument job = RealRun.job();
    JsonNode smp = export(job);
    DynamicMessage config = parse(smp.get("config"), CONFIG);
    DynamicMessage result = parse(smp.get("result"), RESULT);

    assertThat(value(config, "id")).isEqualTo(job.jobId());
    assertThat(value(config, "duration")).isEqualTo("3s");
    DynamicMessage client = (DynamicMessage) ((List<?>) value(config, "clients")).get(0);
    assertThat(value(client, "load_generator")).isEqualTo("meshbench");
    assertThat(value(client, "connections")).isEqualTo(2);
    assertThat(value(client, "rps")).isEqualTo(200L);
    assertThat(value(client, "protocol").toString()).isEqualTo("PROTOCOL_HTTP");
    assertThat((List<?>) value(client, "endpoint_urls")).hasSize(1);

    DynamicMessage latency = (DynamicMessage) value(result, "latencies_ms");
    assertThat(value(latency, "p99")).isEqualTo(job.result().latencyMs().p99());
    assertThat(value(latency, "average")).isEqualTo(job.result().latencyMs().mean());
    assertThat(value(result, "actual_qps")).isEqualTo(job.result().throughputRps());
    assertThat(value(result, "test_id")).isEqualTo(job.jobId());
    Timestamp start =
        Timestamp.parseFrom(((DynamicMessage) value(result, "start_time")).toByteArray());
    assertThat(start.getSeconds()).isEqualTo(job.startedAt().getEpochSecond());
    assertThat(smp.get("config").get("labels").get("mesh_type").asText()).isEqualTo("baseline");
    assertThat(smp.get("config").get("labels").get("run").asText()).isEqualTo("export-test");
  }

  /** A run in which nothing succeeded has no latency: none is given, rather than 0 ms. */
  @Test
  void aRunWithoutASuccessGivesNoLatencies() throws Exception {
    JobDocument d = JobFixtures.document();
    JobDocument failed =
        d.withRun(d.environment(), d.loadSpec(), JobFixtures.allFailedResult(), List.of());
    JsonNode smp = export(failed);
    DynamicMessage result = parse(smp.get("result"), RESULT);
    assertThat(smp.get("result").has("latenciesMs")).isFalse();
    assertThat(result.hasField(RESULT.findFieldByName("latencies_ms"))).isFalse();
    assertThat(export(JobFixtures.document()).get("result").has("latenciesMs")).isTrue();
  }

  @Test
  void theStrictParserWouldCatchAnInventedField() {
    assertThatThrownBy(
            () ->
                JsonFormat.parser()
                    .merge(
                        "{\"p999\": 1}",
                        DynamicMessage.newBuilder(RESULT.findNestedTypeByName("Latency"))))
        .isInstanceOf(InvalidProtocolBufferException.class);
  }

  @Test
  void severalJobsAreAnArray() throws Exception {
    JobDocument job = RealRun.job();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JobExports.forName("smp").write(List.of(job, job), out);
    JsonNode all = Json.mapper().readTree(out.toByteArray());
    assertThat(all.isArray()).isTrue();
    assertThat(all).hasSize(2);
  }

  private static JsonNode export(JobDocument job) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JobExports.forName("smp").write(List.of(job), out);
    return Json.mapper().readTree(out.toString(StandardCharsets.UTF_8));
  }

  private static DynamicMessage parse(JsonNode json, Descriptor type) throws Exception {
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    JsonFormat.parser().merge(json.toString(), builder);
    return builder.build();
  }

  private static Object value(DynamicMessage m, String field) {
    return m.getField(m.getDescriptorForType().findFieldByName(field));
  }

  private static FieldDescriptorProto field(String name, int number, Type type) {
    return FieldDescriptorProto.newBuilder()
        .setName(name)
        .setNumber(number)
        .setType(type)
        .setLabel(Label.LABEL_OPTIONAL)
        .build();
  }

  private static FieldDescriptorProto message(String name, int number, String typeName) {
    return field(name, number, Type.TYPE_MESSAGE).toBuilder().setTypeName(typeName).build();
  }

  private static FieldDescriptorProto mapField(String name, int number, String entryType) {
    return field(name, number, Type.TYPE_MESSAGE).toBuilder()
        .setLabel(Label.LABEL_REPEATED)
        .setTypeName(entryType)
        .build();
  }

  private static DescriptorProto mapEntry(String name) {
    return DescriptorProto.newBuilder()
        .setName(name)
        .setOptions(MessageOptions.newBuilder().setMapEntry(true))
        .addField(field("key", 1, Type.TYPE_STRING))
        .addField(field("value", 2, Type.TYPE_STRING))
        .build();
  }

  private static EnumValueDescriptorProto enumValue(String name, int number) {
    return EnumValueDescriptorProto.newBuilder().setName(name).setNumber(number).build();
  }
}
