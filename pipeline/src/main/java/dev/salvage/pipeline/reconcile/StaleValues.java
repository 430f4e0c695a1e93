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

  /** A piece of evidence and when it holds, worked out once per merge. */
  private record Timed(Evidence evidence, Instant at) {
    boolean claims(String field) {
      return evidence.claims().containsKey(field);
    }

    /** Whether it is among the evidence the merge counted for {@code value}. */
    boolean supports(String field, FieldValue value) {
      return claims(field) && value.sources().contains(evidence.ref());
    }
  }

  /**
   * One reason per stale value of {@code fields}, naming the value, its last claim and the change
   * that came after it; empty when none is. Which evidence claims a merged value is the merge's own
   * answer (the value's sources: its other spellings too), not a second comparison of texts.
   *
   * @param time when a piece of evidence holds (the merge's effective time)
   */
  static List<String> reasons(
      EntityType type,
      Map<String, FieldValue> fields,
      List<Evidence> observations,
      Function<Evidence, Instant> time) {
    List<String> reasons = new ArrayList<>();
    List<Timed> timed = null;
    for (Map.Entry<String, MergeRule> rule : type.merge().entrySet()) {
      String field = rule.getKey();
      FieldValue value = fields.get(field);
      if (rule.getValue().dependsOn().isEmpty() || value == null) {
        continue;
      }
      if (timed == null) {
        timed = new ArrayList<>(observations.size());
        for (Evidence evidence : observations) {
          timed.add(new Timed(evidence, time.apply(evidence)));
        }
      }
      Timed lastClaim = null;
      for (Timed claim : timed) {
        if (claim.supports(field, value)
            && (lastClaim == null || claim.at().isAfter(lastClaim.at()))) {
          lastClaim = claim;
        }
      }
      if (lastClaim == null) {
        continue;
      }
      for (String dependency : rule.getValue().dependsOn()) {
        String reason =
            changedAfter(
                dependency,
                fields.get(dependency),
                timed,
                lastClaim.at(),
                rule.getValue().statedWithin());
        if (reason != null) {
          reasons.add(
              field
                  + " "
                  + value.value()
                  + " was last claimed by "
                  + lastClaim.evidence().source()
                  + " ("
                  + lastClaim.evidence().ref()
                  + ", "
                  + when(lastClaim.at())
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
      List<Timed> timed,
      Instant claimedAt,
      Duration statedWithin) {
    if (merged == null) {
      return null;
    }
    Timed first = null;
    Timed firstNew = null;
    String oldValue = null;
    for (Timed claim : timed) {
      if (!claim.claims(field)) {
        continue;
      }
      if (first == null || claim.at().isBefore(first.at())) {
        first = claim;
      }
      if (claim.supports(field, merged)) {
        if (firstNew == null || claim.at().isBefore(firstNew.at())) {
          firstNew = claim;
        }
      } else if (!claim.at().isAfter(claimedAt)) {
        oldValue = claim.evidence().claims().get(field);
      }
    }
    if (first != null && first.at().isAfter(claimedAt.plus(statedWithin))) {
      return field
          + " was first stated later ("
          + first.evidence().source()
          + ", "
          + when(first.at())
          + ")";
    }
    if (oldValue == null || firstNew == null || !firstNew.at().isAfter(claimedAt)) {
      return null;
    }
    return field
        + " changed from "
        + oldValue
        + " to "
        + merged.value()
        + " ("
        + firstNew.evidence().source()
        + ", "
        + when(firstNew.at())
        + ")";
  }

  private static String when(Instant at) {
    return at.equals(FieldMerger.AS_READ) ? "as read" : at.toString();
  }
}
