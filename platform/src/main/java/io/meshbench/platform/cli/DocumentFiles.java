package io.meshbench.platform.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Job documents as files: pretty JSON, written atomically so a reader never sees half of one. */
final class DocumentFiles {
  private DocumentFiles() {}

  static String toJson(JobDocument doc) {
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("job document did not serialise", e);
    }
  }

  static void write(Path file, JobDocument doc) {
    Path absolute = file.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
      Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
      try {
        Files.writeString(temp, toJson(doc) + "\n", StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
          ch.force(true);
        }
        Files.move(
            temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
