package io.meshbench.target;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import java.util.List;

/**
 * Reads just enough of a new connection to tell HTTP/2 with prior knowledge (it opens with the
 * 24-byte preface {@code PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n}) from HTTP/1.1, installs that protocol's
 * stages and steps aside; the bytes read so far go on to them. A connection whose first bytes
 * differ from the preface is HTTP/1.1 at once, so HTTP/1.1 clients never wait.
 */
final class ProtocolSniffer extends ByteToMessageDecoder {
  private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

  private final TargetCounters counters;

  ProtocolSniffer(TargetCounters counters) {
    this.counters = counters;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int length = Math.min(in.readableBytes(), PREFACE.readableBytes());
    boolean matches =
        ByteBufUtil.equals(in, in.readerIndex(), PREFACE, PREFACE.readerIndex(), length);
    if (matches && length < PREFACE.readableBytes()) {
      return; // could still be either: wait for more
    }
    if (matches) {
      TargetServerInitializer.addHttp2(ctx.pipeline(), counters);
    } else {
      TargetServerInitializer.addHttp1(ctx.pipeline(), counters);
    }
    ctx.pipeline().remove(this); // hands what it holds to the stages just added
  }
}
