package io.meshbench.platform.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The throwaway PostgreSQL of {@code .ci/postgres.sh} for tests: a schema of one's own, and the
 * server stopped and started again under a running test. Missing, it skips a test — except under
 * {@code CI=true}, where it fails it: CI must never pass by skipping.
 */
public final class TestDatabase implements AutoCloseable {
  public static final String URL_VARIABLE = "MESHBENCH_TEST_DATABASE_URL";
  public static final String DIR_VARIABLE = "MESHBENCH_CI_PG_DIR";

  private final DatabaseUrl server;
  private final String schema;

  private TestDatabase(DatabaseUrl server, String schema) {
    this.server = server;
    this.schema = schema;
  }

  /** A fresh schema on the test server; skips (or fails under CI) without one. */
  public static TestDatabase create(String prefix) throws SQLException {
    String url = require(URL_VARIABLE, "eval \"$(.ci/postgres.sh start)\"");
    DatabaseUrl server = DatabaseUrl.parse(url);
    String schema = prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    execute(server, "CREATE SCHEMA " + schema);
    return new TestDatabase(server, schema);
  }

  /** The value of a variable the test needs; skips (or fails under CI) without it. */
  public static String require(String variable, String howToSet) {
    String value = System.getenv(variable);
    if (value == null || value.isBlank()) {
      if ("true".equals(System.getenv("CI"))) {
        fail(variable + " is not set under CI=true: .ci/run starts PostgreSQL and sets it");
      }
      Assumptions.abort(variable + " is not set: " + howToSet);
    }
    return value;
  }

  public DatabaseUrl url() {
    return server.withParameter("currentSchema", schema);
  }

  /** The URL as users write it, with the schema: what {@code --database-url} takes. */
  public String jdbcUrlWithCredentials() {
    DatabaseUrl u = url();
    return u.jdbcUrl()
        + (server.user() == null ? "" : "&user=" + server.user())
        + (server.password() == null ? "" : "&password=" + server.password());
  }

  /** Stops the PostgreSQL server (fast shutdown: connections drop at once). */
  public static void pauseServer() throws IOException, InterruptedException {
    postgresScript("pause");
  }

  /** Starts it again on the same port with the same data. */
  public static void resumeServer() throws IOException, InterruptedException {
    postgresScript("resume");
  }

  private static void postgresScript(String verb) throws IOException, InterruptedException {
    require(DIR_VARIABLE, "eval \"$(.ci/postgres.sh start)\" exports it");
    Path script = repositoryRoot().resolve(".ci/postgres.sh");
    Process p =
        new ProcessBuilder("bash", script.toString(), verb).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(".ci/postgres.sh " + verb + " failed: " + output);
    }
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve(".ci/postgres.sh"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no .ci/postgres.sh above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  @Override
  public void close() throws SQLException {
    execute(server, "DROP SCHEMA " + schema + " CASCADE");
  }

  private static void execute(DatabaseUrl url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
