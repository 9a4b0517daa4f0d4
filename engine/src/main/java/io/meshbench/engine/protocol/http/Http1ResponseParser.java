package io.meshbench.engine.protocol.http;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;

/**
 * An allocation-free HTTP/1.x response parser that reads only what the engine needs: the status,
 * the framing (Content-Length, chunked, or until close) and whether the connection stays open.
 * Bodies are skipped without copying, except that a connection may ask to keep the first bytes of
 * error bodies ({@link #captureErrorBodies}); responses below 400 are never copied.
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
  // Starts small (thousands of connections each have one) and grows to MAX_LINE_BYTES at most.
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
          if (!readLine(in)) {
            return error == null;
          }
          if (!onLine()) {
            return false;
          }
          lineLength = 0;
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

  /** Appends bytes up to the next LF to the line; true once the line is complete. */
  private boolean readLine(ByteBuf in) {
    int start = in.readerIndex();
    int lf = in.forEachByte(start, in.readableBytes(), ByteProcessor.FIND_LF);
    int end = lf < 0 ? in.writerIndex() : lf;
    int n = end - start;
    if (lineLength + n > MAX_LINE_BYTES) {
      error = "response line or header longer than " + MAX_LINE_BYTES + " bytes";
      return false;
    }
    if (lineLength + n > line.length) {
      line =
          java.util.Arrays.copyOf(
              line, Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, lineLength + n)));
    }
    in.getBytes(start, line, lineLength, n);
    lineLength += n;
    responseBytes += n;
    if (lf < 0) {
      in.readerIndex(end);
      return false;
    }
    in.readerIndex(lf + 1);
    responseBytes++;
    if (lineLength > 0 && line[lineLength - 1] == '\r') {
      lineLength--;
    }
    return true;
  }

  private boolean onLine() {
    return switch (state) {
      case STATUS -> onStatusLine();
      case HEADERS -> lineLength == 0 ? onHeadersEnd() : onHeader();
      case CHUNK_SIZE -> onChunkSize();
      case CHUNK_END -> {
        if (lineLength != 0) {
          yield fail("missing CRLF after chunk data");
        }
        state = State.CHUNK_SIZE;
        yield true;
      }
      case TRAILERS -> {
        if (lineLength == 0) {
          complete();
        }
        yield true;
      }
      default -> fail("unexpected parser state " + state);
    };
  }

  private boolean onStatusLine() {
    if (lineLength == 0) {
      responseBytes = 0; // tolerate stray CRLF between responses
      return true;
    }
    if (lineLength < 12
        || line[0] != 'H'
        || line[1] != 'T'
        || line[2] != 'T'
        || line[3] != 'P'
        || line[4] != '/'
        || line[5] != '1'
        || line[6] != '.'
        || line[8] != ' ') {
      return fail("not an HTTP/1.x status line");
    }
    int code = 0;
    for (int i = 9; i < 12; i++) {
      int d = line[i] - '0';
      if (d < 0 || d > 9) {
        return fail("status code is not three digits");
      }
      code = code * 10 + d;
    }
    if (lineLength > 12 && line[12] != ' ') {
      return fail("status code is not three digits");
    }
    status = code;
    capturing = false;
    http10 = line[7] == '0';
    contentLength = -1;
    chunked = false;
    closeAfter = false;
    keepAlive = false;
    state = State.HEADERS;
    return true;
  }

  private boolean onHeader() {
    int colon = -1;
    for (int i = 0; i < lineLength; i++) {
      if (line[i] == ':') {
        colon = i;
        break;
      }
    }
    if (colon <= 0) {
      return fail("header line without a name");
    }
    int valueStart = colon + 1;
    while (valueStart < lineLength && (line[valueStart] == ' ' || line[valueStart] == '\t')) {
      valueStart++;
    }
    int valueEnd = lineLength;
    while (valueEnd > valueStart && (line[valueEnd - 1] == ' ' || line[valueEnd - 1] == '\t')) {
      valueEnd--;
    }
    if (nameIs(CONTENT_LENGTH, colon)) {
      long n = 0;
      if (valueEnd == valueStart) {
        return fail("empty Content-Length");
      }
      for (int i = valueStart; i < valueEnd; i++) {
        int d = line[i] - '0';
        if (d < 0 || d > 9 || n > Long.MAX_VALUE / 10 - 10) {
          return fail("invalid Content-Length");
        }
        n = n * 10 + d;
      }
      if (contentLength >= 0 && contentLength != n) {
        return fail("conflicting Content-Length headers");
      }
      contentLength = n;
    } else if (nameIs(TRANSFER_ENCODING, colon)) {
      chunked |= contains(valueStart, valueEnd, CHUNKED);
    } else if (nameIs(CONNECTION, colon)) {
      closeAfter |= contains(valueStart, valueEnd, CLOSE);
      keepAlive |= contains(valueStart, valueEnd, KEEP_ALIVE);
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

  private boolean onChunkSize() {
    long size = 0;
    int digits = 0;
    for (int i = 0; i < lineLength; i++) {
      byte b = line[i];
      int d;
      if (b >= '0' && b <= '9') {
        d = b - '0';
      } else if (b >= 'a' && b <= 'f') {
        d = b - 'a' + 10;
      } else if (b >= 'A' && b <= 'F') {
        d = b - 'A' + 10;
      } else if (b == ';' || b == ' ' || b == '\t') {
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

  private boolean nameIs(byte[] lowerName, int nameLength) {
    if (nameLength != lowerName.length) {
      return false;
    }
    for (int i = 0; i < nameLength; i++) {
      if ((line[i] | 0x20) != lowerName[i]) {
        return false;
      }
    }
    return true;
  }

  private boolean contains(int from, int to, byte[] lowerWord) {
    outer:
    for (int i = from; i <= to - lowerWord.length; i++) {
      for (int j = 0; j < lowerWord.length; j++) {
        if ((line[i + j] | 0x20) != lowerWord[j]) {
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
