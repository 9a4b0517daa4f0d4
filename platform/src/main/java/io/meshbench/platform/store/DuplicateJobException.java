package io.meshbench.platform.store;

/** A job with this id is stored already: an insert never replaces a job. */
public final class DuplicateJobException extends JobStoreException {
  public DuplicateJobException(String jobId) {
    super("a job with id '" + jobId + "' exists already", null);
  }
}
