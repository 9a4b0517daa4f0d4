/**
 * WebSocket echo load on Netty's client handshaker and frame codec.
 *
 * <p>Threading model: each connection lives on one event loop, where the engine sends and the
 * echoes arrive. Every message starts with an 8-byte ASCII header (slot and a per-slot send count)
 * so an echo finds its slot whatever the order, and an echo of a message the engine gave up on is
 * recognised and ignored. An echo may come back in fragments of any size: the header's bytes are
 * collected across them (8 bytes of state per connection; messages are never aggregated).
 */
package io.meshbench.engine.protocol.websocket;
