package io.meshbench.engine.protocol.http;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;

/**
 * An allocation-free HTTP/1.x response parser that reads only what the engine needs: the status,
 * the framing (Content-Length, chunked, or until close) and whether the connection stays open.
 * Bodies are skipped without copying, except that a connection may ask to keep the first bytes of
 * error bodies ({@link #captureErrorBodies}); responses below 400 are never copied.
 *
 * <p>Status and header lines are read from a copy: one bulk copy of up to {@link #CHUNK_BYTES} into
 * the event loop's scratch array, then plain loops over it (a search and a copy per line through
 * the ByteBuf API cost more than the rest of a response's handling). A line split across reads is
 * kept in the connection's own buffer until its end arrives.
 *
 * <p>Not thread-safe: one instance per connection, used on its event loop.
 */
final class Http1ResponseParser {

  /** Receives each complete response. */
  interface Sink {
    /**
     * @param closeAfter the response announced that the server closes the connection after it
     */
    void response(int status, long bytes, boolean closeAfter);
  }

  private static final int MAX_LINE_BYTES = 16 * 1024;

  /** Bytes copied at a time while lines are read: a typical response head fits in one. */
  static final int CHUNK_BYTES = 2048;

  /** One per event loop thread: a copy lives only within one {@link #feed} call. */
  private static final FastThreadLocal<byte[]> SCRATCH =
      new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
          return new byte[CHUNK_BYTES];
        }
      };

  private static final byte[] CONTENT_LENGTH = "content-length".getBytes();
  private static final byte[] TRANSFER_ENCODING = "transfer-encoding".getBytes();
  private static final byte[] CONNECTION = "connection".getBytes();
  private static final byte[] CHUNKED = "chunked".getBytes();
  private static final byte[] CLOSE = "close".getBytes();
  private static final byte[] KEEP_ALIVE = "keep-alive".getBytes();

  private enum State {
    STATUS,
    HEADERS,
    FIXED_BODY,
    CHUNK_SIZE,
    CHUNK_DATA,
    CHUNK_END,
    TRAILERS,
    UNTIL_CLOSE
  }

  private final Sink sink;
  private final boolean headRequests;
  // The start of a line whose end has not arrived yet. Starts small (thousands of connections each
  // have one) and grows to MAX_LINE_BYTES at most.
  private byte[] line = new byte[256];
  private int lineLength;
  private State state = State.STATUS;
  private int status;
  private long contentLength;
  private boolean chunked;
  private boolean closeAfter;
  private boolean keepAlive;
  private boolean http10;
  private long remaining;
  private long responseBytes;
  private String error;
  // Error-body capture, off unless asked for: the body of a response with status >= 400 is kept up
  // to captureMaxBytes, in a buffer allocated on the first such response.
  private int captureMaxBytes;
  private byte[] captured;
  private int capturedLength;
  private boolean capturing;

  Http1ResponseParser(Sink sink, boolean headRequests) {
    this.sink = sink;
    this.headRequests = headRequests;
  }

  /** Why the last {@link #feed} returned false. */
  String error() {
    return error;
  }

  /**
   * Keeps up to {@code maxBytes} of the body of each later response whose status is 400 or more,
   * for {@link #capturedBody}; 0 turns this off again. Other responses are skipped as always.
   */
  void captureErrorBodies(int maxBytes) {
    captureMaxBytes = maxBytes;
    if (maxBytes == 0) {
      captured = null;
      capturing = false;
    } else if (captured != null && captured.length < maxBytes) {
      captured = null;
    }
  }

  /**
   * The kept start of the body of the response being reported, while {@link Sink#response} runs;
   * null when it was not captured (status below 400, or capture off).
   */
  String capturedBody() {
    return capturing ? new String(captured, 0, capturedLength, StandardCharsets.UTF_8) : null;
  }

  /** True when part of a response has been read and its end is still missing. */
  boolean midResponse() {
    return state != State.STATUS || lineLength > 0;
  }

  /**
   * Consumes all readable bytes of {@code in}, reporting every response that completes.
   *
   * @return false if the bytes are not a valid HTTP/1.x response stream (see {@link #error()})
   */
  boolean feed(ByteBuf in) {
    while (in.isReadable()) {
      switch (state) {
        case FIXED_BODY, CHUNK_DATA -> {
          int n = (int) Math.min(remaining, in.readableBytes());
          if (capturing) {
            keep(in, n);
          }
          in.skipBytes(n);
          responseBytes += n;
          remaining -= n;
          if (remaining == 0) {
            if (state == State.FIXED_BODY) {
              complete();
            } else {
              state = State.CHUNK_END;
            }
          }
        }
        case UNTIL_CLOSE -> {
          if (capturing) {
            keep(in, in.readableBytes());
          }
          responseBytes += in.readableBytes();
          in.skipBytes(in.readableBytes());
        }
        default -> {
          int n = Math.min(in.readableBytes(), CHUNK_BYTES);
          byte[] copy = SCRATCH.get();
          in.getBytes(in.readerIndex(), copy, 0, n);
          int used = readLines(copy, n);
          if (used < 0) {
            return false;
          }
          in.skipBytes(used);
        }
      }
    }
    return true;
  }

  /**
   * The connection ended. A response delimited by the close completes now.
   *
   * @return true if no response was left half-read
   */
  boolean endOfInput() {
    if (state == State.UNTIL_CLOSE) {
      complete();
      return true;
    }
    return !midResponse();
  }

  /** Copies up to {@code n} bytes from the reader index, within the capture limit. */
  private void keep(ByteBuf in, int n) {
    int k = Math.min(n, captureMaxBytes - capturedLength);
    if (k > 0) {
      in.getBytes(in.readerIndex(), captured, capturedLength, k);
      capturedLength += k;
    }
  }

  /**
   * Reads whole lines from {@code copy[0, n)} while the parser expects lines, keeping the start of
   * an unfinished one.
   *
   * @return bytes used (up to where a body starts), or -1 if the input is invalid
   */
  private int readLines(byte[] copy, int n) {
    int pos = 0;
    while (pos < n && expectsLine()) {
      int lf = pos;
      while (lf < n && copy[lf] != '\n') {
        lf++;
      }
      int length = lf - pos;
      if (lineLength + length > MAX_LINE_BYTES) {
        fail("response line or header longer than " + MAX_LINE_BYTES + " bytes");
        return -1;
      }
      if (lf == n) { // the line goes on in a later read
        keepLineStart(copy, pos, length);
        responseBytes += length;
        return n;
      }
      responseBytes += length + 1;
      boolean valid;
      if (lineLength == 0) {
        valid = onLine(copy, pos, withoutCr(copy, pos, lf));
      } else {
        keepLineStart(copy, pos, length);
        int end = lineLength;
        lineLength = 0;
        valid = onLine(line, 0, withoutCr(line, 0, end));
      }
      if (!valid) {
        return -1;
      }
      pos = lf + 1;
    }
    return pos;
  }

  private boolean expectsLine() {
    return state != State.FIXED_BODY && state != State.CHUNK_DATA && state != State.UNTIL_CLOSE;
  }

  private void keepLineStart(byte[] copy, int from, int length) {
    if (lineLength + length > line.length) {
      line =
          java.util.Arrays.copyOf(
              line, Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, lineLength + length)));
    }
    System.arraycopy(copy, from, line, lineLength, length);
    lineLength += length;
  }

  /** The end of the line {@code b[from, lf)} without its CR, if it has one. */
  private static int withoutCr(byte[] b, int from, int lf) {
    return lf > from && b[lf - 1] == '\r' ? lf - 1 : lf;
  }

  /** Handles the complete line {@code b[from, to)}, CR and LF removed. */
  private boolean onLine(byte[] b, int from, int to) {
    return switch (state) {
      case STATUS -> onStatusLine(b, from, to);
      case HEADERS -> to == from ? onHeadersEnd() : onHeader(b, from, to);
      case CHUNK_SIZE -> onChunkSize(b, from, to);
      case CHUNK_END -> {
        if (to != from) {
          yield fail("missing CRLF after chunk data");
        }
        state = State.CHUNK_SIZE;
        yield true;
      }
      case TRAILERS -> {
        if (to == from) {
          complete();
        }
        yield true;
      }
      default -> fail("unexpected parser state " + state);
    };
  }

  private boolean onStatusLine(byte[] b, int from, int to) {
    int length = to - from;
    if (length == 0) {
      responseBytes = 0; // tolerate stray CRLF between responses
      return true;
    }
    if (length < 12
        || b[from] != 'H'
        || b[from + 1] != 'T'
        || b[from + 2] != 'T'
        || b[from + 3] != 'P'
        || b[from + 4] != '/'
        || b[from + 5] != '1'
        || b[from + 6] != '.'
        || b[from + 8] != ' ') {
      return fail("not an HTTP/1.x status line");
    }
    int code = 0;
    for (int i = from + 9; i < from + 12; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return fail("status code is not three digits");
      }
      code = code * 10 + d;
    }
    if (length > 12 && b[from + 12] != ' ') {
      return fail("status code is not three digits");
    }
    status = code;
    capturing = false;
    http10 = b[from + 7] == '0';
    contentLength = -1;
    chunked = false;
    closeAfter = false;
    keepAlive = false;
    state = State.HEADERS;
    return true;
  }

  private boolean onHeader(byte[] b, int from, int to) {
    int colon = -1;
    for (int i = from; i < to; i++) {
      if (b[i] == ':') {
        colon = i;
        break;
      }
    }
    if (colon <= from) {
      return fail("header line without a name");
    }
    int valueStart = colon + 1;
    while (valueStart < to && (b[valueStart] == ' ' || b[valueStart] == '\t')) {
      valueStart++;
    }
    int valueEnd = to;
    while (valueEnd > valueStart && (b[valueEnd - 1] == ' ' || b[valueEnd - 1] == '\t')) {
      valueEnd--;
    }
    int nameLength = colon - from;
    if (nameIs(b, from, nameLength, CONTENT_LENGTH)) {
      long n = 0;
      if (valueEnd == valueStart) {
        return fail("empty Content-Length");
      }
      for (int i = valueStart; i < valueEnd; i++) {
        int d = b[i] - '0';
        if (d < 0 || d > 9 || n > Long.MAX_VALUE / 10 - 10) {
          return fail("invalid Content-Length");
        }
        n = n * 10 + d;
      }
      if (contentLength >= 0 && contentLength != n) {
        return fail("conflicting Content-Length headers");
      }
      contentLength = n;
    } else if (nameIs(b, from, nameLength, TRANSFER_ENCODING)) {
      chunked |= contains(b, valueStart, valueEnd, CHUNKED);
    } else if (nameIs(b, from, nameLength, CONNECTION)) {
      closeAfter |= contains(b, valueStart, valueEnd, CLOSE);
      keepAlive |= contains(b, valueStart, valueEnd, KEEP_ALIVE);
    }
    return true;
  }

  private boolean onHeadersEnd() {
    if (status >= 100 && status < 200 && status != 101) {
      state = State.STATUS; // an interim response: the real one follows
      return true;
    }
    capturing = captureMaxBytes > 0 && status >= 400;
    if (capturing) {
      capturedLength = 0;
      if (captured == null) {
        captured = new byte[captureMaxBytes];
      }
    }
    if (headRequests || status == 204 || status == 304) {
      complete();
    } else if (chunked) {
      state = State.CHUNK_SIZE;
    } else if (contentLength >= 0) {
      remaining = contentLength;
      if (remaining == 0) {
        complete();
      } else {
        state = State.FIXED_BODY;
      }
    } else {
      state = State.UNTIL_CLOSE;
    }
    return true;
  }

  private boolean onChunkSize(byte[] b, int from, int to) {
    long size = 0;
    int digits = 0;
    for (int i = from; i < to; i++) {
      byte c = b[i];
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else if (c == ';' || c == ' ' || c == '\t') {
        break; // chunk extensions are ignored
      } else {
        return fail("invalid chunk size");
      }
      if (++digits > 15) {
        return fail("chunk size too large");
      }
      size = (size << 4) | d;
    }
    if (digits == 0) {
      return fail("missing chunk size");
    }
    if (size == 0) {
      state = State.TRAILERS;
    } else {
      remaining = size;
      state = State.CHUNK_DATA;
    }
    return true;
  }

  private void complete() {
    long bytes = responseBytes;
    boolean close = closeAfter || (http10 && !keepAlive) || state == State.UNTIL_CLOSE;
    state = State.STATUS;
    responseBytes = 0;
    lineLength = 0;
    sink.response(status, bytes, close);
  }

  private static boolean nameIs(byte[] b, int from, int length, byte[] lowerName) {
    if (length != lowerName.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if ((b[from + i] | 0x20) != lowerName[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(byte[] b, int from, int to, byte[] lowerWord) {
    outer:
    for (int i = from; i <= to - lowerWord.length; i++) {
      for (int j = 0; j < lowerWord.length; j++) {
        if ((b[i + j] | 0x20) != lowerWord[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private boolean fail(String why) {
    error = why;
    return false;
  }
}
