package io.meshbench.engine.protocol.websocket;

import io.netty.buffer.ByteBuf;

/**
 * The first {@value #BYTES} bytes of every message: {@code #SSSGGG:} in ASCII, where SSS is the
 * slot (000-999) and GGG the slot's send count modulo 1000. ASCII keeps text frames valid UTF-8;
 * the count tells the echo of a message the engine gave up on (timeout) from the slot's next one.
 */
final class MessageHeader {
  static final int BYTES = 8;
  static final int MAX_SLOTS = 1000;
  static final int GENERATIONS = 1000;

  private MessageHeader() {}

  /** Writes the header at the start of {@code buf}, leaving its indices alone. */
  static void write(ByteBuf buf, int slot, int generation) {
    buf.setByte(0, '#');
    digits(buf, 1, slot);
    digits(buf, 4, generation);
    buf.setByte(7, ':');
  }

  /**
   * slot × 1000 + generation from the header's 8 bytes, the first in the highest byte of {@code
   * bytes}; -1 when they are not a header.
   */
  static int parse(long bytes) {
    if ((bytes >>> 56) != '#' || (bytes & 0xff) != ':') {
      return -1;
    }
    int value = 0;
    for (int i = 1; i <= 6; i++) {
      int d = (int) (bytes >>> (56 - 8 * i) & 0xff) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }

  private static void digits(ByteBuf buf, int at, int n) {
    buf.setByte(at, '0' + n / 100);
    buf.setByte(at + 1, '0' + n / 10 % 10);
    buf.setByte(at + 2, '0' + n % 10);
  }
}
