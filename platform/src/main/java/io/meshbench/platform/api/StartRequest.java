package io.meshbench.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.spec.SpecException;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.MeshType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the body of {@code POST /benchmarks/start} into a {@link JobSpec}, field by field, so that
 * every mistake is reported with the field's name and what is allowed. Unknown fields are rejected:
 * a typo must not silently run a different benchmark.
 */
final class StartRequest {
  static final Set<String> FIELDS =
      Set.of(
          "test_type",
          "mesh_type",
          "namespace",
          "duration",
          "warmup",
          "rate",
          "concurrent_connections",
          "service_url",
          "payload_bytes",
          "workers",
          "iterations",
          "labels",
          "sidecar_mode");
  private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Set<String> URL_SCHEMES = Set.of("http", "https", "ws", "wss", "grpc");

  private StartRequest() {}

  static JobSpec parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new ApiError(400, "invalid_body", "the body must be a JSON object", null);
    }
    ObjectNode o = (ObjectNode) body;
    for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw ApiError.badField(
            name, "unknown field '" + name + "'; allowed fields: " + String.join(", ", sorted()));
      }
    }
    Protocol testType = testType(o);
    MeshType meshType = meshType(o);
    String namespace = text(o, "namespace", "default");
    if (namespace.length() > 63 || !DNS_1123_LABEL.matcher(namespace).matches()) {
      throw ApiError.badField(
          "namespace",
          "namespace must be a DNS-1123 label: at most 63 lower-case letters, digits and '-',"
              + " starting and ending with a letter or digit (got '"
              + namespace
              + "')");
    }
    double duration = number(o, "duration", 60, 1, 86_400, "seconds");
    double warmup = number(o, "warmup", 5, 0, 3_600, "seconds");
    double rate = number(o, "rate", 1000, 0, 10_000_000, "requests per second (0 = closed model)");
    int connections = (int) whole(o, "concurrent_connections", 32, 1, 10_000);
    String serviceUrl = serviceUrl(o);
    int payloadBytes = (int) whole(o, "payload_bytes", 0, 0, 64L * 1024 * 1024);
    int workers = (int) whole(o, "workers", 1, 1, 1_000);
    int iterations = (int) whole(o, "iterations", 1, 1, 100);
    return new JobSpec(
        testType,
        meshType,
        namespace,
        duration,
        warmup,
        rate,
        connections,
        serviceUrl,
        payloadBytes,
        workers,
        iterations,
        labels(o),
        sidecarMode(o),
        java.util.List.of());
  }

  private static io.meshbench.platform.job.SidecarMode sidecarMode(ObjectNode o) {
    if (!o.has("sidecar_mode") || o.get("sidecar_mode").isNull()) {
      return null;
    }
    String value = o.get("sidecar_mode").asText();
    try {
      return io.meshbench.platform.job.SidecarMode.fromWire(value);
    } catch (IllegalArgumentException e) {
      throw ApiError.badField("sidecar_mode", e.getMessage());
    }
  }

  private static Protocol testType(ObjectNode o) {
    String value = text(o, "test_type", "http");
    try {
      return Protocol.fromWire(value);
    } catch (SpecException e) {
      throw ApiError.badField(
          "test_type", "test_type must be one of " + Protocol.allowed() + " (got '" + value + "')");
    }
  }

  private static MeshType meshType(ObjectNode o) {
    String value = text(o, "mesh_type", "baseline");
    try {
      return MeshType.fromWire(value);
    } catch (IllegalArgumentException e) {
      throw ApiError.badField("mesh_type", e.getMessage());
    }
  }

  private static String serviceUrl(ObjectNode o) {
    JsonNode node = o.get("service_url");
    if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
      return null;
    }
    if (!node.isTextual()) {
      throw ApiError.badField("service_url", "service_url must be a string URL or null");
    }
    String url = node.asText().trim();
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
      if (!URL_SCHEMES.contains(scheme) || uri.getHost() == null) {
        throw new URISyntaxException(url, "scheme and host required");
      }
    } catch (URISyntaxException e) {
      throw ApiError.badField(
          "service_url",
          "service_url must be an http://, https://, ws://, wss:// or grpc:// URL with a host"
              + " (got '"
              + url
              + "')");
    }
    return url;
  }

  private static Map<String, String> labels(ObjectNode o) {
    JsonNode node = o.get("labels");
    Map<String, String> labels = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return labels;
    }
    if (!node.isObject()) {
      throw ApiError.badField("labels", "labels must be an object of string values");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual() || e.getKey().isEmpty() || e.getKey().length() > 63) {
        throw ApiError.badField(
            "labels",
            "label '" + e.getKey() + "' needs a name of 1-63 characters and a string value");
      }
      labels.put(e.getKey(), e.getValue().asText());
    }
    return labels;
  }

  private static String text(ObjectNode o, String field, String fallback) {
    JsonNode node = o.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isTextual()) {
      throw ApiError.badField(field, field + " must be a string");
    }
    return node.asText();
  }

  private static double number(
      ObjectNode o, String field, double fallback, double min, double max, String unit) {
    JsonNode node = o.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isNumber() || !(node.asDouble() >= min && node.asDouble() <= max)) {
      throw ApiError.badField(
          field,
          field
              + " must be a number from "
              + fmt(min)
              + " to "
              + fmt(max)
              + " "
              + unit
              + " (got "
              + node
              + ")");
    }
    return node.asDouble();
  }

  private static long whole(ObjectNode o, String field, long fallback, long min, long max) {
    JsonNode node = o.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.canConvertToExactIntegral() || node.asLong() < min || node.asLong() > max) {
      throw ApiError.badField(
          field,
          field + " must be a whole number from " + min + " to " + max + " (got " + node + ")");
    }
    return node.asLong();
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static java.util.List<String> sorted() {
    return FIELDS.stream().sorted().toList();
  }
}
