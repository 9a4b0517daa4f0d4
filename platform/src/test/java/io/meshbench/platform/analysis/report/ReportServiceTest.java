package io.meshbench.platform.analysis.report;

import static io.meshbench.platform.analysis.AnalysisFixtures.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshbench.engine.spec.Protocol;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.MeshType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportServiceTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);

  @TempDir Path dataDir;

  static List<JobDocument> jobs() {
    return List.of(
        job("h-base").figures(1, 5, 1000).build(),
        job("h-istio").mesh(MeshType.ISTIO).figures(2, 8, 900).build(),
        job("g-istio").test(Protocol.GRPC).mesh(MeshType.ISTIO).figures(3, 9, 800).build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"html", "json", "csv", "CSV"})
  void generatesANamedFileUnderReports(String format) throws Exception {
    ReportService service = new ReportService(dataDir, CLOCK);

    Path file = service.generate(format, null, null, jobs());

    String ext = format.toLowerCase();
    assertThat(file.getParent()).isEqualTo(dataDir.resolve("reports").toAbsolutePath());
    assertThat(file.getFileName().toString())
        .matches("meshbench-report-20260304-050607-[0-9a-f]{4}\\." + ext);
    assertThat(Files.readString(file)).contains("h-istio").contains("g-istio");
    assertThat(ReportService.formatOf(file.getFileName().toString()).orElseThrow().name())
        .isEqualTo(ext);
    try (var files = Files.list(file.getParent())) {
      assertThat(files).as("no temporary file left").hasSize(1);
    }
  }

  @Test
  void filtersByMeshAndTestType() throws Exception {
    ReportService service = new ReportService(dataDir, CLOCK);

    String istio = Files.readString(service.generate("csv", MeshType.ISTIO, null, jobs()));
    String http = Files.readString(service.generate("csv", null, Protocol.HTTP, jobs()));
    String httpIstio =
        Files.readString(service.generate("csv", MeshType.ISTIO, Protocol.HTTP, jobs()));

    assertThat(istio).contains("h-istio", "g-istio").doesNotContain("h-base");
    assertThat(http).contains("h-base", "h-istio").doesNotContain("g-istio");
    assertThat(httpIstio).contains("h-istio").doesNotContain("h-base").doesNotContain("g-istio");
  }

  @Test
  void unknownFormatNamesTheFieldAndTheAllowedValues() {
    ReportService service = new ReportService(dataDir, CLOCK);
    assertThatThrownBy(() -> service.generate("pdf", null, null, jobs()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("format")
        .hasMessageContaining("html, json, csv")
        .hasMessageContaining("pdf");
    assertThatThrownBy(() -> service.generate(null, null, null, jobs()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("format");
    assertThat(dataDir.resolve("reports")).doesNotExist();
  }

  @Test
  void listsReportsNewestFirstAndIgnoresOtherFiles() throws Exception {
    ReportService service = new ReportService(dataDir, CLOCK);
    assertThat(service.list()).isEmpty();
    Path older = service.generate("json", null, null, jobs());
    Path newer = service.generate("csv", null, null, jobs());
    Files.setLastModifiedTime(older, FileTime.from(Instant.parse("2026-03-04T05:06:07Z")));
    Files.setLastModifiedTime(newer, FileTime.from(Instant.parse("2026-03-04T05:06:08Z")));
    Files.writeString(service.reportsDir().resolve("notes.txt"), "not a report");

    List<ReportInfo> reports = service.list();

    assertThat(reports)
        .extracting(ReportInfo::name)
        .containsExactly(newer.getFileName().toString(), older.getFileName().toString());
    assertThat(reports.get(0).format()).isEqualTo("csv");
    assertThat(reports.get(0).sizeBytes()).isEqualTo(Files.size(newer)).isPositive();
    assertThat(reports.get(0).createdAt()).isEqualTo(Instant.parse("2026-03-04T05:06:08Z"));
    assertThat(reports.get(1).format()).isEqualTo("json");
  }

  @Test
  void resolvesOnlyGeneratedReports() throws Exception {
    ReportService service = new ReportService(dataDir, CLOCK);
    Path report = service.generate("html", null, null, jobs());
    String name = report.getFileName().toString();

    assertThat(service.resolve(name)).contains(report);
    assertThat(service.resolve("meshbench-report-20260304-050607-ffff.html"))
        .as("well-formed but absent")
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../meshbench-report-20260304-050607-abcd.html",
        "..",
        "../jobs/x.json",
        "/etc/passwd",
        "reports/meshbench-report-20260304-050607-abcd.html",
        "..\\meshbench-report-20260304-050607-abcd.html",
        "meshbench-report-20260304-050607-abcd.html/..",
        "meshbench-report-20260304-050607-abcd.exe",
        "meshbench-report-20260304-050607-ABCD.html",
        "meshbench-report-20260304-050607-abcd..html",
        "notes.txt",
        ".report-123.tmp",
        ""
      })
  void refusesNamesThatAreNotPlainReportNames(String name) throws Exception {
    ReportService service = new ReportService(dataDir, CLOCK);
    service.generate("html", null, null, jobs());
    Files.writeString(service.reportsDir().resolve("notes.txt"), "not a report");
    Files.writeString(dataDir.resolve("secret.html"), "secret");

    assertThat(ReportService.isReportName(name)).isFalse();
    assertThat(service.resolve(name)).isEmpty();
  }

  @Test
  void nullNameIsRefused() {
    assertThat(new ReportService(dataDir, CLOCK).resolve(null)).isEmpty();
  }

  @Test
  void formatsDescribeThemselves() {
    assertThat(ResultFormats.all())
        .extracting(ResultFormat::name, ResultFormat::fileExtension, ResultFormat::contentType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("html", "html", "text/html; charset=utf-8"),
            org.assertj.core.groups.Tuple.tuple("json", "json", "application/json"),
            org.assertj.core.groups.Tuple.tuple("csv", "csv", "text/csv; charset=utf-8"));
  }
}
