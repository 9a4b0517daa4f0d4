package io.meshbench.platform.cli;

/** The exit code is the CLI's contract with scripts and CI pipelines. */
public final class ExitCodes {
  public static final int OK = 0;

  /** The run could not be done or nothing succeeded (e.g. the target is unreachable). */
  public static final int FAILED = 1;

  /** The command line is wrong: unknown flag, bad value. */
  public static final int USAGE = 2;

  /** The run completed, and at least one --slo was breached. */
  public static final int SLO_BREACHED = 99;

  private ExitCodes() {}
}
