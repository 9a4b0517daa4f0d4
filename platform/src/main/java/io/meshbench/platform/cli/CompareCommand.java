package io.meshbench.platform.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.meshbench.platform.analysis.Comparison;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.Json;
import java.io.PrintWriter;
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

/**
 * {@code meshbench compare A.json B.json …}: job documents side by side, deltas against the first.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Compares job documents (from 'meshbench run --output') side by side: corrected latency"
          + " percentiles, throughput and error rate, with each job's delta against the first.",
      "Jobs with 2 or more iterations also show the mean p99 and throughput across iterations"
          + " with a 95%% confidence interval (Student t), and the overhead against the first job"
          + " (Δp50, Δp99, Δp99.9, Δthroughput) with a 95%% Welch t-interval over per-iteration"
          + " values; 'n.s.' marks a difference that is not significant. With one iteration on"
          + " either side no interval can be given, and the table says so.",
      "A mesh matrix document stands for its meshes: one row each, '<job id>/<mesh>'.",
      "A job that failed, was interrupted or cancelled is shown with its status and error"
          + " instead of figures, and the command exits 1."
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 a file is missing, unreadable or not a job document, or a job did not"
          + " complete, 2 usage error.",
      "",
      "Examples:",
      "  meshbench compare baseline.json istio.json linkerd.json",
      "  meshbench compare --format json baseline.json istio.json > comparison.json"
    })
public final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Parameters(
      arity = "0..*",
      paramLabel = "FILE",
      description = "Job documents to compare, 2 to 20; the first is the reference.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "What to print: text (a table) or json (the comparison). Default: text.")
  String format;

  @Override
  public Integer call() throws JsonProcessingException {
    if (!format.equals("text") && !format.equals("json")) {
      throw usage("--format must be text or json (got '" + format + "')");
    }
    if (files.size() < Comparison.MIN_JOBS || files.size() > Comparison.MAX_JOBS) {
      throw usage(
          "FILE: give "
              + Comparison.MIN_JOBS
              + " to "
              + Comparison.MAX_JOBS
              + " job documents (got "
              + files.size()
              + ")");
    }
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    List<JobDocument> docs = new ArrayList<>();
    for (Path file : files) {
      try {
        docs.add(DocumentFiles.read(file));
      } catch (DocumentFiles.UnreadableException e) {
        err.println("meshbench compare: " + e.getMessage());
        err.flush();
        return ExitCodes.FAILED;
      }
    }
    Comparison comparison = Comparison.of(docs);
    if (format.equals("json")) {
      out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(comparison));
    } else {
      out.print(new CompareTable(comparison).render());
    }
    out.flush();
    if (!comparison.allComparable()) {
      for (Comparison.Entry e : comparison.jobs()) {
        if (e.problem() != null) {
          err.println("meshbench compare: job " + e.jobId() + " " + e.problem());
        }
      }
      err.flush();
      return ExitCodes.FAILED;
    }
    return ExitCodes.OK;
  }

  private ParameterException usage(String message) {
    return new ParameterException(command.commandLine(), message);
  }
}
