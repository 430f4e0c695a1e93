package dev.salvage.pipeline.match;

import dev.salvage.mappings.LinkingSettings;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Contribution;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Link;
import dev.salvage.pipeline.match.MatchDecision.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides, from the scored candidates of one unlinked record, whether it is attached to an
 * identified record, left unattached (below the thresholds, or ambiguous), or paired with another
 * unlinked record into a new entity. Pure: the thresholds come from the entity type's {@code
 * linking:} section, the weights from the fitted model.
 */
final class AttachmentPolicy {
  private AttachmentPolicy() {}

  /**
   * The whole decision for one unlinked record.
   *
   * @param candidates identified records it may be attached to
   * @param partners unlinked records it may form a new entity with
   * @param partnerPreferred told when an attachment was undone for a better unlinked partner
   * @return the decision, or null when there was nothing to decide
   */
  static MatchDecision decideAll(
      LinkingSettings linking,
      List<Candidate> candidates,
      List<Candidate> partners,
      Runnable partnerPreferred) {
    MatchDecision decision = candidates.isEmpty() ? null : decide(linking, candidates);
    MatchDecision preferred = preferPartner(linking, decision, partners);
    if (preferred != decision) {
      partnerPreferred.run();
      decision = preferred;
    }
    return decision;
  }

  /**
   * The decision with the pairing into a new entity added, when the type makes new entities and the
   * record may still be new.
   */
  static MatchDecision withPartner(
      LinkingSettings linking, MatchDecision decision, List<Candidate> partners) {
    if ((decision != null && !decision.mayBeNew()) || linking.newEntity().isEmpty()) {
      return decision;
    }
    MatchDecision paired = decidePartner(linking, partners);
    if (paired == null) {
      return decision;
    }
    String reason = decision == null ? null : decision.reason();
    List<String> doubted = decision == null ? List.of() : decision.doubted();
    MatchDecision.KeptOut keptOut = decision == null ? null : decision.keptOut();
    MatchDecision.Nearest nearest = decision == null ? null : decision.nearest();
    return new MatchDecision(
        Kind.PAIR, null, paired.link(), reason, paired.partner(), doubted, keptOut, nearest);
  }

  /** The best candidate when it clears the thresholds and stands clear of the runner-up. */
  static MatchDecision decide(LinkingSettings linking, List<Candidate> candidates) {
    List<Candidate> ranked = ranked(candidates);
    if (ranked.isEmpty() || ranked.get(0).link().weight() < linking.review()) {
      String best =
          ranked.isEmpty()
              ? MatchUnlinkedEvidence.NO_CANDIDATE
              : "best weight "
                  + ranked.get(0).link().weight()
                  + ", "
                  + ranked.get(0).key()
                  + contributions(ranked.get(0).link());
      MatchDecision below =
          MatchDecision.notAttached(
              Kind.BELOW_THRESHOLD,
              MatchUnlinkedEvidence.BELOW_THRESHOLD + linking.review() + " (" + best + ")");
      return ranked.isEmpty()
          ? below
          : below.nearestWas(new MatchDecision.Nearest(ranked.get(0).key(), ranked.get(0).link()));
    }
    Candidate best = ranked.get(0);
    if (ranked.size() > 1
        && ranked.get(1).link().weight() >= linking.review()
        && best.link().weight() - ranked.get(1).link().weight() < linking.ambiguity()) {
      Candidate second = ranked.get(1);
      String ambiguous =
          MatchUnlinkedEvidence.AMBIGUOUS
              + weighed(best.key(), best.link())
              + " and "
              + weighed(second.key(), second.link())
              + " match about equally";
      List<String> lacking = lackingWhatItHolds(linking.newEntity(), best, second);
      List<String> both = List.of(best.key(), second.key());
      if (!lacking.isEmpty()) {
        return MatchDecision.notAttached(
            Kind.AMBIGUOUS_AMONG_INCOMPLETE,
            ambiguous
                + ", and they lack "
                + String.join(", ", lacking)
                + ", which it holds: it may be neither, so it stands as a new one",
            both);
      }
      return MatchDecision.notAttached(Kind.AMBIGUOUS, ambiguous, both);
    }
    Link link = best.link();
    boolean review = link.weight() < linking.link();
    return new MatchDecision(
        Kind.ATTACH,
        best.key(),
        new Link(List.of(), link.weight(), link.probability(), review, link.fields()),
        null,
        null);
  }

