package dev.salvage.pipeline.match;

import dev.salvage.connectors.io.CaseFolding;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Alternative;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What becomes of evidence that matched a record but was refused because it names another value of
 * one of the record's strong keys (another calendar event id, another payment): such a piece
 * describes another entity, and when it holds every {@code new_entity} field it can stand as one.
 * The weekly occurrences of one calendar series each carry their own event id and no booking
 * reference, and all match the series' first appointment (same patient, therapist, duration): left
 * unlinked, every occurrence after the first was lost to the import.
 *
 * <p>It stands apart only when one of its {@code new_entity} values is one that no evidence of the
 * record claims (another time, another car): a piece that agrees with the record on all of them
 * (the same appointment's event deleted and made again, which also gets a new id) would be a
 * duplicate as a new record, so it stays for review, as before.
 */
final class KeyConflicts {
  private KeyConflicts() {}

  /**
   * The {@code newEntity} fields on which {@code piece} names a value that none of {@code record}'s
   * evidence claims (neither its chosen value nor an alternative), each as "field value (the
   * record's value)"; empty when the piece lacks one of them or agrees on all, so that nothing says
   * it is another entity rather than the record's own evidence made again.
   */
  static List<String> differing(
      List<String> newEntity, ReconstructedRecord record, ReconstructedRecord piece) {
    List<String> differing = new ArrayList<>();
    for (String field : newEntity) {
      String offered = piece.value(field);
      if (offered == null) {
        return List.of();
      }
      FieldValue held = record.fields().get(field);
      if (held == null) {
        // the record says nothing of it: no sign the piece is another entity rather than its own
        continue;
      }
      boolean claimed =
          same(held.value(), offered)
              || held.alternatives().stream()
                  .map(Alternative::value)
                  .anyMatch(v -> same(v, offered));
      if (!claimed) {
        differing.add(field + " " + offered + " (" + record.id() + ": " + held.value() + ")");
      }
    }
    return differing;
  }

  /**
   * Pieces that stand apart grouped by their {@code newEntity} values: pieces refused together that
   * name the same time and car (or practitioner) describe one entity and make one record, not one
   * each. Groups and their pieces come in a fixed order (the pieces' profile keys), so a rerun
   * builds the same records.
   */
  static List<List<ReconstructedRecord>> byEntity(
      List<String> newEntity, List<ReconstructedRecord> pieces) {
    List<ReconstructedRecord> ordered = new ArrayList<>(pieces);
    ordered.sort(Comparator.comparing(MatchProfile::unlinkedKey));
    Map<List<String>, List<ReconstructedRecord>> groups = new LinkedHashMap<>();
    for (ReconstructedRecord piece : ordered) {
      List<String> values =
          newEntity.stream().map(f -> CaseFolding.lower(piece.value(f).strip())).toList();
      groups.computeIfAbsent(values, v -> new ArrayList<>()).add(piece);
    }
    return List.copyOf(groups.values());
  }

  private static boolean same(String a, String b) {
    return a != null && a.strip().equalsIgnoreCase(b.strip());
  }
}
