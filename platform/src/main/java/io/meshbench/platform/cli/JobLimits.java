package io.meshbench.platform.cli;

import io.meshbench.platform.job.SpecRules;

/**
 * The limits a job has on the server ({@link SpecRules}), worded for flags. A run from the CLI
 * writes the same job document as one started through the API, so it may ask for no more: a day of
 * measured time, an hour of warm-up, {@code 10,000} connections. The one difference is the lower
 * bound of {@code --duration}: a local run may be shorter than a second, for a quick check.
 */
final class JobLimits {
  private JobLimits() {}

  static String durationProblem(String flag, long durationMs) {
    long maxMs = (long) SpecRules.DURATION.max() * 1000;
    if (durationMs >= 1 && durationMs <= maxMs) {
      return null;
    }
    return flag
        + " must be from 1ms to "
        + DurationConverter.format(maxMs)
        + " (one day), e.g. 10s (got "
        + DurationConverter.format(durationMs)
        + ")";
  }

  static String warmupProblem(String flag, long warmupMs) {
    long maxMs = (long) SpecRules.WARMUP.max() * 1000;
    if (warmupMs >= 0 && warmupMs <= maxMs) {
      return null;
    }
    return flag
        + " must be from 0s to "
        + DurationConverter.format(maxMs)
        + " (got "
        + DurationConverter.format(warmupMs)
        + ")";
  }

  static String connectionsProblem(String flag, int connections) {
    int min = (int) SpecRules.CONNECTIONS.min();
    int max = (int) SpecRules.CONNECTIONS.max();
    if (connections >= min && connections <= max) {
      return null;
    }
    return flag + " must be between " + min + " and " + max + " (got " + connections + ")";
  }

  /** Measured time over every run of a cluster job: {@code iterations} per mesh. */
  static String totalDurationProblem(long durationMs, int iterations, int meshes) {
    String problem =
        SpecRules.totalDurationProblem(durationMs / 1000.0, iterations * Math.max(1, meshes));
    return problem == null
        ? null
        : "--"
            + problem.replace("duration × iterations", "duration × iterations × meshes")
            + " (--duration, --iterations, --mesh-type)";
  }
}
