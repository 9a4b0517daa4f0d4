package io.meshbench.platform.cli;

import io.meshbench.engine.protocol.ProtocolClients;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.platform.executor.LocalExecutor;
import io.meshbench.platform.executor.LocalRun;
import io.meshbench.platform.executor.LocalSearchSteps;
import io.meshbench.platform.executor.SearchJobs;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobEnvironment;
import io.meshbench.platform.job.JobIds;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.search.RateSearch;
import io.meshbench.platform.search.SearchResult;
import io.meshbench.platform.search.SearchSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code meshbench search}: the highest rate at which every objective holds. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Finds the highest rate at which every --slo holds and the generator is healthy (the rate"
          + " was sustained and the generator not saturated).",
      "Doubles the rate from --start-rate while steps pass (up to --max-rate), then bisects"
          + " between the highest passing and the lowest failing rate until they are within"
          + " --precision. Each step is a full run (--warmup, then --step-duration) with its own"
          + " histogram; all steps are kept in the document under search.steps."
    },
    footer = {
      "",
      "Exit codes: 0 a passing rate was found, 1 error, 2 usage error, 99 no passing rate (the"
          + " start rate already failed).",
      "",
      "Examples:",
      "  meshbench search --url http://127.0.0.1:8080/ --slo 'p99<=20ms'",
      "  meshbench search --url http://svc:8080/ --start-rate 100 --max-rate 1000 \\",
      "      --precision 5%% --slo 'p99<=20ms' --slo 'error_rate<=0.1%%' --output search.json"
    })
