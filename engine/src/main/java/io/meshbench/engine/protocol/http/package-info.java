/**
 * HTTP/1.1 over keep-alive connections, optionally pipelined: the request is encoded once per run
 * ({@code Http1RequestEncoder}), each send copies those bytes into a pooled buffer, and {@code
 * Http1ResponseParser} reads only what the engine needs (status, framing, keep-alive) without
 * allocating; error bodies may be kept in part for the report ({@code ErrorResponse}).
 *
 * <p>Threading model: each {@code Http1Connection}, and its parser, lives on one event loop; the
 * engine sends there and the socket's reads arrive there, so neither needs locks. {@code
 * Http1Client} is immutable after construction and shared by all loops.
 *
 * <p>Invariants: responses match slots in send order (HTTP/1.1 answers in order); with {@code
 * options.pipeline} at most that many requests are in flight per connection; a response marked
 * {@code Connection: close} closes the connection after it, and the engine fails whatever else was
 * still in flight (HTTP/1.1 cannot cancel one request).
 */
package io.meshbench.engine.protocol.http;
