package dev.salvage.samples;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a generated scenario holds: its files and how many of the truth's records were lost, and of
 * those how many left evidence behind.
 *
 * @param outDir the scenario directory
 * @param files what was written, per file or group of files
 * @param elapsed how long generation took
 */
public record ScenarioSummary(
    Path outDir,
    ScenarioParams params,
    List<FileStat> files,
    int customers,
    int lostCustomers,
    int recoverableCustomers,
    int reservations,
    int lostReservations,
    int recoverableReservations,
    Duration elapsed) {

  /**
   * One output file, or a group of paged files.
   *
   * @param path relative to the scenario directory; {@code NNNN} stands for page numbers
   * @param records how many records (rows, messages, objects, events, lines) it holds
   * @param unit what a record is
   * @param files how many files the group has
   * @param bytes their total size
   */
  public record FileStat(String path, long records, String unit, long files, long bytes) {
    public FileStat {
      requireNonNull(path, "path");
      requireNonNull(unit, "unit");
    }
  }

  public ScenarioSummary {
    requireNonNull(outDir, "outDir");
    requireNonNull(params, "params");
    files = List.copyOf(files);
    requireNonNull(elapsed, "elapsed");
  }

  public long totalBytes() {
    long total = 0;
    for (FileStat file : files) {
      total += file.bytes();
    }
    return total;
  }

  /** A few lines for people: files with counts and sizes, then lost and recoverable records. */
  public String report() {
    StringBuilder out = new StringBuilder();
    out.append("Scenario written to ").append(outDir).append('\n');
    for (FileStat file : files) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-78s %9d %-12s %s%n",
              file.path(),
              file.records(),
              file.unit(),
              file.files() > 1
                  ? size(file.bytes()) + " in " + file.files() + " files"
                  : size(file.bytes())));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "  customers:    %d in all, %d lost after the backup, %d of them recoverable%n",
            customers,
            lostCustomers,
            recoverableCustomers));
    out.append(
        String.format(
            Locale.ROOT,
            "  reservations: %d in all, %d lost after the backup, %d of them recoverable%n",
            reservations,
            lostReservations,
            recoverableReservations));
    out.append(
        String.format(
            Locale.ROOT, "  %s in %.1f s%n", size(totalBytes()), elapsed.toMillis() / 1000.0));
    return out.toString();
  }

  private static String size(long bytes) {
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }
}
