package io.meshbench.engine.protocol.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** Parsing one typical response (nginx-like headers, small body). Must allocate 0 B/op. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParserBenchmark {
  private static final byte[] RESPONSE =
      ("HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Mon, 30 Nov 2026 06:15:00 GMT\r\n"
              + "Content-Type: text/plain\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\nok\n")
          .getBytes(StandardCharsets.ISO_8859_1);

  private final ByteBuf buffer = Unpooled.directBuffer(RESPONSE.length).writeBytes(RESPONSE);
  private Blackhole sink;
  private final Http1ResponseParser parser =
      new Http1ResponseParser((status, bytes, close) -> sink.consume(status), false);

  @Benchmark
  public boolean parseResponse(Blackhole bh) {
    sink = bh;
    buffer.readerIndex(0);
    return parser.feed(buffer);
  }
}
