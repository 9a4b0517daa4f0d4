package io.meshbench.target;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The body of one request, kept while it arrives so that the response can echo it. Holds at most
 * {@link #MAX_BYTES}; past that it lets go of what it kept and remembers only that it was too
 * large. Owned by one connection on its event loop; not thread-safe.
 */
final class EchoBody {
  /** The largest body echoed; the same bound as {@code size=}. */
  static final int MAX_BYTES = EchoKnobs.MAX_SIZE_BYTES;

  private ByteBuf kept; // null until a readable chunk arrives
  private long bytes;
  private boolean tooLarge;

  /** Keeps {@code chunk}'s readable bytes (retaining it); the caller still releases its own. */
  void add(ByteBufAllocator alloc, ByteBuf chunk) {
    int length = chunk.readableBytes();
    if (length == 0) {
      return;
    }
    bytes += length;
    if (tooLarge) {
      return;
    }
    if (bytes > MAX_BYTES) {
      tooLarge = true;
      release();
      return;
    }
    ByteBuf retained = chunk.retainedSlice();
    if (kept == null) {
      kept = retained;
    } else if (kept instanceof CompositeByteBuf composite) {
      composite.addComponent(true, retained);
    } else {
      CompositeByteBuf composite = alloc.compositeBuffer();
      composite.addComponent(true, kept);
      composite.addComponent(true, retained);
      kept = composite;
    }
  }

  boolean tooLarge() {
    return tooLarge;
  }

  /** The body kept so far, now owned by the caller (empty when there was none); resets this. */
  ByteBuf take() {
    ByteBuf body = kept == null ? Unpooled.EMPTY_BUFFER : kept;
    kept = null;
    bytes = 0;
    tooLarge = false;
    return body;
  }

  /** Lets go of what is kept (a connection closing, a stream reset). */
  void release() {
    if (kept != null) {
      kept.release();
      kept = null;
    }
  }
}
