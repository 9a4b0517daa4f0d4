package io.meshbench.platform.job;

/** No job has this id (the API answers 404). */
public final class JobNotFoundException extends RuntimeException {
  public JobNotFoundException(String jobId) {
    super("no job with id '" + jobId + "'");
  }
}
