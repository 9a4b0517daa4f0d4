package io.meshbench.platform.api;

import io.meshbench.engine.run.RunProgress;
import io.meshbench.engine.stats.IntervalSnapshot;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobEvents;
import io.meshbench.platform.job.JobService;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.store.JobQuery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What {@code GET /metrics} exposes: the server's own requests, jobs by status, live runs (rps,
 * p99, errors per running job) and the latest result per mesh and test type.
 */
final class ServerMetrics implements JobEvents.Listener {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JobService jobs;
  private final Map<String, JobDocument> latestByGroup = new ConcurrentHashMap<>();
  private final Map<String, JobDocument> runningJobs = new ConcurrentHashMap<>();
  private final MultiGauge liveRps;
  private final MultiGauge liveP99;
  private final MultiGauge liveErrors;
  private final MultiGauge liveTargetRps;
  private final MultiGauge latestP50;
  private final MultiGauge latestP99;
  private final MultiGauge latestThroughput;
  private final MultiGauge latestRegression;

  ServerMetrics(JobService jobs) {
    this.jobs = jobs;
    for (JobStatus s : JobStatus.values()) {
      Gauge.builder("meshbench_jobs", () -> jobs.count(s))
          .description("Jobs by status")
          .tag("status", s.wireName())
          .register(registry);
    }
    Gauge.builder("meshbench_active_jobs", jobs::activeJobs)
        .description("Jobs running in this server")
        .register(registry);
    liveRps =
        gauge(
            "meshbench_run_requests_per_second",
            "Requests per second in the last second of a running job");
    liveP99 =
        gauge(
            "meshbench_run_p99_seconds",
            "Corrected p99 latency in the last second, seconds; absent for a second without a"
                + " success");
    liveErrors = gauge("meshbench_run_errors", "Errors so far in a running job");
    liveTargetRps =
        gauge(
            "meshbench_run_target_requests_per_second",
            "Requested rate of a running job, requests per second; 0 = closed model");
    // Every status from the start, so that increase() sees the first failure too.
    for (JobStatus s : JobStatus.values()) {
      if (s.finished()) {
        finishedCounter(s);
      }
    }
    latestP50 =
        gauge("meshbench_latest_p50_seconds", "Corrected p50 of the latest completed job, seconds");
    latestP99 =
        gauge("meshbench_latest_p99_seconds", "Corrected p99 of the latest completed job, seconds");
    latestThroughput =
        gauge(
            "meshbench_latest_throughput_requests_per_second",
            "Throughput of the latest completed job, requests per second");
    latestRegression =
        gauge(
            "meshbench_regression",
            "1 when the latest completed job of this test type and mesh is significantly worse"
                + " than the preceding runs of its spec, else 0");
    for (JobDocument doc : jobs.list(new JobQuery(JobStatus.COMPLETED, null, null, 1000))) {
      latestByGroup.putIfAbsent(group(doc), doc); // newest first
    }
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Times one API request, by route template and status. */
  void recordRequest(String method, String route, int status, float ms) {
    Timer.builder("meshbench_http_requests")
        .description("API requests served")
        .tags("method", method, "route", route, "status", Integer.toString(status))
        .register(registry)
        .record((long) (ms * 1000), TimeUnit.MICROSECONDS);
  }

  @Override
  public void started(JobDocument running) {
    runningJobs.put(running.jobId(), running);
  }

  @Override
  public void finished(JobDocument finished) {
    runningJobs.remove(finished.jobId());
    finishedCounter(finished.status()).increment();
    if (finished.status() == JobStatus.COMPLETED && finished.result() != null) {
      latestByGroup.put(group(finished), finished);
    }
  }

  private Counter finishedCounter(JobStatus status) {
    return Counter.builder("meshbench_jobs_finished")
        .description("Jobs that ended, by final status")
        .tag("status", status.wireName())
        .register(registry);
  }

  /** The exposition text, with live gauges brought up to date first. */
  String scrape() {
    List<MultiGauge.Row<?>> rps = new ArrayList<>();
    List<MultiGauge.Row<?>> p99 = new ArrayList<>();
    List<MultiGauge.Row<?>> errors = new ArrayList<>();
    List<MultiGauge.Row<?>> targets = new ArrayList<>();
    for (Map.Entry<String, RunProgress> e : jobs.liveProgress().entrySet()) {
      JobDocument doc = runningJobs.get(e.getKey());
      if (doc == null || e.getValue().interval() == null) {
        continue;
      }
      Tags tags =
          Tags.of(
              "job_id", doc.jobId(),
              "test_type", doc.spec().testType().wireName(),
              "mesh_type", doc.spec().meshType().wireName());
      IntervalSnapshot second = e.getValue().interval();
      rps.add(MultiGauge.Row.of(tags, second.rps()));
      if (second.p99Ms() != null) { // no success in that second: no latency, so no sample
        p99.add(MultiGauge.Row.of(tags, second.p99Ms() / 1000));
      }
      errors.add(MultiGauge.Row.of(tags, e.getValue().errors()));
      targets.add(MultiGauge.Row.of(tags, doc.spec().rate()));
    }
    liveTargetRps.register(targets, true);
    liveRps.register(rps, true);
    liveP99.register(p99, true);
    liveErrors.register(errors, true);
    List<MultiGauge.Row<?>> p50s = new ArrayList<>();
    List<MultiGauge.Row<?>> p99s = new ArrayList<>();
    List<MultiGauge.Row<?>> tput = new ArrayList<>();
    List<MultiGauge.Row<?>> regressed = new ArrayList<>();
    for (JobDocument doc : latestByGroup.values()) {
      Tags tags =
          Tags.of(
              "test_type", doc.spec().testType().wireName(),
              "mesh_type", doc.spec().meshType().wireName());
      p50s.add(MultiGauge.Row.of(tags, doc.result().latencyMs().p50() / 1000));
      p99s.add(MultiGauge.Row.of(tags, doc.result().latencyMs().p99() / 1000));
      tput.add(MultiGauge.Row.of(tags, doc.result().throughputRps()));
      boolean flagged = doc.regression() != null && doc.regression().regressed();
      regressed.add(MultiGauge.Row.of(tags, flagged ? 1 : 0));
    }
    latestRegression.register(regressed, true);
    latestP50.register(p50s, true);
    latestP99.register(p99s, true);
    latestThroughput.register(tput, true);
    return registry.scrape();
  }

  private MultiGauge gauge(String name, String description) {
    return MultiGauge.builder(name).description(description).register(registry);
  }

  private static String group(JobDocument doc) {
    return doc.spec().testType().wireName() + "/" + doc.spec().meshType().wireName();
  }
}
