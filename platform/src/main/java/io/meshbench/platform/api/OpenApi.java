package io.meshbench.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.platform.analysis.Comparison;
import io.meshbench.platform.analysis.PercentileSpectrum;
import io.meshbench.platform.analysis.Summary;
import io.meshbench.platform.analysis.Trends;
import io.meshbench.platform.analysis.report.ResultFormat;
import io.meshbench.platform.analysis.report.ResultFormats;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobResult;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.job.SpecRules;
import io.meshbench.platform.job.Version;
import io.meshbench.platform.search.SearchSpec;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3 description, built from the route table itself, so that no route can go
 * undocumented.
 */
final class OpenApi {
  private static final Pattern PATH_PARAM = Pattern.compile("\\{([a-z_]+)}");
  private static final String REF = "#/components/schemas/";
  static final String SECURITY = "bearer";

  private OpenApi() {}

  static ObjectNode describe(List<Route> routes) {
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("openapi", "3.1.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "meshbench API");
    info.put("version", Version.current());
    info.put(
        "description",
        "Starts service-mesh benchmarks, follows them and keeps their history. Mutating routes"
            + " need 'Authorization: Bearer <token>' when the server has MESHBENCH_API_TOKEN,"
            + " take only 'Content-Type: application/json' bodies of at most "
            + ApiServer.MAX_BODY_BYTES
            + " bytes, and refuse a foreign Origin; every route refuses a Host that is not the"
            + " server's (MESHBENCH_ALLOWED_HOSTS). Unknown query parameters are a 400.");
    doc.putArray("servers").addObject().put("url", "/").put("description", "this server");
    ObjectNode components = doc.putObject("components");
    ObjectNode schemas = components.putObject("schemas");
    components
        .putObject("securitySchemes")
        .putObject(SECURITY)
        .put("type", "http")
        .put("scheme", "bearer")
        .put("description", "MESHBENCH_API_TOKEN; only mutating routes need it");
    responseSchemas(new JsonSchemas(schemas));
    schemas.set("StartRequest", startSchema());
    ObjectNode paths = doc.putObject("paths");
    for (Route r : routes) {
      ObjectNode path =
          paths.has(r.path()) ? (ObjectNode) paths.get(r.path()) : paths.putObject(r.path());
      ObjectNode op = path.putObject(r.method().toLowerCase(java.util.Locale.ROOT));
      op.put("operationId", r.operationId());
      op.put("summary", r.summary());
      boolean mutating = !r.method().equals("GET");
      if (mutating) {
        op.putArray("security").addObject().putArray(SECURITY);
      } else {
        op.putArray("security"); // reads are open, with or without a token
      }
      ArrayNode params = op.putArray("parameters");
      Matcher m = PATH_PARAM.matcher(r.path());
      while (m.find()) {
        ObjectNode p = params.addObject();
        p.put("name", m.group(1));
        p.put("in", "path");
        p.put("required", true);
        p.putObject("schema").put("type", "string");
      }
      for (String q : r.queryParams()) {
        ObjectNode p = params.addObject();
        p.put("name", q);
        p.put("in", "query");
        p.put("required", false);
        ObjectNode schema = p.putObject("schema").put("type", "string");
        if (q.startsWith("created_")) {
          schema.put("format", "date-time");
        }
        String description = Params.DESCRIPTIONS.get(q);
        if (description != null) {
          p.put("description", description);
        }
      }
      if (r.method().equals("POST") && r.path().equals("/benchmarks/start")) {
        op.putObject("requestBody")
            .put("required", true)
            .putObject("content")
            .putObject("application/json")
            .putObject("schema")
            .put("$ref", REF + "StartRequest");
      } else if (r.method().equals("POST") && r.path().equals("/reports/generate")) {
        op.putObject("requestBody")
            .put("required", false)
            .putObject("content")
            .putObject("application/json")
            .set("schema", reportRequestSchema());
      }
      ObjectNode responses = op.putObject("responses");
      java.util.SortedSet<Integer> statuses = new java.util.TreeSet<>(r.statuses());
      // 400: every route refuses unknown parameters; 503: the store (or the cluster) is down.
      statuses.addAll(List.of(400, 403, 500, 503));
      if (mutating) {
        statuses.addAll(List.of(413, 415));
      }
      for (int status : statuses) {
        ObjectNode resp = responses.putObject(Integer.toString(status));
        resp.put("description", describeStatus(status));
        if (r.events() != null && status == 200) {
          resp.putObject("content").putObject("text/event-stream");
          continue;
        }
        boolean success = status < 300;
        if (success && !r.produces().equals(List.of("application/json"))) {
          ObjectNode content = resp.putObject("content");
          for (String type : r.produces()) {
            ObjectNode schema = content.putObject(type).putObject("schema");
            if (!type.equals("application/json")) {
              schema.put("type", "string");
            }
          }
          continue;
        }
        ObjectNode media = resp.putObject("content").putObject("application/json");
        ObjectNode clusterSchema = status == 200 ? RecordSchema.clusterResponse(r.path()) : null;
        if (status == 503 && "RepliesHealth".equals(r.response())) {
          media.putObject("schema").put("$ref", REF + r.response()); // degraded: the same body
        } else if (status >= 400) {
          media.putObject("schema").put("$ref", REF + "ApiErrorBody");
        } else if (clusterSchema != null) {
          media.set("schema", clusterSchema);
        } else if (r.response() != null) {
          media.putObject("schema").put("$ref", REF + r.response());
        }
      }
    }
    return doc;
  }

  /**
   * The components answers refer to, generated from the records that are serialised; the summary
   * forms are the full ones less the keys {@link Listings} leaves out.
   */
  private static void responseSchemas(JsonSchemas gen) {
    gen.define(JobDocument.class);
    gen.define(ApiError.Body.class);
    gen.define(Replies.Started.class);
    gen.define(Replies.Health.class);
    gen.define(Replies.Deleted.class);
    gen.define(Replies.ReportCreated.class);
    gen.define(Replies.Reports.class);
    gen.define(PercentileSpectrum.class);
    gen.define(Trends.class);
    gen.define(Summary.class);
    gen.define(Comparison.class);
    gen.derive("JobResultSummary", JobResult.class, Listings.BULK_RESULT_KEYS, Map.of());
    gen.derive(
        "JobSummary",
        JobDocument.class,
        List.of("iterations"),
        Map.of("result", "JobResultSummary"));
    ((ObjectNode) gen.define(Replies.JobList.class).at("/properties/jobs"))
        .set("items", anyOf("JobSummary", "JobDocument"));
    gen.define(Replies.ResultList.class);
    ObjectNode row = gen.define(Replies.ResultRow.class);
    ((ObjectNode) row.get("properties")).set("result", anyOf("JobResultSummary", "JobResult"));
  }

  private static ObjectNode anyOf(String... components) {
    ObjectNode s = Json.mapper().createObjectNode();
    ArrayNode any = s.putArray("anyOf");
    for (String c : components) {
      any.addObject().put("$ref", REF + c);
    }
    return s;
  }

  private static final List<String> TEST_TYPES =
      java.util.Arrays.stream(Protocol.values()).map(Protocol::wireName).toList();
  private static final List<String> MESH_TYPES =
      java.util.Arrays.stream(MeshType.values()).map(MeshType::wireName).toList();

  /** field as a string that is one of values. */
  private static ObjectNode stringEnum(ObjectNode field, List<String> values) {
    field.put("type", "string");
    ArrayNode allowed = field.putArray("enum");
    values.forEach(allowed::add);
    return field;
  }

  /** The start request's schema, from the same rules that validate it ({@link SpecRules}). */
  static ObjectNode startSchema() {
    ObjectNode s = Json.mapper().createObjectNode();
    s.put("type", "object");
    s.put("additionalProperties", false);
    ObjectNode p = s.putObject("properties");
    stringEnum(p.putObject("test_type"), TEST_TYPES).put("default", "http");
    stringEnum(p.putObject("mesh_type"), MESH_TYPES).put("default", "baseline");
    ObjectNode matrix =
        p.putObject("mesh_types")
            .put("type", "array")
            .put("minItems", SpecRules.MIN_MATRIX_MESHES)
            .put("maxItems", MeshType.values().length)
            .put("uniqueItems", true)
            .put(
                "description",
                "a mesh matrix (kubernetes executor; 422 on a local server): the meshes run"
                    + " interleaved, iteration by iteration, as one job whose document's matrix"
                    + " holds each mesh's runs and the comparison against the reference mesh"
                    + " (baseline when listed, else the first). mesh_type, if given, must name"
                    + " that reference mesh");
    matrix.set("items", ((ObjectNode) p.get("mesh_type")).deepCopy().without("default"));
    p.putObject("namespace")
        .put("type", "string")
        .put("default", SpecRules.DEFAULT_NAMESPACE)
        .put("pattern", "^" + SpecRules.NAMESPACE.pattern() + "$")
        .put("maxLength", SpecRules.NAMESPACE_MAX_LENGTH);
    for (SpecRules.NumberRule rule : SpecRules.NUMBERS) {
      ObjectNode f = p.putObject(rule.name());
      f.put("type", rule.whole() ? "integer" : "number");
      f.put("minimum", rule.min());
      f.put("maximum", rule.max());
      f.put("default", rule.defaultValue());
      if (!rule.unit().isEmpty()) {
        f.put("description", rule.unit());
      }
    }
    ((ObjectNode) p.get("iterations"))
        .put(
            "description",
            "repetitions of the run; duration × iterations may not exceed "
                + SpecRules.fmt(SpecRules.MAX_TOTAL_DURATION_S)
                + " seconds");
    ObjectNode url = p.putObject("service_url");
    url.putArray("type").add("string").add("null");
    url.put(
        "description",
        String.join("://, ", SpecRules.URL_SCHEMES)
            + ":// URL without credentials; null or empty = built-in target. Must be allowed by"
            + " MESHBENCH_ALLOWED_TARGETS (403 otherwise)");
    p.putObject("labels")
        .put("type", "object")
        .putObject("additionalProperties")
        .put("type", "string");
    ObjectNode sidecar =
        p.putObject("sidecar_mode")
            .put("type", "string")
            .put("default", "both")
            .put(
                "description",
                "sidecar meshes (kubernetes executor): proxies on both sides, only the target"
                    + " (server) or only the load generators (client)");
    sidecar.putArray("enum").add("both").add("server").add("client");
    p.set("search", searchSchema());
    // The server reads null as "not given" (the default) in every field: say so, so that what
    // the schema accepts and what the server accepts are the same.
    for (java.util.Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
      ObjectNode field = (ObjectNode) it.next().getValue();
      allowNull(field);
    }
    return s;
  }

  /** {@code POST /reports/generate}: every field optional, an empty body is an HTML report. */
  private static ObjectNode reportRequestSchema() {
    ObjectNode s = Json.mapper().createObjectNode();
    s.put("type", "object");
    s.put("additionalProperties", false);
    ObjectNode p = s.putObject("properties");
    stringEnum(p.putObject("format"), ResultFormats.all().stream().map(ResultFormat::name).toList())
        .put("default", "html");
    stringEnum(p.putObject("filter_mesh_type"), MESH_TYPES);
    stringEnum(p.putObject("filter_test_type"), TEST_TYPES);
    return s;
  }

  /** The optional search: the highest rate under the SLOs, stepping up from start_rate. */
  private static ObjectNode searchSchema() {
    ObjectNode search = Json.mapper().createObjectNode();
    search.put("type", "object");
    search.put("additionalProperties", false);
    search.put(
        "description",
        "a search for the highest rate that meets every SLO: steps of step_duration seconds"
            + " (each after the job's warmup) from start_rate up to max_rate, then narrowed to"
            + " precision");
    search.putArray("required").add("start_rate").add("max_rate").add("slos");
    ObjectNode sp = search.putObject("properties");
    for (String rate : List.of("start_rate", "max_rate")) {
      sp.putObject(rate)
          .put("type", "number")
          .put("exclusiveMinimum", 0)
          .put("maximum", SearchSpec.MAX_RATE_RPS)
          .put("description", "requests per second");
    }
    sp.putObject("precision")
        .put("type", "number")
        .put("exclusiveMinimum", 0)
        .put("exclusiveMaximum", 1)
        .put("default", SearchSpec.DEFAULT_PRECISION)
        .put("description", "relative width of the final bracket, e.g. 0.05");
    sp.putObject("step_duration")
        .put("type", "number")
        .put("minimum", 0.1)
        .put("maximum", 86_400)
        .put("default", 10)
        .put("description", "seconds per step");
    ObjectNode slos =
        sp.putObject("slos")
            .put("type", "array")
            .put("minItems", 1)
            .put("description", "objectives every step must meet, e.g. p99<=20ms, error_rate<=1%");
    slos.putObject("items").put("type", "string");
    return search;
  }

  /** Adds null to a property's type (and to its enum, if it has one). */
  private static void allowNull(ObjectNode field) {
    JsonNode type = field.get("type");
    if (type != null && type.isTextual()) {
      field.putArray("type").add(type.asText()).add("null");
    } else if (type instanceof ArrayNode types
        && java.util.stream.StreamSupport.stream(types.spliterator(), false)
            .noneMatch(t -> t.asText().equals("null"))) {
      types.add("null");
    }
    if (field.get("enum") instanceof ArrayNode values) {
      values.addNull();
    }
  }

  private static String describeStatus(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted: the job is persisted and queued";
      case 400 -> "Bad request, e.g. a field or query parameter: {error, detail, field}";
      case 403 ->
          "Refused: a Host that is not the server's, a cross-site Origin, or a service_url"
              + " outside MESHBENCH_ALLOWED_TARGETS";
      case 413 -> "The request body is larger than " + ApiServer.MAX_BODY_BYTES + " bytes";
      case 415 -> "The request body is not Content-Type: application/json";
      case 500 -> "Internal error: a generic message and an error_id found in the server log";
      case 401 -> "Missing or wrong bearer token";
      case 404 -> "Not found";
      case 409 -> "Conflict: the job has not finished";
      case 422 -> "Valid, but this server cannot run it: {error, detail, field}";
      case 406 -> "The client asked for something other than text/event-stream";
      case 429 -> "The job queue is full";
      case 503 ->
          "Not available: the job store cannot be reached (store_unavailable), the server is"
              + " shutting down, or no Kubernetes cluster is configured or it does not answer";
      default -> "Status " + status;
    };
  }
}
