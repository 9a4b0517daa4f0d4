package io.meshbench.platform.analysis.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import io.meshbench.platform.analysis.Summary;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * {@code {"summary": …, "jobs": […]}}: the summary and each job's key figures ({@link JobRow}). The
 * job documents themselves, with their histograms, are a request away in the API; a report is for
 * reading and charting.
 */
public final class JsonReport implements ResultFormat {

  /** The report's shape. */
  @JsonPropertyOrder({"summary", "jobs"})
  public record Content(
      @JsonProperty("summary") Summary summary, @JsonProperty("jobs") List<JobRow> jobs) {}

  @Override
  public String name() {
    return "json";
  }

  @Override
  public String contentType() {
    return "application/json";
  }

  @Override
  public String fileExtension() {
    return "json";
  }

  @Override
  public void write(List<JobDocument> jobs, Summary summary, OutputStream out) throws IOException {
    Content content = new Content(summary, jobs.stream().map(JobRow::of).toList());
    Json.mapper()
        .writerWithDefaultPrettyPrinter()
        .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .writeValue(out, content);
  }
}
