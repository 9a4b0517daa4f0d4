package io.meshbench.target;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.AsciiString;
import io.netty.util.collection.IntObjectHashMap;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The h2c echo: answers every stream with the same knobs as {@link Http1EchoHandler} ({@code
 * delay}, {@code status}, {@code size}, {@code close}, parsed by {@link EchoKnobs}), and {@code
 * /health}, {@code /ready}; a request body is echoed with its content-type unless {@code size} asks
 * for another body. One instance per connection, called by the HTTP/2 codec on the connection's
 * event loop. Streams answer independently: a delayed one holds up no other.
 */
final class Http2EchoHandler extends Http2FrameAdapter {
  private static final AsciiString CONTENT_TYPE = AsciiString.cached("content-type");
  private static final AsciiString OCTET_STREAM = AsciiString.cached("application/octet-stream");
  private static final AsciiString JSON = AsciiString.cached("application/json");
  private static final AsciiString TEXT = AsciiString.cached("text/plain; charset=utf-8");

  /** Read-only after construction, so every connection on every loop may hand it to its encoder. */
  private static final Http2Headers OK_EMPTY = headers(200, null, 0);

  private final TargetCounters counters;
  private final IntObjectHashMap<Pending> pending = new IntObjectHashMap<>(); // bodies arriving
  private Http2ConnectionHandler codec;
  private String lastQuery; // a one-entry cache: load generators repeat one path
  private EchoKnobs lastKnobs;

  Http2EchoHandler(TargetCounters counters) {
    this.counters = counters;
  }

  void codec(Http2ConnectionHandler codec) {
    this.codec = codec;
    // A stream closed before its request ended (reset, connection gone) is never answered.
    codec
        .connection()
        .addListener(
            new Http2ConnectionAdapter() {
              @Override
              public void onStreamClosed(Http2Stream stream) {
                drop(stream.id());
              }
            });
  }

  /** A request whose body is still arriving. */
  private static final class Pending {
    final EchoKnobs knobs;
    final boolean health;
    final CharSequence contentType;
    final EchoBody body; // null unless the response echoes the body
    long bodyBytes;

    Pending(EchoKnobs knobs, boolean health, CharSequence contentType) {
      this.knobs = knobs;
      this.health = health;
      this.contentType = contentType;
      this.body = !health && knobs.error() == null && knobs.echoesBody() ? new EchoBody() : null;
    }
  }

  @Override
  public void onHeadersRead(
      ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding, boolean end) {
    CharSequence path = headers.path();
    String uri = path == null ? "/" : path.toString();
    int q = uri.indexOf('?');
    int pathEnd = q < 0 ? uri.length() : q;
    boolean health = pathIs(uri, pathEnd, "/health") || pathIs(uri, pathEnd, "/ready");
    EchoKnobs knobs = q < 0 || health ? EchoKnobs.NONE : knobs(uri.substring(q + 1));
    if (end) {
      respond(ctx, streamId, knobs, health, 0, null, null);
    } else {
      pending.put(streamId, new Pending(knobs, health, headers.get(CONTENT_TYPE)));
    }
  }

  @Override
  public void onHeadersRead(
      ChannelHandlerContext ctx,
      int streamId,
      Http2Headers headers,
      int streamDependency,
      short weight,
      boolean exclusive,
      int padding,
      boolean end) {
    onHeadersRead(ctx, streamId, headers, padding, end);
  }

  @Override
  public int onDataRead(
      ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean end) {
    int processed = data.readableBytes() + padding;
    Pending p = pending.get(streamId);
    if (p != null) {
      p.bodyBytes += data.readableBytes();
      if (p.body != null) {
        p.body.add(ctx.alloc(), data); // the codec releases data after this returns
      }
      if (end) {
        pending.remove(streamId);
        respond(ctx, streamId, p.knobs, p.health, p.bodyBytes, p.body, p.contentType);
      }
    }
    return processed;
  }

