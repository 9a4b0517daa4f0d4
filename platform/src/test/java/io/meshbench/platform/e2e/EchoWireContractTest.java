package io.meshbench.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.engine.protocol.grpc.EchoCalls;
import io.meshbench.target.grpc.echo.v1.EchoGrpc;
import io.meshbench.target.grpc.echo.v1.EchoRequest;
import io.meshbench.target.grpc.echo.v1.StreamRequest;
import org.junit.jupiter.api.Test;

/**
 * The engine writes the echo service's requests by field number ({@link EchoCalls}) so that it need
 * not depend on the target's generated classes; here, where both modules are visible, the target's
 * own parser reads what the engine writes.
 */
class EchoWireContractTest {

  @Test
  void methodNamesAreTheServices() {
    assertThat(EchoCalls.SERVICE).isEqualTo(EchoGrpc.SERVICE_NAME);
    assertThat(EchoCalls.UNARY).isEqualTo(EchoGrpc.getUnaryMethod().getFullMethodName());
    assertThat(EchoCalls.SERVER_STREAM)
        .isEqualTo(EchoGrpc.getServerStreamMethod().getFullMethodName());
    assertThat(EchoCalls.BIDI).isEqualTo(EchoGrpc.getBidiMethod().getFullMethodName());
  }

  @Test
  void anEchoRequestCarriesThePayloadAndNothingElse() throws Exception {
    EchoRequest r = EchoRequest.parseFrom(EchoCalls.echoRequest(1000));
    assertThat(r.getPayload().size()).isEqualTo(1000);
    assertThat(r.getPayload().toByteArray()).containsOnly(0);
    assertThat(r.toBuilder().clearPayload().build()).isEqualTo(EchoRequest.getDefaultInstance());
    assertThat(r.getUnknownFields().asMap()).isEmpty();
    assertThat(EchoRequest.parseFrom(EchoCalls.echoRequest(0)))
        .isEqualTo(EchoRequest.getDefaultInstance());
  }

  @Test
  void aStreamRequestCarriesTheCountAndThePayload() throws Exception {
    StreamRequest r = StreamRequest.parseFrom(EchoCalls.streamRequest(7, 300));
    assertThat(r.getCount()).isEqualTo(7);
    assertThat(r.getPayload().size()).isEqualTo(300);
    assertThat(r.getIntervalUs()).isZero();
    assertThat(r.getResponseSize()).isZero();
    assertThat(r.getUnknownFields().asMap()).isEmpty();
    assertThat(StreamRequest.parseFrom(EchoCalls.streamRequest(1_000_000, 0)).getCount())
        .isEqualTo(1_000_000);
  }
}
