package dev.salvage.pipeline;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entity as Salvage rebuilt it, with what the backup said and why: the unit an operator reviews
 * and the import step writes. Serialised one per line into {@code review/records.jsonl}.
 *
 * @param id stable across reruns on the same inputs: the backup's primary key for entities the
 *     backup has ({@code customer:17}), else a hash of the entity's identity keys
 * @param entity the canonical entity type
 * @param action what import would do with it
 * @param confidence how sure the linking is, from 0 to 1
 * @param flagged true when a person has to look at it before import
 * @param reasons human-readable explanations of the action and of anything unusual
 * @param fields merged values with their provenance
 * @param backup the backup counterpart's values, or null when the backup has none
 * @param backupRef the evidence id of the backup row, or null
 * @param changes field-level difference from the backup (UPDATED and CONFLICT)
 * @param keys every strong key value seen for this entity
 * @param evidence every observation that went into it, oldest first
 * @param links evidence attached by probabilistic matching, with the weight of each field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "id",
  "entity",
  "action",
  "confidence",
  "flagged",
  "reasons",
  "fields",
  "backup",
  "backupRef",
  "changes",
  "keys",
  "evidence",
  "links"
})
public record ReconstructedRecord(
    String id,
    String entity,
    Action action,
    double confidence,
    boolean flagged,
    List<String> reasons,
    Map<String, FieldValue> fields,
    Map<String, String> backup,
    String backupRef,
    List<Change> changes,
    Map<String, List<String>> keys,
    List<Evidence> evidence,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Link> links) {

  @JsonCreator
  public ReconstructedRecord {
    requireNonNull(id, "id");
    requireNonNull(entity, "entity");
    requireNonNull(action, "action");
    reasons = List.copyOf(reasons);
    fields = Collections.unmodifiableMap(new TreeMap<>(fields));
    backup = backup == null ? null : Collections.unmodifiableMap(new TreeMap<>(backup));
    changes = List.copyOf(changes);
    keys = Collections.unmodifiableMap(new TreeMap<>(keys));
    evidence = List.copyOf(evidence);
    links = links == null ? List.of() : List.copyOf(links);
  }

  /** A record without probabilistic links. */
  public ReconstructedRecord(
      String id,
      String entity,
      Action action,
      double confidence,
      boolean flagged,
      List<String> reasons,
      Map<String, FieldValue> fields,
      Map<String, String> backup,
      String backupRef,
      List<Change> changes,
      Map<String, List<String>> keys,
      List<Evidence> evidence) {
    this(
        id,
        entity,
        action,
        confidence,
        flagged,
        reasons,
        fields,
        backup,
        backupRef,
        changes,
        keys,
        evidence,
        List.of());
  }

  /** What the reconstruction means for the application database. */
  public enum Action {
    /** Not in the backup: created after it was taken. */
    NEW,
    /** In the backup, and later evidence changes some of its fields. */
    UPDATED,
    /** In the backup, and later evidence agrees with it. */
    UNCHANGED,
    /** Evidence disagrees in a way the rules cannot settle; a person decides. */
    CONFLICT
  }

  /** A merged value, the evidence ids that claim it, and the share of claims that agree. */
  public record FieldValue(String value, List<String> sources, double confidence) {
    public FieldValue {
      requireNonNull(value, "value");
      sources = List.copyOf(sources);
    }
  }

  /** One field the evidence changed since the backup. */
  public record Change(String field, String before, String after, List<String> sources) {
    public Change {
      requireNonNull(field, "field");
      sources = List.copyOf(sources);
    }
  }

  /** One observation that went into the entity. */
  public record Evidence(String ref, String source, String rule, String observedAt) {
    public Evidence {
      requireNonNull(ref, "ref");
      requireNonNull(source, "source");
      requireNonNull(rule, "rule");
      requireNonNull(observedAt, "observedAt");
    }
  }

  /**
   * Evidence attached to this entity by probabilistic matching: why it was attached.
   *
   * @param evidence the attached evidence ids
   * @param weight the total match weight (log2 likelihood ratio)
   * @param probability the match probability the weight implies
   * @param review true when the weight is only above the review threshold
   * @param fields each compared field's contribution
   */
  public record Link(
      List<String> evidence,
      double weight,
      double probability,
      boolean review,
      List<Contribution> fields) {
    public Link {
      evidence = List.copyOf(evidence);
      fields = List.copyOf(fields);
    }
  }

  /** One field's part of a link's weight: the two values, their comparison level and weight. */
  public record Contribution(String field, String a, String b, String level, double weight) {
    public Contribution {
      requireNonNull(field, "field");
      requireNonNull(level, "level");
    }
  }

  public String value(String field) {
    FieldValue value = fields.get(field);
    return value == null ? null : value.value();
  }

  ReconstructedRecord withField(String field, FieldValue value, String reason) {
    Map<String, FieldValue> updated = new TreeMap<>(fields);
    updated.put(field, value);
    List<String> allReasons = new java.util.ArrayList<>(reasons);
    allReasons.add(reason);
    return new ReconstructedRecord(
        id,
        entity,
        action,
        confidence,
        flagged,
        allReasons,
        updated,
        backup,
        backupRef,
        changes,
        keys,
        evidence,
        links);
  }
}
