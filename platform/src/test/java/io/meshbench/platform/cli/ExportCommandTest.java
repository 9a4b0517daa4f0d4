package io.meshbench.platform.cli;

import static io.meshbench.platform.analysis.AnalysisFixtures.matrixJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshbench.platform.job.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshbench export} end to end, on documents written the way {@code run} writes them. */
class ExportCommandTest {
  @TempDir Path dir;

  @Test
  void aMeshMatrixFileIsExportedMeshByMesh() throws Exception {
    Path file = dir.resolve("matrix.json");
    DocumentFiles.write(file, matrixJob("20260101-002000-http-baseline-cccc"));

    CliHarness r = CliHarness.run("export", "--format", "smp", file.toString());

    assertThat(r.exitCode).as(r.toString()).isZero();
    JsonNode smp = Json.mapper().readTree(r.out);
    assertThat(smp.isArray()).as(r.out).isTrue();
    assertThat(smp).hasSize(2);
  }
}
