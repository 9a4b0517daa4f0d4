package io.meshbench.platform.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Whole-file replacement that survives a crash at any instant: readers and the next start see the
 * old file or the new one, never a mix, and once {@link #write} returns the new one is on disk.
 */
final class AtomicFiles {
  static final String TEMP_SUFFIX = ".tmp";

  private AtomicFiles() {}

  /** Temp files start with a dot and end with {@value #TEMP_SUFFIX}; a crash can leave them. */
  static boolean isTemp(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
  }

  /**
   * Writes to a temp file in the same directory (rename is only atomic within one file system),
   * forces it to disk, renames it over {@code target}, then forces the directory so the rename
   * itself is durable.
   */
  static void write(Path target, byte[] content) throws IOException {
    Path dir = target.getParent();
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", TEMP_SUFFIX);
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    forceDirectory(dir);
  }

  /** Deletes the file and makes the deletion durable; false if it did not exist. */
  static boolean delete(Path file) throws IOException {
    boolean deleted = Files.deleteIfExists(file);
    if (deleted) {
      forceDirectory(file.getParent());
    }
    return deleted;
  }

  /**
   * Flushes a directory's entries (creations, renames, deletions). POSIX systems allow opening a
   * directory for this; others (Windows) refuse, and there the rename is as durable as the OS makes
   * it.
   */
  static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not supported on this OS or file system: nothing more we can do.
    }
  }
}
