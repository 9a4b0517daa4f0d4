package io.meshbench.engine.spec;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the load goes, parsed from a spec's target for its protocol.
 *
 * @param pathAndQuery the request target for HTTP-like protocols, never empty ("/" at least)
 */
public record TargetAddress(String scheme, String host, int port, String pathAndQuery) {

  /** The host as it goes in a Host header or authority: IPv6 literals keep their brackets. */
  public String authority() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return h + ":" + port;
  }

  public static TargetAddress parse(Protocol protocol, String target) {
    String expected =
        switch (protocol) {
          case HTTP, HTTP2, ML -> "http";
          case WEBSOCKET -> "ws";
          case GRPC -> "grpc";
        };
    String text = target.trim();
    if (protocol == Protocol.GRPC && !text.contains("://")) {
      text = "grpc://" + text;
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new SpecException("target", "is not a valid URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!scheme.equals(expected)) {
      String hint = hintFor(scheme);
      throw new SpecException(
          "target",
          "must be a "
              + expected
              + "://host:port/ URL for protocol "
              + protocol
              + " (got '"
              + target
              + "')"
              + hint);
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new SpecException("target", "has no host (got '" + target + "')");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort();
    if (port == -1) {
      port = 80;
    } else if (port < 1 || port > 65535) { // URI accepts any digits
      throw new SpecException("target", "port must be from 1 to 65535 (got '" + target + "')");
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path = path + "?" + uri.getRawQuery();
    }
    return new TargetAddress(scheme, host, port, path);
  }

  private static String hintFor(String scheme) {
    return switch (scheme) {
      case "https", "wss" -> "; TLS targets are not supported: point at the plain-text port";
      case "ws" -> "; use --protocol websocket for ws:// URLs";
      case "grpc" -> "; use --protocol grpc for grpc:// targets";
      default -> "";
    };
  }
}
