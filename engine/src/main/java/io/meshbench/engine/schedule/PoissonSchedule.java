package io.meshbench.engine.schedule;

import java.util.SplittableRandom;

/** Exponential inter-arrival gaps (inverse transform sampling); the sum is kept in double. */
final class PoissonSchedule implements ArrivalSchedule {
  private final double meanGapNs;
  private final SplittableRandom random;
  private double offsetNs;
  private long lastNs = -1;

  PoissonSchedule(double rateRps, long seed) {
    if (!(rateRps > 0) || rateRps > 1e9) {
      throw new IllegalArgumentException("rateRps must be in (0, 1e9], got " + rateRps);
    }
    this.meanGapNs = 1e9 / rateRps;
    this.random = new SplittableRandom(seed);
  }

  @Override
  public long nextOffsetNs() {
    // 1 - nextDouble() lies in (0, 1], so the logarithm is finite.
    offsetNs += -Math.log(1.0 - random.nextDouble()) * meanGapNs;
    long next = Math.max((long) offsetNs, lastNs + 1); // strictly increasing even for tiny gaps
    lastNs = next;
    return next;
  }
}
