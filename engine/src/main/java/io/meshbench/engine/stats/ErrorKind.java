package io.meshbench.engine.stats;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a request (or a connection) failed. Errors never enter the latency histograms. */
public enum ErrorKind {
  /** The connection could not be established (refused, unreachable, connect timeout). */
  CONNECT("connect"),
  /** No complete response within the request timeout. */
  TIMEOUT("timeout"),
  /** The connection broke while the request was in flight. */
  RESET("reset"),
  /** The server refused the request (an HTTP 4xx, or a gRPC status that maps to one). */
  STATUS_4XX("status_4xx"),
  /** The server failed the request (an HTTP 5xx, or a gRPC status that maps to one). */
  STATUS_5XX("status_5xx"),
  /** The peer answered something that is not valid for the protocol. */
  PROTOCOL("protocol");

  private final String wireName;

  ErrorKind(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The error class of an HTTP status, or {@code null} when the status is a success. */
  public static ErrorKind ofHttpStatus(int status) {
    if (status >= 500) {
      return STATUS_5XX;
    }
    if (status >= 400) {
      return STATUS_4XX;
    }
    return null;
  }
}
