package io.meshbench.engine.protocol.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import io.meshbench.engine.protocol.Transport;
import io.meshbench.engine.run.LoadRun;
import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.spec.SpecException;
import io.meshbench.engine.stats.HistogramCodec;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.engine.testing.v1.GreeterProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** meshbench against a grpc-java server it has no generated code for: reflection and protosets. */
class GrpcIndependentServerTest {
  private static final long SLOW_MS = 100;
  private static GreeterServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new GreeterServer(true, 10, SLOW_MS);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static LoadSpec.Builder spec(String target, String method, String data) {
    Map<String, String> options = new HashMap<>();
    options.put(GrpcClient.METHOD_OPTION, method);
    if (data != null) {
      options.put(GrpcClient.DATA_OPTION, data);
    }
    return LoadSpec.builder(Protocol.GRPC, target)
        .connections(4)
        .warmupMs(300)
        .durationMs(2000)
        .timeoutMs(2000)
        .options(options);
  }

  private static RunResult run(LoadSpec spec) throws InterruptedException {
    return new LoadRun(spec).run(RunListener.NONE);
  }

  @Test
  void unaryMethodFoundByReflectionKeepsTheRate() throws Exception {
    long before = server.hellos.get();
    RunResult r =
        run(
            spec(server.target(), "meshbench.testing.v1.Greeter/SayHello", "{\"name\":\"mesh\"}")
                .rateRps(500)
                .build());

    assertThat(r.errors()).as(r.errorKinds().toString()).isZero();
    assertThat(r.requests()).isEqualTo(r.scheduled()).isBetween(998L, 1002L);
    assertThat(r.throughputRps()).isCloseTo(500, within(500 * 0.03));
    assertThat(r.statusCodes()).containsExactly(Map.entry("OK", r.requests()));
    // HelloReply{message:"hello mesh"}: tag, length and 10 bytes, after the 5-byte prefix.
    assertThat(r.bytesReceived()).isEqualTo(r.requests() * (5 + 2 + 10));
    assertThat(server.hellos.get() - before).isGreaterThanOrEqualTo(r.requests());
  }

  @Test
  void aShortCallTimeoutIsNotTheReflectionLookupsDeadline() throws Exception {
    // Each reflection answer takes 40 ms and the lookup asks at least twice: more than the 50 ms
    // timeout of the calls, which used to be the deadline of the whole lookup.
    try (GreeterServer slowRegistry = new GreeterServer(true, 10, SLOW_MS, 40)) {
      RunResult r =
          run(
              spec(slowRegistry.target(), "meshbench.testing.v1.Greeter/SayHello", null)
                  .timeoutMs(50)
                  .rateRps(100)
                  .warmupMs(200)
                  .durationMs(500)
                  .build());

      assertThat(r.requests()).isEqualTo(r.scheduled()).isPositive();
      assertThat(r.statusCodes()).containsKey("OK");
      assertThat(slowRegistry.hellos.get()).isGreaterThanOrEqualTo(r.successes());
    }
  }

  @Test
  void bidiLatencyIsPerMessage() throws Exception {
    int streamsBefore = server.chatStreams.get();
    RunResult r =
        run(
            spec(server.target(), "meshbench.testing.v1.Greeter/Chat", "{\"name\":\"x\"}")
                .connections(2)
                .streams(2)
                .durationMs(1500)
                .build());

    assertThat(r.errors()).as(r.errorKinds().toString()).isZero();
    // Every message was a request on one of the 2 x 2 long-lived streams.
    assertThat(server.chatStreams.get() - streamsBefore).isEqualTo(4);
    Histogram h = HistogramCodec.decode(r.histogram());
    long slow = h.getCountBetweenValues(SLOW_MS * 1000, h.getMaxValue());
    // Each stream delays exactly every 10th message: a tenth of the recorded messages are slow.
    assertThat((double) slow).isCloseTo(r.requests() / 10.0, within(r.requests() * 0.02 + 4));
    assertThat(r.latencyMs().p50()).isLessThan(SLOW_MS / 4.0);
    assertThat(r.latencyMs().max()).isGreaterThanOrEqualTo((double) SLOW_MS);
  }

