package io.meshbench.platform.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobFixtures;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.job.MeshType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison of a mesh matrix, and the matrix job document it lives in. */
class MatrixReportTest {

  @Test
  void overheadIsTheMeanOfPairedPerIterationDifferencesAgainstBaseline() {
    // istio listed first: baseline is still the reference when it is in the matrix.
    MatrixResult.MeshRun istio =
        run(
            MeshType.ISTIO,
            AnalysisFixtures.result(2.0, 10.0, 990),
            AnalysisFixtures.result(2.5, 14.0, 980));
    MatrixResult.MeshRun baseline =
        run(
            MeshType.BASELINE,
            AnalysisFixtures.result(1.0, 5.0, 1000),
            AnalysisFixtures.result(1.5, 7.0, 1000));

    MatrixReport report = MatrixReport.of(List.of(istio, baseline), 2);

    assertThat(report.referenceMesh()).isEqualTo(MeshType.BASELINE);
    MatrixReport.Row row = report.meshes().get(0);
    assertThat(row.meshType()).isEqualTo(MeshType.ISTIO);
    // differences 5 and 7: mean 6, two values, so an interval exists around it
    assertThat(row.p99OverheadMs().mean()).isEqualTo(6.0);
    assertThat(row.p99OverheadMs().ci95().n()).isEqualTo(2);
    assertThat(row.p99OverheadMs().ci95().ci95Low()).isLessThan(6.0);
    assertThat(row.throughputOverheadRps().mean()).isEqualTo(-15.0);
    assertThat(report.meshes().get(1).p99OverheadMs()).isNull();
  }

  @Test
  void aMatrixDocumentReadsBackAsWritten() throws Exception {
    MatrixResult.MeshRun baseline =
        run(
            MeshType.BASELINE,
            AnalysisFixtures.result(1.0, 5.0, 1000),
            AnalysisFixtures.result(1.5, 7.0, 1000));
    MatrixResult.MeshRun linkerd =
        new MatrixResult.MeshRun(
            MeshType.LINKERD,
            "cancelled",
            "the mesh matrix stopped before this mesh ran: cancelled",
            null,
            List.of(),
            null);
    List<MatrixResult.MeshRun> runs = List.of(baseline, linkerd);
    MatrixResult matrix =
        new MatrixResult(MatrixReport.of(runs, 2), List.of("baseline 1/2", "linkerd 1/2"), runs);
    JobDocument base = JobFixtures.document();
    JobDocument doc =
        base.withRun(base.environment(), base.loadSpec(), null, List.of())
            .withMatrix(matrix)
            .finished(JobStatus.CANCELLED, Instant.parse("2026-12-02T05:00:00Z"), "stopped");

    String json = Json.mapper().writeValueAsString(doc);
    JobDocument read = Json.mapper().readValue(json, JobDocument.class);

    assertThat(read).isEqualTo(doc);
    assertThat(Json.mapper().readTree(json).at("/matrix/meshes/1/result").isNull()).isTrue();
  }

  private static MatrixResult.MeshRun run(MeshType mesh, RunResult first, RunResult second) {
    return new MatrixResult.MeshRun(mesh, "completed", null, first, List.of(first, second), null);
  }
}
