package io.meshbench.platform.search;

import io.meshbench.target.TargetConfig;
import io.meshbench.target.TargetServer;

/**
 * A loopback target whose every answer takes a fixed delay (the built-in target steered by {@code
 * ?delay=}), so that a client with a fixed number of keep-alive connections (one request in flight
 * each) completes at most {@code connections / delay} requests per second: a target whose capacity
 * is known.
 */
public final class FixedCapacityServer implements AutoCloseable {
  private final TargetServer server;
  private final String query;

  /**
   * @param delayMs how long each answer waits
   * @param status the status of every answer (200 for a healthy target)
   */
  public FixedCapacityServer(long delayMs, int status) {
    server = TargetServer.start(TargetConfig.defaults().withHttpPort(0));
    query = "?delay=" + delayMs + "ms" + (status == 200 ? "" : "&status=" + status + ":100");
  }

  public String url() {
    return server.httpUrl() + query;
  }

  @Override
  public void close() {
    server.close();
  }
}
