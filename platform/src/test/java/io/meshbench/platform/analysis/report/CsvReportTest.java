package io.meshbench.platform.analysis.report;

import static io.meshbench.platform.analysis.AnalysisFixtures.job;
import static io.meshbench.platform.analysis.AnalysisFixtures.latency;
import static io.meshbench.platform.analysis.AnalysisFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.platform.analysis.Summary;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.job.MeshType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvReportTest {
  static final String AWKWARD = "a, \"quoted\" label";

  static List<JobDocument> jobs() {
    return List.of(
        job("20260101-000000-http-istio-0001")
            .mesh(MeshType.ISTIO)
            .createdAt("2026-01-01T00:00:00Z")
            .result(result(latency(1.5, 3.0, 7.25, 12.0, 40.0), 997.5, 10))
            .labels(Map.of("note", AWKWARD, "run", "1"))
            .build(),
        job("20260102-000000-http-baseline-0002")
            .createdAt("2026-01-02T00:00:00Z")
            .failed("could not connect to 10.0.0.1:80,\nis it up?")
            .build());
  }

  static String write(ResultFormat format, List<JobDocument> jobs) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    format.write(jobs, Summary.of(jobs, Instant.parse("2026-02-01T00:00:00Z")), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void rowsParseBackWithQuotedFields() throws Exception {
    List<List<String>> rows = parse(write(new CsvReport(), jobs()));

    assertThat(rows).hasSize(3);
    List<String> header = rows.get(0);
    assertThat(header).isEqualTo(JobRow.COLUMNS);
    assertThat(header)
        .startsWith(
            "job_id",
            "created_at",
            "status",
            "test_type",
            "mesh_type",
            "rate",
            "connections",
            "duration_s",
            "requests",
            "errors",
            "error_rate",
            "throughput_rps",
            "p50_ms",
            "p90_ms",
            "p99_ms",
            "p99_9_ms",
            "max_ms",
            "p99_service_ms",
            "rate_sustained",
            "loadgen_cpu_percent");

    Map<String, String> istio = byColumn(header, rows.get(1));
    assertThat(istio)
        .containsEntry("job_id", "20260101-000000-http-istio-0001")
        .containsEntry("created_at", "2026-01-01T00:00:00Z")
        .containsEntry("status", "completed")
        .containsEntry("test_type", "http")
        .containsEntry("mesh_type", "istio")
        .containsEntry("rate", "1000")
        .containsEntry("connections", "8")
        .containsEntry("duration_s", "10")
        .containsEntry("requests", "9985")
        .containsEntry("errors", "10")
        .containsEntry("throughput_rps", "997.5")
        .containsEntry("p50_ms", "1.5")
        .containsEntry("p90_ms", "3")
        .containsEntry("p99_ms", "7.25")
        .containsEntry("p99_9_ms", "12")
        .containsEntry("max_ms", "40")
        .containsEntry("p99_service_ms", "5.8")
        .containsEntry("rate_sustained", "true")
        .containsEntry("loadgen_cpu_percent", "25")
        .containsEntry("error", "");
    assertThat(Double.parseDouble(istio.get("error_rate"))).isEqualTo(10 / 9985.0);
    assertThat(istio.get("error_rate")).doesNotContain("E");
    @SuppressWarnings("unchecked")
    Map<String, String> labels = Json.mapper().readValue(istio.get("labels"), Map.class);
    assertThat(labels).containsEntry("note", AWKWARD).containsEntry("run", "1");

    Map<String, String> failed = byColumn(header, rows.get(2));
    assertThat(failed)
        .containsEntry("status", "failed")
        .containsEntry("requests", "")
        .containsEntry("p99_ms", "")
        .containsEntry("duration_s", "10")
        .containsEntry("error", "could not connect to 10.0.0.1:80,\nis it up?");
  }

  @Test
  void quotingFollowsRfc4180() {
    assertThat(CsvReport.quote("plain")).isEqualTo("plain");
    assertThat(CsvReport.quote("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvReport.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CsvReport.quote("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(CsvReport.quote("")).isEmpty();
  }

  @Test
  void linesEndWithCrLf() throws Exception {
    String csv = write(new CsvReport(), List.of(job("x").build()));
    assertThat(csv).endsWith("\r\n");
    assertThat(csv.split("\r\n", -1)).hasSize(3); // header, row, and the empty rest
  }

  private static Map<String, String> byColumn(List<String> header, List<String> row) {
    assertThat(row).hasSameSizeAs(header);
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      m.put(header.get(i), row.get(i));
    }
    return m;
  }

  /** A strict RFC 4180 reader, independent of the writer's code. */
  static List<List<String>> parse(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        assertThat(field).as("quote inside an unquoted field at %d", i).isEmpty();
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        assertThat(c).as("bare line break at %d", i).isNotIn('\r', '\n');
        field.append(c);
      }
    }
    assertThat(quoted).as("unterminated quote").isFalse();
    assertThat(row).as("last line ends with CRLF").isEmpty();
    return rows;
  }
}
