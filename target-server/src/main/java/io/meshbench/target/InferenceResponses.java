package io.meshbench.target;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The inference routes' JSON answers, in the Open Inference Protocol v2 shapes; errors are {@code
 * {"error": "..."}} as KServe and Triton send them. Safe on any thread.
 */
final class InferenceResponses {
  private static final JsonFactory JSON = new JsonFactory();

  /** Writes one JSON document. */
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private InferenceResponses() {}

  static FullHttpResponse error(ByteBufAllocator alloc, HttpResponseStatus status, String message) {
    return json(alloc, status, g -> g.writeStringField("error", message));
  }

  /** A JSON object response; {@code fields} writes the object's fields. */
  static FullHttpResponse json(ByteBufAllocator alloc, HttpResponseStatus status, Body fields) {
    ByteBuf buf = alloc.buffer(256);
    try (JsonGenerator g =
        JSON.createGenerator((java.io.OutputStream) new ByteBufOutputStream(buf))) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      buf.release();
      throw new UncheckedIOException(e);
    }
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, buf);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, buf.readableBytes());
    return response;
  }

  /** {@code GET /v2/models/{name}}: what the model takes and gives. */
  static FullHttpResponse metadata(ByteBufAllocator alloc, MlpModel model, String name) {
    return json(
        alloc,
        HttpResponseStatus.OK,
        g -> {
          g.writeStringField("name", name);
          g.writeArrayFieldStart("versions");
          g.writeString("1");
          g.writeEndArray();
          g.writeStringField("platform", "meshbench_mlp");
          g.writeArrayFieldStart("inputs");
          tensorSpec(g, InferenceHandler.INPUT_NAME, model.features());
          g.writeEndArray();
          g.writeArrayFieldStart("outputs");
          tensorSpec(g, InferenceHandler.OUTPUT_NAME, model.outputs());
          g.writeEndArray();
        });
  }

  /** The answer to an inference: one FP32 output tensor of {@code batch × outputs}. */
  static FullHttpResponse inference(
      ByteBufAllocator alloc, String name, String id, float[] output, int batch, int outputs) {
    return json(
        alloc,
        HttpResponseStatus.OK,
        g -> {
          g.writeStringField("model_name", name);
          g.writeStringField("model_version", "1");
          if (id != null) {
            g.writeStringField("id", id);
          }
          g.writeArrayFieldStart("outputs");
          g.writeStartObject();
          g.writeStringField("name", InferenceHandler.OUTPUT_NAME);
          g.writeArrayFieldStart("shape");
          g.writeNumber(batch);
          g.writeNumber(outputs);
          g.writeEndArray();
          g.writeStringField("datatype", "FP32");
          g.writeArrayFieldStart("data");
          for (int i = 0; i < batch * outputs; i++) {
            g.writeNumber(output[i]);
          }
          g.writeEndArray();
          g.writeEndObject();
          g.writeEndArray();
        });
  }

  private static void tensorSpec(JsonGenerator g, String name, int width) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", name);
    g.writeStringField("datatype", "FP32");
    g.writeArrayFieldStart("shape");
    g.writeNumber(-1);
    g.writeNumber(width);
    g.writeEndArray();
    g.writeEndObject();
  }
}
