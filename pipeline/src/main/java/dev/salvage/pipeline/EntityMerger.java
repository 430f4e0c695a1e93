package dev.salvage.pipeline;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.MergeRule;
import dev.salvage.mappings.MergeStrategy;
import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.ReconstructedRecord.Action;
import dev.salvage.pipeline.ReconstructedRecord.Change;
import dev.salvage.pipeline.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.ReconstructedRecord.FieldValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges one cluster of observations into an entity and reconciles it with its backup counterpart.
 * Pure and deterministic: the same observations in any order give the same record.
 */
final class EntityMerger {

  /** The outcome for one cluster. */
  sealed interface Outcome permits Emitted, CarriedOver, Unlinked {}

  /** A record for the review bundle. */
  record Emitted(ReconstructedRecord record) implements Outcome {}

  /** A backup entity with no later evidence: nothing to do, counted only. */
  record CarriedOver(String entityType) implements Outcome {}

  /** Evidence that lacks the keys that identify its entity; reported, not emitted. */
  record Unlinked(ReconstructedRecord record, String missingKey) implements Outcome {}

  private final EntityModel model;
  private final MergeSettings settings;
  private final Map<String, Integer> precedence = new LinkedHashMap<>();

  EntityMerger(EntityModel model, MergeSettings settings) {
    this.model = model;
    this.settings = settings;
    for (String source : settings.sourcePrecedence()) {
      precedence.putIfAbsent(source, precedence.size());
    }
  }

  Outcome merge(Iterable<Observation> cluster) {
    List<Observation> observations = distinctSorted(cluster);
    String entityName = observations.get(0).entityType();
    EntityType type = model.type(entityName);

    List<Observation> backupRows = new ArrayList<>();
    List<Observation> evidence = new ArrayList<>();
    for (Observation observation : observations) {
      (isBackup(observation) ? backupRows : evidence).add(observation);
    }

    Map<String, FieldValue> fields = new TreeMap<>();
    for (String field : type.fields().keySet()) {
      FieldValue value = mergeField(field, observations, type.merge().get(field));
      if (value != null) {
        fields.put(field, value);
      }
    }
    Map<String, List<String>> keys = collectKeys(observations);
    List<Evidence> evidenceList = new ArrayList<>();
    for (Observation observation : observations) {
      evidenceList.add(
          new Evidence(
              observation.sourceRef(),
              observation.source(),
              observation.rule(),
              observation.observedAt().toString()));
    }

    List<String> reasons = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    for (String identityKey : type.requireKeys()) {
      List<String> values = keys.getOrDefault(identityKey, List.of());
      if (values.size() > 1) {
        conflicts.add(
            "the evidence names "
                + values.size()
                + " different "
                + identityKey
                + ": "
                + String.join(", ", values));
      }
    }
    Set<String> backupRefs = new TreeSet<>();
    backupRows.forEach(row -> backupRefs.add(row.sourceRef()));
    if (backupRefs.size() > 1) {
      conflicts.add(
          "linked to " + backupRefs.size() + " backup rows: " + String.join(", ", backupRefs));
    }

    Map<String, String> backup = null;
    String backupRef = null;
    List<Change> changes = new ArrayList<>();
    if (!backupRows.isEmpty()) {
      backupRef = backupRefs.iterator().next();
      backup = new TreeMap<>();
      for (String field : type.fields().keySet()) {
        FieldValue value = mergeField(field, backupRows, null);
        if (value != null) {
          backup.put(field, value.value());
        }
      }
      List<String> comparable = settings.backupFields().getOrDefault(entityName, List.of());
      for (String field : comparable) {
        FieldValue after = fields.get(field);
        String before = backup.get(field);
        if (after != null && !after.value().equals(before)) {
          changes.add(new Change(field, before, after.value(), after.sources()));
        }
      }
    }

    String id = stableId(entityName, type, keys, backup, evidenceList);
    List<String> required = new ArrayList<>(type.requireKeys());
    if (keys.isEmpty() && required.isEmpty()) {
      // Without any strong key nothing identifies the entity (a name alone on a calendar event).
      required.add("strong key (" + String.join(", ", type.keys()) + ")");
    }
    for (String missing : required) {
      if (!keys.containsKey(missing)) {
        ReconstructedRecord record =
            new ReconstructedRecord(
                id,
                entityName,
                Action.NEW,
                0.0,
                true,
                List.of(
                    "no "
                        + missing
                        + " in any of its evidence: cannot identify the "
                        + entityName),
                fields,
                backup,
                backupRef,
                changes,
                keys,
                evidenceList);
        return new Unlinked(record, missing);
      }
    }

    Action action;
    boolean flagged = false;
    boolean laterEvidence =
        evidence.stream().anyMatch(o -> o.observedAt().isAfter(settings.backupTakenAt()));
    if (!conflicts.isEmpty()) {
      action = Action.CONFLICT;
      flagged = true;
      reasons.addAll(conflicts);
    } else if (backupRows.isEmpty()) {
      action = Action.NEW;
      reasons.add(
          "not in the backup; "
              + evidence.size()
              + " piece(s) of evidence from "
              + sourcesOf(evidence));
      if (!laterEvidence) {
        flagged = true;
        reasons.add(
            "all evidence predates the backup ("
                + settings.backupTakenAt()
                + ") yet the backup lacks it");
      }
    } else if (!changes.isEmpty()) {
      action = Action.UPDATED;
      if (!laterEvidence) {
        flagged = true;
        reasons.add(
            "all evidence predates the backup ("
                + settings.backupTakenAt()
                + ") yet disagrees with it (a source preferred over the backup)");
      }
      for (Change change : changes) {
        reasons.add(
            change.field()
                + " changed from "
                + change.before()
                + " to "
                + change.after()
                + " ("
                + String.join(", ", change.sources())
                + ")");
      }
    } else if (!laterEvidence) {
      // evidence from before the backup tells nothing the backup does not already hold
      return new CarriedOver(entityName);
    } else if (!evidence.isEmpty()) {
      action = Action.UNCHANGED;
      reasons.add("later evidence agrees with the backup (" + sourcesOf(evidence) + ")");
    } else {
      return new CarriedOver(entityName);
    }
    double confidence = flagged ? 0.5 : 1.0;
    return new Emitted(
        new ReconstructedRecord(
            id,
            entityName,
            action,
            confidence,
            flagged,
            reasons,
            fields,
            backup,
            backupRef,
            changes,
            keys,
            evidenceList));
  }

