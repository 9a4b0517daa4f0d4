package io.meshbench.platform.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.meshbench.engine.run.RunProgress;
import io.meshbench.platform.executor.JobExecutor;
import io.meshbench.platform.store.JobStore;
import io.meshbench.platform.store.ResultSpill;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this replica holds that the store may not have yet: the runs in progress with their latest
 * progress, and finished documents that the store refused (spilled to local disk until it takes
 * them). Thread-safe: concurrent maps; a job id is written by the worker that runs it and read by
 * anyone.
 */
final class LocalRuns {
  private static final Logger LOG = LoggerFactory.getLogger(LocalRuns.class);

  record Running(JobExecutor.Execution execution, CompletableFuture<JobDocument> done) {}

  private final JobStore store;
  private final ResultSpill spill;
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private final Map<String, RunProgress> lastProgress = new ConcurrentHashMap<>();
  private final Map<String, JobDocument> unsaved = new ConcurrentHashMap<>();

  LocalRuns(JobStore store, ResultSpill spill) {
    this.store = store;
    this.spill = spill;
  }

  void started(String jobId, Running run) {
    running.put(jobId, run);
  }

  Optional<Running> running(String jobId) {
    return Optional.ofNullable(running.get(jobId));
  }

  int activeJobs() {
    return running.size();
  }

  void progress(String jobId, RunProgress progress) {
    lastProgress.put(jobId, progress);
  }

  Map<String, RunProgress> liveProgress() {
    return Map.copyOf(lastProgress);
  }

  /** The latest progress of each running job as JSON (null before the first report). */
  Map<String, String> progressJsonByJob() {
    Map<String, String> byJob = new HashMap<>();
    for (String jobId : running.keySet()) {
      RunProgress p = lastProgress.get(jobId);
      byJob.put(jobId, p == null ? null : toJson(p));
    }
    return byJob;
  }

  void cancelAll() {
    running.values().forEach(r -> r.execution().cancel());
  }

  void cancel(String jobId) {
    Running run = running.get(jobId);
    if (run != null) {
      run.execution().cancel();
    }
  }

  /** The run is over: it leaves the table whatever became of its document. */
  void ended(String jobId) {
    running.remove(jobId);
    lastProgress.remove(jobId);
  }

  /** A finished document this replica holds and the store does not have yet. */
  Optional<JobDocument> unsaved(String jobId) {
    return Optional.ofNullable(unsaved.get(jobId));
  }

  int unsavedCount() {
    return unsaved.size();
  }

  /**
   * Saves a finished document, or keeps it (on local disk, durably) when the store fails. Throws
   * the store's failure after keeping the document, so the caller can report it.
   */
  void saveOrKeep(JobDocument finished) {
    try {
      store.update(finished); // false: deleted meanwhile, and nothing is left to save it into
    } catch (RuntimeException e) {
      keep(finished);
      throw e;
    }
  }

  /** Reads documents spilled by an earlier process, so that they are saved when possible. */
  void recoverSpilled() throws IOException {
    List<JobDocument> docs = spill.readAll();
    docs.forEach(d -> unsaved.put(d.jobId(), d));
    if (!docs.isEmpty()) {
      LOG.info(
          "{} finished result(s) from an earlier run wait in {}", docs.size(), spill.directory());
    }
  }

  /** Hands every kept document to the store, oldest first; stops at the first store failure. */
  void saveKept() {
    for (JobDocument doc : List.copyOf(unsaved.values())) {
      store.update(doc);
      unsaved.remove(doc.jobId());
      try {
        spill.remove(doc.jobId());
      } catch (IOException e) {
        // Saved already; a leftover file is saved again (the same document) at the next start.
        LOG.warn("cannot remove spilled result of {}: {}", doc.jobId(), e.getMessage());
      }
      LOG.info("job {}: the result kept during the store outage is saved", doc.jobId());
    }
  }

  private void keep(JobDocument finished) {
    unsaved.put(finished.jobId(), finished);
    try {
      spill.write(finished);
      LOG.warn(
          "job {}: the store is unreachable; its result waits in {}",
          finished.jobId(),
          spill.directory());
    } catch (IOException | RuntimeException e) {
      // Still in memory, and saved when the store is back unless this process ends first.
      LOG.error("job {}: cannot spill its result either: {}", finished.jobId(), e.toString());
    }
  }

  static String toJson(RunProgress p) {
    try {
      return Json.mapper().writeValueAsString(p);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("progress does not serialise", e);
    }
  }
}
