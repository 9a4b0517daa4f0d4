package io.meshbench.platform.store;

import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobSummaries;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where job documents live. Every implementation passes the same contract test suite.
 *
 * <p>Guarantees: {@link #save} is durable when it returns (a crash right after loses nothing); a
 * document read back equals the one saved; listing is newest first ({@code created_at}, then {@code
 * job_id}, descending). Implementations are thread-safe.
 */
public interface JobStore extends AutoCloseable {

  /** "file" or "postgres", for /health and /status. */
  String kind();

  /** Inserts or replaces the document with its job id. */
  void save(JobDocument doc);

  Optional<JobDocument> find(String jobId);

  /** Documents that match, newest first, at most {@code query.limit()}. */
  List<JobDocument> list(JobQuery query);

  /**
   * Like {@link #list}, but each job as its summary ({@link
   * io.meshbench.platform.job.JobSummaries}): what listings and aggregates need, without histograms
   * or time series. Stores keep summaries beside the documents, so this parses no full document.
   */
  default List<JobDocument> listSummaries(JobQuery query) {
    return list(query).stream().map(JobSummaries::of).toList();
  }

  /** Removes the job; false if there was none. */
  boolean delete(String jobId);

  /** How many jobs have this status. */
  long count(io.meshbench.platform.job.JobStatus status);

  /**
   * Atomically takes the oldest pending job (by {@code created_at}, then {@code job_id}) and saves
   * it as running with {@code startedAt}. With several server replicas on one database, each
   * pending job is claimed by exactly one of them.
   */
  Optional<JobDocument> claimNextPending(Instant startedAt);

  /**
   * At start-up: every job still marked running belongs to a process that is gone. Each becomes
   * interrupted with {@code reason} and {@code at} as its completion time; returns them.
   */
  List<JobDocument> interruptRunning(String reason, Instant at);

  @Override
  default void close() {}
}
