package dev.salvage.pipeline.bundle;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.salvage.connectors.Quarantined;

/**
 * One line of {@code quarantine.jsonl}: input a run could not use, where it was and why.
 *
 * @param source the configured source
 * @param location where the bad input is (file and byte offset or line, folder and UID, URL)
 * @param reason what failed, naming the record and field where known
 * @param excerpt the start of the offending input (may be empty, never null)
 */
@JsonPropertyOrder({"source", "location", "reason", "excerpt"})
public record QuarantineEntry(String source, String location, String reason, String excerpt) {
  public QuarantineEntry {
    requireNonNull(source, "source");
    requireNonNull(location, "location");
    requireNonNull(reason, "reason");
    excerpt = excerpt == null ? "" : excerpt;
  }

  public static QuarantineEntry of(Quarantined bad) {
    return new QuarantineEntry(bad.source(), bad.location(), bad.reason(), bad.excerpt());
  }
}
