package dev.salvage.pipeline.reconcile;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.email.MailNotes;
import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.EventCopy;
import dev.salvage.mappings.FieldType;
import dev.salvage.mappings.MergeRule;
import dev.salvage.mappings.MergeStrategy;
import dev.salvage.mappings.Observation;
import dev.salvage.mappings.TieRule;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Alternative;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Change;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import dev.salvage.pipeline.values.Instants;
import dev.salvage.pipeline.values.LinkKeys;
import dev.salvage.pipeline.values.Names;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Merges the evidence of one entity into a record and reconciles it with its backup counterpart:
 * field values by {@link FieldMerger}, the difference from the backup by {@link BackupDiff}, then
 * the action. It is the only place a record is assembled, whether its evidence was linked by exact
 * keys ({@link #merge(Iterable)}) or attached later by probabilistic matching ({@link #mergeInto}),
 * so the same evidence gives the same values, changes and action either way. Pure and
 * deterministic: the same evidence in any order gives the same record.
 */
public final class EntityMerger {
  /** The field that holds an entity's id in the application's database, by convention. */
  static final String BACKUP_ID = "backup_id";

  /** What became of one cluster. */
  public sealed interface Merged permits Emitted, CarriedOver, Unlinked {}

  /** A record for the review bundle. */
  public record Emitted(ReconstructedRecord record) implements Merged {}

  /**
   * A backup entity with no later evidence: nothing to do. {@code record} is what the backup holds
   * (UNCHANGED), for matching to weigh evidence without the entity's keys against; a run writes it
   * only when such evidence changes it.
   */
  public record CarriedOver(String entityType, ReconstructedRecord record) implements Merged {
    public CarriedOver {
      requireNonNull(entityType, "entityType");
      requireNonNull(record, "record");
    }
  }

  /** Evidence that lacks the keys that identify its entity; reported, not emitted. */
  public record Unlinked(ReconstructedRecord record, String missingKey) implements Merged {}

  private final EntityModel model;
  private final LinkKeys linkKeys;
  private final MergeSettings settings;
  private final Map<String, Integer> precedence = new LinkedHashMap<>();

  public EntityMerger(EntityModel model, MergeSettings settings) {
    this.model = model;
    this.linkKeys = LinkKeys.of(model);
    this.settings = settings;
    for (String source : settings.sourcePrecedence()) {
      precedence.putIfAbsent(source, precedence.size());
    }
  }

  /**
   * Whether {@code record} was flagged for a date-time value only a wall-clock time its zone skips
   * or repeats gave (a guess of which instant was meant), as the run counts them at its end; a text
   * two formats read as two dates is another guess, which its reason names.
   */
  public static boolean hasGuessedTime(ReconstructedRecord record) {
    return record.flagged()
        && record.reasons().stream()
            .anyMatch(
                reason ->
                    reason.contains(FieldMerger.GUESS)
                        && !reason.contains(FieldMerger.TWO_READINGS));
  }

  /** Merges a cluster of observations linked by exact keys. */
  public Merged merge(Iterable<Observation> cluster) {
    Set<Observation> unique = new LinkedHashSet<>();
    cluster.forEach(unique::add);
    List<Evidence> evidence = new ArrayList<>();
    Map<String, Set<String>> keys = new TreeMap<>();
    String entity = null;
    Map<Observation, String> moves = leftByMoves(unique);
    Map<Observation, String> series = occurrencesOfOneSeries(unique);
    for (Observation observation : unique) {
      entity = observation.entityType();
      String move = moves.get(observation);
      List<String> notes = observation.notes();
      boolean stub = isDeletionStub(observation.event());
      if (move != null || series.containsKey(observation) || stub) {
        notes = new ArrayList<>(notes);
        if (move != null) {
          notes.add(move);
        }
        if (series.containsKey(observation)) {
          notes.add(series.get(observation));
        }
        if (stub && !notes.contains(DELETION_STUB)) {
          notes.add(DELETION_STUB);
        }
      }
      // the copy a move left behind claims nothing: its cancelled status, dated by its calendar's
      // last change, would otherwise beat the live copy on recency
      evidence.add(
          new Evidence(
              observation.sourceRef(),
              observation.source(),
              observation.rule(),
              observation.observedAt().toString(),
              move == null ? observation.fields() : Map.of(),
              move == null ? observation.hints() : Map.of(),
              notes,
              observation.ordinal(),
              move == null ? observation.guessed() : Map.of()));
      observation
          .keys()
          .forEach((name, value) -> keys.computeIfAbsent(name, k -> new TreeSet<>()).add(value));
    }
    return assemble(entity, evidence, keys);
  }

  /**
   * The observations of a cancelled calendar event whose event is live in another calendar among
   * {@code observations}, each to its note: Google leaves such a cancelled stub in the calendar an
   * event is moved out of, so it says the event moved, not that it was cancelled.
   */
  static Map<Observation, String> leftByMoves(Collection<Observation> observations) {
    Map<Observation, String> moves = new LinkedHashMap<>();
    for (Observation left : observations) {
      if (left.event() == null || !left.event().cancelled()) {
        continue;
      }
      observations.stream()
          .filter(live -> live.event() != null && left.event().leftByMoveTo(live.event()))
          .map(Observation::event)
          .findFirst()
          .ifPresent(
              live ->
                  moves.put(
                      left,
                      "moved from calendar "
                          + left.event().calendar()
                          + " to "
                          + live.calendar()
                          + ": the cancelled copy it left is no cancellation, its claims are not"
                          + " used"));
    }
    return moves;
  }

  static final String SERIES =
      "occurrences of one calendar series at different times in one record";

  /** The note on a deleted event's stub, by which a record known from nothing else is told. */
  static final String DELETION_STUB =
      "a deleted calendar event: Google lists nothing of it but its id (and an instance's"
          + " original start)";

  /** Whether {@code event} is what Google lists of a deleted event: cancelled, without iCalUID. */
  private static boolean isDeletionStub(EventCopy event) {
    return event != null && event.cancelled() && event.iCalUid().isEmpty();
  }

  /**
   * What to say of a new record whose every piece of evidence is a deleted event's stub, or null:
   * it holds its key and a cancellation and nothing of whose or when it was, so it is a booking
   * other evidence knows under another key (the mail's reference), or one nobody else recorded. An
   * outside trial's clinic had 112 such appointments, NEW and unflagged at confidence 1.0 beside
   * the mail records of the same bookings.
   */
  static String onlyDeletionStubs(List<Evidence> later) {
    if (later.isEmpty() || !later.stream().allMatch(e -> e.notes().contains(DELETION_STUB))) {
      return null;
    }
    return "known only from "
        + later.size()
        + " deleted calendar event(s) ("
        + later.stream().map(Evidence::ref).limit(3).collect(Collectors.joining(", "))
        + (later.size() > 3 ? ", ..." : "")
        + "): Google keeps nothing of a deleted event but its id, so nothing here says whose or"
        + " when it was; the same booking may stand apart under another key (a reference in the"
        + " mail): check it, or reject it";
  }

  /**
   * For each calendar series of which {@code observations} hold occurrences at different times (its
   * instances share the series' iCalUID, each with its own id and originalStartTime) joined by a
   * key read from that iCalUID, its first observation to a note naming them: such a key made one
   * record of a weekly series' bookings. A record that only owns every occurrence by another key (a
   * customer by the email each occurrence names) is right to hold them: an outside trial's three
   * charter customers were flagged with advice to key by the event's id, which their mapping could
   * not follow, and import skipped them and two of their hires. The note is the evidence's, so the
   * record stays flagged when merged again.
   */
  static Map<Observation, String> occurrencesOfOneSeries(Collection<Observation> observations) {
    Map<String, Map<String, Observation>> bySeries = new TreeMap<>();
    for (Observation observation : observations) {
      EventCopy event = observation.event();
      if (event != null && !event.iCalUid().isEmpty() && !event.originalStart().isEmpty()) {
        bySeries
            .computeIfAbsent(event.iCalUid(), k -> new TreeMap<>())
            .putIfAbsent(event.originalStart(), observation);
      }
    }
    Map<Observation, String> notes = new LinkedHashMap<>();
    bySeries.forEach(
        (uid, byStart) -> {
          String key = seriesKey(uid, byStart.values());
          if (byStart.size() > 1 && key != null) {
            notes.put(
                byStart.values().iterator().next(),
                SERIES
                    + ": "
                    + byStart.size()
                    + " of iCalUID "
                    + uid
                    + " ("
                    + String.join(
                        ", ", byStart.values().stream().map(Observation::sourceRef).toList())
                    + "), joined by their key "
                    + key
                    + ", read from the iCalUID: each is likely a booking of its own; key them by"
                    + " the event's id, which carries the occurrence's suffix, not by the iCalUID");
          }
        });
    return notes;
  }

  /**
   * The key ({@code name = value}) that two or more of {@code occurrences} share and whose value is
   * the series' iCalUID or a part of it (a regex's {@code ^([^@]+)}: whole, or bounded by
   * characters that are not letters or digits, or eight characters or more); null when none.
   */
  private static String seriesKey(String uid, Collection<Observation> occurrences) {
    Map<String, Integer> shared = new TreeMap<>();
    for (Observation occurrence : occurrences) {
      occurrence
          .keys()
          .forEach(
              (name, value) -> {
                if (readFrom(uid, value)) {
                  shared.merge(name + " = " + value, 1, Integer::sum);
                }
              });
    }
    return shared.entrySet().stream()
        .filter(entry -> entry.getValue() > 1)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }

  private static boolean readFrom(String uid, String value) {
    String whole = uid.toLowerCase(Locale.ROOT);
    String part = value.toLowerCase(Locale.ROOT);
    if (part.isEmpty()) {
      return false;
    }
    for (int at = whole.indexOf(part); at >= 0; at = whole.indexOf(part, at + 1)) {
      int end = at + part.length();
      boolean bounded =
          (at == 0 || !Character.isLetterOrDigit(whole.charAt(at - 1)))
              && (end == whole.length() || !Character.isLetterOrDigit(whole.charAt(end)));
      if (bounded || part.length() >= 8) {
        return true;
      }
    }
    return false;
  }

  /**
   * One entity a cluster was merged into, with the observations it was merged from (which held-out
   * pairs are taken from).
   */
  public record Part(List<Observation> observations, Merged merged) {}

  /** Which value each key of the model links by. */
  public LinkKeys linkKeys() {
    return linkKeys;
  }

  /**
   * Merges a cluster of observations linked by exact keys into the entities it holds: one, as
   * {@link #merge} does, unless its evidence names two values of an identity (backup_id, a required
   * or identity key) that key values observations of both share joined (a family's email two owners
   * receive mail at). Then each entity is merged on its own from what its evidence names besides
   * the shared values ({@link IdentitySplit}), flagged and naming the others; evidence naming only
   * shared values goes to neither and is reported unlinked; a part that still names two values
   * stays one CONFLICT.
   */
  public List<Part> mergeCluster(Collection<Observation> cluster) {
    List<Observation> all = List.copyOf(new LinkedHashSet<>(cluster));
    IdentitySplit split =
        all.isEmpty()
            ? null
            : IdentitySplit.of(all, identityKeys(model.type(all.get(0).entityType())), linkKeys);
    if (split == null) {
      return List.of(new Part(all, merge(all)));
    }
    String entity = all.get(0).entityType();
    Set<String> identities = identityKeys(model.type(entity));
    List<Merged> merged = new ArrayList<>();
    // key=value -> the records (by id) of the entities that name it
    Map<String, Set<String>> namedBy = new TreeMap<>();
    for (List<Observation> part : split.parts()) {
      boolean identified = part.stream().anyMatch(o -> IdentitySplit.namesIdentity(o, identities));
      Merged one = identified ? merge(part) : null;
      merged.add(one);
      if (one != null) {
        String id = recordOf(one).id();
        split
            .sharedIn(part)
            .forEach(
                (key, values) ->
                    values.forEach(
                        value ->
                            namedBy
                                .computeIfAbsent(key + "=" + value, k -> new TreeSet<>())
                                .add(id)));
      }
    }
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < split.parts().size(); i++) {
      List<Observation> part = split.parts().get(i);
      Merged one = merged.get(i);
      Map<String, Set<String>> shared = split.sharedIn(part);
      parts.add(
          new Part(
              part,
              one == null
                  ? sharedOnly(part, shared, namedBy)
                  : withSharedReasons(one, shared, namedBy)));
    }
    return parts;
  }

  /** {@code merged}, flagged, naming the other entities that hold each shared key value it has. */
  private static Merged withSharedReasons(
      Merged merged, Map<String, Set<String>> shared, Map<String, Set<String>> namedBy) {
    if (!(merged instanceof Emitted emitted)) {
      // a backup row nothing since changed is written for no one; the others name it
      return merged;
    }
    ReconstructedRecord record = emitted.record();
    ReconstructedRecord.Builder flagged =
        record.toBuilder().flag().confidence(Math.min(record.confidence(), 0.5));
    shared.forEach(
        (key, values) -> {
          for (String value : values) {
            Set<String> holders = namedBy.getOrDefault(key + "=" + value, Set.of());
            List<String> others = holders.stream().filter(id -> !id.equals(record.id())).toList();
            if (others.isEmpty()) {
              // both entities that hold it are in this record, a CONFLICT that says so
              continue;
            }
            flagged.addReason(
                "shares "
                    + key
                    + " "
                    + value
                    + " with "
                    + String.join(", ", others)
                    + ", a key "
                    + holders.size()
                    + " "
                    + record.entity()
                    + " records hold: evidence that names only that key was joined to neither;"
                    + " check it");
          }
        });
    return new Emitted(flagged.build());
  }

  /**
   * Evidence of a split cluster that names no identity, only key values entities of it share (and
   * values of its own no entity's evidence has): whose it is no key tells, so it is reported as
   * unlinked, flagged, told apart by its pieces as other unlinked evidence is.
   */
  private Merged sharedOnly(
      List<Observation> part, Map<String, Set<String>> shared, Map<String, Set<String>> namedBy) {
    ReconstructedRecord record = recordOf(merge(part));
    Set<String> holders = new TreeSet<>();
    List<String> named = new ArrayList<>();
    shared.forEach(
        (key, values) -> {
          for (String value : values) {
            named.add(key + " " + value);
            holders.addAll(namedBy.getOrDefault(key + "=" + value, Set.of()));
          }
        });
    // two such pieces must not share an id, which review and matching address them by
    StringBuilder identity = new StringBuilder(record.entity()).append("|shared");
    new TreeSet<>(record.evidence().stream().map(Evidence::piece).toList())
        .forEach(piece -> identity.append('|').append(piece));
    return new Unlinked(
        record.toBuilder()
            .id(StableIds.newId(record.entity(), identity.toString()))
            .action(Action.NEW)
            .confidence(0.0)
            .flag()
            .changes(List.of())
            .reasons(
                List.of(
                    "names "
                        + String.join(", ", named)
                        + ", which "
                        + String.join(", ", holders)
                        + " share: a key that is not one "
                        + record.entity()
                        + "'s, so this evidence was joined to neither; check whose it is"))
            .build(),
        String.join(", ", shared.keySet()));
  }

  /**
   * The keys of which one entity has one value: its type's identities, and backup_id, required or
   * not, as one entity is one row of the application's database.
   */
  private static Set<String> identityKeys(EntityType type) {
    Set<String> identityKeys = new LinkedHashSet<>(type.identities());
    if (type.fields().containsKey(BACKUP_ID)) {
      identityKeys.add(BACKUP_ID);
    }
    return identityKeys;
  }

  /**
   * Merges {@code record} again with the evidence and keys of {@code attached} (evidence that
   * probabilistic matching tied to it). The record keeps its id and the reasons earlier steps gave
   * it; values, changes and action are decided anew over all the evidence, exactly as if it had all
   * been linked by exact keys.
   */
  public ReconstructedRecord mergeInto(
      ReconstructedRecord record, List<ReconstructedRecord> attached) {
    Map<String, Set<String>> keys = keySets(List.of(record));
    ReconstructedRecord alone = recordOf(assemble(record.entity(), record.evidence(), keys));
    List<Evidence> evidence = new ArrayList<>(record.evidence());
    for (ReconstructedRecord more : attached) {
      evidence.addAll(more.evidence());
    }
    List<ReconstructedRecord> all = new ArrayList<>(attached);
    all.add(record);
    ReconstructedRecord merged = recordOf(assemble(record.entity(), evidence, keySets(all)));
    if (merged == null) {
      return record;
    }
    // reasons earlier steps added (a matching decision, a resolved reference) stay; the ones the
    // assembly itself gives are replaced by those of the new assembly
    Set<String> assembled = alone == null ? Set.of() : new LinkedHashSet<>(alone.reasons());
    List<String> reasons = new ArrayList<>(merged.reasons());
    boolean earlierReasons = false;
    for (String reason : record.reasons()) {
      if (!assembled.contains(reason)) {
        earlierReasons = true;
        if (!reasons.contains(reason)) {
          reasons.add(reason);
        }
      }
    }
    ReconstructedRecord.Builder builder =
        merged.toBuilder().id(record.id()).reasons(reasons).links(record.links());
    // the assembly's flag is decided again with its reasons (a tie an attached piece settles
    // leaves no reason to check, and kept, the flag had none); a flag the record's own evidence
    // did not raise came from an earlier step, whose reason stays, and so do the flag and the
    // confidence it gave (a shared key's 0.5 came out 1.0 after an attachment)
    boolean assemblyFlagged = alone != null && alone.flagged();
    if (record.flagged() && (!assemblyFlagged || earlierReasons)) {
      builder.flag().confidence(Math.min(merged.confidence(), record.confidence()));
    }
    return builder.build();
  }

  /**
   * {@code record} with a field taken from another entity (a reservation's customer email from the
   * customer it names), compared with the backup again: a resolved value that differs from the
   * backup is a change like any other, and one that agrees is none.
   */
  public ReconstructedRecord withResolvedField(
      ReconstructedRecord record, String field, FieldValue value, String reason) {
    ReconstructedRecord resolved = record.withField(field, value, reason);
    if (resolved.backup() == null
        || !settings.backupFields().getOrDefault(record.entity(), List.of()).contains(field)) {
      return resolved;
    }
    List<Change> changes =
        BackupDiff.changes(
            settings.backupFields().getOrDefault(record.entity(), List.of()),
            resolved.fields(),
            resolved.backup());
    Action action = record.action();
    if (action == Action.UNCHANGED && !changes.isEmpty()) {
      action = Action.UPDATED;
    } else if (action == Action.UPDATED && changes.isEmpty()) {
      action = Action.UNCHANGED;
    }
    List<String> reasons = new ArrayList<>(resolved.reasons());
    record.changes().forEach(change -> reasons.remove(changeReason(change)));
    changes.forEach(change -> reasons.add(changeReason(change)));
    return resolved.toBuilder().changes(changes).action(action).reasons(reasons).build();
  }

  /**
   * Whether {@code record} says nothing the backup does not hold: a backup row whose every other
   * piece of evidence is from before the backup and agrees with it (or loses to it), as a merge of
   * the same evidence decides ({@link CarriedOver}). A backup row that matching weighed evidence
   * against stays such a record when the evidence attached to it is no newer than the backup.
   */
  public boolean carriedOver(ReconstructedRecord record) {
    if (record.action() != Action.UNCHANGED || record.backup() == null) {
      return false;
    }
    // a backup row breaking a check is written for a person to see; a row flagged for another
    // reason (evidence matched to it only for review) is still the backup's, and nothing to write
    if (!ValueChecks.broken(model.type(record.entity()), record.fields()).isEmpty()) {
      return false;
    }
    // a current copy of a value the backup had replaced is for a person to see too: a change
    // undone since the backup would be lost unsaid (FieldMerger.staleCurrentCopy)
    if (record.reasons().stream().anyMatch(r -> r.contains(FieldMerger.REPLACED_COPY))) {
      return false;
    }
    for (Evidence evidence : record.evidence()) {
      if (!isBackup(evidence) && instant(evidence).isAfter(settings.backupTakenAt())) {
        return false;
      }
    }
    return true;
  }

  private static ReconstructedRecord recordOf(Merged merged) {
    if (merged instanceof Emitted emitted) {
      return emitted.record();
    }
    if (merged instanceof Unlinked unlinked) {
      return unlinked.record();
    }
    if (merged instanceof CarriedOver carried) {
      return carried.record();
    }
    return null;
  }

  private static Map<String, Set<String>> keySets(List<ReconstructedRecord> records) {
    Map<String, Set<String>> keys = new TreeMap<>();
    for (ReconstructedRecord record : records) {
      record
          .keys()
          .forEach(
              (name, values) -> keys.computeIfAbsent(name, k -> new TreeSet<>()).addAll(values));
    }
    return keys;
  }

  private Merged assemble(
      String entityName, List<Evidence> evidence, Map<String, Set<String>> keySets) {
    EntityType type = model.type(entityName);
    TieBreak ties = new TieBreak(type.ties());
    List<Evidence> copiesKept = new ArrayList<>();
    List<Evidence> observations = distinctSorted(evidence, ties, copiesKept);
    List<String> copiesRead = readThroughSources(evidence);

    List<Evidence> backupRows = new ArrayList<>();
    List<Evidence> later = new ArrayList<>();
    for (Evidence observation : observations) {
      (isBackup(observation) ? backupRows : later).add(observation);
    }

    Map<String, FieldValue> merged = new TreeMap<>();
    List<String> reasons = new ArrayList<>();
    // per field, what chose among values as many sources claimed at one moment: one reason each
    Map<String, String> evenSplits = new TreeMap<>();
    // current copies holding a value the backup had replaced (FieldMerger.staleCurrentCopy)
    Map<String, String> replacedCopies = new TreeMap<>();
    // per field whose value only a wall-clock time in a gap or an overlap gave: one reason each
    Map<String, String> guesses = new TreeMap<>();
    FieldMerger.Timeline timeline =
        new FieldMerger.Timeline(
            this::effectiveTime,
            this::isBackup,
            this::rank,
            ties::compare,
            (winner, loser) -> howOrdered(winner, loser, ties));
    List<String> backupHolds = settings.backupFields().getOrDefault(entityName, List.of());
    for (Map.Entry<String, FieldType> declared : type.fields().entrySet()) {
      String field = declared.getKey();
      MergeRule rule = type.merge().get(field);
      FieldMerger.FieldPolicy policy =
          new FieldMerger.FieldPolicy(
              rule,
              Names.isPersonName(declared.getValue(), field),
              !backupRows.isEmpty() && backupHolds.contains(field),
              value -> ValueChecks.brokenBounds(type, field, value),
              declared.getValue() == FieldType.EMAIL);
      if (rule != null && rule.strategy() == MergeStrategy.SUM) {
        FieldValue value =
            FieldMerger.sum(field, observations, this::isBackup, settings.backupTakenAt());
        if (value != null) {
          merged.put(field, value);
        }
        continue;
      }
      FieldMerger.Resolved resolved = FieldMerger.resolve(field, observations, policy, timeline);
      if (resolved.value() != null) {
        merged.put(field, resolved.value());
        if (resolved.evenSplit() != null) {
          evenSplits.put(field, resolved.evenSplit());
        }
        if (resolved.guessed() != null) {
          guesses.put(field, resolved.guessed());
        }
        if (resolved.staleCopy() != null) {
          replacedCopies.put(field, resolved.staleCopy());
        }
      }
    }
    DerivedFields.Result derivation = DerivedFields.apply(type, merged, settings);
    Map<String, FieldValue> fields = derivation.fields();
    reasons.addAll(derivation.reasons());
    // a derived value replaced what the claims chose: its derive reason is the explanation
    derivation.derived().forEach(evenSplits::remove);
    derivation.derived().forEach(guesses::remove);
    derivation.derived().forEach(replacedCopies::remove);
    reasons.addAll(notes(observations));
    reasons.addAll(copiesRead);
    Map<String, List<String>> keys = new TreeMap<>();
    keySets.forEach((name, values) -> keys.put(name, List.copyOf(values)));

    List<String> conflicts = new ArrayList<>();
    // one entity has one value of each identity key; backup_id is one too, required or not: one
    // entity is one row of the application's database, so evidence naming two describes two
    // entities that a shared key (a couple's landline) joined
    for (String identityKey : identityKeys(type)) {
      List<String> values = keys.getOrDefault(identityKey, List.of());
      if (values.size() > 1) {
        conflicts.add(
            "the evidence names "
                + values.size()
                + " different "
                + identityKey
                + ": "
                + String.join(", ", values)
                + (identityKey.equals(BACKUP_ID) || type.identityKeys().contains(identityKey)
                    ? " (two entities joined through a key they share?)"
                    : ""));
      }
    }
    Set<String> backupRefs = new TreeSet<>();
    backupRows.forEach(row -> backupRefs.add(row.ref()));
    if (backupRefs.size() > 1) {
      conflicts.add(
          "linked to "
              + backupRefs.size()
              + " backup rows: "
              + String.join(", ", backupRefs)
              + rowsOfSeveralTables(backupRefs));
    }

    Map<String, String> backup = null;
    String backupRef = null;
    List<Change> changes = List.of();
    if (!backupRows.isEmpty()) {
      backupRef = backupRefs.iterator().next();
      backup = new TreeMap<>();
      for (String field : type.fields().keySet()) {
        FieldValue value =
            FieldMerger.merge(field, backupRows, FieldMerger.FieldPolicy.PLAIN, timeline);
        if (value != null) {
          backup.put(field, value.value());
        }
      }
      changes =
          BackupDiff.changes(
              settings.backupFields().getOrDefault(entityName, List.of()), fields, backup);
    }

    String id = stableId(entityName, type, keys, backup, observations);
    ReconstructedRecord.Builder record =
        ReconstructedRecord.builder(id, entityName)
            .fields(fields)
            .backup(backup, backupRef)
            .changes(changes)
            .keys(keys)
            // every copy stays listed, so a later merge (and a reader) sees each source that read
            // it
            .evidence(copiesKept);
    boolean laterEvidence =
        later.stream().anyMatch(e -> instant(e).isAfter(settings.backupTakenAt()));
    String missing = missingIdentity(type, keys);
    if (missing != null && later.isEmpty() && !backupRows.isEmpty()) {
      // a backup row alone, whose mapping gives no such key (an order_items row known by its
      // order and show): it is what the backup holds, not new evidence to identify; as
      // unidentified NEW, flagged, every such row was sent to review as lost
      return carriedOverUnlessChecked(
          entityName,
          type,
          fields,
          record,
          List.of(
              "the backup holds it ("
                  + settings.backupTakenAt()
                  + ") and no evidence since says otherwise; its backup row gives no "
                  + missing
                  + ", so no later evidence can be tied to it by that key"));
    }
    if (missing != null) {
      record
          .action(Action.NEW)
          .confidence(0.0)
          .addReason(
              "no " + missing + " in any of its evidence: cannot identify the " + entityName);
      List<String> unheld = claimsTheBackupCannotHold(type, later, backupHolds);
      if (later.isEmpty() || laterEvidence) {
        record.flag();
      } else if (!unheld.isEmpty()) {
        // the backup only holds what its mapping reads: a payment older than it is nowhere else
        // when no backup row has an amount paid
        record.flag();
        record.addReason(
            "all of it is older than the backup ("
                + settings.backupTakenAt()
                + "), but the backup's mapping fills no "
                + String.join(", ", unheld)
                + " of a "
                + entityName
                + ": what it says of "
                + (unheld.size() == 1 ? "that" : "those")
                + " is kept nowhere else");
      } else {
        // it describes what the backup already holds: not flagged, so review lists it after the
        // evidence of what happened since
        record.addReason(
            "all of it is older than the backup ("
                + settings.backupTakenAt()
                + "), which holds what it says if the "
                + entityName
                + " existed then");
      }
      return new Unlinked(record.build(), missing);
    }

    Action action;
    boolean flagged = false;
    if (!conflicts.isEmpty()) {
      action = Action.CONFLICT;
      flagged = true;
      reasons.addAll(conflicts);
    } else if (backupRows.isEmpty()) {
      action = Action.NEW;
      reasons.add(
          "not in the backup; " + later.size() + " piece(s) of evidence from " + sourcesOf(later));
      if (!laterEvidence) {
        flagged = true;
        reasons.add(
            "all evidence predates the backup ("
                + settings.backupTakenAt()
                + ") yet the backup lacks it");
      }
      String deletedOnly = onlyDeletionStubs(later);
      if (deletedOnly != null) {
        flagged = true;
        reasons.add(deletedOnly);
      }
      String unmatchable = keysTheBackupLacks(entityName, keys, backupHolds);
      if (unmatchable != null) {
        flagged = true;
        reasons.add(unmatchable);
      }
    } else if (!changes.isEmpty()) {
      action = Action.UPDATED;
      // a derived value holds as of as_of, after the backup: it needs no later evidence
      boolean onlyDerived =
          changes.stream().allMatch(change -> derivation.derived().contains(change.field()));
      boolean supported =
          later.stream().anyMatch(e -> effectiveTime(e).isAfter(settings.backupTakenAt()));
      if (!supported && !onlyDerived) {
        flagged = true;
        reasons.add(
            "all evidence predates the backup ("
                + settings.backupTakenAt()
                + ") yet disagrees with it ("
                + whyOlderWon(changes, fields, derivation.derived())
                + ")");
      }
      changes.forEach(change -> reasons.add(changeReason(change)));
    } else if ((!laterEvidence || later.isEmpty()) && replacedCopies.isEmpty()) {
      // evidence from before the backup tells nothing the backup does not already hold
      reasons.add(
          "the backup holds it ("
              + settings.backupTakenAt()
              + ") and no evidence since says otherwise");
      return carriedOverUnlessChecked(entityName, type, fields, record, reasons);
    } else {
      action = Action.UNCHANGED;
      String spelledOtherwise = spelledOtherwise(fields, backup, later);
      // the sources that claim since the backup: older evidence agreeing with it says nothing of
      // what happened after, and naming it made an outside trial's reviewer read "agrees" where
      // the only newer mail wrote another spelling
      reasons.add(
          "later evidence agrees with the backup ("
              + sourcesOf(
                  later.stream()
                      .filter(e -> effectiveTime(e).isAfter(settings.backupTakenAt()))
                      .toList())
              + ")"
              + (spelledOtherwise == null ? "" : " but for spelling: " + spelledOtherwise));
    }
    // a record the backup holds and such mail agrees with says nothing new to check
    String discarded = action == Action.UNCHANGED ? null : onlyDiscardedOrAutoReplied(later);
    if (discarded != null) {
      flagged = true;
      reasons.add(discarded);
    }
    List<String> stale = StaleValues.reasons(type, fields, observations, this::effectiveTime);
    if (!stale.isEmpty()) {
      flagged = true;
      reasons.addAll(stale);
    }
    List<String> staleCopies =
        StaleCurrentCopies.reasons(
            fields,
            backup,
            observations,
            e -> settings.current(e.source(), e.rule()),
            this::isBackup,
            EntityMerger::instant,
            settings.backupTakenAt());
    if (!staleCopies.isEmpty()) {
      flagged = true;
      reasons.addAll(staleCopies);
    }
    List<String> scaled = ScaledAmounts.reasons(type, fields);
    if (!scaled.isEmpty()) {
      flagged = true;
      reasons.addAll(scaled);
    }
    List<String> currencies =
        AmountCurrencies.reasons(
            type, fields, observations, this::isBackup, settings.backupTakenAt());
    if (!currencies.isEmpty()) {
      flagged = true;
      reasons.addAll(currencies);
    }
    List<String> unchecked = ValueChecks.reasons(type, fields);
    if (!unchecked.isEmpty()) {
      flagged = true;
      reasons.addAll(unchecked);
    }
    List<String> misread = MisreadText.reasons(type, fields, observations);
    if (!misread.isEmpty()) {
      flagged = true;
      reasons.addAll(misread);
    }
    reasons.addAll(MisreadText.restoredCharacters(fields, observations));
    List<String> repaired = MisreadText.repairedBackupValues(changes, observations);
    if (!repaired.isEmpty()) {
      flagged = true;
      reasons.addAll(repaired);
    }
    List<String> lost = MisreadText.lostCharacters(type, fields);
    if (!lost.isEmpty()) {
      flagged = true;
      reasons.addAll(lost);
    }
    List<String> cut = MisreadText.cutReasons(fields, observations);
    if (!cut.isEmpty()) {
      flagged = true;
      reasons.addAll(cut);
    }
    // the record's own flag above says it of every value when it rests on such mail alone
    List<String> unauthenticated =
        discarded != null ? List.of() : MisreadText.unauthenticatedReasons(fields, observations);
    if (!unauthenticated.isEmpty()) {
      flagged = true;
      reasons.addAll(unauthenticated);
    }
    List<String> unreadInvitations = MisreadText.unreadInvitationReasons(observations);
    if (!unreadInvitations.isEmpty()) {
      flagged = true;
      reasons.addAll(unreadInvitations);
    }
    if (action == Action.NEW || action == Action.UPDATED) {
      List<String> weak =
          WeakSupport.reasons(
              entityName,
              type,
              fields,
              action == Action.NEW ? fields.keySet() : changes.stream().map(Change::field).toList(),
              observations,
              this::effectiveTime,
              settings::current);
      if (!weak.isEmpty()) {
        flagged = true;
        reasons.addAll(weak);
      }
    }
    if (!evenSplits.isEmpty()) {
      // as many sources for each value: time or the evidence's order chose, not agreement
      flagged = true;
      reasons.addAll(evenSplits.values());
    }
    if (!replacedCopies.isEmpty()) {
      // a copy the application stopped updating, or a change undone since the backup: a person
      // says which, so the record is written even when it holds what the backup holds
      flagged = true;
      reasons.addAll(replacedCopies.values());
    }
    if (!guesses.isEmpty()) {
      // which instant a skipped or repeated wall time meant is for a person to say
      flagged = true;
      reasons.addAll(guesses.values());
    }
    List<String> severalKeys = severalValuesOfAKey(type, keys);
    if (!severalKeys.isEmpty()) {
      flagged = true;
      reasons.addAll(severalKeys);
    }
    if (observations.stream()
        .anyMatch(e -> e.notes().stream().anyMatch(note -> note.startsWith(SERIES)))) {
      // the note itself is among the reasons, from the evidence's notes
      flagged = true;
    }
    List<String> readTwice = readTwiceDifferently(observations);
    if (!readTwice.isEmpty()) {
      flagged = true;
      reasons.addAll(readTwice);
    }
    String twoPeople = twoPeopleByName(type, keys, observations);
    if (twoPeople != null) {
      flagged = true;
      reasons.add(twoPeople);
    }
    record.action(action).confidence(flagged ? 0.5 : 1.0).reasons(reasons);
    if (flagged) {
      record.flag();
    }
    return new Emitted(record.build());
  }

  /**
   * A backup row nothing since changes, carried over unwritten; unless its values break a check of
   * the entity model, when it is written UNCHANGED and flagged naming the check: the checks were
   * made only on records evidence changed, so a backup row with a negative price passed unseen. Its
   * values stay as the backup holds them; only a person can say which is wrong.
   */
  private Merged carriedOverUnlessChecked(
      String entityName,
      EntityType type,
      Map<String, FieldValue> fields,
      ReconstructedRecord.Builder record,
      List<String> reasons) {
    List<String> broken = ValueChecks.reasons(type, fields, true);
    if (broken.isEmpty()) {
      return new CarriedOver(
          entityName, record.action(Action.UNCHANGED).confidence(1.0).reasons(reasons).build());
    }
    List<String> said = new ArrayList<>(reasons);
    said.addAll(broken);
    record.action(Action.UNCHANGED).confidence(0.5).reasons(said).flag();
    return new Emitted(record.build());
  }

  /**
   * What to say of a record that is not in the backup only because none of its keys is one the
   * backup's rows of its type hold (a lesson known by its calendar event id, where the backup's
   * lessons have no such column): being matched with no backup row by key then proves nothing, and
   * an outside trial's occurrences of a weekly series made before the backup, cancelled one among
   * them, came out as new lessons beside the backup's, unflagged. Null when a key could have met a
   * backup row, or when the backup holds no rows of the type.
   */
  /**
   * The fields {@code evidence} claims that no backup row of its type can hold: neither filled by
   * the backup's mapping ({@code backupHolds}) nor naming the entity a {@code resolve} rule finds
   * by another field the backup fills (a booking's customer email, where the backup names the
   * customer by its id). Evidence older than the backup says nothing new only when the backup holds
   * all of it; what else it claims is lost unless a person looks.
   */
  static List<String> claimsTheBackupCannotHold(
      EntityType type, List<Evidence> evidence, List<String> backupHolds) {
    Set<String> unheld = new TreeSet<>();
    for (Evidence piece : evidence) {
      for (String field : piece.claims().keySet()) {
        if (type.fields().containsKey(field) && !backupCanHold(type, field, backupHolds)) {
          unheld.add(field);
        }
      }
    }
    return List.copyOf(unheld);
  }

  private static boolean backupCanHold(EntityType type, String field, List<String> backupHolds) {
    if (backupHolds.contains(field)) {
      return true;
    }
    return type.resolve().values().stream()
        .anyMatch(
            rule ->
                rule.by().containsKey(field)
                    && rule.by().keySet().stream().anyMatch(backupHolds::contains));
  }

  static String keysTheBackupLacks(
      String entityName, Map<String, List<String>> keys, List<String> backupHolds) {
    if (backupHolds.isEmpty() || keys.isEmpty()) {
      return null;
    }
    for (String key : keys.keySet()) {
      if (backupHolds.contains(key)) {
        return null;
      }
    }
    return "its keys ("
        + String.join(", ", keys.keySet())
        + ") are none the backup's "
        + entityName
        + " rows hold, so no key could tie it to one of them: it may be a "
        + entityName
        + " the backup already has; compare before importing it as new";
  }

  /**
   * What to say of each key of an entity known by a required key (a booking by its reference) that
   * holds several values: a second payment of one booking (a surcharge, whose amount would be taken
   * for the price), an event deleted and made again. Not a CONFLICT, which the identity keys make
   * (two references, two backup rows); a client's emails and phones change, and clients have no
   * required key.
   */
  static List<String> severalValuesOfAKey(EntityType type, Map<String, List<String>> keys) {
    if (type.requireKeys().isEmpty()) {
      return List.of();
    }
    List<String> said = new ArrayList<>();
    keys.forEach(
        (key, values) -> {
          if (values.size() > 1
              && !type.identities().contains(key)
              && !type.severalKeys().contains(key)
              && !key.equals(BACKUP_ID)) {
            said.add(
                "holds "
                    + values.size()
                    + " different "
                    + key
                    + ": "
                    + String.join(", ", values)
                    + " (a second payment, an event made again?): the values taken from them"
                    + " are for a person to check");
          }
        });
    return said;
  }

  /**
   * What to say of an entity without a required key (a client) whose evidence, grouped by the
   * values of one of its keys, names two people: pieces with one email say "Anna Berg", pieces with
   * another "Lars Berg", and a phone or a card they share joined them. A person's email changes, a
   * name gets misspelt, shortened or initialled; a name that is none of those beside another email
   * is more likely someone else, whose values the merged record now mixes (the newest email wins, a
   * booking of either takes it). Null when nothing suggests it.
   */
  static String twoPeopleByName(
      EntityType type, Map<String, List<String>> keys, List<Evidence> observations) {
    if (!type.requireKeys().isEmpty()) {
      return null;
    }
    List<String> nameFields = new ArrayList<>();
    type.fields()
        .forEach(
            (field, fieldType) -> {
              if (Names.isPersonName(fieldType, field)) {
                nameFields.add(field);
              }
            });
    if (nameFields.isEmpty()) {
      return null;
    }
    // a declared key with two values already made it a conflict that says so
    boolean conflict =
        type.identities().stream().anyMatch(k -> keys.getOrDefault(k, List.of()).size() > 1);
    for (Map.Entry<String, List<String>> key : keys.entrySet()) {
      if (key.getValue().size() < 2 || key.getKey().equals(BACKUP_ID)) {
        continue;
      }
      // per value of the key, the names the pieces claiming it give
      Map<String, Set<String>> namesByValue = new TreeMap<>();
      for (Evidence evidence : observations) {
        String value = evidence.claims().get(key.getKey());
        if (value == null) {
          continue;
        }
        for (String nameField : nameFields) {
          String name = evidence.claims().get(nameField);
          if (name != null && !name.isBlank()) {
            namesByValue.computeIfAbsent(value, v -> new TreeSet<>()).add(name);
          }
        }
      }
      List<Map.Entry<String, Set<String>>> groups = new ArrayList<>(namesByValue.entrySet());
      for (int i = 0; i < groups.size(); i++) {
        for (int j = i + 1; j < groups.size(); j++) {
          if (otherPeople(groups.get(i).getValue(), groups.get(j).getValue())
              && familyNameChanged(groups.get(i).getValue(), groups.get(j).getValue())) {
            // one given name with two family names is as likely a marriage as two people: the
            // advice to declare the key would make such a change a conflict (an outside trial)
            return "name and "
                + key.getKey()
                + " changed together, or two people joined through a key they share: "
                + namesByKey(key.getKey(), groups.get(i), groups.get(j))
                + "; the same given name with another family name reads as one person whose name"
                + " changed (a marriage): check that the record holds the new name and "
                + key.getKey()
                + "; if they are two people (relatives sharing a phone or a card), its values mix"
                + " both";
          }
          if (otherPeople(groups.get(i).getValue(), groups.get(j).getValue())) {
            return "may be two people joined through a key they share (a couple's phone, a card):"
                + " "
                + namesByKey(key.getKey(), groups.get(i), groups.get(j))
                + "; its values mix both"
                + (conflict
                    ? ""
                    : " (declare the key that is one person's in identity_keys to make this a"
                        + " conflict)");
          }
        }
      }
    }
    return null;
  }

  /** "KEY A comes with NAMES, KEY B with NAMES": the two values of a key and the names of each. */
  private static String namesByKey(
      String key, Map.Entry<String, Set<String>> one, Map.Entry<String, Set<String>> other) {
    return key
        + " "
        + one.getKey()
        + " comes with "
        + String.join(" / ", one.getValue())
        + ", "
        + key
        + " "
        + other.getKey()
        + " with "
        + String.join(" / ", other.getValue());
  }

  /** Whether no name of one set could be the same person as a name of the other. */
  private static boolean otherPeople(Set<String> one, Set<String> other) {
    for (String a : one) {
      for (String b : other) {
        if (Names.level(a, b) != Names.DIFFERENT) {
          return false;
        }
        // "Anna" beside "Anna Berg": a partial name, not another person
        if (Names.shortFormOf(a, b) || Names.shortFormOf(b, a)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Whether every name of one set and every name of the other share their first word (the given
   * name) and differ in their last (the family name): {@code Niamh Byrne} and {@code Niamh
   * Gallagher}.
   */
  private static boolean familyNameChanged(Set<String> one, Set<String> other) {
    for (String a : one) {
      for (String b : other) {
        List<String> x = Names.tokens(a);
        List<String> y = Names.tokens(b);
        if (x.size() < 2
            || y.size() < 2
            || !x.get(0).equals(y.get(0))
            || x.get(x.size() - 1).equals(y.get(y.size() - 1))) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * What to say of each piece of evidence read more than once with different content: one Stripe
   * object in two export files that disagree on its amount, one mail in two folders edited in one.
   * Both copies are claims, and the newest or first one wins a field: which copy holds is for a
   * person to decide.
   */
  static List<String> readTwiceDifferently(List<Evidence> observations) {
    // every record is merged through here, and almost none holds one piece twice: look first
    Set<String> pieces = new HashSet<>();
    boolean twice = false;
    for (Evidence evidence : observations) {
      twice |= !pieces.add(evidence.piece());
    }
    if (!twice) {
      return List.of();
    }
    // copies of one object claim the same fields, whichever rules read them (a charge in a
    // Dashboard CSV and in the API's pages, each source with its own mapping file: until
    // 2026-12-07 copies were grouped by rule too, and two that disagreed went unsaid while a sum
    // added both); one rule's several emits of one entity (a Dashboard row's charge and its
    // refund, a class session's attendees) are distinct pieces
    Map<String, List<Evidence>> copies = new TreeMap<>();
    for (Evidence evidence : observations) {
      copies
          .computeIfAbsent(
              evidence.piece() + "\n" + evidence.claims().keySet(), k -> new ArrayList<>())
          .add(evidence);
    }
    List<String> said = new ArrayList<>();
    copies.forEach(
        (claimed, read) -> {
          if (read.size() < 2) {
            return;
          }
          Set<String> rules = new TreeSet<>();
          read.forEach(copy -> rules.add(copy.rule()));
          String piece =
              claimed.substring(0, claimed.indexOf('\n'))
                  + (rules.size() == 1 ? " (rule " : " (rules ")
                  + String.join(", ", rules)
                  + ")";
          Map<String, Set<String>> values = new TreeMap<>();
          for (Evidence copy : read) {
            copy.claims()
                .forEach((field, value) -> values.computeIfAbsent(field, k -> new TreeSet<>()));
          }
          for (Evidence copy : read) {
            values.forEach(
                (field, seen) -> seen.add(String.valueOf(toSeconds(copy.claims().get(field)))));
          }
          List<String> differing = new ArrayList<>();
          values.forEach(
              (field, seen) -> {
                if (seen.size() > 1) {
                  differing.add(field + " " + String.join(" / ", seen));
                }
              });
          if (!differing.isEmpty()) {
            said.add(
                piece
                    + " was read "
                    + read.size()
                    + " times with different content ("
                    + String.join("; ", differing)
                    + "): copies of one object that disagree, which one holds is for a person to"
                    + " decide");
          }
        });
    return said;
  }

  /**
   * The keys an entity lacks to be identified, or null when it has them: one of its type's {@code
   * require_keys} (any one of them will do), or, without those, any strong key at all (a name alone
   * on a calendar event identifies nothing).
   */
  private static String missingIdentity(EntityType type, Map<String, List<String>> keys) {
    List<String> required = type.requireKeys();
    if (required.isEmpty()) {
      return keys.isEmpty() ? "strong key (" + String.join(", ", type.keys()) + ")" : null;
    }
    for (String key : required) {
      if (keys.containsKey(key)) {
        return null;
      }
    }
    return required.size() == 1 ? required.get(0) : "one of " + String.join(", ", required);
  }

  /**
   * Why {@code winner} sorts after {@code loser}, two equally new pieces of evidence (so wins a
   * field they split evenly), in the order {@link #distinctSorted} gives: a tie rule of the entity
   * type, which decides every field the evidence claims, else the source order of the run config,
   * else the evidence id.
   */
  private String howOrdered(Evidence winner, Evidence loser, TieBreak ties) {
    TieRule rule = ties.decider(winner, loser);
    if (rule != null) {
      return "by "
          + rule.describe()
          + ": "
          + rule.field()
          + " "
          + claimOf(winner, rule.field())
          + " against "
          + claimOf(loser, rule.field());
    }
    if (rank(winner.source()) != rank(loser.source())) {
      return "by source order (" + winner.source() + " before " + loser.source() + ")";
    }
    return "by evidence id: no tie rule decides (see ties in the entity model)";
  }

  private static String claimOf(Evidence evidence, String field) {
    String value = evidence.claims().get(field);
    return value == null ? "not claimed" : value;
  }

  /**
   * What to say of a record whose every piece of evidence since the backup is a mail its owner
   * discarded (deleted in Thunderbird, in Trash or Spam), a machine's reply quoting another mail,
   * or a mail whose From a receiving server did not authenticate (a forged sender), or null when
   * one is not: a staff test deleted after sending, a phishing mail in Spam, or a forged mail with
   * the application's From in the inbox made a new record at full confidence, unflagged. Such mails
   * are still evidence (real confirmations end up in Spam), for a person to confirm.
   */
  static String onlyDiscardedOrAutoReplied(List<Evidence> later) {
    if (later.isEmpty()) {
      return null;
    }
    boolean unauthenticated = false;
    boolean other = false;
    for (Evidence evidence : later) {
      if (!discardedOrAutoReplied(evidence)) {
        return null;
      }
      if (evidence.notes().stream().anyMatch(MailNotes::isSenderNotAuthenticated)) {
        unauthenticated = true;
      } else {
        other = true;
      }
    }
    if (!unauthenticated) {
      return "all its evidence since the backup is mail discarded (deleted, in Trash or Spam) or"
          + " automatic replies (their notes say which): check it";
    }
    return other
        ? "all its evidence since the backup is mail discarded (deleted, in Trash or Spam),"
            + " automatic replies or mail whose sender a receiving server did not authenticate"
            + " (their notes say which): check it"
        : "all its evidence since the backup is mail whose sender a receiving server did not"
            + " authenticate (its From may be forged; their notes say what the server found):"
            + " check it";
  }

  /**
   * Whether the evidence is a mail its owner discarded, an automatic reply, or a mail whose sender
   * a receiving server did not authenticate.
   */
  private static boolean discardedOrAutoReplied(Evidence evidence) {
    return evidence.notes().stream()
        .anyMatch(
            note ->
                MailNotes.isDiscarded(note)
                    || MailNotes.isAutoReplied(note)
                    || MailNotes.isSenderNotAuthenticated(note));
  }

  /**
   * What made older evidence's value win over the backup's, per changed field: how the backup's
   * value lost, as its alternative's note says it (a precedence rule, a spelling more sources
   * write). Until 2026-12-06 every such change read "a source preferred over the backup", also
   * where no rule preferred any source.
   */
  private static String whyOlderWon(
      List<Change> changes, Map<String, FieldValue> fields, Set<String> derived) {
    List<String> said = new ArrayList<>();
    for (Change change : changes) {
      if (derived.contains(change.field()) || change.before() == null) {
        continue;
      }
      FieldValue value = fields.get(change.field());
      String how =
          value == null
              ? null
              : value.alternatives().stream()
                  .filter(alternative -> alternative.value().equals(change.before()))
                  .map(Alternative::note)
                  .findFirst()
                  .orElse(null);
      said.add(
          change.field()
              + ": the backup's "
              + change.before()
              + " lost to "
              + change.after()
              + (how == null ? "" : " as " + how));
    }
    return said.isEmpty() ? "a value the backup does not hold" : String.join("; ", said);
  }

  /** What the mapping could not do for the evidence (a lookup's miss), one reason each. */
  private static List<String> notes(List<Evidence> observations) {
    Set<String> notes = new LinkedHashSet<>();
    for (Evidence e : observations) {
      for (String note : e.notes()) {
        notes.add(e.ref() + ": " + note);
      }
    }
    return List.copyOf(notes);
  }

  private static String changeReason(Change change) {
    return change.field()
        + " changed from "
        + change.before()
        + " to "
        + change.after()
        + " ("
        + String.join(", ", change.sources())
        + ")";
  }

  private boolean isBackup(Evidence evidence) {
    return evidence.source().equals(settings.backupSource());
  }

  /**
   * Where later evidence writes a field the backup holds otherwise and the merge took it as the
   * same value (a spelling a typo apart): {@code full_name: backup "Georgios", later "Giorgos"
   * (stripe)}; null when every later claim equals the backup's value, or differs from it only in
   * capitals. Saying such evidence "agrees with the backup" hid a one-letter difference.
   */
  private static String spelledOtherwise(
      Map<String, FieldValue> fields, Map<String, String> backup, List<Evidence> later) {
    List<String> differences = new ArrayList<>();
    fields.forEach(
        (field, value) -> {
          if (!value.value().equals(backup.get(field))) {
            return;
          }
          Map<String, Set<String>> otherwise = new LinkedHashMap<>();
          for (Evidence piece : later) {
            String claimed = piece.claims().get(field);
            if (claimed == null
                || claimed.isEmpty()
                || claimed.equals(value.value())
                || claimed.equalsIgnoreCase(value.value())
                // capitals drop accents (ΓΙΑΝΝΗΣ for Γιάννης); mixed case that drops them
                // (Dabrowski for Dąbrowski) spells the name otherwise
                || ((Names.inCapitals(claimed) || Names.inCapitals(value.value()))
                    && Names.caseApartOnly(claimed, value.value()))
                || value.alternatives().stream()
                    .noneMatch(
                        other ->
                            other.value().equals(claimed)
                                && other.note().startsWith(FieldMerger.ANOTHER_SPELLING))) {
              continue;
            }
            otherwise.computeIfAbsent(claimed, c -> new TreeSet<>()).add(piece.source());
          }
          otherwise.forEach(
              (claimed, sources) ->
                  differences.add(
                      field
                          + ": backup \""
                          + value.value()
                          + "\", later \""
                          + claimed
                          + "\" ("
                          + String.join(", ", sources)
                          + ")"));
        });
    return differences.isEmpty() ? null : String.join("; ", differences);
  }

  private static String sourcesOf(List<Evidence> evidence) {
    Set<String> sources = new TreeSet<>();
    evidence.forEach(e -> sources.add(e.source()));
    return String.join(", ", sources);
  }

  /**
   * Distinct evidence, oldest first; among equally new evidence, the one the type's tie rules
   * prefer last, then the most trusted source last.
   */
  private List<Evidence> distinctSorted(
      List<Evidence> evidence, TieBreak ties, List<Evidence> withCopies) {
    Map<Evidence, Instant> times = new HashMap<>();
    for (Evidence e : evidence) {
      times.computeIfAbsent(e, this::effectiveTime);
    }
    List<Evidence> sorted = new ArrayList<>(times.keySet());
    sorted.sort(
        Comparator.comparing((Evidence e) -> times.get(e))
            .thenComparing(ties::compare)
            .thenComparing(e -> -rank(e.source()))
            .thenComparing(Evidence::ref)
            .thenComparing(Evidence::ordinal)
            .thenComparing(Evidence::rule)
            .thenComparing(e -> e.claims().toString()));
    withCopies.addAll(sorted);
    return withoutCopies(sorted);
  }

  /**
   * What identifies a copy: the same piece (record and emit) read by one rule, claiming the same,
   * times to the whole second (an .ics export keeps whole seconds of the times the calendar API
   * gives to the millisecond: a copy, not a change).
   */
  private static List<Object> copyKey(Evidence e) {
    return List.of(e.piece(), e.rule(), toSeconds(e.claims()), toSeconds(e.hints()));
  }

  private static final Pattern FRACTION_OF_SECOND =
      Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)\\.\\d+(Z|[+-]\\d\\d:\\d\\d)$");

  private static Map<String, String> toSeconds(Map<String, String> values) {
    Map<String, String> whole = new TreeMap<>();
    values.forEach((field, value) -> whole.put(field, toSeconds(value)));
    return whole;
  }

  /** A timestamp without its fraction of a second; any other value as it is. */
  static String toSeconds(String value) {
    if (value == null || value.indexOf('.') < 0) {
      return value;
    }
    Matcher time = FRACTION_OF_SECOND.matcher(value);
    return time.matches() ? time.group(1) + time.group(2) : value;
  }

  /**
   * {@code sorted} with one copy of each piece of evidence read more than once with the same
   * content through different sources or at another precision of its time (one mail in an mbox and
   * on the IMAP server, one calendar event in its calendar-json pages and its .ics export): a copy
   * is not a second source agreeing, so it counts once. The copy kept is the most trusted source's.
   */
  private List<Evidence> withoutCopies(List<Evidence> sorted) {
    Map<List<Object>, Evidence> kept = new HashMap<>();
    boolean copies = false;
    for (Evidence e : sorted) {
      Evidence other = kept.putIfAbsent(copyKey(e), e);
      if (other != null) {
        copies = true;
        // a mail Thunderbird moved to another folder stays in the first, flagged deleted, until
        // compacted: the copy read where it went is the one kept, not the trace it left
        boolean replaces =
            discardedOrAutoReplied(e) == discardedOrAutoReplied(other)
                ? rank(e.source()) <= rank(other.source())
                : discardedOrAutoReplied(other);
        if (replaces) {
          kept.put(copyKey(e), e);
        }
      }
    }
    if (!copies) {
      return sorted;
    }
    List<Evidence> distinct = new ArrayList<>();
    for (Evidence e : sorted) {
      if (kept.get(copyKey(e)) == e) {
        distinct.add(e);
      }
    }
    return distinct;
  }

  /**
   * What to say of each piece of evidence read through more than one source with the same content:
   * it counts once, and the record names the sources that read it.
   */
  static List<String> readThroughSources(List<Evidence> evidence) {
    Map<List<Object>, Set<String>> sources = new LinkedHashMap<>();
    for (Evidence e : evidence) {
      sources.computeIfAbsent(copyKey(e), k -> new TreeSet<>()).add(e.source());
    }
    Set<String> said = new TreeSet<>();
    sources.forEach(
        (copy, names) -> {
          if (names.size() > 1) {
            said.add(
                copy.get(0)
                    + " was read through sources "
                    + String.join(" and ", names)
                    + " with the same content (one piece of evidence, counted once)");
          }
        });
    return List.copyOf(said);
  }

  /**
   * When a claim holds from: a backup row holds as of the backup's time, whatever its own timestamp
   * column says, so only evidence from after the backup can change what it holds (an older mail or
   * a calendar event edited by hand before the backup does not); a rule marked {@code current}
   * reads its object as it is now, so it is newer than any dated evidence.
   */
  private Instant effectiveTime(Evidence evidence) {
    Instant at = instant(evidence);
    if (isBackup(evidence) && at.isBefore(settings.backupTakenAt())) {
      return settings.backupTakenAt();
    }
    if (settings.current(evidence.source(), evidence.rule())) {
      return FieldMerger.AS_READ;
    }
    return at;
  }

  private static Instant instant(Evidence evidence) {
    return Instants.parse(evidence.observedAt());
  }

  private int rank(String source) {
    return precedence.getOrDefault(source, precedence.size());
  }

  /**
   * The backup's primary key when there is one; otherwise a hash of the identity keys (or of all
   * keys when the entity type declares none), so reruns on the same inputs give the same id.
   */
  private static String stableId(
      String entityName,
      EntityType type,
      Map<String, List<String>> keys,
      Map<String, String> backup,
      List<Evidence> evidence) {
    if (backup != null && backup.get(BACKUP_ID) != null) {
      return entityName + ":" + backup.get(BACKUP_ID);
    }
    StringBuilder identity = new StringBuilder(entityName);
    List<String> names =
        type.requireKeys().isEmpty() ? new ArrayList<>(keys.keySet()) : type.requireKeys();
    boolean identified = false;
    for (String name : names) {
      List<String> values = keys.getOrDefault(name, List.of());
      identity.append('|').append(name).append('=').append(values);
      identified |= !values.isEmpty();
    }
    if (!identified) {
      // evidence without an identifying key (reported as unlinked) is told apart by what it is
      // made of: two such pieces must not share an id, which review and matching address them by,
      // even when one record made both (two attendees of one class session)
      new TreeSet<>(evidence.stream().map(Evidence::piece).toList())
          .forEach(ref -> identity.append('|').append(ref));
    }
    return StableIds.newId(entityName, identity.toString());
  }

  /**
   * What to do when one entity's backup rows come from several tables: every record of an entity an
   * outside trial's profile table also emitted (a Django {@code auth_user} and its profile, joined
   * by {@code user_id}) was a CONFLICT, and the fix is a lookup, not a key.
   */
  static String rowsOfSeveralTables(Set<String> backupRefs) {
    Set<String> tables = new TreeSet<>();
    for (String ref : backupRefs) {
      int hash = ref.indexOf('#');
      tables.add(hash < 0 ? ref : ref.substring(0, hash));
    }
    if (tables.size() < 2) {
      return "";
    }
    return " (rows of "
        + tables.size()
        + " tables: if one only refers to the other, as a profile's user_id does, emit this"
        + " entity from one table's rule and read the other's columns into it with a lookup,"
        + " mappings/README.md \"Lookups in the backup's tables\")";
  }
}
