package io.meshbench.engine.stats;

/**
 * The one integer space in which protocols report status codes to the engine ({@code
 * ConnectionListener.completed}), and the names those codes get in a result's {@code status_codes}.
 *
 * <p>HTTP statuses are themselves (0 to 599, named "200", "503"). gRPC status codes (0 to 16) are
 * reported as {@link #GRPC_BASE} + code and named by their canonical names ("OK", "UNAVAILABLE"),
 * so that one run's map never confuses gRPC code 14 with anything HTTP, and a recorder keeps one
 * flat, allocation-free counter array for both.
 */
public final class StatusCodes {
  /** gRPC code {@code c} travels as {@code GRPC_BASE + c}. */
  public static final int GRPC_BASE = 1000;

  /** Canonical names of gRPC codes 0..16, as in {@code io.grpc.Status.Code}. */
  private static final String[] GRPC_NAMES = {
    "OK",
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED"
  };

  /** Codes from 0 (inclusive) to this (exclusive) are counted. */
  public static final int LIMIT = GRPC_BASE + GRPC_NAMES.length;

  private StatusCodes() {}

  /** The reported form of gRPC status code {@code code} (0 to 16). */
  public static int grpc(int code) {
    if (code < 0 || code >= GRPC_NAMES.length) {
      throw new IllegalArgumentException("not a gRPC status code: " + code);
    }
    return GRPC_BASE + code;
  }

  /** The key of a reported code in {@code status_codes}: "200" for HTTP, "UNAVAILABLE" for gRPC. */
  public static String name(int reported) {
    if (reported >= GRPC_BASE && reported < LIMIT) {
      return GRPC_NAMES[reported - GRPC_BASE];
    }
    return Integer.toString(reported);
  }
}
