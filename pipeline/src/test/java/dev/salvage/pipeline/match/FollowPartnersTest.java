package dev.salvage.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.LinkingSettings;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Link;
import dev.salvage.pipeline.match.MatchDecision.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowPartnersTest {
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

  private static final String EVENT = "unlinked:reservation:calendar:ev2";

  /** A payment that matched RW-1 with {@code own} but its event with {@code byEvent}. */
  private static MatchDecision keptOutFor(double own, double byEvent) {
    MatchDecision kept =
        AttachmentPolicy.decideAll(
            LINKING,
            List.of(identified("reservation:RW-1", own)),
            List.of(new Candidate(EVENT, link(byEvent), Candidate.Kind.PARTNER)),
            () -> {});
    assertThat(kept.keptOut()).isNotNull();
    return kept;
  }

  private static MatchDecision eventAttachedTo(String record, double weight) {
    return AttachmentPolicy.decide(LINKING, List.of(identified(record, weight)));
  }

  @Test
  void aPaymentKeptOutForItsEventJoinsTheRecordTheEventJoinedWithTheHeavierWeight() {
    MatchDecision followed =
        FollowPartners.follow(
            LINKING, keptOutFor(4.0, 13.5), eventAttachedTo("reservation:RW-1", 24.0));

    assertThat(followed.kind()).isEqualTo(Kind.ATTACH);
    assertThat(followed.identified()).isEqualTo("reservation:RW-1");
    assertThat(followed.link().weight()).isEqualTo(13.5);
    assertThat(followed.link().review()).isFalse();
    assertThat(followed.reason())
        .isEqualTo(
            "following "
                + EVENT
                + ", which it matches better (weight 13.5) and which joined reservation:RW-1"
                + " (weight on its own 4.0)");
  }

  @Test
  void aPaymentThatFollowsItsEventBelowLinkIsReviewed() {
    MatchDecision followed =
        FollowPartners.follow(
            LINKING, keptOutFor(2.0, 6.0), eventAttachedTo("reservation:RW-1", 24.0));

    assertThat(followed.identified()).isEqualTo("reservation:RW-1");
    assertThat(followed.link().review()).isTrue();
    assertThat(followed.reason()).endsWith("below the link threshold: review");
  }

  @Test
  void aPaymentWhoseEventJoinedAnotherRecordThanItsOwnFollowsForReviewNamingBoth() {
    MatchDecision followed =
        FollowPartners.follow(
            LINKING, keptOutFor(4.0, 13.5), eventAttachedTo("reservation:RW-2", 24.0));

    assertThat(followed.identified()).isEqualTo("reservation:RW-2");
    assertThat(followed.link().review()).isTrue();
    assertThat(followed.reason())
        .contains(EVENT)
        .contains("joined reservation:RW-2")
        .contains("on its own it matched reservation:RW-1 (weight 4.0)");
  }

  @Test
  void aPaymentWhoseEventWasNotAttachedKeepsItsDecision() {
    MatchDecision kept = keptOutFor(4.0, 13.5);
    MatchDecision eventPaired = AttachmentPolicy.withPartner(LINKING, null, List.of());

    assertThat(FollowPartners.follow(LINKING, kept, null)).isSameAs(kept);
    assertThat(FollowPartners.follow(LINKING, kept, eventPaired)).isSameAs(kept);
    assertThat(
            FollowPartners.follow(
                LINKING, kept, eventAttachedTo("reservation:RW-1", -3.0))) // below review
        .isSameAs(kept);
  }

  private static Candidate identified(String id, double weight) {
    return new Candidate(id, link(weight), Candidate.Kind.IDENTIFIED);
  }

  private static Link link(double weight) {
    return new Link(List.of(), weight, MatchModel.probability(weight), false, List.of());
  }
}
