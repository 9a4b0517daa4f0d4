package io.meshbench.engine.protocol.websocket;

import io.meshbench.engine.protocol.Connection;
import io.meshbench.engine.protocol.ConnectionListener;
import io.meshbench.engine.stats.ErrorKind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One WebSocket connection: sends messages whose header names their slot and matches each echo to
 * its slot by that header, so echoes may come back in any order. Runs entirely on its event loop.
 * Reported ready when the upgrade handshake completes.
 */
final class WebSocketClientConnection extends ChannelInboundHandlerAdapter implements Connection {
  private final ConnectionListener listener;
  private final AtomicReference<String> firstError; // of the run, shared by its connections
  private final boolean text;
  private final int payloadBytes;
  // One message per slot, written again and again; a slot's buffer is rewritten only when the
  // transport has let go of its last send (reference count back to 1).
  private final ByteBuf[] slotMessages;
  private final int[] generation; // of the message the slot waits for
  private final boolean[] waiting;
  private Channel channel;
  private boolean ready;
  private boolean closing;
  private boolean expectedClose;
  private ErrorKind failure;
  // The echo being read, which may come in fragments of any size: its first header bytes so far
  // (MessageHeader.BYTES at most, the first in the highest byte), how many, and its size so far.
  private boolean inMessage;
  private long headerBits;
  private int headerBytes;
  private long messageBytes;

  WebSocketClientConnection(
      ConnectionListener listener,
      boolean text,
      int payloadBytes,
      int messagesInFlight,
      AtomicReference<String> firstError) {
    this.listener = listener;
    this.firstError = firstError;
    this.text = text;
    this.payloadBytes = payloadBytes;
    this.slotMessages = new ByteBuf[messagesInFlight];
    this.generation = new int[messagesInFlight];
    this.waiting = new boolean[messagesInFlight];
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    ctx.fireChannelActive(); // the protocol handler sends the upgrade request
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      ready = true;
      listener.connected(this);
    } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      ctx.close();
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  // ---- Connection ----

  @Override
  public boolean acceptsRequests() {
    return !closing;
  }

  @Override
  public int send(int slot) {
    int gen = (generation[slot] + 1) % MessageHeader.GENERATIONS;
    generation[slot] = gen;
    waiting[slot] = true;
    ByteBuf message = messageFor(slot);
    MessageHeader.write(message, slot, gen);
    WebSocketFrame frame =
        text ? new TextWebSocketFrame(message) : new BinaryWebSocketFrame(message);
    channel.writeAndFlush(frame, channel.voidPromise());
    return payloadBytes;
  }

  private ByteBuf messageFor(int slot) {
    ByteBuf kept = slotMessages[slot];
    if (kept == null) {
      kept = slotMessages[slot] = newMessage();
    } else if (kept.refCnt() != 1) {
      return newMessage(); // the transport still holds the last send of this slot
    }
    return kept.readerIndex(0).retain();
  }

  private ByteBuf newMessage() {
    ByteBuf buf = channel.alloc().directBuffer(payloadBytes);
    for (int i = 0; i < payloadBytes; i++) {
      buf.writeByte('x');
    }
    return buf;
  }

  @Override
  public boolean abort(int slot) {
    waiting[slot] = false; // a late echo of this message is ignored by its generation
    return true;
  }

  @Override
  public void close() {
    closing = true;
    expectedClose = true;
    if (channel != null) {
      channel.close();
    }
  }

  // ---- echoes ----

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof ContinuationWebSocketFrame cont) {
        continued(cont);
      } else if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
        echoed((WebSocketFrame) msg);
      } else if (msg instanceof CloseWebSocketFrame) {
        // The server closes: send nothing more; what is in flight fails as a reset.
        closing = true;
        ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
            .addListener(ChannelFutureListener.CLOSE);
      } // pings are answered and pongs dropped by the protocol handler; others are not ours
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void echoed(WebSocketFrame frame) {
    inMessage = true;
    headerBits = 0;
    headerBytes = 0;
    messageBytes = 0;
    fragment(frame);
  }

  private void continued(ContinuationWebSocketFrame frame) {
    if (!inMessage) {
      protocolError();
      return;
    }
    fragment(frame);
  }

  /** One frame of an echo: its header bytes are collected until there are enough to match it. */
  private void fragment(WebSocketFrame frame) {
    ByteBuf content = frame.content();
    messageBytes += content.readableBytes();
    for (int i = content.readerIndex();
        headerBytes < MessageHeader.BYTES && i < content.writerIndex();
        i++) {
      headerBits = headerBits << 8 | (content.getByte(i) & 0xff);
      headerBytes++;
    }
    if (!frame.isFinalFragment()) {
      return;
    }
    inMessage = false;
    int header = headerBytes < MessageHeader.BYTES ? -1 : MessageHeader.parse(headerBits);
    int slot = header < 0 ? -1 : header / MessageHeader.GENERATIONS;
    if (slot < 0 || slot >= waiting.length) {
      protocolError(); // not an echo of ours
      return;
    }
    complete(header, messageBytes);
  }

  private void complete(int header, long bytes) {
    int slot = header / MessageHeader.GENERATIONS;
    if (!waiting[slot] || generation[slot] != header % MessageHeader.GENERATIONS) {
      return; // the echo of a message the engine already gave up on
    }
    waiting[slot] = false;
    listener.completed(slot, -1, null, bytes);
  }

  private void protocolError() {
    if (failure == null) {
      failure = ErrorKind.PROTOCOL;
    }
    closing = true;
    channel.close();
  }

  // ---- the end ----

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closing = true;
    for (int i = 0; i < slotMessages.length; i++) {
      ReferenceCountUtil.safeRelease(slotMessages[i]);
      slotMessages[i] = null;
    }
    ErrorKind cause;
    if (!ready) {
      cause = failure == ErrorKind.PROTOCOL ? failure : ErrorKind.CONNECT;
    } else if (failure != null) {
      cause = failure;
    } else {
      cause = expectedClose ? null : ErrorKind.RESET; // dropped, or closed by the server
    }
    listener.closed(cause);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (failure == null && ready) {
      failure = ErrorKind.RESET;
    } else if (failure == null && cause instanceof WebSocketHandshakeException) {
      // The server answered the upgrade, but not with a WebSocket we asked for.
      failure = ErrorKind.PROTOCOL;
      firstError.compareAndSet(null, "WebSocket handshake failed: " + cause.getMessage());
    }
    closing = true;
    ctx.close();
  }
}
