package io.meshbench.platform.analysis.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.LatencyStats;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A job as the Service Mesh Performance spec's {@code PerformanceTestConfig} and {@code
 * PerformanceTestResult} (protos/service_mesh_performance.proto of
 * github.com/service-mesh-performance/service-mesh-performance, v0.6.1), in the proto3 JSON
 * mapping: lowerCamelCase names, int64 as strings, Timestamps as RFC 3339 text, enums by name.
 *
 * <p>Every field meshbench has a value for is mapped; fields it has nothing for (cookies, SSL
 * certificate, details URI, mesh config and environment ids) are left out, as proto3 JSON leaves
 * out unset fields. The output is {@code {"config": …, "result": …}} for one job and an array of
 * those for several. The mapping:
 *
 * <ul>
 *   <li>config: smpVersion, id (job id), name, labels (the job's labels plus test_type and
 *       mesh_type), clients[0] (loadGenerator "meshbench", protocol HTTP for http/http2/websocket/
 *       ml and GRPC for grpc, connections, rps, headers, body, contentType, endpointUrls,
 *       additionalOptions), duration ("60s")
 *   <li>result: smpVersion, id and testId (job id), labels, startTime, endTime, latenciesMs (min,
 *       average, p50, p90, p99, max of corrected latency), actualQps (successful requests/s)
 * </ul>
 */
final class SmpExport implements JobExport {
  static final String SMP_VERSION = "v0.6.1";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Override
  public String name() {
    return "smp";
  }

  @Override
  public String contentType() {
    return "application/json";
  }

  @Override
  public String fileExtension() {
    return "smp.json";
  }

  @Override
  public void write(List<JobDocument> jobs, OutputStream out) throws IOException {
    JsonNode node;
    if (jobs.size() == 1) {
      node = of(jobs.get(0));
    } else {
      ArrayNode all = NODES.arrayNode();
      jobs.forEach(j -> all.add(of(j)));
      node = all;
    }
    Json.mapper().writerWithDefaultPrettyPrinter().writeValue(nonClosing(out), node);
    out.write('\n');
  }

  static ObjectNode of(JobDocument job) {
    RunResult r = JobExports.resultOf(job);
    ObjectNode doc = NODES.objectNode();
    doc.set("config", config(job));
    doc.set("result", result(job, r));
    return doc;
  }

  private static ObjectNode config(JobDocument job) {
    ObjectNode c = NODES.objectNode();
    c.put("smpVersion", SMP_VERSION);
    c.put("id", job.jobId());
    c.put(
        "name",
        "meshbench " + job.spec().testType().wireName() + " " + job.spec().meshType().wireName());
    c.set("labels", labels(job));
    LoadSpec spec = job.loadSpec();
    ObjectNode client = NODES.objectNode();
    client.put("loadGenerator", "meshbench");
    client.put(
        "protocol", job.spec().testType() == Protocol.GRPC ? "PROTOCOL_GRPC" : "PROTOCOL_HTTP");
    client.put("connections", job.spec().concurrentConnections());
    // int64 travels as a string in proto3 JSON; the closed model (0) is "as fast as possible".
    client.put("rps", Long.toString(Math.round(job.spec().rate())));
    if (spec != null) {
      ObjectNode headers = NODES.objectNode();
      spec.headers().forEach(headers::put);
      if (!headers.isEmpty()) {
        client.set("headers", headers);
      }
      if (spec.body() != null && !spec.body().isEmpty()) {
        client.put("body", spec.body());
      }
      spec.headers().entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase("content-type"))
          .findFirst()
          .ifPresent(e -> client.put("contentType", e.getValue()));
      client.set("endpointUrls", NODES.arrayNode().add(spec.target()));
      if (!spec.options().isEmpty()) {
        StringBuilder options = new StringBuilder();
        new TreeMap<>(spec.options())
            .forEach(
                (k, v) ->
                    options.append(options.isEmpty() ? "" : " ").append(k).append('=').append(v));
        client.put("additionalOptions", options.toString());
      }
    } else if (job.spec().serviceUrl() != null) {
      client.set("endpointUrls", NODES.arrayNode().add(job.spec().serviceUrl()));
    }
    c.set("clients", NODES.arrayNode().add(client));
    c.put("duration", seconds(job.spec().duration()));
    return c;
  }

  private static ObjectNode result(JobDocument job, RunResult r) {
    ObjectNode res = NODES.objectNode();
    res.put("smpVersion", SMP_VERSION);
    res.put("id", job.jobId());
    res.set("labels", labels(job));
    timestamp(res, "startTime", job.startedAt());
    timestamp(res, "endTime", job.completedAt());
    // A run without a success has no latency; proto3 reads a missing message as unset, not 0 ms.
    if (!r.allFailed()) {
      LatencyStats l = r.latencyMs();
      ObjectNode latency = NODES.objectNode();
      latency.put("min", l.min());
      latency.put("average", l.mean());
      latency.put("p50", l.p50());
      latency.put("p90", l.p90());
      latency.put("p99", l.p99());
      latency.put("max", l.max());
      res.set("latenciesMs", latency);
    }
    res.put("actualQps", r.throughputRps());
    res.put("testId", job.jobId());
    return res;
  }

  private static ObjectNode labels(JobDocument job) {
    Map<String, String> labels = new TreeMap<>(job.spec().labels());
    labels.put("test_type", job.spec().testType().wireName());
    labels.put("mesh_type", job.spec().meshType().wireName());
    ObjectNode node = NODES.objectNode();
    labels.forEach(node::put);
    return node;
  }

  private static void timestamp(ObjectNode node, String field, Instant at) {
    if (at != null) {
      node.put(field, at.toString());
    }
  }

  private static String seconds(double s) {
    return s == Math.rint(s) ? (long) s + "s" : s + "s";
  }

  private static OutputStream nonClosing(OutputStream out) {
    return new java.io.FilterOutputStream(out) {
      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }
}
