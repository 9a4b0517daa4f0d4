package io.meshbench.platform.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.sse.SseClient;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Consumer;

/**
 * Starts a Server-Sent Events stream whatever the request's {@code Accept} says. Javalin's own
 * handler streams only when {@code Accept} contains "text/event-stream" in lower case, and answers
 * anything else (curl's {@code *}{@code /*}, no header) with an empty 200; which clients may listen
 * is the route's precondition to decide, with a 406 that says why.
 */
final class EventStreamHandler implements Handler {
  private final Consumer<SseClient> events;

  EventStreamHandler(Consumer<SseClient> events) {
    this.events = events;
  }

  @Override
  public void handle(Context ctx) throws Exception {
    HttpServletResponse res = ctx.res();
    res.setStatus(200);
    res.setCharacterEncoding("UTF-8");
    res.setContentType("text/event-stream");
    res.addHeader("Connection", "close");
    res.addHeader("Cache-Control", "no-cache");
    res.addHeader("X-Accel-Buffering", "no"); // a proxy in front must not buffer the stream
    res.flushBuffer();
    ctx.async(config -> config.timeout = 0L, () -> events.accept(new SseClient(ctx)));
  }
}
