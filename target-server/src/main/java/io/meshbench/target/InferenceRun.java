package io.meshbench.target;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Arrays;

/**
 * One inference request from body to response: parse, check against the model, run it, encode. Pure
 * apart from the buffers; safe on any thread.
 */
final class InferenceRun {
  private InferenceRun() {}

  /**
   * Answers {@code body} (released here; null for an empty body) with the model's output, or with
   * 400 {@code {"error": ...}} saying what is wrong with the request.
   */
  static FullHttpResponse run(ByteBufAllocator alloc, MlpModel model, ByteBuf body) {
    InferenceRequest request;
    try {
      if (body == null || !body.isReadable()) {
        throw new InferenceRequest.Invalid("request body is empty; send an inference request");
      }
      request = InferenceRequest.parse(new ByteBufInputStream(body));
      check(request, model);
    } catch (InferenceRequest.Invalid e) {
      return InferenceResponses.error(alloc, HttpResponseStatus.BAD_REQUEST, e.getMessage());
    } finally {
      if (body != null) {
        body.release();
      }
    }
    int batch = (int) request.shape()[0];
    float[] output = new float[batch * model.outputs()];
    model.infer(request.data(), batch, output);
    return InferenceResponses.inference(
        alloc, MlpModel.NAME, request.id(), output, batch, model.outputs());
  }

  /** The request must be one FP32 tensor of shape [batch, features] whose data fills it. */
  static void check(InferenceRequest r, MlpModel model) throws InferenceRequest.Invalid {
    if (!r.inputName().equals(InferenceHandler.INPUT_NAME)) {
      throw new InferenceRequest.Invalid(
          "unexpected input '"
              + r.inputName()
              + "' for model '"
              + MlpModel.NAME
              + "'; its input is '"
              + InferenceHandler.INPUT_NAME
              + "'");
    }
    if (!r.datatype().equals("FP32")) {
      throw new InferenceRequest.Invalid(
          "input '" + r.inputName() + "' has datatype " + r.datatype() + "; the model takes FP32");
    }
    long[] shape = r.shape();
    if (shape.length != 2 || shape[0] < 1 || shape[1] != model.features()) {
      throw new InferenceRequest.Invalid(
          "input '"
              + r.inputName()
              + "' has shape "
              + Arrays.toString(shape)
              + "; the model takes [batch, "
              + model.features()
              + "] with batch >= 1");
    }
    if (shape[0] * shape[1] != r.length()) {
      throw new InferenceRequest.Invalid(
          "input '"
              + r.inputName()
              + "' has "
              + r.length()
              + " values, but its shape "
              + Arrays.toString(shape)
              + " needs "
              + shape[0] * shape[1]);
    }
  }
}
