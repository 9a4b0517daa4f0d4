package io.meshbench.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.meshbench.engine.stats.HistogramCodec;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.cluster.WorkerEnv;
import io.meshbench.platform.cluster.WorkerProtocol;
import io.meshbench.target.TargetConfig;
import io.meshbench.target.TargetServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code meshbench worker} as a pod runs it: a real process, its environment, its output. */
class WorkerCommandTest {

  @Test
  void printsProgressThenTheWholeResultAndShutsItsProxyDown() throws Exception {
    AtomicInteger shutdowns = new AtomicInteger();
    HttpServer proxy =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    proxy.createContext(
        "/quitquitquit",
        x -> {
          shutdowns.incrementAndGet();
          x.sendResponseHeaders(200, -1);
          x.close();
        });
    proxy.start();
    try (TargetServer target = TargetServer.start(TargetConfig.defaults())) {
      String spec =
          "{\"protocol\":\"http\",\"target\":\""
              + target.httpUrl()
              + "\",\"rate_rps\":200,\"connections\":2,\"duration_ms\":3000,\"warmup_ms\":1000}";
      Run run =
          worker(
              Map.of(
                  WorkerEnv.SPEC,
                  spec,
                  WorkerEnv.START_AT,
                  Long.toString(System.currentTimeMillis() + 500),
                  WorkerEnv.WORKERS,
                  "2",
                  WorkerEnv.INDEX,
                  "1",
                  WorkerEnv.PROXY_SHUTDOWN_URL,
                  "http://127.0.0.1:" + proxy.getAddress().getPort() + "/quitquitquit"));

      assertThat(run.exit).as(run.output()).isZero();
      List<WorkerProtocol.Line> lines = run.lines.stream().map(WorkerProtocol::parse).toList();
      assertThat(lines.stream().filter(l -> l.progress() != null)).isNotEmpty();
      List<RunResult> results =
          lines.stream().map(WorkerProtocol.Line::result).filter(r -> r != null).toList();
      assertThat(results).hasSize(1);
      RunResult r = results.get(0);
      assertThat(r.requests()).isPositive();
      // The whole histogram travels: it holds every successful request.
      assertThat(HistogramCodec.decode(r.histogram()).getTotalCount()).isEqualTo(r.successes());
      assertThat(run.output()).contains("seed " + (1 + 7919));
      assertThat(shutdowns.get()).isEqualTo(1);
    } finally {
      proxy.stop(0);
    }
  }

  @Test
  void aBadEnvironmentExitsTwoWithAnErrorLine() throws Exception {
    Run run = worker(Map.of(WorkerEnv.SPEC, "{not json"));
    assertThat(run.exit).isEqualTo(ExitCodes.USAGE);
    assertThat(
            run.lines.stream()
                .map(WorkerProtocol::parse)
                .filter(l -> l.failure() != null)
                .findFirst())
        .hasValueSatisfying(
            l ->
                assertThat(l.failure().error()).contains("MESHBENCH_SPEC is not a valid LoadSpec"));
  }

  private record Run(int exit, List<String> lines) {
    String output() {
      return String.join("\n", lines);
    }
  }

  private static Run worker(Map<String, String> env) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.meshbench.platform.cli.Meshbench",
                "worker")
            .redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("MESHBENCH_"));
    pb.environment().putAll(env);
    Process p = pb.start();
    List<String> lines =
        new ArrayList<>(
            new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), lines);
  }
}
