package dev.salvage.pipeline.bundle;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.salvage.connectors.RawRecord;

/**
 * One line of {@code review/evidence.jsonl}: a raw record that produced an observation, so review
 * can open the mail, payment or event an evidence id ({@link ReconstructedRecord.Evidence#ref})
 * names.
 *
 * @param ref the evidence id ({@code email:<Message-ID>}, {@code stripe:ch_1}, ...)
 * @param source the configured source that read it
 * @param kind what the reader made of it ({@code mail}, {@code stripe.charge}, ...)
 * @param location where it was read (file and offset, folder and UID, URL)
 * @param json the raw record as its reader gave it: JSON, or a string when it was not JSON
 */
@JsonPropertyOrder({"ref", "source", "kind", "location", "json"})
public record EvidenceEntry(
    String ref, String source, String kind, String location, JsonNode json) {
  public EvidenceEntry {
    requireNonNull(ref, "ref");
    requireNonNull(source, "source");
  }

  /** The entry of a raw record. */
  public static EvidenceEntry of(RawRecord raw) {
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(raw.json());
    } catch (JsonProcessingException e) {
      // A mapped record's JSON parsed once already; keep the text rather than lose the evidence.
      json = TextNode.valueOf(raw.json());
    }
    return new EvidenceEntry(raw.ref(), raw.source(), raw.kind(), raw.location(), json);
  }
}
