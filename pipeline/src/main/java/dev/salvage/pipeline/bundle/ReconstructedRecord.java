package dev.salvage.pipeline.bundle;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
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

  /**
   * A merged value, the evidence ids that claim it, the share of claims that agree, and the values
   * it was chosen over.
   *
   * @param alternatives the other values claimed for the field (and other spellings of this one),
   *     with their support and why they lost; empty when every claim agreed
   */
  public record FieldValue(
      String value,
      List<String> sources,
      double confidence,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Alternative> alternatives) {
    @JsonCreator
    public FieldValue {
      requireNonNull(value, "value");
      sources = List.copyOf(sources);
      alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    /** A value every claim agreed on, or one taken from elsewhere. */
    public FieldValue(String value, List<String> sources, double confidence) {
      this(value, sources, confidence, List.of());
    }
  }

  /**
   * A value claimed for a field that the merge did not choose.
   *
   * @param value the claimed value; empty for a backup row that holds none
   * @param sources the evidence ids that claim it
   * @param support how many independent sources (source names) claim it
   * @param latest when its newest claim holds from (ISO-8601)
   * @param note why it lost, or how it relates to the chosen value
   */
  public record Alternative(
      String value, List<String> sources, int support, String latest, String note) {
    public Alternative {
      requireNonNull(value, "value");
      sources = List.copyOf(sources);
      requireNonNull(latest, "latest");
      requireNonNull(note, "note");
    }
  }

  /** One field the evidence changed since the backup. */
  public record Change(String field, String before, String after, List<String> sources) {
    public Change {
      requireNonNull(field, "field");
      sources = List.copyOf(sources);
    }
  }

  /**
   * One observation that went into the entity.
   *
   * @param ref the evidence id (the raw record's id, e.g. {@code email:<Message-ID>})
   * @param source the configured source it came from
   * @param rule the mapping rule that read it
   * @param observedAt when the source says it happened (ISO-8601)
   * @param claims the field values this observation claims: what merging weighs, so a record can be
   *     merged again from its evidence when more is attached
   * @param hints partial values (a name with initials) that help matching but are never a field's
   *     value
   * @param notes what the mapping could not do for this observation (a lookup's miss)
   * @param ordinal which of its rule's emits of the entity type made it (0 for the first or only
   *     one; left out of the bundle then): one record's several emits of one type (a class
   *     session's attendees) are distinct pieces of evidence, each its own {@link #piece}
   * @param guessed the date-time claims read from a wall-clock time their zone skips or repeats,
   *     field to the other instant that time may be ("" when not known): a claim an exact one of
   *     either instant settles, and a value no exact claim supports flags the record
   */
  public record Evidence(
      String ref,
      String source,
      String rule,
      String observedAt,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> claims,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> hints,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes,
      @JsonInclude(JsonInclude.Include.NON_DEFAULT) int ordinal,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> guessed) {
    @JsonCreator
    public Evidence {
      requireNonNull(ref, "ref");
      requireNonNull(source, "source");
      requireNonNull(rule, "rule");
      requireNonNull(observedAt, "observedAt");
      claims = claims == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(claims));
      hints = hints == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(hints));
      notes = notes == null ? List.of() : List.copyOf(notes);
      guessed = guessed == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(guessed));
      if (ordinal < 0) {
        throw new IllegalArgumentException("ordinal of evidence " + ref + ": " + ordinal);
      }
    }

    /** Evidence of no guessed date-time. */
    public Evidence(
        String ref,
        String source,
        String rule,
        String observedAt,
        Map<String, String> claims,
        Map<String, String> hints,
        List<String> notes,
        int ordinal) {
      this(ref, source, rule, observedAt, claims, hints, notes, ordinal, Map.of());
    }

    /** Evidence of its rule's first (or only) emit of the entity type. */
    public Evidence(
        String ref,
        String source,
        String rule,
        String observedAt,
        Map<String, String> claims,
        Map<String, String> hints,
        List<String> notes) {
      this(ref, source, rule, observedAt, claims, hints, notes, 0);
    }

    /**
     * The piece of evidence this is: its {@code ref}, and for any emit of its rule's entity type
     * but the first, which one ({@code calendar:Kurse/ev1 [ordinal 2]}, the third attendee's
     * booking). Pieces are what matching and review tell apart; {@code ref} alone names the raw
     * record (evidence.jsonl), which several pieces may share.
     */
    public String piece() {
      return ordinal == 0 ? ref : ref + " [ordinal " + ordinal + "]";
    }

    /** Evidence without hints or notes. */
    public Evidence(
        String ref, String source, String rule, String observedAt, Map<String, String> claims) {
      this(ref, source, rule, observedAt, claims, Map.of(), List.of());
    }

    /** Evidence without claims (tests and old bundles). */
    public Evidence(String ref, String source, String rule, String observedAt) {
      this(ref, source, rule, observedAt, Map.of());
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

  /**
   * The probabilistic link that cost this record the most confidence (the lowest probability), or
   * null when none was attached by matching: what plan names when it holds the record back below
   * {@code min_confidence}, as review's waterfall shows each link.
   */
  public Link weakestLink() {
    Link weakest = null;
    for (Link link : links) {
      if (weakest == null || link.probability() < weakest.probability()) {
        weakest = link;
      }
    }
    return weakest;
  }

  public String value(String field) {
    FieldValue value = fields.get(field);
    return value == null ? null : value.value();
  }

  /**
   * What a reviewer decides on, as a short hex digest: the record's entity, action and field
   * values. A decision keeps the digest of the record it was made on, so a record that came out
   * differently from a run made again into the same directory is not imported on a decision about
   * other values.
   */
  public String digest() {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    StringBuilder text = new StringBuilder(entity).append('\n').append(action).append('\n');
    // lengths before values: no value can make two different records read alike
    fields.forEach(
        (name, value) ->
            text.append(name.length())
                .append(':')
                .append(name)
                .append(value.value().length())
                .append(':')
                .append(value.value()));
    return HexFormat.of()
        .formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)), 0, 12);
  }

  /** This record with one field's value replaced, and the reason why. */
  public ReconstructedRecord withField(String field, FieldValue value, String reason) {
    Map<String, FieldValue> updated = new TreeMap<>(fields);
    updated.put(field, value);
    return toBuilder().fields(updated).addReason(reason).build();
  }

  /** This record with one more reason. */
  public ReconstructedRecord withReason(String reason) {
    return toBuilder().addReason(reason).build();
  }

  /** A builder starting from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A builder for a record of {@code entity} with id {@code id}; action NEW until set. */
  public static Builder builder(String id, String entity) {
    return new Builder(id, entity);
  }

  /** Builds a record field by field; every list and map is copied when built. */
  public static final class Builder {
    private String id;
    private final String entity;
    private Action action = Action.NEW;
    private double confidence = 1.0;
    private boolean flagged;
    private List<String> reasons = new java.util.ArrayList<>();
    private Map<String, FieldValue> fields = Map.of();
    private Map<String, String> backup;
    private String backupRef;
    private List<Change> changes = List.of();
    private Map<String, List<String>> keys = Map.of();
    private List<Evidence> evidence = List.of();
    private List<Link> links = List.of();

    private Builder(String id, String entity) {
      this.id = id;
      this.entity = entity;
    }

    private Builder(ReconstructedRecord record) {
      this(record.id, record.entity);
      action = record.action;
      confidence = record.confidence;
      flagged = record.flagged;
      reasons = new java.util.ArrayList<>(record.reasons);
      fields = record.fields;
      backup = record.backup;
      backupRef = record.backupRef;
      changes = record.changes;
      keys = record.keys;
      evidence = record.evidence;
      links = record.links;
    }

    public Builder id(String value) {
      id = value;
      return this;
    }

    public Builder action(Action value) {
      action = value;
      return this;
    }

    public Builder confidence(double value) {
      confidence = value;
      return this;
    }

    /** Flags the record: a person has to look at it before import. */
    public Builder flag() {
      flagged = true;
      return this;
    }

    public Builder reasons(List<String> value) {
      reasons = new java.util.ArrayList<>(value);
      return this;
    }

    public Builder addReason(String reason) {
      reasons.add(reason);
      return this;
    }

    public Builder fields(Map<String, FieldValue> value) {
      fields = value;
      return this;
    }

    /** The backup counterpart's values and the evidence id of its row; null for none. */
    public Builder backup(Map<String, String> values, String ref) {
      backup = values;
      backupRef = ref;
      return this;
    }

    public Builder changes(List<Change> value) {
      changes = value;
      return this;
    }

    public Builder keys(Map<String, List<String>> value) {
      keys = value;
      return this;
    }

    public Builder evidence(List<Evidence> value) {
      evidence = value;
      return this;
    }

    public Builder links(List<Link> value) {
      links = value;
      return this;
    }

    public ReconstructedRecord build() {
      return new ReconstructedRecord(
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
          links);
    }
  }
}
