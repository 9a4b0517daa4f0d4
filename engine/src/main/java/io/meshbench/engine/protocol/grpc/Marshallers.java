package io.meshbench.engine.protocol.grpc;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor.Marshaller;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Marshallers for load: requests are serialised once per run and sent as their bytes; responses are
 * counted, not decoded (as a load generator reads an HTTP body without parsing it), so a response
 * costs no protobuf parsing and no garbage beyond what gRPC itself makes.
 */
final class Marshallers {
  private Marshallers() {}

  /** Sends pre-serialised messages as they are. */
  static final Marshaller<byte[]> BYTES =
      new Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new BytesStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  /** Reads a message and yields its size in bytes. */
  static final Marshaller<Integer> SIZE =
      new Marshaller<>() {
        @Override
        public InputStream stream(Integer value) {
          throw new UnsupportedOperationException("responses are never sent");
        }

        @Override
        public Integer parse(InputStream stream) {
          try {
            if (stream instanceof KnownLength) {
              int n = stream.available();
              stream.skipNBytes(n);
              return n;
            }
            long n = 0;
            byte[] scratch = new byte[4096];
            for (int r; (r = stream.read(scratch)) > 0; ) {
              n += r;
            }
            return (int) n;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  /** A byte array that gRPC can size up front and copy straight into its frame. */
  private static final class BytesStream extends ByteArrayInputStream
      implements KnownLength, Drainable {
    BytesStream(byte[] bytes) {
      super(bytes);
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      int n = count - pos;
      target.write(buf, pos, n);
      pos = count;
      return n;
    }
  }
}
