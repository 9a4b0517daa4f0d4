package io.meshbench.platform.api;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards mutating routes with a bearer token, compared in constant time. The scheme name is
 * case-insensitive (RFC 9110 §11.1): {@code Bearer}, {@code bearer} and {@code BEARER} all work.
 */
final class BearerAuth {
  private static final String SCHEME = "bearer";

  private final byte[] expected;

  BearerAuth(String token) {
    this.expected = token.getBytes(StandardCharsets.UTF_8);
  }

  void check(Context ctx) {
    if (!RequestGuard.isMutating(ctx)) {
      return;
    }
    String header = ctx.header("Authorization");
    byte[] given = new byte[0];
    if (header != null) {
      String value = header.strip();
      int space = value.indexOf(' ');
      if (space > 0 && value.substring(0, space).equalsIgnoreCase(SCHEME)) {
        given = value.substring(space + 1).strip().getBytes(StandardCharsets.UTF_8);
      }
    }
    if (!MessageDigest.isEqual(expected, given)) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"meshbench\"");
      throw new ApiError(
          401,
          "unauthorized",
          (given.length == 0
                  ? "no bearer token was sent"
                  : "the bearer token was refused (it is not the server's MESHBENCH_API_TOKEN)")
              + "; this route needs the header 'Authorization: Bearer <MESHBENCH_API_TOKEN>'",
          null);
    }
  }
}
