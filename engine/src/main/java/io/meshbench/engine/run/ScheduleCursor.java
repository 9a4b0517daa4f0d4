package io.meshbench.engine.run;

import io.meshbench.engine.schedule.ArrivalSchedule;
import io.meshbench.engine.stats.LoopRecorder;

/**
 * One loop's place in the open model's arrival schedule: the next intended time, since when due
 * requests have waited for a free connection (what of their lateness is the generator's), and, at
 * the stop, how many were never sent. Its loop's thread only.
 */
final class ScheduleCursor {
  private static final long NONE = Long.MIN_VALUE;

  private final ArrivalSchedule schedule;
  private long startNs;
  private long warmupEndNs;
  private long endNs;
  private long nextIntendedNs;

  /** When a due request first found no free connection; NONE while the loop keeps up. */
  private long blockedSinceNs = NONE;

  /**
   * Set at the stop when requests of the schedule were due but left unsent (NONE otherwise): those
   * due before it were the generator's lateness, the others waited for a free connection. They are
   * counted at the finish, once requests in flight no longer wait for this loop to read them.
   */
  private long unsentSplitNs = NONE;

  ScheduleCursor(ArrivalSchedule schedule) {
    this.schedule = schedule;
  }

  void start(long startNs, long warmupEndNs, long endNs) {
    this.startNs = startNs;
    this.warmupEndNs = warmupEndNs;
    this.endNs = endNs;
    nextIntendedNs = startNs + schedule.nextOffsetNs();
  }

  /** The intended time of the next request; at or after the end once the schedule is out. */
  long nextIntendedNs() {
    return nextIntendedNs;
  }

  /** Whether every request of the schedule has been taken. */
  boolean exhausted() {
    return nextIntendedNs >= endNs;
  }

  /** Whether the next request is due by {@code ns} and before the end. */
  boolean dueBy(long ns) {
    return nextIntendedNs <= ns && nextIntendedNs < endNs;
  }

  /** Takes the next request: its intended time. */
  long take() {
    long intended = nextIntendedNs;
    nextIntendedNs = startNs + schedule.nextOffsetNs();
    return intended;
  }

  /** A due request found no free connection at {@code nowNs} (the first time counts). */
  void blocked(long nowNs) {
    if (blockedSinceNs == NONE) {
      blockedSinceNs = nowNs;
    }
  }

  /** Everything due has gone out. */
  void caughtUp() {
    blockedSinceNs = NONE;
  }

  /** Whether no due request is waiting for a free connection. */
  boolean keepingUp() {
    return blockedSinceNs == NONE;
  }

  /**
   * The part of a request's lateness that is the generator's: until it was first looked at while a
   * connection was free. Once the loop waits for connections, later due requests wait for them.
   */
  long generatorLagNs(long intendedNs, long nowNs) {
    return blockedSinceNs == NONE ? nowNs - intendedNs : Math.max(0, blockedSinceNs - intendedNs);
  }

  /**
   * The schedule is over at {@code nowNs}. What is still due was left by the pump: it found no free
   * connection (since it was blocked), or it never looked, which is the loop's own lateness.
   */
  void stop(long nowNs) {
    if (nextIntendedNs < endNs) {
      unsentSplitNs = Math.min(blockedSinceNs == NONE ? nowNs : blockedSinceNs, endNs);
    }
  }

  /** One request due at {@code intendedNs} was never sent; the generator's part as it had it. */
  void recordUnsent(LoopRecorder recorder, long intendedNs, long generatorLagNs) {
    if (intendedNs >= warmupEndNs) {
      long lagNs = Math.max(0, endNs - intendedNs);
      long generatorNs = Math.min(lagNs, generatorLagNs);
      recorder.recordUnsent(1, lagNs, generatorNs);
      recorder.recordUnsentGeneratorLag(1, generatorNs);
    }
  }

  /**
   * Counts the schedule's requests left at the stop, from the next one to the end, none of them
   * sent, in bounded time however many ({@link ArrivalSchedule#skipUntil}): for a Poisson schedule,
   * exactly the seed's own up to its limit. Those due before the split {@link #stop} set are the
   * generator's lateness, the others waited for a free connection. Nothing if none was left.
   */
  void countUnsent(LoopRecorder recorder) {
    if (unsentSplitNs == NONE) {
      return;
    }
    if (nextIntendedNs < warmupEndNs) {
      schedule.skipUntil(warmupEndNs - startNs); // due during warm-up: never counted
      nextIntendedNs = startNs + schedule.nextOffsetNs();
      if (nextIntendedNs >= endNs) {
        return;
      }
    }
    long oldestNs = nextIntendedNs;
    long unsent = 1;
    long generatorCount = 0;
    if (oldestNs < unsentSplitNs) {
      unsent += schedule.skipUntil(unsentSplitNs - startNs);
      generatorCount = unsent;
    }
    unsent += schedule.skipUntil(endNs - startNs);
    long oldestGeneratorLagNs = Math.max(0, unsentSplitNs - oldestNs);
    recorder.addScheduled(unsent);
    recorder.recordUnsent(unsent, endNs - oldestNs, oldestGeneratorLagNs);
    recorder.recordUnsentGeneratorLag(generatorCount, oldestGeneratorLagNs);
    nextIntendedNs = endNs;
    unsentSplitNs = NONE;
  }
}
