package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the plan command shows of long lists. */
class ImportCommandOutputTest {
  @Test
  void aRecordKeptOutForARareReasonIsShownBesideManyKeptOutForACommonOne() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      lines.add("rental:new-" + i + ": its id rental:new-" + i + " does not name a key value");
    }
    lines.add("rental:new-57: key held by another row: the row with id = 57 holds pi_x");
    lines.add("rental:new-58: key claimed twice: records rental:new-58 and rental:new-59");

    List<String> shown = ImportCommand.everyKindFirst(lines, 10);

    assertThat(shown)
        .hasSize(10)
        .startsWith(lines.get(0), lines.get(11), lines.get(12), lines.get(1))
        .doesNotHaveDuplicates();
  }

  @Test
  void fewerLinesThanTheLimitAreAllShownInTheirOrder() {
    List<String> lines = List.of("a:1: x y z", "a:2: x y w", "a:3: q r");

    assertThat(ImportCommand.everyKindFirst(lines, 10))
        .containsExactly("a:1: x y z", "a:2: x y w", "a:3: q r");
  }

  @Test
  void applyGivenThePlansOptionsSaysTheyBelongToPlanInsteadOfUnknownOption() {
    CliRun run =
        CliRun.of(
            "import",
            "apply",
            "--run",
            "out/run",
            "--target",
            "jdbc:postgresql://localhost/app",
            "--plan-digest",
            "abc",
            "--mapping",
            "target.yaml",
            "--allow-incomplete");

    assertThat(run.exitCode()).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(run.err())
        .contains(
            "--mapping and --allow-incomplete are options of salvage import plan, not of apply")
        .contains("plan again with them and apply the digest that plan prints")
        .doesNotContain("Unknown option");
    assertThat(CliRun.of("import", "apply", "--help").out())
        .doesNotContain("--mapping")
        .doesNotContain("--allow-incomplete");
  }
}
