/**
 * WebSocket echo load on Netty's client handshaker and frame codec.
 *
 * <p>Threading model: each connection lives on one event loop, where the engine sends and the
 * echoes arrive. Every message starts with an 8-byte ASCII header (slot and a per-slot send count)
 * so an echo finds its slot whatever the order, and an echo of a message the engine gave up on is
 * recognised and ignored.
 */
package io.meshbench.engine.protocol.websocket;
