package io.meshbench.target;

import io.grpc.Metadata;
import io.grpc.Status;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The fortio-style knobs of one gRPC call, from its request metadata: {@code delay: 5ms}, {@code
 * status: UNAVAILABLE:10,INTERNAL:5} (codes by name or number, 1 to 16, with optional percentages;
 * the rest are OK) and {@code size: 1024} (response payload bytes). Fields of a request message win
 * over these for that message. Immutable.
 *
 * @param error a one-line message naming the bad key, or null when every knob is valid
 */
record GrpcKnobs(
    long delayNs, Status.Code[] codes, int[] cumulativePpm, int sizeBytes, String error) {
  static final Metadata.Key<String> DELAY = key("delay");
  static final Metadata.Key<String> STATUS = key("status");
  static final Metadata.Key<String> SIZE = key("size");
  static final GrpcKnobs NONE = new GrpcKnobs(0, new Status.Code[0], new int[0], 0, null);

  private static final int PPM = 1_000_000;
  private static final String STATUS_ALLOWED =
      "gRPC codes by name or number (1 to 16), optionally with a percentage, e.g. UNAVAILABLE,"
          + " 14:10 or UNAVAILABLE:10,INTERNAL:5 (percentages total at most 100)";

  static GrpcKnobs of(Metadata headers) {
    String delay = headers.get(DELAY);
    String status = headers.get(STATUS);
    String size = headers.get(SIZE);
    if (delay == null && status == null && size == null) {
      return NONE;
    }
    long delayNs = 0;
    int sizeBytes = 0;
    Status.Code[] codes = NONE.codes;
    int[] cumulative = NONE.cumulativePpm;
    String name = "";
    String value = "";
    try {
      if (delay != null) {
        name = "delay";
        value = delay;
        delayNs = EchoKnobs.parseDelayNs(delay.trim());
      }
      if (size != null) {
        name = "size";
        value = size;
        sizeBytes = EchoKnobs.parseNonNegativeInt(size.trim(), EchoKnobs.MAX_SIZE_BYTES);
      }
      if (status != null) {
        name = "status";
        value = status;
        String[] entries = status.split(",", -1);
        codes = new Status.Code[entries.length];
        cumulative = new int[entries.length];
        long total = 0;
        for (int i = 0; i < entries.length; i++) {
          String entry = entries[i].trim();
          int colon = entry.indexOf(':');
          codes[i] = code(colon < 0 ? entry : entry.substring(0, colon));
          total +=
              colon < 0
                  ? PPM
                  : Math.round(EchoKnobs.parseDecimal(entry.substring(colon + 1)) * (PPM / 100));
          if (total > PPM) {
            throw new IllegalArgumentException("percentages total more than 100");
          }
          cumulative[i] = (int) total;
        }
      }
    } catch (IllegalArgumentException e) {
      String allowed =
          switch (name) {
            case "delay" -> "a duration such as 5ms, 250us or 1s, at most 60s";
            case "status" -> STATUS_ALLOWED;
            default -> "a byte count from 0 to " + EchoKnobs.MAX_SIZE_BYTES;
          };
      return new GrpcKnobs(
          0,
          NONE.codes,
          NONE.cumulativePpm,
          0,
          "bad metadata " + name + "='" + value + "': expected " + allowed);
    }
    return new GrpcKnobs(delayNs, codes, cumulative, sizeBytes, null);
  }

  /** The status for one response: OK, or one of the configured codes at its share. */
  Status.Code pick() {
    if (codes.length == 0) {
      return Status.Code.OK;
    }
    int draw = ThreadLocalRandom.current().nextInt(PPM);
    for (int i = 0; i < codes.length; i++) {
      if (draw < cumulativePpm[i]) {
        return codes[i];
      }
    }
    return Status.Code.OK;
  }

  private static Status.Code code(String text) {
    Status.Code code;
    if (!text.isEmpty() && Character.isDigit(text.charAt(0))) {
      int n = EchoKnobs.parseNonNegativeInt(text, 99);
      if (n < 1 || n > 16) {
        throw new IllegalArgumentException("code out of range");
      }
      code = Status.fromCodeValue(n).getCode();
    } else {
      code = Status.Code.valueOf(text.toUpperCase(java.util.Locale.ROOT));
      if (code == Status.Code.OK) {
        throw new IllegalArgumentException("OK is not an error");
      }
    }
    return code;
  }

  private static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }
}
