package io.meshbench.platform.cli;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.meshbench.platform.job.Json;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A field of a job document that does not read, said as its path and what it must be: {@code
 * spec.duration must be a number (got "x")}. Jackson's own text names Java types and its features,
 * which mean nothing to someone who edited a JSON file.
 */
final class FieldProblem {
  private FieldProblem() {}

  static String describe(JsonMappingException e) {
    String path = path(e.getPath());
    if (e.getCause() instanceof IllegalArgumentException cause && cause.getMessage() != null) {
      String said = cause.getMessage().lines().findFirst().orElse("");
      // "mesh_type must be one of …" from the type itself: put the whole path in its place.
      String leaf = e.getPath().get(e.getPath().size() - 1).getFieldName();
      return leaf != null && said.startsWith(leaf + " ")
          ? path + said.substring(leaf.length())
          : path + ": " + said;
    }
    Class<?> type = e instanceof MismatchedInputException m ? m.getTargetType() : null;
    String expected = type == null ? "valid" : expected(type);
    String got = e instanceof InvalidFormatException f ? " (got " + quoted(f.getValue()) + ")" : "";
    return path + " must be " + expected + got;
  }

  static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : references) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "the document" : path.toString();
  }

  private static String expected(Class<?> type) {
    if (type == double.class || type == Double.class || type == float.class) {
      return "a number";
    }
    if (type == int.class
        || type == Integer.class
        || type == long.class
        || type == Long.class
        || type == short.class) {
      return "a whole number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(constant -> Json.mapper().convertValue(constant, String.class))
              .collect(Collectors.joining(", "));
    }
    if (TemporalAccessor.class.isAssignableFrom(type)) {
      return "an ISO-8601 time, e.g. 2026-01-31T12:00:00Z";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
      return "an object";
    }
    return "a " + type.getSimpleName();
  }

  private static String quoted(Object value) {
    return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
  }
}
