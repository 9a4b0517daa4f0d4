package io.meshbench.platform.store;

import static io.meshbench.platform.store.StoreFixtures.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import io.meshbench.platform.job.JobStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract against a real PostgreSQL, {@code MESHBENCH_TEST_DATABASE_URL} (started by {@code
 * .ci/postgres.sh}). Without it the tests skip, except under {@code CI=true}, where a missing
 * database is a failure: CI must never pass by skipping them.
 *
 * <p>Each run works in a schema of its own, dropped at the end, so runs never see each other's
 * jobs.
 */
class PostgresJobStoreTest extends JobStoreContract {
  static final String URL_VARIABLE = "MESHBENCH_TEST_DATABASE_URL";

  private static DatabaseUrl database;
  private static String schema;

  @BeforeAll
  static void createSchema() throws SQLException {
    String url = System.getenv(URL_VARIABLE);
    if (url == null || url.isBlank()) {
      if ("true".equals(System.getenv("CI"))) {
        fail(URL_VARIABLE + " is not set under CI=true: .ci/run starts PostgreSQL and sets it");
      }
      return; // each test reports itself skipped (openEmptyStore), so the skip is visible
    }
    database = DatabaseUrl.parse(url);
    schema = "meshbench_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    execute(database, "CREATE SCHEMA " + schema);
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    if (schema != null) {
      execute(database, "DROP SCHEMA " + schema + " CASCADE");
    }
  }

  @Override
  protected JobStore openEmptyStore() throws SQLException {
    Assumptions.assumeTrue(
        database != null,
        URL_VARIABLE + " is not set: start PostgreSQL with eval \"$(.ci/postgres.sh start)\"");
    JobStore store = new PostgresJobStore(inSchema());
    execute(inSchema(), "TRUNCATE jobs");
    return store;
  }

  private static DatabaseUrl inSchema() {
    return database.withParameter("currentSchema", schema);
  }

  private static void execute(DatabaseUrl url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  void twoReplicasClaimingTogetherNeverTakeTheSameJob() throws Exception {
    List<String> ids = savePending(50);
    try (JobStore replicaA = new PostgresJobStore(inSchema());
        JobStore replicaB = new PostgresJobStore(inSchema())) {
      List<String> claimed = claimConcurrently(8, t -> t % 2 == 0 ? replicaA : replicaB);
      assertThat(claimed)
          .hasSize(50)
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(ids);
    }
    assertThat(store.count(JobStatus.RUNNING)).isEqualTo(50);
  }

  @Test
  void aSecondStoreOnAMigratedDatabaseSeesTheSameJobs() {
    store.save(job("done", JobStatus.COMPLETED, 1));
    try (JobStore other = new PostgresJobStore(inSchema())) {
      assertThat(other.find("done")).isEqualTo(store.find("done"));
    }
  }

  @Test
  void theMigrationCreatesTheIndexedTable() throws SQLException {
    List<String> indexes = new ArrayList<>();
    DatabaseUrl url = inSchema();
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = '"
                    + schema
                    + "' AND tablename = 'jobs' ORDER BY indexname")) {
      while (rs.next()) {
        indexes.add(rs.getString(1));
      }
    }
    assertThat(indexes)
        .anyMatch(d -> d.contains("(created_at)"))
        .anyMatch(d -> d.contains("(mesh_type)"))
        .anyMatch(d -> d.contains("(status)"))
        .anyMatch(d -> d.contains("(test_type)"))
        .anyMatch(d -> d.contains("UNIQUE") && d.contains("(job_id)"));
  }

  @Test
  void bothUrlFormsReachTheDatabase() {
    store.save(job("done", JobStatus.COMPLETED, 1));
    // The JDBC form of the same address, credentials as parameters.
    String jdbc =
        inSchema().jdbcUrl()
            + (database.user() == null ? "" : "&user=" + database.user())
            + (database.password() == null ? "" : "&password=" + database.password());
    try (JobStore viaJdbcUrl = new PostgresJobStore(jdbc)) {
      assertThat(viaJdbcUrl.find("done")).isPresent();
    }
  }

  @Test
  void anUnreachableDatabaseFailsAtConstructionWithoutThePassword() {
    assertThatThrownBy(() -> new PostgresJobStore("postgresql://meshbench:s3cret@127.0.0.1:1/none"))
        .isInstanceOf(JobStoreException.class)
        .hasMessageContaining("127.0.0.1:1")
        .hasMessageNotContaining("s3cret");
  }
}
