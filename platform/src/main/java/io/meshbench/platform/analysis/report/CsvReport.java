package io.meshbench.platform.analysis.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.meshbench.platform.analysis.Summary;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One row per job ({@link JobRow#COLUMNS}), RFC 4180: comma-separated, CRLF line ends, a field
 * quoted when it holds a comma, quote or line break, quotes doubled. Absent figures are empty
 * fields; numbers are plain decimals (no exponent), so spreadsheets and pandas read them alike;
 * labels are one JSON object, which keeps any key or value intact.
 */
public final class CsvReport implements ResultFormat {

  @Override
  public String name() {
    return "csv";
  }

  @Override
  public String contentType() {
    return "text/csv; charset=utf-8";
  }

  @Override
  public String fileExtension() {
    return "csv";
  }

  @Override
  public void write(List<JobDocument> jobs, Summary summary, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    line(w, List.copyOf(JobRow.COLUMNS));
    for (JobDocument job : jobs) {
      line(w, JobRow.of(job).values());
    }
    w.flush();
  }

  private static void line(Writer w, List<?> values) throws IOException {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        w.write(',');
      }
      w.write(quote(text(values.get(i))));
    }
    w.write("\r\n");
  }

  private static String text(Object value) throws JsonProcessingException {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d) {
      return d.isNaN() || d.isInfinite()
          ? ""
          : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    if (value instanceof Map<?, ?> map) {
      return map.isEmpty() ? "" : Json.mapper().writeValueAsString(map);
    }
    return value.toString();
  }

  /** The field as RFC 4180 wants it: as is, or in quotes with inner quotes doubled. */
  static String quote(String field) {
    boolean needs =
        field.indexOf(',') >= 0
            || field.indexOf('"') >= 0
            || field.indexOf('\n') >= 0
            || field.indexOf('\r') >= 0;
    return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
  }
}
