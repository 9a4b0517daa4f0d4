/**
 * The one seam between the engine and a protocol: {@code ProtocolClient} (one per run: connects),
 * {@code Connection} (one per open connection: sends) and {@code ConnectionListener} (the engine's
 * side: completions, errors, closes). The engine owns time and recording; a protocol only connects,
 * sends and reports. Sub-packages hold one protocol each (http, http2, grpc, websocket, ml); {@code
 * Transport} picks the Netty I/O transport.
 *
 * <p>Threading model: a {@code ProtocolClient} is built on the run's coordinating thread and is
 * immutable afterwards, so any loop may use it to connect. Each connection lives on one event loop:
 * the engine calls its methods there and the protocol reports to its listener there, so protocol
 * state needs no synchronisation.
 *
 * <p>Invariants: requests are identified by slot numbers (0 to {@code maxInFlight() - 1}); each
 * sent slot gets exactly one completion report (or one refusal: the server did not process it, and
 * the engine sends it again) unless the connection closes first, and then the engine fails the
 * slots still in flight. Byte counts are what went over the socket.
 */
package io.meshbench.engine.protocol;
