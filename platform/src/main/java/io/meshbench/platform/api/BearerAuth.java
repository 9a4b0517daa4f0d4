package io.meshbench.platform.api;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/** Guards mutating routes with a bearer token, compared in constant time. */
final class BearerAuth {
  private static final Set<HandlerType> MUTATING =
      Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

  private final byte[] expected;

  BearerAuth(String token) {
    this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  void check(Context ctx) {
    if (!MUTATING.contains(ctx.method())) {
      return;
    }
    String header = ctx.header("Authorization");
    byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, given)) {
      throw new ApiError(
          401,
          "unauthorized",
          "this route needs the header 'Authorization: Bearer <MESHBENCH_API_TOKEN>'",
          null);
    }
  }
}
