package io.meshbench.platform.store;

import io.meshbench.engine.spec.Protocol;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;

/**
 * A filter over stored jobs; a null field matches everything.
 *
 * @param limit at most this many, newest first (1 to 10000)
 */
public record JobQuery(JobStatus status, Protocol testType, MeshType meshType, int limit) {
  public static final int MAX_LIMIT = 10_000;

  public JobQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
  }

  public static JobQuery all() {
    return new JobQuery(null, null, null, MAX_LIMIT);
  }

  public boolean matches(io.meshbench.platform.job.JobDocument doc) {
    return (status == null || doc.status() == status)
        && (testType == null || doc.spec().testType() == testType)
        && (meshType == null || doc.spec().meshType() == meshType);
  }
}
