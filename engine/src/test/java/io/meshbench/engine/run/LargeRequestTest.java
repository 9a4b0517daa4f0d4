package io.meshbench.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A request larger than the socket takes at once, to a reader slower than the writer: the part a
 * direct write leaves must follow it through the pipeline, in order, with nothing lost or doubled.
 */
class LargeRequestTest {
  private static final int BODY_BYTES = 8 * 1024 * 1024;

  @Test
  void aBodyTheSocketCannotTakeAtOnceArrivesWholeAndInOrder() throws Exception {
    List<String> problems = new CopyOnWriteArrayList<>();
    List<Long> bodies = new CopyOnWriteArrayList<>();
    RawServer.Handler slowReader =
        (socket, in, out) -> {
          String head;
          while ((head = readHead(in)) != null) {
            if (!head.startsWith("POST ")) {
              problems.add(
                  "a request does not start where the last one ended: "
                      + head.substring(0, Math.min(60, head.length())));
              return;
            }
            long length = contentLength(head);
            long read = 0;
            byte[] buffer = new byte[64 * 1024];
            while (read < length) {
              int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - read));
              if (n < 0) {
                problems.add("closed after " + read + " of " + length + " body bytes");
                return;
              }
              read += n;
              Thread.sleep(1); // slower than the client writes: its socket buffer fills up
            }
            bodies.add(read);
            out.write(RawServer.OK_EMPTY);
            out.flush();
          }
        };
    try (RawServer server = new RawServer(slowReader)) {
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, server.url())
              .rateRps(4)
              .connections(1)
              .payloadBytes(BODY_BYTES)
              .warmupMs(0)
              .durationMs(1000)
              .timeoutMs(20_000)
              .build();
      RunResult result = new LoadRun(spec).run(RunListener.NONE);

      assertThat(problems).isEmpty();
      assertThat(result.errors()).isZero();
      assertThat(result.successes()).isEqualTo(result.scheduled()).isPositive();
      assertThat(bodies).hasSize((int) result.successes()).allMatch(n -> n == BODY_BYTES);
    }
  }

  /** The request head up to its blank line, or null at the end of the stream. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      boolean expected = (matched % 2 == 0) ? b == '\r' : b == '\n';
      matched = expected ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private static long contentLength(String head) {
    List<String> lines = new ArrayList<>(head.lines().toList());
    for (String line : lines) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Long.parseLong(line.substring("content-length:".length()).trim());
      }
    }
    return 0;
  }
}
