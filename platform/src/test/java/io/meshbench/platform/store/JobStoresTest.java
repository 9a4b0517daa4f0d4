package io.meshbench.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobStoresTest {
  @TempDir Path dataDir;

  @Test
  void noDatabaseUrlMeansTheFileStore() {
    for (String url : new String[] {null, "", "  "}) {
      try (JobStore store = JobStores.open(url, dataDir)) {
        assertThat(store).isInstanceOf(FileJobStore.class);
        assertThat(store.kind()).isEqualTo("file");
      }
    }
    assertThat(dataDir.resolve("jobs")).isDirectory();
  }

  @Test
  void aDatabaseUrlMeansPostgresAndItIsCheckedAtOnce() {
    // Port 1 refuses connections: the store fails at start-up, not at the first request.
    assertThatThrownBy(() -> JobStores.open("postgresql://nobody@127.0.0.1:1/none", dataDir))
        .isInstanceOf(JobStoreException.class)
        .hasMessageContaining("cannot connect");
  }
}
