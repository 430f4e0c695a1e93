package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.pipeline.SalvagePipeline;
import dev.salvage.pipeline.bundle.RunLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rerun into a directory that holds a finished run, killed part-way (a TaskManager lost on a
 * cluster), left the earlier run's summary.json and review bundle untouched: nothing told them from
 * the rerun's result, and import planned from them.
 */
class UnfinishedRunImportTest {
  @TempDir Path dir;

  @Test
  void aDirectoryWhoseRerunDidNotFinishIsRefusedInsteadOfPlannedFromTheEarlierRunsFiles()
      throws Exception {
    RunLayout layout = RunLayout.of(dir);
    // an earlier run's summary, complete
    Files.writeString(layout.summaryJson(), "{}");

    // a rerun starts, then its job fails: it never gets to mark the directory finished
    SalvagePipeline.prepareOutput(layout);

    assertThat(layout.unfinished()).content().contains("has not finished");
    // accepting an incomplete run does not accept one of unknown state
    assertThatThrownBy(() -> Importer.checkComplete(layout, Importer.IncompleteRuns.ACCEPT))
        .isInstanceOf(ImportRefusedException.class)
        .hasMessage(
            "Cannot import from "
                + dir
                + ": a salvage run into it has not finished ("
                + layout.unfinished()
                + " is there: the run failed or is still running), so its summary.json and"
                + " records are an earlier run's or partial; rerun salvage run into "
                + dir
                + ", then plan");

    SalvagePipeline.markFinished(layout);

    assertThat(layout.unfinished()).doesNotExist();
    assertThat(Importer.checkComplete(layout, Importer.IncompleteRuns.REFUSE)).isZero();
  }
}
