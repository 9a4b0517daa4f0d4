package io.meshbench.engine.protocol.http;

/**
 * An error response as a report shows it: the status and the start of the body, decoded as UTF-8.
 *
 * @param body at most {@link #MAX_BODY_BYTES} bytes of it, possibly empty, never null
 */
public record ErrorResponse(int status, String body) {
  /** How much of an error body is kept: enough for a server's message, not for a page. */
  public static final int MAX_BODY_BYTES = 512;

  /** "HTTP 404: model not found", on one line; the body's whitespace runs become one space. */
  public String describe() {
    String text = oneLine(body);
    return text.isEmpty() ? "HTTP " + status : "HTTP " + status + ": " + text;
  }

  /** The text on one line: control characters and whitespace runs become one space. */
  public static String oneLine(String text) {
    return text.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
  }
}
