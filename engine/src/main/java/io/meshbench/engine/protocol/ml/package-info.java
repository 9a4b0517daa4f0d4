/**
 * The {@code ml} protocol: Open Inference Protocol v2 (KServe, Triton, Seldon) as HTTP/1.1 {@code
 * POST {base}v2/models/{model}/infer} with one FP32 tensor of {@code batch_size × features} values,
 * encoded once per run and sent by the HTTP/1.1 client; the result adds {@code inferences_per_s}.
 *
 * <p>Threading model: {@link io.meshbench.engine.protocol.ml.InferenceClient}'s constructor runs on
 * the run's coordinating thread and blocks on the server check (JDK {@code HttpClient}: {@code GET
 * v2/health/ready}, {@code GET v2/models/{model}}, and one {@code POST} of the run's request, whose
 * answer must be a 2xx JSON object with an {@code outputs} array), so that a server that is down,
 * not ready, without the model or not inferring stops the run before any load with the server's own
 * {@code {"error": ...}} text or the start of what it answered. During the run any 2xx counts as an
 * inference; the body is not parsed. After that everything happens on the engine's event loops, as
 * for {@code http}.
 */
package io.meshbench.engine.protocol.ml;
