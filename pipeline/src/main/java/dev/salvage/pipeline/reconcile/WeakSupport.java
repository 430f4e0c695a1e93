package dev.salvage.pipeline.reconcile;

import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.MergeRule;
import dev.salvage.mappings.MergeStrategy;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Alternative;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Finds values a record would import that rest on one newer claim of one source against evidence
 * that says otherwise: a vet's appointment paid as a deposit and a balance, two payments of one
 * rule naming it, took the balance as its fee over the backup's and two mails' price, unflagged at
 * confidence 1.0, because the newest claim wins. Recency is right for a change (a booking's
 * modification mail, a customer's new address), so the value stays; what flags the record is a
 * shape a change does not have: the value rests on one claim, and the rule that made it also
 * claimed another value of the field for the same entity (one with {@code require_keys}: one
 * booking, one object of each kind) in another, older piece. That is one rule reading two objects
 * of one kind (a deposit and its balance, a second payment); a change comes through another rule (a
 * confirmation, then a modification), or is repeated (a modification and its reminder), or is one
 * of a history the source announced (a confirmation, then two reschedules, by one rule or one kind
 * of mail): the other evidence then claims only values that history held ({@link #changeHistory}).
 *
 * <p>Older claims of two independent sources losing to one newer claim of a third is not such a
 * shape: on the heavy-noise scenario of seed 2026 it was four right values (a booking's
 * modification mail against the backup and the first payment, a customer's new address against the
 * backup and an old calendar event), and on the vet clinic's trial every wrong fee it found the
 * rule above found too.
 *
 * <p>The field's confidence (the share of its claims) alone does not tell these apart: on the
 * checked-in sample 40 right values of changed or new fields have a confidence of 0.5 or less (a
 * price changed by one modification mail against the confirmation and the payment), as low as the
 * wrong fees. Only fields the record would write are checked (every field of a NEW record, the
 * changes of an UPDATED one), and only those the newest claim decides: {@code precedence}, {@code
 * earliest} and {@code sum} choose otherwise. A claim of a {@code current} rule (a Stripe customer
 * as it is now) is the object's present state, not one more claim.
 */
final class WeakSupport {
  private WeakSupport() {}

  /**
   * One reason per field of {@code written} whose chosen value is weakly supported, naming the
   * value with its source and the competing values with theirs; empty when none is.
   *
   * @param written the fields the record would write: all of a NEW record, the changed ones of an
   *     UPDATED one
   * @param time when a piece of evidence holds (the merge's effective time)
   * @param current whether a source's rule reads its object as it is now
   */
  static List<String> reasons(
      String entity,
      EntityType type,
      Map<String, FieldValue> fields,
      Collection<String> written,
      List<Evidence> observations,
      Function<Evidence, Instant> time,
      BiPredicate<String, String> current) {
    List<String> reasons = new ArrayList<>();
    for (String field : new TreeSet<>(written)) {
      FieldValue value = fields.get(field);
      MergeRule rule = type.merge().get(field);
      if (value == null
          || value.alternatives().isEmpty()
          || (rule != null && rule.strategy() != MergeStrategy.LATEST)) {
        continue;
      }
      String reason = reason(entity, type, field, value, observations, time, current);
      if (reason != null) {
        reasons.add(reason);
      }
    }
    return reasons;
  }

  private static String reason(
      String entity,
      EntityType type,
      String field,
      FieldValue value,
      List<Evidence> observations,
      Function<Evidence, Instant> time,
      BiPredicate<String, String> current) {
    List<Evidence> winning = new ArrayList<>();
    Instant newest = Instant.MIN;
    for (Evidence evidence : observations) {
      if (claimed(evidence, field) && value.sources().contains(evidence.ref())) {
        if (current.test(evidence.source(), evidence.rule())) {
          return null;
        }
        winning.add(evidence);
        Instant at = time.apply(evidence);
        newest = at.isAfter(newest) ? at : newest;
      }
    }
    // two claims of the value (a modification and the reminder repeating it) are agreement
    if (winning.size() != 1 || type.requireKeys().isEmpty()) {
      return null;
    }
    Evidence claim = winning.get(0);
    Evidence other = null;
    for (Evidence evidence : observations) {
      if (evidence.source().equals(claim.source())
          && evidence.rule().equals(claim.rule())
          && claimed(evidence, field)
          && !value.sources().contains(evidence.ref())
          && time.apply(evidence).isBefore(newest)) {
        other = evidence; // oldest first: the latest such claim
      }
    }
    if (other == null || changeHistory(claim, field, observations)) {
      return null;
    }
    Alternative strongest = strongest(value.alternatives());
    return field
        + " "
        + value.value()
        + " (from "
        + claim.ref()
        + ") is one of two values rule "
        + claim.rule()
        + " of "
        + claim.source()
        + " read for this "
        + entity
        + ", the other "
        + other.claims().get(field)
        + " (from "
        + other.ref()
        + "): two objects of one kind (a deposit and its balance, a second payment), not a"
        + " change, and the newer won"
        + (strongest == null || strongest.value().equals(other.claims().get(field))
            ? ""
            : "; " + strongest.value() + " is claimed by " + String.join(", ", strongest.sources()))
        + "; check which is the "
        + entity
        + "'s "
        + field;
  }

  /**
   * Whether the claims of {@code claim}'s history (its source's pieces under any rule, and its
   * rule's pieces in any source) account for every value the other evidence claims of {@code
   * field}: a booking confirmed, moved and moved again by mail, whose backup row or other pieces
   * hold only a value one of those mails announced. A groomer's appointments rescheduled twice were
   * flagged as "a deposit and its balance" (51 of 56 changed ones), whether the mapping read every
   * booking mail with one rule or split them by kind; and whether a move's mail was kept from the
   * mbox or the IMAP copy of the same mails decided the flag. Two objects of one kind read by one
   * rule (two payments) claim values apart from the rest of the evidence: neither the deposit nor
   * the balance is the price the mails and the backup hold.
   */
  private static boolean changeHistory(Evidence claim, String field, List<Evidence> observations) {
    Set<String> announced = new HashSet<>();
    List<Evidence> others = new ArrayList<>();
    for (Evidence evidence : observations) {
      if (!claimed(evidence, field)) {
        continue;
      }
      if (evidence.source().equals(claim.source()) || evidence.rule().equals(claim.rule())) {
        announced.add(evidence.claims().get(field));
      } else {
        others.add(evidence);
      }
    }
    return others.stream().allMatch(e -> announced.contains(e.claims().get(field)));
  }

  private static boolean claimed(Evidence evidence, String field) {
    String claim = evidence.claims().get(field);
    return claim != null && !claim.isEmpty();
  }

  /** The alternative most independent sources claim, or null when there is none. */
  private static Alternative strongest(List<Alternative> alternatives) {
    Alternative best = null;
    for (Alternative alternative : alternatives) {
      if (best == null || alternative.support() > best.support()) {
        best = alternative;
      }
    }
    return best;
  }
}
