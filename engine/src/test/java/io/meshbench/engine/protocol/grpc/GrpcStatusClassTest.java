package io.meshbench.engine.protocol.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.meshbench.engine.stats.ErrorKind;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** gRPC statuses fall in the error kinds HTTP runs use, by gRPC's own HTTP mapping. */
class GrpcStatusClassTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "NOT_FOUND, status_4xx",
    "INVALID_ARGUMENT, status_4xx",
    "PERMISSION_DENIED, status_4xx",
    "UNAUTHENTICATED, status_4xx",
    "RESOURCE_EXHAUSTED, status_4xx",
    "CANCELLED, status_4xx",
    "UNAVAILABLE, status_5xx",
    "INTERNAL, status_5xx",
    "UNKNOWN, status_5xx",
    "UNIMPLEMENTED, status_5xx",
    "DATA_LOSS, status_5xx",
    "DEADLINE_EXCEEDED, timeout"
  })
  void aStatusFromTheServerFallsInItsHttpClass(Status.Code code, String kind) {
    assertThat(GrpcConnection.classify(code.toStatus()).wireName()).isEqualTo(kind);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"UNAVAILABLE", "CANCELLED", "UNKNOWN", "INTERNAL"})
  void aStatusMadeFromABrokenTransportIsAReset(Status.Code code) {
    Status local = code.toStatus().withCause(new IOException("connection reset by peer"));
    assertThat(GrpcConnection.classify(local)).isEqualTo(ErrorKind.RESET);
  }

  @Test
  void aStreamThePeerResetIsAReset() {
    Status reset =
        Status.CANCELLED.withDescription("RST_STREAM closed stream. HTTP/2 error code: CANCEL");
    assertThat(GrpcConnection.classify(reset)).isEqualTo(ErrorKind.RESET);
    Status refused =
        Status.UNAVAILABLE.withDescription(
            "RST_STREAM closed stream. HTTP/2 error code: REFUSED_STREAM");
    assertThat(GrpcConnection.classify(refused)).isEqualTo(ErrorKind.RESET);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "UNIMPLEMENTED, 404, status_4xx",
    "UNAVAILABLE, 429, status_4xx",
    "INTERNAL, 400, status_4xx",
    "UNAVAILABLE, 503, status_5xx",
    "UNKNOWN, 200, protocol"
  })
  void aProxysOwnHttpReplyIsClassedByItsHttpStatus(Status.Code code, int http, String kind) {
    // What grpc-java makes of a reply that is not gRPC: a status named after the HTTP one.
    Status fromProxy =
        code.toStatus().withDescription("HTTP status code " + http + "\ninvalid content-type");
    assertThat(GrpcConnection.classify(fromProxy).wireName()).isEqualTo(kind);
  }

  @Test
  void okIsNoError() {
    assertThat(GrpcConnection.classify(Status.OK)).isNull();
  }
}
