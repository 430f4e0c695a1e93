package dev.salvage.pipeline.match;

import static dev.salvage.pipeline.match.MatchUnlinkedEvidenceTest.BOOKED;
import static dev.salvage.pipeline.match.MatchUnlinkedEvidenceTest.bookings;
import static dev.salvage.pipeline.match.MatchUnlinkedEvidenceTest.match;
import static dev.salvage.pipeline.match.MatchUnlinkedEvidenceTest.unlinked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;

/**
 * A booking known to three sources, none naming it (a mail, a calendar event, a payment): the mail
 * and the event pair into a NEW record, and the payment, whose two best partners tie, is weighed
 * against that record (docs/linking.md, steps 3-4).
 */
class LonePiecesJoinNewRecordsTest {
  static final String WHO = "three@example.com";
  static final Instant BOOKED_AT = BOOKED.plusSeconds(86400L * 60);
  static final String PICKUP = BOOKED_AT.plusSeconds(86400L * 5).toString();

  /** The booking's mail and calendar event, both giving the car and the pickup time. */
  static List<ReconstructedRecord> mailAndEvent() {
    return List.of(
        unlinked(
            "email:conf-three",
            BOOKED_AT,
            Map.of("customer_email", WHO, "vehicle", "ZZ-97-AA", "pickup_at", PICKUP),
            Map.of()),
        unlinked(
            "calendar:lis/ev3",
            BOOKED_AT.plusSeconds(20),
            Map.of("customer_email", WHO, "vehicle", "ZZ-97-AA", "pickup_at", PICKUP),
            Map.of("calendar_uid", "ev3")));
  }

  static ReconstructedRecord payment(String id, Instant seen) {
    return unlinked(
        "stripe:" + id,
        seen,
        Map.of("customer_email", WHO, "total_cents", "23100"),
        Map.of("stripe_payment_intent_id", id));
  }

  static List<ReconstructedRecord> created(Iterable<ReconstructedRecord> records) {
    List<ReconstructedRecord> created = new ArrayList<>();
    records.forEach(
        r -> {
          if (!r.id().startsWith("reservation:RW-")) {
            created.add(r);
          }
        });
    return created;
  }

  static List<String> refs(ReconstructedRecord record) {
    return record.evidence().stream().map(Evidence::ref).sorted().toList();
  }

  @Test
  void aPaymentOfABookingWhoseMailAndEventPairedJoinsTheirNewRecord() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    List<ReconstructedRecord> pieces = new ArrayList<>(mailAndEvent());
    pieces.add(payment("pi_3", BOOKED_AT.plusSeconds(40)));
    PCollectionTuple matched = match(pipeline, bookings(), pieces, 100);

    PAssert.that(matched.get(MatchUnlinkedEvidence.RECORDS))
        .satisfies(
            records -> {
              List<ReconstructedRecord> created = created(records);
              assertThat(created).hasSize(1);
              ReconstructedRecord booking = created.get(0);
              assertThat(refs(booking))
                  .containsExactly("calendar:lis/ev3", "email:conf-three", "stripe:pi_3");
              assertThat(booking.action()).isEqualTo(Action.NEW);
              assertThat(booking.flagged()).isTrue();
              assertThat(booking.value("total_cents")).isEqualTo("23100");
              assertThat(booking.links()).hasSize(2);
              // a NEW record is as sure as its weakest link, not as the keyless assembly
              assertThat(booking.confidence())
                  .isEqualTo(
                      booking.links().stream()
                          .mapToDouble(ReconstructedRecord.Link::probability)
                          .min()
                          .orElseThrow())
                  .isGreaterThan(0.5)
                  .isLessThan(1.0);
              assertThat(booking.reasons())
                  .anySatisfy(
                      reason ->
                          assertThat(reason).startsWith("attached stripe:pi_3 by probabilistic"));
              return null;
            });
    PAssert.that(matched.get(MatchUnlinkedEvidence.UNLINKED)).empty();
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aPaymentOfAnotherBookingOfTheSameCustomerStaysOutOfTheNewRecordAndSaysItWasWeighed() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    List<ReconstructedRecord> pieces = new ArrayList<>(mailAndEvent());
    // the customer's payment for a booking made three weeks later: same email, another day
    pieces.add(payment("pi_other", BOOKED_AT.plusSeconds(86400L * 21)));
    PCollectionTuple matched = match(pipeline, bookings(), pieces, 100);

    PAssert.that(matched.get(MatchUnlinkedEvidence.RECORDS))
        .satisfies(
            records -> {
              List<ReconstructedRecord> created = created(records);
              assertThat(created).hasSize(1);
              assertThat(refs(created.get(0)))
                  .containsExactly("calendar:lis/ev3", "email:conf-three");
              return null;
            });
    PAssert.that(matched.get(MatchUnlinkedEvidence.UNLINKED))
        .satisfies(
            records -> {
              assertThat(records).hasSize(1);
              ReconstructedRecord left = records.iterator().next();
              assertThat(refs(left)).containsExactly("stripe:pi_other");
              assertThat(left.reasons())
                  .anySatisfy(
                      reason ->
                          assertThat(reason)
                              .startsWith(
                                  "weighed against reservation record(s), the best below the"
                                      + " review threshold 2.0, and lacks vehicle, pickup_at"))
                  .noneMatch(reason -> reason.contains("never weighed"));
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aSecondPaymentNeverJoinsANewRecordThatHoldsOne() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    // the pair is the event and a payment; a second payment of the same customer and minute
    // names another payment id, so it is refused in its block and never weighed
    List<ReconstructedRecord> pieces =
        List.of(
            mailAndEvent().get(1),
            payment("pi_a", BOOKED_AT.plusSeconds(10)),
            payment("pi_b", BOOKED_AT.plusSeconds(10)));
    PCollectionTuple matched = match(pipeline, bookings(), pieces, 100);

    PAssert.that(matched.get(MatchUnlinkedEvidence.RECORDS))
        .satisfies(
            records -> {
              created(records)
                  .forEach(
                      r ->
                          assertThat(r.keys().getOrDefault("stripe_payment_intent_id", List.of()))
                              .hasSizeLessThanOrEqualTo(1));
              return null;
            });
    pipeline.run().waitUntilFinish();
  }
}
