package io.meshbench.platform.store;

import static io.meshbench.platform.store.StoreFixtures.job;
import static io.meshbench.platform.store.StoreFixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJobStoreTest extends JobStoreContract {
  @TempDir Path dataDir;

  @Override
  protected JobStore openEmptyStore() {
    return new FileJobStore(dataDir);
  }

  /** Closes the current store and opens another over the same directory, as a restart would. */
  private JobStore restart() {
    store.close();
    store = new FileJobStore(dataDir);
    return store;
  }

  private Path jobsDir() {
    return dataDir.resolve("jobs");
  }

  private List<String> fileNames() throws IOException {
    try (Stream<Path> files = Files.list(jobsDir())) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void eachJobIsOnePrettyJsonFileNamedByItsId() throws IOException {
    JobDocument doc = job("20261130-061500-http-baseline-3f9a", JobStatus.COMPLETED, 0);
    store.save(doc);
    Path file = jobsDir().resolve("20261130-061500-http-baseline-3f9a.json");
    String json = Files.readString(file);
    assertThat(json).startsWith("{\n").contains("\n  \"job_id\" : ");
    assertThat(Json.mapper().readValue(json, JobDocument.class)).isEqualTo(doc);
  }

  @Test
  void savesLeaveNoTempFilesBehind() throws IOException {
    store.save(pending("a", 0));
    store.save(pending("b", 1));
    store.claimNextPending(CLAIMED_AT);
    store.delete("b");
    assertThat(fileNames()).containsExactly(".lock", "a.json");
  }

  @Test
  void aNewStoreOverTheSameDirectorySeesEverything() {
    store.save(job("done", JobStatus.COMPLETED, 1));
    store.save(job("deleted", JobStatus.COMPLETED, 2));
    store.save(pending("queued", 3));
    store.save(pending("claimed", 2));
    store.claimNextPending(CLAIMED_AT);
    store.delete("deleted");
    List<JobDocument> before = store.list(JobQuery.all());

    restart();

    assertThat(store.list(JobQuery.all())).isEqualTo(before);
    assertThat(ids(before)).containsExactly("queued", "claimed", "done");
    assertThat(store.find("claimed").orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
  }

  @Test
  void aCorruptFileIsSkippedAndLeftInPlace() throws IOException {
    store.save(job("good", JobStatus.COMPLETED, 1));
    Path corrupt = jobsDir().resolve("corrupt.json");
    Files.writeString(corrupt, "{\"job_id\": \"corrupt\", \"status\": ");
    Path wrongId = jobsDir().resolve("renamed.json");
    Files.copy(jobsDir().resolve("good.json"), wrongId);

    restart();

    assertThat(ids(store.list(JobQuery.all()))).containsExactly("good");
    assertThat(store.find("corrupt")).isEmpty();
    assertThat(store.find("renamed")).isEmpty();
    assertThat(store.delete("corrupt")).isFalse();
    assertThat(Files.readString(corrupt)).isEqualTo("{\"job_id\": \"corrupt\", \"status\": ");
    assertThat(wrongId).exists();
  }

  @Test
  void aTempFileLeftByACrashIsRemovedAndTheJobKeepsItsLastSavedVersion() throws IOException {
    JobDocument saved = pending("job", 1);
    store.save(saved);
    // What a crash between writing the temp file and renaming it leaves behind.
    Files.writeString(jobsDir().resolve(".job.json.12345.tmp"), "{\"job_id\": \"job\", \"sta");

    restart();

    assertThat(store.find("job")).contains(saved);
    assertThat(fileNames()).containsExactly(".lock", "job.json");
  }

  @Test
  void anIdWithDotDotNeverReachesAFileOutsideTheStore() throws IOException {
    Path outside = dataDir.resolve("outside.json");
    Files.writeString(outside, Json.mapper().writeValueAsString(pending("outside", 0)));

    assertThatThrownBy(() -> store.save(pending("../outside", 0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.find("../outside")).isEmpty();
    assertThat(store.delete("../outside")).isFalse();
    assertThat(outside).exists();
    assertThat(fileNames()).containsExactly(".lock");
  }

  @Test
  void aSecondStoreOnTheSameDirectoryIsRefused() {
    assertThatThrownBy(() -> new FileJobStore(dataDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("in use");
  }

  @Test
  void aClosedStoreRefusesWork() {
    store.close();
    assertThatThrownBy(() -> store.save(pending("late", 0)))
        .isInstanceOf(IllegalStateException.class);
  }

  /**
   * A process killed (SIGKILL) while it saves job after job: every save it acknowledged is there at
   * the next start, every file parses, and its running job comes back as interrupted.
   */
  @Test
  void killNineMidRunLosesNoAcknowledgedSave() throws Exception {
    store.close(); // the writer process takes the directory
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process writer =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                FileStoreWriter.class.getName(),
                dataDir.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Map<String, JobStatus> acknowledged = new HashMap<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      for (int acks = 0; acks < 301; acks++) { // ends mid-job: pending of the 101st saved
        String line = out.readLine();
        assertThat(line).as("writer output after %d acks", acks).isNotNull();
        String[] statusAndId = line.split(" ");
        acknowledged.put(statusAndId[1], JobStatus.valueOf(statusAndId[0].toUpperCase()));
      }
      writer.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      writer.destroyForcibly();
    }

    store = new FileJobStore(dataDir);

    assertThat(acknowledged).hasSize(101);
    long jsonFiles = fileNames().stream().filter(n -> n.endsWith(".json")).count();
    assertThat(store.list(JobQuery.all())).hasSize((int) jsonFiles); // every file parsed
    assertThat(fileNames()).noneMatch(n -> n.endsWith(".tmp"));
    acknowledged.forEach(
        (id, ackedStatus) -> {
          JobStatus stored = store.find(id).map(JobDocument::status).orElse(null);
          // The writer may have saved more than it managed to print before it died.
          assertThat(stored).as(id).isNotNull().isGreaterThanOrEqualTo(ackedStatus);
        });

    List<JobDocument> interrupted = store.interruptRunning("process killed", Instant.now());
    assertThat(interrupted).allMatch(d -> d.status() == JobStatus.INTERRUPTED);
    assertThat(store.count(JobStatus.RUNNING)).isZero();
  }
}
