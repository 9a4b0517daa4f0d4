package io.meshbench.platform.analysis.report;

import io.meshbench.platform.analysis.Summary;
import io.meshbench.platform.job.JobDocument;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * One export format of the job history. Every format gets the same input: the jobs (in the order
 * they are to appear) and their {@link Summary}. Implementations are stateless and thread-safe.
 */
public interface ResultFormat {

  /** The word users choose the format by: html, json or csv. */
  String name();

  /** The media type to serve it with, charset included. */
  String contentType();

  /** The file name extension, without the dot. */
  String fileExtension();

  /** Writes the whole report as UTF-8; does not close {@code out}. */
  void write(List<JobDocument> jobs, Summary summary, OutputStream out) throws IOException;
}
