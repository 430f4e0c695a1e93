package dev.salvage.pipeline.bundle;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One line of {@code review/ignored-noted.jsonl}: a record no rule used whose reader noted how it
 * was read (a garbled base64 part, a cut text, a mail split or joined in doubt), which may be why
 * no rule matched it. Ignored records are in no other output, so without this list such damage
 * would be seen nowhere.
 *
 * @param source the configured source
 * @param ref the record's evidence id
 * @param location where the record is (file and byte offset, folder and UID)
 * @param notes the reader's notes on the record, as in the record
 */
@JsonPropertyOrder({"source", "ref", "location", "notes"})
public record IgnoredNotedEntry(String source, String ref, String location, List<String> notes) {
  public IgnoredNotedEntry {
    requireNonNull(source, "source");
    requireNonNull(ref, "ref");
    requireNonNull(location, "location");
    notes = List.copyOf(notes);
  }
}
