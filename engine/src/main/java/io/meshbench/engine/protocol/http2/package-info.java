/**
 * HTTP/2 over cleartext with prior knowledge, on Netty's {@code Http2ConnectionHandler} and a frame
 * listener (no per-stream child channels).
 *
 * <p>Threading model: each connection lives on one event loop; the engine calls {@code send},
 * {@code abort} and {@code close} on that loop and the codec reports frames on it, so no state is
 * shared. An engine slot is one stream at a time; a stream's outcome is reported when the codec
 * closes it, so that it no longer counts against SETTINGS_MAX_CONCURRENT_STREAMS when the engine
 * opens the next stream from inside the report.
 */
package io.meshbench.engine.protocol.http2;
