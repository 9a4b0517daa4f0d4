package io.meshbench.platform.store;

import java.nio.file.Path;

/** Picks the store the configuration asks for (DESIGN §6: no database URL means files). */
public final class JobStores {
  private JobStores() {}

  /**
   * A {@link PostgresJobStore} when {@code databaseUrlOrNull} is set (MESHBENCH_DATABASE_URL, in
   * either URL form), else a {@link FileJobStore} under {@code dataDir} (MESHBENCH_DATA_DIR).
   */
  public static JobStore open(String databaseUrlOrNull, Path dataDir) {
    if (databaseUrlOrNull != null && !databaseUrlOrNull.isBlank()) {
      return new PostgresJobStore(databaseUrlOrNull);
    }
    return new FileJobStore(dataDir);
  }
}
