package io.meshbench.target;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which status each response gets: {@code status=503:10,429:5} gives 10 % 503s, 5 % 429s and 200
 * for the rest. Immutable; {@link #pick()} allocates nothing and is safe on any thread.
 */
final class StatusMix {
  static final StatusMix ALWAYS_OK = new StatusMix(new HttpResponseStatus[0], new int[0]);

  private static final int PPM = 1_000_000; // shares are kept in parts per million
  private static final int MAX_ENTRIES = 16;
  static final String ALLOWED =
      "a status from 200 to 599, optionally with a percentage, e.g. 503, 503:10 or 503:10,429:5"
          + " (percentages total at most 100)";

  private final HttpResponseStatus[] statuses;
  private final int[] cumulativePpm; // cumulativePpm[i] = sum of shares of statuses[0..i]

  private StatusMix(HttpResponseStatus[] statuses, int[] cumulativePpm) {
    this.statuses = statuses;
    this.cumulativePpm = cumulativePpm;
  }

  HttpResponseStatus pick() {
    if (statuses.length == 0) {
      return HttpResponseStatus.OK;
    }
    int draw = ThreadLocalRandom.current().nextInt(PPM);
    for (int i = 0; i < statuses.length; i++) {
      if (draw < cumulativePpm[i]) {
        return statuses[i];
      }
    }
    return HttpResponseStatus.OK;
  }

  /**
   * Parses a decoded {@code status} value. An entry without a percentage means 100 %.
   *
   * @throws IllegalArgumentException when the value does not match {@link #ALLOWED}
   */
  static StatusMix parse(String value) {
    String[] entries = value.split(",", -1);
    if (entries.length > MAX_ENTRIES) {
      throw new IllegalArgumentException("at most " + MAX_ENTRIES + " entries");
    }
    HttpResponseStatus[] statuses = new HttpResponseStatus[entries.length];
    int[] cumulativePpm = new int[entries.length];
    long totalPpm = 0;
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      int colon = entry.indexOf(':');
      String code = colon < 0 ? entry : entry.substring(0, colon);
      totalPpm += colon < 0 ? PPM : sharePpm(entry.substring(colon + 1));
      if (totalPpm > PPM) {
        throw new IllegalArgumentException("percentages total more than 100");
      }
      statuses[i] = HttpResponseStatus.valueOf(statusCode(code));
      cumulativePpm[i] = (int) totalPpm;
    }
    return new StatusMix(statuses, cumulativePpm);
  }

  private static int statusCode(String text) {
    int code = EchoKnobs.parseNonNegativeInt(text, 999);
    if (code < 200 || code > 599) {
      throw new IllegalArgumentException("status code out of range");
    }
    return code;
  }

  private static long sharePpm(String text) {
    double percent = EchoKnobs.parseDecimal(text);
    if (percent > 100) {
      throw new IllegalArgumentException("percentage above 100");
    }
    return Math.round(percent * (PPM / 100));
  }
}
