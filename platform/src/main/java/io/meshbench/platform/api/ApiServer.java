package io.meshbench.platform.api;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.meshbench.platform.analysis.report.ReportService;
import io.meshbench.platform.executor.UnsupportedJobException;
import io.meshbench.platform.job.JobEvents;
import io.meshbench.platform.job.JobNotFoundException;
import io.meshbench.platform.job.JobService;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.job.QueueFullException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API and dashboard on Javalin. Every route is declared in {@link #routes}, in one place;
 * controllers only translate between HTTP and the framework-free services.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  static final String EVENTS_PATH = "/benchmarks/jobs/{id}/events";

  private final Javalin app;
  private final JobService jobService;
  private final List<Route> routes;

  public ApiServer(ServerConfig config, JobService jobs, JobEvents events, Clock clock) {
    this.jobService = jobs;
    ServerMetrics metrics = new ServerMetrics(jobs);
    events.listenToAll(metrics);
    this.routes =
        routes(
            new BenchmarkController(jobs, events),
            new StatusController(jobs, clock),
            new MetricsController(jobs, metrics),
            new AnalysisController(jobs, clock),
            new ReportController(jobs, new ReportService(config.dataDir(), clock)));
    BearerAuth auth = config.apiToken() == null ? null : new BearerAuth(config.apiToken());
    this.app =
        Javalin.create(
            c -> {
              c.startup.showJavalinBanner = false;
              c.jetty.host = config.host();
              c.jetty.port = config.port();
              c.jsonMapper(new JavalinJackson(Json.mapper(), false));
              c.requestLogger.http(
                  (ctx, ms) ->
                      metrics.recordRequest(
                          ctx.method().toString(), routeOf(ctx), ctx.statusCode(), ms));
              if (auth != null) {
                c.routes.before(auth::check);
              }
              c.routes.before(EVENTS_PATH, this::eventsPreconditions);
              register(c, routes);
              errors(c);
            });
  }

  /** All routes of the API. The OpenAPI description is generated from this list. */
  static List<Route> routes(
      BenchmarkController benchmarks,
      StatusController status,
      MetricsController metrics,
      AnalysisController analysis,
      ReportController reports) {
    return List.of(
        Route.get("/", "The web dashboard", ApiServer::dashboard, 200),
        Route.get("/health", "Liveness, version, executor and store", status::health, 200),
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
            422,
            429),
        Route.get("/benchmarks/jobs", "List jobs, newest first", benchmarks::list, 200, 400)
            .withQuery("status_filter", "test_type_filter", "mesh_type", "limit"),
        Route.get("/benchmarks/jobs/{id}", "One job document", benchmarks::get, 200, 404),
        Route.get(
            "/benchmarks/jobs/{id}/result",
            "The result of a finished job",
            benchmarks::result,
            200,
            404,
            409),
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
            404),
        Route.delete(
            "/benchmarks/jobs/{id}",
            "Stop the job if it runs, then delete it",
            benchmarks::delete,
            200,
            401,
            404),
        Route.get(
                "/benchmarks/compare",
                "Side-by-side figures and deltas against the first job",
                analysis::compare,
                200,
                400,
                404)
            .withQuery("ids"),
        Route.get(
                "/benchmarks/trends",
                "p50/p99/throughput over time for one test type and mesh, regressions flagged",
                analysis::trends,
                200,
                400)
            .withQuery("test_type", "mesh_type", "limit"),
        Route.get(
                "/benchmarks/jobs/{id}/export",
                "The job as smp, hlog, csv, csv-spectrum or html",
                analysis::export,
                200,
                400,
                404,
                409)
            .withQuery("format"),
        Route.get(
            "/metrics/summary",
            "Per mesh and test type: count, latest and median p50/p99/throughput, overhead"
                + " against baseline",
            analysis::summary,
            200),
        Route.get(
            "/metrics",
            "Prometheus exposition of the server and of live runs",
            metrics::prometheus,
            200),
        Route.get("/metrics/results", "Finished results, newest first", metrics::results, 200, 400)
            .withQuery("test_type_filter", "mesh_type", "limit"),
        Route.post(
            "/reports/generate",
            "Write an html, json or csv report of the history",
            reports::generate,
            201,
            400,
            401),
        Route.get("/reports/list", "Generated reports, newest first", reports::list, 200),
        Route.get(
            "/reports/download/{name}", "Download one report", reports::download, 200, 400, 404),
        Route.get("/kubernetes/namespaces", "Namespaces of the cluster", status::kubernetes, 503),
        Route.get("/kubernetes/nodes", "Nodes of the cluster", status::kubernetes, 503),
        Route.get(
            "/kubernetes/meshes", "Installed meshes, versions, readiness", status::kubernetes, 503),
        Route.get(
            "/kubernetes/mesh-status/{namespace}",
            "Mesh status of one namespace",
            status::kubernetes,
            503),
        Route.get("/openapi.json", "This API description", ctx -> {}, 200));
  }

  private void register(JavalinConfig c, List<Route> all) {
    String openApi = OpenApi.describe(all).toPrettyString();
    for (Route r : all) {
      if (r.events() != null) {
        c.routes.sse(r.path(), r.events());
      } else if (r.path().equals("/openapi.json")) {
        c.routes.get(r.path(), ctx -> ctx.contentType("application/json").result(openApi));
      } else {
        c.routes.addEndpoint(
            new io.javalin.router.Endpoint(
                HandlerType.findOrCreate(r.method()), r.path(), r.handler(), java.util.Set.of()));
      }
    }
  }

  private static void errors(JavalinConfig c) {
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
        Exception.class,
        (e, ctx) -> {
          LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
          ctx.status(500).json(new ApiError.Body("internal", String.valueOf(e.getMessage()), null));
        });
    c.routes.error(
        404,
        "*",
        ctx -> {
          if (ctx.result() == null || ctx.result().isEmpty()) {
            ctx.json(
                new ApiError.Body(
                    "not_found", "no route " + ctx.method() + " " + ctx.path(), null));
          }
        });
  }

  /** Answers in JSON what an event stream cannot: an unknown job, a client that cannot listen. */
  private void eventsPreconditions(Context ctx) {
    String accept = ctx.header("Accept");
    if (accept == null || !accept.contains("text/event-stream")) {
      throw new ApiError(
          406,
          "not_acceptable",
          "this route streams Server-Sent Events: send 'Accept: text/event-stream'"
              + " (e.g. curl -N -H 'Accept: text/event-stream' ...)",
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
