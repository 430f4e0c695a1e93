package dev.salvage.pipeline.reconcile;

import static java.util.Objects.requireNonNull;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.MappingException;
import dev.salvage.mappings.TimeAnchors;
import dev.salvage.pipeline.values.LinkKeys;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What merging and reconciliation need to know, in a form that travels to workers.
 *
 * @param entityModelYaml the entity model's YAML text (re-parsed on each worker)
 * @param entityModelLabel the file it came from, for messages
 * @param sourcePrecedence source names, most trusted first; breaks ties between equally new
 *     evidence
 * @param backupSource the source name backup observations carry
 * @param backupTakenAt when the backup was taken; evidence after it is what the backup lacks
 * @param backupFields per entity type, the fields the backup mapping can produce (only these are
 *     compared with the backup: a field the backup cannot hold is never a change)
 * @param asOf the moment the rebuilt records describe ({@code as_of} of derive rules)
 * @param zone the business zone, in which a date field's day starts for derive rules
 * @param currentRules {@code source/rule} of the mapping rules marked {@code current: true}: their
 *     claims hold as of {@code asOf}, the newest of an entity's evidence
 */
public record MergeSettings(
    String entityModelYaml,
    String entityModelLabel,
    List<String> sourcePrecedence,
    String backupSource,
    Instant backupTakenAt,
    Map<String, List<String>> backupFields,
    Instant asOf,
    ZoneId zone,
    Set<String> currentRules)
    implements Serializable {
  public MergeSettings {
    requireNonNull(entityModelYaml, "entityModelYaml");
    requireNonNull(entityModelLabel, "entityModelLabel");
    sourcePrecedence = List.copyOf(sourcePrecedence);
    requireNonNull(backupSource, "backupSource");
    requireNonNull(backupTakenAt, "backupTakenAt");
    backupFields = Map.copyOf(backupFields);
    requireNonNull(asOf, "asOf");
    requireNonNull(zone, "zone");
    currentRules = Set.copyOf(currentRules);
  }

  /** Settings without rules marked {@code current}. */
  public MergeSettings(
      String entityModelYaml,
      String entityModelLabel,
      List<String> sourcePrecedence,
      String backupSource,
      Instant backupTakenAt,
      Map<String, List<String>> backupFields,
      Instant asOf,
      ZoneId zone) {
    this(
        entityModelYaml,
        entityModelLabel,
        sourcePrecedence,
        backupSource,
        backupTakenAt,
        backupFields,
        asOf,
        zone,
        Set.of());
  }

  /** Which value each key of the entity model links by. */
  public LinkKeys linkKeys() {
    try {
      return LinkKeys.of(EntityModel.parse(entityModelYaml, entityModelLabel));
    } catch (MappingException e) {
      throw new IllegalStateException(
          "Cannot read the entity model " + entityModelLabel + " again: " + e.getMessage(), e);
    }
  }

  /** Whether claims of {@code rule} of {@code source} describe their object as it is when read. */
  public boolean current(String source, String rule) {
    return currentRules.contains(source + "/" + rule);
  }

  /** Settings whose {@code as_of} is the backup's time, in UTC (tests without derive rules). */
  public MergeSettings(
      String entityModelYaml,
      String entityModelLabel,
      List<String> sourcePrecedence,
      String backupSource,
      Instant backupTakenAt,
      Map<String, List<String>> backupFields) {
    this(
        entityModelYaml,
        entityModelLabel,
        sourcePrecedence,
        backupSource,
        backupTakenAt,
        backupFields,
        backupTakenAt,
        ZoneOffset.UTC,
        Set.of());
  }

  /** The moments derive rules compare with. */
  public TimeAnchors anchors() {
    return new TimeAnchors(backupTakenAt, asOf);
  }
}
