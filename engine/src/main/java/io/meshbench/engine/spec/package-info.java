/**
 * What to run: {@code LoadSpec} and its parts, immutable definitions that travel as snake_case JSON
 * (to worker pods in {@code MESHBENCH_SPEC}) and are validated on construction.
 *
 * <p>Threading model: none needed; every type here is immutable (records and enums) and safe to
 * share between threads. A running instance of a spec is a {@code LoadRun} in the {@code run}
 * package.
 *
 * <p>Invariants: a constructed spec is valid; a value outside what is allowed throws {@code
 * SpecException} naming the field (its JSON name) and what is allowed, so the CLI, the API and the
 * engine report bad input the same way. Times are milliseconds, rates requests per second, sizes
 * bytes, as the names say ({@code durationMs}, {@code rateRps}, {@code payloadBytes}).
 */
package io.meshbench.engine.spec;
