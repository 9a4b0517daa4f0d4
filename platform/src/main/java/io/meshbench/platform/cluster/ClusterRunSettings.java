package io.meshbench.platform.cluster;

import java.util.Map;

/**
 * Timing of cluster runs, from the environment: how far ahead the common start lies, how long the
 * target may take to get ready, how often pods are polled and metrics sampled.
 *
 * @param startDelayMs from creating the workers to their common start: scheduling, image pulls and
 *     JVM start-up must fit in it ({@code MESHBENCH_START_DELAY_S}, default 30)
 * @param readyTimeoutMs how long the target may take to become ready ({@code
 *     MESHBENCH_READY_TIMEOUT_S}, default 180)
 * @param pollMs how often pods and logs are read (1000)
 * @param metricsIntervalMs how often metrics.k8s.io is sampled ({@code
 *     MESHBENCH_METRICS_INTERVAL_S}, default 5; metrics-server itself refreshes every 15 s by
 *     default)
 */
public record ClusterRunSettings(
    long startDelayMs, long readyTimeoutMs, long pollMs, long metricsIntervalMs) {

  public static ClusterRunSettings fromEnvironment() {
    return from(System.getenv());
  }

  public static ClusterRunSettings from(Map<String, String> env) {
    return new ClusterRunSettings(
        seconds(env, "MESHBENCH_START_DELAY_S", 30) * 1000,
        seconds(env, "MESHBENCH_READY_TIMEOUT_S", 180) * 1000,
        1000,
        seconds(env, "MESHBENCH_METRICS_INTERVAL_S", 5) * 1000);
  }

  private static long seconds(Map<String, String> env, String name, long fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      long s = Long.parseLong(v.trim());
      if (s >= 1 && s <= 3600) {
        return s;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + " must be a whole number of seconds from 1 to 3600 (got '" + v + "')");
  }
}
