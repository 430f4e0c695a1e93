package dev.salvage.connectors;

import static java.util.Objects.requireNonNull;

/**
 * Input that could not be turned into a usable record, kept with the reason and the place it came
 * from so that nothing is lost silently.
 *
 * @param source the configured source name
 * @param location where the bad input is (file and byte offset or line, folder and UID, URL)
 * @param reason what failed, naming the record and field where known
 * @param excerpt the start of the offending input, for the operator (may be empty)
 */
public record Quarantined(String source, String location, String reason, String excerpt) {
  private static final int MAX_EXCERPT = 2000;

  public Quarantined {
    requireNonNull(source, "source");
    requireNonNull(location, "location");
    requireNonNull(reason, "reason");
    excerpt = excerpt == null ? "" : truncate(excerpt);
  }

  private static String truncate(String text) {
    return text.length() <= MAX_EXCERPT ? text : text.substring(0, MAX_EXCERPT) + "…";
  }
}
