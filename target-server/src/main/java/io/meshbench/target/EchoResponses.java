package io.meshbench.target;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Builds the target's responses. The common ones share headers and bodies built once: the bodies
 * are unreleasable direct buffers (writes hand the socket a view, never a copy of our own), and the
 * shared header objects are only ever read, by the HTTP encoder, so any event loop may use them.
 */
final class EchoResponses {
  /** What the response says about the connection. */
  enum ConnectionHeader {
    /** HTTP/1.1 keep-alive: no header needed. */
    NONE,
    /** An HTTP/1.0 client asked for keep-alive and must be told it got it. */
    KEEP_ALIVE,
    CLOSE
  }

  private static final int FILLER_CHUNK_BYTES = 64 * 1024;
  private static final ByteBuf FILLER = unreleasable(fillerBytes());
  private static final ByteBuf HEALTH_BODY =
      unreleasable("{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII));
  private static final HttpHeaders OK_EMPTY_HEADERS = headers(null, 0, ConnectionHeader.NONE);
  private static final HttpHeaders HEALTH_HEADERS =
      headers(
          HttpHeaderValues.APPLICATION_JSON, HEALTH_BODY.readableBytes(), ConnectionHeader.NONE);

  private EchoResponses() {}

  /** A response of {@code sizeBytes} ASCII filler bytes; 204 and 304 never carry a body. */
  static FullHttpResponse echo(
      HttpResponseStatus status, int sizeBytes, ConnectionHeader connection) {
    if (status == HttpResponseStatus.OK && sizeBytes == 0 && connection == ConnectionHeader.NONE) {
      return response(status, Unpooled.EMPTY_BUFFER, OK_EMPTY_HEADERS); // the hot path
    }
    int code = status.code();
    int bytes = code == 204 || code == 304 ? 0 : sizeBytes;
    CharSequence type = bytes == 0 ? null : HttpHeaderValues.APPLICATION_OCTET_STREAM;
    return response(status, filler(bytes), headers(type, bytes, connection));
  }

  /**
   * A response carrying {@code body} (released with the response), typed {@code contentType} or
   * application/octet-stream when null; 204 and 304 never carry a body.
   */
  static FullHttpResponse echoBody(
      HttpResponseStatus status,
      ByteBuf body,
      CharSequence contentType,
      ConnectionHeader connection) {
    int code = status.code();
    if (!body.isReadable() || code == 204 || code == 304) {
      body.release();
      return echo(status, 0, connection);
    }
    CharSequence type =
        contentType != null ? contentType : HttpHeaderValues.APPLICATION_OCTET_STREAM;
    return response(status, body, headers(type, body.readableBytes(), connection));
  }

  /** 413: a body above {@link EchoBody#MAX_BYTES} that was to be echoed. */
  static FullHttpResponse tooLargeToEcho(ConnectionHeader connection) {
    return textResponse(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, tooLargeMessage(), connection);
  }

  static String tooLargeMessage() {
    return "request body above "
        + EchoBody.MAX_BYTES
        + " bytes cannot be echoed; add size=N to answer with N bytes instead";
  }

  /** {@code {"status":"ok"}} as application/json. */
  static FullHttpResponse health(ConnectionHeader connection) {
    HttpHeaders headers =
        connection == ConnectionHeader.NONE
            ? HEALTH_HEADERS
            : headers(HttpHeaderValues.APPLICATION_JSON, HEALTH_BODY.readableBytes(), connection);
    return response(HttpResponseStatus.OK, HEALTH_BODY.duplicate(), headers);
  }

  /** A 400 whose body is {@code message} and a newline, as text/plain. */
  static FullHttpResponse badRequest(String message, ConnectionHeader connection) {
    return textResponse(HttpResponseStatus.BAD_REQUEST, message, connection);
  }

  private static FullHttpResponse textResponse(
      HttpResponseStatus status, String message, ConnectionHeader connection) {
    ByteBuf body = Unpooled.copiedBuffer(message + "\n", StandardCharsets.UTF_8);
    HttpHeaders headers =
        headers(HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8", body.readableBytes(), connection);
    return response(status, body, headers);
  }

  private static FullHttpResponse response(
      HttpResponseStatus status, ByteBuf body, HttpHeaders headers) {
    return new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1, status, body, headers, EmptyHttpHeaders.INSTANCE);
  }

  /**
   * A body of {@code bytes} filler bytes, for protocols that frame responses themselves (HTTP/2): a
   * view of the shared filler, so releasing it never frees the filler.
   */
  static ByteBuf fillerBody(int bytes) {
    return filler(bytes);
  }

  /** The health body, a view as above. */
  static ByteBuf healthBody() {
    return HEALTH_BODY.duplicate();
  }

  /** Views of the shared filler; bodies above one chunk are a composite of chunk views. */
  private static ByteBuf filler(int bytes) {
    if (bytes <= FILLER_CHUNK_BYTES) {
      return bytes == 0 ? Unpooled.EMPTY_BUFFER : FILLER.slice(0, bytes);
    }
    int chunks = (bytes + FILLER_CHUNK_BYTES - 1) / FILLER_CHUNK_BYTES;
    ByteBuf[] views = new ByteBuf[chunks];
    for (int i = 0; i < chunks; i++) {
      views[i] = FILLER.slice(0, Math.min(FILLER_CHUNK_BYTES, bytes - i * FILLER_CHUNK_BYTES));
    }
    return Unpooled.wrappedBuffer(chunks, views);
  }

  private static HttpHeaders headers(
      CharSequence contentType, int contentLength, ConnectionHeader connection) {
    HttpHeaders headers = new DefaultHttpHeaders();
    if (contentType != null) {
      headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    headers.setInt(HttpHeaderNames.CONTENT_LENGTH, contentLength);
    switch (connection) {
      case KEEP_ALIVE -> headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      case CLOSE -> headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      case NONE -> {}
    }
    return headers;
  }

  private static byte[] fillerBytes() {
    byte[] bytes = new byte[FILLER_CHUNK_BYTES];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) ('a' + i % 26);
    }
    return bytes;
  }

  private static ByteBuf unreleasable(byte[] bytes) {
    ByteBuf direct = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
    return Unpooled.unreleasableBuffer(direct); // never written after this
  }
}
