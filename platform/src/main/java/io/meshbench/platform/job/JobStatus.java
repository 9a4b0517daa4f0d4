package io.meshbench.platform.job;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a job is in its life: pending → running → completed | failed | cancelled | interrupted. */
public enum JobStatus {
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED,
  /** It was running when the process stopped; its result is lost, its record is not. */
  INTERRUPTED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public boolean finished() {
    return this != PENDING && this != RUNNING;
  }
}
