package io.meshbench.platform.analysis.export;

import io.meshbench.platform.job.JobDocument;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** One export format of job documents. */
public interface JobExport {
  /** The word users choose it by: smp, hlog, csv, csv-spectrum, html. */
  String name();

  String contentType();

  String fileExtension();

  /**
   * Writes the export of {@code jobs} (one or more, in the order given); does not close {@code
   * out}.
   *
   * @throws IllegalArgumentException when a job cannot be exported in this format (the message
   *     names the job and why)
   */
  void write(List<JobDocument> jobs, OutputStream out) throws IOException;
}
