package io.meshbench.engine.run;

import java.util.concurrent.TimeUnit;

/**
 * When to dial a connection again: at once after a connection that served, with exponential
 * back-off (10 ms doubling up to 1 s) after failures in a row, whether the connect failed or the
 * connection died before its first answer. A target that refuses or drops every connection then
 * costs a few dials a second per connection, not a storm of them.
 */
final class Reconnects {
  static final long FIRST_DELAY_NS = TimeUnit.MILLISECONDS.toNanos(10);
  static final long MAX_DELAY_NS = TimeUnit.SECONDS.toNanos(1);

  /** Delay before the next dial after {@code failuresInARow} failures; 0 = at once. */
  long delayNs(int failuresInARow) {
    if (failuresInARow <= 0) {
      return 0;
    }
    return Math.min(MAX_DELAY_NS, FIRST_DELAY_NS << Math.min(failuresInARow - 1, 20));
  }
}
