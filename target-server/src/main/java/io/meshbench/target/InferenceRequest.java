package io.meshbench.target;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * One Open Inference Protocol v2 request body, read with Jackson's streaming parser so that a large
 * batch becomes one {@code float[]} without a tree of number nodes. Accepts the JSON (not binary)
 * tensor form: {@code {"id": "...", "inputs": [{"name", "shape", "datatype", "data"}], ...}}, with
 * {@code data} flat or nested row-major. Unknown fields ({@code parameters}, {@code outputs}) are
 * skipped.
 *
 * @param id the request's id, echoed in the response; may be null
 * @param data the tensor's values; only the first {@code length} are meaningful
 */
record InferenceRequest(
    String id, String inputName, String datatype, long[] shape, float[] data, int length) {

  /** Rows × features of one request, at most: 64 Mi values would be a quarter GiB of floats. */
  static final int MAX_VALUES = 16 * 1024 * 1024;

  private static final JsonFactory JSON = new JsonFactory();

  /** Why a body is not a valid request for the model: the message goes to the client as is. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Reads a request with exactly one input tensor.
   *
   * @throws Invalid with an OIP-style message when the body is not one
   */
  static InferenceRequest parse(InputStream body) throws Invalid {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new Invalid("request body must be a JSON object with \"inputs\"");
      }
      String id = null;
      InferenceRequest input = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("id") && value == JsonToken.VALUE_STRING) {
          id = p.getText();
        } else if (field.equals("inputs")) {
          input = inputs(p, value);
        } else {
          p.skipChildren();
        }
      }
      if (input == null) {
        throw new Invalid("request has no \"inputs\"");
      }
      return new InferenceRequest(
          id, input.inputName, input.datatype, input.shape, input.data, input.length);
    } catch (IOException e) {
      throw new Invalid("request body is not valid JSON: " + firstLine(e.getMessage()));
    }
  }

  private static InferenceRequest inputs(JsonParser p, JsonToken value)
      throws IOException, Invalid {
    if (value != JsonToken.START_ARRAY) {
      throw new Invalid("\"inputs\" must be an array of tensors");
    }
    InferenceRequest first = null;
    int count = 0;
    while (p.nextToken() == JsonToken.START_OBJECT) {
      count++;
      first = tensor(p);
    }
    if (count != 1) {
      throw new Invalid("expected exactly 1 input tensor, got " + count);
    }
    return first;
  }

  private static InferenceRequest tensor(JsonParser p) throws IOException, Invalid {
    String name = null;
    String datatype = null;
    long[] shape = null;
    float[] data = new float[0];
    int length = -1;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "name" -> name = value == JsonToken.VALUE_STRING ? p.getText() : null;
        case "datatype" -> datatype = value == JsonToken.VALUE_STRING ? p.getText() : null;
        case "shape" -> shape = shape(p, value);
        case "data" -> {
          if (value != JsonToken.START_ARRAY) {
            throw new Invalid("input \"data\" must be an array of numbers");
          }
          float[][] holder = {new float[1024]};
          length = values(p, holder, 0);
          data = holder[0];
        }
        default -> p.skipChildren();
      }
    }
    if (name == null || datatype == null || shape == null || length < 0) {
      throw new Invalid("each input needs \"name\", \"shape\", \"datatype\" and \"data\"");
    }
    return new InferenceRequest(null, name, datatype, shape, data, length);
  }

  private static long[] shape(JsonParser p, JsonToken value) throws IOException, Invalid {
    if (value != JsonToken.START_ARRAY) {
      throw new Invalid("input \"shape\" must be an array of whole numbers");
    }
    long[] dims = new long[8];
    int n = 0;
    while (p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
      if (n == dims.length) {
        throw new Invalid("input \"shape\" has more than " + dims.length + " dimensions");
      }
      dims[n++] = p.getLongValue();
    }
    if (p.currentToken() != JsonToken.END_ARRAY) {
      throw new Invalid("input \"shape\" must be an array of whole numbers");
    }
    return Arrays.copyOf(dims, n);
  }

  /** Appends the numbers of a (possibly nested) array; returns the new length. */
  private static int values(JsonParser p, float[][] holder, int length)
      throws IOException, Invalid {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == JsonToken.START_ARRAY) {
        length = values(p, holder, length);
      } else if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
        if (length == holder[0].length) {
          if (length >= MAX_VALUES) {
            throw new Invalid("input has more than " + MAX_VALUES + " values");
          }
          holder[0] = Arrays.copyOf(holder[0], Math.min(MAX_VALUES, length * 2));
        }
        holder[0][length++] = p.getFloatValue();
      } else {
        throw new Invalid("input \"data\" must hold only numbers (got '" + p.getText() + "')");
      }
    }
    return length;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unexpected end";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
