package io.meshbench.platform.job;

import io.meshbench.platform.store.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic work of a replica, one tick at a time on one thread: save results kept during a
 * store outage, renew the leases of its runs (storing their progress for other replicas) and stop
 * the runs whose stop was asked elsewhere, interrupt the runs of replicas that are gone, and apply
 * the retention once a day. A store failure ends the tick, never the thread.
 */
final class Housekeeper {
  private static final Logger LOG = LoggerFactory.getLogger(Housekeeper.class);
  static final String LEASE_EXPIRED_REASON =
      "the server running the job stopped renewing its lease (it stopped or lost the store);"
          + " its result is lost";
  private static final Duration RETENTION_PERIOD = Duration.ofDays(1);

  private final JobStore store;
  private final LocalRuns runs;
  private final JobEvents events;
  private final StoreHealth health;
  private final Clock clock;
  private final JobServiceOptions options;
  private Instant nextSweep = Instant.MIN; // touched by the housekeeping thread only
  private Instant nextRetention = Instant.MIN;

  Housekeeper(
      JobStore store,
      LocalRuns runs,
      JobEvents events,
      StoreHealth health,
      Clock clock,
      JobServiceOptions options) {
    this.store = store;
    this.runs = runs;
    this.events = events;
    this.health = health;
    this.clock = clock;
    this.options = options;
  }

  void tick() {
    try {
      runs.saveKept();
      renewLeases();
      Instant now = clock.instant();
      if (!now.isBefore(nextSweep)) {
        interruptExpired(now);
        nextSweep = now.plus(options.lease().dividedBy(3));
      }
      if (!now.isBefore(nextRetention)) {
        applyRetention(now);
        nextRetention = now.plus(RETENTION_PERIOD);
      }
      health.succeeded();
    } catch (RuntimeException e) {
      health.failed("renew leases and save kept results", e);
    }
  }

  /** Jobs of replicas whose lease expired become interrupted; returns them. */
  List<JobDocument> interruptExpired(Instant now) {
    List<JobDocument> interrupted =
        store.interruptExpired(LEASE_EXPIRED_REASON, now, now.minus(options.lease()));
    for (JobDocument doc : interrupted) {
      LOG.warn("job {} was running on a server that is gone: interrupted", doc.jobId());
      events.finished(doc);
    }
    return interrupted;
  }

  /** Deletes old finished jobs as the retention says; returns how many. */
  int applyRetention(Instant now) {
    Retention retention = options.retention();
    if (retention.keepsAll()) {
      return 0;
    }
    List<String> deleted = store.deleteFinished(retention.createdBefore(now), retention.maxJobs());
    if (!deleted.isEmpty()) {
      LOG.info("retention ({}): deleted {} finished job(s)", retention, deleted.size());
    }
    return deleted.size();
  }

  private void renewLeases() {
    Set<String> stop =
        store.renewLeases(options.replicaId(), runs.progressJsonByJob(), clock.instant());
    for (String jobId : stop) {
      LOG.info("job {}: a stop was asked through the store; stopping it", jobId);
      runs.cancel(jobId);
    }
  }
}
