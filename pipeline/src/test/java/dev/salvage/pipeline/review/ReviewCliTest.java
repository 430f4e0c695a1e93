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

class ReviewCliTest {
  @TempDir Path dir;

  @Test
  void reportCommandWritesTheReportOfARun() throws Exception {
    RunFixture.write(dir);
    assertThat(SalvageCli.execute("report", "--run", dir.toString())).isZero();
    assertThat(dir.resolve("review/report.html")).isNotEmptyFile();
  }

  @Test
  void reviewAndReportExitTwoOnADirectoryThatIsNotARun() {
    assertThat(SalvageCli.execute("review", "--run", dir.toString())).isEqualTo(2);
    assertThat(SalvageCli.execute("report", "--run", dir.toString())).isEqualTo(2);
    assertThat(SalvageCli.execute("review", "--run", dir.toString(), "--port", "70000"))
        .isEqualTo(2);
  }

  @Test
  void reviewRefusesADirectoryWhoseLastRunDidNotFinishBeforeServingItsRecords() throws Exception {
    RunFixture.write(dir);
    SalvagePipeline.prepareOutput(RunLayout.of(dir)); // a rerun that then failed or was stopped

    // before: a warning on the console, then the UI served the records (and waited for Ctrl-C)
    CliRun review =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60), () -> CliRun.of("review", "--run", dir.toString()));

    assertThat(review.exitCode()).isEqualTo(2);
    assertThat(review.err())
        .startsWith("Cannot review " + dir + ": the last salvage run into it did not finish")
        .contains(dir.resolve("RUN-NOT-FINISHED").toString(), "Run salvage run into " + dir);
    assertThat(review.out()).doesNotContain("Open http");
    assertThat(dir.resolve("review/decisions.jsonl")).doesNotExist();
  }
}
