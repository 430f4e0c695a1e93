package dev.salvage.pipeline.reconcile;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
 */
public record MergeSettings(
    String entityModelYaml,
    String entityModelLabel,
    List<String> sourcePrecedence,
    String backupSource,
    Instant backupTakenAt,
    Map<String, List<String>> backupFields)
    implements Serializable {
  public MergeSettings {
    requireNonNull(entityModelYaml, "entityModelYaml");
    requireNonNull(entityModelLabel, "entityModelLabel");
    sourcePrecedence = List.copyOf(sourcePrecedence);
    requireNonNull(backupSource, "backupSource");
    requireNonNull(backupTakenAt, "backupTakenAt");
    backupFields = Map.copyOf(backupFields);
  }
}
