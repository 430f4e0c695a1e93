package dev.salvage.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.LinkingSettings;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.match.MatchDecision.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AttachmentPolicyTest {
  /** link 10, review 0, ambiguity 3; new entities need vehicle and pickup_at. */
  private static final LinkingSettings LINKING =
      new LinkingSettings(
          10,
          0,
          3,
          100,
          List.of("customer_email"),
          List.of(List.of("customer_email")),
          List.of("vehicle", "pickup_at"));

  @Test
  void attachesTheBestCandidateAboveLinkWithoutReview() {
    MatchDecision decision =
        AttachmentPolicy.decide(
            LINKING,
            List.of(identified("reservation:RW-2", 4.0), identified("reservation:RW-1", 12.0)));
    assertThat(decision.kind()).isEqualTo(Kind.ATTACH);
    assertThat(decision.identified()).isEqualTo("reservation:RW-1");
    assertThat(decision.link().review()).isFalse();
  }

  @Test
  void attachesForReviewBetweenReviewAndLink() {
    MatchDecision decision =
        AttachmentPolicy.decide(LINKING, List.of(identified("reservation:RW-1", 4.0)));
    assertThat(decision.kind()).isEqualTo(Kind.ATTACH);
    assertThat(decision.link().review()).isTrue();
    assertThat(decision.counter()).isEqualTo("attached_for_review");
  }

  @Test
  void leavesEvidenceBelowTheReviewThresholdUnattachedSayingTheBestWeight() {
    MatchDecision decision =
        AttachmentPolicy.decide(LINKING, List.of(identified("reservation:RW-1", -2.5)));
    assertThat(decision.kind()).isEqualTo(Kind.BELOW_THRESHOLD);
    assertThat(decision.mayBeNew()).isTrue();
    assertThat(decision.reason())
        .isEqualTo("no match above the review threshold 0.0 (best weight -2.5, reservation:RW-1)");
  }

  @Test
  void evidenceLeftBelowTheReviewThresholdSaysWhatEachFieldOfTheBestCandidateAdded() {
    ReconstructedRecord.Link weighed =
        new ReconstructedRecord.Link(
            List.of(),
            7.422,
            MatchModel.probability(7.422),
            false,
            List.of(
                new ReconstructedRecord.Contribution(
                    "(prior)", null, null, "1 in 19 identified appointment records", -4.248),
                new ReconstructedRecord.Contribution(
                    "patient_email", "ines@mail.example", "ines@mail.example", "exact", 3.703),
                new ReconstructedRecord.Contribution(
                    "starts_at",
                    "2026-02-28T16:30:00Z",
                    "2026-02-28T16:30:00Z",
                    "same minute",
                    5.977),
                new ReconstructedRecord.Contribution("price_cents", null, "5500", "missing", 0.0)));
    LinkingSettings strict =
        new LinkingSettings(
            8, 8, 2, 100, List.of("patient_email"), List.of(List.of("patient_email")), List.of());

    MatchDecision decision =
        AttachmentPolicy.decide(
            strict,
            List.of(new Candidate("appointment:RDV-10297", weighed, Candidate.Kind.IDENTIFIED)));

    assertThat(decision.kind()).isEqualTo(Kind.BELOW_THRESHOLD);
    assertThat(decision.reason())
        .isEqualTo(
            "no match above the review threshold 8.0 (best weight 7.422, appointment:RDV-10297:"
                + " (prior) 1 in 19 identified appointment records -4.248, patient_email exact"
                + " 3.703, starts_at same minute 5.977, price_cents missing 0.0)");
  }

  @Test
  void twoCandidatesWithinTheAmbiguityMarginAreLeftToAPerson() {
    MatchDecision decision =
        AttachmentPolicy.decide(
            LINKING,
            List.of(identified("reservation:RW-1", 12.0), identified("reservation:RW-2", 10.5)));
    assertThat(decision.kind()).isEqualTo(Kind.AMBIGUOUS);
    assertThat(decision.mayBeNew()).isFalse();
    assertThat(decision.reason())
        .isEqualTo(
            "ambiguous: reservation:RW-1 (weight 12.0) and reservation:RW-2 (weight 10.5) match"
                + " about equally");
  }

  @Test
  void equalWeightsRankInAFixedOrderWhateverTheInputOrder() {
    List<Candidate> candidates =
        new ArrayList<>(
            List.of(identified("reservation:RW-9", 20.0), identified("reservation:RW-1", 5.0)));
    MatchDecision first = AttachmentPolicy.decide(LINKING, candidates);
    java.util.Collections.reverse(candidates);
    assertThat(AttachmentPolicy.decide(LINKING, candidates)).isEqualTo(first);
  }

  @Test
  void aPaymentThatMatchesAnUnlinkedEventBetterThanItsBookingIsNotAttachedToTheBooking() {
    MatchDecision attach =
        AttachmentPolicy.decide(LINKING, List.of(identified("reservation:RW-1", 4.0)));
    assertThat(attach.kind()).isEqualTo(Kind.ATTACH);

    MatchDecision undone =
        AttachmentPolicy.preferPartner(
            LINKING,
            attach,
            List.of(
                partner("unlinked:reservation:calendar:ev2", 9.5),
                partner("unlinked:reservation:calendar:ev3", 1.0)));
    assertThat(undone.kind()).isEqualTo(Kind.BELOW_THRESHOLD);
    assertThat(undone.mayBeNew()).isTrue();
    assertThat(undone.reason())
        .isEqualTo(
            "matches unlinked unlinked:reservation:calendar:ev2 (weight 9.5) better than"
                + " reservation:RW-1 (weight 4.0)");

    // a weaker partner, or one below review, leaves the attachment alone
    assertThat(
            AttachmentPolicy.preferPartner(
                LINKING, attach, List.of(partner("unlinked:reservation:calendar:ev2", 3.9))))
        .isSameAs(attach);
    assertThat(AttachmentPolicy.preferPartner(LINKING, attach, List.of())).isSameAs(attach);
  }

  @Test
  void decideAllTellsWhenAPartnerWasPreferred() {
    int[] told = {0};
    MatchDecision decision =
        AttachmentPolicy.decideAll(
            LINKING,
            List.of(identified("reservation:RW-1", 4.0)),
            List.of(partner("unlinked:reservation:calendar:ev2", 9.5)),
            () -> told[0]++);
    assertThat(told[0]).isEqualTo(1);
    assertThat(decision.kind()).isEqualTo(Kind.BELOW_THRESHOLD);
  }

  @Test
  void unmatchedEvidencePairsWithItsClearlyBestPartnerAboveLink() {
    MatchDecision below =
        AttachmentPolicy.decide(LINKING, List.of(identified("reservation:RW-1", -5.0)));
    MatchDecision paired =
        AttachmentPolicy.withPartner(
            LINKING,
            below,
            List.of(
                partner("unlinked:reservation:calendar:ev2", 15.0),
                partner("unlinked:reservation:calendar:ev3", 2.0)));
    assertThat(paired.kind()).isEqualTo(Kind.PAIR);
    assertThat(paired.partner()).isEqualTo("unlinked:reservation:calendar:ev2");
    assertThat(paired.link().review()).as("a new entity is always reviewed").isTrue();
    assertThat(paired.reason()).isEqualTo(below.reason());
  }

  @Test
  void noPairWhenTheBestPartnerIsBelowLinkOrNotClearOfTheRunnerUp() {
    assertThat(
            AttachmentPolicy.decidePartner(
                LINKING, List.of(partner("unlinked:reservation:calendar:ev2", 9.9))))
        .isNull();
    assertThat(
            AttachmentPolicy.decidePartner(
                LINKING,
                List.of(
                    partner("unlinked:reservation:calendar:ev2", 15.0),
                    partner("unlinked:reservation:calendar:ev3", 13.0))))
        .isNull();
  }

  @Test
  void anAttachedOrAmbiguousRecordIsNeverPaired() {
    MatchDecision attach =
        AttachmentPolicy.decide(LINKING, List.of(identified("reservation:RW-1", 12.0)));
    assertThat(
            AttachmentPolicy.withPartner(
                LINKING, attach, List.of(partner("unlinked:reservation:calendar:ev2", 15.0))))
        .isSameAs(attach);
  }

  @Test
  void thePriorIsOneInThePopulationSoMoreRecordsNeedMoreAgreement() {
    assertThat(PopulationPrior.of("reservation", true, 1).weight()).isZero();
    assertThat(PopulationPrior.of("reservation", true, 1024).weight()).isEqualTo(-10.0);
    assertThat(PopulationPrior.of("reservation", false, 100_000).weight()).isEqualTo(-16.61);
    assertThat(PopulationPrior.of("reservation", false, 7).level())
        .isEqualTo("1 in 7 unlinked reservation records");
  }

  @Test
  void theBestCandidatesKeptBeforeGroupingDecideAsAllOfThemDo() {
    Random random = new Random(7);
    DecideMatches.BestCandidatesFn best = new DecideMatches.BestCandidatesFn();
    for (int round = 0; round < 2000; round++) {
      List<Candidate> all = new ArrayList<>();
      int count = random.nextInt(9);
      for (int i = 0; i < count; i++) {
        // whole weights from a narrow range, so that ties (broken by key) and near-ties are common
        double weight = random.nextInt(30) - 8;
        String id = "reservation:RW-" + random.nextInt(50) + "-" + i;
        all.add(random.nextBoolean() ? identified(id, weight) : partner(id, weight));
      }
      // as Flink combines: some candidates per worker, then the workers' picks merged
      List<List<Candidate>> workers = List.of(best.createAccumulator(), best.createAccumulator());
      all.forEach(candidate -> best.addInput(workers.get(random.nextInt(2)), candidate));
      List<Candidate> kept = best.extractOutput(best.mergeAccumulators(workers));

      assertThat(kept.stream().filter(Candidate::partner).count()).isLessThanOrEqualTo(2);
      assertThat(kept.stream().filter(c -> !c.partner()).count()).isLessThanOrEqualTo(2);
      assertThat(decideAll(kept)).as("candidates %s", all).isEqualTo(decideAll(all));
    }
  }

  @Test
  void aPieceAmbiguousBetweenRecordsLackingTheNewEntityFieldsItHoldsMayStandAsANewOne() {
    ReconstructedRecord.Contribution[] event = {
      new ReconstructedRecord.Contribution("vehicle", "AA-01", null, "missing", 0),
      new ReconstructedRecord.Contribution("pickup_at", "T1", null, "missing", 0)
    };
    MatchDecision decision =
        AttachmentPolicy.decide(
            LINKING,
            List.of(
                identified("reservation:RW-1", 0.242, event),
                identified("reservation:RW-2", 0.242, event)));

    assertThat(decision.kind()).isEqualTo(Kind.AMBIGUOUS_AMONG_INCOMPLETE);
    assertThat(decision.mayBeNew()).isTrue();
    assertThat(decision.counter()).isEqualTo("ambiguous_among_incomplete");
    assertThat(decision.reason())
        .isEqualTo(
            "ambiguous: reservation:RW-1 (weight 0.242) and reservation:RW-2 (weight 0.242) match"
                + " about equally, and they lack vehicle, pickup_at, which it holds: it may be"
                + " neither, so it stands as a new one");
  }

  @Test
  void
      aPieceAmbiguousBetweenRecordsHoldingWhatItHoldsOrLackingANewEntityFieldItselfIsLeftUnlinked() {
    ReconstructedRecord.Contribution[] againstComplete = {
      new ReconstructedRecord.Contribution("vehicle", "AA-01", "AA-01", "exact", 3),
      new ReconstructedRecord.Contribution("pickup_at", "T1", "T1", "same minute", 5)
    };
    ReconstructedRecord.Contribution[] payment = {
      new ReconstructedRecord.Contribution("vehicle", null, null, "missing", 0),
      new ReconstructedRecord.Contribution("pickup_at", null, null, "missing", 0)
    };

    for (ReconstructedRecord.Contribution[] fields : List.of(againstComplete, payment)) {
      MatchDecision decision =
          AttachmentPolicy.decide(
              LINKING,
              List.of(
                  identified("reservation:RW-1", 4.0, fields),
                  identified("reservation:RW-2", 4.0, fields)));
      assertThat(decision.kind()).isEqualTo(Kind.AMBIGUOUS);
      assertThat(decision.mayBeNew()).isFalse();
    }
  }

  private static Candidate identified(
      String id, double weight, ReconstructedRecord.Contribution... fields) {
    return new Candidate(
        id,
        new ReconstructedRecord.Link(
            List.of(), weight, MatchModel.probability(weight), false, List.of(fields)),
        Candidate.Kind.IDENTIFIED);
  }

  private static MatchDecision decideAll(List<Candidate> candidates) {
    List<Candidate> identified = candidates.stream().filter(c -> !c.partner()).toList();
    List<Candidate> partners = candidates.stream().filter(Candidate::partner).toList();
    MatchDecision decision = AttachmentPolicy.decideAll(LINKING, identified, partners, () -> {});
    return AttachmentPolicy.withPartner(LINKING, decision, partners);
  }

  private static Candidate identified(String id, double weight) {
    return new Candidate(id, link(weight), Candidate.Kind.IDENTIFIED);
  }

  private static Candidate partner(String id, double weight) {
    return new Candidate(id, link(weight), Candidate.Kind.PARTNER);
  }

  private static ReconstructedRecord.Link link(double weight) {
    return new ReconstructedRecord.Link(
        List.of(), weight, MatchModel.probability(weight), false, List.of());
  }
}
