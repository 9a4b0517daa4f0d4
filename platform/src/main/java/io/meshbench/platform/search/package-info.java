/**
 * The highest rate at which every service-level objective holds ({@code meshbench search}, and
 * search jobs of the API): {@link io.meshbench.platform.search.RateLadder} chooses the rates (step
 * up, then bisect), {@link io.meshbench.platform.search.RateSearch} runs one full step per rate
 * through a {@link io.meshbench.platform.search.RateSearch.StepRunner} and judges it.
 *
 * <p>Framework-free: the CLI runs steps locally, the server's executors run them as jobs; a
 * Kubernetes matrix can give its own step runner.
 *
 * <p>Threading model: a search runs on the caller's thread, one step at a time (steps on shared
 * hosts spoil each other). {@link io.meshbench.platform.search.RateSearch#cancel} may come from any
 * thread; the step under way is stopped and the search ends with what it has.
 */
package io.meshbench.platform.search;
