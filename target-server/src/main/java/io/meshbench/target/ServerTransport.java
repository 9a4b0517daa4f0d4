package io.meshbench.target;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Locale;

/**
 * The Netty I/O transport the target serves on: native epoll or io_uring on Linux, NIO everywhere.
 * The target's own choice, apart from the engine's client transport: the two modules share no code,
 * and a server needs only the server-side channel.
 */
public enum ServerTransport {
  EPOLL("epoll"),
  IO_URING("io_uring"),
  NIO("nio");

  private final String wireName;

  ServerTransport(String wireName) {
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
  public static ServerTransport best() {
    return EPOLL.available() ? EPOLL : NIO;
  }

  /**
   * Resolves a user's choice: "auto" (or null) is {@link #best()}; a named native transport that
   * does not load falls back to NIO rather than failing.
   *
   * @throws IllegalArgumentException for a name that is none of auto, epoll, io_uring, nio
   */
  public static ServerTransport choose(String name) {
    if (name == null || name.isBlank() || name.equalsIgnoreCase("auto")) {
      return best();
    }
    String wanted = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (ServerTransport t : values()) {
      if (t.wireName.equals(wanted)) {
        return t.available() ? t : NIO;
      }
    }
    throw new IllegalArgumentException(
        "transport must be auto, epoll, io_uring or nio (got '" + name + "')");
  }

  EventLoopGroup newGroup(int threads, String threadPrefix) {
    IoHandlerFactory factory =
        switch (this) {
          case EPOLL -> EpollIoHandler.newFactory();
          case IO_URING -> IoUringIoHandler.newFactory();
          case NIO -> NioIoHandler.newFactory();
        };
    return new MultiThreadIoEventLoopGroup(
        threads, new DefaultThreadFactory(threadPrefix, true), factory);
  }

  Class<? extends ServerSocketChannel> serverSocketChannel() {
    return switch (this) {
      case EPOLL -> EpollServerSocketChannel.class;
      case IO_URING -> IoUringServerSocketChannel.class;
      case NIO -> NioServerSocketChannel.class;
    };
  }

  @Override
  public String toString() {
    return wireName;
  }
}
