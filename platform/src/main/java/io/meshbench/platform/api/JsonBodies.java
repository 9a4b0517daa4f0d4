package io.meshbench.platform.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.javalin.http.Context;
import io.meshbench.platform.job.Json;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request body as one JSON value, strictly: a second value or text after the first, and a
 * key given twice, are errors rather than silently ignored or "last one wins". Messages name the
 * place and the problem in JSON's terms, not the parser's configuration.
 */
final class JsonBodies {
  private static final ObjectReader STRICT =
      Json.mapper()
          .reader()
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private JsonBodies() {}

  /** The body's JSON value; an empty body is {@code whenEmpty} (null: an error). */
  static JsonNode read(Context ctx, JsonNode whenEmpty) {
    String text = utf8(ctx.bodyAsBytes());
    if (text.isBlank()) {
      if (whenEmpty != null) {
        return whenEmpty;
      }
      throw new ApiError(400, "invalid_json", "the body is empty; send a JSON object", null);
    }
    try {
      return STRICT.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ApiError(400, "invalid_json", "the body is not valid JSON: " + describe(e), null);
    }
  }

  /**
   * JSON is UTF-8 (RFC 8259); a byte that is not would otherwise become U+FFFD unseen, in a label
   * or a header value that is then stored as though the client had sent it.
   */
  static String utf8(byte[] body) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(body);
    CharBuffer out = CharBuffer.allocate(body.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw new ApiError(
          400,
          "invalid_json",
          "the body is not valid UTF-8 (byte "
              + in.position()
              + " of "
              + body.length
              + "); JSON must be sent as UTF-8",
          null);
    }
    return out.flip().toString();
  }

  /** The parser's complaint without its hints about its own features, and where it happened. */
  static String describe(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    message = message.replaceAll(" \\(bound as `[^`]*`\\)", "");
    message = message.replaceAll(":? ?(enable|not allowed as per) `[^`]*`.*$", "");
    message = message.replaceAll(", from `[^`]*`", "");
    message = message.replaceAll("`", "'").trim();
    JsonLocation at = e.getLocation();
    return at == null || at.getLineNr() < 1
        ? message
        : message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }
}
