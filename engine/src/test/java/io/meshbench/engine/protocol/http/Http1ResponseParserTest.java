package io.meshbench.engine.protocol.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Http1ResponseParserTest {

  private record Response(int status, long bytes, boolean closeAfter) {}

  /** A parser and what it reported. */
  private static final class Run implements Http1ResponseParser.Sink {
    final List<Response> responses = new ArrayList<>();
    final Http1ResponseParser parser;
    boolean ok = true;

    Run(boolean headRequests) {
      parser = new Http1ResponseParser(this, headRequests);
    }

    final List<String> bodies = new ArrayList<>(); // capturedBody() at each report

    @Override
    public void response(int status, long bytes, boolean closeAfter) {
      responses.add(new Response(status, bytes, closeAfter));
      bodies.add(parser.capturedBody());
    }

    Run feed(byte[] bytes) {
      ByteBuf buf = Unpooled.wrappedBuffer(bytes);
      boolean accepted = parser.feed(buf);
      if (accepted) {
        assertThat(buf.isReadable()).as("an accepting feed consumes everything").isFalse();
      }
      ok &= accepted;
      return this;
    }

    Run feed(String text) {
      return feed(bytes(text));
    }
  }

  private static final String SIMPLE = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
  private static final String CHUNKED =
      "HTTP/1.1 200 OK\r\n"
          + "Transfer-Encoding: chunked\r\n"
          + "\r\n"
          + "5;name=value;other=\"quoted\"\r\n"
          + "hello\r\n"
          + "1A\r\n"
          + "abcdefghijklmnopqrstuvwxyz\r\n"
          + "0;last\r\n"
          + "Expires: never\r\n"
          + "X-Checksum: 1234\r\n"
          + "\r\n";

  @Test
  void contentLengthBody() {
    Run run = new Run(false).feed(SIMPLE);
    assertThat(run.ok).isTrue();
    assertThat(run.responses).containsExactly(new Response(200, SIMPLE.length(), false));
    assertThat(run.parser.midResponse()).isFalse();
    assertThat(run.parser.endOfInput()).isTrue();
  }

  @Test
  void headerNamesAreCaseInsensitiveAndValuesTrimmed() {
    String text = "HTTP/1.1 404 Not Found\r\ncOnTeNt-LeNgTh: \t3 \t\r\nX-Other:x\r\n\r\nabc";
    Run run = new Run(false).feed(text);
    assertThat(run.ok).isTrue();
    assertThat(run.responses).containsExactly(new Response(404, text.length(), false));
  }

  @Test
  void statusLineWithoutReasonPhrase() {
    String text = "HTTP/1.1 503\r\nContent-Length: 0\r\n\r\n";
    assertThat(new Run(false).feed(text).responses)
        .containsExactly(new Response(503, text.length(), false));
  }

  @Test
  void chunkedBodyWithExtensionsAndTrailers() {
    Run run = new Run(false).feed(CHUNKED);
    assertThat(run.ok).isTrue();
    assertThat(run.responses).containsExactly(new Response(200, CHUNKED.length(), false));
    assertThat(run.parser.midResponse()).isFalse();
  }

  @Test
  void chunkedWinsOverContentLength() {
    String text =
        "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
            + "3\r\nabc\r\n0\r\n\r\n";
    Run run = new Run(false).feed(text);
    assertThat(run.responses).containsExactly(new Response(200, text.length(), false));
  }

  @Test
  void bareLineFeedsAreAccepted() {
    String text = "HTTP/1.1 200 OK\nContent-Length: 2\n\nhi";
    assertThat(new Run(false).feed(text).responses)
        .containsExactly(new Response(200, text.length(), false));
  }

  @ParameterizedTest
  @ValueSource(strings = {SIMPLE, CHUNKED})
  void splitAtEveryByteBoundary(String text) {
    byte[] all = bytes(text);
    List<Response> whole = new Run(false).feed(all).responses;
    assertThat(whole).hasSize(1);
    for (int cut = 0; cut <= all.length; cut++) {
      Run run = new Run(false).feed(slice(all, 0, cut));
      if (cut < all.length) {
        assertThat(run.responses).as("complete before byte %d", cut).isEmpty();
        assertThat(run.parser.midResponse()).as("mid-response at %d", cut).isEqualTo(cut > 0);
      }
      run.feed(slice(all, cut, all.length));
      assertThat(run.ok).isTrue();
      assertThat(run.responses).as("split at %d", cut).isEqualTo(whole);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {SIMPLE, CHUNKED})
  void oneByteAtATime(String text) {
    byte[] all = bytes(text);
    Run run = new Run(false);
    for (byte b : all) {
      run.feed(new byte[] {b});
    }
    assertThat(run.ok).isTrue();
    assertThat(run.responses).containsExactly(new Response(200, all.length, false));
  }

  @Test
  void pipelinedResponsesInRandomChunks() {
    String interim = "HTTP/1.1 100 Continue\r\n\r\n";
    String noContent = "HTTP/1.1 204 No Content\r\n\r\n";
    String error = "HTTP/1.1 500 Oops\r\nContent-Length: 3\r\n\r\nbad";
    String notModified = "HTTP/1.1 304 Not Modified\r\nContent-Length: 999\r\n\r\n";
    String stream = SIMPLE + CHUNKED + interim + noContent + error + notModified + SIMPLE;
    byte[] all = bytes(stream);
    List<Response> expected =
        List.of(
            new Response(200, SIMPLE.length(), false),
            new Response(200, CHUNKED.length(), false),
            // the interim response's bytes arrive with the final one
            new Response(204, interim.length() + noContent.length(), false),
            new Response(500, error.length(), false),
            new Response(304, notModified.length(), false),
            new Response(200, SIMPLE.length(), false));
    assertThat(new Run(false).feed(all).responses).isEqualTo(expected);

    SplittableRandom random = new SplittableRandom(3);
    for (int round = 0; round < 500; round++) {
      Run run = new Run(false);
      int at = 0;
      while (at < all.length) {
        int n = Math.min(all.length - at, 1 + random.nextInt(40));
        run.feed(slice(all, at, at + n));
        at += n;
      }
      assertThat(run.ok).isTrue();
      assertThat(run.responses).as("round %d", round).isEqualTo(expected);
    }
  }

  @Test
  void responsesStraddlingTheCopyChunkParseAlike() {
    // Lines are read from copies of CHUNK_BYTES: a read holding many responses has heads, lines
    // and bodies cut at every chunk edge.
    String nginxLike =
        "HTTP/1.1 200 OK\r\nServer: nginx\r\nDate: Wed, 02 Dec 2026 07:00:00 GMT\r\n"
            + "Content-Type: text/html\r\nContent-Length: 18\r\nConnection: keep-alive\r\n"
            + "ETag: \"6613-11\"\r\nAccept-Ranges: bytes\r\n\r\n<html>hello</html>";
    String one = nginxLike + CHUNKED;
    byte[] all = bytes(one.repeat(97));
    assertThat(all.length).isGreaterThan(10 * Http1ResponseParser.CHUNK_BYTES);

    Run whole = new Run(false).feed(all);
    assertThat(whole.ok).isTrue();
    assertThat(whole.responses).hasSize(2 * 97);
    assertThat(whole.responses.get(0)).isEqualTo(new Response(200, nginxLike.length(), false));

    SplittableRandom random = new SplittableRandom(11);
    for (int round = 0; round < 50; round++) {
      Run run = new Run(false);
      int at = 0;
      while (at < all.length) {
        int n = Math.min(all.length - at, 1 + random.nextInt(3 * Http1ResponseParser.CHUNK_BYTES));
        run.feed(slice(all, at, at + n));
        at += n;
      }
      assertThat(run.ok).isTrue();
      assertThat(run.responses).as("round %d", round).isEqualTo(whole.responses);
    }
  }

  @Test
  void interimResponsesAreSkipped() {
    String text =
        "HTTP/1.1 100 Continue\r\n\r\n"
            + "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
            + "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok";
    Run run = new Run(false).feed(text);
    assertThat(run.ok).isTrue();
    assertThat(run.responses).extracting(Response::status).containsExactly(201);
  }

  @Test
  void noBodyFor204And304AndHead() {
    // 204 and 304 never have a body; a following response must parse from the next byte.
    Run run =
        new Run(false)
            .feed("HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n")
            .feed("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n")
            .feed(SIMPLE);
    assertThat(run.ok).isTrue();
    assertThat(run.responses).extracting(Response::status).containsExactly(204, 304, 200);

    Run head =
        new Run(true)
            .feed("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
            .feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    assertThat(head.ok).isTrue();
    assertThat(head.responses).extracting(Response::status).containsExactly(200, 200);
    assertThat(head.parser.midResponse()).isFalse();
  }

  @Test
  void connectionCloseIsReported() {
    String close = "HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n";
    Run run = new Run(false).feed(close);
    assertThat(run.responses).containsExactly(new Response(200, close.length(), true));
    Run list =
        new Run(false)
            .feed("HTTP/1.1 200 OK\r\nConnection: upgrade, close\r\nContent-Length: 0\r\n\r\n");
    assertThat(list.responses).extracting(Response::closeAfter).containsExactly(true);
    Run keep =
        new Run(false)
            .feed("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n");
    assertThat(keep.responses).extracting(Response::closeAfter).containsExactly(false);
  }

  @Test
  void http10ClosesUnlessKeepAlive() {
    Run plain = new Run(false).feed("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nhi");
    assertThat(plain.responses).extracting(Response::closeAfter).containsExactly(true);
    Run keepAlive =
        new Run(false)
            .feed("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nhi");
    assertThat(keepAlive.responses).extracting(Response::closeAfter).containsExactly(false);
  }

  @Test
  void bodyUntilCloseCompletesAtEndOfInput() {
    String text = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nstreamed until the end";
    Run run = new Run(false).feed(text).feed("... more");
    assertThat(run.ok).isTrue();
    assertThat(run.responses).isEmpty();
    assertThat(run.parser.midResponse()).isTrue();
    assertThat(run.parser.endOfInput()).isTrue();
    assertThat(run.responses).containsExactly(new Response(200, text.length() + 8, true));
  }

  @Test
  void endOfInputInsideAResponseIsReported() {
    for (String partial :
        List.of(
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel",
            "HTTP/1.1 200 OK\r\nContent-Len",
            "HTTP/1.1 20",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")) {
      Run run = new Run(false).feed(partial);
      assertThat(run.ok).isTrue();
      assertThat(run.parser.endOfInput()).as(partial).isFalse();
      assertThat(run.responses).isEmpty();
    }
    assertThat(new Run(false).parser.endOfInput()).as("nothing read").isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "garbage\r\n",
        "HTTP/1.1 2x0 OK\r\n\r\n",
        "HTTP/1.1 20 OK\r\n\r\n",
        "HTTP/1.1 2000 OK\r\n\r\n",
        "HTTP/2 200 OK\r\n\r\n",
        "HTTP/1.1200 OK\r\n\r\n",
        "http/1.1 200 OK\r\n\r\n",
        "SSH-2.0-OpenSSH_9.6\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1 2\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n",
        "HTTP/1.1 200 OK\r\n: no name\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n;ext\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n",
      })
  void malformedInputIsRejected(String text) {
    Run whole = new Run(false).feed(text);
    assertThat(whole.ok).as("whole").isFalse();
    assertThat(whole.parser.error()).isNotBlank();
    assertThat(whole.responses).isEmpty();
    // The same verdict however the bytes arrive.
    byte[] all = bytes(text);
    Run bytewise = new Run(false);
    for (byte b : all) {
      bytewise.feed(new byte[] {b});
      if (!bytewise.ok) {
        break;
      }
    }
    assertThat(bytewise.ok).as("byte by byte").isFalse();
  }

  @Test
  void repeatedEqualContentLengthsAreAccepted() {
    String text = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nhi";
    Run run = new Run(false).feed(text);
    assertThat(run.ok).isTrue();
    assertThat(run.responses).containsExactly(new Response(200, text.length(), false));
  }

  @Test
  void oversizeLineIsRejected() {
    String longValue = "x".repeat(16 * 1024);
    Run header = new Run(false).feed("HTTP/1.1 200 OK\r\nX-Big: " + longValue + "\r\n\r\n");
    assertThat(header.ok).isFalse();
    assertThat(header.parser.error()).contains("longer");

    // Without any line feed at all: the limit must hold across feeds too.
    Run endless = new Run(false).feed("HTTP/1.1 200 OK\r\nX-Big: ");
    for (int i = 0; i < 20 && endless.ok; i++) {
      endless.feed("y".repeat(1024));
    }
    assertThat(endless.ok).isFalse();

    // Just under the limit is fine.
    String fits = "X-Big: " + "z".repeat(16 * 1024 - 8 - 2);
    Run ok = new Run(false).feed("HTTP/1.1 200 OK\r\n" + fits + "\r\nContent-Length: 0\r\n\r\n");
    assertThat(ok.ok).isTrue();
    assertThat(ok.responses).hasSize(1);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] slice(byte[] all, int from, int to) {
    return Arrays.copyOfRange(all, from, to);
  }

  @Test
  void errorBodiesAreKeptOnlyWhenAskedAndOnlyForErrors() {
    String ok = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
    String bad = "HTTP/1.1 400 Bad Request\r\nContent-Length: 21\r\n\r\n{\"error\":\"bad input\"}";
    String chunked =
        "HTTP/1.1 503 Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4\r\nbusy\r\n5\r\n, try\r\n0\r\n\r\n";
    Run off = new Run(false).feed(bad);
    assertThat(off.bodies).containsExactly((String) null);

    Run on = new Run(false);
    on.parser.captureErrorBodies(8);
    byte[] all = bytes(ok + bad + chunked);
    for (byte b : all) { // byte by byte: capture must survive any split
      on.feed(new byte[] {b});
    }
    assertThat(on.ok).isTrue();
    assertThat(on.bodies).containsExactly(null, "{\"error\"", "busy, tr");
    assertThat(on.responses)
        .extracting(Response::bytes)
        .as("capture changes no counts")
        .containsExactly((long) ok.length(), (long) bad.length(), (long) chunked.length());

    on.parser.captureErrorBodies(0);
    on.feed(bad);
    assertThat(on.bodies).hasSize(4).last().isNull();
  }

  @Test
  void anErrorBodyUntilCloseIsKept() {
    Run run = new Run(false);
    run.parser.captureErrorBodies(64);
    run.feed("HTTP/1.1 500 Oops\r\n\r\nserver fell over");
    assertThat(run.parser.endOfInput()).isTrue();
    assertThat(run.bodies).containsExactly("server fell over");
  }
}
