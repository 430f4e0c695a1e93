package dev.salvage.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.EntityModel;
import dev.salvage.pipeline.beam.ReconstructedRecordCoder;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.reconcile.MergeClusters;
import dev.salvage.pipeline.reconcile.MergeSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;

class SumsInDoubtTest {
  static final String MODEL =
      """
      entities:
        reservation:
          keys: [reference, stripe_payment_intent_id]
          require_keys: [reference]
          fields:
            reference: text
            customer_email: email
            vehicle: text
            pickup_at: datetime
            total_cents: integer
            paid_cents: integer
            stripe_payment_intent_id: text
          merge:
            paid_cents: {strategy: sum}
          linking:
            link: 6
            review: 2
            ambiguity: 2
            max_block: 100
            compare: [customer_email, vehicle, pickup_at, total_cents, first_seen]
            block: [customer_email, total_cents+first_seen, vehicle+pickup_at]
            new_entity: [vehicle, pickup_at]
      """;
  static final Instant BACKUP = Instant.parse("2026-03-01T00:00:00Z");
  static final Instant BOOKED = Instant.parse("2026-04-01T09:00:00Z");

  static MergeSettings settings() {
    return new MergeSettings(
        MODEL, "entities.yaml", List.of("mail", "stripe", "calendar"), "backup", BACKUP, Map.of());
  }

