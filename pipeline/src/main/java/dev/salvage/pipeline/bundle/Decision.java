package dev.salvage.pipeline.bundle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of {@code review/decisions.jsonl}: what one person decided about one record. Review
 * writes these; import reads them; {@link Decisions} says which one is in force for a record.
 *
 * @param id a UUID naming this decision
 * @param at when it was made (ISO-8601 instant); null when a hand-written line has none
 * @param who the reviewer's name; null when a hand-written line has none
 * @param recordId the reconstructed record's id (for an undo: the undone decision's record; null
 *     only on a hand-written undo, and filled in by {@link Decisions})
 * @param kind approve, reject, edit (approve with the edited values) or undo
 * @param edits for an edit, every edited field of the record with its new canonical value (earlier
 *     edits of the same record are carried forward, so the latest decision is complete); else empty
 * @param reason why, in the reviewer's words (may be empty, never null)
 * @param undoes for an undo, the id of the decision it cancels; else null
 * @param recordDigest the {@link ReconstructedRecord#digest} of the record as the reviewer saw it;
 *     a record that differs now (the run was made again) is not decided by it. Null on an undo and
 *     on a hand-written line, which hold for any version
 * @param recordKeys the record's key values as the reviewer saw it ({@code keys} of records.jsonl):
 *     a rerun that gives the record another id (new evidence added a key to a hashed id) still
 *     finds the record that holds them, so the decision is not silently lost. Empty on a
 *     hand-written line and on lines written before it was kept
 * @param recordAction the record's action as the reviewer saw it; null on an undo, on a
 *     hand-written line and on lines written before it was kept
 * @param recordValues every field value of the record as the reviewer saw it: a rerun that changes
 *     the record can then say which fields changed since the decision ({@link VersionChanges}), and
 *     import can keep an approval whose record changed only where the target writes nothing. Empty
 *     on an undo, on a hand-written line and on lines written before it was kept
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "id",
  "at",
  "who",
  "record_id",
  "decision",
  "edits",
  "reason",
  "undoes",
  "record_digest",
  "record_keys",
  "record_action",
  "record_values"
})
public record Decision(
    String id,
    String at,
    String who,
    @JsonProperty("record_id") String recordId,
    @JsonProperty("decision") Kind kind,
    Map<String, String> edits,
    String reason,
    String undoes,
    @JsonProperty("record_digest") String recordDigest,
    @JsonProperty("record_keys") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, List<String>> recordKeys,
    @JsonProperty("record_action") Action recordAction,
    @JsonProperty("record_values") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, String> recordValues) {

  /** What a decision does; written in lower case ({@code approve}). */
  public enum Kind {
    APPROVE,
    REJECT,
    /** Approval with some field values replaced. */
    EDIT,
    /** Cancels an earlier decision (of any kind, an undo included). */
    UNDO;

    @JsonValue
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The kind written as {@code text} (any case), or null when there is none. */
    public static Kind parse(String text) {
      for (Kind kind : values()) {
        if (kind.name().equalsIgnoreCase(text)) {
          return kind;
        }
      }
      return null;
    }
  }

  public Decision {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a decision has no id");
    }
    if (kind == null) {
      throw new IllegalArgumentException("decision " + id + " has no kind (field decision)");
    }
    if (kind == Kind.UNDO) {
      if (undoes == null || undoes.isBlank()) {
        throw new IllegalArgumentException("undo " + id + " names no decision (field undoes)");
      }
    } else {
      if (recordId == null || recordId.isBlank()) {
        throw new IllegalArgumentException("decision " + id + " names no record (field record_id)");
      }
      // only an undo cancels anything; a stray undoes elsewhere means nothing
      undoes = null;
    }
    if (recordDigest != null && recordDigest.isBlank()) {
      recordDigest = null;
    }
    Map<String, String> sorted = edits == null ? new TreeMap<>() : new TreeMap<>(edits);
    if (sorted.containsValue(null)) {
      // an import never clears a value
      throw new IllegalArgumentException("decision " + id + " edits a field to null");
    }
    edits = Collections.unmodifiableMap(sorted);
    Map<String, List<String>> keys = new TreeMap<>();
    if (recordKeys != null) {
      recordKeys.forEach(
          (field, values) -> {
            if (values != null && !values.isEmpty()) {
              keys.put(field, List.copyOf(values));
            }
          });
    }
    recordKeys = Collections.unmodifiableMap(keys);
    // a copy first: an immutable map refuses even to be asked whether it holds null
    Map<String, String> values =
        recordValues == null ? new TreeMap<>() : new TreeMap<>(recordValues);
    if (values.containsValue(null)) {
      throw new IllegalArgumentException(
          "decision " + id + " has a field without a value in record_values (leave it out)");
    }
    recordValues = Collections.unmodifiableMap(values);
    if (kind == Kind.EDIT && edits.isEmpty()) {
      throw new IllegalArgumentException("edit decision " + id + " has no edits");
    }
    reason = reason == null ? "" : reason;
  }

  /** Reads a line, with messages that name the decision rather than Jackson's types. */
  @JsonCreator
  static Decision fromJson(
      @JsonProperty("id") String id,
      @JsonProperty("at") String at,
      @JsonProperty("who") String who,
      @JsonProperty("record_id") String recordId,
      @JsonProperty("decision") String kind,
      @JsonProperty("edits") JsonNode edits,
      @JsonProperty("reason") String reason,
      @JsonProperty("undoes") String undoes,
      @JsonProperty("record_digest") String recordDigest,
      @JsonProperty("record_keys") Map<String, List<String>> recordKeys,
      @JsonProperty("record_action") String recordAction,
      @JsonProperty("record_values") Map<String, String> recordValues) {
    Action action = null;
    if (recordAction != null) {
      try {
        action = Action.valueOf(recordAction.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        // an action this version does not know: the change of action cannot be told, nothing more
        action = null;
      }
    }
    Kind parsed = null;
    if (kind != null) {
      parsed = Kind.parse(kind);
      if (parsed == null) {
        throw new IllegalArgumentException(
            "decision " + id + " has unknown kind '" + kind + "' (approve, reject, edit or undo)");
      }
    }
    return new Decision(
        id,
        at,
        who,
        recordId,
        parsed,
        edits(id, edits),
        reason,
        undoes,
        recordDigest,
        recordKeys,
        action,
        recordValues);
  }

  private static Map<String, String> edits(String id, JsonNode edits) {
    if (edits == null || edits.isNull()) {
      return Map.of();
    }
    if (!edits.isObject()) {
      throw new IllegalArgumentException("edits of decision " + id + " is not an object");
    }
    Map<String, String> values = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = edits.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> edit = it.next();
      JsonNode value = edit.getValue();
      if (value.isNull()) {
        throw new IllegalArgumentException(
            "decision " + id + " edits field " + edit.getKey() + " to null");
      }
      if (!value.isValueNode()) {
        throw new IllegalArgumentException(
            "decision " + id + " edits field " + edit.getKey() + " to a non-scalar value");
      }
      values.put(edit.getKey(), value.asText());
    }
    return values;
  }

  /** A decision made on any version of its record, as a hand-written line is. */
  public Decision(
      String id,
      String at,
      String who,
      String recordId,
      Kind kind,
      Map<String, String> edits,
      String reason,
      String undoes) {
    this(id, at, who, recordId, kind, edits, reason, undoes, null);
  }

  /** A decision made on one version of its record, without its key values. */
  public Decision(
      String id,
      String at,
      String who,
      String recordId,
      Kind kind,
      Map<String, String> edits,
      String reason,
      String undoes,
      String recordDigest) {
    this(id, at, who, recordId, kind, edits, reason, undoes, recordDigest, null);
  }

  /** A decision made on one version of its record, without the values it was made on. */
  public Decision(
      String id,
      String at,
      String who,
      String recordId,
      Kind kind,
      Map<String, String> edits,
      String reason,
      String undoes,
      String recordDigest,
      Map<String, List<String>> recordKeys) {
    this(id, at, who, recordId, kind, edits, reason, undoes, recordDigest, recordKeys, null, null);
  }

  /**
   * Whether this decision was made on {@code record} as it is: it names no digest (a hand-written
   * line), or the record's.
   */
  public boolean madeOn(ReconstructedRecord record) {
    return madeOnDigest(record.digest());
  }

  /** Whether this decision was made on a record whose digest is {@code digest}. */
  public boolean madeOnDigest(String digest) {
    return recordDigest == null || recordDigest.equals(digest);
  }

  /** Whether the record is to be imported: an approve, or an edit (approve with its values). */
  public boolean approves() {
    return kind == Kind.APPROVE || kind == Kind.EDIT;
  }

  @JsonIgnore
  public boolean isUndo() {
    return kind == Kind.UNDO;
  }

  /** This undo with the record of the decision it undoes, when the line named none. */
  Decision forRecord(String record) {
    return new Decision(
        id,
        at,
        who,
        record,
        kind,
        edits,
        reason,
        undoes,
        recordDigest,
        recordKeys,
        recordAction,
        recordValues);
  }

  /** This decision with other edits, made on the same version of its record. */
  public Decision withEdits(Map<String, String> replaced) {
    return new Decision(
        id,
        at,
        who,
        recordId,
        kind,
        replaced,
        reason,
        undoes,
        recordDigest,
        recordKeys,
        recordAction,
        recordValues);
  }
}
