package io.meshbench.engine.stats;

/** Whether an open-model run kept the requested rate. */
public final class RateCheck {
  /** Sending more than this share under schedule means the rate was not sustained. */
  public static final double TOLERANCE = 0.01;

  private RateCheck() {}

  /**
   * True for the closed model (no rate was requested), and for an open-model run whose sends fell
   * short of its schedule by at most {@link #TOLERANCE}. Requests still queued at the end mean the
   * backlog grew faster than the generator could send.
   */
  public static boolean sustained(double requestedRateRps, long scheduled, long sent) {
    if (requestedRateRps == 0) {
      return true;
    }
    return sent >= scheduled * (1 - TOLERANCE);
  }
}
