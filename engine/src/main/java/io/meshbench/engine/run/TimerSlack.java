package io.meshbench.engine.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Narrows the Linux timer slack of the calling thread, so that a pacing wake-up comes when it was
 * asked for.
 *
 * <p>Linux lets a sleeping thread's timer fire up to its slack late (50 µs by default) to coalesce
 * wake-ups. Every pacing wake-up of a load loop paid those 50 µs as lateness, which counts in the
 * latency of every request it sends (measured on this project's machine: a 100 µs park took 202 µs
 * with the default slack and 150 µs with 1 µs). A thread may set its own slack through {@code
 * /proc/<tid>/timerslack_ns} without privileges (proc(5), since Linux 4.6); the JDK has no other
 * way to reach {@code prctl(PR_SET_TIMERSLACK)}. Elsewhere, or where {@code /proc} is read-only,
 * the thread keeps the default: the figures then carry the slack, as before.
 */
final class TimerSlack {
  /** The slack a load loop asks for: far below the pacing window, above the timer's resolution. */
  static final long LOAD_LOOP_SLACK_NS = 1_000;

  private static final Path THREAD_SELF = Path.of("/proc/thread-self");

  private TimerSlack() {}

  /**
   * Sets the calling thread's timer slack to {@code slackNs}; true when the kernel took it. Never
   * throws: a thread that cannot change its slack runs with the default.
   */
  static boolean setForCurrentThread(long slackNs) {
    if (slackNs < 1) {
      throw new IllegalArgumentException("slackNs must be at least 1, got " + slackNs);
    }
    try {
      Files.writeString(ownSlackFile(), Long.toString(slackNs), StandardCharsets.US_ASCII);
      return currentThreadSlackNs() == slackNs;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /** The calling thread's timer slack, or -1 where the platform does not tell. */
  static long currentThreadSlackNs() {
    try {
      return Long.parseLong(Files.readString(ownSlackFile()).trim());
    } catch (IOException
        | UnsupportedOperationException
        | SecurityException
        | NumberFormatException e) {
      return -1;
    }
  }

  /** /proc/thread-self links to "{pid}/task/{tid}"; the slack file is at /proc/{tid}/ only. */
  private static Path ownSlackFile() throws IOException {
    String tid = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
    return Path.of("/proc", tid, "timerslack_ns");
  }
}