  @Override
  public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
    drop(streamId);
  }

  /** Lets go of a request that will never be answered, and of the body kept for it. */
  private void drop(int streamId) {
    Pending p = pending.remove(streamId);
    if (p != null && p.body != null) {
      p.body.release();
    }
  }

  private EchoKnobs knobs(String query) {
    if (!query.equals(lastQuery)) {
      lastQuery = query;
      lastKnobs = EchoKnobs.parse(query);
    }
    return lastKnobs;
  }

  private static boolean pathIs(String uri, int pathEnd, String path) {
    return pathEnd == path.length() && uri.startsWith(path);
  }

  /**
   * Answers a complete request. {@code echo} is the kept body when the response echoes it (null
   * when there was no body or it is not echoed); it is released here or by the response.
   */
  private void respond(
      ChannelHandlerContext ctx,
      int streamId,
      EchoKnobs knobs,
      boolean health,
      long bodyBytes,
      EchoBody echo,
      CharSequence contentType) {
    counters.request(bodyBytes);
    boolean tooLarge = echo != null && echo.tooLarge();
    ByteBuf echoed = echo == null ? Unpooled.EMPTY_BUFFER : echo.take();
    long delayNs = knobs.error() == null ? knobs.delayNs() : 0;
    if (delayNs == 0) {
      write(ctx, streamId, knobs, health, tooLarge, echoed, contentType); // flushed on read end
      return;
    }
    ctx.executor()
        .schedule(
            () -> {
              write(ctx, streamId, knobs, health, tooLarge, echoed, contentType);
              codec.flush(ctx); // through the codec: its flow control holds DATA frames
            },
            delayNs,
            TimeUnit.NANOSECONDS);
  }

  private void write(
      ChannelHandlerContext ctx,
      int streamId,
      EchoKnobs knobs,
      boolean health,
      boolean tooLarge,
      ByteBuf echoed,
      CharSequence contentType) {
    Http2Connection connection = codec.connection();
    Http2Stream stream = connection.stream(streamId);
    // OPEN when answering from onDataRead: the decoder half-closes the stream after the call.
    Http2Stream.State state = stream == null ? null : stream.state();
    if (state != Http2Stream.State.HALF_CLOSED_REMOTE && state != Http2Stream.State.OPEN) {
      echoed.release();
      return; // reset by the client meanwhile, or the connection is going
    }
    Http2Headers headers;
    ByteBuf body;
    if (knobs.error() != null) {
      echoed.release();
      body = Unpooled.copiedBuffer(knobs.error() + "\n", StandardCharsets.UTF_8);
      headers = headers(400, TEXT, body.readableBytes());
    } else if (health) {
      echoed.release();
      body = EchoResponses.healthBody();
      headers = headers(200, JSON, body.readableBytes());
    } else if (tooLarge) {
      echoed.release();
      body = Unpooled.copiedBuffer(EchoResponses.tooLargeMessage() + "\n", StandardCharsets.UTF_8);
      headers = headers(413, TEXT, body.readableBytes());
    } else {
      int code = knobs.status().pick().code();
      boolean bodiless = code == 204 || code == 304;
      if (knobs.echoesBody() && echoed.isReadable() && !bodiless) {
        body = echoed;
        headers =
            headers(code, contentType != null ? contentType : OCTET_STREAM, body.readableBytes());
      } else {
        echoed.release();
        int bytes = bodiless || knobs.echoesBody() ? 0 : knobs.sizeBytes();
        body = EchoResponses.fillerBody(bytes);
        headers = code == 200 && bytes == 0 ? OK_EMPTY : headers(code, OCTET_STREAM, bytes);
      }
    }
    if (knobs.close()) {
      // GOAWAY first, naming this stream the last: the client learns before the response ends
      // that nothing more may go out on this connection (HTTP/1.1's "Connection: close").
      codec.goAway(
          ctx, streamId, Http2Error.NO_ERROR.code(), Unpooled.EMPTY_BUFFER, ctx.newPromise());
    }
    boolean headersOnly = !body.isReadable();
    codec.encoder().writeHeaders(ctx, streamId, headers, 0, headersOnly, ctx.newPromise());
    if (!headersOnly) {
      codec.encoder().writeData(ctx, streamId, body, 0, true, ctx.newPromise());
    }
    if (knobs.close()) {
      codec.flush(ctx);
      ctx.channel().close(); // ends once its streams are done
    }
  }

  private static Http2Headers headers(int status, CharSequence contentType, int contentLength) {
    Http2Headers h = new DefaultHttp2Headers(false);
    h.status(HttpResponseStatus.valueOf(status).codeAsText());
    if (contentType != null && contentLength > 0) {
      h.set(CONTENT_TYPE, contentType);
    }
    h.setInt(AsciiString.cached("content-length"), contentLength);
    return h;
  }
}
