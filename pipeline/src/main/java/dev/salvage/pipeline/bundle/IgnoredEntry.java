package dev.salvage.pipeline.bundle;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One line of {@code review/ignored.jsonl}: a record no rule used, with why, so that an operator
 * asked why a mail did not count can find it by its evidence id. Ignored records are in no other
 * output; until 2026-12-06 only those carrying reader notes were listed (in {@code
 * review/ignored-noted.jsonl}), and a bounce or an out-of-office reply was seen nowhere.
 *
 * @param source the configured source
 * @param ref the record's evidence id
 * @param location where the record is (file and byte offset, folder and UID)
 * @param kind the raw record's kind ({@code mail}, {@code stripe.charge}, {@code calendar.event})
 * @param why why it was ignored, one of {@link IgnoredWhy}'s keys
 * @param rule the rule without emit that matched it, when {@code why} says so; else null
 * @param subject a mail's subject, cut to {@link #MAX_TEXT} characters; null for other records
 * @param from a mail's sender address; null for other records
 * @param notes the reader's notes on the record that say how it was read, not what it is (those
 *     {@code why} says); empty when it noted nothing
 */
@JsonPropertyOrder({"source", "ref", "location", "kind", "why", "rule", "subject", "from", "notes"})
public record IgnoredEntry(
    String source,
    String ref,
    String location,
    String kind,
    String why,
    @JsonInclude(JsonInclude.Include.NON_NULL) String rule,
    @JsonInclude(JsonInclude.Include.NON_NULL) String subject,
    @JsonInclude(JsonInclude.Include.NON_NULL) String from,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes) {
  /** The longest subject kept: the line says which mail, the evidence is in the mailbox. */
  public static final int MAX_TEXT = 200;

  public IgnoredEntry {
    requireNonNull(source, "source");
    requireNonNull(ref, "ref");
    requireNonNull(location, "location");
    requireNonNull(kind, "kind");
    requireNonNull(why, "why");
    notes = notes == null ? List.of() : List.copyOf(notes);
  }
}
