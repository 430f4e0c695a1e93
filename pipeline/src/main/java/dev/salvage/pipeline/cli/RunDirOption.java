package dev.salvage.pipeline.cli;

import dev.salvage.pipeline.bundle.RunLayout;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --run DIR}: the output directory of a {@code salvage run}, for every command reading it.
 */
final class RunDirOption {
  @Option(
      names = "--run",
      required = true,
      paramLabel = "DIR",
      description = "The output directory of salvage run.")
  Path dir;

  /**
   * Why a command that acts on the run's records (review, whose decisions import follows) refuses
   * the directory, or null: the last run into it did not finish ({@code RUN-NOT-FINISHED}), so its
   * records are an earlier run's or a part of that run's (a records.jsonl cut off by a full disk).
   * A warning on the console was not enough for review: the reviewer reads the browser, not the
   * terminal, and decided records the rerun then replaced.
   */
  String refusedAsUnfinished(String command) {
    Path marker = RunLayout.of(dir).unfinished();
    if (!Files.exists(marker)) {
      return null;
    }
    return "Cannot "
        + command
        + " "
        + dir
        + ": the last salvage run into it did not finish ("
        + marker
        + " is there: it failed, was stopped, or is still running), so its records are an earlier"
        + " run's or a part of that run's. Run salvage run into "
        + dir
        + " again to its end, then "
        + command
        + " it.";
  }

  /**
   * Says so when the last run into the directory did not finish ({@code RUN-NOT-FINISHED}): what it
   * holds may be an earlier run's output beside this one's parts, and a review, report or
   * evaluation of it would pass for the failed run's result.
   */
  void warnIfUnfinished(PrintWriter err) {
    Path marker = RunLayout.of(dir).unfinished();
    if (Files.exists(marker)) {
      err.println(
          "Warning: "
              + marker
              + " is there: the last salvage run into "
              + dir
              + " did not finish, so what it holds may be an earlier run's output or a part of"
              + " that run's; run it again to the end before relying on it.");
      err.flush();
    }
  }
}
