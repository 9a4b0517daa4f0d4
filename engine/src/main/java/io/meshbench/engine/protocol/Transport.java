package io.meshbench.engine.protocol;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Locale;

/**
 * The Netty I/O transport of the engine's client connections: native epoll or io_uring on Linux,
 * NIO everywhere. (The built-in target chooses its own, {@code ServerTransport}.)
 */
public enum Transport {
  EPOLL("epoll"),
  IO_URING("io_uring"),
  NIO("nio");

  private final String wireName;

  Transport(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Whether this transport's native library loads on this machine. */
  public boolean available() {
    return switch (this) {
      case EPOLL -> Epoll.isAvailable();
      case IO_URING -> IoUring.isAvailable();
      case NIO -> true;
    };
  }

  /** Epoll where it loads, NIO otherwise. */
  public static Transport best() {
    return EPOLL.available() ? EPOLL : NIO;
  }

  /**
   * Resolves a user's choice: "auto" (or null) is {@link #best()}; a named native transport that
   * does not load falls back to NIO rather than failing the run.
   */
  public static Transport choose(String name) {
    if (name == null || name.isBlank() || name.equalsIgnoreCase("auto")) {
      return best();
    }
    for (Transport t : values()) {
      if (t.wireName.equalsIgnoreCase(name.trim().toLowerCase(Locale.ROOT).replace('-', '_'))) {
        return t.available() ? t : NIO;
      }
    }
    throw new IllegalArgumentException(
        "transport must be auto, epoll, io_uring or nio (got '" + name + "')");
  }

  public EventLoopGroup newGroup(int threads, String threadPrefix) {
    IoHandlerFactory factory =
        switch (this) {
          case EPOLL -> EpollIoHandler.newFactory();
          case IO_URING -> IoUringIoHandler.newFactory();
          case NIO -> NioIoHandler.newFactory();
        };
    return new MultiThreadIoEventLoopGroup(
        threads, new DefaultThreadFactory(threadPrefix, true), factory);
  }

  public Class<? extends SocketChannel> socketChannel() {
    return switch (this) {
      case EPOLL -> EpollSocketChannel.class;
      case IO_URING -> IoUringSocketChannel.class;
      case NIO -> NioSocketChannel.class;
    };
  }

  @Override
  public String toString() {
    return wireName;
  }
}
