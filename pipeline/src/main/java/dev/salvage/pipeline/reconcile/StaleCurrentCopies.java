package dev.salvage.pipeline.reconcile;

import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Finds values a {@code current} rule kept at the backup's against evidence since the backup: a
 * source read as current (a Stripe customer, as the sample maps it) still holds the backup's value
 * while another source wrote another one after the backup was taken. Either the application no
 * longer updates that source, and the change is real, or the change was undone; the evidence cannot
 * tell, so the record is flagged, not changed. An outside trial's app never updated its Stripe
 * customers: its account-changed mail of a new email lost to the stale Stripe copy, and the
 * customer came out UNCHANGED, unflagged ({@code current: true} copied from the sample).
 */
final class StaleCurrentCopies {
  private StaleCurrentCopies() {}

  /**
   * One reason per field of {@code fields} whose value is the backup's, supported by a current
   * claim and contradicted by a claim of another source since {@code takenAt}; empty when none is.
   * Which claims support the value is the merge's answer (the value's sources, its other spellings
   * too): a typo since the backup is not another value.
   *
   * @param current whether a piece of evidence comes from a rule read as current
   * @param backupEvidence whether a piece of evidence is a backup row
   * @param time when a piece of evidence was claimed (its own time, not as read)
   */
  static List<String> reasons(
      Map<String, FieldValue> fields,
      Map<String, String> backup,
      List<Evidence> observations,
      Predicate<Evidence> current,
      Predicate<Evidence> backupEvidence,
      Function<Evidence, Instant> time,
      Instant takenAt) {
    List<String> reasons = new ArrayList<>();
    // most records have no current claim: no field of theirs needs the walk below, nor its times
    if (backup == null || observations.stream().noneMatch(current)) {
      return reasons;
    }
    for (Map.Entry<String, FieldValue> entry : fields.entrySet()) {
      String field = entry.getKey();
      FieldValue value = entry.getValue();
      if (!value.value().equals(backup.get(field))) {
        continue;
      }
      Set<String> currentSources = new TreeSet<>();
      Set<String> otherSources = new TreeSet<>();
      Set<String> otherValues = new TreeSet<>();
      Instant newest = null;
      for (Evidence piece : observations) {
        String claimed = piece.claims().get(field);
        if (claimed == null || claimed.isEmpty()) {
          continue;
        }
        boolean supports = value.sources().contains(piece.ref());
        if (current.test(piece)) {
          if (supports) {
            currentSources.add(piece.source());
          }
        } else if (!supports && !backupEvidence.test(piece) && time.apply(piece).isAfter(takenAt)) {
          otherSources.add(piece.source());
          otherValues.add(claimed);
          Instant at = time.apply(piece);
          newest = newest == null || at.isAfter(newest) ? at : newest;
        }
      }
      otherSources.removeAll(currentSources);
      if (currentSources.isEmpty() || otherSources.isEmpty()) {
        continue;
      }
      reasons.add(
          field
              + ": "
              + String.join(", ", currentSources)
              + " (read as current) still holds the backup's "
              + value.value()
              + ", while "
              + String.join(", ", otherSources)
              + " wrote "
              + String.join(" or ", otherValues)
              + " since the backup (last at "
              + newest
              + "): a copy the application no longer updates, whose current: true in the"
              + " mapping is then wrong, or a change undone; check it");
    }
    return reasons;
  }
}
