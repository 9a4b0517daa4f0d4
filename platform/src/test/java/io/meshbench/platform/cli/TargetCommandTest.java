package io.meshbench.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * {@code meshbench target} when a port is taken: one line naming the protocol, the address, why,
 * and the flag that moves it; exit 1. The taken port is an ephemeral one held by the test.
 */
class TargetCommandTest {

  @Test
  void aTakenHttpPortNamesHttpThePortAndTheFlag() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      CliHarness r =
          CliHarness.run("target", "--http-port", String.valueOf(port), "--grpc-port", "-1");
      assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.FAILED);
      assertThat(r.err.strip())
          .as(r.toString())
          .isEqualTo(
              "meshbench target: error: HTTP: cannot bind 127.0.0.1:"
                  + port
                  + " (address in use); choose another with --http-port (0 picks a free one)");
      assertThat(r.out).isEmpty();
    }
  }

  @Test
  void aTakenGrpcPortNamesGrpcThePortAndTheFlag() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      CliHarness r =
          CliHarness.run("target", "--http-port", "0", "--grpc-port", String.valueOf(port));
      assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.FAILED);
      assertThat(r.err.strip())
          .as(r.toString())
          .isEqualTo(
              "meshbench target: error: gRPC: cannot bind 127.0.0.1:"
                  + port
                  + " (address in use); choose another with --grpc-port (0 picks a free one)");
      assertThat(r.out).isEmpty();
    }
  }

  @Test
  void anAddressThisMachineDoesNotHaveBlamesTheHostNotThePort() {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): no interface has it, and binding sends nothing.
    CliHarness r =
        CliHarness.run("target", "--host", "192.0.2.1", "--http-port", "0", "--grpc-port", "-1");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err.strip())
        .as(r.toString())
        .isEqualTo(
            "meshbench target: error: HTTP: cannot bind 192.0.2.1:0 (no such local address);"
                + " choose an address of this machine with --host (127.0.0.1, or 0.0.0.0 for all)");
  }

  @Test
  void gRpcDefaultsToItsCustomaryPortNotPrometheuss() {
    CliHarness r = CliHarness.run("target", "--help");
    assertThat(r.out).contains("Default: 50051").doesNotContain("9090");
  }
}
