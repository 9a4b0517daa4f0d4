package io.meshbench.platform.cluster;

/** A cluster run cannot go on; the message says why in words a user can act on. */
public final class ClusterRunException extends RuntimeException {
  public ClusterRunException(String message) {
    super(message);
  }
}
