package io.meshbench.platform.api;

import io.javalin.http.Context;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.spec.SpecException;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.store.JobQuery;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Query parameters shared by the list routes, read with errors that name the parameter. */
final class Params {
  private Params() {}

  /** The list filters' names: ours first, then the original system's, both accepted. */
  static final List<String> JOB_FILTERS =
      List.of(
          "status",
          "status_filter",
          "test_type",
          "test_type_filter",
          "mesh_type",
          "created_since",
          "created_before",
          "limit",
          "full");

  static final List<String> RESULT_FILTERS =
      List.of("test_type", "test_type_filter", "mesh_type", "limit", "full");

  static final List<String> SUMMARY_FILTERS = List.of("test_type", "mesh_type");

  /** What each query parameter means, for /openapi.json; a name not here is a plain string. */
  static final Map<String, String> DESCRIPTIONS =
      Map.of(
          "created_since",
          "only jobs created at or after this instant (ISO-8601, e.g. 2026-12-01T00:00:00Z)",
          "created_before",
          "only jobs created before this instant (ISO-8601, e.g. 2026-12-02T00:00:00Z)",
          "limit",
          "at most this many, newest first (1 to 1000)",
          "full",
          "true: whole documents instead of summaries");

  /**
   * A job filter from {@code status}, {@code test_type}, {@code mesh_type}, {@code created_since},
   * {@code created_before} and {@code limit}.
   */
  static JobQuery jobQuery(Context ctx, int defaultLimit) {
    Instant since = instant(ctx.queryParam("created_since"), "created_since");
    Instant before = instant(ctx.queryParam("created_before"), "created_before");
    if (since != null && before != null && !since.isBefore(before)) {
      throw ApiError.badField(
          "created_before",
          "created_before must be later than created_since (got " + before + " and " + since + ")");
    }
    return new JobQuery(
        status(either(ctx, "status", "status_filter"), given(ctx, "status", "status_filter")),
        testType(
            either(ctx, "test_type", "test_type_filter"),
            given(ctx, "test_type", "test_type_filter")),
        meshType(ctx.queryParam("mesh_type"), "mesh_type"),
        since,
        before,
        limit(ctx.queryParam("limit"), defaultLimit));
  }

  /** An ISO-8601 instant with its offset ({@code 2026-12-01T00:00:00Z}, {@code …+01:00}). */
  static Instant instant(String value, String param) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiError.badField(
          param,
          param
              + " must be an ISO-8601 date and time with its offset, e.g. 2026-12-01T00:00:00Z"
              + " (got '"
              + value
              + "')");
    }
  }

  /** {@code ?full=true} asks a listing for whole documents instead of summaries. */
  static boolean full(Context ctx) {
    String v = ctx.queryParam("full");
    if (v == null || v.isBlank() || v.equalsIgnoreCase("false")) {
      return false;
    }
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    throw ApiError.badField("full", "full must be true or false (got '" + v + "')");
  }

  /**
   * The value of a parameter that has two names (ours and the original system's); both may be given
   * only with the same value.
   */
  static String either(Context ctx, String name, String alias) {
    String a = ctx.queryParam(name);
    String b = ctx.queryParam(alias);
    if (a != null && b != null && !a.equals(b)) {
      throw ApiError.badField(
          name,
          name
              + " and "
              + alias
              + " are the same filter; they disagree ('"
              + a
              + "', '"
              + b
              + "')");
    }
    return a != null ? a : b;
  }

  /** The name the caller used, for error messages: {@code name} unless only the alias came. */
  private static String given(Context ctx, String name, String alias) {
    return ctx.queryParam(name) == null && ctx.queryParam(alias) != null ? alias : name;
  }

  /** Refuses a query parameter the route does not read: a typo must not widen a filter. */
  static void requireKnown(Context ctx, List<String> known) {
    for (String name : new TreeSet<>(ctx.queryParamMap().keySet())) {
      int given = ctx.queryParamMap().get(name).size();
      if (given > 1 && known.contains(name)) {
        throw ApiError.badField(
            name, "query parameter '" + name + "' is given " + given + " times; give it once");
      }
      if (!known.contains(name)) {
        throw ApiError.badField(
            name,
            "unknown query parameter '"
                + name
                + "'; "
                + (known.isEmpty()
                    ? "this route takes none"
                    : "this route takes " + String.join(", ", known)));
      }
    }
  }

  static JobStatus status(String value, String param) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return JobStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiError.badField(
          param,
          param
              + " must be one of "
              + Arrays.stream(JobStatus.values())
                  .map(JobStatus::wireName)
                  .collect(Collectors.joining(", "))
              + " (got '"
              + value
              + "')");
    }
  }

  static Protocol testType(String value, String param) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Protocol.fromWire(value.trim());
    } catch (SpecException e) {
      throw ApiError.badField(
          param, param + " must be one of " + Protocol.allowed() + " (got '" + value + "')");
    }
  }

  static MeshType meshType(String value, String param) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return MeshType.fromWire(value.trim());
    } catch (IllegalArgumentException e) {
      throw ApiError.badField(
          param, param + " must be one of " + MeshType.allowed() + " (got '" + value + "')");
    }
  }

  static int limit(String value, int fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= 1000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiError.badField(
        "limit", "limit must be a whole number from 1 to 1000 (got '" + value + "')");
  }
}
