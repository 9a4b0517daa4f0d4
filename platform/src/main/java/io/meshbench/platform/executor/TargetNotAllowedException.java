package io.meshbench.platform.executor;

/** A job aimed at a target the server's policy does not allow (the API answers 403). */
public final class TargetNotAllowedException extends RuntimeException {
  public TargetNotAllowedException(String message) {
    super(message);
  }

  /** The request field at fault. */
  public String field() {
    return "service_url";
  }
}
