package io.meshbench.engine.protocol.http2;

import io.meshbench.engine.protocol.ByteCounter;
import io.meshbench.engine.protocol.Connection;
import io.meshbench.engine.protocol.ConnectionListener;
import io.meshbench.engine.stats.ErrorKind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Flags;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/2 connection: each engine slot is one stream at a time. Streams find their slot through
 * a stream property; {@code streamOfSlot} says which stream a slot currently waits for, so a late
 * frame of a stream the engine already gave up on (timeout, RST_STREAM sent) is ignored. Runs
 * entirely on its event loop.
 *
 * <p>The connection is reported ready once the server's first SETTINGS arrive, so that connect time
 * includes the preface exchange and SETTINGS_MAX_CONCURRENT_STREAMS is known before the first
 * request.
 */
final class Http2ClientConnection extends ChannelInboundHandlerAdapter
    implements Connection, Http2FrameListener {
  /** Boxed slot numbers, shared: a stream property holds one without allocating. */
  private static final Integer[] SLOTS = new Integer[1000];

  static {
    for (int i = 0; i < SLOTS.length; i++) {
      SLOTS[i] = i;
    }
  }

  private final ConnectionListener listener;
  private final Http2Connection connection;
  private final Http2Connection.PropertyKey slotKey;
  private final Http2Headers headers;
  private final ByteBuf body; // unreleasable, shared by every connection of the run
  private final int[] streamOfSlot; // 0 = the slot waits for nothing
  private final int[] statusOfSlot; // -1 until a final :status arrives
  private final boolean[] endedOfSlot; // the response ended; reported when its stream closes
  private final int connectTimeoutMs;
  private Http2ConnectionHandler codec;
  private ChannelHandlerContext codecCtx;
  private ByteCounter bytes;
  private Channel channel;
  private ScheduledFuture<?> handshakeTimer;
  private boolean ready;
  private boolean closing; // GOAWAY received or close begun: nothing more goes out
  private boolean expectedClose; // closed by us or after GOAWAY: not a reset
  private int goAwayLastStreamId = Integer.MAX_VALUE; // streams above it were not processed
  private int refusedStreamId; // the stream a REFUSED_STREAM reset is about to close
  private ErrorKind failure;

  Http2ClientConnection(
      ConnectionListener listener,
      Http2Connection connection,
      Http2Headers headers,
      ByteBuf body,
      int streams,
      int connectTimeoutMs) {
    this.listener = listener;
    this.connection = connection;
    this.slotKey = connection.newKey();
    this.headers = headers;
    this.body = body;
    this.streamOfSlot = new int[streams];
    this.statusOfSlot = new int[streams];
    this.endedOfSlot = new boolean[streams];
    this.connectTimeoutMs = connectTimeoutMs;
    connection.addListener(
        new Http2ConnectionAdapter() {
          @Override
          public void onStreamClosed(Http2Stream stream) {
            streamClosed(stream);
          }
        });
  }

  void codec(Http2ConnectionHandler codec) {
    this.codec = codec;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    codecCtx = ctx.pipeline().context(codec);
    bytes = ctx.pipeline().get(ByteCounter.class);
    handshakeTimer =
        ctx.executor()
            .schedule(
                () -> {
                  if (!ready) {
                    ctx.close(); // no SETTINGS: not an HTTP/2 server, or a stuck one
                  }
                },
                connectTimeoutMs,
                TimeUnit.MILLISECONDS);
    ctx.fireChannelActive();
  }

  // ---- Connection: called by the engine ----

  @Override
  public boolean acceptsRequests() {
    return !closing && connection.local().canOpenStream();
  }

  @Override
  public int send(int slot) {
    int id = connection.local().incrementAndGetNextStreamId();
    if (id < 0) {
      closing = true; // stream ids exhausted: the engine opens a fresh connection
      expectedClose = true;
      channel.close();
      return 0;
    }
    streamOfSlot[slot] = id;
    statusOfSlot[slot] = -1;
    endedOfSlot[slot] = false;
    boolean headersOnly = !body.isReadable();
    codec.encoder().writeHeaders(codecCtx, id, headers, 0, headersOnly, codecCtx.newPromise());
    Http2Stream stream = connection.stream(id);
    if (stream != null) {
      stream.setProperty(slotKey, SLOTS[slot]);
      if (!headersOnly) {
        codec.encoder().writeData(codecCtx, id, body.duplicate(), 0, true, codecCtx.newPromise());
      }
    } else {
      failure = ErrorKind.PROTOCOL; // the codec refused to open the stream
      closing = true;
      channel.close();
    }
    channel.flush(); // through the codec, which writes what its flow control holds
    return bytes.takeWritten();
  }

  @Override
  public boolean abort(int slot) {
    int id = streamOfSlot[slot];
    streamOfSlot[slot] = 0;
    Http2Stream stream = id == 0 ? null : connection.stream(id);
    if (stream != null) {
      codec.resetStream(codecCtx, id, Http2Error.CANCEL.code(), codecCtx.newPromise());
      channel.flush();
    }
    return true; // other streams carry on
  }

  @Override
  public void close() {
    closing = true;
    expectedClose = true;
    if (channel != null) {
      channel.close();
    }
  }

  // ---- completions ----

  private int slotOf(int streamId) {
    Http2Stream stream = connection.stream(streamId);
    Integer slot = stream == null ? null : stream.getProperty(slotKey);
    return slot != null && streamOfSlot[slot] == streamId ? slot : -1;
  }

  private void complete(int slot) {
    streamOfSlot[slot] = 0; // before reporting: the engine may reuse the slot at once
    int status = statusOfSlot[slot];
    ErrorKind error = status < 0 ? ErrorKind.PROTOCOL : ErrorKind.ofHttpStatus(status);
    listener.completed(slot, status, error, bytes.takeRead());
  }

  private void fail(int slot, ErrorKind kind) {
    streamOfSlot[slot] = 0;
    listener.completed(slot, -1, kind, bytes.takeRead());
  }

  /**
   * Reports a stream's outcome once the codec has closed it: then it no longer counts against the
   * server's stream limit, so the engine may open the next one from inside the report. A stream
   * that closes before its response ended was either not processed by the server (above a GOAWAY's
   * last stream id, or refused with REFUSED_STREAM: RFC 9113 §8.7 says it may be retried, so the
   * engine sends it again) or reset by the peer, or dropped by a close (a reset).
   */
  private void streamClosed(Http2Stream stream) {
    Integer slot = stream.getProperty(slotKey);
    if (slot != null && streamOfSlot[slot] == stream.id()) {
      if (endedOfSlot[slot]) {
        complete(slot);
      } else if (stream.id() > goAwayLastStreamId || stream.id() == refusedStreamId) {
        streamOfSlot[slot] = 0;
        listener.refused(slot, bytes.takeRead());
      } else {
        fail(slot, ErrorKind.RESET);
      }
    }
    if (stream.id() == refusedStreamId) {
      refusedStreamId = 0;
    }
    if (closing && ready && connection.numActiveStreams() == 0 && channel.isActive()) {
      expectedClose = true;
      channel.close(); // the last stream after GOAWAY is done
    }
  }

  // ---- Http2FrameListener: called by the codec ----

  @Override
  public int onDataRead(
      ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
    int processed = data.readableBytes() + padding; // consumed at once: flow control refills
    if (endOfStream) {
      int slot = slotOf(streamId);
      if (slot >= 0) {
        endedOfSlot[slot] = true;
      }
    }
    return processed;
  }

  @Override
  public void onHeadersRead(
      ChannelHandlerContext ctx,
      int streamId,
      Http2Headers headers,
      int padding,
      boolean endOfStream) {
    int slot = slotOf(streamId);
    if (slot < 0) {
      return;
    }
    CharSequence status = headers.status();
    if (status != null) {
      int code = parseStatus(status);
      if (code < 100) {
        return; // no valid status: reported as a protocol error when the stream ends
      }
      if (code >= 200) {
        statusOfSlot[slot] = code; // 1xx are interim: the final status follows
      }
    }
    if (endOfStream) {
      endedOfSlot[slot] = true;
    }
  }

  @Override
  public void onHeadersRead(
      ChannelHandlerContext ctx,
      int streamId,
      Http2Headers headers,
      int streamDependency,
      short weight,
      boolean exclusive,
      int padding,
      boolean endOfStream) {
    onHeadersRead(ctx, streamId, headers, padding, endOfStream);
  }

  /** Three ASCII digits, or -1. */
  static int parseStatus(CharSequence s) {
    if (s.length() != 3) {
      return -1;
    }
    int code = 0;
    for (int i = 0; i < 3; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      code = code * 10 + (c - '0');
    }
    return code;
  }

  @Override
  public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
    // The codec closes the stream next: streamClosed reports the reset, or the refusal.
    if (errorCode == Http2Error.REFUSED_STREAM.code()) {
      refusedStreamId = streamId;
    }
  }

  @Override
  public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) {
    if (ready) {
      return;
    }
    ready = true;
    handshakeTimer.cancel(false);
    try {
      // The connection window starts at 64 KiB whatever SETTINGS say; open it like the streams'.
      connection
          .local()
          .flowController()
          .incrementWindowSize(
              connection.connectionStream(),
              Http2Client.WINDOW_BYTES - Http2CodecUtil.DEFAULT_WINDOW_SIZE);
    } catch (Exception e) {
      failure = ErrorKind.PROTOCOL;
      ctx.close();
      return;
    }
    channel.flush();
    listener.connected(this);
  }

  @Override
  public void onGoAwayRead(
      ChannelHandlerContext ctx, int lastStreamId, long errorCode, ByteBuf debugData) {
    // The codec closes the streams above lastStreamId after this call (they were never processed:
    // streamClosed hands them back to the engine); the rest may still finish.
    closing = true;
    expectedClose = true;
    goAwayLastStreamId = Math.min(goAwayLastStreamId, lastStreamId);
    if (connection.numActiveStreams() == 0) {
      ctx.close();
    }
  }

  @Override
  public void onPriorityRead(
      ChannelHandlerContext ctx, int streamId, int dependency, short weight, boolean exclusive) {}

  @Override
  public void onSettingsAckRead(ChannelHandlerContext ctx) {}

  @Override
  public void onPingRead(ChannelHandlerContext ctx, long data) {}

  @Override
  public void onPingAckRead(ChannelHandlerContext ctx, long data) {}

  @Override
  public void onPushPromiseRead(
      ChannelHandlerContext ctx,
      int streamId,
      int promisedStreamId,
      Http2Headers headers,
      int padding) {}

  @Override
  public void onWindowUpdateRead(
      ChannelHandlerContext ctx, int streamId, int windowSizeIncrement) {}

  @Override
  public void onUnknownFrame(
      ChannelHandlerContext ctx, byte frameType, int streamId, Http2Flags flags, ByteBuf payload) {}

  // ---- the end ----

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closing = true;
    if (handshakeTimer != null) {
      handshakeTimer.cancel(false);
    }
    ErrorKind cause;
    if (!ready) {
      cause = ErrorKind.CONNECT;
    } else if (failure != null) {
      cause = failure;
    } else {
      cause = expectedClose ? null : ErrorKind.RESET;
    }
    listener.closed(cause);
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
