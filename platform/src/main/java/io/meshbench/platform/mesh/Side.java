package io.meshbench.platform.mesh;

/** The two ends of a benchmark: the target (server) and the load generators (client). */
public enum Side {
  SERVER,
  CLIENT;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
