package io.meshbench.engine.run;

/**
 * How a run executes on this machine.
 *
 * @param transport the Netty transport's name: epoll, io_uring or nio
 * @param threads event loops generating load
 */
public record RunEnvironment(String transport, int threads) {}
