/**
 * The {@code grpc} protocol: grpc-java on our Netty ({@code grpc-netty}, not the shaded copy).
 *
 * <p>{@link io.meshbench.engine.protocol.grpc.GrpcClient} gives each engine connection one {@code
 * ManagedChannel} whose transport runs on that connection's event loop with a direct executor, so
 * gRPC's callbacks arrive on the loop the engine requires. Units of latency: a unary call; a
 * server-streaming call from request to final status (its messages are not timed one by one); one
 * message of a bidirectional stream, from its send to its echo (one message in flight per stream,
 * {@code spec.streams()} streams per connection).
 *
 * <p>Requests are serialised once per run and responses are counted, not decoded ({@code
 * Marshallers}). Any method of any server is reached by name: {@code MethodResolver} finds its
 * descriptor through server reflection (grpc.reflection.v1) or a descriptor set, and {@code
 * CallPlan} turns the JSON request into bytes; a method or field that does not exist is a {@link
 * io.meshbench.engine.spec.SpecException} naming what is on offer, raised before the run starts.
 * The reflection lookup has its own budget, the request timeout or 10 s, whichever is longer.
 *
 * <p>Seam with the engine: a call's final status travels as {@code StatusCodes.grpc(code)} through
 * {@code ConnectionListener.completed} and is counted by name ("OK", "UNAVAILABLE") in {@code
 * status_codes}. Its error class: DEADLINE_EXCEEDED is {@code timeout}; a status gRPC made from a
 * broken transport (it carries a cause) is {@code reset}; any other non-OK status is {@code
 * status_4xx} or {@code status_5xx} by gRPC's own HTTP mapping (NOT_FOUND 404, UNAVAILABLE 503, …).
 * The engine's own request timeout and gRPC's deadline are both {@code timeoutMs}; when the
 * engine's sweep fires first the call is cancelled and counted as {@code timeout} without a status,
 * so {@code DEADLINE_EXCEEDED} in {@code status_codes} may be fewer than the timeouts.
 *
 * <p>Options ({@code LoadSpec.options}): {@code grpc_mode} (unary, server-stream, bidi; the
 * built-in echo service), {@code grpc_method} (pkg.Service/Method), {@code grpc_data} (protobuf
 * JSON), {@code grpc_protoset} (a FileDescriptorSet path on the machine that runs the load), {@code
 * grpc_stream_messages} (server-stream responses per call, default 10).
 */
package io.meshbench.engine.protocol.grpc;
