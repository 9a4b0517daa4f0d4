package io.meshbench.platform.job;

/**
 * Bounded exponential back-off: each failure doubles the delay, from {@code minMs} up to {@code
 * maxMs}; a success starts over. Not thread-safe: one per worker.
 */
final class Backoff {
  private final long minMs;
  private final long maxMs;
  private long nextMs;

  Backoff(long minMs, long maxMs) {
    this.minMs = minMs;
    this.maxMs = maxMs;
    this.nextMs = minMs;
  }

  /** The delay to wait after this failure. */
  long failed() {
    long delay = nextMs;
    nextMs = Math.min(maxMs, nextMs * 2);
    return delay;
  }

  void succeeded() {
    nextMs = minMs;
  }
}
