package io.meshbench.platform.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finished jobs that the store could not take yet, one file each ({@code <dir>/<job_id>.json}),
 * written atomically and durably like the file store's. A result waits here until the store is
 * back, across restarts of the process; nothing measured is lost to a store outage.
 *
 * <p>Thread-safe: each call is one file operation, and one job id is spilled by one thread at a
 * time (the worker that ran it).
 */
public final class ResultSpill {
  private static final Logger LOG = LoggerFactory.getLogger(ResultSpill.class);
  private static final String SUFFIX = ".json";

  private final Path dir;

  public ResultSpill(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  public Path directory() {
    return dir;
  }

  /** Keeps the document on local disk; durable when this returns. */
  public void write(JobDocument doc) throws IOException {
    StoredJobs.requireStorable(doc);
    Files.createDirectories(dir);
    byte[] json;
    try {
      json = Json.mapper().writeValueAsString(doc).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("job " + doc.jobId() + " does not serialise", e);
    }
    AtomicFiles.write(dir.resolve(doc.jobId() + SUFFIX), json);
  }

  /** Every spilled document, oldest first; unreadable files are logged and left in place. */
  public List<JobDocument> readAll() throws IOException {
    List<JobDocument> docs = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return docs;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path file : files) {
        if (AtomicFiles.isTemp(file)) {
          continue;
        }
        try {
          docs.add(Json.mapper().readValue(file.toFile(), JobDocument.class));
        } catch (IOException | RuntimeException e) {
          LOG.warn("spilled result {} does not parse (left in place): {}", file, e.getMessage());
        }
      }
    }
    docs.sort(StoredJobs.OLDEST_FIRST);
    return docs;
  }

  /** Forgets a document once the store holds it. */
  public void remove(String jobId) throws IOException {
    if (StoredJobs.isValidId(jobId)) {
      AtomicFiles.delete(dir.resolve(jobId + SUFFIX));
    }
  }
}
