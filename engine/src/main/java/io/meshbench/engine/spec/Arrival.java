package io.meshbench.engine.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How intended send times are spaced in the open model. */
public enum Arrival {
  /** Evenly spaced: request i at i / rate. */
  CONSTANT("constant"),
  /** Exponential gaps with mean 1 / rate: a Poisson process, as independent clients produce. */
  POISSON("poisson");

  private final String wireName;

  Arrival(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static Arrival fromWire(String name) {
    for (Arrival a : values()) {
      if (a.wireName.equalsIgnoreCase(name)) {
        return a;
      }
    }
    throw new SpecException("arrival", "must be constant or poisson (got '" + name + "')");
  }

  @Override
  public String toString() {
    return wireName;
  }
}
