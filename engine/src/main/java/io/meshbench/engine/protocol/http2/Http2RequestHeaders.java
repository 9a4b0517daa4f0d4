package io.meshbench.engine.protocol.http2;

import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.TargetAddress;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/** The run's one request as HTTP/2 headers, built once and only ever read afterwards. */
final class Http2RequestHeaders {
  static final String USER_AGENT = "meshbench";

  /** Connection-specific fields that HTTP/2 forbids (RFC 9113 §8.2.2), and framing we set. */
  private static final Set<String> DROPPED =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "transfer-encoding",
          "upgrade",
          "te",
          "host",
          "content-length");

  private Http2RequestHeaders() {}

  static Http2Headers build(LoadSpec spec, TargetAddress address, int bodyBytes) {
    Http2Headers h = new DefaultHttp2Headers(true);
    h.method(AsciiString.cached(spec.method()));
    h.scheme(AsciiString.cached("http"));
    String host = header(spec, "host");
    h.authority(new AsciiString(host != null ? host : address.authority()));
    h.path(new AsciiString(address.pathAndQuery()));
    if (header(spec, "user-agent") == null) {
      h.add(AsciiString.cached("user-agent"), AsciiString.cached(USER_AGENT));
    }
    for (var e : spec.headers().entrySet()) {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      if (!DROPPED.contains(name)) {
        h.add(new AsciiString(name), new AsciiString(e.getValue()));
      }
    }
    if (bodyBytes > 0 && header(spec, "content-type") == null) {
      h.add(AsciiString.cached("content-type"), AsciiString.cached("application/octet-stream"));
    }
    if (bodyBytes > 0 || !(spec.method().equals("GET") || spec.method().equals("HEAD"))) {
      h.addInt(AsciiString.cached("content-length"), bodyBytes);
    }
    return h;
  }

  /** The literal body if one is given, otherwise {@code payload_bytes} of filler. */
  static byte[] body(LoadSpec spec) {
    if (spec.body() != null) {
      return spec.body().getBytes(StandardCharsets.UTF_8);
    }
    byte[] filler = new byte[spec.payloadBytes()];
    Arrays.fill(filler, (byte) 'x');
    return filler;
  }

  private static String header(LoadSpec spec, String lowerName) {
    for (var e : spec.headers().entrySet()) {
      if (e.getKey().equalsIgnoreCase(lowerName)) {
        return e.getValue();
      }
    }
    return null;
  }
}
