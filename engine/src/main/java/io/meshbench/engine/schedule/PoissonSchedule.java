package io.meshbench.engine.schedule;

import java.util.SplittableRandom;

/**
 * Exponential inter-arrival gaps (inverse transform sampling); the sum is kept in double.
 *
 * <p>Skipping ahead steps through the skipped arrivals with the same draws the schedule would have
 * made, so a seed's count is its own whatever the target did; only after {@link #EXACT_SKIPS} such
 * draws in the schedule's life does it estimate instead: one draw of the count in the rest of the
 * span, from the Poisson distribution of a Poisson process's counts, and a restart at the span's
 * end (the process has no memory).
 */
final class PoissonSchedule implements ArrivalSchedule {
  /**
   * Draws a schedule's skips make, in its life, before they estimate. A skip of 3e8 arrivals (10 M
   * rps for 30 s), which steps through this many, took 12-32 ms on the 2-core development VM, C1 or
   * C2, cold or compiled; it happens once, at a run's end, and costs that much only when a loop
   * left this many requests unsent.
   */
  static final long EXACT_SKIPS = 1L << 20;

  private static final long NONE = -1;

  private final double meanGapNs;
  private final SplittableRandom random;
  private double offsetNs;
  private long lastNs = -1;
  private long exactSkipsLeft;
  private long aheadNs = NONE; // drawn by a skip at or after its end: the next offset

  PoissonSchedule(double rateRps, long seed) {
    this(rateRps, seed, EXACT_SKIPS);
  }

  /** With another budget of exact skips: for tests of the estimate. */
  PoissonSchedule(double rateRps, long seed, long exactSkips) {
    if (!(rateRps > 0) || rateRps > 1e9) {
      throw new IllegalArgumentException("rateRps must be in (0, 1e9], got " + rateRps);
    }
    this.meanGapNs = 1e9 / rateRps;
    this.random = new SplittableRandom(seed);
    this.exactSkipsLeft = exactSkips;
  }

  @Override
  public long nextOffsetNs() {
    if (aheadNs != NONE) {
      long next = aheadNs;
      aheadNs = NONE;
      return next;
    }
    return draw();
  }

  @Override
  public long skipUntil(long untilNs) {
    long skipped = 0;
    while (true) {
      if (aheadNs == NONE) {
        if (exactSkipsLeft == 0) {
          break;
        }
        exactSkipsLeft--;
        aheadNs = draw();
      }
      if (aheadNs >= untilNs) {
        return skipped;
      }
      aheadNs = NONE;
      skipped++;
    }
    double fromNs = Math.max(offsetNs, lastNs + 1);
    if (untilNs <= fromNs) {
      return skipped;
    }
    skipped += poissonCount((untilNs - fromNs) / meanGapNs);
    offsetNs = untilNs;
    lastNs = Math.max(lastNs, untilNs - 1);
    return skipped;
  }

  private long draw() {
    // 1 - nextDouble() lies in (0, 1], so the logarithm is finite.
    offsetNs += -Math.log(1.0 - random.nextDouble()) * meanGapNs;
    long next = Math.max((long) offsetNs, lastNs + 1); // strictly increasing even for tiny gaps
    lastNs = next;
    return next;
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
