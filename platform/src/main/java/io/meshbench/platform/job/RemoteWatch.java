package io.meshbench.platform.job;

import io.meshbench.engine.run.RunProgress;
import io.meshbench.platform.store.JobStore;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a job that another replica runs (or may claim) through the store, for one listener: each
 * poll passes on new stored progress, and the final document once the job ends. Polls are skipped
 * while this replica runs the job itself (its events reach the listener directly). A store failure
 * skips one poll.
 */
final class RemoteWatch implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteWatch.class);

  private final String jobId;
  private final JobStore store;
  private final Function<String, Optional<JobDocument>> find;
  private final Predicate<String> runsHere;
  private final JobEvents.Listener listener;
  private String lastProgressJson; // touched by the polling thread only
  private volatile boolean over;

  RemoteWatch(
      String jobId,
      JobStore store,
      Function<String, Optional<JobDocument>> find,
      Predicate<String> runsHere,
      JobEvents.Listener listener) {
    this.jobId = jobId;
    this.store = store;
    this.find = find;
    this.runsHere = runsHere;
    this.listener = listener;
  }

  boolean over() {
    return over;
  }

  @Override
  public void run() {
    if (over || runsHere.test(jobId)) {
      return;
    }
    try {
      Optional<JobDocument> doc = find.apply(jobId);
      if (doc.isEmpty()) {
        over = true;
        listener.gone(jobId);
      } else if (doc.get().status().finished()) {
        over = true;
        listener.finished(doc.get());
      } else if (doc.get().status() == JobStatus.RUNNING) {
        Optional<String> json = store.progress(jobId);
        if (json.isPresent() && !Objects.equals(json.get(), lastProgressJson)) {
          lastProgressJson = json.get();
          listener.progress(jobId, Json.mapper().readValue(json.get(), RunProgress.class));
        }
      }
    } catch (Exception e) {
      LOG.debug("watching job {} through the store failed once: {}", jobId, e.toString());
    }
  }
}
