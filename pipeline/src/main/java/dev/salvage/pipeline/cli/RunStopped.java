package dev.salvage.pipeline.cli;

import dev.salvage.pipeline.bundle.RunLayout;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What a run that did not reach its end says: stopped from outside, stalled, failed in Flink, or
 * out of disk space while writing the bundle; each names what the output directory holds now and
 * what to do.
 */
final class RunStopped {
  private RunStopped() {}

  /** What a run stopped from outside (Ctrl-C, a kill) leaves in {@code out}, and what to do. */
  static String stoppedBeforeTheEnd(Path out) {
    return "salvage run was stopped before it finished: "
        + out
        + " is left marked RUN-NOT-FINISHED: what it holds is not this run's result (review"
        + " and import refuse it). Run the same command again to redo it from the"
        + " start.";
  }

  /**
   * Why the watch ended the job; when a directory was nearly full, also the partial files of the
   * bundle this run wrote, which it removes: they kept the full disk full for nothing.
   */
  static String stopped(StallWatch watch, RunLayout layout, Instant started) {
    String why = watch.stall();
    if (!watch.outOfRoom()) {
      return why;
    }
    String removed = FreeSpace.removeWrittenParts(layout.partsDir(), started);
    return removed.isEmpty() ? why : why + " " + removed;
  }

  /**
   * After a failed job, the partial files of the bundle this run wrote when Flink itself failed for
   * want of space (a write filled the disk between two looks of the watch, which then never fired):
   * removed as when the watch stops the run, since they keep the full disk full for nothing. The
   * sentence saying so, or "" when the failure is another or nothing was removed.
   */
  static String removedAfter(FlinkFailure failure, RunLayout layout, Instant started) {
    return failure.kind() == FlinkFailure.Kind.NO_SPACE
        ? FreeSpace.removeWrittenParts(layout.partsDir(), started)
        : "";
  }

  /**
   * What to say when joining or writing the bundle after the job ran out of space (the job's own
   * writes fit, the joined files did not: they take as much again as their parts), or null when
   * {@code failure} is not for want of space. Said as a failed job's is: each directory's free
   * space, the one to give room, and the partial files of {@code .work/parts} removed (they kept
   * the disk full). Until 2026-12-07 the run said only {@code salvage failed: No space left on
   * device}, naming no directory, and left the parts behind.
   */
  static String noSpaceForTheBundle(
      Throwable failure, FreeSpace space, RunLayout layout, Instant started) {
    if (!FreeSpace.isNoSpace(failure)) {
      return null;
    }
    String removed = FreeSpace.removeWrittenParts(layout.partsDir(), started);
    return "The run failed writing its review bundle in "
        + layout.root()
        + " after the job had finished: no space left on a disk it writes ("
        + FreeSpace.noSpaceMessage(failure)
        + ")\n  "
        + space.afterNoSpace(failure)
        + (removed.isEmpty() ? "" : "\n" + removed)
        + "\nThe bundle's files there are partial: the directory stays marked RUN-NOT-FINISHED"
        + " (review and import refuse it); rerun into it once there is room.";
  }
}
