package dev.salvage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.pipeline.bundle.RunLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's pipeline writes its partitions not read into the output directory from the workers, and
 * the client writes the counters the runner reports; the client reads them from its own view of
 * that directory. On a Flink cluster whose TaskManagers do not share --out with the client, the
 * client found none of them and wrote an empty bundle whose summary counted nothing read and
 * nothing missing, exit 0.
 */
class WorkersOutputTest {
  @TempDir Path dir;

  @Test
  void aRunWhoseWorkersWroteWhereTheClientDoesNotSeeFailsNamingTheSharedDirectory()
      throws IOException {
    RunLayout layout = RunLayout.of(dir);
    // an earlier run's counts in the same --out
    Files.createDirectories(layout.countsTsv().getParent());
    Files.writeString(layout.countsTsv(), "source.mail.read\t5\n");
    // and its evaluation, which would stand beside this run's records as theirs
    Files.writeString(dir.resolve("metrics.json"), "{}");

    SalvagePipeline.prepareOutput(layout);

    // before: the earlier run's counts stayed, to be read as this run's
    assertThat(layout.countsTsv()).doesNotExist();
    assertThat(dir.resolve("metrics.json")).doesNotExist();
    // the pipeline finished on workers that wrote into another file system: nothing here
    assertThatThrownBy(() -> SalvagePipeline.requireWorkersOutput(layout))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("Cannot complete the run in " + dir + ": the pipeline finished")
        .hasMessageContaining(".work/not-read.tsv that its workers write there is missing")
        .hasMessageContaining(
            "On a Flink cluster --out must be the same directory on the client and on every"
                + " TaskManager");
  }

  @Test
  void aRunWhoseWorkersWroteThatNothingWentUnreadIsCompleted() throws IOException {
    RunLayout layout = RunLayout.of(dir);
    Files.createDirectories(layout.notReadTsv().getParent());
    // what TextIO writes for an empty list of partitions not read: an empty file
    Files.writeString(layout.notReadTsv(), "");

    assertThatCode(() -> SalvagePipeline.requireWorkersOutput(layout)).doesNotThrowAnyException();
  }

  private static PipelineResult aJobThatCountedNothing() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    pipeline.apply(Create.of(1));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    return result;
  }

  @Test
  void aRunWhoseRunnerLostItsCountersBesideWrittenEvidenceFailsInsteadOfCountingNothing()
      throws IOException {
    RunLayout layout = RunLayout.of(dir);
    Files.createDirectories(layout.evidence().path().getParent());
    Files.writeString(layout.evidence().path(), "{\"ref\":\"mail:1\"}\n");

    assertThatThrownBy(() -> SalvagePipeline.addMeasuredCounts(aJobThatCountedNothing(), layout))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("Cannot account for the run in " + dir)
        .hasMessageContaining("the runner reported none of its counters");
  }

  @Test
  void aRunThatReadNothingWritesEmptyCounts() throws IOException {
    RunLayout layout = RunLayout.of(dir);
    Files.createDirectories(layout.countsTsv().getParent());

    SalvagePipeline.addMeasuredCounts(aJobThatCountedNothing(), layout);

    assertThat(layout.countsTsv()).isEmptyFile();
  }
}
