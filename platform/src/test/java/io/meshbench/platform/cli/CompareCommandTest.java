package io.meshbench.platform.cli;

import static io.meshbench.platform.analysis.AnalysisFixtures.job;
import static io.meshbench.platform.analysis.AnalysisFixtures.latency;
import static io.meshbench.platform.analysis.AnalysisFixtures.matrixJob;
import static io.meshbench.platform.analysis.AnalysisFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.job.MeshType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshbench compare} end to end, on documents written the way {@code run} writes them. */
class CompareCommandTest {
  private static final String BASE_ID = "20260101-000000-http-baseline-aaaa";
  private static final String ISTIO_ID = "20260101-001000-http-istio-bbbb";
  private static final String MATRIX_ID = "20260101-002000-http-baseline-cccc";

  @TempDir Path dir;

  private Path write(String name, JobDocument doc) {
    Path file = dir.resolve(name);
    DocumentFiles.write(file, doc);
    return file;
  }

  private Path baseline() {
    return write(
        "base.json",
        job(BASE_ID).result(result(latency(2.0, 4.0, 10.0, 20.0, 50.0), 1000, 0)).build());
  }

  private Path istio() {
    return write(
        "istio.json",
        job(ISTIO_ID)
            .mesh(MeshType.ISTIO)
            .result(result(latency(3.0, 5.0, 12.5, 30.0, 40.0), 900, 0))
            .build());
  }

