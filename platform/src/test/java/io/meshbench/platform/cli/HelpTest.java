package io.meshbench.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.platform.job.SpecRules;
import org.junit.jupiter.api.Test;

/** What --help and -V promise: defaults shown, examples whole, the version on every verb. */
class HelpTest {
  @Test
  void everyVerbPrintsTheVersion() {
    for (String verb : new String[] {"run", "serve", "target", "compare"}) {
      CliHarness r = CliHarness.run(verb, "-V");
      assertThat(r.exitCode).as(verb).isZero();
      assertThat(r.out).as(verb).startsWith("meshbench ");
    }
  }

  @Test
  void runHelpShowsTheSharedDefaultsAndUnwrappedExamples() {
    CliHarness r = CliHarness.run("run", "--help");
    assertThat(r.out)
        .contains("Default: " + SpecRules.DEFAULT_DURATION_TEXT)
        .contains("Default: " + SpecRules.DEFAULT_WARMUP_TEXT)
        .containsPattern("--pipeline=<pipeline>.*Default: 1\\.")
        .containsPattern("--seed=<seed>.*Default: 1\\.")
        .containsPattern("--format=<format>.*Default: text\\.");
    // Each example is on one line, so that copying it copies the whole command.
    assertThat(r.out.lines())
        .anyMatch(l -> l.contains("--grpc-method pkg.Service/Method --data '{\"name\":\"x\"}'"))
        .filteredOn(l -> l.startsWith("  meshbench "))
        .allMatch(l -> l.chars().filter(c -> c == '\'').count() % 2 == 0);
  }

  @Test
  void theTopLevelHelpListsEveryVerbAndHelpReachesEach() {
    // Only the verb asked for is built at start-up; help must still see them all.
    CliHarness top = CliHarness.run("--help");
    assertThat(top.exitCode).isZero();
    for (String verb :
        new String[] {"run", "serve", "target", "worker", "plan", "compare", "search", "export"}) {
      assertThat(top.out).as(verb).containsPattern("(?m)^  " + verb + " ");
      CliHarness help = CliHarness.run("help", verb);
      assertThat(help.exitCode).as(verb).isZero();
      assertThat(help.out).as(verb).startsWith("Usage: meshbench " + verb);
      // Every '%' went through picocli's formatting: none left doubled, no warning about one.
      assertThat(help.out).as(verb).doesNotContain("%%");
      assertThat(help.err).as(verb).doesNotContain("Could not format");
    }
    assertThat(CliHarness.run("search", "--help").out)
        .contains("5% or 0.05.")
        .contains("Default: 5%.")
        .contains(
            "      --precision 5% --slo 'p99<=20ms' --slo 'error_rate<=0.1%' --output search.json");
    assertThat(CliHarness.run("run", "--help").out).contains("Default: 1000.");
  }

  @Test
  void aMistypedVerbIsAUsageError() {
    CliHarness r = CliHarness.run("rnu");
    assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err).contains("'rnu'");
  }
}
