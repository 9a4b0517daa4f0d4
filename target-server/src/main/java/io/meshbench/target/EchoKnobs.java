package io.meshbench.target;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.concurrent.TimeUnit;

/**
 * The fortio-style knobs of one request, parsed from its query string. Unknown parameters are
 * ignored (so clients may add cache-busters); when a knob repeats, the last one wins.
 *
 * @param delayNs how long after the request is complete to respond, 0 for at once
 * @param sizeBytes response body bytes (filler), or {@link #ECHO} when {@code size} is not given:
 *     the response echoes the request's body (none: an empty body), as fortio's echo does
 * @param close whether to answer with "Connection: close" and close
 * @param error a one-line message naming the bad parameter, or null when all knobs are valid
 */
record EchoKnobs(long delayNs, StatusMix status, int sizeBytes, boolean close, String error) {
  /** {@link #sizeBytes} when no {@code size} was asked for: echo the request body. */
  static final int ECHO = -1;

  static final EchoKnobs NONE = new EchoKnobs(0, StatusMix.ALWAYS_OK, ECHO, false, null);
  static final long MAX_DELAY_NS = TimeUnit.SECONDS.toNanos(60);
  static final int MAX_SIZE_BYTES = 16 * 1024 * 1024;

  /** Parses a raw (still percent-encoded) query string, without the leading '?'. */
  static EchoKnobs parse(String rawQuery) {
    long delayNs = 0;
    StatusMix status = StatusMix.ALWAYS_OK;
    int sizeBytes = ECHO;
    boolean close = false;
    int start = 0;
    while (start < rawQuery.length()) {
      int end = rawQuery.indexOf('&', start);
      end = end < 0 ? rawQuery.length() : end;
      int eq = rawQuery.indexOf('=', start);
      eq = eq < 0 || eq > end ? end : eq;
      String name = rawQuery.substring(start, eq);
      String value =
          eq == end ? "" : QueryStringDecoder.decodeComponent(rawQuery.substring(eq + 1, end));
      start = end + 1;
      try {
        switch (name) {
          case "delay" -> delayNs = parseDelayNs(value);
          case "status" -> status = StatusMix.parse(value);
          case "size" -> sizeBytes = parseNonNegativeInt(value, MAX_SIZE_BYTES);
          case "close" -> close = parseFlag(value);
          default -> {} // not ours
        }
      } catch (IllegalArgumentException e) {
        return new EchoKnobs(0, StatusMix.ALWAYS_OK, 0, false, message(name, value));
      }
    }
    return new EchoKnobs(delayNs, status, sizeBytes, close, null);
  }

  /** Whether the response carries the request's body (no {@code size} was given). */
  boolean echoesBody() {
    return sizeBytes == ECHO;
  }

  private static String message(String name, String value) {
    String allowed =
        switch (name) {
          case "delay" -> "a duration such as 5ms, 250us or 1s (a plain number is ms), at most 60s";
          case "status" -> StatusMix.ALLOWED;
          case "size" -> "a byte count from 0 to " + MAX_SIZE_BYTES;
          default -> "1 or 0 (true or false)";
        };
    String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
    return "bad parameter " + name + "='" + shown + "': expected " + allowed;
  }

  /** "5ms", "250us" (or "µs"), "1.5s", "100ns"; a plain number is milliseconds. */
  static long parseDelayNs(String text) {
    int unitStart = 0;
    while (unitStart < text.length()
        && (Character.isDigit(text.charAt(unitStart)) || text.charAt(unitStart) == '.')) {
      unitStart++;
    }
    double amount = parseDecimal(text.substring(0, unitStart));
    double nsPerUnit =
        switch (text.substring(unitStart)) {
          case "", "ms" -> 1e6;
          case "s" -> 1e9;
          case "us", "µs" -> 1e3;
          case "ns" -> 1;
          default -> throw new IllegalArgumentException("unknown unit");
        };
    double ns = amount * nsPerUnit;
    if (ns > MAX_DELAY_NS) {
      throw new IllegalArgumentException("delay above 60s");
    }
    return Math.round(ns);
  }

  /** Digits only, at most {@code max}; no sign, no spaces. */
  static int parseNonNegativeInt(String text, int max) {
    if (text.isEmpty() || text.length() > 10) {
      throw new IllegalArgumentException("not a count");
    }
    long n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("not a count");
      }
      n = n * 10 + (c - '0');
    }
    if (n > max) {
      throw new IllegalArgumentException("above " + max);
    }
    return (int) n;
  }

  /** A non-negative decimal such as "10" or "0.5"; no sign, exponent, or NaN. */
  static double parseDecimal(String text) {
    if (text.isEmpty() || text.length() > 20 || !text.matches("[0-9]*\\.?[0-9]*")) {
      throw new IllegalArgumentException("not a number");
    }
    if (text.equals(".")) {
      throw new IllegalArgumentException("not a number");
    }
    return Double.parseDouble(text);
  }

  private static boolean parseFlag(String text) {
    return switch (text) {
      case "", "1", "true" -> true;
      case "0", "false" -> false;
      default -> throw new IllegalArgumentException("not a flag");
    };
  }
}
