package io.meshbench.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetConfigTest {

  @Test
  void defaultsAreLoopbackEphemeralOneLoop() {
    TargetConfig config = TargetConfig.defaults();

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.httpPort()).isZero();
    assertThat(config.threads()).isEqualTo(1);
    assertThat(config.transport()).isEqualTo(ServerTransport.best());
  }

  @Test
  void zeroThreadsMeansOnePerCore() {
    assertThat(TargetConfig.defaults().withThreads(0).eventLoops())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void invalidFieldsAreRejectedByName() {
    TargetConfig ok = TargetConfig.defaults();

    assertThatThrownBy(() -> ok.withHost(" ")).hasMessageStartingWith("host ");
    assertThatThrownBy(() -> ok.withHost(null)).hasMessageStartingWith("host ");
    assertThatThrownBy(() -> ok.withHttpPort(-1)).hasMessageStartingWith("httpPort ");
    assertThatThrownBy(() -> ok.withHttpPort(65_536)).hasMessageStartingWith("httpPort ");
    assertThatThrownBy(() -> ok.withThreads(-1)).hasMessageStartingWith("threads ");
    assertThatThrownBy(() -> ok.withThreads(100_000)).hasMessageStartingWith("threads ");
    assertThatThrownBy(() -> ok.withTransport(null)).hasMessageStartingWith("transport ");
  }
}
