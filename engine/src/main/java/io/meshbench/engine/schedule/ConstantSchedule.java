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
    return offsetOf(index++);
  }

  @Override
  public long skipUntil(long offsetNs) {
    // The closed form lands within one step of the answer (rounding); the loops only correct it.
    long first = (long) Math.ceil((offsetNs - phaseNs) / periodNs);
    first = Math.max(index, first);
    while (first > index && offsetOf(first - 1) >= offsetNs) {
      first--;
    }
    while (offsetOf(first) < offsetNs) {
      first++;
    }
    long skipped = first - index;
    index = first;
    return skipped;
  }

  private long offsetOf(long i) {
    return phaseNs + Math.round(i * periodNs);
  }
}
