package io.meshbench.engine.protocol.http;

import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.TargetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** Encodes the run's one request once: request line, headers and body, as bytes on the wire. */
final class Http1RequestEncoder {
  static final String USER_AGENT = "meshbench";

  private Http1RequestEncoder() {}

  static byte[] encode(LoadSpec spec, TargetAddress address) {
    byte[] body = body(spec);
    StringBuilder head = new StringBuilder(256);
    head.append(spec.method()).append(' ').append(address.pathAndQuery()).append(" HTTP/1.1\r\n");
    Map<String, String> headers = spec.headers();
    if (!hasHeader(headers, "host")) {
      head.append("Host: ").append(address.authority()).append("\r\n");
    }
    if (!hasHeader(headers, "user-agent")) {
      head.append("User-Agent: ").append(USER_AGENT).append("\r\n");
    }
    for (var h : headers.entrySet()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.equals("content-length") || name.equals("transfer-encoding")) {
        continue; // framing is ours to set
      }
      head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    if (body.length > 0 && !hasHeader(headers, "content-type")) {
      head.append("Content-Type: application/octet-stream\r\n");
    }
    if (body.length > 0 || !(spec.method().equals("GET") || spec.method().equals("HEAD"))) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] encoded = Arrays.copyOf(headBytes, headBytes.length + body.length);
    System.arraycopy(body, 0, encoded, headBytes.length, body.length);
    return encoded;
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

  private static boolean hasHeader(Map<String, String> headers, String lowerName) {
    return headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(lowerName));
  }
}
