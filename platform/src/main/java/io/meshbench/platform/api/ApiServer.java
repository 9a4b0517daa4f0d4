package io.meshbench.platform.api;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.meshbench.platform.analysis.report.ReportService;
import io.meshbench.platform.cluster.ClusterConnection;
import io.meshbench.platform.executor.TargetNotAllowedException;
import io.meshbench.platform.executor.UnsupportedJobException;
import io.meshbench.platform.job.JobEvents;
import io.meshbench.platform.job.JobNotFoundException;
import io.meshbench.platform.job.JobService;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.job.QueueFullException;
import io.meshbench.platform.job.ShuttingDownException;
import io.meshbench.platform.store.JobStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API and dashboard on Javalin. Every route is declared in {@link #routes}, in one place;
 * controllers only translate between HTTP and the framework-free services.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  static final String EVENTS_PATH = "/benchmarks/jobs/{id}/events";

  /** Request bodies beyond this are refused (413): a start request is a few hundred bytes. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private final Javalin app;
  private final JobService jobService;
  private final List<Route> routes;

  public ApiServer(ServerConfig config, JobService jobs, JobEvents events, Clock clock) {
    this(config, jobs, events, clock, ClusterConnection.none("none was given to this server"));
  }

  public ApiServer(
      ServerConfig config,
      JobService jobs,
      JobEvents events,
      Clock clock,
      ClusterConnection cluster) {
    this.jobService = jobs;
    ServerMetrics metrics = new ServerMetrics(jobs);
    events.listenToAll(metrics);
    this.routes =
        routes(
            new BenchmarkController(jobs),
            new StatusController(jobs, clock, cluster),
            new MetricsController(jobs, metrics),
            new AnalysisController(jobs, clock),
            new ReportController(jobs, new ReportService(config.dataDir(), clock)),
            new ClusterController(cluster));
    BearerAuth auth = config.apiToken() == null ? null : new BearerAuth(config.apiToken());
    RequestGuard guard =
        new RequestGuard(HostNames.forServer(config.host(), config.allowedHosts()), MAX_BODY_BYTES);
    this.app =
        Javalin.create(
            c -> {
              c.startup.showJavalinBanner = false;
              c.jetty.host = config.host();
              c.jetty.port = config.port();
              c.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
              c.jsonMapper(new JavalinJackson(Json.mapper(), false));
              c.http.maxRequestSize = MAX_BODY_BYTES;
              c.requestLogger.http(
                  (ctx, ms) ->
                      metrics.recordRequest(
                          ctx.method().toString(), routeOf(ctx), ctx.statusCode(), ms));
              c.routes.before(guard::check);
              if (auth != null) {
                c.routes.before(auth::check);
              }
              c.routes.before(EVENTS_PATH, this::eventsPreconditions);
              // The dashboard's scripts and styles, and uPlot from its webjar (/webjars/uplot/...).
              c.staticFiles.add(
                  sf -> {
                    sf.hostedPath = "/dashboard";
                    sf.directory = "/dashboard";
                    sf.location = Location.CLASSPATH;
                    sf.headers = java.util.Map.of("Cache-Control", "no-cache");
                  });
              c.staticFiles.enableWebjars();
              register(c, routes);
              errors(c, routes);
            });
  }

  /** All routes of the API. The OpenAPI description is generated from this list. */
  static List<Route> routes(
      BenchmarkController benchmarks,
      StatusController status,
      MetricsController metrics,
      AnalysisController analysis,
      ReportController reports,
      ClusterController k8s) {
    return List.of(
        Route.get("/", "The web dashboard", ApiServer::dashboard, 200).produces("text/html"),
        Route.get(
                "/health",
                "Readiness: healthy, or degraded with the reason (503) while the job store is"
                    + " unreachable or finished results wait for it",
                status::health,
                200,
                503)
            .returns("RepliesHealth"),
        Route.get(
            "/status",
            "Jobs by status, executor, store, cluster and mesh status",
            status::status,
            200),
        Route.post(
                "/benchmarks/start",
                "Queue a benchmark; persisted before the reply",
                benchmarks::start,
                202,
                400,
                401,
                403,
                422,
                429,
                503)
            .returns("RepliesStarted"),
        Route.get(
                "/benchmarks/jobs",
                "List jobs, newest first, as summaries (no histograms or time series) unless"
                    + " full=true",
                benchmarks::list,
                200,
                400)
            .withQuery(Params.JOB_FILTERS)
            .returns("RepliesJobList"),
        Route.get("/benchmarks/jobs/{id}", "One job document", benchmarks::get, 200, 404)
            .returns("JobDocument"),
        Route.get(
                "/benchmarks/jobs/{id}/result",
                "The result of a finished job",
                benchmarks::result,
                200,
                404,
                409)
            .returns("JobResult"),
        Route.get(
                "/benchmarks/jobs/{id}/spectrum",
                "Latency against percentile (corrected and service time) for the dashboard's chart",
                analysis::spectrum,
                200,
                404,
                409)
            .returns("PercentileSpectrum"),
        Route.sse(
            EVENTS_PATH,
            "Server-Sent Events: progress each second, then the final status",
            benchmarks::events),
        Route.post(
                "/benchmarks/jobs/{id}/stop",
                "Stop the run (threads, connections); cancelled",
                benchmarks::stop,
                200,
                401,
                404)
            .returns("JobDocument"),
        Route.delete(
                "/benchmarks/jobs/{id}",
                "Stop the job if it runs, then delete it",
                benchmarks::delete,
                200,
                401,
                404)
            .returns("RepliesDeleted"),
        Route.get(
                "/benchmarks/compare",
                "Side-by-side figures and deltas against the first job",
                analysis::compare,
                200,
                400,
                404)
            .withQuery("ids")
            .returns("Comparison"),
        Route.get(
                "/benchmarks/trends",
                "p50/p99/throughput over time for one test type and mesh, regressions flagged",
                analysis::trends,
                200,
                400)
            .withQuery("test_type", "mesh_type", "limit")
            .returns("Trends"),
        Route.get(
                "/benchmarks/jobs/{id}/export",
                "The job as smp, hlog, csv, csv-spectrum or html",
                analysis::export,
                200,
                400,
                404,
                409)
            .withQuery("format")
            .produces("application/json", "text/plain", "text/csv", "text/html"),
        Route.get(
                "/metrics/summary",
                "Per mesh and test type: count, latest and median p50/p99/throughput, overhead"
                    + " against baseline",
                analysis::summary,
                200,
                400)
            .withQuery(Params.SUMMARY_FILTERS)
            .returns("Summary"),
        Route.get(
                "/metrics",
                "Prometheus exposition of the server and of live runs",
                metrics::prometheus,
                200)
            .produces("text/plain"),
        Route.get(
                "/metrics/results",
                "Completed results, newest first, summarised unless full=true",
                metrics::results,
                200,
                400)
            .withQuery(Params.RESULT_FILTERS)
            .returns("RepliesResultList"),
        Route.post(
                "/reports/generate",
                "Write an html, json or csv report of the history",
                reports::generate,
                201,
                400,
                401)
            .returns("RepliesReportCreated"),
        Route.get("/reports/list", "Generated reports, newest first", reports::list, 200)
            .returns("RepliesReports"),
        Route.get(
                "/reports/download/{name}", "Download one report", reports::download, 200, 400, 404)
            .produces("text/html", "application/json", "text/csv"),
        Route.get("/kubernetes/namespaces", "Namespaces", k8s::namespaces, 200, 503),
        Route.get(
            "/kubernetes/nodes", "Nodes: readiness, versions, capacity", k8s::nodes, 200, 503),
        Route.get(
            "/kubernetes/meshes", "Each mesh: installed, version, ready", k8s::meshes, 200, 503),
        Route.get(
            "/kubernetes/mesh-status/{namespace}",
            "Mesh of a namespace and its pods",
            k8s::meshStatus,
            200,
            400,
            404,
            503),
        Route.get(
            "/kubernetes/services/{namespace}",
            "Services of a namespace",
            k8s::services,
            200,
            400,
            404,
            503),
        Route.get(
            "/kubernetes/pods/{namespace}",
            "Pods: containers, readiness, restarts, proxies",
            k8s::pods,
            200,
            400,
            404,
            503),
        Route.get("/openapi.json", "This API description", ctx -> {}, 200));
  }

  private void register(JavalinConfig c, List<Route> all) {
    String openApi = OpenApi.describe(all).toPrettyString();
    for (Route r : all) {
      if (r.events() != null) {
        c.routes.get(r.path(), new EventStreamHandler(r.events()));
      } else if (r.path().equals("/openapi.json")) {
        c.routes.get(
            r.path(),
            ctx -> {
              Params.requireKnown(ctx, r.queryParams());
              ctx.contentType("application/json").result(openApi);
            });
      } else {
        c.routes.addEndpoint(
            new io.javalin.router.Endpoint(
                HandlerType.findOrCreate(r.method()),
                r.path(),
                checkedQuery(r),
                java.util.Set.of()));
      }
    }
  }

  /**
   * The route's handler, after a check that every query parameter is one the route declares (the
   * dashboard page reads its own query string in the browser and is exempt).
   */
  private static io.javalin.http.Handler checkedQuery(Route r) {
    if (r.path().equals("/")) {
      return r.handler();
    }
    return ctx -> {
      Params.requireKnown(ctx, r.queryParams());
      r.handler().handle(ctx);
    };
  }

  private static void errors(JavalinConfig c, List<Route> all) {
    c.routes.exception(ApiError.class, (e, ctx) -> ctx.status(e.status()).json(e.body()));
    c.routes.exception(
        JobNotFoundException.class,
        (e, ctx) -> ctx.status(404).json(new ApiError.Body("not_found", e.getMessage(), null)));
    c.routes.exception(
        UnsupportedJobException.class,
        (e, ctx) ->
            ctx.status(422).json(new ApiError.Body("unsupported", e.getMessage(), e.field())));
    c.routes.exception(
        QueueFullException.class,
        (e, ctx) -> ctx.status(429).json(new ApiError.Body("queue_full", e.getMessage(), null)));
    c.routes.exception(
        TargetNotAllowedException.class,
        (e, ctx) ->
            ctx.status(403)
                .json(new ApiError.Body("target_not_allowed", e.getMessage(), e.field())));
    c.routes.exception(
        ShuttingDownException.class,
        (e, ctx) -> ctx.status(503).json(new ApiError.Body("shutting_down", e.getMessage(), null)));
    c.routes.exception(
        JobStoreException.class,
        (e, ctx) -> {
          // The cause may name a database URL or a path: the log has it, under an id.
          String errorId = ErrorIds.next();
          LOG.error("error {}: {} {}: the job store failed", errorId, ctx.method(), ctx.path(), e);
          ctx.status(503)
              .json(
                  new ApiError.Body(
                      "store_unavailable",
                      "the job store cannot be reached; nothing was changed. /health says when it"
                          + " is back; error id "
                          + errorId,
                      null,
                      errorId));
        });
    c.routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          if (e.getStatus() == 413) {
            RequestGuard.drainRefusedBody(ctx); // a chunked body over the limit
            ctx.status(413).json(RequestGuard.tooLarge(MAX_BODY_BYTES, -1).body());
          } else if (e.getStatus() == 404) {
            noRoute(ctx, all); // Javalin's own: no endpoint for this method and path
          } else {
            ctx.status(e.getStatus())
                .json(new ApiError.Body("http_" + e.getStatus(), e.getMessage(), null));
          }
        });
    c.routes.exception(
        Exception.class,
        (e, ctx) -> {
          String request;
          try {
            request = ctx.method() + " " + ctx.path();
          } catch (RuntimeException recycled) {
            // An event stream whose client has gone (a dashboard page left): Jetty has recycled
            // the request, there is no one to answer, and touching it again would throw here.
            LOG.debug("event stream ended after its client left: {}", e.toString());
            return;
          }
          // The exception's text may hold a JDBC URL, a file path or a stack of internals: it
          // goes to the log under an id, and the client gets the id only.
          String errorId = ErrorIds.next();
          LOG.error("error {}: {} failed", errorId, request, e);
          ctx.status(500)
              .json(
                  new ApiError.Body(
                      "internal",
                      "the server failed to answer this request; its log has the details under"
                          + " error id "
                          + errorId,
                      null,
                      errorId));
        });
    c.routes.error(
        404,
        "*",
        ctx -> {
          if (ctx.result() == null || ctx.result().isEmpty()) {
            noRoute(ctx, all);
          }
        });
  }

  /** No route: 405 with Allow when the path answers other methods, else 404. */
  private static void noRoute(Context ctx, List<Route> all) {
    List<String> allowed =
        all.stream().filter(r -> r.matches(ctx.path())).map(Route::method).distinct().toList();
    if (!allowed.isEmpty() && !allowed.contains(ctx.method().toString())) {
      ctx.status(405)
          .header("Allow", String.join(", ", allowed))
          .json(
              new ApiError.Body(
                  "method_not_allowed",
                  ctx.path() + " answers " + String.join(", ", allowed) + ", not " + ctx.method(),
                  null));
      return;
    }
    ctx.status(404)
        .json(new ApiError.Body("not_found", "no route " + ctx.method() + " " + ctx.path(), null));
  }

  /** Answers in JSON what an event stream cannot: an unknown job, a client that cannot listen. */
  private void eventsPreconditions(Context ctx) {
    Params.requireKnown(ctx, List.of());
    // No Accept, or curl's */*, takes the stream; only a client that asks for something else
    // (application/json) is told what this route answers.
    String accept =
        ctx.header("Accept") == null ? null : ctx.header("Accept").toLowerCase(Locale.ROOT);
    if (accept != null
        && !accept.isBlank()
        && !accept.contains("text/event-stream")
        && !accept.contains("text/*")
        && !accept.contains("*/*")) {
      throw new ApiError(
          406,
          "not_acceptable",
          "this route streams Server-Sent Events, not "
              + accept
              + ": accept text/event-stream"
              + " (curl -N does by default)",
          null);
    }
    jobService.get(ctx.pathParam("id")); // 404 before the stream starts
  }

  private static void dashboard(Context ctx) throws IOException {
    try (InputStream in = ApiServer.class.getResourceAsStream("/dashboard/index.html")) {
      if (in == null) {
        throw new IOException("dashboard/index.html is missing from the jar");
      }
      ctx.contentType("text/html; charset=utf-8").result(in.readAllBytes());
    }
  }

  private static String routeOf(Context ctx) {
    try {
      return ctx.endpoint().path;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }

  List<Route> routes() {
    return routes;
  }

  public ApiServer start() {
    app.start();
    return this;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
