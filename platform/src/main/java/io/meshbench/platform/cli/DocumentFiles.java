package io.meshbench.platform.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Job documents as files: pretty JSON, written atomically so a reader never sees half of one. */
final class DocumentFiles {
  private DocumentFiles() {}

  /** A file that is not a readable job document; the message names the file and the reason. */
  static final class UnreadableException extends Exception {
    UnreadableException(Path file, String reason) {
      super(file + ": " + reason);
    }
  }

  /**
   * Reads a job document.
   *
   * @throws UnreadableException when the file is missing, unreadable, not JSON, or JSON that is not
   *     a job document (no job_id, a field of the wrong type or value)
   */
  static JobDocument read(Path file) throws UnreadableException {
    if (Files.isDirectory(file)) {
      throw new UnreadableException(file, "is a directory, not a job document");
    }
    JobDocument doc;
    try (InputStream in = Files.newInputStream(file)) {
      doc = Json.mapper().readValue(in, JobDocument.class);
    } catch (JsonParseException e) {
      JsonLocation at = e.getLocation();
      throw new UnreadableException(
          file,
          "not a job document (invalid JSON at line "
              + at.getLineNr()
              + ", column "
              + at.getColumnNr()
              + ")");
    } catch (JsonProcessingException e) {
      throw new UnreadableException(file, "not a job document (" + firstLine(e) + ")");
    } catch (NoSuchFileException e) {
      throw new UnreadableException(file, "no such file");
    } catch (IOException e) {
      throw new UnreadableException(file, "cannot read: " + e.getMessage());
    }
    if (doc == null || doc.jobId() == null || doc.status() == null) {
      throw new UnreadableException(file, "not a job document (no job_id or status)");
    }
    return doc;
  }

  private static String firstLine(JsonProcessingException e) {
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return FieldProblem.describe(mapping);
    }
    String message = e.getOriginalMessage();
    if (e.getCause() instanceof IllegalArgumentException cause && cause.getMessage() != null) {
      message = cause.getMessage(); // e.g. "mesh_type must be one of ..."
    }
    return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }

  static String toJson(JobDocument doc) {
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("job document did not serialise", e);
    }
  }

  /**
   * A temp file is created 0600; a result is not a secret and is usually read by other users and
   * tools (CI, a web server), so the document is 0644 like any file a user writes.
   */
  private static void readableByAll(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  static void write(Path file, JobDocument doc) {
    writeBytes(file, (toJson(doc) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Why {@code file} cannot be written, or null when it can be as far as can be told before
   * writing: checked before a run, so that a run is not lost to a typo in a path.
   *
   * @param flag how the caller names the option ("--output")
   */
  static String outputProblem(Path file, String flag) {
    Path absolute = file.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      return flag + " " + file + " is a folder; give a file name";
    }
    Path existing = absolute.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return null;
    }
    if (!Files.isDirectory(existing)) {
      return flag + " " + file + " cannot be written: " + existing + " is a file, not a folder";
    }
    if (!Files.isWritable(existing)) {
      return flag + " " + file + " cannot be written: " + existing + " is not writable";
    }
    return null;
  }

  /** Writes a file atomically: a temp file beside it, fsync, rename. */
  static void writeBytes(Path file, byte[] content) {
    Path absolute = file.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
      Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
      try {
        Files.write(temp, content);
        readableByAll(temp);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
          ch.force(true);
        }
        Files.move(
            temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    }
  }
}
