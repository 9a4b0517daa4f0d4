package io.meshbench.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * One of the target's listeners could not bind its port. The message names the listener's protocol,
 * the address and why, e.g. "gRPC: cannot bind 127.0.0.1:50051 (address in use)"; a caller that
 * knows which setting chose the port (a CLI flag, a config key) adds it.
 */
public final class BindFailure extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  /** The target's listeners, by the protocol they are known by. */
  public enum Listener {
    HTTP("HTTP"),
    GRPC("gRPC");

    private final String label;

    Listener(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  static final String NO_SUCH_ADDRESS = "no such local address";

  private final Listener listener;
  private final int port;
  private final boolean addressNotLocal;

  BindFailure(Listener listener, String host, int port, Throwable cause) {
    super(message(listener, host, port, cause), asIo(cause));
    this.listener = listener;
    this.port = port;
    this.addressNotLocal = NO_SUCH_ADDRESS.equals(reason(cause));
  }

  /**
   * True when the address, not the port, is what failed: no interface of this machine has it. The
   * setting to change is then the address.
   */
  public boolean addressNotLocal() {
    return addressNotLocal;
  }

  public Listener listener() {
    return listener;
  }

  /** The port that was asked for (0 for an ephemeral one). */
  public int port() {
    return port;
  }

  private static String message(Listener listener, String host, int port, Throwable cause) {
    String where = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    return listener + ": cannot bind " + where + " (" + reason(cause) + ")";
  }

  /**
   * The root cause in a few words. grpc-java wraps the socket's error in "Failed to bind to address
   * ..." and Netty's native transports prefix theirs with the system call ("bind(..) failed:"):
   * neither adds anything the message does not already say.
   */
  static String reason(Throwable cause) {
    Throwable root = cause;
    while (root != null && root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root == null ? null : root.getMessage();
    if (text == null || text.isBlank()) {
      return root == null ? "unknown error" : root.getClass().getSimpleName();
    }
    int colon = text.lastIndexOf("failed: ");
    if (colon >= 0) {
      text = text.substring(colon + "failed: ".length());
    }
    String lower = text.trim().toLowerCase(Locale.ROOT);
    if (lower.contains("address already in use")) {
      return "address in use";
    }
    if (lower.contains("cannot assign requested address")) {
      return NO_SUCH_ADDRESS;
    }
    if (lower.contains("permission denied") || lower.contains("access denied")) {
      return "permission denied";
    }
    return text.trim();
  }

  private static IOException asIo(Throwable cause) {
    return cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
  }
}