  private boolean isBackup(Observation observation) {
    return observation.source().equals(settings.backupSource());
  }

  private static String sourcesOf(List<Observation> observations) {
    Set<String> sources = new TreeSet<>();
    observations.forEach(o -> sources.add(o.source()));
    return String.join(", ", sources);
  }

  private List<Observation> distinctSorted(Iterable<Observation> cluster) {
    Set<Observation> unique = new LinkedHashSet<>();
    cluster.forEach(unique::add);
    List<Observation> sorted = new ArrayList<>(unique);
    sorted.sort(
        Comparator.comparing(this::effectiveTime)
            .thenComparing(o -> -rank(o.source()))
            .thenComparing(Observation::sourceRef)
            .thenComparing(Observation::rule)
            .thenComparing(o -> o.fields().toString()));
    return sorted;
  }

  /**
   * When a claim holds from: a backup row holds as of the backup's time, whatever its own timestamp
   * column says, so only evidence from after the backup can change what it holds (an older mail or
   * a calendar event edited by hand before the backup does not).
   */
  private Instant effectiveTime(Observation observation) {
    if (isBackup(observation) && observation.observedAt().isBefore(settings.backupTakenAt())) {
      return settings.backupTakenAt();
    }
    return observation.observedAt();
  }

  private int rank(String source) {
    return precedence.getOrDefault(source, precedence.size());
  }

  /**
   * Picks a field's value. Observations are sorted oldest first with the most trusted source last
   * among equals, so the last claim is the winner under {@code latest}.
   */
  private FieldValue mergeField(String field, List<Observation> observations, MergeRule rule) {
    List<Observation> claims = new ArrayList<>();
    for (Observation observation : observations) {
      if (observation.fields().containsKey(field)) {
        claims.add(observation);
      }
    }
    if (claims.isEmpty()) {
      return null;
    }
    Observation winner = claims.get(claims.size() - 1);
    if (rule != null && rule.strategy() == MergeStrategy.PRECEDENCE) {
      winner = byPrecedence(claims, rule.order());
    }
    String value = winner.fields().get(field);
    List<String> sources = new ArrayList<>();
    int agreeing = 0;
    for (Observation claim : claims) {
      if (claim.fields().get(field).equals(value)) {
        agreeing++;
        if (!sources.contains(claim.sourceRef())) {
          sources.add(claim.sourceRef());
        }
      }
    }
    return new FieldValue(value, sources, (double) agreeing / claims.size());
  }

  private static Observation byPrecedence(List<Observation> claims, List<String> order) {
    Observation best = null;
    int bestRank = Integer.MAX_VALUE;
    for (Observation claim : claims) {
      int rank = order.indexOf(claim.source());
      rank = rank < 0 ? order.size() : rank;
      // claims are oldest first: "<=" lets a newer claim of the same rank win
      if (rank <= bestRank) {
        best = claim;
        bestRank = rank;
      }
    }
    return best;
  }

  private static Map<String, List<String>> collectKeys(List<Observation> observations) {
    Map<String, Set<String>> keys = new TreeMap<>();
    for (Observation observation : observations) {
      observation
          .keys()
          .forEach((name, value) -> keys.computeIfAbsent(name, k -> new TreeSet<>()).add(value));
    }
    Map<String, List<String>> result = new TreeMap<>();
    keys.forEach((name, values) -> result.put(name, List.copyOf(values)));
    return result;
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
    if (backup != null && backup.get("backup_id") != null) {
      return entityName + ":" + backup.get("backup_id");
    }
    StringBuilder identity = new StringBuilder(entityName);
    List<String> names =
        type.requireKeys().isEmpty() ? new ArrayList<>(keys.keySet()) : type.requireKeys();
    for (String name : names) {
      identity.append('|').append(name).append('=').append(keys.getOrDefault(name, List.of()));
    }
    if (keys.isEmpty()) {
      // keyless evidence (reported as unlinked) is told apart by what it is made of
      new TreeSet<>(evidence.stream().map(Evidence::ref).toList())
          .forEach(ref -> identity.append('|').append(ref));
    }
    return entityName + ":new-" + sha256(identity.toString()).substring(0, 16);
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
