package dev.salvage.pipeline.cli;

import dev.salvage.pipeline.bundle.RunSummary.NotRead;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

  /**
   * What to do about the partitions not read, the one sentence fetch and run close with. {@code
   * rerun} says what a rerun gets past; of a partition whose reader said what a rerun meets
   * (Stripe's 403 for a permission the key lacks, messages gone from an IMAP folder) the advice is
   * that reader's: an outside trial was told to rerun the same fetch after a 403, which the same
   * key answers with the same 403, and {@code salvage run} said so after fetch no longer did.
   *
   * @param rerun the command's own advice, a whole sentence
   * @param then what follows the readers' advice when it is all there is to say ("then a fetch into
   *     snap fetches only what is missing."), a sentence's end
   */
  static String rerunAdvice(String rerun, String then, Map<String, List<NotRead>> notRead) {
    List<NotRead> entries = notRead.values().stream().flatMap(List::stream).toList();
    List<String> readers =
        entries.stream().map(NotRead::rerun).filter(Objects::nonNull).distinct().toList();
    if (readers.isEmpty()) {
      return rerun;
    }
    String said = String.join("; ", readers);
    if (entries.stream().anyMatch(entry -> entry.rerun() == null)) {
      return rerun + " Not so the partition(s) a rerun does not get past: " + said + ".";
    }
    return Character.toUpperCase(said.charAt(0)) + said.substring(1) + "; " + then;
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
