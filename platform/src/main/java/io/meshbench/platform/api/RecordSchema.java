package io.meshbench.platform.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.platform.cluster.ClusterViews;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.mesh.MeshInstallation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * JSON schemas derived from the records a route answers with, so the description cannot drift from
 * the response: property names as Jackson writes them ({@code @JsonProperty}), types from the
 * component types.
 */
final class RecordSchema {
  private RecordSchema() {}

  /** The 200 response schema of a cluster route, or null for other routes. */
  static ObjectNode clusterResponse(String path) {
    return switch (path) {
      case "/kubernetes/namespaces" ->
          wrapper(null, "namespaces", ClusterViews.NamespaceView.class);
      case "/kubernetes/nodes" -> wrapper(null, "nodes", ClusterViews.NodeView.class);
      case "/kubernetes/meshes" -> wrapper(null, "meshes", MeshInstallation.class);
      case "/kubernetes/services/{namespace}" ->
          wrapper("namespace", "services", ClusterViews.ServiceView.class);
      case "/kubernetes/pods/{namespace}" ->
          wrapper("namespace", "pods", ClusterViews.PodView.class);
      case "/kubernetes/mesh-status/{namespace}" -> of(ClusterViews.MeshStatus.class);
      default -> null;
    };
  }

  private static ObjectNode wrapper(String nameKey, String listKey, Class<?> item) {
    ObjectNode s = Json.mapper().createObjectNode().put("type", "object");
    ObjectNode p = s.putObject("properties");
    if (nameKey != null) {
      p.putObject(nameKey).put("type", "string");
    }
    p.putObject(listKey).put("type", "array").set("items", of(item));
    return s;
  }

  /** The schema of a record class. */
  static ObjectNode of(Class<?> record) {
    ObjectNode s = Json.mapper().createObjectNode().put("type", "object");
    ObjectNode p = s.putObject("properties");
    for (RecordComponent c : record.getRecordComponents()) {
      // @JsonProperty does not target record components: Java copies it to the accessor
      JsonProperty named = c.getAccessor().getAnnotation(JsonProperty.class);
      p.set(named != null ? named.value() : c.getName(), typeOf(c.getGenericType()));
    }
    return s;
  }

  private static ObjectNode typeOf(Type t) {
    ObjectNode s = Json.mapper().createObjectNode();
    if (t instanceof ParameterizedType pt) {
      Class<?> raw = (Class<?>) pt.getRawType();
      if (List.class.isAssignableFrom(raw)) {
        return s.put("type", "array").set("items", typeOf(pt.getActualTypeArguments()[0]));
      }
      if (Map.class.isAssignableFrom(raw)) {
        return s.put("type", "object")
            .set("additionalProperties", typeOf(pt.getActualTypeArguments()[1]));
      }
    }
    Class<?> c = (Class<?>) t;
    if (c.isRecord()) {
      return of(c);
    }
    if (c.isEnum()) {
      s.put("type", "string");
      for (Object constant : c.getEnumConstants()) {
        s.withArray("enum").add(constant.toString());
      }
      return s;
    }
    if (c == boolean.class || c == Boolean.class) {
      return s.put("type", "boolean");
    }
    if (c == int.class || c == long.class || c == Integer.class || c == Long.class) {
      return s.put("type", "integer");
    }
    return s.put("type", "string");
  }
}
