package io.meshbench.engine.run;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the generator's own threads (its event loops), not of the whole process: a target
 * running in the same JVM must not count as load-generator work.
 */
final class CpuMeter {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final long[] threadIds;
  private long[] startCpuNs;
  private long startWallNs;

  CpuMeter(long[] threadIds) {
    this.threadIds = threadIds.clone();
  }

  boolean supported() {
    return threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
  }

  void start() {
    startWallNs = System.nanoTime();
    startCpuNs = sample();
  }

  /** Busy share of each thread since {@link #start()}, 0 to 1. */
  double[] busyShares() {
    long wallNs = Math.max(1, System.nanoTime() - startWallNs);
    long[] now = sample();
    double[] shares = new double[threadIds.length];
    for (int i = 0; i < shares.length; i++) {
      if (startCpuNs == null || now[i] < 0 || startCpuNs[i] < 0) {
        shares[i] = 0;
      } else {
        shares[i] = Math.min(1.0, (now[i] - startCpuNs[i]) / (double) wallNs);
      }
    }
    return shares;
  }

  private long[] sample() {
    long[] cpu = new long[threadIds.length];
    for (int i = 0; i < threadIds.length; i++) {
      cpu[i] = supported() ? threads.getThreadCpuTime(threadIds[i]) : -1;
    }
    return cpu;
  }
}
