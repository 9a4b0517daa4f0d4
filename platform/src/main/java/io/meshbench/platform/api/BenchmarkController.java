package io.meshbench.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.meshbench.engine.run.RunProgress;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobEvents;
import io.meshbench.platform.job.JobNotFoundException;
import io.meshbench.platform.job.JobService;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.store.JobQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code /benchmarks} routes: start, watch, stop and read jobs. Thin: the service decides. */
final class BenchmarkController {
  private final JobService jobs;

  BenchmarkController(JobService jobs) {
    this.jobs = jobs;
  }

  void start(Context ctx) {
    JobSpec spec = StartRequest.parse(JsonBodies.read(ctx, null));
    JobDocument pending = jobs.submit(spec);
    Replies.Started reply =
        new Replies.Started(
            pending.jobId(),
            pending.status(),
            "benchmark queued; follow it at /benchmarks/jobs/" + pending.jobId(),
            pending.createdAt(),
            pending.createdAt());
    ctx.status(202).header("Location", "/benchmarks/jobs/" + pending.jobId()).json(reply);
  }

  void list(Context ctx) {
    JobQuery query = Params.jobQuery(ctx, 100);
    boolean full = Params.full(ctx);
    List<Object> found =
        (full ? jobs.list(query) : jobs.listSummaries(query))
            .stream().map(d -> Listings.entry(d, full)).toList();
    ctx.json(new Replies.JobList(found, found.size()));
  }

  void get(Context ctx) {
    ctx.json(jobs.get(ctx.pathParam("id")));
  }

  void result(Context ctx) {
    JobDocument doc = jobs.get(ctx.pathParam("id"));
    requireResult(doc, "its result");
    ctx.json(doc.resultJson());
  }

  void stop(Context ctx) throws InterruptedException {
    ctx.json(jobs.stop(ctx.pathParam("id")));
  }

  void delete(Context ctx) throws InterruptedException {
    String id = ctx.pathParam("id");
    if (!jobs.delete(id)) {
      throw new JobNotFoundException(id);
    }
    ctx.json(new Replies.Deleted(id, true));
  }

  /** Progress each second as {@code progress} events, then one {@code status} event, then EOF. */
  void events(SseClient client) {
    String id = client.ctx().pathParam("id");
    JobDocument doc = jobs.find(id).orElse(null);
    if (doc == null) {
      client.sendEvent(
          "error", json(new ApiError.Body("not_found", "no job with id '" + id + "'", null)));
      client.close();
      return;
    }
    client.keepAlive();
    // Whichever replica runs the job: its progress and end come through the service.
    AutoCloseable subscription =
        jobs.watch(
            id,
            new JobEvents.Listener() {
              @Override
              public void progress(String jobId, RunProgress p) {
                client.sendEvent("progress", json(progressEvent(jobId, p)));
              }

              @Override
              public void finished(JobDocument finished) {
                sendFinal(client, finished);
              }

              @Override
              public void gone(String jobId) {
                client.sendEvent(
                    "error",
                    json(new ApiError.Body("not_found", "job '" + jobId + "' was deleted", null)));
                client.close();
              }
            });
    client.onClose(
        () -> {
          try {
            subscription.close();
          } catch (Exception e) {
            // closing a subscription cannot fail
          }
        });
    // It may have ended between the lookup and the subscription.
    JobDocument now = jobs.find(id).orElse(doc);
    if (now.status().finished()) {
      sendFinal(client, now);
    }
  }

  private static void sendFinal(SseClient client, JobDocument doc) {
    if (client.terminated()) {
      return;
    }
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("job_id", doc.jobId());
    status.put("status", doc.status());
    status.put("error", doc.error());
    status.put("completed_at", doc.completedAt());
    client.sendEvent("status", json(status));
    client.close();
  }

  static Map<String, Object> progressEvent(String jobId, RunProgress p) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("job_id", jobId);
    e.put("phase", p.phase().name().toLowerCase(java.util.Locale.ROOT));
    e.put("elapsed_s", p.elapsedS());
    e.put("planned_s", p.plannedS());
    e.put("fraction", p.fraction());
    e.put("requests", p.requests());
    e.put("errors", p.errors());
    e.put("interval", p.interval());
    return e;
  }

  private static String json(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The same answer on every route that needs a job's result: 409 while the job has not ended (the
   * result is coming), 404 once it ended without one (it never will).
   *
   * @param what what the route would answer, for the message ("its spectrum")
   */
  static void requireResult(JobDocument doc, String what) {
    if (!doc.status().finished()) {
      throw new ApiError(
          409,
          "not_finished",
          "job "
              + doc.jobId()
              + " is "
              + doc.status().wireName()
              + "; "
              + what
              + " comes when it ends",
          null);
    }
    if (doc.result() == null && doc.matrix() != null) {
      throw new ApiError(
          404,
          "no_result",
          "job "
              + doc.jobId()
              + " is a mesh matrix: each mesh's result and the comparison are under 'matrix' in"
              + " /benchmarks/jobs/"
              + doc.jobId(),
          null);
    }
    if (doc.result() == null) {
      throw new ApiError(
          404,
          "no_result",
          "job "
              + doc.jobId()
              + " ended "
              + doc.status().wireName()
              + " without a result: "
              + doc.error(),
          null);
    }
  }
}
