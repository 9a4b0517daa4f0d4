package io.meshbench.platform.executor;

import static io.meshbench.platform.executor.TargetPolicy.Verdict.EXPLICIT;
import static io.meshbench.platform.executor.TargetPolicy.Verdict.REFUSED;
import static io.meshbench.platform.executor.TargetPolicy.Verdict.WILDCARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshbench.engine.run.RunListener;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobFixtures;
import io.meshbench.platform.job.JobSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetPolicyTest {
  @Test
  void aServerWithoutATokenAllowsLoopbackAndTheBuiltInTargetOnly() {
    TargetPolicy p = TargetPolicy.parse(null, false);
    assertThat(p.check(null)).isEqualTo(EXPLICIT);
    assertThat(p.check("http://127.0.0.1:8080/")).isEqualTo(EXPLICIT);
    assertThat(p.check("http://127.9.9.9/")).isEqualTo(EXPLICIT);
    assertThat(p.check("http://[::1]:8080/")).isEqualTo(EXPLICIT);
    assertThat(p.check("http://localhost:8080/")).isEqualTo(EXPLICIT);
    assertThat(p.check("127.0.0.1:9090")).isEqualTo(EXPLICIT); // grpc host:port
    assertThat(p.check("http://10.0.0.5/")).isEqualTo(REFUSED);
    assertThat(p.check("http://169.254.169.254/latest/meta-data/")).isEqualTo(REFUSED);
    assertThat(p.check("http://example.invalid/")).isEqualTo(REFUSED);
    assertThat(p.refusal("http://10.0.0.5/"))
        .contains("service_url")
        .contains("MESHBENCH_ALLOWED_TARGETS=127.0.0.0/8");
  }

  @Test
  void aServerWithATokenAllowsAnyTargetButVouchesForNone() {
    TargetPolicy p = TargetPolicy.parse(null, true);
    assertThat(p.check("http://10.0.0.5/")).isEqualTo(WILDCARD);
    assertThat(p.check(null)).isEqualTo(EXPLICIT);
  }

  @Test
  void namesDomainsAddressesAndBlocks() {
    TargetPolicy p =
        TargetPolicy.parse("echo.bench.svc, *.mesh.local, 10.0.0.0/8, fd00::/8, 192.0.2.7", false);
    assertThat(p.check("http://echo.bench.svc:8080/")).isEqualTo(EXPLICIT);
    assertThat(p.check("http://ECHO.bench.svc./")).isEqualTo(EXPLICIT);
    assertThat(p.check("http://other.bench.svc/")).isEqualTo(REFUSED);
    assertThat(p.check("ws://a.b.mesh.local/ws")).isEqualTo(EXPLICIT);
    assertThat(p.check("http://mesh.local.evil.test/")).isEqualTo(REFUSED);
    assertThat(p.check("http://10.200.3.4/")).isEqualTo(EXPLICIT);
    assertThat(p.check("http://11.0.0.1/")).isEqualTo(REFUSED);
    assertThat(p.check("http://[fd12::1]/")).isEqualTo(EXPLICIT);
    assertThat(p.check("http://192.0.2.7/")).isEqualTo(EXPLICIT);
    assertThat(p.check("http://192.0.2.8/")).isEqualTo(REFUSED);
    assertThat(p.check("http://127.0.0.1/")).isEqualTo(REFUSED); // the list replaces the default
    // A name in no entry passes only if all its addresses lie in an allowed block.
    assertThat(TargetPolicy.parse("127.0.0.0/8", false).check("http://localhost/"))
        .isEqualTo(EXPLICIT);
  }

  @Test
  void badEntriesNameTheVariable() {
    for (String bad : List.of("10.0.0.0/33", "10.0.0.0/x", "300.1.1.1/8", "::1/129")) {
      assertThatThrownBy(() -> TargetPolicy.parse(bad, false))
          .hasMessageContaining("MESHBENCH_ALLOWED_TARGETS")
          .hasMessageContaining(bad);
    }
  }

  @Test
  void errorBodyExcerptsAreKeptOnlyForTargetsTheListNames() throws Exception {
    JobDocument finished = withFirstError(JobFixtures.document(), "{\"error\":\"secret page\"}");
    String target = finished.spec().serviceUrl(); // a loopback URL
    JobExecutor fake =
        new JobExecutor() {
          @Override
          public String name() {
            return "local";
          }

          @Override
          public void check(JobSpec spec) {}

          @Override
          public Execution prepare(JobDocument running) {
            return new Execution() {
              @Override
              public JobDocument run(RunListener listener) {
                return finished;
              }

              @Override
              public void cancel() {}
            };
          }
        };
    JobDocument named =
        new TargetPolicyExecutor(TargetPolicy.parse("127.0.0.0/8", false), fake)
            .prepare(finished)
            .run(RunListener.NONE);
    assertThat(named.result().firstError()).contains("secret page");
    JobDocument wildcard =
        new TargetPolicyExecutor(TargetPolicy.parse("*", false), fake)
            .prepare(finished)
            .run(RunListener.NONE);
    assertThat(target).startsWith("http://127.0.0.1");
    assertThat(wildcard.result().firstError()).isNull();
    assertThat(wildcard.iterations()).allSatisfy(r -> assertThat(r.firstError()).isNull());
    assertThat(wildcard.result().requests()).isEqualTo(finished.result().requests());
    assertThatThrownBy(
            () ->
                new TargetPolicyExecutor(TargetPolicy.parse("10.0.0.0/8", false), fake)
                    .check(finished.spec()))
        .isInstanceOf(TargetNotAllowedException.class)
        .hasMessageContaining("service_url");
  }

  private static JobDocument withFirstError(JobDocument doc, String text) {
    var r = doc.result().withProtocolFigures(0, text);
    return doc.withRun(doc.environment(), doc.loadSpec(), r, List.of(r, r));
  }
}
