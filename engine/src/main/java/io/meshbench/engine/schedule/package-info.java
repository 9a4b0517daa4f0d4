/**
 * Arrival schedules: pure, allocation-free sequences of intended send offsets.
 *
 * <p>Threading model: an instance is used by exactly one event loop. Several loops that share a
 * total rate each get their own schedule (a share of the rate, a phase or a seed of their own).
 */
package io.meshbench.engine.schedule;
