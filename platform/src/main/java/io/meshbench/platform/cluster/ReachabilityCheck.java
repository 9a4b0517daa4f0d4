package io.meshbench.platform.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Whether the cluster answers, asked at most once per {@code ttlMs} and never blocking a caller
 * longer than {@code waitMs}: a liveness probe on {@code /health} must not time out because the API
 * server is slow. A stale answer is returned while a fresh check runs in the background.
 */
public final class ReachabilityCheck {
  /**
   * One check's outcome.
   *
   * @param reachable the probe answered
   * @param version what the probe returned (the cluster's version), or null
   * @param detail why the cluster is not reachable, or null
   * @param checkedAtMs when the probe finished (the clock of the check), or -1 before the first
   */
  public record Result(boolean reachable, String version, String detail, long checkedAtMs) {}

  private final Supplier<String> probe;
  private final LongSupplier nowMs;
  private final long ttlMs;
  private final long waitMs;
  private final Executor executor;
  private final AtomicReference<Result> last =
      new AtomicReference<>(new Result(false, null, "not checked yet", -1));
  private final AtomicReference<CompletableFuture<Result>> inFlight = new AtomicReference<>();

  /**
   * @param probe asks the cluster (e.g. {@code GET /version}) and returns its version; throws when
   *     the cluster does not answer
   * @param nowMs a millisecond clock
   * @param ttlMs how long an answer is reused
   * @param waitMs how long a caller waits for a check that is under way
   * @param executor runs the probe (a daemon thread: a hung API server must not keep the JVM up)
   */
  public ReachabilityCheck(
      Supplier<String> probe, LongSupplier nowMs, long ttlMs, long waitMs, Executor executor) {
    this.probe = probe;
    this.nowMs = nowMs;
    this.ttlMs = ttlMs;
    this.waitMs = waitMs;
    this.executor = executor;
  }

  /** The latest answer; starts a check when it is older than the TTL and waits for it briefly. */
  public Result current() {
    Result r = last.get();
    if (r.checkedAtMs() >= 0 && nowMs.getAsLong() - r.checkedAtMs() < ttlMs) {
      return r;
    }
    CompletableFuture<Result> started = new CompletableFuture<>();
    CompletableFuture<Result> running = inFlight.compareAndExchange(null, started);
    if (running == null) { // no check under way: this caller starts one
      running = started;
      executor.execute(() -> run(started));
    }
    try {
      return running.get(waitMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      Result stale = last.get();
      return stale.checkedAtMs() >= 0
          ? stale
          : new Result(false, null, "the API server did not answer within " + waitMs + " ms", -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return last.get();
    } catch (ExecutionException e) {
      return last.get(); // run() never completes exceptionally; kept for the compiler
    }
  }

  private void run(CompletableFuture<Result> future) {
    Result r;
    try {
      r = new Result(true, probe.get(), null, nowMs.getAsLong());
    } catch (RuntimeException e) {
      r = new Result(false, null, describe(e), nowMs.getAsLong());
    }
    last.set(r);
    inFlight.set(null);
    future.complete(r);
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return root == e || root.getMessage() == null
        ? message
        : message + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
  }
}
