package io.meshbench.platform.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Which side of a benchmark gets a mesh proxy in a sidecar mesh (istio, linkerd, consul): both the
 * load generator and the target, only the target (server) or only the load generator (client).
 */
public enum SidecarMode {
  BOTH,
  SERVER,
  CLIENT;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static SidecarMode fromWire(String name) {
    for (SidecarMode m : values()) {
      if (m.wireName().equalsIgnoreCase(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "sidecar_mode must be one of both, server, client (got '" + name + "')");
  }

  /** Whether the proxy belongs on the target's pods. */
  public boolean serverSide() {
    return this != CLIENT;
  }

  /** Whether the proxy belongs on the load generator's pods. */
  public boolean clientSide() {
    return this != SERVER;
  }

  @Override
  public String toString() {
    return wireName();
  }
}
