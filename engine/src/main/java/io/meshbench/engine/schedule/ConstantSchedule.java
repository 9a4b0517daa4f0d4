package io.meshbench.engine.schedule;

/** Send i at {@code phase + i / rate}; computed from i, so rounding never accumulates. */
final class ConstantSchedule implements ArrivalSchedule {
  private final double periodNs;
  private final long phaseNs;
  private long index;

  ConstantSchedule(double rateRps, long phaseNs) {
    if (!(rateRps > 0) || rateRps > 1e9) {
      throw new IllegalArgumentException("rateRps must be in (0, 1e9], got " + rateRps);
    }
    this.periodNs = 1e9 / rateRps;
    this.phaseNs = phaseNs;
  }

  @Override
  public long nextOffsetNs() {
    return phaseNs + Math.round(index++ * periodNs);
  }
}
