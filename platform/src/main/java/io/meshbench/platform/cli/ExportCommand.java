package io.meshbench.platform.cli;

import io.meshbench.platform.analysis.MatrixResult;
import io.meshbench.platform.analysis.export.JobExport;
import io.meshbench.platform.analysis.export.JobExports;
import io.meshbench.platform.job.JobDocument;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code meshbench export}: job documents in other tools' formats. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Converts job documents (from 'meshbench run --output' or the API) to other formats, on"
          + " standard output unless --output is given:",
      "  smp           Service Mesh Performance JSON (PerformanceTestConfig + PerformanceTestResult),"
          + " for Meshery",
      "  hlog          HdrHistogram interval log, one histogram per second, tags corrected and"
          + " service (HistogramLogReader, HistogramLogAnalyzer)",
      "  csv           the per-second series (rps, errors, p50, p99, max)",
      "  csv-spectrum  the percentile spectrum of the whole run (corrected and service time)",
      "  html          a self-contained page with charts (spectra, time series, overhead, search)"
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 a file is unreadable or a job has nothing to export, 2 usage error.",
      "",
      "Examples:",
      "  meshbench export --format smp result.json > result.smp.json",
      "  meshbench export --format hlog result.json --output result.hlog",
      "  meshbench export --format html baseline.json istio.json --output report.html"
    })
public final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Option(
      names = "--format",
      required = true,
      description = "smp, hlog, csv, csv-spectrum or html.")
  String format;

  @Parameters(arity = "0..*", paramLabel = "FILE", description = "Job documents, 1 or more.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      description = "Write to this file instead of standard output.")
  Path output;

  @Override
  public Integer call() throws IOException {
    JobExport export;
    try {
      export = JobExports.forName(format);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), "--" + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new ParameterException(command.commandLine(), "FILE: give at least one job document");
    }
    if (output != null) {
      String problem = DocumentFiles.outputProblem(output, "--output");
      if (problem != null) {
        throw new ParameterException(command.commandLine(), problem);
      }
    }
    PrintWriter err = command.commandLine().getErr();
    List<JobDocument> docs = new ArrayList<>();
    for (Path file : files) {
      try {
        docs.add(DocumentFiles.read(file));
      } catch (DocumentFiles.UnreadableException e) {
        err.println("meshbench export: " + e.getMessage());
        err.flush();
        return ExitCodes.FAILED;
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      export.write(MatrixResult.unfold(docs), bytes);
    } catch (IllegalArgumentException e) {
      err.println("meshbench export: " + e.getMessage());
      err.flush();
      return ExitCodes.FAILED;
    }
    if (output != null) {
      DocumentFiles.writeBytes(output, bytes.toByteArray());
    } else {
      PrintWriter out = command.commandLine().getOut();
      out.print(bytes.toString(StandardCharsets.UTF_8));
      out.flush();
    }
    return ExitCodes.OK;
  }
}
