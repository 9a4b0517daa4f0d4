package io.meshbench.platform.analysis.export;

import io.meshbench.engine.stats.IntervalSnapshot;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.job.JobDocument;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The per-second series of each job as CSV (RFC 4180, UTF-8), one row per job and second: {@code
 * job_id,test_type,mesh_type,t_s,rps,errors,p50_ms,p99_ms,max_ms} (corrected latency). A second in
 * which nothing succeeded has no latency: its three latency cells are empty, not 0.
 */
final class SeriesCsvExport implements JobExport {
  static final String HEADER = "job_id,test_type,mesh_type,t_s,rps,errors,p50_ms,p99_ms,max_ms";

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
  public void write(List<JobDocument> jobs, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write(HEADER + "\r\n");
    for (JobDocument job : jobs) {
      RunResult r = JobExports.resultOf(job);
      for (IntervalSnapshot p : r.timeseries()) {
        w.write(
            String.join(
                    ",",
                    Csv.field(job.jobId()),
                    Csv.field(job.spec().testType().wireName()),
                    Csv.field(job.spec().meshType().wireName()),
                    Csv.number(p.tS()),
                    Csv.number(p.rps()),
                    Long.toString(p.errors()),
                    Csv.numberOrEmpty(p.p50Ms()),
                    Csv.numberOrEmpty(p.p99Ms()),
                    Csv.numberOrEmpty(p.maxMs()))
                + "\r\n");
      }
    }
    w.flush();
  }

  /** CSV cells. */
  static final class Csv {
    private Csv() {}

    /** Quoted when it holds a comma, quote or line break; a leading =+-@ is defused. */
    static String field(String s) {
      if (s == null) {
        return "";
      }
      String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
      if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
        return "\"" + v.replace("\"", "\"\"") + "\"";
      }
      return v;
    }

    /** An empty cell for null: a figure that does not exist (no latency in a stalled second). */
    static String numberOrEmpty(Double v) {
      return v == null ? "" : number(v);
    }

    static String number(double v) {
      return v == Math.rint(v) && Math.abs(v) < 1e15
          ? Long.toString((long) v)
          : String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "");
    }
  }
}
