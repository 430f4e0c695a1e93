package dev.salvage.pipeline.review;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of {@code review/decisions.jsonl}: what one person decided about one record. The import
 * step reads these; for each record the latest decision that was not undone wins.
 *
 * @param id a UUID naming this decision
 * @param at when it was made (ISO-8601 instant)
 * @param who the reviewer's name
 * @param recordId the reconstructed record's id (for an undo: the undone decision's record)
 * @param decision approve, reject, edit (approve with the edited values) or undo
 * @param edits for an edit, every edited field of the record with its new canonical value (earlier
 *     edits of the same record are carried forward, so the latest decision is complete); else empty
 * @param reason why, in the reviewer's words (may be empty, never null)
 * @param undoes for an undo, the id of the decision it cancels; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "at", "who", "record_id", "decision", "edits", "reason", "undoes"})
record Decision(
    String id,
    String at,
    String who,
    @JsonProperty("record_id") String recordId,
    String decision,
    Map<String, String> edits,
    String reason,
    String undoes) {

  static final String APPROVE = "approve";
  static final String REJECT = "reject";
  static final String EDIT = "edit";
  static final String UNDO = "undo";

  Decision {
    requireNonNull(id, "id");
    requireNonNull(at, "at");
    requireNonNull(who, "who");
    requireNonNull(recordId, "record_id");
    requireNonNull(decision, "decision");
    edits = edits == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(edits));
    reason = reason == null ? "" : reason;
  }

  boolean isUndo() {
    return decision.equals(UNDO);
  }
}
