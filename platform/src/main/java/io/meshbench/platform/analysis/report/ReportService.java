package io.meshbench.platform.analysis.report;

import io.meshbench.engine.spec.Protocol;
import io.meshbench.platform.analysis.Summary;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.MeshType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates report files under {@code <dataDir>/reports/}, lists them and resolves a name to a file
 * for download. Names are {@code meshbench-report-<UTC yyyyMMdd-HHmmss>-<4 hex>.<ext>}; {@link
 * #resolve} accepts nothing else, so a download name can never reach outside that directory.
 *
 * <p>Framework-free and thread-safe: generation is serialised (reports are rare and the lock makes
 * name collisions impossible within a process); a report appears complete or not at all (written to
 * a temporary file, then renamed).
 */
public final class ReportService {
  private static final Pattern NAME =
      Pattern.compile("meshbench-report-(\\d{8}-\\d{6})-([0-9a-f]{4})\\.(html|json|csv)");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Path reportsDir;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public ReportService(Path dataDir, Clock clock) {
    this.reportsDir = dataDir.resolve("reports").toAbsolutePath().normalize();
    this.clock = clock;
  }

  public ReportService(Path dataDir) {
    this(dataDir, Clock.systemUTC());
  }

  public Path reportsDir() {
    return reportsDir;
  }

  /**
   * Writes a report of the jobs that match the filters (null matches all), with their summary.
   *
   * @return the new file
   * @throws IllegalArgumentException for an unknown format (message names {@code format} and the
   *     allowed values)
   * @throws UncheckedIOException when the file cannot be written
   */
  public Path generate(
      String format, MeshType filterMesh, Protocol filterTest, List<JobDocument> jobs) {
    return generate(format, filterMesh, filterTest, jobs, UnaryOperator.identity());
  }

  /**
   * Writes a report of {@code jobs} (summaries, newest first); {@code whole} reads a job in full
   * for the few an HTML report charts.
   */
  public synchronized Path generate(
      String format,
      MeshType filterMesh,
      Protocol filterTest,
      List<JobDocument> jobs,
      UnaryOperator<JobDocument> whole) {
    ResultFormat resultFormat = ResultFormats.forName(format);
    List<JobDocument> selected =
        jobs.stream()
            .filter(
                j -> filterMesh == null || (j.spec() != null && j.spec().meshType() == filterMesh))
            .filter(
                j -> filterTest == null || (j.spec() != null && j.spec().testType() == filterTest))
            .toList();
    if (resultFormat instanceof HtmlReport) {
      selected = HtmlReport.chartedInFull(selected, whole);
    }
    Summary summary = Summary.of(selected, clock.instant());
    try {
      Files.createDirectories(reportsDir);
      Path target = freshName(resultFormat.fileExtension());
      Path temp = Files.createTempFile(reportsDir, ".report-", ".tmp");
      try {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
          resultFormat.write(selected, summary, out);
        }
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
          ch.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a report in " + reportsDir, e);
    }
  }

  /** The generated reports, newest first; other files in the directory are ignored. */
  public List<ReportInfo> list() {
    if (!Files.isDirectory(reportsDir)) {
      return List.of();
    }
    List<ReportInfo> reports = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(reportsDir)) {
      for (Path file : dir) {
        String name = file.getFileName().toString();
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
          continue;
        }
        BasicFileAttributes attrs =
            Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.isRegularFile()) {
          reports.add(
              new ReportInfo(name, m.group(3), attrs.size(), attrs.lastModifiedTime().toInstant()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + reportsDir, e);
    }
    reports.sort(
        Comparator.comparing(ReportInfo::createdAt).thenComparing(ReportInfo::name).reversed());
    return reports;
  }

  /**
   * The file of a generated report, or empty when {@code name} is not the plain name of one that
   * exists: anything with a path separator, {@code ..} or another shape is refused before the file
   * system is touched.
   */
  public Optional<Path> resolve(String name) {
    if (!isReportName(name)) {
      return Optional.empty();
    }
    Path file = reportsDir.resolve(name).normalize();
    if (!reportsDir.equals(file.getParent())
        || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    return Optional.of(file);
  }

  /** True for a name this service generates; a controller may answer 400 for anything else. */
  public static boolean isReportName(String name) {
    return name != null
        && name.indexOf('/') < 0
        && name.indexOf('\\') < 0
        && !name.contains("..")
        && NAME.matcher(name).matches();
  }

  /** The format word of a report name, e.g. "csv", for the download's content type. */
  public static Optional<ResultFormat> formatOf(String name) {
    Matcher m = NAME.matcher(name == null ? "" : name);
    return m.matches() ? Optional.of(ResultFormats.forName(m.group(3))) : Optional.empty();
  }

  private Path freshName(String extension) throws IOException {
    String stamp = STAMP.format(clock.instant());
    for (int attempt = 0; attempt < 1000; attempt++) {
      String name =
          String.format("meshbench-report-%s-%04x.%s", stamp, random.nextInt(0x10000), extension);
      Path file = reportsDir.resolve(name);
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        return file;
      }
    }
    throw new IOException("no free report name for " + stamp);
  }
}
