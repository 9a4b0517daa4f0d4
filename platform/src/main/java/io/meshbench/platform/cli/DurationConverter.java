package io.meshbench.platform.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or plain seconds into milliseconds. */
final class DurationConverter implements ITypeConverter<Long> {
  private static final Pattern FORM = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)?$");

  @Override
  public Long convert(String value) {
    Matcher m = FORM.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a duration; use a number with ms, s, m or h, e.g. 500ms, 10s, 2m");
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double ms =
        switch (unit) {
          case "ms" -> amount;
          case "s" -> amount * 1_000;
          case "m" -> amount * 60_000;
          default -> amount * 3_600_000;
        };
    if (ms > Long.MAX_VALUE / 2) {
      throw new TypeConversionException("'" + value + "' is too long");
    }
    return Math.round(ms);
  }

  /** The shortest readable form, for reports: 1.5s, 250ms, 2m, 24h. */
  static String format(long ms) {
    if (ms % 3_600_000 == 0 && ms >= 3_600_000) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms >= 60_000) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms >= 1000 ? String.format(Locale.ROOT, "%.3gs", ms / 1000.0) : ms + "ms";
  }
}
