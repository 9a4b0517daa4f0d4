package io.meshbench.platform.job;

import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.run.RunProgress;
import io.meshbench.platform.analysis.Regression;
import io.meshbench.platform.analysis.RegressionCheck;
import io.meshbench.platform.executor.JobExecutor;
import io.meshbench.platform.store.DuplicateJobException;
import io.meshbench.platform.store.JobQuery;
import io.meshbench.platform.store.JobStore;
import io.meshbench.platform.store.ResultSpill;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job lifecycle: pending → running → completed | failed | cancelled | interrupted. Jobs are
 * persisted before they are acknowledged and run first in, first out by a fixed number of worker
 * threads (benchmarks sharing hosts spoil each other, so the default is one at a time). Several
 * replicas may share one store: each claims jobs under a lease it renews (see {@link Housekeeper}),
 * and stops, deletes and event streams work whichever replica runs the job. No store failure ends a
 * worker or loses a finished result. Free of any web framework.
 */
public final class JobService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobService.class);
  private static final long IDLE_POLL_MS = 1_000; // other replicas may queue jobs in the database
  private static final long STOP_WAIT_S = 30;
  private static final long REMOTE_STOP_POLL_MS = 100;
  private static final long BACKOFF_MIN_MS = 100;
  private static final long BACKOFF_MAX_MS = 10_000;
  private static final int ID_ATTEMPTS = 5;
  private static final int HISTORY_LIMIT = 200; // the same pair's recent jobs, for regressions
  static final String SHUTDOWN_REASON = "the server shut down while the job ran";
  static final String RESTART_REASON = "the server stopped while the job ran; its result is lost";

  private final JobStore store;
  private final JobExecutor executor;
  private final JobEvents events;
  private final Clock clock;
  private final JobIds ids;
  private final JobServiceOptions options;
  private final LocalRuns runs;
  private final StoreHealth health;
  private final Housekeeper housekeeper;
  private final List<Thread> workers = new ArrayList<>();
  private final ScheduledExecutorService ticks;
  private final ScheduledExecutorService watches;
  private final Object queueLock = new Object();
  private volatile boolean closing;

  /** A single-process service with a spill directory of its own; tests use it. */
  public JobService(
      JobStore store,
      JobExecutor executor,
      JobEvents events,
      Clock clock,
      int maxConcurrent,
      int maxQueued,
      Path spillDir) {
    this(
        store,
        executor,
        events,
        clock,
        new JobServiceOptions(
            maxConcurrent,
            maxQueued,
            JobServiceOptions.newReplicaId(),
            JobServiceOptions.DEFAULT_LEASE,
            JobServiceOptions.DEFAULT_TICK,
            spillDir,
            Retention.KEEP_ALL));
  }

  public JobService(
      JobStore store,
      JobExecutor executor,
      JobEvents events,
      Clock clock,
      JobServiceOptions options) {
    this.store = store;
    this.executor = executor;
    this.events = events;
    this.clock = clock;
    this.ids = new JobIds(clock);
    this.options = options;
    this.runs = new LocalRuns(store, new ResultSpill(options.spillDir()));
    this.health = new StoreHealth(store.kind(), clock, runs::unsavedCount);
    this.housekeeper = new Housekeeper(store, runs, events, health, clock, options);
    for (int i = 0; i < options.maxConcurrent(); i++) {
      Thread t = new Thread(this::workLoop, "meshbench-job-" + (i + 1));
      t.setDaemon(true);
      workers.add(t);
    }
    this.ticks = Executors.newSingleThreadScheduledExecutor(daemon("meshbench-housekeeping"));
    this.watches = Executors.newSingleThreadScheduledExecutor(daemon("meshbench-job-watch"));
  }

  /**
   * Recovers from the last process — saves results it kept during a store outage, interrupts
   * running jobs whose lease expired (pending ones stay queued), applies the retention — and starts
   * the workers and the housekeeping. A store that fails here is retried by the housekeeping.
   * Returns the jobs it interrupted.
   */
  public List<JobDocument> start() {
    List<JobDocument> interrupted = List.of();
    try {
      runs.recoverSpilled();
    } catch (IOException e) {
      LOG.error("cannot read spilled results in {}: {}", options.spillDir(), e.toString());
    }
    try {
      runs.saveKept();
      interrupted =
          store.interruptExpired(
              RESTART_REASON, clock.instant(), clock.instant().minus(options.lease()));
      housekeeper.applyRetention(clock.instant());
      health.succeeded();
    } catch (RuntimeException e) {
      health.failed("recover at start", e);
    }
    interrupted.forEach(
        d -> LOG.warn("job {} was running at the last stop: interrupted", d.jobId()));
    workers.forEach(Thread::start);
    long tickMs = options.tick().toMillis();
    ticks.scheduleWithFixedDelay(housekeeper::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
    return interrupted;
  }

  public String executorName() {
    return executor.name();
  }

  public String storeKind() {
    return store.kind();
  }

  public String replicaId() {
    return options.replicaId();
  }

  /** Why this replica cannot do its work fully (store unreachable, results unsaved), if so. */
  public Optional<String> degradedReason() {
    return health.degradedReason();
  }

  /**
   * Queues a job; it is durable before this returns.
   *
   * @throws io.meshbench.platform.executor.UnsupportedJobException when the executor cannot run it
   * @throws QueueFullException when the queue is at its bound
   */
  public JobDocument submit(JobSpec spec) {
    if (closing) {
      throw new ShuttingDownException();
    }
    executor.check(spec);
    synchronized (queueLock) {
      if (store.count(JobStatus.PENDING) >= options.maxQueued()) {
        throw new QueueFullException(options.maxQueued());
      }
      for (int attempt = 1; ; attempt++) {
        JobDocument pending =
            JobDocument.pending(
                ids.next(spec.testType().wireName(), spec.meshType().wireName()),
                spec,
                executor.name(),
                clock.instant(),
                null);
        try {
          store.insert(pending); // never an upsert: a colliding id must not replace a job
          queueLock.notifyAll();
          return pending;
        } catch (DuplicateJobException e) {
          if (attempt == ID_ATTEMPTS) {
            throw e;
          }
          LOG.warn("job id {} exists already; drawing another", pending.jobId());
        }
      }
    }
  }

  /** The job as this replica knows it best: a result still waiting for the store comes first. */
  public Optional<JobDocument> find(String jobId) {
    Optional<JobDocument> kept = runs.unsaved(jobId);
    return kept.isPresent() ? kept : store.find(jobId);
  }

  public JobDocument get(String jobId) {
    return find(jobId).orElseThrow(() -> new JobNotFoundException(jobId));
  }

  public List<JobDocument> list(JobQuery query) {
    return store.list(query);
  }

  /** Jobs as summaries (no histograms, no time series): for listings and aggregates. */
  public List<JobDocument> listSummaries(JobQuery query) {
    return store.listSummaries(query);
  }

  public long count(JobStatus status) {
    return store.count(status);
  }

  /** Jobs running on this replica. */
  public int activeJobs() {
    return runs.activeJobs();
  }

  /** The last progress of each job running here, for metrics. */
  public Map<String, RunProgress> liveProgress() {
    return runs.liveProgress();
  }

  /**
   * Stops a job: a pending one is cancelled at once (unless a worker claimed it meanwhile); a
   * running one is stopped (its threads end, its connections close), through the store when another
   * replica runs it, and this waits for it to finish. A finished job is returned as it is.
   */
  public JobDocument stop(String jobId) throws InterruptedException {
    JobDocument doc = get(jobId);
    if (doc.status() == JobStatus.PENDING) {
      Optional<JobDocument> cancelled =
          store.cancelPending(jobId, clock.instant(), "cancelled before it started");
      if (cancelled.isPresent()) {
        events.finished(cancelled.get());
        return cancelled.get();
      }
      doc = get(jobId); // claimed in the meantime: stop the run instead
    }
    Optional<LocalRuns.Running> run = runs.running(jobId);
    if (run.isPresent()) {
      run.get().execution().cancel();
      try {
        return run.get().done().get(STOP_WAIT_S, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
        return get(jobId);
      }
    }
    if (doc.status() != JobStatus.RUNNING || !store.requestCancel(jobId)) {
      return find(jobId).orElse(doc);
    }
    return awaitEnd(jobId, doc); // the owner reads the request at its next tick
  }

  /** Stops the job if needed and deletes it; false if there was none. */
  public boolean delete(String jobId) throws InterruptedException {
    if (find(jobId).isEmpty()) {
      return false;
    }
    stop(jobId);
    return store.delete(jobId);
  }

  /**
   * Streams one job's progress and end to {@code listener}, whichever replica runs it: events of
   * this replica come directly, those of another through the store, polled each tick. Close the
   * handle to stop. The listener hears {@code finished} (or {@code gone}) at most once.
   */
  public AutoCloseable watch(String jobId, JobEvents.Listener listener) {
    JobEvents.Listener once = new OnceFinished(listener);
    AutoCloseable local = events.listenTo(jobId, once);
    RemoteWatch remote =
        new RemoteWatch(jobId, store, this::find, id -> runs.running(id).isPresent(), once);
    long tickMs = options.tick().toMillis();
    ScheduledFuture<?> polling =
        watches.scheduleWithFixedDelay(remote, tickMs, tickMs, TimeUnit.MILLISECONDS);
    return () -> {
      polling.cancel(false);
      local.close();
    };
  }

  private JobDocument awaitEnd(String jobId, JobDocument running) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_S);
    JobDocument now = running;
    while (System.nanoTime() < deadline) {
      Optional<JobDocument> found = find(jobId);
      if (found.isEmpty()) {
        return now;
      }
      now = found.get();
      if (now.status().finished()) {
        return now;
      }
      Thread.sleep(REMOTE_STOP_POLL_MS); // polling the store for the condition
    }
    return now;
  }

  private void workLoop() {
    Backoff backoff = new Backoff(BACKOFF_MIN_MS, BACKOFF_MAX_MS);
    while (!closing) {
      Optional<JobDocument> next;
      synchronized (queueLock) {
        try {
          next =
              closing
                  ? Optional.empty()
                  : store.claimNextPending(clock.instant(), options.replicaId());
          backoff.succeeded();
          health.succeeded();
        } catch (RuntimeException e) {
          health.failed("claim a pending job", e);
          if (!waitForWork(backoff.failed())) {
            return;
          }
          continue;
        }
        if (next.isEmpty()) {
          if (!waitForWork(IDLE_POLL_MS)) {
            return;
          }
          continue;
        }
      }
      runJob(next.get());
    }
  }

  /** Caller holds queueLock. False when the thread was interrupted. */
  private boolean waitForWork(long ms) {
    try {
      queueLock.wait(ms);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void runJob(JobDocument claimed) {
    String jobId = claimed.jobId();
    CompletableFuture<JobDocument> done = new CompletableFuture<>();
    JobDocument finished;
    try {
      JobExecutor.Execution execution = executor.prepare(claimed);
      runs.started(jobId, new LocalRuns.Running(execution, done));
      events.started(claimed);
      finished = execution.run(listenerFor(jobId));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finished = claimed.finished(JobStatus.INTERRUPTED, clock.instant(), SHUTDOWN_REASON);
    } catch (RuntimeException e) {
      LOG.warn("job {} failed", jobId, e);
      finished =
          claimed.finished(JobStatus.FAILED, clock.instant(), String.valueOf(e.getMessage()));
    } catch (Error e) {
      // Out of memory, a missing class: this job is lost, the worker is not. Left uncaught, it
      // would end the worker with the job "running" and every later job "pending" for good.
      LOG.error("job {} failed inside the server", jobId, e);
      finished =
          claimed.finished(
              JobStatus.FAILED, clock.instant(), "the run failed inside the server: " + e);
    }
    if (closing && finished.status() == JobStatus.CANCELLED) {
      finished = finished.finished(JobStatus.INTERRUPTED, finished.completedAt(), SHUTDOWN_REASON);
    }
    finished = withRegressionVerdict(finished);
    try {
      runs.saveOrKeep(finished); // a DELETE may have removed it meanwhile: then nothing is saved
    } catch (RuntimeException e) {
      health.failed("save the result of job " + jobId, e); // kept; the housekeeping saves it
    }
    runs.ended(jobId);
    done.complete(finished);
    events.finished(finished);
  }

  /**
   * The completed job with its verdict against the preceding runs of the same spec. Reading the
   * history may fail (store trouble): the result matters more than the verdict, so it is then saved
   * without one.
   */
  private JobDocument withRegressionVerdict(JobDocument finished) {
    if (finished.status() != JobStatus.COMPLETED || finished.spec() == null) {
      return finished;
    }
    try {
      List<JobDocument> history =
          store.list(
              new JobQuery(
                  JobStatus.COMPLETED,
                  finished.spec().testType(),
                  finished.spec().meshType(),
                  HISTORY_LIMIT));
      Regression verdict = RegressionCheck.check(finished, history);
      return verdict == null ? finished : finished.withRegression(verdict);
    } catch (RuntimeException e) {
      LOG.warn("job {}: no regression verdict, the history could not be read", finished.jobId(), e);
      return finished;
    }
  }

  private RunListener listenerFor(String jobId) {
    return new RunListener() {
      @Override
      public void onProgress(RunProgress progress) {
        runs.progress(jobId, progress);
        events.progress(jobId, progress);
      }
    };
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Stops taking jobs, stops the running ones (they end interrupted), waits for them, then stops
   * the housekeeping. Results the store refused stay spilled for the next start.
   */
  @Override
  public void close() {
    closing = true;
    synchronized (queueLock) {
      queueLock.notifyAll();
    }
    runs.cancelAll();
    Duration wait = Duration.ofSeconds(STOP_WAIT_S);
    for (Thread t : workers) {
      try {
        t.join(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    watches.shutdownNow();
    ticks.shutdown();
    try {
      ticks.awaitTermination(STOP_WAIT_S, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
