package io.meshbench.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

  @Test
  void libpqFormMovesCredentialsOutOfTheUrl() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://bench:pw@db.example:5433/meshbench");
    assertThat(url)
        .isEqualTo(new DatabaseUrl("jdbc:postgresql://db.example:5433/meshbench", "bench", "pw"));
  }

  @Test
  void postgresSchemeIsAnAlias() {
    assertThat(DatabaseUrl.parse("postgres://bench@db/meshbench"))
        .isEqualTo(new DatabaseUrl("jdbc:postgresql://db/meshbench", "bench", null));
  }

  @Test
  void jdbcFormPassesThroughWithItsParameters() {
    String jdbc = "jdbc:postgresql://db:5432/meshbench?user=bench&password=pw&sslmode=require";
    assertThat(DatabaseUrl.parse(jdbc)).isEqualTo(new DatabaseUrl(jdbc, null, null));
  }

  @Test
  void jdbcFormWithCredentialsInTheAuthorityIsFixedToo() {
    assertThat(DatabaseUrl.parse("jdbc:postgresql://bench:pw@db/meshbench"))
        .isEqualTo(new DatabaseUrl("jdbc:postgresql://db/meshbench", "bench", "pw"));
  }

  @Test
  void queryParametersAndSeveralHostsSurvive() {
    assertThat(DatabaseUrl.parse("postgresql://u:p@h1:5432,h2:5433/db?sslmode=require&x=1"))
        .isEqualTo(
            new DatabaseUrl("jdbc:postgresql://h1:5432,h2:5433/db?sslmode=require&x=1", "u", "p"));
  }

  @Test
  void percentEncodedCredentialsAreDecodedAndPlusStaysPlus() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://us%40er:p%3Aw%2Fd+x@db/meshbench");
    assertThat(url.user()).isEqualTo("us@er");
    assertThat(url.password()).isEqualTo("p:w/d+x");
  }

  @Test
  void missingHostMeansLocalhostAndMissingDatabaseIsLeftToTheDriver() {
    assertThat(DatabaseUrl.parse("postgresql:///meshbench").jdbcUrl())
        .isEqualTo("jdbc:postgresql://localhost/meshbench");
    assertThat(DatabaseUrl.parse("postgresql://db:5432").jdbcUrl())
        .isEqualTo("jdbc:postgresql://db:5432/");
    assertThat(DatabaseUrl.parse("postgresql://db?sslmode=disable").jdbcUrl())
        .isEqualTo("jdbc:postgresql://db/?sslmode=disable");
  }

  @Test
  void schemeIsCaseInsensitiveAndSurroundingSpaceIgnored() {
    assertThat(DatabaseUrl.parse("  JDBC:PostgreSQL://db/x \n").jdbcUrl())
        .isEqualTo("jdbc:postgresql://db/x");
  }

  @Test
  void withParameterAppendsToTheQuery() {
    assertThat(DatabaseUrl.parse("postgresql://db/x").withParameter("currentSchema", "s").jdbcUrl())
        .isEqualTo("jdbc:postgresql://db/x?currentSchema=s");
    assertThat(DatabaseUrl.parse("postgresql://db/x?a=1").withParameter("b", "2").jdbcUrl())
        .isEqualTo("jdbc:postgresql://db/x?a=1&b=2");
  }

  @Test
  void otherSchemesAreRejectedWithoutEchoingTheUrl() {
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:s3cret@db/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("postgresql://")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> DatabaseUrl.parse(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringHidesThePassword() {
    assertThat(DatabaseUrl.parse("postgresql://bench:s3cret@db/x").toString())
        .contains("jdbc:postgresql://db/x", "bench")
        .doesNotContain("s3cret");
  }
}
