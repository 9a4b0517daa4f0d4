package io.meshbench.platform.store;

import io.meshbench.engine.spec.Protocol;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobFixtures;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;
import java.time.Instant;
import java.util.List;

/** Job documents that differ in exactly the fields a store indexes. */
final class StoreFixtures {
  static final Instant T0 = Instant.parse("2026-11-30T06:00:00Z");

  private StoreFixtures() {}

  /** A complete document (with a result) created {@code secondsAfterT0} after {@link #T0}. */
  static JobDocument job(
      String jobId, JobStatus status, Protocol test, MeshType mesh, long secondsAfterT0) {
    JobDocument base = JobFixtures.document();
    JobSpec s = base.spec();
    JobSpec spec =
        new JobSpec(
            test,
            mesh,
            s.namespace(),
            s.duration(),
            s.warmup(),
            s.rate(),
            s.concurrentConnections(),
            s.serviceUrl(),
            s.payloadBytes(),
            s.workers(),
            s.iterations(),
            s.labels());
    boolean finished = status.finished();
    return new JobDocument(
        jobId,
        status,
        spec,
        base.executor(),
        T0.plusSeconds(secondsAfterT0),
        status == JobStatus.PENDING ? null : T0.plusSeconds(secondsAfterT0 + 1),
        finished ? T0.plusSeconds(secondsAfterT0 + 12) : null,
        finished && status != JobStatus.COMPLETED ? "stopped" : null,
        base.environment(),
        base.loadSpec(),
        status == JobStatus.COMPLETED ? base.result() : null,
        status == JobStatus.COMPLETED ? List.of(base.result(), base.result()) : List.of());
  }

  static JobDocument job(String jobId, JobStatus status, long secondsAfterT0) {
    return job(jobId, status, Protocol.HTTP, MeshType.BASELINE, secondsAfterT0);
  }

  /** A pending job as submitted: no environment details beyond the spec, no result. */
  static JobDocument pending(String jobId, long secondsAfterT0) {
    JobDocument base = JobFixtures.document();
    return JobDocument.pending(
        jobId, base.spec(), "local", T0.plusSeconds(secondsAfterT0), base.environment());
  }
}
