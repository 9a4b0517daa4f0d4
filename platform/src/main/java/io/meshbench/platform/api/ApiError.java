package io.meshbench.platform.api;

/**
 * An error the API answers as JSON {@code {error, detail, field?}}.
 *
 * @param field the request field at fault, or null
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String error;
  private final String field;

  public ApiError(int status, String error, String detail, String field) {
    super(detail);
    this.status = status;
    this.error = error;
    this.field = field;
  }

  public static ApiError badField(String field, String detail) {
    return new ApiError(400, "invalid_field", detail, field);
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public String field() {
    return field;
  }

  /** The response body. */
  public Body body() {
    return new Body(error, getMessage(), field);
  }

  /** The JSON shape of every error the API returns. */
  @com.fasterxml.jackson.annotation.JsonInclude(
      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  public record Body(
      @com.fasterxml.jackson.annotation.JsonProperty("error") String error,
      @com.fasterxml.jackson.annotation.JsonProperty("detail") String detail,
      @com.fasterxml.jackson.annotation.JsonProperty("field") String field,
      @com.fasterxml.jackson.annotation.JsonProperty("error_id") String errorId) {

    public Body(String error, String detail, String field) {
      this(error, detail, field, null);
    }
  }
}
