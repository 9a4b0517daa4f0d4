package io.meshbench.platform.api;

import io.javalin.http.Handler;
import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.function.Consumer;

/**
 * One route of the API: what it answers, and the facts the OpenAPI description is built from.
 *
 * @param method GET, POST or DELETE
 * @param path Javalin path, parameters as {@code {id}}
 * @param queryParams names of the query parameters it reads
 * @param statuses the status codes it answers with
 * @param handler the handler, or null for an event stream
 * @param events the event-stream handler, or null
 * @param response the OpenAPI component its success answer has, or null when not described
 * @param produces the media types of its success answer
 */
record Route(
    String method,
    String path,
    String summary,
    List<String> queryParams,
    List<Integer> statuses,
    Handler handler,
    Consumer<SseClient> events,
    String response,
    List<String> produces) {

  Route(
      String method,
      String path,
      String summary,
      List<String> queryParams,
      List<Integer> statuses,
      Handler handler,
      Consumer<SseClient> events) {
    this(
        method,
        path,
        summary,
        queryParams,
        statuses,
        handler,
        events,
        null,
        List.of(events == null ? "application/json" : "text/event-stream"));
  }

  static Route get(String path, String summary, Handler handler, Integer... statuses) {
    return new Route("GET", path, summary, List.of(), List.of(statuses), handler, null);
  }

  static Route post(String path, String summary, Handler handler, Integer... statuses) {
    return new Route("POST", path, summary, List.of(), List.of(statuses), handler, null);
  }

  static Route delete(String path, String summary, Handler handler, Integer... statuses) {
    return new Route("DELETE", path, summary, List.of(), List.of(statuses), handler, null);
  }

  static Route sse(String path, String summary, Consumer<SseClient> events) {
    return new Route("GET", path, summary, List.of(), List.of(200, 404, 406), null, events);
  }

  Route withQuery(String... names) {
    return withQuery(List.of(names));
  }

  Route withQuery(List<String> names) {
    return new Route(
        method, path, summary, List.copyOf(names), statuses, handler, events, response, produces);
  }

  /** This route, answering with the OpenAPI component {@code component} on success. */
  Route returns(String component) {
    return new Route(
        method, path, summary, queryParams, statuses, handler, events, component, produces);
  }

  /** This route, answering success in these media types instead of JSON. */
  Route produces(String... mediaTypes) {
    return new Route(
        method,
        path,
        summary,
        queryParams,
        statuses,
        handler,
        events,
        response,
        List.of(mediaTypes));
  }

  /** The OpenAPI operationId: the method and the path's words, e.g. getBenchmarksJobsIdResult. */
  String operationId() {
    StringBuilder id = new StringBuilder(method.toLowerCase(java.util.Locale.ROOT));
    for (String word : path.split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return path.equals("/") ? id.append("Dashboard").toString() : id.toString();
  }

  /** Whether a request path falls on this route's template ({@code {id}} is one segment). */
  boolean matches(String requestPath) {
    String pattern =
        java.util.Arrays.stream(path.split("/", -1))
            .map(part -> part.startsWith("{") ? "[^/]+" : java.util.regex.Pattern.quote(part))
            .collect(java.util.stream.Collectors.joining("/"));
    return requestPath.matches(pattern);
  }
}
