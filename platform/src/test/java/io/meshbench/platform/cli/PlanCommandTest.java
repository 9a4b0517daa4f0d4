package io.meshbench.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.meshbench.platform.cluster.KubernetesNames;
import io.meshbench.platform.cluster.PlanChecks;
import io.meshbench.platform.job.MeshType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Golden tests of {@code meshbench plan}, one per mesh. Set {@code MESHBENCH_UPDATE_GOLDEN=1} to
 * rewrite the files after an intended change, then review the diff.
 */
class PlanCommandTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/plan");

  @ParameterizedTest
  @EnumSource(MeshType.class)
  void planMatchesGolden(MeshType mesh) throws IOException {
    CliHarness cli = plan(mesh);
    assertThat(cli.exitCode).as(cli.toString()).isZero();
    Path golden = GOLDEN.resolve(mesh.wireName() + ".yaml");
    if (System.getenv("MESHBENCH_UPDATE_GOLDEN") != null) {
      Files.writeString(golden, cli.out, StandardCharsets.UTF_8);
    }
    assertThat(cli.out).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @EnumSource(MeshType.class)
  void everyObjectReadsBackAsItsKubernetesType(MeshType mesh) {
    List<HasMetadata> objects = PlanChecks.parse(plan(mesh).out);
    PlanChecks.assertValid(objects, mesh);
  }

  /**
   * Kubernetes counts a Job's deadline from its creation, so a plan applied now for a start two
   * hours ahead must not be killed before it starts.
   */
  @Test
  void aLaterStartLengthensTheWorkersDeadlineByTheWait() {
    long waitS = 2 * 3600;
    CliHarness cli =
        CliHarness.run(
            "plan",
            "--image",
            "m:t",
            "--duration",
            "30s",
            "--start-at",
            Long.toString(System.currentTimeMillis() + waitS * 1000));
    assertThat(cli.exitCode).as(cli.toString()).isZero();
    Job workers =
        PlanChecks.parse(cli.out).stream()
            .filter(Job.class::isInstance)
            .map(Job.class::cast)
            .findFirst()
            .orElseThrow();
    long deadlineS = workers.getSpec().getActiveDeadlineSeconds();
    assertThat(deadlineS).isBetween(waitS + 30 + 1, waitS + 30 + 3600);
    assertThat(cli.err).isEmpty();
  }

  /** A start already past plans (the workers start at once) and says so on stderr. */
  @Test
  void aStartInThePastIsToldOnStderr() {
    CliHarness cli =
        CliHarness.run(
            "plan",
            "--image",
            "m:t",
            "--start-at",
            Long.toString(System.currentTimeMillis() - 3_600_000));
    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.err).contains("--start-at is 3600 s in the past");
    assertThat(cli.out).contains("activeDeadlineSeconds");
  }

  /** A generated id of the longest test type and mesh names plans, and its names still fit. */
  @ParameterizedTest
  @EnumSource(MeshType.class)
  void everyMeshPlansTheLongestTestTypeWithAGeneratedId(MeshType mesh) {
    CliHarness cli =
        CliHarness.run(
            "plan", "--test-type", "websocket", "--mesh-type", mesh.wireName(), "--image", "m:t");
    assertThat(cli.exitCode).as(cli.toString()).isZero();
    List<HasMetadata> objects = PlanChecks.parse(cli.out);
    PlanChecks.assertValid(objects, mesh);
    for (HasMetadata o : objects) {
      assertThat(o.getMetadata().getName().length())
          .as(o.getMetadata().getName())
          .isLessThanOrEqualTo(58);
    }
  }

  @Test
  void connectionsAreSharedExactlyAndNeverFewerThanWorkers() {
    CliHarness three =
        CliHarness.run("plan", "--workers", "3", "--connections", "32", "--image", "m:t");
    assertThat(three.exitCode).as(three.toString()).isZero();
    assertThat(three.out)
        .contains("\\\"connections\\\":10")
        .contains("MESHBENCH_EXTRA_CONNECTIONS");
    CliHarness tooFew =
        CliHarness.run("plan", "--workers", "5", "--connections", "3", "--image", "m:t");
    assertThat(tooFew.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(tooFew.err).contains("--connections (3) must be at least workers (5)");
  }

  @Test
  void aLongIdKeepsItsRandomEndInTheNames() {
    String first =
        KubernetesNames.objectBase("20261202-172927-websocket-istio-ambient-ec0fd89700ca");
    String second =
        KubernetesNames.objectBase("20261202-172927-websocket-istio-ambient-0123456789ab");
    assertThat(first).hasSizeLessThanOrEqualTo(50).endsWith("-ec0fd89700ca").startsWith("mb-2026");
    assertThat(second).isNotEqualTo(first);
  }

  static CliHarness plan(MeshType mesh) {
    return CliHarness.run(
        "plan",
        "--test-type",
        "http",
        "--mesh-type",
        mesh.wireName(),
        "--namespace",
        "bench",
        "--workers",
        "2",
        "--rate",
        "1000",
        "--duration",
        "30s",
        "--image",
        "meshbench:test",
        "--job-id",
        "20261201-000000-http-" + mesh.wireName() + "-abcd",
        "--start-at",
        "1700000000000");
  }
}
