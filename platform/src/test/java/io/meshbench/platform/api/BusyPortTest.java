package io.meshbench.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobFixtures;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.store.FileJobStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meshbench serve} in its own JVM on a port that another socket holds: it exits with a clear
 * message, and the queued job is still pending (no worker claimed it before the bind).
 */
class BusyPortTest {
  @TempDir Path dataDir;

  @Test
  void aBusyPortLeavesThePendingJobPending() throws Exception {
    String id = "20261130-061500-http-baseline-0123456789ab";
    try (FileJobStore store = new FileJobStore(dataDir)) {
      store.insert(
          JobDocument.pending(id, JobFixtures.document().spec(), "local", Instant.now(), null));
    }
    try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p =
          new ProcessBuilder(
                  List.of(
                      java,
                      "-cp",
                      System.getProperty("java.class.path"),
                      "io.meshbench.platform.cli.Meshbench",
                      "serve",
                      "--port",
                      String.valueOf(holder.getLocalPort()),
                      "--data-dir",
                      dataDir.toString()))
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(output).isEqualTo(1);
      assertThat(output).contains("cannot listen on 127.0.0.1:" + holder.getLocalPort());
    }
    try (FileJobStore store = new FileJobStore(dataDir)) {
      assertThat(store.find(id).orElseThrow().status()).isEqualTo(JobStatus.PENDING);
    }
  }
}
