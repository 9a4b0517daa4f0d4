package io.meshbench.platform.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The data planes meshbench compares; {@code baseline} is no mesh at all. */
public enum MeshType {
  BASELINE("baseline"),
  ISTIO("istio"),
  ISTIO_AMBIENT("istio-ambient"),
  LINKERD("linkerd"),
  CILIUM("cilium"),
  CILIUM_L7("cilium-l7"),
  CONSUL("consul");

  private final String wireName;

  MeshType(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static MeshType fromWire(String name) {
    for (MeshType m : values()) {
      if (m.wireName.equalsIgnoreCase(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "mesh_type must be one of " + allowed() + " (got '" + name + "')");
  }

  public static String allowed() {
    return Arrays.stream(values()).map(MeshType::wireName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
