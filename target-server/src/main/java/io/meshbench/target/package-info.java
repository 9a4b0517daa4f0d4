/**
 * The built-in target ({@code meshbench target}): a server to aim load at, steered per request
 * fortio-style. {@link io.meshbench.target.TargetServer} is the bootstrap, {@code
 * TargetServerInitializer} builds each connection's pipeline and {@code Http1EchoHandler} answers.
 *
 * <p>HTTP/1.1 knobs, in the query string of any path (unknown parameters are ignored, the last of a
 * repeated knob wins, a bad value gets a 400 naming the parameter):
 *
 * <ul>
 *   <li>{@code delay=5ms} (also {@code 250us}, {@code 1.5s}, {@code 100ns}; a plain number is ms;
 *       at most 60s): respond that long after the whole request has arrived.
 *   <li>{@code status=503}, {@code status=503:10} (10 % of responses), {@code status=503:10,429:5};
 *       codes 200 to 599, percentages total at most 100, the rest get 200.
 *   <li>{@code size=1024}: a body of exactly that many ASCII filler bytes (at most 16 MiB). Without
 *       {@code size} the response echoes the request body with its Content-Type, as fortio's echo
 *       does (no body: an empty response); a body above 16 MiB to echo gets 413.
 *   <li>{@code close=1}: answer with {@code Connection: close} and close the connection.
 * </ul>
 *
 * {@code /health} and {@code /ready} answer 200 {@code {"status":"ok"}} as application/json.
 *
 * <p>Threading model: the server owns one event loop group ({@link
 * io.meshbench.target.TargetConfig#threads}); each connection lives on one loop, and its handler,
 * including delay timers (scheduled on that loop, never blocking it), is touched only there, so
 * handlers hold plain fields and no locks. What is shared between loops is immutable (pre-built
 * headers, unreleasable filler and health bodies, parsed knobs) or a {@code LongAdder} (the request
 * counters).
 *
 * <p>gRPC ({@code GrpcTarget}, on {@link io.meshbench.target.TargetConfig#grpcPort}): {@code
 * meshbench.echo.v1.Echo} (Unary, ServerStream, Bidi; see {@code echo.proto}), server reflection v1
 * and v1alpha, and {@code grpc.health.v1.Health} (SERVING). Knobs in request metadata, as {@code
 * GrpcKnobs}: {@code delay: 5ms}, {@code status: UNAVAILABLE:10,INTERNAL:5} (codes by name or
 * number 1..16), {@code size: 1024}; fields of a message ({@code delay_us}, {@code status_code},
 * {@code response_size}) win for that message. A bad knob fails the call with INVALID_ARGUMENT
 * naming it. Delayed bidi responses may overtake; each carries its request's {@code seq}.
 *
 * <p>Later protocols share the HTTP port (h2c with prior knowledge, WebSocket at {@code /ws},
 * inference at {@code /v2/}) by protocol detection in {@code TargetServerInitializer}; gRPC has a
 * port of its own. This package depends on neither the engine (the client) nor the platform.
 */
package io.meshbench.target;
