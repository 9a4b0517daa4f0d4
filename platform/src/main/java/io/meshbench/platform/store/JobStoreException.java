package io.meshbench.platform.store;

/**
 * The store could not do what was asked (disk full, database unreachable, a document that no longer
 * parses). Callers report it and keep going; the store is still usable afterwards.
 */
public class JobStoreException extends RuntimeException {
  public JobStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
