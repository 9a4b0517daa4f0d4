package io.meshbench.platform.analysis;

import static io.meshbench.platform.analysis.AnalysisFixtures.job;
import static io.meshbench.platform.analysis.AnalysisFixtures.latency;
import static io.meshbench.platform.analysis.AnalysisFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshbench.engine.spec.Arrival;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.job.MeshType;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {

  static JobDocument baseline() {
    return job("base").result(result(latency(2.0, 4.0, 10.0, 20.0, 50.0), 1000, 0)).build();
  }

  static JobDocument istio() {
    return job("istio")
        .mesh(MeshType.ISTIO)
        .result(result(latency(3.0, 5.0, 12.5, 30.0, 40.0), 900, 91))
        .labels(Map.of("run", "a"))
        .build();
  }

  @Test
  void aMeshMatrixIsComparedMeshByMesh() {
    RunResult first = result(latency(1.0, 2.0, 5.0, 9.0, 20.0), 1000, 0);
    RunResult second = result(latency(1.5, 2.5, 7.0, 11.0, 25.0), 1000, 0);
    MatrixResult.MeshRun baseline =
        new MatrixResult.MeshRun(
            MeshType.BASELINE, "completed", null, first, List.of(first, second), null);
    MatrixResult.MeshRun linkerd =
        new MatrixResult.MeshRun(
            MeshType.LINKERD, "cancelled", "stopped before this mesh ran", null, List.of(), null);
    List<MatrixResult.MeshRun> runs = List.of(baseline, linkerd);
    JobDocument matrix =
        job("m")
            .build()
            .withMatrix(new MatrixResult(MatrixReport.of(runs, 2), List.of("baseline 1/2"), runs));

    Comparison c = Comparison.of(List.of(istio(), matrix));

    assertThat(c.jobs())
        .extracting(Comparison.Entry::jobId)
        .containsExactly("istio", "m/baseline", "m/linkerd");
    Comparison.Entry base = c.jobs().get(1);
    assertThat(base.meshType()).isEqualTo(MeshType.BASELINE);
    assertThat(base.problem()).isNull();
    assertThat(base.figures().p99Ms()).isEqualTo(5.0);
    assertThat(base.iterations()).as("the mesh's own iterations").isNotNull();
    assertThat(base.deltaVsFirst().p99Ms()).isEqualTo(-7.5);
    Comparison.Entry cancelled = c.jobs().get(2);
    assertThat(cancelled.meshType()).isEqualTo(MeshType.LINKERD);
    assertThat(cancelled.problem()).isEqualTo("cancelled: stopped before this mesh ran");
    assertThat(c.allComparable()).isFalse();
  }

  @Test
  void deltasAreAgainstTheFirstJob() {
    Comparison c = Comparison.of(List.of(baseline(), istio()));

    assertThat(c.referenceJobId()).isEqualTo("base");
    assertThat(c.jobs()).extracting(Comparison.Entry::jobId).containsExactly("base", "istio");
    assertThat(c.jobs().get(0).deltaVsFirst()).as("the reference has no delta").isNull();

    Comparison.Entry istio = c.jobs().get(1);
    assertThat(istio.meshType()).isEqualTo(MeshType.ISTIO);
    assertThat(istio.labels()).containsEntry("run", "a");
    // 9000 successes + 91 errors in 10 s: error rate 91 / 9091
    assertThat(istio.figures())
        .isEqualTo(new Comparison.Figures(3.0, 5.0, 12.5, 30.0, 40.0, 900, 91 / 9091.0, 9091, 91));
    Comparison.Delta d = istio.deltaVsFirst();
    assertThat(d.p50Ms()).isEqualTo(1.0);
    assertThat(d.p50Pct()).isEqualTo(50.0);
    assertThat(d.p90Ms()).isEqualTo(1.0);
    assertThat(d.p90Pct()).isEqualTo(25.0);
    assertThat(d.p99Ms()).isEqualTo(2.5);
    assertThat(d.p99Pct()).isEqualTo(25.0);
    assertThat(d.p99_9Ms()).isEqualTo(10.0);
    assertThat(d.p99_9Pct()).isEqualTo(50.0);
    assertThat(d.maxMs()).isEqualTo(-10.0);
    assertThat(d.maxPct()).isEqualTo(-20.0);
    assertThat(d.throughputRps()).isEqualTo(-100.0);
    assertThat(d.throughputPct()).isEqualTo(-10.0);
    assertThat(d.errorRate()).isEqualTo(0.01001); // 0.010010 rounded to six decimals
    assertThat(d.errorRatePct()).as("relative to an error rate of 0").isNull();
  }

  @Test
  void iterationsGiveAStudentTConfidenceInterval() {
    List<RunResult> runs =
        List.of(
            result(latency(1, 2, 10.0, 20, 30), 1000, 0),
            result(latency(1, 2, 12.0, 20, 30), 1010, 0),
            result(latency(1, 2, 14.0, 20, 30), 990, 0));
    JobDocument repeated = job("rep").iterations(runs).build();

    Comparison c = Comparison.of(List.of(baseline(), repeated));

    assertThat(c.jobs().get(0).iterations()).as("no iterations").isNull();
    Comparison.Iterations it = c.jobs().get(1).iterations();
    assertThat(it.count()).isEqualTo(3);
    // p99 {10, 12, 14}: mean 12, s 2, t(0.975, 2) = 4.3027 → ± 4.3027 · 2 / √3 = ± 4.968
    assertThat(it.p99Ms()).isEqualTo(new ConfidenceInterval(12.0, 7.032, 16.968, 4.968, 3));
    // rps {1000, 1010, 990}: mean 1000, s 10 → ± 24.842
    assertThat(it.throughputRps())
        .isEqualTo(new ConfidenceInterval(1000.0, 975.158, 1024.842, 24.842, 3));
  }

  @Test
  void oneIterationHasNoInterval() {
    JobDocument once = job("once").iterations(List.of(result(1, 5, 1000))).build();
    assertThat(Comparison.of(List.of(baseline(), once)).jobs().get(1).iterations()).isNull();
  }

  @Test
  void notesSayWhatIsNotLikeForLike() {
    RunResult behind = withRateNotSustained(result(1, 5, 1000));
    JobDocument other = job("other").rate(2000).result(behind).build();

    Comparison c = Comparison.of(List.of(baseline(), other));

    assertThat(c.notes())
        .containsExactly(
            "jobs differ in rate (1000, 2000)",
            "other did not sustain its requested rate: "
                + behind.unsent()
                + " requests were never sent and are in no percentile, so its corrected latency"
                + " understates the wait");
    assertThat(Comparison.of(List.of(baseline(), istio())).notes()).isEmpty();
  }

  /** A Poisson run against a constant one, or a longer warm-up, is another workload. */
  @Test
  void notesNameEveryWorkloadSettingThatDiffers() {
    LoadSpec constant =
        LoadSpec.builder(Protocol.HTTP, "http://127.0.0.1:8080/").rateRps(1000).build();
    LoadSpec poisson =
        LoadSpec.builder(Protocol.HTTP, "http://127.0.0.1:8080/")
            .rateRps(1000)
            .arrival(Arrival.POISSON)
            .timeoutMs(500)
            .build();
    JobDocument a = job("a").loadSpec(constant).build();
    JobDocument b = job("b").loadSpec(poisson).warmup(10).build();

    assertThat(Comparison.of(List.of(a, b)).notes())
        .containsExactly(
            "jobs differ in warmup (1, 10)",
            "jobs differ in arrival (constant, poisson)",
            "jobs differ in timeout_ms (" + constant.timeoutMs() + ", 500)");
    assertThat(Comparison.of(List.of(a, job("c").loadSpec(constant).build())).notes()).isEmpty();
    LoadSpec reseeded =
        LoadSpec.builder(Protocol.HTTP, "http://127.0.0.1:8080/")
            .rateRps(1000)
            .arrival(Arrival.POISSON)
            .timeoutMs(500)
            .seed(poisson.seed() + 1)
            .build();
    assertThat(Comparison.of(List.of(b, job("d").loadSpec(reseeded).warmup(10).build())).notes())
        .containsExactly(
            "jobs differ in seed (" + poisson.seed() + ", " + (poisson.seed() + 1) + ")");
    LoadSpec constantReseeded =
        LoadSpec.builder(Protocol.HTTP, "http://127.0.0.1:8080/")
            .rateRps(1000)
            .seed(constant.seed() + 1)
            .build();
    assertThat(Comparison.of(List.of(a, job("e").loadSpec(constantReseeded).build())).notes())
        .as("a constant schedule does not depend on its seed")
        .isEmpty();
    assertThat(Comparison.of(List.of(a, baseline())).notes())
        .as("a document without an engine spec is not a difference")
        .isEmpty();
  }

  @Test
  void refusesTooFewOrTooManyAndKeepsFailedJobsAsProblems() {
    assertThatThrownBy(() -> Comparison.of(List.of(baseline())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("ids")
        .hasMessageContaining("between 2 and 20");
    assertThatThrownBy(() -> Comparison.of(Collections.nCopies(21, baseline())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 21");
    JobDocument failed = job("broken").failed("could not connect").build();
    Comparison c = Comparison.of(List.of(baseline(), failed));
    assertThat(c.allComparable()).isFalse();
    Comparison.Entry broken = c.jobs().get(1);
    assertThat(broken.problem()).isEqualTo("failed: could not connect");
    assertThat(broken.figures()).isNull();
    assertThat(broken.deltaVsFirst()).isNull();
    assertThat(broken.overhead()).isNull();
    Comparison reversed = Comparison.of(List.of(failed, baseline()));
    assertThat(reversed.jobs().get(1).figures()).isNotNull();
    assertThat(reversed.jobs().get(1).deltaVsFirst()).as("no reference to compare with").isNull();
  }

  @Test
  void overheadHasWelchIntervalsWhenBothSidesHaveIterations() {
    JobDocument base =
        job("base")
            .iterations(
                List.of(
                    result(latency(2.0, 4, 10.0, 20, 50), 1000, 0),
                    result(latency(2.1, 4, 10.4, 20, 50), 1000, 0),
                    result(latency(1.9, 4, 9.6, 20, 50), 1000, 0)))
            .build();
    JobDocument mesh =
        job("mesh")
            .mesh(MeshType.ISTIO)
            .iterations(
                List.of(
                    result(latency(3.0, 5, 13.0, 30, 60), 990, 0),
                    result(latency(3.2, 5, 13.4, 30, 60), 1010, 0),
                    result(latency(2.8, 5, 12.6, 30, 60), 1000, 0)))
            .build();
    Overhead o = Comparison.of(List.of(base, mesh)).jobs().get(1).overhead();
    assertThat(o.method()).isEqualTo(DifferenceInterval.METHOD);
    assertThat(o.p99Ms().delta()).isEqualTo(3.0);
    assertThat(o.p99Ms().deltaPct()).isEqualTo(30.0);
    assertThat(o.p99Ms().significant()).isTrue();
    assertThat(o.p99Ms().ci95Low()).isLessThan(3.0).isPositive();
    assertThat(o.throughputRps().significant()).as("1000 vs 1000 ± 10").isFalse();
    assertThat(o.note()).contains("not significant").contains("throughput");
  }

  @Test
  void oneIterationGivesADeltaButNoInterval() {
    Overhead o = Comparison.of(List.of(baseline(), istio())).jobs().get(1).overhead();
    assertThat(o.method()).isNull();
    assertThat(o.note()).isEqualTo(Overhead.ONE_ITERATION);
    assertThat(o.p99Ms().delta()).isEqualTo(2.5);
    assertThat(o.p99Ms().hasInterval()).isFalse();
    assertThat(o.p99Ms().significant()).isNull();
  }

  @Test
  void jsonIsSnakeCase() {
    JsonNode json = Json.mapper().valueToTree(Comparison.of(List.of(baseline(), istio())));

    assertThat(json.get("reference_job_id").asText()).isEqualTo("base");
    JsonNode second = json.get("jobs").get(1);
    assertThat(SummaryTest.fieldNames(second))
        .containsExactly(
            "job_id",
            "status",
            "test_type",
            "mesh_type",
            "created_at",
            "labels",
            "problem",
            "figures",
            "delta_vs_first",
            "overhead",
            "iterations");
    assertThat(second.get("mesh_type").asText()).isEqualTo("istio");
    assertThat(second.get("figures").get("p99_9_ms").asDouble()).isEqualTo(30.0);
    assertThat(second.get("delta_vs_first").get("p99_pct").asDouble()).isEqualTo(25.0);
    assertThat(second.get("delta_vs_first").get("error_rate_pct").isNull()).isTrue();
    assertThat(json.get("jobs").get(0).get("delta_vs_first").isNull()).isTrue();
  }

  private static RunResult withRateNotSustained(RunResult r) {
    return new RunResult(
        r.requests(),
        r.errors(),
        r.errorKinds(),
        r.statusCodes(),
        r.scheduled() * 2,
        r.sent(),
        r.maxLagMs(),
        false,
        r.requestedRateRps(),
        r.sendRateRps(),
        r.durationS(),
        r.throughputRps(),
        r.bytesSent(),
        r.bytesReceived(),
        r.connections(),
        r.connects(),
        r.latencyMs(),
        r.serviceTimeMs(),
        r.histogram(),
        r.serviceHistogram(),
        r.connectTimeMs(),
        r.connectHistogram(),
        r.timeseries(),
        r.loadgenCpuPercent(),
        r.loadgenSaturated(),
        r.inferencesPerS(),
        r.firstError(),
        r.scheduled(),
        0,
        0,
        0,
        0,
        0);
  }
}
