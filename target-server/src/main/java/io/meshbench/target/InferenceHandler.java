package io.meshbench.target;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The Open Inference Protocol v2 routes of the built-in target, on the HTTP/1.1 port in front of
 * the echo handler: requests under {@code /v2} are answered here, all others pass on untouched.
 *
 * <ul>
 *   <li>{@code GET /v2/health/live}, {@code /v2/health/ready}: 200.
 *   <li>{@code GET /v2/models/meshbench-mlp} (also {@code .../versions/1}): metadata; the input is
 *       {@code input-0}, FP32, shape {@code [-1, 16]}; the output {@code output-0}, {@code [-1,
 *       8]}.
 *   <li>{@code GET /v2/models/meshbench-mlp/ready}: 200.
 *   <li>{@code POST /v2/models/meshbench-mlp/infer}: runs {@link MlpModel} on the batch.
 * </ul>
 *
 * Bad input gets 400 {@code {"error": "..."}}, an unknown model or route 404, a body over {@link
 * #MAX_BODY_BYTES} 413 (and the connection closes).
 *
 * <p>Threading: one instance per connection, on its event loop. Measured on the reference machine,
 * a request costs about 2.5 µs per row from body to response (about 1 µs of it the model): 8 µs for
 * one row, 165 µs for 64, 1.4 ms for 512. Up to {@link #OFFLOAD_BODY_BYTES} of body (about 150
 * rows, 0.4 ms) the work stays on the loop, where a thread hand-off would cost more than it saves;
 * a larger body goes to a small shared pool so that it does not stall the other connections on the
 * loop. Meanwhile this connection reads nothing more and holds what was already read, so that
 * responses keep request order. (A pipelined mix with delayed echo responses is not ordered against
 * them: the echo handler queues its own.)
 */
final class InferenceHandler extends ChannelInboundHandlerAdapter {
  static final String INPUT_NAME = "input-0";
  static final String OUTPUT_NAME = "output-0";
  static final int MAX_BODY_BYTES = 128 * 1024 * 1024;
  static final int OFFLOAD_BODY_BYTES = 16 * 1024;

  /** Shared by every target in the process; its threads end when idle. */
  private static final Executor OFFLOAD = offloadPool();

  private final TargetCounters counters;
  private final MlpModel model = MlpModel.DEFAULT;
  private final ArrayDeque<Object> held = new ArrayDeque<>(); // read while an inference is off-loop
  private boolean busy;
  // The /v2 request whose body is arriving, or null when messages pass to the next handler.
  private HttpRequest current;
  private CompositeByteBuf body;
  private long bodyBytes;
  private boolean tooLarge;
  private boolean closing;
  private boolean unflushed;
  private boolean http10; // the request being answered is HTTP/1.0 with keep-alive

  InferenceHandler(TargetCounters counters) {
    this.counters = counters;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (busy) {
      held.add(msg);
      return;
    }
    if (closing) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (current == null) {
      if (msg instanceof HttpRequest request
          && ours(request.uri())
          && !(msg instanceof DecoderResultProvider d && d.decoderResult().isFailure())) {
        current = request;
        bodyBytes = 0;
        tooLarge = false;
      } else {
        ctx.fireChannelRead(msg); // not ours (or malformed): the echo handler answers
        return;
      }
    }
    try {
      if (msg instanceof DecoderResultProvider d && d.decoderResult().isFailure()) {
        reset();
        respond(ctx, error(ctx, HttpResponseStatus.BAD_REQUEST, "malformed request"), true);
        return;
      }
      if (msg instanceof HttpContent content) {
        collect(ctx, content.content());
      }
      if (msg instanceof LastHttpContent) {
        answer(ctx);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private static boolean ours(String uri) {
    return uri.startsWith("/v2/") || uri.equals("/v2") || uri.startsWith("/v2?");
  }

  private void collect(ChannelHandlerContext ctx, ByteBuf content) {
    int n = content.readableBytes();
    bodyBytes += n;
    if (n == 0 || tooLarge || current.method() != HttpMethod.POST) {
      return;
    }
    if (bodyBytes > MAX_BODY_BYTES) {
      tooLarge = true;
      releaseBody();
      return;
    }
    if (body == null) {
      body = ctx.alloc().compositeBuffer(1024);
    }
    body.addComponent(true, content.retain());
  }

  /** The whole request is in: route it. */
  private void answer(ChannelHandlerContext ctx) {
    HttpRequest request = current;
    ByteBuf requestBody = body;
    body = null;
    current = null;
    counters.request(bodyBytes);
    boolean close = !HttpUtil.isKeepAlive(request);
    http10 = request.protocolVersion() == HttpVersion.HTTP_1_0;
    if (tooLarge) {
      String message = "request body is larger than " + MAX_BODY_BYTES + " bytes";
      respond(ctx, error(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, message), true);
      return;
    }
    String uri = request.uri();
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    InferenceRoute route = InferenceRoute.of(path);
    if (route.kind() == InferenceRoute.Kind.INFER && request.method() == HttpMethod.POST) {
      if (route.model() != null && route.model().equals(MlpModel.NAME)) {
        infer(ctx, requestBody, close);
        return;
      }
    }
    if (requestBody != null) {
      requestBody.release();
    }
    respond(ctx, route(ctx, request, route), close);
  }

  private FullHttpResponse route(
      ChannelHandlerContext ctx, HttpRequest request, InferenceRoute route) {
    if (route.kind() == InferenceRoute.Kind.UNKNOWN) {
      return error(ctx, HttpResponseStatus.NOT_FOUND, "no such route: " + route.path());
    }
    if (route.model() != null && !route.model().equals(MlpModel.NAME)) {
      return error(
          ctx,
          HttpResponseStatus.NOT_FOUND,
          "model '"
              + route.model()
              + "' is not served here; this target serves '"
              + MlpModel.NAME
              + "'");
    }
    boolean wantsPost = route.kind() == InferenceRoute.Kind.INFER;
    if (wantsPost != (request.method() == HttpMethod.POST)) {
      return error(
          ctx,
          HttpResponseStatus.METHOD_NOT_ALLOWED,
          request.method()
              + " is not allowed on "
              + route.path()
              + "; use "
              + (wantsPost ? "POST" : "GET"));
    }
    return switch (route.kind()) {
      case SERVER ->
          InferenceResponses.json(
              ctx.alloc(),
              HttpResponseStatus.OK,
              g -> {
                g.writeStringField("name", "meshbench-target");
                g.writeStringField("version", "1");
                g.writeArrayFieldStart("extensions");
                g.writeEndArray();
              });
      case LIVE ->
          InferenceResponses.json(
              ctx.alloc(), HttpResponseStatus.OK, g -> g.writeBooleanField("live", true));
      case READY ->
          InferenceResponses.json(
              ctx.alloc(), HttpResponseStatus.OK, g -> g.writeBooleanField("ready", true));
      case MODEL_READY ->
          InferenceResponses.json(
              ctx.alloc(),
              HttpResponseStatus.OK,
              g -> {
                g.writeStringField("name", route.model());
                g.writeBooleanField("ready", true);
              });
      case MODEL -> InferenceResponses.metadata(ctx.alloc(), model, route.model());
      default -> throw new IllegalStateException("unrouted " + route.kind());
    };
  }

  private void infer(ChannelHandlerContext ctx, ByteBuf requestBody, boolean close) {
    if (requestBody == null || requestBody.readableBytes() <= OFFLOAD_BODY_BYTES) {
      respond(ctx, InferenceRun.run(ctx.alloc(), model, requestBody), close);
      return;
    }
    busy = true;
    ctx.channel().config().setAutoRead(false);
    OFFLOAD.execute(
        () -> {
          FullHttpResponse response = InferenceRun.run(ctx.alloc(), model, requestBody);
          ctx.executor()
              .execute(
                  () -> {
                    busy = false;
                    if (!ctx.channel().isActive()) {
                      response.release();
                      releaseHeld();
                      return;
                    }
                    respond(ctx, response, close);
                    ctx.flush();
                    unflushed = false;
                    replayHeld(ctx);
                  });
        });
  }

  /** Feeds what arrived during an off-loop inference, until another one starts. */
  private void replayHeld(ChannelHandlerContext ctx) {
    Object msg;
    while (!busy && (msg = held.poll()) != null) {
      channelRead(ctx, msg);
    }
    if (!busy) {
      ctx.fireChannelReadComplete(); // lets the echo handler flush what it answered
      if (!closing) {
        ctx.channel().config().setAutoRead(true);
      }
    }
  }

  private static FullHttpResponse error(
      ChannelHandlerContext ctx, HttpResponseStatus status, String message) {
    return InferenceResponses.error(ctx.alloc(), status, message);
  }

  private void respond(ChannelHandlerContext ctx, FullHttpResponse response, boolean close) {
    if (close) {
      closing = true;
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      unflushed = false;
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    if (http10) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    unflushed = true;
    ctx.write(response, ctx.voidPromise());
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
  public void channelInactive(ChannelHandlerContext ctx) {
    reset();
    releaseHeld();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    reset();
    releaseHeld();
  }

  private void reset() {
    current = null;
    releaseBody();
  }

  private void releaseBody() {
    if (body != null) {
      body.release();
      body = null;
    }
  }

  private void releaseHeld() {
    Object msg;
    while ((msg = held.poll()) != null) {
      ReferenceCountUtil.release(msg);
    }
  }

  private static Executor offloadPool() {
    int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            10,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "meshbench-target-inference");
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