  @Test
  void printsBothJobsSideBySideWithDeltas() {
    CliHarness r = CliHarness.run("compare", baseline().toString(), istio().toString());

    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.err).isEmpty();
    assertThat(r.out).contains(BASE_ID).contains(ISTIO_ID).contains("deltas against #1");
    assertThat(line(r.out, "p99 ms")).contains("10.000").contains("12.500 (+2.500, +25.0%)");
    assertThat(line(r.out, "p50 ms")).contains("3.000 (+1.000, +50.0%)");
    assertThat(line(r.out, "throughput rps")).contains("900.0 (-100.0, -10.0%)");
    assertThat(line(r.out, "error rate %")).contains("0.000 (+0.000 pp, n/a)");
    assertThat(r.out).doesNotContain("across iterations");
    assertThat(line(r.out, "Δ p99 ms")).contains("+2.500 (+25.0%) [no CI]");
    assertThat(r.out).contains("no confidence interval can be given");
  }

  @Test
  void tableColumnsLineUp() {
    CliHarness r = CliHarness.run("compare", baseline().toString(), istio().toString());
    List<String> rows =
        r.out
            .lines()
            .filter(l -> l.startsWith("  ") && !l.startsWith("  #") && !l.contains("interval"))
            .filter(l -> l.trim().contains("  "))
            .toList();
    assertThat(rows).hasSizeGreaterThan(8);
    // Cells are right-aligned to common widths: every row ends at the same column.
    assertThat(rows.stream().map(String::length).distinct()).hasSize(1);
  }

  @Test
  void aFailedJobSaysSoInItsRowAndExitsOne() {
    Path failed = write("failed.json", job("broken").failed("could not connect").build());
    CliHarness r = CliHarness.run("compare", baseline().toString(), failed.toString());
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(line(r.out, "status")).contains("completed").contains("failed");
    assertThat(line(r.out, "p99 ms")).contains("—").doesNotContain("0.000 (");
    assertThat(r.out).contains("! #2 broken cannot be compared: failed: could not connect");
    assertThat(r.err).contains("job broken failed: could not connect");
  }

  @Test
  void showsConfidenceIntervalsWhenIterationsExist() {
    Path repeated =
        write(
            "rep.json",
            job("rep")
                .iterations(
                    List.of(
                        result(latency(1, 2, 10.0, 20, 30), 1000, 0),
                        result(latency(1, 2, 12.0, 20, 30), 1010, 0),
                        result(latency(1, 2, 14.0, 20, 30), 990, 0)))
                .build());

    CliHarness r = CliHarness.run("compare", baseline().toString(), repeated.toString());

    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.out).contains("across iterations: mean ± 95% CI");
    assertThat(r.out).contains("12.000 ± 4.968").contains("1000.0 ± 24.8");
  }

  @Test
  void jsonIsTheComparison() throws Exception {
    CliHarness r =
        CliHarness.run("compare", "--format", "json", baseline().toString(), istio().toString());

    assertThat(r.exitCode).as(r.toString()).isZero();
    JsonNode json = Json.mapper().readTree(r.out);
    assertThat(json.get("reference_job_id").asText()).isEqualTo(BASE_ID);
    assertThat(json.get("jobs").get(1).get("delta_vs_first").get("p99_ms").asDouble())
        .isEqualTo(2.5);
  }

  @Test
  void fewerThanTwoFilesIsAUsageError() {
    CliHarness r = CliHarness.run("compare", baseline().toString());
    assertUsage(r, "2 to 20 job documents (got 1)");
    assertUsage(CliHarness.run("compare"), "(got 0)");
  }

  @Test
  void unknownFormatIsAUsageError() {
    CliHarness r =
        CliHarness.run("compare", "--format", "xml", baseline().toString(), istio().toString());
    assertUsage(r, "--format must be text or json");
  }

  @Test
  void missingFileExitsOneNamingIt() {
    Path missing = dir.resolve("nope.json");
    CliHarness r = CliHarness.run("compare", baseline().toString(), missing.toString());
    assertFailure(r, missing + ": no such file");
  }

  @Test
  void invalidJsonExitsOneNamingTheFile() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.json"), "{ this is not json");
    CliHarness r = CliHarness.run("compare", baseline().toString(), junk.toString());
    assertFailure(r, junk + ": not a job document (invalid JSON at line 1");
  }

  @Test
  void otherJsonExitsOneNamingTheFile() throws Exception {
    Path other = Files.writeString(dir.resolve("other.json"), "{\"hello\": \"world\"}");
    CliHarness r = CliHarness.run("compare", other.toString(), baseline().toString());
    assertFailure(r, other + ": not a job document (no job_id or status)");

    Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");
    assertFailure(
        CliHarness.run("compare", array.toString(), baseline().toString()),
        array + ": not a job document (");

    Path badMesh =
        Files.writeString(
            dir.resolve("mesh.json"),
            "{\"job_id\": \"x\", \"status\": \"completed\", \"spec\": {\"mesh_type\": \"kuma\"}}");
    assertFailure(
        CliHarness.run("compare", badMesh.toString(), baseline().toString()),
        badMesh + ": not a job document (spec.mesh_type must be one of");

    Path badNumber =
        Files.writeString(
            dir.resolve("number.json"),
            "{\"job_id\": \"x\", \"status\": \"completed\", \"spec\": {\"duration\": \"x\"}}");
    assertFailure(
        CliHarness.run("compare", badNumber.toString(), baseline().toString()),
        badNumber + ": not a job document (spec.duration must be a number (got \"x\"))");

    Path badStatus =
        Files.writeString(dir.resolve("status.json"), "{\"job_id\": \"x\", \"status\": []}");
    assertFailure(
        CliHarness.run("compare", badStatus.toString(), baseline().toString()),
        badStatus + ": not a job document (status must be one of pending, running, completed");
  }

  @Test
  void aPendingJobExitsOneNamingIt() {
    Path pending =
        write("pending.json", job("later").status(JobStatus.PENDING).result(null).build());
    CliHarness r = CliHarness.run("compare", pending.toString(), baseline().toString());
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err).contains("job later pending");
    assertThat(line(r.out, "status")).contains("pending");
  }

  @Test
  void directoryExitsOneNamingIt() {
    CliHarness r = CliHarness.run("compare", baseline().toString(), dir.toString());
    assertFailure(r, dir + ": is a directory");
  }

  @Test
  void helpShowsAnExample() {
    CliHarness r = CliHarness.run("compare", "--help");
    assertThat(r.exitCode).isZero();
    assertThat(r.err).as("picocli warns about unescaped %% in help text").isEmpty();
    assertThat(r.out).contains("Examples:").contains("meshbench compare baseline.json");
    assertThat(CliHarness.run("--help").out).contains("compare");
  }

  private Path matrix() {
    return write("matrix.json", matrixJob(MATRIX_ID));
  }

  @Test
  void aMeshMatrixFileIsComparedMeshByMesh() {
    CliHarness r = CliHarness.run("compare", istio().toString(), matrix().toString());

    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.out).contains(MATRIX_ID + "/baseline").contains(MATRIX_ID + "/linkerd");
    assertThat(line(r.out, "p99 ms")).contains("12.500").contains("11.000 (-1.500, -12.0%)");
  }

  private static String line(String out, String label) {
    return out.lines()
        .filter(l -> l.strip().startsWith(label + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line '" + label + "' in\n" + out));
  }

  private static void assertUsage(CliHarness r, String message) {
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err.strip().lines()).as(r.toString()).hasSize(1);
    assertThat(r.err).contains(message).contains("meshbench compare");
    assertThat(r.out).isEmpty();
  }

  private static void assertFailure(CliHarness r, String message) {
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err.strip().lines()).as(r.toString()).hasSize(1);
    assertThat(r.err).as(r.toString()).contains(message);
    assertThat(r.out).isEmpty();
  }
}
