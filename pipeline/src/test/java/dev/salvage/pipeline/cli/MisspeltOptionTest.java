package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A misspelt option that a command requires. Until 2026-12-07 {@code salvage run --confg
 * salvage.yaml} said only "Missing required option: '--config=FILE'" and 80 lines of usage, never
 * naming the {@code --confg} typed, so an outside trial read it as a config file not found.
 */
class MisspeltOptionTest {
  @Test
  void aMisspeltRequiredOptionIsNamedAsUnknownWithTheOptionItMeant() {
    CliRun run = CliRun.of("run", "--confg", "salvage.yaml", "--out", "out");

    assertThat(run.exitCode()).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(run.err())
        .contains("Unknown options: '--confg', 'salvage.yaml'")
        .contains("Possible solutions: --config")
        .contains("Missing required option: '--config=FILE'");
    assertThat(run.err().indexOf("Unknown options"))
        .isLessThan(run.err().indexOf("Missing required option"));
  }

  @Test
  void aMissingRequiredOptionWithNothingUnknownIsSaidAsBefore() {
    CliRun run = CliRun.of("run", "--out", "out");

    assertThat(run.exitCode()).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(run.err())
        .startsWith("Missing required option: '--config=FILE'")
        .doesNotContain("Unknown option");
  }
}
