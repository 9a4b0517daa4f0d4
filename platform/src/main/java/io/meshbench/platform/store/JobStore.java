package io.meshbench.platform.store;

import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.JobSummaries;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where job documents live. Every implementation passes the same contract test suite.
 *
 * <p>Guarantees: every write is durable when it returns (a crash right after loses nothing); a
 * document read back equals the one saved; listing is newest first ({@code created_at}, then {@code
 * job_id}, descending). Implementations are thread-safe.
 *
 * <p>Ownership: a running job belongs to the replica that claimed it ({@code owner}) for as long as
 * that replica renews its lease ({@link #renewLeases}). Only jobs whose lease expired are
 * interrupted ({@link #interruptExpired}), so replicas sharing a database never end each other's
 * live runs. Stops from another replica go through the store ({@link #requestCancel}); the owner
 * sees them when it renews its leases.
 */
public interface JobStore extends AutoCloseable {

  /** "file" or "postgres", for /health and /status. */
  String kind();

  /** Inserts or replaces the document with its job id (imports, tests). */
  void save(JobDocument doc);

  /**
   * Inserts a new job; never replaces one.
   *
   * @throws DuplicateJobException when a job with this id exists already
   */
  void insert(JobDocument doc);

  /** Replaces the document of an existing job; false (and nothing stored) when there is none. */
  boolean update(JobDocument doc);

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
  long count(JobStatus status);

  /**
   * Atomically takes the oldest pending job (by {@code created_at}, then {@code job_id}) and saves
   * it as running with {@code startedAt}, owned by {@code owner} with a lease renewed at {@code
   * startedAt}. With several server replicas on one database, each pending job is claimed by
   * exactly one of them.
   */
  Optional<JobDocument> claimNextPending(Instant startedAt, String owner);

  /** {@link #claimNextPending(Instant, String)} for a single process. */
  default Optional<JobDocument> claimNextPending(Instant startedAt) {
    return claimNextPending(startedAt, "local");
  }

  /**
   * Renews the leases of the owner's running jobs at {@code at} and keeps each one's latest
   * progress ({@code progressJsonByJob}: job id to a JSON document, or to null for none yet).
   * Returns the ids among them whose run should stop: a stop was requested ({@link #requestCancel})
   * or the job is no longer stored.
   */
  Set<String> renewLeases(String owner, Map<String, String> progressJsonByJob, Instant at);

  /** The latest progress its owner stored for a running job (JSON), if any. */
  Optional<String> progress(String jobId);

  /**
   * Asks the owner of a running job to stop it. False when the job is not running (pending,
   * finished or absent).
   */
  boolean requestCancel(String jobId);

  /**
   * Cancels a job only if it is still pending, in one atomic step with the claim: a job claimed
   * meanwhile is left alone. Returns the cancelled document, or empty when it was not pending.
   */
  Optional<JobDocument> cancelPending(String jobId, Instant at, String reason);

  /**
   * Running jobs whose lease was last renewed before {@code renewedBefore} belong to a replica that
   * is gone: each becomes interrupted with {@code reason} and {@code at} as its completion time.
   * Returns them.
   */
  List<JobDocument> interruptExpired(String reason, Instant at, Instant renewedBefore);

  /** At start-up of a single process: every running job is interrupted, whoever owned it. */
  default List<JobDocument> interruptRunning(String reason, Instant at) {
    return interruptExpired(reason, at, Instant.MAX);
  }

  /**
   * Retention: deletes finished jobs (never pending or running ones) created before {@code
   * createdBefore} (null: no age limit), then the oldest finished jobs until at most {@code
   * maxJobs} jobs remain in all (0: no count limit; active jobs count but are kept). Returns the
   * ids deleted.
   */
  List<String> deleteFinished(Instant createdBefore, int maxJobs);

  @Override
  default void close() {}
}
