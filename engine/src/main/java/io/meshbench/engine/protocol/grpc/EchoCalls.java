package io.meshbench.engine.protocol.grpc;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The built-in target's echo service ({@code meshbench.echo.v1.Echo}) as the engine calls it: the
 * method names and the two request messages, encoded by field number.
 *
 * <p>Why not the generated stubs: the target (module {@code target-server}) owns {@code
 * echo.proto}, and the engine and the target must not depend on each other. Protobuf's wire format
 * is the contract between them, so the engine writes the few fields it sends itself; the platform's
 * {@code EchoWireContractTest}, which sees both modules, parses these bytes with the target's
 * generated classes. No reflection round trip before a run, so the default gRPC run starts as fast
 * as the others. Stateless; safe on any thread.
 */
public final class EchoCalls {
  public static final String SERVICE = "meshbench.echo.v1.Echo";
  public static final String UNARY = SERVICE + "/Unary";
  public static final String SERVER_STREAM = SERVICE + "/ServerStream";
  public static final String BIDI = SERVICE + "/Bidi";

  // Field numbers of echo.proto (meshbench.echo.v1).
  private static final int ECHO_REQUEST_PAYLOAD = 2;
  private static final int STREAM_REQUEST_COUNT = 1;
  private static final int STREAM_REQUEST_PAYLOAD = 4;

  private EchoCalls() {}

  /** An {@code EchoRequest} whose payload is {@code payloadBytes} zero bytes. */
  public static byte[] echoRequest(int payloadBytes) {
    int size = payloadBytes == 0 ? 0 : bytesFieldSize(ECHO_REQUEST_PAYLOAD, payloadBytes);
    byte[] out = new byte[size];
    CodedOutputStream coded = CodedOutputStream.newInstance(out);
    try {
      if (payloadBytes > 0) {
        coded.writeByteArray(ECHO_REQUEST_PAYLOAD, zeros(payloadBytes));
      }
      coded.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** A {@code StreamRequest} for {@code count} responses, with {@code payloadBytes} zero bytes. */
  public static byte[] streamRequest(int count, int payloadBytes) {
    int size =
        (count == 0 ? 0 : CodedOutputStream.computeInt32Size(STREAM_REQUEST_COUNT, count))
            + (payloadBytes == 0 ? 0 : bytesFieldSize(STREAM_REQUEST_PAYLOAD, payloadBytes));
    byte[] out = new byte[size];
    CodedOutputStream coded = CodedOutputStream.newInstance(out);
    try {
      if (count != 0) {
        coded.writeInt32(STREAM_REQUEST_COUNT, count);
      }
      if (payloadBytes > 0) {
        coded.writeByteArray(STREAM_REQUEST_PAYLOAD, zeros(payloadBytes));
      }
      coded.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static int bytesFieldSize(int field, int length) {
    return CodedOutputStream.computeTagSize(field)
        + CodedOutputStream.computeUInt32SizeNoTag(length)
        + length;
  }

  private static byte[] zeros(int length) {
    return new byte[length];
  }
}
