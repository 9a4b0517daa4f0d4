package io.meshbench.target;

/**
 * Where an Open Inference Protocol v2 path leads: {@code /v2}, {@code /v2/health/{live,ready}},
 * {@code /v2/models/{name}[/versions/1][/ready|/infer]}. Only version "1" exists.
 *
 * @param model the model named in the path, or null for server-wide routes
 */
record InferenceRoute(Kind kind, String model, String path) {
  enum Kind {
    SERVER,
    LIVE,
    READY,
    MODEL,
    MODEL_READY,
    INFER,
    UNKNOWN
  }

  static InferenceRoute of(String path) {
    String p =
        path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    switch (p) {
      case "/v2" -> {
        return new InferenceRoute(Kind.SERVER, null, path);
      }
      case "/v2/health/live" -> {
        return new InferenceRoute(Kind.LIVE, null, path);
      }
      case "/v2/health/ready" -> {
        return new InferenceRoute(Kind.READY, null, path);
      }
      default -> {}
    }
    String prefix = "/v2/models/";
    if (!p.startsWith(prefix) || p.length() == prefix.length()) {
      return new InferenceRoute(Kind.UNKNOWN, null, path);
    }
    String[] parts = p.substring(prefix.length()).split("/", -1);
    String model = parts[0];
    int next = 1;
    if (parts.length >= 3 && parts[1].equals("versions")) {
      if (!parts[2].equals("1")) {
        return new InferenceRoute(Kind.UNKNOWN, null, path);
      }
      next = 3;
    }
    if (model.isEmpty()) {
      return new InferenceRoute(Kind.UNKNOWN, null, path);
    }
    if (parts.length == next) {
      return new InferenceRoute(Kind.MODEL, model, path);
    }
    if (parts.length == next + 1) {
      switch (parts[next]) {
        case "ready" -> {
          return new InferenceRoute(Kind.MODEL_READY, model, path);
        }
        case "infer" -> {
          return new InferenceRoute(Kind.INFER, model, path);
        }
        default -> {}
      }
    }
    return new InferenceRoute(Kind.UNKNOWN, null, path);
  }
}
