package io.meshbench.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Load loops narrow their own timer slack (Linux), and only their own. */
class TimerSlackTest {
  private static final Path TASKS = Path.of("/proc/self/task");

  @Test
  void aThreadNarrowsItsOwnSlackAndNoOtherThreads() throws Exception {
    assumeTrue(Files.isDirectory(TASKS), "Linux /proc only");
    long before = TimerSlack.currentThreadSlackNs();
    AtomicLong inThread = new AtomicLong();
    Thread narrowing =
        new Thread(
            () -> {
              assertThat(TimerSlack.setForCurrentThread(1_234)).isTrue();
              inThread.set(TimerSlack.currentThreadSlackNs());
            });
    narrowing.start();
    narrowing.join();

    assertThat(inThread.get()).isEqualTo(1_234);
    assertThat(TimerSlack.currentThreadSlackNs()).isEqualTo(before).isNotEqualTo(1_234);
  }

  @Test
  void aSlackBelowOneNanosecondIsRefused() {
    assertThatThrownBy(() -> TimerSlack.setForCurrentThread(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("slackNs");
  }

  @Test
  void theLoadLoopsOfARunSleepWithTheNarrowSlack() throws Exception {
    assumeTrue(Files.isDirectory(TASKS), "Linux /proc only");
    List<Long> loopSlacksNs = new CopyOnWriteArrayList<>();
    try (JdkServer server = JdkServer.ok()) {
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, server.url())
              .rateRps(200)
              .connections(2)
              .threads(2)
              .warmupMs(0)
              .durationMs(1500)
              .timeoutMs(2000)
              .build();
      RunListener probe =
          new RunListener() {
            @Override
            public void onProgress(RunProgress progress) {
              if (loopSlacksNs.isEmpty()) {
                loopSlacksNs.addAll(loadLoopSlacksNs());
              }
            }
          };
      new LoadRun(spec).run(probe);
    }
    assertThat(loopSlacksNs)
        .hasSizeGreaterThanOrEqualTo(2)
        .containsOnly(TimerSlack.LOAD_LOOP_SLACK_NS);
  }

  /** The timer slack of every live thread of this JVM named like a load loop. */
  private static List<Long> loadLoopSlacksNs() {
    try (Stream<Path> tasks = Files.list(TASKS)) {
      return tasks
          .filter(task -> read(task.resolve("comm")).startsWith("meshbench-load"))
          .map(
              task ->
                  Long.parseLong(
                      read(Path.of("/proc", task.getFileName().toString(), "timerslack_ns"))))
          .toList();
    } catch (IOException e) {
      throw new AssertionError("cannot list " + TASKS, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }
}
