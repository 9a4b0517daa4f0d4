package io.meshbench.platform.job;

/** The queue of pending jobs is at its bound (the API answers 429). */
public final class QueueFullException extends RuntimeException {
  public QueueFullException(int maxQueued) {
    super(
        "the job queue is full ("
            + maxQueued
            + " pending); wait for jobs to finish or raise MESHBENCH_MAX_QUEUED_JOBS");
  }
}
