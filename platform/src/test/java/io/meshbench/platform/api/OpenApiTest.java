package io.meshbench.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiTest {
  @TempDir Path dir;

  @Test
  void everyRouteIsDocumentedAndAnswers() throws Exception {
    try (ApiFixture api = new ApiFixture(dir, new BlockingExecutor(), null, 10)) {
      JsonNode doc = ApiFixture.json(api.get("/openapi.json"));
      assertThat(doc.get("openapi").asText()).startsWith("3.");
      assertThat(api.server.routes()).hasSizeGreaterThan(15);
      for (Route r : api.server.routes()) {
        JsonNode op =
            doc.at(
                "/paths/"
                    + r.path().replace("/", "~1")
                    + "/"
                    + r.method().toLowerCase(Locale.ROOT));
        assertThat(op.isMissingNode()).as("%s %s documented", r.method(), r.path()).isFalse();
        assertThat(op.get("summary").asText()).isNotBlank();
        if (r.method().equals("GET") && !r.path().contains("{") && r.events() == null) {
          int status = api.get(r.path()).statusCode();
          assertThat(r.statuses()).as("GET %s answered %d", r.path(), status).contains(status);
        }
      }
      assertThat(api.get("/no/such/route").statusCode()).isEqualTo(404);
    }
  }
}
