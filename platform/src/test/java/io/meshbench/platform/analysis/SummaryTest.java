package io.meshbench.platform.analysis;

import static io.meshbench.platform.analysis.AnalysisFixtures.job;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.job.MeshType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {
  private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");

  /** http: 3 baseline jobs, 2 istio, 1 failed istio; grpc: linkerd only; one pending. */
  static List<JobDocument> history() {
    return List.of(
        job("h-istio-2")
            .mesh(MeshType.ISTIO)
            .createdAt("2026-01-05T00:00:00Z")
            .figures(3.0, 10.0, 700)
            .build(),
        job("h-base-1").createdAt("2026-01-01T00:00:00Z").figures(1.0, 4.0, 1000).build(),
        job("h-base-2").createdAt("2026-01-03T00:00:00Z").figures(2.0, 6.0, 900).build(),
        job("h-base-3").createdAt("2026-01-02T00:00:00Z").figures(1.5, 5.0, 950).build(),
        job("h-istio-1")
            .mesh(MeshType.ISTIO)
            .createdAt("2026-01-04T00:00:00Z")
            .figures(2.0, 8.0, 800)
            .build(),
        job("h-istio-failed")
            .mesh(MeshType.ISTIO)
            .createdAt("2026-01-09T00:00:00Z")
            .failed("could not connect")
            .build(),
        job("g-linkerd")
            .test(Protocol.GRPC)
            .mesh(MeshType.LINKERD)
            .createdAt("2026-01-06T00:00:00Z")
            .figures(4.0, 20.0, 500)
            .build(),
        job("h-cilium-pending")
            .mesh(MeshType.CILIUM)
            .status(JobStatus.PENDING)
            .result(null)
            .build());
  }

  @Test
  void mediansLatestAndOverheadComputedByHand() {
    Summary summary = Summary.of(history(), NOW);

    assertThat(summary.totalJobs()).isEqualTo(8);
    assertThat(summary.generatedAt()).isEqualTo(NOW);

    Summary.Group baseline = summary.group(Protocol.HTTP, MeshType.BASELINE).orElseThrow();
    assertThat(baseline.count()).isEqualTo(3);
    // p50 {1.0, 2.0, 1.5} → 1.5; p99 {4, 6, 5} → 5; rps {1000, 900, 950} → 950
    assertThat(baseline.median()).isEqualTo(new Summary.MedianOfJobs(1.5, 5.0, 950));
    assertThat(baseline.latest().jobId()).isEqualTo("h-base-2");
    assertThat(baseline.latest().p99Ms()).isEqualTo(6.0);
    assertThat(baseline.overheadVsBaseline()).as("the baseline against itself").isNull();

    Summary.Group istio = summary.group(Protocol.HTTP, MeshType.ISTIO).orElseThrow();
    assertThat(istio.count()).as("the failed istio job does not count").isEqualTo(2);
    // Even count: mean of the two middle values. p50 {2, 3} → 2.5; p99 {8, 10} → 9; rps → 750
    assertThat(istio.median()).isEqualTo(new Summary.MedianOfJobs(2.5, 9.0, 750));
    assertThat(istio.latest())
        .isEqualTo(
            new Summary.Latest("h-istio-2", Instant.parse("2026-01-05T00:00:00Z"), 3.0, 10.0, 700));
    // 2.5 − 1.5 = 1.0 ms = 66.667 %; 9 − 5 = 4 ms = 80 %; 750 − 950 = −200 rps = −21.053 %
    assertThat(istio.overheadVsBaseline())
        .isEqualTo(new Summary.Overhead(1.0, 66.667, 4.0, 80.0, -200.0, -21.053));

    Summary.Group linkerd = summary.group(Protocol.GRPC, MeshType.LINKERD).orElseThrow();
    assertThat(linkerd.count()).isEqualTo(1);
    assertThat(linkerd.median()).isEqualTo(new Summary.MedianOfJobs(4.0, 20.0, 500));
    assertThat(linkerd.overheadVsBaseline()).as("grpc has no baseline").isNull();

    assertThat(summary.group(Protocol.HTTP, MeshType.CILIUM)).as("pending only").isEmpty();
  }

  @Test
  void groupsAreOrderedByTestTypeThenBaselineThenMesh() {
    List<JobDocument> jobs =
        List.of(
            job("a").test(Protocol.GRPC).mesh(MeshType.CONSUL).build(),
            job("b").test(Protocol.HTTP).mesh(MeshType.LINKERD).build(),
            job("c").test(Protocol.GRPC).mesh(MeshType.BASELINE).build(),
            job("d").test(Protocol.HTTP).mesh(MeshType.ISTIO).build(),
            job("e").test(Protocol.HTTP2).mesh(MeshType.ISTIO_AMBIENT).build(),
            job("f").test(Protocol.HTTP).mesh(MeshType.BASELINE).build());

    List<String> order =
        Summary.of(jobs, NOW).groups().stream()
            .map(g -> g.testType() + "/" + g.meshType())
            .toList();

    assertThat(order)
        .containsExactly(
            "http/baseline",
            "http/istio",
            "http/linkerd",
            "http2/istio-ambient",
            "grpc/baseline",
            "grpc/consul");
  }

  @Test
  void latestBreaksCreatedAtTiesByJobId() {
    List<JobDocument> jobs =
        List.of(
            job("20260101-000000-http-baseline-000a").figures(1, 2, 3).build(),
            job("20260101-000000-http-baseline-000b").figures(4, 5, 6).build());
    Summary.Group g = Summary.of(jobs, NOW).groups().get(0);
    assertThat(g.latest().jobId()).isEqualTo("20260101-000000-http-baseline-000b");
  }

  @Test
  void percentagesAreNullAgainstAZeroBaseline() {
    List<JobDocument> jobs =
        List.of(
            job("base").figures(0, 0, 0).build(),
            job("mesh").mesh(MeshType.ISTIO).figures(1, 2, 100).build());
    Summary.Overhead o =
        Summary.of(jobs, NOW)
            .group(Protocol.HTTP, MeshType.ISTIO)
            .orElseThrow()
            .overheadVsBaseline();
    assertThat(o).isEqualTo(new Summary.Overhead(1.0, null, 2.0, null, 100.0, null));
  }

  @Test
  void noJobsNoGroups() {
    Summary summary = Summary.of(List.of(), NOW);
    assertThat(summary.groups()).isEmpty();
    assertThat(summary.totalJobs()).isZero();
  }

  @Test
  void jsonIsSnakeCaseWithTheDocumentedShape() throws Exception {
    JsonNode json = Json.mapper().valueToTree(Summary.of(history(), NOW));

    assertThat(json.get("total_jobs").asInt()).isEqualTo(8);
    assertThat(json.get("generated_at").asText()).isEqualTo("2026-02-01T12:00:00Z");
    JsonNode base = json.get("groups").get(0);
    assertThat(base.get("test_type").asText()).isEqualTo("http");
    assertThat(base.get("mesh_type").asText()).isEqualTo("baseline");
    assertThat(base.get("overhead_vs_baseline").isNull()).isTrue();
    JsonNode istio = json.get("groups").get(1);
    assertThat(istio.get("count").asInt()).isEqualTo(2);
    assertThat(fieldNames(istio.get("latest")))
        .containsExactly("job_id", "created_at", "p50_ms", "p99_ms", "throughput_rps");
    assertThat(fieldNames(istio.get("median")))
        .containsExactly("p50_ms", "p99_ms", "throughput_rps");
    assertThat(fieldNames(istio.get("overhead_vs_baseline")))
        .containsExactly(
            "p50_ms", "p50_pct", "p99_ms", "p99_pct", "throughput_rps", "throughput_pct");
    assertThat(istio.get("overhead_vs_baseline").get("p99_pct").asDouble()).isEqualTo(80.0);
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
