package io.meshbench.engine.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The traffic kinds meshbench drives; the wire names are the API's {@code test_type} words. */
public enum Protocol {
  HTTP("http"),
  HTTP2("http2"),
  GRPC("grpc"),
  WEBSOCKET("websocket"),
  ML("ml");

  private final String wireName;

  Protocol(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static Protocol fromWire(String name) {
    for (Protocol p : values()) {
      if (p.wireName.equalsIgnoreCase(name)) {
        return p;
      }
    }
    throw new SpecException("protocol", "must be one of " + allowed() + " (got '" + name + "')");
  }

  public static String allowed() {
    return Arrays.stream(values()).map(Protocol::wireName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
