package io.meshbench.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.platform.job.Json;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * JSON Schemas (draft 2020-12, as OpenAPI 3.1 uses) of the records the API serialises, read from
 * the records themselves: their {@code @JsonProperty} names, Java types and {@code @JsonInclude}
 * rules. What the API writes and what {@code /openapi.json} says it writes cannot drift apart.
 *
 * <p>A record becomes a component under {@code components.schemas} named by its simple name; every
 * key that Jackson always writes is required, and no other key is allowed. A reference type may be
 * null; a primitive may not. Enums list their JSON values.
 */
final class JsonSchemas {
  private final ObjectNode components;

  /** Generates into {@code components} (the OpenAPI document's {@code components.schemas}). */
  JsonSchemas(ObjectNode components) {
    this.components = components;
  }

  /** The schema of {@code type}: a {@code $ref} for a record, inline for anything else. */
  ObjectNode schemaOf(Type type) {
    ObjectNode s = Json.mapper().createObjectNode();
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw)) {
        s.put("type", "array");
        s.set("items", schemaOf(args[0]));
      } else if (Map.class.isAssignableFrom(raw)) {
        s.put("type", "object");
        s.set("additionalProperties", schemaOf(args[1]));
      }
      return s;
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      s.put("type", "string");
    } else if (c == Instant.class) {
      s.put("type", "string").put("format", "date-time");
    } else if (c == int.class || c == long.class || c == Integer.class || c == Long.class) {
      s.put("type", "integer");
    } else if (c == double.class || c == float.class || c == Double.class || c == Float.class) {
      s.put("type", "number");
    } else if (c == boolean.class || c == Boolean.class) {
      s.put("type", "boolean");
    } else if (c.isEnum()) {
      s.put("type", "string");
      ArrayNode values = s.putArray("enum");
      for (Object constant : c.getEnumConstants()) {
        values.add(Json.mapper().valueToTree(constant).asText());
      }
    } else if (c.isRecord()) {
      define(c);
      s.put("$ref", "#/components/schemas/" + nameOf(c));
    } else if (JsonNode.class.isAssignableFrom(c) || c == Object.class) {
      return s; // anything
    } else {
      throw new IllegalArgumentException("no JSON schema for " + c.getName());
    }
    return s;
  }

  /** The component of a record (generated once), for adjustments such as {@link #derive}. */
  ObjectNode define(Class<?> record) {
    String name = nameOf(record);
    if (components.get(name) instanceof ObjectNode existing) {
      return existing;
    }
    ObjectNode s = components.putObject(name);
    s.put("type", "object");
    ObjectNode props = s.putObject("properties");
    ArrayNode required = s.putArray("required");
    JsonInclude classInclude = record.getAnnotation(JsonInclude.class);
    for (RecordComponent rc : record.getRecordComponents()) {
      Field field;
      try {
        field = record.getDeclaredField(rc.getName());
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException(e);
      }
      JsonProperty property = field.getAnnotation(JsonProperty.class);
      if (property != null && property.access() == JsonProperty.Access.WRITE_ONLY) {
        continue; // read, never written
      }
      if (field.isAnnotationPresent(JsonUnwrapped.class)) {
        ObjectNode inner = define(rc.getType());
        props.setAll((ObjectNode) inner.get("properties"));
        required.addAll((ArrayNode) inner.get("required"));
        continue;
      }
      String key = property != null ? property.value() : rc.getName();
      Method getter = writtenBy(record, key);
      Type type = getter != null ? getter.getGenericReturnType() : rc.getGenericType();
      ObjectNode schema = schemaOf(type);
      boolean primitive = rc.getType().isPrimitive();
      props.set(key, primitive ? schema : nullable(schema));
      JsonInclude include = field.getAnnotation(JsonInclude.class);
      JsonInclude.Include rule =
          include != null
              ? include.value()
              : classInclude != null ? classInclude.value() : JsonInclude.Include.ALWAYS;
      if (primitive
          || rule == JsonInclude.Include.ALWAYS
          || rule == JsonInclude.Include.USE_DEFAULTS) {
        required.add(key);
      }
    }
    s.put("additionalProperties", false);
    return s;
  }

  /**
   * The method that writes {@code key} in place of the record component of that name (a getter
   * annotated with {@code @JsonProperty(key)}, e.g. {@code JobDocument.resultJson}), or null.
   */
  private static Method writtenBy(Class<?> record, String key) {
    for (Method m : record.getDeclaredMethods()) {
      JsonProperty p = m.getAnnotation(JsonProperty.class);
      if (p != null && p.value().equals(key) && m.getParameterCount() == 0 && !m.isSynthetic()) {
        boolean accessor = false;
        for (RecordComponent rc : record.getRecordComponents()) {
          accessor |= rc.getAccessor().equals(m);
        }
        if (!accessor) {
          return m;
        }
      }
    }
    return null;
  }

  /**
   * A component named {@code name}: a copy of {@code base}'s without {@code dropped} keys, whose
   * {@code replaced} properties refer to other components instead.
   */
  void derive(String name, Class<?> base, List<String> dropped, Map<String, String> replaced) {
    ObjectNode copy = define(base).deepCopy();
    ObjectNode props = (ObjectNode) copy.get("properties");
    ArrayNode required = copy.putArray("required");
    define(base)
        .get("required")
        .forEach(
            k -> {
              if (!dropped.contains(k.asText())) {
                required.add(k);
              }
            });
    dropped.forEach(props::remove);
    replaced.forEach(
        (key, component) ->
            props.set(
                key,
                nullable(
                    Json.mapper()
                        .createObjectNode()
                        .put("$ref", "#/components/schemas/" + component))));
    components.set(name, copy);
  }

  /**
   * A component's name: the simple name, after its enclosing classes' (ApiError.Body →
   * ApiErrorBody).
   */
  static String nameOf(Class<?> c) {
    return c.getEnclosingClass() == null
        ? c.getSimpleName()
        : nameOf(c.getEnclosingClass()) + c.getSimpleName();
  }

  static ObjectNode nullable(ObjectNode schema) {
    ObjectNode s = Json.mapper().createObjectNode();
    ArrayNode any = s.putArray("anyOf");
    any.add(schema);
    any.addObject().put("type", "null");
    return s;
  }
}
