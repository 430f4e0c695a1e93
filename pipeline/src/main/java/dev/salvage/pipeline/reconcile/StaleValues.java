package dev.salvage.pipeline.reconcile;

import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.MergeRule;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds merged values that may be stale: a field whose rule {@code depends_on} other fields, whose
 * value was last claimed before one of them changed (a payment's amount, then the booking's dates
 * moved and the mail with the new price was lost). A change shows in two ways: evidence from before
 * the claim holds another value than the merged one, or nothing stated the field until later than
 * the rule's {@code stated_within} after the claim (the payment names no dates, the calendar event
 * that does was last edited days later: the edit is all a calendar keeps). The evidence cannot say
 * the value is wrong, only that nothing confirmed it after the change, so the record is flagged,
 * not changed.
 */
final class StaleValues {
  private StaleValues() {}

  /**
   * One reason per stale value of {@code fields}, naming the value, its last claim and the change
   * that came after it; empty when none is.
   *
   * @param time when a piece of evidence holds (the merge's effective time)
   */
  static List<String> reasons(
      EntityType type,
      Map<String, FieldValue> fields,
      List<Evidence> observations,
      Function<Evidence, Instant> time) {
    List<String> reasons = new ArrayList<>();
    for (Map.Entry<String, MergeRule> rule : type.merge().entrySet()) {
      String field = rule.getKey();
      FieldValue value = fields.get(field);
      if (rule.getValue().dependsOn().isEmpty() || value == null) {
        continue;
      }
      Evidence lastClaim = null;
      for (Evidence evidence : observations) {
        if (value.value().equals(evidence.claims().get(field))
            && (lastClaim == null || time.apply(evidence).isAfter(time.apply(lastClaim)))) {
          lastClaim = evidence;
        }
      }
      if (lastClaim == null) {
        continue;
      }
      Instant claimedAt = time.apply(lastClaim);
      for (String dependency : rule.getValue().dependsOn()) {
        String reason =
            changedAfter(
                dependency,
                fields.get(dependency),
                observations,
                claimedAt,
                rule.getValue().statedWithin(),
                time);
        if (reason != null) {
          reasons.add(
              field
                  + " "
                  + value.value()
                  + " was last claimed by "
                  + lastClaim.source()
                  + " ("
                  + lastClaim.ref()
                  + ", "
                  + when(claimedAt)
                  + ") and "
                  + reason
                  + ": it may not reflect a change");
          break;
        }
      }
    }
    return reasons;
  }

  /**
   * How {@code field} changed after {@code claimedAt}, or null if nothing says it did: no evidence
   * stated it until {@code statedWithin} after that time (the rule's {@code stated_within}: what an
   * application writes in one step, such as a booking's payment, mail and calendar event), or some
   * evidence at or before it claims another value than the merged one, which is first claimed after
   * it.
   */
  private static String changedAfter(
      String field,
      FieldValue merged,
      List<Evidence> observations,
      Instant claimedAt,
      Duration statedWithin,
      Function<Evidence, Instant> time) {
    if (merged == null) {
      return null;
    }
    String oldValue = null;
    Evidence firstNew = null;
    Evidence first = null;
    for (Evidence evidence : observations) {
      String claim = evidence.claims().get(field);
      if (claim == null) {
        continue;
      }
      Instant at = time.apply(evidence);
      if (first == null || at.isBefore(time.apply(first))) {
        first = evidence;
      }
      if (claim.equals(merged.value())) {
        if (firstNew == null || at.isBefore(time.apply(firstNew))) {
          firstNew = evidence;
        }
      } else if (!at.isAfter(claimedAt)) {
        oldValue = claim;
      }
    }
    if (first != null && time.apply(first).isAfter(claimedAt.plus(statedWithin))) {
      return field
          + " was first stated later ("
          + first.source()
          + ", "
          + when(time.apply(first))
          + ")";
    }
    if (oldValue == null || firstNew == null || !time.apply(firstNew).isAfter(claimedAt)) {
      return null;
    }
    return field
        + " changed from "
        + oldValue
        + " to "
        + merged.value()
        + " ("
        + firstNew.source()
        + ", "
        + when(time.apply(firstNew))
        + ")";
  }

  private static String when(Instant at) {
    return at.equals(FieldMerger.AS_READ) ? "as read" : at.toString();
  }
}
