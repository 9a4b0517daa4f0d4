package io.meshbench.engine.run;

/**
 * When a loop's pacing timer wakes, and how far ahead of their intended times the wake-up sends.
 * Wake-ups are at least a window apart, and each sends what falls due within half a window after
 * it: so a request leaves within half a window of its intended time, before or after, instead of up
 * to a whole window late. For the same number of wake-ups (the CPU a fixed rate costs) that
 * quarters the mean lateness; an early request's latency counts from its send, so no figure is
 * flattered (see {@link LoopWorker#onCompleted}). At low rates, with requests further apart than
 * the window, each wakes the loop at its own intended time and nothing leaves early. One loop's
 * thread only.
 */
final class PaceWindow {
  private static final long NEVER = Long.MIN_VALUE;

  private final long windowNs;
  private final long leadNs;
  private long lastWakeNs = NEVER;

  PaceWindow(long windowNs) {
    if (windowNs < 0) {
      throw new IllegalArgumentException("pace window must be >= 0 ns, got " + windowNs);
    }
    this.windowNs = windowNs;
    this.leadNs = windowNs / 2;
  }

  /**
   * When to wake for a request intended at {@code nextIntendedNs}: then, or a window after the
   * last.
   */
  long wakeAtNs(long nextIntendedNs) {
    return lastWakeNs == NEVER ? nextIntendedNs : Math.max(nextIntendedNs, lastWakeNs + windowNs);
  }

  /** The timer fired at {@code nowNs}. */
  void woke(long nowNs) {
    lastWakeNs = nowNs;
  }

  /**
   * Requests intended up to this time go out now: half a window ahead on a pacing wake-up; any
   * other pass (a connection opened, the loop behind schedule) sends only what is due.
   */
  long sendByNs(long nowNs, boolean onWake) {
    return onWake ? nowNs + leadNs : nowNs;
  }
}
