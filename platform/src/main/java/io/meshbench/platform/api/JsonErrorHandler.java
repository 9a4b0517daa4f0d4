package io.meshbench.platform.api;

import io.meshbench.platform.job.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before any route (a malformed URL, a URL or header too long, a bad
 * Host), in the API's JSON shape {@code {error, detail}} instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback)
      throws IOException {
    String reason = HttpStatus.getMessage(code);
    String detail =
        message == null || message.isBlank() || message.equals(reason)
            ? reason
            : reason + ": " + message;
    byte[] body =
        Json.mapper()
            .writeValueAsBytes(
                new ApiError.Body("http_" + code, detail + " (answered before any route)", null));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
