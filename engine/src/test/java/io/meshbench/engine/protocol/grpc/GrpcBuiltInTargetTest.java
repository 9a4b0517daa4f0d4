package io.meshbench.engine.protocol.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meshbench.engine.run.LoadRun;
import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.engine.target.TargetConfig;
import io.meshbench.engine.target.TargetServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whole gRPC runs against the built-in target's echo service on a loopback port. */
class GrpcBuiltInTargetTest {
  private static TargetServer target;

  @BeforeAll
  static void startTarget() {
    target = TargetServer.start(TargetConfig.defaults().withGrpcPort(0));
  }

  @AfterAll
  static void stopTarget() {
    target.close();
  }

  private static LoadSpec.Builder spec(String mode) {
    return LoadSpec.builder(Protocol.GRPC, target.grpcTarget())
        .connections(4)
        .warmupMs(300)
        .durationMs(2000)
        .timeoutMs(2000)
        .options(Map.of(GrpcClient.MODE_OPTION, mode));
  }

  private static RunResult run(LoadSpec spec) throws InterruptedException {
    return new LoadRun(spec).run(RunListener.NONE);
  }

  @Test
  void unaryOpenModelKeepsTheRateWithoutErrors() throws Exception {
    RunResult r = run(spec("unary").rateRps(500).build());

    assertThat(r.errors()).as(r.errorKinds().toString()).isZero();
    assertThat(r.scheduled()).isBetween(998L, 1002L);
    assertThat(r.requests()).isEqualTo(r.sent()).isEqualTo(r.scheduled());
    assertThat(r.throughputRps()).isCloseTo(500, within(500 * 0.03));
    assertThat(r.rateSustained()).isTrue();
    assertThat(r.statusCodes()).containsExactly(Map.entry("OK", r.requests()));
    assertThat(r.bytesSent()).isEqualTo(r.sent() * (5 + 0));
  }
}
