package io.meshbench.platform.job;

/** The service is stopping and takes no new jobs (the API answers 503). */
public final class ShuttingDownException extends RuntimeException {
  public ShuttingDownException() {
    super("the server is shutting down and takes no new jobs; submit again when it is back");
  }
}