public final class SearchCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Option(
      names = "--url",
      description = "Target URL (for grpc host:port). Default: the built-in target.")
  String url;

  @Option(
      names = "--protocol",
      defaultValue = "http",
      converter = ProtocolConverter.class,
      description = "http, http2, grpc, websocket or ml. Default: ${DEFAULT-VALUE}.")
  Protocol protocol;

  @Option(
      names = {"-c", "--connections"},
      defaultValue = "16",
      description = "Connections. Default: ${DEFAULT-VALUE}.")
  int connections;

  @Option(
      names = "--start-rate",
      defaultValue = "100",
      description = "First rate tried, requests/s; it must pass. Default: ${DEFAULT-VALUE}.")
  double startRateRps;

  @Option(
      names = "--max-rate",
      defaultValue = "100000",
      description = "Highest rate tried, requests/s. Default: ${DEFAULT-VALUE}.")
  double maxRateRps;

  @Option(
      names = "--step-duration",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Measured time of each step, after its warm-up. Default: ${DEFAULT-VALUE}.")
  long stepDurationMs;

  @Option(
      names = "--warmup",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "Warm-up before each step (sent, not recorded). Default: ${DEFAULT-VALUE}.")
  long warmupMs;

  @Option(
      names = "--slo",
      description =
          "Objective each step must meet, e.g. p99<=20ms, error_rate<=0.1%%; repeatable;"
              + " at least one.")
  List<String> slos = new ArrayList<>();

  @Option(
      names = "--precision",
      defaultValue = "5%",
      description =
          "Stop when the lowest failing rate is within this share above the highest passing"
              + " one: 5%% or 0.05. Default: 5%%.")
  String precision;

  @Option(
      names = "--timeout",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Request (and connect) timeout. Default: ${DEFAULT-VALUE}.")
  long timeoutMs;

  @Option(
      names = {"-o", "--output"},
      description = "Write the job document (JSON, steps included) to this file.")
  Path output;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "What to print: text (steps and the knee) or json (the job document).")
  String format;

  @Option(
      names = "--mesh-type",
      defaultValue = "baseline",
      converter = MeshTypeConverter.class,
      description =
          "Mesh the --url target runs under, as a label for the document (without --url, only"
              + " baseline: the built-in target runs under no mesh). Default: baseline.")
  MeshType meshType;

  @Option(names = "--label", description = "Label key=value for the document; repeatable.")
  Map<String, String> labels = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    SearchSpec searchSpec =
        new SearchSpec(startRateRps, maxRateRps, parsePrecision(), stepDurationMs / 1000.0, slos);
    try {
      searchSpec.validate();
    } catch (SearchSpec.SearchSpecException e) {
      throw usage(flagOf(e.field()) + " " + e.problem());
    }
    if (output != null) {
      String problem = DocumentFiles.outputProblem(output, "--output");
      if (problem != null) {
        throw usage(problem);
      }
    }
    for (String problem :
        new String[] {
          JobLimits.connectionsProblem("--connections", connections),
          JobLimits.warmupProblem("--warmup", warmupMs)
        }) {
      if (problem != null) {
        throw usage(problem);
      }
    }
    if (!format.equals("text") && !format.equals("json")) {
      throw usage("--format must be text or json (got '" + format + "')");
    }
    if (!ProtocolClients.supported().contains(protocol)) {
      throw usage("--protocol " + protocol + " is not available in this build");
    }
    if (url == null && meshType != MeshType.BASELINE) {
      throw usage(LocalRun.meshNeedsUrl("--mesh-type", meshType, null));
    }
    String target = url != null ? url : LocalRun.standInTarget(protocol);
    LoadSpec template =
        LoadSpec.builder(protocol, target)
            .rateRps(startRateRps)
            .connections(connections)
            .durationMs(stepDurationMs)
            .warmupMs(warmupMs)
            .timeoutMs(timeoutMs)
            .options(Map.of("transport", "auto"))
            .build();
    JobSpec jobSpec =
        new JobSpec(
                protocol,
                meshType,
                "default",
                stepDurationMs / 1000.0,
                warmupMs / 1000.0,
                startRateRps,
                connections,
                url,
                0,
                1,
                1,
                labels)
            .withSearch(searchSpec);
    Clock clock = Clock.systemUTC();
    String jobId = new JobIds(clock).next(protocol.wireName(), meshType.wireName());
    JobDocument running =
        JobDocument.pending(
                jobId, jobSpec, LocalExecutor.NAME, clock.instant(), JobEnvironment.local("auto"))
            .started(clock.instant());

    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    boolean json = format.equals("json");
    LocalSearchSteps steps =
        new LocalSearchSteps(template, url == null, io.meshbench.engine.run.RunListener.NONE);
    RateSearch search = new RateSearch(searchSpec, steps);
    java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
    Thread onSignal =
        new Thread(
            () -> {
              search.cancel();
              steps.cancel();
              // The JVM exits when this hook ends: not before the steps done are written.
              try {
                finished.await(15, java.util.concurrent.TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "meshbench-search-cancel");
    Runtime.getRuntime().addShutdownHook(onSignal);
    try {
      SearchResult result =
          search.run(
              step -> {
                if (!json) {
                  err.println(SearchReport.progressLine(step));
                  err.flush();
                }
              });
      JobDocument doc =
          SearchJobs.finish(running, result, steps.lastEnvironment(), steps.lastSpec(), clock);
      if (json) {
        out.println(DocumentFiles.toJson(doc));
      } else {
        out.print(SearchReport.render(doc));
      }
      out.flush();
      if (output != null) {
        DocumentFiles.write(output, doc);
        if (!json) {
          out.println("Job document written to " + output);
          out.flush();
        }
      }
      if (doc.status() != JobStatus.COMPLETED) {
        err.println("meshbench search: " + doc.error());
        err.flush();
        return ExitCodes.FAILED;
      }
      return result.passed() ? ExitCodes.OK : ExitCodes.SLO_BREACHED;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onSignal);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it waits for the document, nothing to remove
      }
    }
  }

  private double parsePrecision() {
    String text = precision.trim();
    try {
      return text.endsWith("%")
          ? Double.parseDouble(text.substring(0, text.length() - 1).trim()) / 100
          : Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw usage("--precision must be a share such as 5% or 0.05 (got '" + precision + "')");
    }
  }

  private static String flagOf(String field) {
    return switch (field) {
      case "start_rate" -> "--start-rate";
      case "max_rate" -> "--max-rate";
      case "precision" -> "--precision";
      case "step_duration" -> "--step-duration";
      default -> "--slo";
    };
  }

  private ParameterException usage(String message) {
    return new ParameterException(command.commandLine(), message.replace("max_rate", "--max-rate"));
  }

  static String rate(double rps) {
    return rps == Math.rint(rps)
        ? Long.toString((long) rps)
        : String.format(Locale.ROOT, "%.1f", rps);
  }
}
