package io.meshbench.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobFixtures;
import io.meshbench.platform.job.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code meshbench run} end to end, in-process, against real servers on loopback. */
class RunCommandTest {
  @TempDir Path dir;

  @Test
  void runsAgainstTheBuiltInTargetAndWritesTheDocument() throws IOException {
    Path doc = dir.resolve("r.json");
    CliHarness r =
        CliHarness.run(
            "run",
            "--duration",
            "2s",
            "--warmup",
            "300ms",
            "--rate",
            "300",
            "--connections",
            "4",
            "--output",
            doc.toString(),
            "--label",
            "suite=cli");
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.out)
        .contains("(built-in target)")
        .contains("Latency (ms)   corrected    service")
        .contains("p99.99")
        .contains("rate sustained")
        .contains("Job document written to");

    JobDocument job = Json.mapper().readValue(doc.toFile(), JobDocument.class);
    assertThat(job.status().wireName()).isEqualTo("completed");
    assertThat(job.spec().serviceUrl()).isNull();
    assertThat(job.spec().labels()).containsEntry("suite", "cli");
    assertThat(job.loadSpec().target()).startsWith("http://127.0.0.1:");
    assertThat(job.result().errors()).isZero();
    assertThat(job.result().scheduled()).isBetween(598L, 602L);
    assertThat(job.result().sent()).isEqualTo(job.result().scheduled());
    assertThat(job.result().throughputRps()).isBetween(300 * 0.97, 300 * 1.03);
    assertThat(job.result().statusCodes()).containsOnlyKeys("200");
    assertThat(job.result().timeseries()).hasSize(2);
  }

  @Test
  void grpcRunsAgainstTheBuiltInTargetsEchoService() throws IOException {
    Path doc = dir.resolve("grpc.json");
    CliHarness r =
        CliHarness.run(
            "run",
            "--protocol",
            "grpc",
            "--duration",
            "2s",
            "--warmup",
            "500ms",
            "--rate",
            "300",
            "--connections",
            "4",
            "--output",
            doc.toString());
    assertThat(r.exitCode).as(r.toString()).isZero();

    JobDocument job = Json.mapper().readValue(doc.toFile(), JobDocument.class);
    assertThat(job.loadSpec().target()).startsWith("127.0.0.1:");
    assertThat(job.result().errors()).isZero();
    assertThat(job.result().sent()).isEqualTo(job.result().scheduled()).isBetween(598L, 602L);
    assertThat(job.result().throughputRps()).isBetween(300 * 0.97, 300 * 1.03);
    assertThat(job.result().statusCodes()).containsOnlyKeys("OK");
  }

  @Test
  void anUnknownGrpcMethodListsTheServicesAndExitsTwo() {
    CliHarness r =
        CliHarness.run(
            "run",
            "--protocol",
            "grpc",
            "--duration",
            "1s",
            "--grpc-method",
            "meshbench.echo.v1.Nope/Unary");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err.strip().lines()).as(r.toString()).hasSize(1);
    assertThat(r.err)
        .contains("--grpc-method service 'meshbench.echo.v1.Nope' is not offered")
        .contains("grpc.health.v1.Health")
        .contains("meshbench.echo.v1.Echo");
    assertThat(r.out).isEmpty();
  }

  @Test
  void anOutputBelowAFileIsAUsageErrorBeforeAnyLoad(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    Path file = Files.writeString(tmp.resolve("r1.json"), "kept");
    for (String verb : new String[] {"run", "search", "export"}) {
      CliHarness r =
          verb.equals("export")
              ? CliHarness.run("export", "--format", "csv", "-o", file + "/x.csv", file.toString())
              : verb.equals("search")
                  ? CliHarness.run("search", "--slo", "p99<=1s", "-o", file + "/x.json")
                  : CliHarness.run("run", "--duration", "1s", "-o", file + "/x.json");
      assertThat(r.exitCode).as(verb + ": " + r).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err).as(verb).contains("--output", "is a file, not a folder");
      assertThat(r.out).as(verb).isEmpty();
    }
    assertThat(Files.readString(file)).isEqualTo("kept");
  }

  @Test
  void aBodyLargerThanTheBuiltInTargetEchoesIsAUsageError() {
    CliHarness r = CliHarness.run("run", "--duration", "1s", "--payload-bytes", "16777217");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err).contains("--payload-bytes 16777217", "16777216 bytes", "URL of a target");
    assertThat(r.out).isEmpty();
  }

  @Test
  void grpcDataThatDoesNotFitNamesTheFieldAndExitsTwo() {
    CliHarness r =
        CliHarness.run(
            "run",
            "--protocol",
            "grpc",
            "--duration",
            "1s",
            "--grpc-method",
            "meshbench.echo.v1.Echo/Unary",
            "--data",
            "{\"response_size\":\"big\"}");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err)
        .contains("--data does not fit meshbench.echo.v1.EchoRequest")
        .contains("field 'response_size'");
  }

  @Test
  void theDocumentHasTheGoldenShape() throws IOException {
    Path doc = dir.resolve("shape.json");
    CliHarness r =
        CliHarness.run(
            "run",
            "--duration",
            "1s",
            "--warmup",
            "0s",
            "--rate",
            "100",
            "--output",
            doc.toString());
    assertThat(r.exitCode).as(r.toString()).isZero();
    JsonNode actual = Json.mapper().readTree(doc.toFile());
    JsonNode golden = Json.mapper().readTree(JobFixtures.golden("golden/job-document.json"));
    assertThat(keys(actual, "")).isEqualTo(keys(golden, ""));
  }

  @Test
  void jsonFormatPrintsTheDocument() throws IOException {
    CliHarness r =
        CliHarness.run(
            "run", "--duration", "1s", "--warmup", "0s", "--rate", "50", "--format", "json");
    assertThat(r.exitCode).as(r.toString()).isZero();
    JsonNode doc = Json.mapper().readTree(r.out);
    assertThat(doc.get("status").asText()).isEqualTo("completed");
    assertThat(doc.at("/result/histogram").asText()).isNotEmpty();
  }

  @Test
  void anUnreachableTargetCompletesWithConnectErrorsAndExitsOne() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path doc = dir.resolve("down.json");
    CliHarness r =
        CliHarness.run(
            "run",
            "--url",
            "http://127.0.0.1:" + port + "/",
            "--duration",
            "1s",
            "--warmup",
            "0s",
            "--rate",
            "100",
            "--connections",
            "2",
            "--output",
            doc.toString());
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err).contains("could not connect to 127.0.0.1:" + port);
    JobDocument job = Json.mapper().readValue(doc.toFile(), JobDocument.class);
    assertThat(job.status().wireName()).isEqualTo("failed");
    assertThat(job.result().errorKinds()).containsKey("connect");
    assertThat(job.result().successes()).isZero();
  }

  @Test
  void aBreachedSloExitsNinetyNine() {
    CliHarness r =
        CliHarness.run(
            "run",
            "--duration",
            "1s",
            "--warmup",
            "0s",
            "--rate",
            "100",
            "--slo",
            "throughput>=1000000",
            "--slo",
            "error_rate<=1%");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.SLO_BREACHED);
    assertThat(r.out).contains("BREACH  throughput>=1000000").contains("PASS    error_rate<=1%");
  }

  @Test
  void serverErrorsAreCountedPerStatusAndKept() throws IOException {
    // Start our own target so that the knob reaches it through --url.
    try (var target =
        io.meshbench.target.TargetServer.start(io.meshbench.target.TargetConfig.defaults())) {
      Path doc = dir.resolve("503.json");
      CliHarness r =
          CliHarness.run(
              "run",
              "--url",
              target.httpUrl() + "?status=503:100",
              "--duration",
              "1s",
              "--warmup",
              "0s",
              "--rate",
              "100",
              "--output",
              doc.toString());
      assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.FAILED);
      JobDocument job = Json.mapper().readValue(doc.toFile(), JobDocument.class);
      assertThat(job.result().errorKinds()).containsOnlyKeys("status_5xx");
      assertThat(job.result().statusCodes()).containsOnlyKeys("503");
      assertThat(job.result().statusCodes().get("503")).isEqualTo(job.result().errors());
      assertThat(job.result().latencyMs().max()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http2", "websocket"})
  void runsEveryProtocolAgainstTheBuiltInTarget(String protocol) throws IOException {
    Path doc = dir.resolve(protocol + ".json");
    CliHarness r =
        CliHarness.run(
            "run",
            "--protocol",
            protocol,
            "--duration",
            "2s",
            "--warmup",
            "300ms",
            "--rate",
            "500",
            "--connections",
            "4",
            "--streams",
            "2",
            "--output",
            doc.toString());
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.out).contains("(built-in target)").contains("Connect    p50");

    JobDocument job = Json.mapper().readValue(doc.toFile(), JobDocument.class);
    assertThat(job.loadSpec().target())
        .startsWith(protocol.equals("websocket") ? "ws://127.0.0.1:" : "http://127.0.0.1:");
    assertThat(job.result().errors()).isZero();
    assertThat(job.result().throughputRps()).isBetween(500 * 0.97, 500 * 1.03);
    assertThat(job.result().connectTimeMs().p50()).isPositive();
  }

  @Test
  void versionNamesTheTransport() {
    CliHarness r = CliHarness.run("version");
    assertThat(r.exitCode).isZero();
    assertThat(r.out).contains("meshbench ").contains("java ").contains("transport ");
  }

  /** Every field path of a document; arrays contribute the keys of their first element. */
  private static Set<String> keys(JsonNode node, String prefix) {
    Set<String> out = new TreeSet<>();
    if (node.isObject()) {
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        String path = prefix + "/" + name;
        out.add(path);
        // labels, headers, options, status codes and error kinds hold data, not shape
        if (!Set.of("labels", "headers", "options", "status_codes", "error_kinds").contains(name)) {
          out.addAll(keys(node.get(name), path));
        }
      }
    } else if (node.isArray() && !node.isEmpty()) {
      out.addAll(keys(node.get(0), prefix + "[]"));
    }
    return out;
  }
}
