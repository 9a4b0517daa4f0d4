package io.meshbench.engine.protocol.http;

import io.meshbench.engine.protocol.Connection;
import io.meshbench.engine.protocol.ConnectionListener;
import io.meshbench.engine.stats.ErrorKind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.UnixChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One HTTP/1.1 connection: writes pre-encoded requests and matches responses to slots in send
 * order. Runs entirely on its event loop.
 */
final class Http1Connection extends ChannelInboundHandlerAdapter
    implements Connection, Http1ResponseParser.Sink {
  /** Larger requests are copied per send rather than held per slot. */
  static final int REUSE_MAX_BYTES = 64 * 1024;

  private final ConnectionListener listener;
  private final byte[] request;
  private final ByteBuf large; // a large request shared by all connections, or null
  private final Http1ResponseParser parser;
  // Shared by the run's connections: the first error response of the run, kept for the report.
  private final AtomicReference<ErrorResponse> firstError;
  private final int[] slots; // ring of in-flight slots, oldest first
  // One encoded request per slot, written again and again: a slot is free only after its
  // response, so its last write is done (checked through the reference count all the same).
  private final ByteBuf[] slotRequests;
  private int head;
  private int count;
  private Channel channel;
  private ErrorKind failure;

  /**
   * The socket, when a request can be written to it directly: epoll, and nothing between this
   * handler and the socket (no TLS). Null otherwise.
   */
  private FileDescriptor socket;

  /** Set before the last completion on this connection is reported: nothing more may go out. */
  private boolean closing;

  Http1Connection(
      ConnectionListener listener,
      byte[] request,
      ByteBuf large,
      boolean headRequests,
      int depth,
      AtomicReference<ErrorResponse> firstError) {
    this.listener = listener;
    this.request = request;
    this.large = large;
    this.parser = new Http1ResponseParser(this, headRequests);
    this.firstError = firstError;
    if (firstError.get() == null) {
      parser.captureErrorBodies(ErrorResponse.MAX_BODY_BYTES);
    }
    this.slots = new int[depth];
    this.slotRequests = large == null ? new ByteBuf[depth] : null;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    if (channel instanceof EpollSocketChannel && ctx.pipeline().first() == this) {
      socket = ((UnixChannel) channel).fd();
    }
    listener.connected(this);
  }

  @Override
  public boolean acceptsRequests() {
    return !closing;
  }

  @Override
  public int send(int slot) {
    ByteBuf buf = requestFor(slot);
    slots[(head + count++) % slots.length] = slot;
    if (!writtenDirectly(buf)) {
      channel.writeAndFlush(buf, channel.voidPromise());
    }
    return request.length;
  }

  /**
   * Writes the request with one write(2) when nothing is queued before it, skipping the pipeline
   * and the outbound buffer: a third of the CPU that sending cost in Java at 50k rps. Whatever the
   * socket does not take at once (or an error) goes the usual way, after what was written.
   */
  private boolean writtenDirectly(ByteBuf buf) {
    if (socket == null || !buf.hasMemoryAddress() || !channel.isActive()) {
      return false; // closed: the fd number may already be another socket's
    }
    ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
    if (queued == null || queued.totalPendingWriteBytes() != 0) {
      return false;
    }
    int written;
    try {
      written = socket.writeAddress(buf.memoryAddress(), buf.readerIndex(), buf.writerIndex());
    } catch (IOException e) {
      return false; // the pipeline meets the same error and closes the channel as it always does
    }
    if (written < buf.readableBytes()) {
      buf.skipBytes(written);
      return false;
    }
    buf.release();
    return true;
  }

  private ByteBuf requestFor(int slot) {
    if (slotRequests == null) {
      return large.duplicate(); // a view with its own indices; its release frees nothing
    }
    ByteBuf kept = slotRequests[slot];
    if (kept == null) {
      kept = slotRequests[slot] = encoded();
    } else if (kept.refCnt() != 1) {
      return encoded(); // the transport still holds the last write of this slot
    }
    return kept.readerIndex(0).retain();
  }

  private ByteBuf encoded() {
    return channel.alloc().directBuffer(request.length).writeBytes(request);
  }

  @Override
  public boolean abort(int slot) {
    closing = true;
    channel.close(); // HTTP/1.1 cannot cancel one request; the engine fails the rest
    return false;
  }

  @Override
  public void close() {
    closing = true;
    if (channel != null) {
      channel.close();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    try {
      if (failure == null && !parser.feed(buf)) {
        failure = ErrorKind.PROTOCOL;
        closing = true;
        ctx.close();
      }
    } finally {
      buf.release();
    }
  }

  @Override
  public void response(int status, long bytes, boolean closeAfter) {
    if (count == 0) {
      failure = ErrorKind.PROTOCOL; // a response nobody asked for
      closing = true;
      channel.close();
      return;
    }
    int slot = slots[head];
    head = (head + 1) % slots.length;
    count--;
    if (status >= 400) {
      keepFirstError(status);
    }
    // Say so before reporting: the engine refills a free slot from inside completed().
    closing |= closeAfter;
    listener.completed(slot, status, ErrorKind.ofHttpStatus(status), bytes);
    if (closeAfter) {
      channel.close();
    }
  }

  /** Off the happy path: only error responses come here, and only the first one is kept. */
  private void keepFirstError(int status) {
    String body = parser.capturedBody();
    if (body != null) {
      firstError.compareAndSet(null, new ErrorResponse(status, body));
      parser.captureErrorBodies(0); // this connection has done its part; stop copying
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closing = true; // a body that ends with the connection completes below
    if (slotRequests != null) {
      for (int i = 0; i < slotRequests.length; i++) {
        ReferenceCountUtil.safeRelease(slotRequests[i]);
        slotRequests[i] = null;
      }
    }
    if (failure == null) {
      if (!parser.endOfInput()) {
        failure = ErrorKind.RESET; // closed in the middle of a response
      } else if (count > 0) {
        failure = ErrorKind.RESET;
      }
    }
    listener.closed(failure);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (failure == null) {
      failure = ErrorKind.RESET;
    }
    closing = true;
    ctx.close();
  }
}
