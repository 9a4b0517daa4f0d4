package io.meshbench.platform.store;

import io.meshbench.engine.spec.Protocol;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;
import java.time.Instant;

/**
 * A filter over stored jobs; a null field matches everything.
 *
 * @param createdSince only jobs created at or after this instant
 * @param createdBefore only jobs created before this instant
 * @param limit at most this many, newest first (1 to 10000)
 */
public record JobQuery(
    JobStatus status,
    Protocol testType,
    MeshType meshType,
    Instant createdSince,
    Instant createdBefore,
    int limit) {
  public static final int MAX_LIMIT = 10_000;

  public JobQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
  }

  /** A filter over any creation time. */
  public JobQuery(JobStatus status, Protocol testType, MeshType meshType, int limit) {
    this(status, testType, meshType, null, null, limit);
  }

  public static JobQuery all() {
    return new JobQuery(null, null, null, MAX_LIMIT);
  }

  public boolean matches(JobDocument doc) {
    return (status == null || doc.status() == status)
        && (testType == null || doc.spec().testType() == testType)
        && (meshType == null || doc.spec().meshType() == meshType)
        && (createdSince == null || !doc.createdAt().isBefore(createdSince))
        && (createdBefore == null || doc.createdAt().isBefore(createdBefore));
  }
}
