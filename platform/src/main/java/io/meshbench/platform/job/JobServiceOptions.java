package io.meshbench.platform.job;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * How a {@link JobService} runs.
 *
 * @param replicaId who owns the jobs this service runs; unique among live replicas on one store
 * @param lease how long a running job stays this replica's without a renewal; a replica that
 *     stopped renewing for longer is gone, and its jobs are interrupted
 * @param tick how often leases are renewed, progress is stored for other replicas and stop requests
 *     are read; well under {@code lease}
 * @param spillDir where finished results wait while the store is unreachable
 * @param retention how much history to keep
 */
public record JobServiceOptions(
    int maxConcurrent,
    int maxQueued,
    String replicaId,
    Duration lease,
    Duration tick,
    Path spillDir,
    Retention retention) {
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);
  public static final Duration DEFAULT_TICK = Duration.ofSeconds(1);

  public JobServiceOptions {
    if (maxConcurrent < 1 || maxQueued < 1) {
      throw new IllegalArgumentException("maxConcurrent and maxQueued must be at least 1");
    }
    if (tick.isNegative() || tick.isZero() || lease.compareTo(tick.multipliedBy(3)) < 0) {
      throw new IllegalArgumentException(
          "the job lease (" + lease + ") must be at least three ticks (" + tick + ")");
    }
  }

  /** Production defaults: a fresh replica id, the default lease, spill under {@code dataDir}. */
  public static JobServiceOptions defaults(
      int maxConcurrent, int maxQueued, Path dataDir, Retention retention) {
    return new JobServiceOptions(
        maxConcurrent,
        maxQueued,
        newReplicaId(),
        DEFAULT_LEASE,
        DEFAULT_TICK,
        dataDir.resolve("spill"),
        retention);
  }

  public JobServiceOptions withLease(Duration newLease, Duration newTick) {
    return new JobServiceOptions(
        maxConcurrent, maxQueued, replicaId, newLease, newTick, spillDir, retention);
  }

  /**
   * Host name, process id and random bits: readable in the database, and unique even for two
   * servers on one host or a restart that reuses a pid.
   */
  public static String newReplicaId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    byte[] bits = new byte[4];
    new SecureRandom().nextBytes(bits);
    return host
        + "-"
        + ManagementFactory.getRuntimeMXBean().getPid()
        + "-"
        + HexFormat.of().formatHex(bits);
  }
}
