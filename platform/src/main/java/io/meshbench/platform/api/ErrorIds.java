package io.meshbench.platform.api;

import java.security.SecureRandom;

/** Short random ids that tie a 500 answer to its log entry. */
final class ErrorIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private ErrorIds() {}

  /** 12 hex digits: unique enough to find one line in a server's log. */
  static String next() {
    return String.format("%012x", RANDOM.nextLong() & 0xffff_ffff_ffffL);
  }
}
