package io.meshbench.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.spec.SpecException;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.job.SpecRules;
import io.meshbench.platform.search.SearchSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
          "search",
          "sidecar_mode",
          "mesh_types");
  static final java.util.List<String> SEARCH_FIELDS =
      java.util.List.of("start_rate", "max_rate", "precision", "step_duration", "slos");

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
    String namespace = text(o, "namespace", SpecRules.DEFAULT_NAMESPACE);
    String namespaceProblem = SpecRules.namespaceProblem(namespace);
    if (namespaceProblem != null) {
      throw ApiError.badField("namespace", namespaceProblem);
    }
    double duration = number(o, SpecRules.DURATION);
    double warmup = number(o, SpecRules.WARMUP);
    double rate = number(o, SpecRules.RATE);
    int connections = (int) number(o, SpecRules.CONNECTIONS);
    String serviceUrl = serviceUrl(o);
    int payloadBytes = (int) number(o, SpecRules.PAYLOAD_BYTES);
    int workers = (int) number(o, SpecRules.WORKERS);
    int iterations = (int) number(o, SpecRules.ITERATIONS);
    java.util.List<MeshType> meshTypes = meshTypes(o, meshType);
    // A matrix measures duration × iterations under each of its meshes.
    String total =
        SpecRules.totalDurationProblem(duration, iterations * Math.max(1, meshTypes.size()));
    if (total != null) {
      throw ApiError.badField(
          "iterations", meshTypes.isEmpty() ? total : total + " over all meshes");
    }
    SearchSpec search = search(o);
    if (search != null && iterations > 1) {
      throw ApiError.badField("iterations", "iterations must be 1 for a search");
    }
    if (search != null && !meshTypes.isEmpty()) {
      throw ApiError.badField(
          "mesh_types", "mesh_types (a mesh matrix) and search cannot be combined; use one");
    }
    JobSpec spec =
        new JobSpec(
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
            search,
            sidecarMode(o),
            java.util.List.of());
    return meshTypes.isEmpty() ? spec : spec.withMeshTypes(meshTypes);
  }

  /**
   * The optional {@code mesh_types} (a mesh matrix): at least two known meshes, none twice. A
   * {@code mesh_type} given beside it must be the matrix's reference mesh, which the document's
   * {@code mesh_type} then names (baseline when listed, else the first).
   */
  private static java.util.List<MeshType> meshTypes(ObjectNode o, MeshType meshType) {
    JsonNode node = o.get("mesh_types");
    if (node == null || node.isNull()) {
      return java.util.List.of();
    }
    String allowed =
        "mesh_types must be an array of at least "
            + SpecRules.MIN_MATRIX_MESHES
            + " different meshes of "
            + MeshType.allowed();
    if (!node.isArray()) {
      throw ApiError.badField("mesh_types", allowed + " (got " + node + ")");
    }
    java.util.List<MeshType> meshes = new java.util.ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw ApiError.badField("mesh_types", allowed + " (got " + item + " in the array)");
      }
      try {
        meshes.add(MeshType.fromWire(item.asText()));
      } catch (IllegalArgumentException e) {
        throw ApiError.badField(
            "mesh_types", allowed + " (got '" + item.asText() + "', which is not a mesh)");
      }
    }
    String problem = SpecRules.meshTypesProblem(meshes);
    if (problem != null) {
      throw ApiError.badField("mesh_types", problem);
    }
    MeshType reference = SpecRules.matrixReference(meshes);
    JsonNode given = o.get("mesh_type");
    if (given != null && !given.isNull() && meshType != reference) {
      throw ApiError.badField(
          "mesh_type",
          "mesh_type must be left out with mesh_types, or name the matrix's reference mesh "
              + reference
              + " (baseline when listed, else the first; got "
              + meshType
              + ")");
    }
    return meshes;
  }

  /**
   * The optional {@code search} object: {@code {start_rate, max_rate, precision, step_duration,
   * slos}}; each step lasts {@code step_duration} seconds after the job's {@code warmup}.
   */
  private static SearchSpec search(ObjectNode o) {
    JsonNode node = o.get("search");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw ApiError.badField(
          "search", "search must be an object with " + String.join(", ", SEARCH_FIELDS));
    }
    ObjectNode s = (ObjectNode) node;
    for (Iterator<String> names = s.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!SEARCH_FIELDS.contains(name)) {
        throw ApiError.badField(
            "search." + name,
            "unknown field 'search." + name + "'; allowed: " + String.join(", ", SEARCH_FIELDS));
      }
    }
    java.util.List<String> slos = new java.util.ArrayList<>();
    JsonNode list = s.get("slos");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw ApiError.badField("search.slos", "search.slos must be an array of strings");
      }
      list.forEach(
          item -> {
            if (!item.isTextual()) {
              throw ApiError.badField("search.slos", "search.slos must be an array of strings");
            }
            slos.add(item.asText());
          });
    }
    SearchSpec spec =
        new SearchSpec(
            numberOrNaN(s, "start_rate"),
            numberOrNaN(s, "max_rate"),
            s.has("precision") ? numberOrNaN(s, "precision") : SearchSpec.DEFAULT_PRECISION,
            s.has("step_duration") ? numberOrNaN(s, "step_duration") : 10,
            slos);
    try {
      spec.validate();
    } catch (SearchSpec.SearchSpecException e) {
      throw ApiError.badField("search." + e.field(), "search." + e.getMessage());
    }
    return spec;
  }

  /** A number field of the search, NaN when absent or not a number (validation names it). */
  private static double numberOrNaN(ObjectNode o, String field) {
    JsonNode n = o.get(field);
    return n != null && n.isNumber() ? n.asDouble() : Double.NaN;
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
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      uri = null;
    }
    String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (uri == null || !SpecRules.URL_SCHEMES.contains(scheme) || uri.getHost() == null) {
      throw ApiError.badField(
          "service_url",
          "service_url must be an http://, https://, ws://, wss:// or grpc:// URL with a host"
              + " (got '"
              + url
              + "')");
    }
    if (uri.getRawUserInfo() != null) {
      // Credentials would be stored in the job document and shown in every listing.
      throw ApiError.badField(
          "service_url",
          "service_url must not carry credentials (user:password@): they would be stored and"
              + " listed with the job");
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
      if (hasControlCharacter(e.getKey()) || hasControlCharacter(e.getValue().asText())) {
        throw ApiError.badField(
            "labels",
            "label '"
                + e.getKey().replaceAll("\\p{Cntrl}", "?")
                + "' has a control character (NUL, newline, …) in its name or value; labels are"
                + " printable text");
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

  /** The field's value, its default when absent; a 400 naming it when outside its rule. */
  private static double number(ObjectNode o, SpecRules.NumberRule rule) {
    JsonNode node = o.get(rule.name());
    if (node == null || node.isNull()) {
      return rule.defaultValue();
    }
    String problem = node.isNumber() ? rule.problem(node.asDouble()) : rule.problem(Double.NaN);
    if (problem != null) {
      throw ApiError.badField(rule.name(), problem + " (got " + node + ")");
    }
    return node.asDouble();
  }

  private static java.util.List<String> sorted() {
    return FIELDS.stream().sorted().toList();
  }

  private static boolean hasControlCharacter(String text) {
    return text.chars().anyMatch(Character::isISOControl);
  }
}
