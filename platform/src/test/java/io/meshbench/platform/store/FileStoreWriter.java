package io.meshbench.platform.store;

import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A process for {@link FileJobStoreTest} to kill: saves job after job through its life (pending,
 * running, completed) and prints "{@code <status> <job_id>}" after each save returns, i.e. once the
 * store has acknowledged it. It runs until killed.
 */
final class FileStoreWriter {
  private FileStoreWriter() {}

  public static void main(String[] args) {
    JobStore store = new FileJobStore(Path.of(args[0]));
    for (int i = 0; ; i++) {
      JobDocument doc = StoreFixtures.pending(String.format("job-%06d", i), i);
      store.save(doc);
      ack(doc);
      doc = doc.started(Instant.now());
      store.save(doc);
      ack(doc);
      doc = doc.finished(JobStatus.COMPLETED, Instant.now(), null);
      store.save(doc);
      ack(doc);
    }
  }

  private static void ack(JobDocument doc) {
    System.out.println(doc.status().wireName() + " " + doc.jobId());
    System.out.flush();
  }
}