  /** Twenty bookings of different customers, and a second one of customer 7 of the same amount. */
  static List<ReconstructedRecord> bookings() {
    List<ReconstructedRecord> bookings = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      bookings.add(booking("RW-" + (100000 + i), "email:m" + i, i, "AA-" + (10 + i) + "-ZZ", 10));
    }
    bookings.add(booking("RW-200007", "email:m7b", 7, "BB-77-ZZ", 30));
    return bookings;
  }

  static ReconstructedRecord booking(
      String reference, String ref, int customer, String vehicle, int pickupDays) {
    Instant seen = BOOKED.plusSeconds(86400L * customer);
    return TestRecords.reservation(
        "reservation:" + reference,
        ref,
        seen,
        Map.of(
            "reference",
            reference,
            "customer_email",
            "c" + customer + "@example.com",
            "vehicle",
            vehicle,
            "pickup_at",
            seen.plusSeconds(86400L * pickupDays).toString(),
            "total_cents",
            Integer.toString(10000 + 137 * customer),
            "paid_cents",
            "3000"),
        Map.of("reference", reference));
  }

  /** Customer 7's payment without a reference: it fits both of that customer's bookings. */
  static ReconstructedRecord payment(Map<String, String> more) {
    Map<String, String> values = new HashMap<>(more);
    values.put("customer_email", "c7@example.com");
    values.put("total_cents", "10959");
    return TestRecords.reservation(
        "reservation:new-unidentified",
        "stripe:pi_7",
        BOOKED.plusSeconds(86400L * 7 + 60),
        values,
        Map.of("stripe_payment_intent_id", "pi_7"));
  }

  @Test
  void flagsBothBookingsAPaymentLeftAmbiguousWouldAddToAndNamesThePayment() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple matched = match(pipeline, payment(Map.of("paid_cents", "7959")));
    PAssert.that(matched.get(MatchUnlinkedEvidence.RECORDS))
        .satisfies(
            records -> {
              Map<String, ReconstructedRecord> byId = new HashMap<>();
              records.forEach(r -> byId.put(r.id(), r));
              for (String id : List.of("reservation:RW-100007", "reservation:RW-200007")) {
                assertThat(byId.get(id).flagged()).as(id).isTrue();
                assertThat(byId.get(id).reasons())
                    .as(id)
                    .anySatisfy(
                        reason ->
                            assertThat(reason)
                                .startsWith("paid_cents may be short: stripe:pi_7, left unlinked"));
              }
              byId.values().stream()
                  .filter(r -> !r.id().endsWith("00007"))
                  .forEach(r -> assertThat(r.flagged()).as(r.id()).isFalse());
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void leavesTheCandidatesUnflaggedWhenTheAmbiguousPieceClaimsNoSummedField() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple matched = match(pipeline, payment(Map.of()));
    PAssert.that(matched.get(MatchUnlinkedEvidence.RECORDS))
        .satisfies(
            records -> {
              records.forEach(r -> assertThat(r.flagged()).as(r.id()).isFalse());
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aPieceNoNewerThanTheBackupCastsNoDoubtOnASumTheBackupHoldsAValueOf() throws Exception {
    EntityModel model = EntityModel.parse(MODEL, "entities.yaml");
    ReconstructedRecord withBackupValue =
        bookings().get(0).toBuilder().backup(Map.of("paid_cents", "3000"), "backup:b#1").build();
    ReconstructedRecord older =
        TestRecords.reservation(
            "reservation:new-old",
            "stripe:pi_old",
            BACKUP.minusSeconds(3600),
            Map.of("paid_cents", "3000"),
            Map.of());
    ReconstructedRecord newer =
        TestRecords.reservation(
            "reservation:new-new",
            "stripe:pi_new",
            BACKUP.plusSeconds(3600),
            Map.of("paid_cents", "500"),
            Map.of());
    assertThat(
            SumsInDoubt.reasons(model.type("reservation"), withBackupValue, List.of(older), BACKUP))
        .isEmpty();
    assertThat(
            SumsInDoubt.reasons(
                model.type("reservation"), withBackupValue, List.of(older, newer), BACKUP))
        .singleElement()
        .satisfies(
            reason -> assertThat(reason).startsWith("paid_cents may be short: stripe:pi_new,"));
  }

  /** A booking whose paid_cents the raw record {@code ref} alone adds up to {@code paid}. */
  static ReconstructedRecord paidBy(String reference, String ref, String paid) {
    return TestRecords.reservation(
        "reservation:" + reference,
        ref,
        BOOKED,
        Map.of("reference", reference, "paid_cents", paid),
        Map.of("reference", reference));
  }

  static PCollection<ReconstructedRecord> matchRecords(
      TestPipeline pipeline, List<ReconstructedRecord> records) {
    return PCollectionTuple.of(
            MergeClusters.RECORDS,
            pipeline.apply(
                "Identified", Create.of(records).withCoder(ReconstructedRecordCoder.INSTANCE)))
        .and(
            MergeClusters.UNLINKED,
            pipeline.apply("Unlinked", Create.empty(ReconstructedRecordCoder.INSTANCE)))
        .apply(new MatchUnlinkedEvidence(settings()))
        .get(MatchUnlinkedEvidence.RECORDS);
  }

  @Test
  void flagsEachBookingThatCountsWholeAPaymentCountedInAnotherBookingToo() {
    // one checkout paid two bookings of one group leader; its rule emits both references with the
    // charge's whole amount, so each sum holds the whole payment
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    List<ReconstructedRecord> records =
        List.of(
            paidBy("H1-1042", "stripe:ch_joint", "50000"),
            paidBy("H2-0077", "stripe:ch_joint", "50000"),
            paidBy("H3-0500", "stripe:ch_own", "20000"));
    PAssert.that(matchRecords(pipeline, records))
        .satisfies(
            out -> {
              Map<String, ReconstructedRecord> byId = new HashMap<>();
              out.forEach(r -> byId.put(r.id(), r));
              assertThat(byId.get("reservation:H1-1042").flagged()).isTrue();
              assertThat(byId.get("reservation:H1-1042").reasons())
                  .containsExactly(
                      "paid_cents: stripe:ch_joint adds 50000 to it, and the same 50000 to the"
                          + " paid_cents of reservation:H2-0077: one payment for 2 reservation"
                          + " records (a checkout naming several) is counted whole in each, where"
                          + " each holds its share; enter this reservation's share in review, or"
                          + " approve it as it is if the payment paid each in full");
              assertThat(byId.get("reservation:H2-0077").flagged()).isTrue();
              assertThat(byId.get("reservation:H3-0500").flagged()).isFalse();
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void leavesUnflaggedTheBookingsOneRecordPaysEachItsOwnAmount() {
    // an order row with a line per booking, each emit reading its own line's amount
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    List<ReconstructedRecord> records =
        List.of(
            paidBy("H1-1042", "stripe:py_order", "30000"),
            paidBy("H2-0077", "stripe:py_order", "20000"));
    PAssert.that(matchRecords(pipeline, records))
        .satisfies(
            out -> {
              out.forEach(r -> assertThat(r.flagged()).as(r.id()).isFalse());
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  static PCollectionTuple match(TestPipeline pipeline, ReconstructedRecord piece) {
    PCollectionTuple matched =
        PCollectionTuple.of(
                MergeClusters.RECORDS,
                pipeline.apply(
                    "Identified",
                    Create.of(bookings()).withCoder(ReconstructedRecordCoder.INSTANCE)))
            .and(
                MergeClusters.UNLINKED,
                pipeline.apply(
                    "Unlinked",
                    Create.of(List.of(piece)).withCoder(ReconstructedRecordCoder.INSTANCE)))
            .apply(new MatchUnlinkedEvidence(settings()));
    PAssert.that(matched.get(MatchUnlinkedEvidence.UNLINKED))
        .satisfies(
            pieces -> {
              assertThat(pieces)
                  .singleElement()
                  .satisfies(
                      p ->
                          assertThat(p.reasons())
                              .anySatisfy(reason -> assertThat(reason).startsWith("ambiguous")));
              return null;
            });
    return matched;
  }
}
