package io.meshbench.target;

import io.meshbench.target.EchoResponses.ConnectionHeader;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Answers every HTTP/1.1 request on one connection, steered by fortio-style query parameters on any
 * path: {@code delay}, {@code status}, {@code size} and {@code close} (see {@link EchoKnobs}).
 * {@code /health} and {@code /ready} answer {@code {"status":"ok"}}. A request body is counted and,
 * unless {@code size} asks for another body, echoed with its Content-Type (fortio's echo); the
 * response is sent once the whole request has arrived (plus any delay).
 *
 * <p>Responses leave in request order, so pipelining is safe: a response that is ready early waits
 * behind a delayed one, as HTTP/1.1 demands. Writes are flushed once per read batch.
 */
final class Http1EchoHandler extends ChannelInboundHandlerAdapter {
  /** Above this many responses waiting for a delay, stop reading until they drain. */
  private static final int MAX_QUEUED_RESPONSES = 1024;

  private final TargetCounters counters;
  private final ArrayDeque<Queued> queue = new ArrayDeque<>(); // oldest first
  private String lastQuery; // a one-entry cache: load generators repeat one URI
  private EchoKnobs lastKnobs;
  // What to answer the request whose body is still arriving, decided when its head arrived.
  private boolean planned;
  private EchoKnobs plannedKnobs;
  private boolean plannedHealth;
  private ConnectionHeader plannedConnection;
  private boolean plannedEcho; // the response echoes the request body, kept in body
  private String plannedContentType;
  private final EchoBody body = new EchoBody();
  private long bodyBytes;
  private boolean closing; // a closing response is planned; later requests are dropped unanswered
  private boolean unflushed;
  private boolean readPaused;

  Http1EchoHandler(TargetCounters counters) {
    this.counters = counters;
  }

  /** A response waiting for its delay or for the responses before it. */
  private static final class Queued {
    final FullHttpResponse response;
    final boolean close;
    boolean ready;

    Queued(FullHttpResponse response, boolean close, boolean ready) {
      this.response = response;
      this.close = close;
      this.ready = ready;
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (closing) {
        return;
      }
      if (msg instanceof DecoderResultProvider decoded && decoded.decoderResult().isFailure()) {
        // The decoder gives up on the connection and may send no LastHttpContent: answer now.
        String reason = String.valueOf(decoded.decoderResult().cause());
        plan(malformed(reason), false, ConnectionHeader.CLOSE);
        respond(ctx);
        return;
      }
      if (msg instanceof HttpRequest request) {
        plan(request);
      }
      if (msg instanceof HttpContent content) {
        bodyBytes += content.content().readableBytes();
        if (plannedEcho) {
          body.add(ctx.alloc(), content.content());
        }
      }
      if (msg instanceof LastHttpContent && planned) {
        respond(ctx);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void plan(HttpRequest request) {
    String uri = request.uri();
    int q = uri.indexOf('?');
    int pathEnd = q < 0 ? uri.length() : q;
    boolean health = pathIs(uri, pathEnd, "/health") || pathIs(uri, pathEnd, "/ready");
    EchoKnobs knobs = q < 0 || health ? EchoKnobs.NONE : knobs(uri, q + 1);
    ConnectionHeader connection;
    if (knobs.close() || !HttpUtil.isKeepAlive(request) || request.method() == HttpMethod.CONNECT) {
      connection = ConnectionHeader.CLOSE; // an echo server is no tunnel: CONNECT ends here
    } else if (request.protocolVersion() == HttpVersion.HTTP_1_0) {
      connection = ConnectionHeader.KEEP_ALIVE;
    } else {
      connection = ConnectionHeader.NONE;
    }
    plan(knobs, health, connection);
    if (plannedEcho) {
      plannedContentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
    }
  }

  private void plan(EchoKnobs knobs, boolean health, ConnectionHeader connection) {
    planned = true;
    plannedKnobs = knobs;
    plannedHealth = health;
    plannedConnection = connection;
    plannedEcho = !health && knobs.error() == null && knobs.echoesBody();
    plannedContentType = null;
  }

  private EchoKnobs knobs(String uri, int queryStart) {
    int length = uri.length() - queryStart;
    boolean cached =
        lastQuery != null
            && lastQuery.length() == length
            && uri.regionMatches(queryStart, lastQuery, 0, length);
    if (!cached) {
      lastQuery = uri.substring(queryStart);
      lastKnobs = EchoKnobs.parse(lastQuery);
    }
    return lastKnobs;
  }

  private static boolean pathIs(String uri, int pathEnd, String path) {
    return pathEnd == path.length() && uri.startsWith(path);
  }

  private static EchoKnobs malformed(String reason) {
    return new EchoKnobs(0, StatusMix.ALWAYS_OK, 0, true, "malformed request: " + reason);
  }

  private void respond(ChannelHandlerContext ctx) {
    planned = false;
    counters.request(bodyBytes);
    bodyBytes = 0;
    EchoKnobs knobs = plannedKnobs;
    ConnectionHeader connection = plannedConnection;
    FullHttpResponse response;
    if (knobs.error() != null) {
      response = EchoResponses.badRequest(knobs.error(), connection);
    } else if (plannedHealth) {
      response = EchoResponses.health(connection);
    } else if (plannedEcho && body.tooLarge()) {
      body.take();
      response = EchoResponses.tooLargeToEcho(connection);
    } else if (plannedEcho) {
      response =
          EchoResponses.echoBody(
              knobs.status().pick(), body.take(), plannedContentType, connection);
    } else {
      response = EchoResponses.echo(knobs.status().pick(), knobs.sizeBytes(), connection);
    }
    boolean close = connection == ConnectionHeader.CLOSE;
    closing = close;
    long delayNs = knobs.error() == null ? knobs.delayNs() : 0;
    if (delayNs == 0 && queue.isEmpty()) {
      write(ctx, response, close); // the hot path: nothing to wait for
      return;
    }
    Queued queued = new Queued(response, close, delayNs == 0);
    queue.add(queued);
    if (delayNs > 0) {
      // The timer runs on this channel's event loop, so it touches the queue without locks.
      ctx.executor()
          .schedule(
              () -> {
                queued.ready = true;
                drain(ctx);
              },
              delayNs,
              TimeUnit.NANOSECONDS);
    }
    updateReading(ctx);
  }

  /** Writes every ready response at the head of the queue, then flushes. */
  private void drain(ChannelHandlerContext ctx) {
    while (!queue.isEmpty() && queue.peek().ready) {
      Queued next = queue.poll();
      write(ctx, next.response, next.close);
    }
    if (unflushed) {
      unflushed = false;
      ctx.flush();
    }
    updateReading(ctx);
  }

  private void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean close) {
    if (close) {
      unflushed = false;
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    } else {
      unflushed = true;
      ctx.write(response, ctx.voidPromise());
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (unflushed) {
      unflushed = false;
      ctx.flush();
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    updateReading(ctx);
    ctx.fireChannelWritabilityChanged();
  }

  /** Stops reading while the client is not reading our responses or too many wait for delays. */
  private void updateReading(ChannelHandlerContext ctx) {
    boolean pause = !ctx.channel().isWritable() || queue.size() >= MAX_QUEUED_RESPONSES;
    if (pause != readPaused) {
      readPaused = pause;
      ctx.channel().config().setAutoRead(!pause);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseQueued(); // timers still pending find an empty queue and do nothing
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releaseQueued();
  }

  private void releaseQueued() {
    body.release();
    Queued queued;
    while ((queued = queue.poll()) != null) {
      queued.response.release();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close(); // resets and broken pipes are routine for a load target; nothing to report
  }
}
