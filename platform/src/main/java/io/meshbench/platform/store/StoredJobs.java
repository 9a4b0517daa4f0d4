package io.meshbench.platform.store;

import io.meshbench.platform.job.JobDocument;
import java.util.Comparator;
import java.util.regex.Pattern;

/** Rules every store applies alike, so that a job kept by one store is valid in the other. */
final class StoredJobs {
  /**
   * Ids become file names: only portable file-name characters, no separators, no leading dot (so
   * never "." or "..", and never one of the store's own hidden files), short enough that the id
   * plus suffixes stays within the usual 255-byte file-name limit.
   */
  private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");

  /** Claim order: oldest first; the job id breaks ties so every store agrees. */
  static final Comparator<JobDocument> OLDEST_FIRST =
      Comparator.comparing(JobDocument::createdAt).thenComparing(JobDocument::jobId);

  /** List order (JobStore's contract): newest first. */
  static final Comparator<JobDocument> NEWEST_FIRST = OLDEST_FIRST.reversed();

  private StoredJobs() {}

  static boolean isValidId(String jobId) {
    return jobId != null && VALID_ID.matcher(jobId).matches();
  }

  /** Rejects what no store can index: a bad id or a missing status, test, mesh or creation time. */
  static void requireStorable(JobDocument doc) {
    if (doc == null) {
      throw new IllegalArgumentException("job document is null");
    }
    if (!isValidId(doc.jobId())) {
      throw new IllegalArgumentException(
          "job_id must be 1 to 200 of A-Z a-z 0-9 . _ - and not start with '.' (got '"
              + doc.jobId()
              + "')");
    }
    require(doc.status() != null, doc, "status");
    require(doc.spec() != null, doc, "spec");
    require(doc.spec().testType() != null, doc, "spec.test_type");
    require(doc.spec().meshType() != null, doc, "spec.mesh_type");
    require(doc.createdAt() != null, doc, "created_at");
  }

  private static void require(boolean present, JobDocument doc, String field) {
    if (!present) {
      throw new IllegalArgumentException("job " + doc.jobId() + " has no " + field);
    }
  }
}
