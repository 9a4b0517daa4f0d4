package io.meshbench.platform.cli;

import io.meshbench.engine.protocol.ProtocolClients;
import io.meshbench.engine.protocol.Transport;
import io.meshbench.engine.protocol.websocket.WebSocketClient;
import io.meshbench.engine.run.LoadRun;
import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.spec.Arrival;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.platform.analysis.Slo;
import io.meshbench.platform.cluster.WorkerEnv;
import io.meshbench.platform.executor.LocalExecutor;
import io.meshbench.platform.executor.LocalRun;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobEnvironment;
import io.meshbench.platform.job.JobIds;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.job.SpecRules;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code meshbench run}: one benchmark on this machine, with a report and a job document. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs one benchmark from this machine and prints a report.",
      "Without --url it starts the built-in target on a loopback port.",
      "Latency is measured from each request's intended send time (open model, corrected for"
          + " coordinated omission); the uncorrected service time is shown beside it."
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 the run failed (e.g. nothing succeeded), 2 usage error, 99 an SLO was"
          + " breached.",
      "",
      "Examples:",
      "  meshbench run --duration 10s",
      "  meshbench run --url http://127.0.0.1:8080/ --rate 2000 --output r.json",
      "  meshbench run --url http://svc:8080/api --rate 0 --connections 64 --slo 'p99<=10ms'",
      "  meshbench run --protocol ml --rate 500 --batch-size 8",
      "  meshbench run --protocol ml --url http://kserve:8080/ --model iris --features 4",
      "  meshbench run --protocol grpc --grpc-mode bidi --rate 500",
      "  meshbench run --protocol grpc --url svc:50051 --grpc-method pkg.Service/Method"
          + " --data '{\"name\":\"x\"}'",
      "  meshbench run --protocol http2 --streams 10 --rate 5000",
      "  meshbench run --protocol websocket --url ws://svc:8080/ws --rate 500 --connections 100",
      "  meshbench run --executor kubernetes --mesh-type istio --namespace bench --workers 4"
          + " --rate 4000 --image meshbench:latest",
      "  meshbench run --executor kubernetes --mesh-type baseline,istio,linkerd --iterations 5"
          + " --namespace bench --duration 60s"
    })
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Option(
      names = "--protocol",
      defaultValue = "http",
      converter = ProtocolConverter.class,
      description =
          "Traffic kind: http (HTTP/1.1), http2 (h2c, prior knowledge), grpc, websocket (ws://"
              + " echo), ml (Open Inference Protocol v2, as KServe, Triton and Seldon serve it)."
              + " Default: ${DEFAULT-VALUE}.")
  Protocol protocol;

  @Option(
      names = "--url",
      description =
          "Target URL, e.g. http://127.0.0.1:8080/path?q=1; for grpc host:port."
              + " Default: the built-in target.")
  String url;

  @Option(
      names = "--rate",
      defaultValue = SpecRules.DEFAULT_RATE_TEXT,
      description =
          "Requests per second in total; 0 = closed model (as fast as possible)."
              + " Default: ${DEFAULT-VALUE}.")
  double rateRps;

  @Option(
      names = {"-c", "--connections"},
      defaultValue = SpecRules.DEFAULT_CONNECTIONS_TEXT,
      description = "Connections. Default: ${DEFAULT-VALUE}.")
  int connections;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description = "Event loops generating load; 0 = one per core. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(
      names = {"-d", "--duration"},
      defaultValue = SpecRules.DEFAULT_DURATION_TEXT,
      converter = DurationConverter.class,
      description = "Measured time, after warm-up: 500ms, 10s, 2m. Default: ${DEFAULT-VALUE}.")
  long durationMs;

  @Option(
      names = "--warmup",
      defaultValue = SpecRules.DEFAULT_WARMUP_TEXT,
      converter = DurationConverter.class,
      description = "Sent but not recorded, before the measured time. Default: ${DEFAULT-VALUE}.")
  long warmupMs;

  @Option(
      names = "--timeout",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Request (and connect) timeout. Default: ${DEFAULT-VALUE}.")
  long timeoutMs;

  @Option(names = "--method", description = "HTTP method. Default: GET, or POST with a body.")
  String method;

  @Option(
      names = {"-H", "--header"},
      description = "Request header 'Name: value'; repeatable.")
  List<String> headers = new ArrayList<>();

  @Option(names = "--body", description = "Literal request body.")
  String body;

  @Option(
      names = "--payload-bytes",
      defaultValue = "0",
      description = "Request body of this many filler bytes (instead of --body). Default: 0.")
  int payloadBytes;

  @Option(
      names = "--arrival",
      defaultValue = "constant",
      converter = ArrivalConverter.class,
      description = "Open-model spacing: constant or poisson. Default: ${DEFAULT-VALUE}.")
  Arrival arrival;

  @Option(
      names = "--pipeline",
      defaultValue = "1",
      description =
          "HTTP/1.1 requests outstanding per connection (1 = no pipelining, up to 256)."
              + " Default: ${DEFAULT-VALUE}.")
  int pipeline;

  @Option(
      names = "--streams",
      defaultValue = "1",
      description =
          "HTTP/2 concurrent streams, gRPC calls (or bidi streams) or WebSocket messages in flight"
              + " per connection (1 to 1000). Default: ${DEFAULT-VALUE}.")
  int streams;

  @Mixin GrpcFlags grpc;

  @Option(
      names = "--ws-mode",
      defaultValue = "binary",
      description = "WebSocket frames: text or binary. Default: ${DEFAULT-VALUE}.")
  String wsMode;

  @Option(
      names = "--transport",
      defaultValue = "auto",
      description = "I/O transport: auto, epoll, io_uring or nio. Default: ${DEFAULT-VALUE}.")
  String transport;

  @Option(
      names = "--pace-window-us",
      description =
          "Open model: pacing wake-ups at least this many microseconds apart (0 to 1000); each"
              + " sends what falls due within half of it, so a request leaves within half a window"
              + " of its intended time. Larger costs less CPU at high rates. Default: "
              + LoadRun.DEFAULT_PACE_WINDOW_US
              + ".")
  Integer paceWindowUs;

  @Mixin InferenceFlags inference;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the Poisson schedule. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = {"-o", "--output"},
      description = "Write the job document (JSON) to this file.")
  Path output;

  @Option(
      names = "--format",
      defaultValue = "text",
      description =
          "What to print: text (a report) or json (the job document)."
              + " Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(
      names = "--slo",
      description =
          "Objective to check, e.g. p99<=10ms, error_rate<=0.1%%, throughput>=1000;"
              + " repeatable. Exit 99 when one is breached.")
  List<String> slos = new ArrayList<>();

  @Option(
      names = "--mesh-type",
      defaultValue = "baseline",
      split = ",",
      converter = MeshTypeConverter.class,
      description =
          "Mesh the target runs under: baseline, istio, istio-ambient, linkerd, cilium, cilium-l7,"
              + " consul. Locally a label for the document of a --url run (the built-in target runs"
              + " under no mesh, so without --url only baseline); with --executor kubernetes the mesh is"
              + " applied and verified, and a list (baseline,istio,linkerd) runs a mesh matrix,"
              + " interleaved. Default: baseline.")
  List<MeshType> meshTypes;

  @Option(
      names = "--executor",
      defaultValue = "local",
      description =
          "local (this machine) or kubernetes (the cluster of KUBECONFIG, ~/.kube/config or the"
              + " pod's service account). Default: ${DEFAULT-VALUE}.")
  String executor;

  @Option(
      names = "--iterations",
      defaultValue = "1",
      description =
          "Runs per mesh (kubernetes executor); 2 or more give 95%% confidence intervals."
              + " Default: ${DEFAULT-VALUE}.")
  int iterations;

  @Mixin ClusterFlags cluster;

  /** The namespace a local run records (--namespace is declared by {@link ClusterFlags}). */
  private String localNamespace() {
    return cluster.namespace != null ? cluster.namespace : SpecRules.DEFAULT_NAMESPACE;
  }

  @Option(names = "--label", description = "Label key=value for the document; repeatable.")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(names = "--no-progress", description = "Do not draw the progress bar.")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    List<Slo> objectives = parseSlos();
    validate();
    LoadSpec loadSpec = loadSpec();
    if (executor.equals("kubernetes")) {
      return runInCluster(loadSpec, objectives);
    }
    validateLocal();
    MeshType meshType = meshTypes.get(0);
    JobSpec jobSpec =
        new JobSpec(
            protocol,
            meshType,
            localNamespace(),
            durationMs / 1000.0,
            warmupMs / 1000.0,
            rateRps,
            connections,
            url,
            payloadBytes,
            1,
            1,
            labels);
    Clock clock = Clock.systemUTC();
    String jobId = new JobIds(clock).next(protocol.wireName(), meshType.wireName());
    JobDocument pending =
        JobDocument.pending(
            jobId, jobSpec, LocalExecutor.NAME, clock.instant(), JobEnvironment.local(transport));
    LocalRun run = new LocalRun(loadSpec, url == null);

    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    boolean json = format.equals("json");
    RunListener listener =
        !json && !noProgress && System.console() != null ? new ProgressBar(err) : RunListener.NONE;

    CountDownLatch finished = new CountDownLatch(1);
    Thread onSignal =
        new Thread(
            () -> {
              run.cancel();
              awaitQuietly(finished);
            },
            "meshbench-cancel");
    Runtime.getRuntime().addShutdownHook(onSignal);
    try {
      return runAndReport(pending, run, listener, objectives, json, out, err);
    } finally {
      // Only now may a Ctrl-C let the JVM exit: the document and the report are out.
      finished.countDown();
      removeHook(onSignal);
    }
  }

  private int runAndReport(
      JobDocument pending,
      LocalRun run,
      RunListener listener,
      List<Slo> objectives,
      boolean json,
      PrintWriter out,
      PrintWriter err)
      throws InterruptedException {
    JobDocument running = pending.started(Clock.systemUTC().instant());
    JobDocument doc = run.execute(listener).applyTo(running, Clock.systemUTC());
    List<Slo.Check> checks = objectives.stream().map(o -> o.check(doc.result())).toList();
    // The report first: a file that cannot be written after all (a full disk) loses no result.
    if (json) {
      out.println(DocumentFiles.toJson(doc));
    } else {
      out.print(new TextReport(doc, checks).render());
    }
    out.flush();
    if (output != null) {
      try {
        DocumentFiles.write(output, doc);
      } catch (java.io.UncheckedIOException e) {
        err.println("meshbench run: the result is above, but " + e.getMessage());
        err.flush();
        return ExitCodes.FAILED;
      }
      if (!json) {
        out.println("Job document written to " + output);
        out.flush();
      }
    }
    if (doc.status() != JobStatus.COMPLETED) {
      err.println("meshbench run: " + doc.error());
      err.flush();
      return ExitCodes.FAILED;
    }
    return checks.stream().allMatch(Slo.Check::passed) ? ExitCodes.OK : ExitCodes.SLO_BREACHED;
  }

  private int runInCluster(LoadSpec loadSpec, List<Slo> objectives) throws InterruptedException {
    String problem = cluster.problem();
    if (problem != null) {
      throw usage(problem);
    }
    String share = WorkerEnv.connectionsProblem(loadSpec.connections(), cluster.workers);
    if (share != null) {
      throw usage("--" + share + " (--connections, --workers)");
    }
    if (url != null) {
      throw usage(
          "--url cannot be used with --executor kubernetes: the target is deployed in the cluster,"
              + " under the mesh, so that the mesh can be verified");
    }
    if (iterations < 1 || iterations > 100) {
      throw usage("--iterations must be between 1 and 100 (got " + iterations + ")");
    }
    if (meshTypes.size() != meshTypes.stream().distinct().count()) {
      throw usage("--mesh-type names a mesh twice: " + meshTypes);
    }
    String total = JobLimits.totalDurationProblem(durationMs, iterations, meshTypes.size());
    if (total != null) {
      throw usage(total);
    }
    JobSpec base =
        new JobSpec(
            protocol,
            meshTypes.get(0),
            cluster.clusterNamespace(),
            durationMs / 1000.0,
            warmupMs / 1000.0,
            rateRps,
            connections,
            null,
            payloadBytes,
            cluster.workers,
            iterations,
            labels,
            null,
            cluster.sidecar(),
            List.of());
    return KubernetesRunner.fromEnvironment()
        .run(
            base,
            meshTypes,
            cluster.image(),
            loadSpec,
            objectives,
            output,
            format.equals("json"),
            command.commandLine().getOut(),
            command.commandLine().getErr());
  }

  private void validateLocal() {
    if (!executor.equals("local")) {
      throw usage("--executor must be local or kubernetes (got '" + executor + "')");
    }
    if (meshTypes.size() > 1) {
      throw usage(
          "--mesh-type with several meshes runs a mesh matrix and needs --executor kubernetes");
    }
    if (url == null && meshTypes.get(0) != MeshType.BASELINE) {
      throw usage(
          LocalRun.meshNeedsUrl(
              "--mesh-type",
              meshTypes.get(0),
              "--executor kubernetes to deploy the target under it"));
    }
    if (url == null && body == null) {
      String tooLarge = LocalRun.builtInTargetProblem(protocol, payloadBytes, "--payload-bytes");
      if (tooLarge != null) {
        throw usage(tooLarge);
      }
    }
    if (iterations != 1) {
      throw usage("--iterations needs --executor kubernetes; locally, run the command again");
    }
    if (cluster.workers != 1) {
      throw usage(
          "--workers > 1 spreads load over pods and needs --executor kubernetes; locally, raise"
              + " --connections instead");
    }
  }

  private List<Slo> parseSlos() {
    List<Slo> parsed = new ArrayList<>();
    for (String text : slos) {
      try {
        parsed.add(Slo.parse(text));
      } catch (IllegalArgumentException e) {
        throw usage("--slo " + e.getMessage());
      }
    }
    return parsed;
  }

  private void validate() {
    if (!(rateRps >= 0) || Double.isInfinite(rateRps) || rateRps > LoadSpec.MAX_RATE_RPS) {
      throw usage(
          "--rate must be 0 (closed model) or a positive number up to "
              + (long) LoadSpec.MAX_RATE_RPS
              + " (got "
              + rateRps
              + ")");
    }
    for (String problem :
        new String[] {
          JobLimits.connectionsProblem("--connections", connections),
          JobLimits.durationProblem("--duration", durationMs),
          JobLimits.warmupProblem("--warmup", warmupMs)
        }) {
      if (problem != null) {
        throw usage(problem);
      }
    }
    if (threads < 0) {
      throw usage("--threads must be 0 (one per core) or more (got " + threads + ")");
    }
    if (timeoutMs < 1) {
      throw usage("--timeout must be at least 1ms (got " + timeoutMs + "ms)");
    }
    if (payloadBytes < 0) {
      throw usage("--payload-bytes must be 0 or more (got " + payloadBytes + ")");
    }
    if (body != null && payloadBytes > 0) {
      throw usage(
          "--body and --payload-bytes both give the request body; use one (--body for a literal"
              + " body, --payload-bytes for that many filler bytes)");
    }
    if (streams < 1 || streams > 1000) {
      throw usage("--streams must be between 1 and 1000 (got " + streams + ")");
    }
    if (!wsMode.equals("text") && !wsMode.equals("binary")) {
      throw usage("--ws-mode must be text or binary (got '" + wsMode + "')");
    }
    if (pipeline < 1 || pipeline > 256) {
      throw usage("--pipeline must be between 1 and 256 (got " + pipeline + ")");
    }
    for (String problem : new String[] {grpc.problem(protocol), inference.problem(protocol)}) {
      if (problem != null) {
        throw usage(problem);
      }
    }
    String namespaceProblem = SpecRules.namespaceProblem(localNamespace());
    if (namespaceProblem != null) {
      throw usage("--" + namespaceProblem);
    }
    if (!format.equals("text") && !format.equals("json")) {
      throw usage("--format must be text or json (got '" + format + "')");
    }
    try {
      Transport.choose(transport);
    } catch (IllegalArgumentException e) {
      throw usage("--" + e.getMessage());
    }
    if (output != null) {
      String problem = DocumentFiles.outputProblem(output, "--output");
      if (problem != null) {
        throw usage(problem);
      }
    }
    if (!ProtocolClients.supported().contains(protocol)) {
      throw usage(
          "--protocol "
              + protocol
              + " is not available in this build yet (available: "
              + ProtocolClients.supported()
              + ")");
    }
  }

  private LoadSpec loadSpec() {
    Map<String, String> headerMap = new LinkedHashMap<>();
    for (String h : headers) {
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw usage("--header must be 'Name: value' (got '" + h + "')");
      }
      headerMap.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
    }
    Map<String, String> options = new LinkedHashMap<>();
    options.put("transport", transport);
    if (paceWindowUs != null) {
      options.put(LoadRun.PACE_WINDOW_OPTION, Integer.toString(paceWindowUs));
    }
    if (pipeline > 1) {
      options.put("pipeline", Integer.toString(pipeline));
    }
    grpc.addOptions(options);
    inference.addOptions(options);
    if (protocol == Protocol.WEBSOCKET) {
      options.put(WebSocketClient.MODE_OPTION, wsMode);
    }
    // Without --url the built-in target's address replaces this one when the run starts.
    String target = url != null ? url : LocalRun.standInTarget(protocol);
    return LoadSpec.builder(protocol, target)
        .rateRps(rateRps)
        .connections(connections)
        .streams(streams)
        .threads(threads)
        .durationMs(durationMs)
        .warmupMs(warmupMs)
        .timeoutMs(timeoutMs)
        .method(method)
        .headers(headerMap)
        .body(body)
        .payloadBytes(payloadBytes)
        .arrival(arrival)
        .seed(seed)
        .options(options)
        .build();
  }

  private ParameterException usage(String message) {
    return new ParameterException(command.commandLine(), message);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it waits for us, nothing to remove
    }
  }
}
