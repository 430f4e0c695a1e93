package dev.salvage.pipeline.cli;

import dev.salvage.pipeline.bundle.RunSummary.NotRead;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The console's last words on a command that could not read every partition: which ones, what of
 * each was not read, the last error, and what the exit code means. Said plainly and last, so that
 * an incomplete run never looks like a complete one.
 */
final class Incomplete {
  private Incomplete() {}

  /**
   * @param notRead per source, the partitions not read to their end (not empty)
   * @param accepted whether the operator accepted it ({@code --allow-incomplete})
   * @param rerun what a rerun does, for the operator
   */
  static void print(
      PrintWriter err, Map<String, List<NotRead>> notRead, boolean accepted, String rerun) {
    print(
        err,
        notRead,
        accepted ? " (accepted with --allow-incomplete)" : "",
        rerun,
        accepted
            ? "Exit code 0 because of --allow-incomplete."
            : "Exit code "
                + SalvageCli.EXIT_INCOMPLETE
                + " (finished, incomplete); --allow-incomplete accepts an incomplete run.");
  }

  /**
   * The same for {@code salvage fetch}, which has no {@code --allow-incomplete}: the run and the
   * import plan that read the snapshot have it.
   *
   * @param notFetched per source, the partitions not fetched to their end (not empty)
   * @param rerun what a rerun does, for the operator
   */
  static void printNotFetched(
      PrintWriter err, Map<String, List<NotRead>> notFetched, String rerun) {
    print(
        err,
        notFetched,
        "",
        rerun,
        "Exit code "
            + SalvageCli.EXIT_INCOMPLETE
            + " (finished, incomplete). salvage run over the snapshot reports these partitions"
            + " as not read; its --allow-incomplete (and import plan's) accepts an incomplete"
            + " run.");
  }

  private static void print(
      PrintWriter err,
      Map<String, List<NotRead>> notRead,
      String acceptedNote,
      String rerun,
      String exitLine) {
    int partitions = notRead.values().stream().mapToInt(List::size).sum();
    err.printf(
        "%nINCOMPLETE%s: %d partition(s) of %d source(s) were not read to their end; what they"
            + " hold is missing:%n",
        acceptedNote, partitions, notRead.size());
    notRead.forEach(
        (source, entries) -> {
          for (NotRead entry : entries) {
            err.printf(
                "  %s: partition %s, %d record(s) read; not read: %s; last error: %s%n",
                source, entry.partition(), entry.recordsRead(), entry.notRead(), entry.lastError());
          }
        });
    err.println(rerun);
    err.println(exitLine);
    err.flush();
  }
}
