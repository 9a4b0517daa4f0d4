package io.meshbench.platform.api;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses what a web page could make a browser send behind the operator's back, before any route
 * runs:
 *
 * <ul>
 *   <li>a {@code Host} that is not one of this server's names ({@link HostNames}): DNS rebinding (a
 *       page whose domain suddenly resolves to 127.0.0.1) → 403;
 *   <li>a mutating request whose {@code Origin} is another site (CSRF) → 403;
 *   <li>a mutating request with a body that is not {@code application/json}: a form or a {@code
 *       text/plain} fetch needs no CORS preflight, JSON does → 415. A bodiless {@code curl -X POST
 *       …/stop} or {@code curl -X DELETE} needs no content type;
 *   <li>a body over the limit → 413 before it is used (read and dropped up to {@link
 *       #DRAIN_LIMIT_BYTES}, see {@link #drainRefusedBody}).
 * </ul>
 */
final class RequestGuard {
  private static final Set<HandlerType> MUTATING =
      Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

  /** A refused body up to this size is read and dropped so that its 413 reaches the client. */
  static final long DRAIN_LIMIT_BYTES = 4L * 1024 * 1024;

  private final HostNames hosts;
  private final long maxBodyBytes;

  RequestGuard(HostNames hosts, long maxBodyBytes) {
    this.hosts = hosts;
    this.maxBodyBytes = maxBodyBytes;
  }

  static boolean isMutating(Context ctx) {
    return MUTATING.contains(ctx.method());
  }

  void check(Context ctx) {
    String host = ctx.header("Host");
    if (host != null && !hosts.allows(host)) {
      throw new ApiError(
          403,
          "forbidden_host",
          "Host '"
              + host
              + "' is not a name of this server; add it to MESHBENCH_ALLOWED_HOSTS"
              + " (comma-separated) if it is",
          null);
    }
    if (!isMutating(ctx)) {
      return;
    }
    String origin = ctx.header("Origin");
    if (origin != null && !sameOrigin(origin, host) && !hosts.allowsOrigin(origin)) {
      throw new ApiError(
          403,
          "forbidden_origin",
          "a request from the web page at '"
              + origin
              + "' may not change this server (cross-site request); add its host to"
              + " MESHBENCH_ALLOWED_HOSTS if it should",
          null);
    }
    long length = ctx.contentLength();
    boolean chunked = ctx.header("Transfer-Encoding") != null;
    if (length > maxBodyBytes) {
      if (length <= DRAIN_LIMIT_BYTES) {
        drainRefusedBody(ctx);
      }
      throw tooLarge(maxBodyBytes, length);
    }
    if ((length > 0 || chunked) && !isJson(ctx.header("Content-Type"))) {
      throw new ApiError(
          415,
          "unsupported_media_type",
          "request bodies must be JSON: send 'Content-Type: application/json' (got "
              + (ctx.header("Content-Type") == null
                  ? "no Content-Type"
                  : "'" + ctx.header("Content-Type") + "'")
              + ")",
          null);
    }
  }

  /**
   * Reads and drops what is left of a refused body, up to {@link #DRAIN_LIMIT_BYTES}. The client is
   * still sending it when the refusal goes out; closing the connection with it unread would make
   * the kernel answer the rest with a reset, which destroys the 413 before the client reads it.
   * Beyond the limit the connection is closed anyway: a caller sending that much is not waited for.
   */
  static void drainRefusedBody(Context ctx) {
    byte[] scratch = new byte[64 * 1024];
    long left = DRAIN_LIMIT_BYTES;
    try {
      InputStream in = ctx.req().getInputStream();
      int n;
      while (left > 0 && (n = in.read(scratch, 0, (int) Math.min(scratch.length, left))) > 0) {
        left -= n;
      }
    } catch (IOException | IllegalStateException e) {
      // the client went away, or the body was taken as a reader: the refusal stands either way
    }
  }

  static ApiError tooLarge(long maxBodyBytes, long length) {
    return new ApiError(
        413,
        "body_too_large",
        "the request body "
            + (length > 0 ? "is " + length + " bytes; " : "is too large; ")
            + "at most "
            + maxBodyBytes
            + " bytes are accepted",
        null);
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    return media.toLowerCase(Locale.ROOT).equals("application/json");
  }

  /**
   * True when the page that sent the request was served by this very address: the Origin's host and
   * port equal the Host header's (a missing port is the scheme's default).
   */
  static boolean sameOrigin(String origin, String hostHeader) {
    if (hostHeader == null || origin.equals("null")) {
      return false;
    }
    URI uri;
    try {
      uri = new URI(origin);
    } catch (URISyntaxException e) {
      return false;
    }
    if (uri.getHost() == null || uri.getScheme() == null) {
      return false;
    }
    int defaultPort = uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    int originPort = uri.getPort() < 0 ? defaultPort : uri.getPort();
    HostNames.Authority host = HostNames.Authority.parse(hostHeader);
    if (host == null) {
      return false;
    }
    int hostPort = host.port() < 0 ? defaultPort : host.port();
    return HostNames.stripBrackets(uri.getHost()).equalsIgnoreCase(host.host())
        && originPort == hostPort;
  }
}
