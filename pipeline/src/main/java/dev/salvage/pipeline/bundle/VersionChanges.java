package dev.salvage.pipeline.bundle;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changed in a record since a decision was made on another version of it (the run was made
 * again into the same directory): each field whose value changed, came or went, and the action. A
 * reviewer asked to decide again sees why; import keeps an approval whose record changed only where
 * the target writes nothing.
 *
 * @param known whether the decision kept the values it was made on; a line written before it did
 *     (or by hand) cannot tell what changed, and then {@code fields} is empty and both actions null
 * @param actionBefore the action the decision was made on, or null when unknown or the same
 * @param actionAfter the record's action now, or null when unknown or the same
 * @param fields each changed field, by name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"known", "action_before", "action_after", "fields"})
public record VersionChanges(
    boolean known,
    @JsonProperty("action_before") Action actionBefore,
    @JsonProperty("action_after") Action actionAfter,
    List<FieldChange> fields) {

  /**
   * One field's change.
   *
   * @param before its value when the decision was made; null when the field had none (added)
   * @param after its value now; null when it has none (gone)
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record FieldChange(String field, String before, String after) {
    public FieldChange {
      requireNonNull(field, "field");
    }

    /** {@code start_at: 2026-12-03T12:00:00Z → 2026-12-06T10:00:00Z}, or added or gone. */
    public String describe() {
      if (before == null) {
        return field + ": added " + after;
      }
      if (after == null) {
        return field + ": gone (was " + before + ")";
      }
      return field + ": " + before + " → " + after;
    }
  }

  public VersionChanges {
    fields = List.copyOf(fields);
  }

  /** What changed in {@code record} since {@code decision}, made on another version of it. */
  public static VersionChanges since(Decision decision, ReconstructedRecord record) {
    if (decision.recordValues().isEmpty() || decision.recordAction() == null) {
      return new VersionChanges(false, null, null, List.of());
    }
    Map<String, String> now = new TreeMap<>();
    record.fields().forEach((name, value) -> now.put(name, value.value()));
    Set<String> names = new TreeSet<>(now.keySet());
    names.addAll(decision.recordValues().keySet());
    List<FieldChange> changes = new ArrayList<>();
    for (String name : names) {
      String before = decision.recordValues().get(name);
      String after = now.get(name);
      if (before == null || !before.equals(after)) {
        changes.add(new FieldChange(name, before, after));
      }
    }
    boolean sameAction = decision.recordAction() == record.action();
    return new VersionChanges(
        true,
        sameAction ? null : decision.recordAction(),
        sameAction ? null : record.action(),
        changes);
  }

  /** Whether the record's action changed (NEW → UPDATED); false when it cannot be told. */
  @JsonIgnore
  public boolean actionChanged() {
    return actionBefore != null;
  }

  /** The names of the changed fields, sorted. */
  @JsonIgnore
  public Set<String> fieldNames() {
    Set<String> names = new TreeSet<>();
    fields.forEach(change -> names.add(change.field()));
    return names;
  }

  /**
   * The changes as one line: {@code action NEW → UPDATED; start_at: a → b; note: added x}, or why
   * they cannot be told.
   */
  public String describe() {
    if (!known) {
      return "what changed cannot be told: the decision was recorded without the values it was"
          + " made on (a line written by hand or before Salvage kept them)";
    }
    List<String> parts = new ArrayList<>();
    if (actionChanged()) {
      parts.add("action " + actionBefore + " → " + actionAfter);
    }
    fields.forEach(change -> parts.add(change.describe()));
    if (parts.isEmpty()) {
      // the digest differs while values and action agree: only the field set's encoding did
      return "no field value or action differs";
    }
    return String.join("; ", parts);
  }
}
