package dev.salvage.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.salvage.pipeline.SalvagePipeline;
import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.cli.CliRun;
import dev.salvage.pipeline.cli.SalvageCli;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory whose last run did not finish is refused by review and import plan alike, before
 * either reads anything; review exited 2 and plan 1 for the same condition, so a script telling
 * "fix what you gave me" from "it broke while working" by the code was told two things.
 */
class UnfinishedRunExitCodeTest {
  @TempDir Path dir;

  @Test
  void reviewAndImportPlanRefuseAnUnfinishedRunWithTheSameUsageExitCode() throws Exception {
    RunFixture.write(dir);
    SalvagePipeline.prepareOutput(RunLayout.of(dir)); // a rerun that then failed or was stopped

    CliRun review =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60), () -> CliRun.of("review", "--run", dir.toString()));
    // no database behind the URL: plan refuses the directory before connecting
    CliRun plan =
        CliRun.of(
            "import",
            "plan",
            "--run",
            dir.toString(),
            "--target",
            "jdbc:postgresql://127.0.0.1:1/nowhere");

    assertThat(review.exitCode()).as(review.err()).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(plan.exitCode()).as(plan.err()).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(plan.err())
        .startsWith("Cannot import from " + dir + ": a salvage run into it has not finished")
        .contains(dir.resolve("RUN-NOT-FINISHED").toString());
    assertThat(dir.resolve("import/plan.json")).doesNotExist();
  }
}
