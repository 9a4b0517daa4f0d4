package io.meshbench.platform.executor;

/** A valid job that this executor cannot run (the API answers 422). */
public final class UnsupportedJobException extends RuntimeException {
  private final String field;

  public UnsupportedJobException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
