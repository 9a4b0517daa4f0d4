package io.meshbench.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthApiTest {
  private static final String TOKEN = "s3cret-s3cret-s3cret";

  @TempDir Path dir;

  @Test
  void mutatingRoutesNeedTheTokenAndReadsDoNot() throws Exception {
    BlockingExecutor executor = new BlockingExecutor();
    try (ApiFixture api = new ApiFixture(dir, executor, TOKEN, 10)) {
      String job = "{\"duration\":1}";
      assertThat(api.send("POST", "/benchmarks/start", job, null).statusCode()).isEqualTo(401);
      java.net.http.HttpResponse<String> wrong =
          api.send("POST", "/benchmarks/start", job, "wrong");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"meshbench\"");
      assertThat(ApiFixture.json(wrong).get("detail").asText())
          .startsWith("the bearer token was refused");
      assertThat(
              ApiFixture.json(api.send("POST", "/benchmarks/start", job, null))
                  .get("detail")
                  .asText())
          .startsWith("no bearer token was sent");
      assertThat(api.send("DELETE", "/benchmarks/jobs/x", null, null).statusCode()).isEqualTo(401);
      assertThat(api.send("POST", "/benchmarks/start", job, TOKEN).statusCode()).isEqualTo(202);
      assertThat(api.get("/benchmarks/jobs").statusCode()).isEqualTo(200);
      assertThat(api.get("/health").statusCode()).isEqualTo(200);
      executor.releaseAll();
    }
  }

  @Test
  void aPublicAddressWithoutATokenIsRefusedUnlessAllowed() {
    ServerConfig open =
        new ServerConfig("0.0.0.0", 8000, dir, null, null, "auto", "img", 1, 10, false);
    assertThatThrownBy(open::checkExposure)
        .hasMessageContaining("MESHBENCH_API_TOKEN")
        .hasMessageContaining("--allow-unauthenticated");
    new ServerConfig("0.0.0.0", 8000, dir, null, TOKEN, "auto", "img", 1, 10, false)
        .checkExposure();
    new ServerConfig("0.0.0.0", 8000, dir, null, null, "auto", "img", 1, 10, true).checkExposure();
    new ServerConfig("127.0.0.1", 8000, dir, null, null, "auto", "img", 1, 10, false)
        .checkExposure();
  }

  @Test
  void environmentVariablesConfigureTheServer() {
    ServerConfig c =
        ServerConfig.fromEnvironment(
            java.util.Map.of(
                "MESHBENCH_PORT", "9001",
                "MESHBENCH_DATA_DIR", "/var/lib/meshbench",
                "MESHBENCH_MAX_CONCURRENT_JOBS", "2",
                "MESHBENCH_API_TOKEN", TOKEN));
    assertThat(c.port()).isEqualTo(9001);
    assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/meshbench"));
    assertThat(c.maxConcurrentJobs()).isEqualTo(2);
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(java.util.Map.of("MESHBENCH_PORT", "x")))
        .hasMessageContaining("MESHBENCH_PORT");
  }
}
