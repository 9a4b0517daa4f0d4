package io.meshbench.engine.spec;

/** A spec field holds a value outside what is allowed; the message names the field. */
public final class SpecException extends IllegalArgumentException {
  private final String field;

  public SpecException(String field, String problem) {
    super(field + " " + problem);
    this.field = field;
  }

  /** The snake_case name of the offending field, as in the spec's JSON form. */
  public String field() {
    return field;
  }
}