  /**
   * The {@code new_entity} fields the two candidates a record cannot tell apart lack, when the
   * record holds every one and each candidate lacks one: empty otherwise. Such candidates (a hire
   * known only by a charge's reference) agree with the record only on what little they hold (the
   * customer), so a business customer's weekly bookings each match all of that customer's
   * incomplete ones equally; the record can stand on its own, where an ambiguity between candidates
   * holding those fields (two bookings of one car and hour) cannot be settled so. Read from the
   * weighed fields: the record's value is a contribution's first, the candidate's its second; a
   * {@code new_entity} field not compared tells nothing, so nothing is lacking.
   */
  static List<String> lackingWhatItHolds(
      List<String> newEntity, Candidate first, Candidate second) {
    if (newEntity.isEmpty()) {
      return List.of();
    }
    java.util.Set<String> lacking = new java.util.LinkedHashSet<>();
    for (Candidate candidate : List.of(first, second)) {
      boolean lacksOne = false;
      for (String field : newEntity) {
        Contribution weighed =
            candidate.link().fields().stream()
                .filter(contribution -> contribution.field().equals(field))
                .findFirst()
                .orElse(null);
        if (weighed == null || weighed.a() == null) {
          return List.of();
        }
        if (weighed.b() == null) {
          lacksOne = true;
          lacking.add(field);
        }
      }
      if (!lacksOne) {
        return List.of();
      }
    }
    return List.copyOf(lacking);
  }

  /**
   * An attachment undone because the record matches another piece of unlinked evidence better than
   * the identified record: the payment of a customer's second booking, whose only other trace is
   * that booking's calendar event, resembles the customer's first booking (same email, name,
   * branch) but its event more. Attaching it would put one booking's payment on another.
   */
  static MatchDecision preferPartner(
      LinkingSettings linking, MatchDecision decision, List<Candidate> partners) {
    if (decision == null || decision.kind() != Kind.ATTACH || partners.isEmpty()) {
      return decision;
    }
    Candidate best = ranked(partners).get(0);
    if (best.link().weight() < linking.review()
        || best.link().weight() <= decision.link().weight()) {
      return decision;
    }
    return MatchDecision.notAttached(
            Kind.BELOW_THRESHOLD,
            MatchUnlinkedEvidence.MATCHES_UNLINKED
                + weighed(best.key(), best.link())
                + " better than "
                + weighed(decision.identified(), decision.link()),
            List.of(decision.identified()))
        .keptOutBy(
            new MatchDecision.KeptOut(
                best.key(), best.link(), decision.identified(), decision.link()));
  }

  /**
   * The unlinked record to form a new entity with: the heaviest partner at or above {@code link},
   * clear of the runner-up by {@code ambiguity}; else null.
   */
  static MatchDecision decidePartner(LinkingSettings linking, List<Candidate> partners) {
    List<Candidate> ranked = ranked(partners);
    if (ranked.isEmpty() || ranked.get(0).link().weight() < linking.link()) {
      return null;
    }
    if (ranked.size() > 1
        && ranked.get(0).link().weight() - ranked.get(1).link().weight() < linking.ambiguity()) {
      return null;
    }
    Link link = ranked.get(0).link();
    return new MatchDecision(
        Kind.PAIR,
        null,
        new Link(List.of(), link.weight(), link.probability(), true, link.fields()),
        null,
        ranked.get(0).key());
  }

  /** Heaviest first; ties in a fixed order, so reruns decide alike. */
  static final Comparator<Candidate> RANKING =
      Comparator.comparingDouble((Candidate c) -> -c.link().weight()).thenComparing(Candidate::key);

  /**
   * How many candidates of each kind a decision looks at: the best and the runner-up (thresholds,
   * ambiguity, the better partner). The others can be dropped before the candidates are grouped.
   */
  static final int RANKS_DECIDED_ON = 2;

  private static List<Candidate> ranked(List<Candidate> candidates) {
    List<Candidate> ranked = new ArrayList<>(candidates);
    ranked.sort(RANKING);
    return ranked;
  }

  /**
   * What each field added to a weight, in the waterfall's order: an unlinked record keeps no
   * waterfall, so its reason is the only place a reviewer learns which field held the best
   * candidate back (a threshold tuned on another business, a field the mapping left empty).
   */
  private static String contributions(Link link) {
    List<String> parts = new ArrayList<>();
    for (Contribution field : link.fields()) {
      parts.add(field.field() + " " + field.level() + " " + field.weight());
    }
    return parts.isEmpty() ? "" : ": " + String.join(", ", parts);
  }

  private static String weighed(String record, Link link) {
    return record + " (weight " + link.weight() + ")";
  }
}