  @Test
  void serverStreamingMethodCompletesAtItsStatus() throws Exception {
    RunResult r =
        run(
            spec(server.target(), "meshbench.testing.v1.Greeter/Countdown", "{\"times\":3}")
                .rateRps(200)
                .durationMs(1000)
                .build());

    assertThat(r.errors()).as(r.errorKinds().toString()).isZero();
    assertThat(r.requests()).isBetween(198L, 202L);
    assertThat(r.bytesReceived()).isEqualTo(r.requests() * 3 * (5 + 2 + 1));
  }

  @Test
  void aDescriptorSetReplacesReflection(@TempDir Path dir) throws Exception {
    Path protoset = dir.resolve("greeter.protoset");
    Files.write(
        protoset,
        FileDescriptorSet.newBuilder()
            .addFile(GreeterProto.getDescriptor().toProto())
            .build()
            .toByteArray());
    try (GreeterServer bare = new GreeterServer(false, 10, SLOW_MS)) {
      LoadSpec.Builder b =
          spec(bare.target(), "meshbench.testing.v1.Greeter/SayHello", "{\"name\":\"mesh\"}");
      assertThatThrownBy(() -> new GrpcClient(b.build(), Transport.NIO))
          .isInstanceOf(SpecException.class)
          .hasMessageContaining("does not offer server reflection")
          .hasMessageContaining("--protoset");

      Map<String, String> options = new HashMap<>(b.build().options());
      options.put(GrpcClient.PROTOSET_OPTION, protoset.toString());
      RunResult r = run(b.options(options).rateRps(200).durationMs(1000).build());

      assertThat(r.errors()).as(r.errorKinds().toString()).isZero();
      assertThat(r.requests()).isBetween(198L, 202L);
      assertThat(bare.hellos.get()).isGreaterThanOrEqualTo(r.requests());
    }
  }

  @Test
  void anUnknownServiceListsTheServicesOnOffer() {
    LoadSpec spec = spec(server.target(), "meshbench.testing.v1.Nope/SayHello", null).build();
    assertThatThrownBy(() -> new GrpcClient(spec, Transport.NIO))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("'meshbench.testing.v1.Nope' is not offered")
        .hasMessageContaining("grpc.reflection.v1.ServerReflection, meshbench.testing.v1.Greeter")
        .extracting(e -> ((SpecException) e).field())
        .isEqualTo("options.grpc_method");
  }

  @Test
  void anUnknownMethodListsTheServicesMethods() {
    LoadSpec spec = spec(server.target(), "meshbench.testing.v1.Greeter/Hi", null).build();
    assertThatThrownBy(() -> new GrpcClient(spec, Transport.NIO))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("method 'Hi' is not in meshbench.testing.v1.Greeter")
        .hasMessageContaining("Chat, Countdown, SayHello");
  }

  @Test
  void dataThatDoesNotFitNamesTheField() {
    String method = "meshbench.testing.v1.Greeter/SayHello";
    assertThatThrownBy(
            () ->
                new GrpcClient(
                    spec(server.target(), method, "{\"name\":\"a\",\"times\":\"many\"}").build(),
                    Transport.NIO))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("options.grpc_data does not fit meshbench.testing.v1.HelloRequest")
        .hasMessageContaining("field 'times'");
    assertThatThrownBy(
            () ->
                new GrpcClient(
                    spec(server.target(), method, "{\"nmae\":\"a\"}").build(), Transport.NIO))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("field 'nmae'")
        .hasMessageContaining("fields: name, times, kind");
    assertThatThrownBy(
            () ->
                new GrpcClient(
                    spec(server.target(), method, "{\"kind\":\"CASUAL\"}").build(), Transport.NIO))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("field 'kind'");
  }
}
