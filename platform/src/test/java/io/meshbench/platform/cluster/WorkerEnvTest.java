package io.meshbench.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerEnvTest {
  private static final String SPEC =
      "{\"protocol\":\"http\",\"target\":\"http://127.0.0.1:8080/\",\"rate_rps\":100,\"seed\":5}";

  @Test
  void eachWorkerHasItsOwnSeedAndAnEvenlySpreadPhase() {
    WorkerEnv w0 = WorkerEnv.from(env("0"));
    WorkerEnv w3 = WorkerEnv.from(env("3"));
    assertThat(w0.workerSpec().seed()).isEqualTo(5);
    assertThat(w3.workerSpec().seed()).isNotEqualTo(w0.workerSpec().seed());
    // 4 workers × 100 rps = 400 rps in total: worker 3 starts 3 × 2.5 ms after worker 0.
    assertThat(w0.phaseMs()).isZero();
    assertThat(w3.phaseMs()).isEqualTo(8); // 7.5 ms, rounded
    assertThat(w3.startAtMs()).isEqualTo(1_000);
  }

  @Test
  void badVariablesAreNamedWithWhatIsAllowed() {
    assertThatThrownBy(() -> WorkerEnv.from(Map.of()))
        .hasMessageContaining("MESHBENCH_SPEC is required");
    assertThatThrownBy(() -> WorkerEnv.from(Map.of(WorkerEnv.SPEC, "{\"protocol\":\"http\"}")))
        .hasMessageContaining("MESHBENCH_SPEC is not a valid LoadSpec");
    assertThatThrownBy(() -> WorkerEnv.from(Map.of(WorkerEnv.SPEC, SPEC, WorkerEnv.WORKERS, "101")))
        .hasMessageContaining("MESHBENCH_WORKERS must be a whole number from 1 to 100");
    assertThatThrownBy(
            () ->
                WorkerEnv.from(
                    Map.of(WorkerEnv.SPEC, SPEC, WorkerEnv.WORKERS, "2", WorkerEnv.INDEX, "2")))
        .hasMessageContaining("JOB_COMPLETION_INDEX must be a whole number from 0 to 1");
    assertThatThrownBy(
            () ->
                WorkerEnv.from(
                    Map.of(WorkerEnv.SPEC, SPEC, WorkerEnv.PROXY_SHUTDOWN_URL, "http://evil:1/")))
        .hasMessageContaining("must be a loopback URL");
  }

  /** 32 connections over 3 workers: 10 each in the spec, and the first two keep one more. */
  @Test
  void theRemainderOfTheConnectionsGoesToTheFirstWorkers() {
    int total = 0;
    for (int index = 0; index < 3; index++) {
      int connections =
          WorkerEnv.from(
                  Map.of(
                      WorkerEnv.SPEC,
                      SPEC.replace("\"seed\":5", "\"seed\":5,\"connections\":10"),
                      WorkerEnv.WORKERS,
                      "3",
                      WorkerEnv.INDEX,
                      Integer.toString(index),
                      WorkerEnv.EXTRA_CONNECTIONS,
                      "2"))
              .workerSpec()
              .connections();
      assertThat(connections).isEqualTo(index < 2 ? 11 : 10);
      total += connections;
    }
    assertThat(total).isEqualTo(32);
    assertThat(WorkerEnv.connectionsProblem(2, 3)).contains("at least workers (3)");
    assertThat(WorkerEnv.connectionsProblem(3, 3)).isNull();
  }

  private static Map<String, String> env(String index) {
    return Map.of(
        WorkerEnv.SPEC,
        SPEC,
        WorkerEnv.WORKERS,
        "4",
        WorkerEnv.INDEX,
        index,
        WorkerEnv.START_AT,
        "1000");
  }
}
