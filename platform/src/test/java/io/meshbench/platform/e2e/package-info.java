/**
 * The engine (a client) run against the built-in target (a server). They live here because the
 * platform is the one module that depends on both: the engine and {@code target-server} must not
 * know each other, not even in tests. Each test starts its own target on an ephemeral loopback
 * port.
 */
package io.meshbench.platform.e2e;
