package io.meshbench.platform.api;

import io.javalin.http.Context;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.spec.SpecException;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.store.JobQuery;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Query parameters shared by the list routes, read with errors that name the parameter. */
final class Params {
  private Params() {}

  static JobQuery jobQuery(Context ctx, String testParam, String meshParam, int defaultLimit) {
    return new JobQuery(
        status(ctx.queryParam("status_filter")),
        testType(ctx.queryParam(testParam), testParam),
        meshType(ctx.queryParam(meshParam), meshParam),
        limit(ctx.queryParam("limit"), defaultLimit));
  }

  static JobStatus status(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return JobStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiError.badField(
          "status_filter",
          "status_filter must be one of "
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
