package io.meshbench.engine.schedule;

import io.meshbench.engine.spec.Arrival;

/**
 * The intended send times of one open-model sender, as offsets from its start.
 *
 * <p>Each call returns the next offset; offsets strictly increase. An instance is stateful and
 * belongs to one thread (the event loop that paces with it); it never allocates.
 */
public interface ArrivalSchedule {

  /** Offset of the next intended send from the schedule's start, in nanoseconds. */
  long nextOffsetNs();

  /**
   * Drops every arrival not yet returned whose offset is below {@code offsetNs} and returns how
   * many it dropped: the next {@link #nextOffsetNs()} is the first at or after {@code offsetNs}.
   * Used at the end of a run to count what was due but never sent. Bounded time however many there
   * are: the constant schedule counts them in closed form; the Poisson schedule steps through the
   * draws it would have made, so the count is the seed's own, for its first {@code
   * PoissonSchedule.EXACT_SKIPS} skipped arrivals, and estimates the rest with one draw.
   */
  long skipUntil(long offsetNs);

  /** Evenly spaced sends at {@code rateRps}, the first at {@code phaseNs}. */
  static ArrivalSchedule constant(double rateRps, long phaseNs) {
    return new ConstantSchedule(rateRps, phaseNs);
  }

  /** Exponentially distributed gaps with mean {@code 1/rateRps}; reproducible for a seed. */
  static ArrivalSchedule poisson(double rateRps, long seed) {
    return new PoissonSchedule(rateRps, seed);
  }

  static ArrivalSchedule of(Arrival arrival, double rateRps, long seed, long phaseNs) {
    return switch (arrival) {
      case CONSTANT -> constant(rateRps, phaseNs);
      case POISSON -> poisson(rateRps, seed);
    };
  }
}
