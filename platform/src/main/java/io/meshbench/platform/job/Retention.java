package io.meshbench.platform.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How much history to keep: finished jobs older than {@code days} go, and beyond {@code maxJobs}
 * jobs in all the oldest finished ones go. Pending and running jobs are never deleted. Zero turns a
 * limit off.
 */
public record Retention(int days, int maxJobs) {
  public static final Retention KEEP_ALL = new Retention(0, 0);

  public Retention {
    if (days < 0 || days > 36_500) {
      throw new IllegalArgumentException(
          "MESHBENCH_RETENTION_DAYS must be between 0 (keep all) and 36500 (got " + days + ")");
    }
    if (maxJobs < 0) {
      throw new IllegalArgumentException(
          "MESHBENCH_MAX_JOBS must be 0 (no limit) or more (got " + maxJobs + ")");
    }
  }

  /** From {@code MESHBENCH_RETENTION_DAYS} and {@code MESHBENCH_MAX_JOBS}; unset means no limit. */
  public static Retention fromEnvironment(Map<String, String> env) {
    return new Retention(
        number(env, "MESHBENCH_RETENTION_DAYS"), number(env, "MESHBENCH_MAX_JOBS"));
  }

  public boolean keepsAll() {
    return days == 0 && maxJobs == 0;
  }

  /** Jobs created before this are old enough to delete; null when there is no age limit. */
  public Instant createdBefore(Instant now) {
    return days == 0 ? null : now.minus(Duration.ofDays(days));
  }

  @Override
  public String toString() {
    if (keepsAll()) {
      return "keep all";
    }
    String age = days == 0 ? "" : days + " days";
    String count = maxJobs == 0 ? "" : maxJobs + " jobs";
    return age + (age.isEmpty() || count.isEmpty() ? "" : ", ") + count;
  }

  private static int number(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return 0;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number (got '" + v + "')");
    }
  }
}
