package io.meshbench.platform.job;

import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.run.RunProgress;
import io.meshbench.platform.analysis.Regression;
import io.meshbench.platform.analysis.RegressionCheck;
import io.meshbench.platform.executor.JobExecutor;
import io.meshbench.platform.store.JobQuery;
import io.meshbench.platform.store.JobStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job lifecycle: pending → running → completed | failed | cancelled | interrupted. Jobs are
 * persisted before they are acknowledged and run first in, first out by a fixed number of worker
 * threads (benchmarks sharing hosts spoil each other, so the default is one at a time). Free of any
 * web framework.
 */
public final class JobService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobService.class);
  private static final long IDLE_POLL_MS = 1_000; // other replicas may queue jobs in the database
  private static final long STOP_WAIT_S = 30;
  private static final int HISTORY_LIMIT = 200; // the same pair's recent jobs, for regressions
  static final String SHUTDOWN_REASON = "the server shut down while the job ran";

  private final JobStore store;
  private final JobExecutor executor;
  private final JobEvents events;
  private final Clock clock;
  private final JobIds ids;
  private final int maxQueued;
  private final List<Thread> workers = new ArrayList<>();
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private final Map<String, RunProgress> lastProgress = new ConcurrentHashMap<>();
  private final Object queueLock = new Object();
  private volatile boolean closing;

  private record Running(JobExecutor.Execution execution, CompletableFuture<JobDocument> done) {}

  public JobService(
      JobStore store,
      JobExecutor executor,
      JobEvents events,
      Clock clock,
      int maxConcurrent,
      int maxQueued) {
    if (maxConcurrent < 1 || maxQueued < 1) {
      throw new IllegalArgumentException("maxConcurrent and maxQueued must be at least 1");
    }
    this.store = store;
    this.executor = executor;
    this.events = events;
    this.clock = clock;
    this.ids = new JobIds(clock);
    this.maxQueued = maxQueued;
    for (int i = 0; i < maxConcurrent; i++) {
      Thread t = new Thread(this::workLoop, "meshbench-job-" + (i + 1));
      t.setDaemon(true);
      workers.add(t);
    }
  }

  /**
   * Recovers from the last process (running jobs become interrupted; pending ones stay queued) and
   * starts the workers.
   */
  public List<JobDocument> start() {
    List<JobDocument> interrupted =
        store.interruptRunning(
            "the server stopped while the job ran; its result is lost", clock.instant());
    interrupted.forEach(
        d -> LOG.warn("job {} was running at the last stop: interrupted", d.jobId()));
    workers.forEach(Thread::start);
    return interrupted;
  }

  public String executorName() {
    return executor.name();
  }

  public String storeKind() {
    return store.kind();
  }

  /**
   * Queues a job; it is durable before this returns.
   *
   * @throws io.meshbench.platform.executor.UnsupportedJobException when the executor cannot run it
   * @throws QueueFullException when the queue is at its bound
   */
  public JobDocument submit(JobSpec spec) {
    if (closing) {
      throw new IllegalStateException("the server is shutting down");
    }
    executor.check(spec);
    JobDocument pending;
    synchronized (queueLock) {
      if (store.count(JobStatus.PENDING) >= maxQueued) {
        throw new QueueFullException(maxQueued);
      }
      pending =
          JobDocument.pending(
              ids.next(spec.testType().wireName(), spec.meshType().wireName()),
              spec,
              executor.name(),
              clock.instant(),
              null);
      store.save(pending);
      queueLock.notifyAll();
    }
    return pending;
  }

  public Optional<JobDocument> find(String jobId) {
    return store.find(jobId);
  }

  public JobDocument get(String jobId) {
    return store.find(jobId).orElseThrow(() -> new JobNotFoundException(jobId));
  }

  public List<JobDocument> list(JobQuery query) {
    return store.list(query);
  }

  public long count(JobStatus status) {
    return store.count(status);
  }

  public int activeJobs() {
    return running.size();
  }

  /** The last progress of each running job, for metrics. */
  public Map<String, RunProgress> liveProgress() {
    return Map.copyOf(lastProgress);
  }

  /**
   * Stops a job: a pending one is cancelled at once; a running one is stopped (its threads end, its
   * connections close) and this waits for it to finish. A finished job is returned as it is.
   */
  public JobDocument stop(String jobId) throws InterruptedException {
    JobDocument cancelledPending = null;
    synchronized (queueLock) {
      JobDocument doc = get(jobId);
      if (doc.status() == JobStatus.PENDING) {
        cancelledPending =
            doc.finished(JobStatus.CANCELLED, clock.instant(), "cancelled before it started");
        store.save(cancelledPending);
      }
    }
    if (cancelledPending != null) {
      events.finished(cancelledPending);
      return cancelledPending;
    }
    Running run = running.get(jobId);
    if (run == null) {
      return get(jobId); // finished already, or running on another replica
    }
    run.execution().cancel();
    try {
      return run.done().get(STOP_WAIT_S, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
      return get(jobId);
    }
  }

  /** Stops the job if needed and deletes it; false if there was none. */
  public boolean delete(String jobId) throws InterruptedException {
    if (store.find(jobId).isEmpty()) {
      return false;
    }
    stop(jobId);
    return store.delete(jobId);
  }

  private void workLoop() {
    while (!closing) {
      Optional<JobDocument> next;
      synchronized (queueLock) {
        next = closing ? Optional.empty() : store.claimNextPending(clock.instant());
        if (next.isEmpty()) {
          try {
            queueLock.wait(IDLE_POLL_MS);
          } catch (InterruptedException e) {
            return;
          }
          continue;
        }
      }
      runJob(next.get());
    }
  }

  private void runJob(JobDocument claimed) {
    String jobId = claimed.jobId();
    CompletableFuture<JobDocument> done = new CompletableFuture<>();
    JobDocument finished;
    try {
      JobExecutor.Execution execution = executor.prepare(claimed);
      running.put(jobId, new Running(execution, done));
      events.started(claimed);
      finished = execution.run(listenerFor(jobId));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finished = claimed.finished(JobStatus.INTERRUPTED, clock.instant(), SHUTDOWN_REASON);
    } catch (RuntimeException e) {
      LOG.warn("job {} failed", jobId, e);
      finished =
          claimed.finished(JobStatus.FAILED, clock.instant(), String.valueOf(e.getMessage()));
    }
    if (closing && finished.status() == JobStatus.CANCELLED) {
      finished = finished.finished(JobStatus.INTERRUPTED, finished.completedAt(), SHUTDOWN_REASON);
    }
    finished = withRegressionVerdict(finished);
    if (store.find(jobId).isPresent()) { // a DELETE may have removed it meanwhile
      store.save(finished);
    }
    running.remove(jobId);
    lastProgress.remove(jobId);
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
        lastProgress.put(jobId, progress);
        events.progress(jobId, progress);
      }
    };
  }

  /** Stops taking jobs, stops the running ones (they end interrupted) and waits for them. */
  @Override
  public void close() {
    closing = true;
    synchronized (queueLock) {
      queueLock.notifyAll();
    }
    running.values().forEach(r -> r.execution().cancel());
    for (Thread t : workers) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_S));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
