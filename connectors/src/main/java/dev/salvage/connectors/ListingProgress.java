package dev.salvage.connectors;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far the listing of the sources has come before a run's job starts, for the console's progress
 * line: the files met walking the sources' folders, and the file read through to find where it can
 * be split (an mbox's message starts), with how many of its bytes are behind. A run prepared its
 * inputs for minutes without a word (12 minutes on a 4 GB mbox, 2026-12-08): the listing happens
 * inside the connectors, so they tell it here, and the progress printer's thread reads it.
 * Process-wide, as the sources are listed one after the other on one thread.
 */
public final class ListingProgress {
  private static final AtomicLong FILES_MET = new AtomicLong();
  private static volatile Scan scan;

  /** A file being read through to list its partitions: its bytes behind out of its size. */
  public record Scan(Path file, long done, long size) {}

  private ListingProgress() {}

  /** How many files and folders the walks of the sources' folders have met so far. */
  public static long filesMet() {
    return FILES_MET.get();
  }

  /** The file being read through to list its partitions, or null when none is. */
  public static Scan scan() {
    return scan;
  }

  static void fileMet() {
    FILES_MET.incrementAndGet();
  }

  /** {@code file} of {@code size} bytes is read through, {@code done} of them so far. */
  public static void scanning(Path file, long done, long size) {
    scan = new Scan(file, done, size);
  }

  /** The file read through to list its partitions is done with. */
  public static void scanned() {
    scan = null;
  }
}
