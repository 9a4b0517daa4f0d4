package io.meshbench.platform.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.job.Version;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3 description, built from the route table itself, so that no route can go
 * undocumented.
 */
final class OpenApi {
  private static final Pattern PATH_PARAM = Pattern.compile("\\{([a-z_]+)}");

  private OpenApi() {}

  static ObjectNode describe(List<Route> routes) {
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("openapi", "3.0.3");
    ObjectNode info = doc.putObject("info");
    info.put("title", "meshbench API");
    info.put("version", Version.current());
    info.put(
        "description",
        "Starts service-mesh benchmarks, follows them and keeps their history. Mutating routes"
            + " need 'Authorization: Bearer <token>' when the server has MESHBENCH_API_TOKEN.");
    ObjectNode paths = doc.putObject("paths");
    for (Route r : routes) {
      ObjectNode path =
          paths.has(r.path()) ? (ObjectNode) paths.get(r.path()) : paths.putObject(r.path());
      ObjectNode op = path.putObject(r.method().toLowerCase(java.util.Locale.ROOT));
      op.put("summary", r.summary());
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
        p.putObject("schema").put("type", "string");
      }
      if (r.method().equals("POST") && r.path().equals("/benchmarks/start")) {
        op.putObject("requestBody")
            .put("required", true)
            .putObject("content")
            .putObject("application/json")
            .set("schema", startSchema());
      }
      ObjectNode responses = op.putObject("responses");
      for (int status : r.statuses()) {
        String type =
            r.events() != null && status == 200 ? "text/event-stream" : "application/json";
        ObjectNode resp = responses.putObject(Integer.toString(status));
        resp.put("description", describeStatus(status));
        resp.putObject("content").putObject(type);
      }
    }
    return doc;
  }

  private static ObjectNode startSchema() {
    ObjectNode s = Json.mapper().createObjectNode();
    s.put("type", "object");
    s.put("additionalProperties", false);
    ObjectNode p = s.putObject("properties");
    p.putObject("test_type")
        .put("type", "string")
        .put("default", "http")
        .putArray("enum")
        .add("http")
        .add("http2")
        .add("grpc")
        .add("websocket")
        .add("ml");
    p.putObject("mesh_type")
        .put("type", "string")
        .put("default", "baseline")
        .putArray("enum")
        .add("baseline")
        .add("istio")
        .add("istio-ambient")
        .add("linkerd")
        .add("cilium")
        .add("cilium-l7")
        .add("consul");
    p.putObject("namespace")
        .put("type", "string")
        .put("default", "default")
        .put("pattern", "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
        .put("maxLength", 63);
    p.putObject("duration")
        .put("type", "number")
        .put("minimum", 1)
        .put("maximum", 86400)
        .put("default", 60)
        .put("description", "measured seconds, after warm-up");
    p.putObject("warmup")
        .put("type", "number")
        .put("minimum", 0)
        .put("maximum", 3600)
        .put("default", 5)
        .put("description", "seconds sent but not recorded");
    p.putObject("rate")
        .put("type", "number")
        .put("minimum", 0)
        .put("default", 1000)
        .put("description", "requests per second in total; 0 = closed model");
    p.putObject("concurrent_connections")
        .put("type", "integer")
        .put("minimum", 1)
        .put("maximum", 10000)
        .put("default", 32);
    p.putObject("service_url")
        .put("type", "string")
        .put("nullable", true)
        .put(
            "description",
            "http://, https://, ws://, wss:// or grpc:// URL; null = built-in target");
    p.putObject("payload_bytes").put("type", "integer").put("minimum", 0).put("default", 0);
    p.putObject("workers")
        .put("type", "integer")
        .put("minimum", 1)
        .put("maximum", 1000)
        .put("default", 1);
    p.putObject("iterations")
        .put("type", "integer")
        .put("minimum", 1)
        .put("maximum", 100)
        .put("default", 1);
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
    return s;
  }

  private static String describeStatus(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted: the job is persisted and queued";
      case 400 -> "Bad request: {error, detail, field}";
      case 401 -> "Missing or wrong bearer token";
      case 404 -> "Not found";
      case 409 -> "Conflict: the job has not finished";
      case 422 -> "Valid, but this server cannot run it: {error, detail, field}";
      case 406 -> "The client must accept text/event-stream";
      case 429 -> "The job queue is full";
      case 503 -> "Not available: no Kubernetes cluster is configured";
      default -> "Status " + status;
    };
  }
}
