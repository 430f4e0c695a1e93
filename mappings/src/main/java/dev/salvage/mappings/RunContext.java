package dev.salvage.mappings;

import static java.util.Objects.requireNonNull;

/**
 * What a run knows beyond the record being mapped: the moments rules compare times with, and the
 * backup's tables for lookups.
 *
 * @param anchors {@code backup_time} and {@code as_of}
 * @param lookups the backup's tables, indexed for the mapping's lookups
 */
public record RunContext(TimeAnchors anchors, LookupTables lookups) {
  /** Nothing known: no anchors, no tables. */
  public static final RunContext NONE = new RunContext(TimeAnchors.NONE, LookupTables.NONE);

  public RunContext {
    requireNonNull(anchors, "anchors");
    requireNonNull(lookups, "lookups");
  }
}
