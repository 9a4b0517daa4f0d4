package io.meshbench.engine.schedule;

import java.util.SplittableRandom;

/**
 * Exponential inter-arrival gaps (inverse transform sampling); the sum is kept in double. Skipping
 * ahead draws the number of arrivals in the skipped span once, from the Poisson distribution of a
 * Poisson process's counts, and restarts the process at the span's end (it has no memory).
 */
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

  @Override
  public long skipUntil(long untilNs) {
    double fromNs = Math.max(offsetNs, lastNs + 1);
    if (untilNs <= fromNs) {
      return 0;
    }
    long skipped = poissonCount((untilNs - fromNs) / meanGapNs);
    offsetNs = untilNs;
    lastNs = Math.max(lastNs, untilNs - 1);
    return skipped;
  }

  /** One draw of a Poisson count: exact (Knuth) for small means, normal approximation above. */
  private long poissonCount(double mean) {
    if (mean < 30) {
      double limit = Math.exp(-mean);
      double product = random.nextDouble();
      long n = 0;
      while (product > limit) {
        product *= random.nextDouble();
        n++;
      }
      return n;
    }
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
  }
}
