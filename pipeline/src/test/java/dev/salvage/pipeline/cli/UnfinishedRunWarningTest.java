package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.SalvagePipeline;
import dev.salvage.pipeline.bundle.RunLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Report and evaluate of a directory whose last run did not finish say so before anything else. */
class UnfinishedRunWarningTest {
  @TempDir Path dir;

  @Test
  void evaluateAndReportOfADirectoryWhoseLastRunDidNotFinishWarnThatItMayBeAnEarlierRuns()
      throws Exception {
    Path run = dir.resolve("run");
    RunLayout layout = RunLayout.of(run);
    Files.createDirectories(run.resolve("review"));
    Files.writeString(layout.records().path(), "");
    Files.writeString(layout.summaryJson(), "{}");
    Path truth = Files.createDirectories(dir.resolve("truth"));
    Files.writeString(
        truth.resolve("manifest.json"),
        "{\"entities\": {\"customers\": {\"entity\": \"customer\", \"match_keys\": [\"email\"],"
            + " \"fields\": [\"email\"]}}}");
    Files.writeString(truth.resolve("customers.jsonl"), "");
    String warning = "RUN-NOT-FINISHED is there: the last salvage run into " + run;

    CliRun finished = CliRun.of("evaluate", "--truth", truth.toString(), "--run", run.toString());
    assertThat(finished.exitCode()).as(finished.err()).isZero();
    assertThat(finished.err()).doesNotContain("RUN-NOT-FINISHED");

    SalvagePipeline.prepareOutput(layout); // a rerun that then failed

    CliRun evaluated = CliRun.of("evaluate", "--truth", truth.toString(), "--run", run.toString());
    assertThat(evaluated.exitCode()).as(evaluated.err()).isZero();
    assertThat(evaluated.err())
        .startsWith("Warning: " + run.resolve("RUN-NOT-FINISHED"))
        .contains(warning);
    CliRun reported = CliRun.of("report", "--run", run.toString());
    assertThat(reported.err()).contains(warning);
  }
}
