package io.meshbench.engine.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Counts the bytes a connection writes and reads, next to the socket, for protocols whose codec
 * frames requests itself (HTTP/2, WebSocket). A protocol reports the growth since its last report,
 * so the run's byte totals are exact (control frames included). Lives on the channel's loop.
 */
public final class ByteCounter extends ChannelDuplexHandler {
  private long written;
  private long read;
  private long writtenReported;
  private long readReported;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    read += size(msg);
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    written += size(msg);
    ctx.write(msg, promise);
  }

  /** Bytes written since the previous call. */
  public int takeWritten() {
    long n = written - writtenReported;
    writtenReported = written;
    return (int) Math.min(Integer.MAX_VALUE, n);
  }

  /** Bytes read since the previous call. */
  public long takeRead() {
    long n = read - readReported;
    readReported = read;
    return n;
  }

  private static long size(Object msg) {
    if (msg instanceof ByteBuf b) {
      return b.readableBytes();
    }
    if (msg instanceof ByteBufHolder h) {
      return h.content().readableBytes();
    }
    return 0;
  }
}
