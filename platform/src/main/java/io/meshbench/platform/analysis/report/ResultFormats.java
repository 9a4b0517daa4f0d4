package io.meshbench.platform.analysis.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The known report formats, looked up by the name a user typed. */
public final class ResultFormats {
  private static final List<ResultFormat> ALL =
      List.of(new HtmlReport(), new JsonReport(), new CsvReport());

  private ResultFormats() {}

  public static List<ResultFormat> all() {
    return ALL;
  }

  /** "html, json, csv", for messages. */
  public static String allowed() {
    return ALL.stream().map(ResultFormat::name).collect(Collectors.joining(", "));
  }

  /**
   * The format with this name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the field {@code format} and the allowed values
   */
  public static ResultFormat forName(String name) {
    String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return ALL.stream()
        .filter(f -> f.name().equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "format must be one of " + allowed() + " (got '" + name + "')"));
  }
}
