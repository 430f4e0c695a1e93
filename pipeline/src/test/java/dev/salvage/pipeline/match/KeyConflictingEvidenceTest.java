package dev.salvage.pipeline.match;

import static dev.salvage.pipeline.match.MatchUnlinkedEvidenceTest.BOOKED;
import static dev.salvage.pipeline.match.MatchUnlinkedEvidenceTest.bookings;
import static dev.salvage.pipeline.match.MatchUnlinkedEvidenceTest.byId;
import static dev.salvage.pipeline.match.MatchUnlinkedEvidenceTest.match;
import static dev.salvage.pipeline.match.MatchUnlinkedEvidenceTest.record;
import static dev.salvage.pipeline.match.MatchUnlinkedEvidenceTest.unlinked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.beam.RunCounts;
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
 * Evidence that matches a record but names another value of one of its strong keys (an unlinked
 * calendar event, when an event with another id is already attached): another entity when it says
 * another time, the record's own evidence made again when it says the same.
 */
class KeyConflictingEvidenceTest {
  private static final String WHO = "weekly@example.com";
  private static final Instant SERIES_CREATED = BOOKED.plusSeconds(86400L * 60);
  private static final Instant FIRST = SERIES_CREATED.plusSeconds(86400L * 3);

  /**
   * The booking of the series' first occurrence, known by its confirmation mail (with the
   * reference), beside forty others.
   */
  private static List<ReconstructedRecord> identified() {
    List<ReconstructedRecord> identified = new ArrayList<>(bookings());
    identified.add(
        record(
            "reservation:RW-500000",
            "email:confirm-RW-500000",
            SERIES_CREATED,
            Map.of(
                "reference", "RW-500000",
                "customer_email", WHO,
                "vehicle", "WW-07-KK",
                "pickup_at", FIRST.toString(),
                "total_cents", "4500"),
            Map.of("reference", "RW-500000")));
    return identified;
  }

  /**
   * An occurrence of the weekly series, {@code weeks} after the first: its own event id (the
   * series' id and its UTC start), no reference, created with the series.
   */
  private static ReconstructedRecord occurrence(int weeks, String uid) {
    Instant start = FIRST.plusSeconds(86400L * 7 * weeks);
    return unlinked(
        "calendar:weekly/" + uid,
        SERIES_CREATED.plusSeconds(40),
        Map.of(
            "customer_email",
            WHO,
            "vehicle",
            "WW-07-KK",
            "pickup_at",
            start.toString(),
            "total_cents",
            "4500"),
        Map.of("calendar_uid", uid));
  }

  private static String uid(int weeks) {
    return "ser_" + FIRST.plusSeconds(86400L * 7 * weeks).toString().replace(":", "");
  }

  @Test
  void weeklyOccurrencesWithoutTheReferenceBecomeABookingEachBesideTheFirst() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple matched =
        match(
            pipeline,
            identified(),
            List.of(occurrence(0, uid(0)), occurrence(1, uid(1)), occurrence(2, uid(2))),
            100);

    PAssert.that(matched.get(MatchUnlinkedEvidence.RECORDS))
        .satisfies(
            records -> {
              Map<String, ReconstructedRecord> byId = byId(records);
              // the first occurrence joins the booking whose time it says
              assertThat(byId.get("reservation:RW-500000").keys().get("calendar_uid"))
                  .containsExactly(uid(0));
              List<ReconstructedRecord> created =
                  byId.values().stream()
                      .filter(r -> !r.id().startsWith("reservation:RW-"))
                      .toList();
              assertThat(created).hasSize(2);
              assertThat(created).extracting(ReconstructedRecord::action).containsOnly(Action.NEW);
              assertThat(created).allSatisfy(r -> assertThat(r.flagged()).isTrue());
              assertThat(created)
                  .extracting(r -> r.value("pickup_at"))
                  .containsExactlyInAnyOrder(
                      FIRST.plusSeconds(86400L * 7).toString(),
                      FIRST.plusSeconds(86400L * 14).toString());
              assertThat(created)
                  .allSatisfy(
                      r ->
                          assertThat(r.reasons())
                              .anySatisfy(
                                  reason ->
                                      assertThat(reason)
                                          .contains("names another calendar_uid")
                                          .contains("reservation:RW-500000"))
                              .anySatisfy(
                                  reason ->
                                      assertThat(reason)
                                          .contains("it also names pickup_at")
                                          .contains("reservation:RW-500000: " + FIRST)
                                          .endsWith(
                                              "another reservation, which stands as a new one")));
              return null;
            });
    PAssert.that(matched.get(MatchUnlinkedEvidence.UNLINKED)).empty();
    Map<String, Long> sums = RunCounts.run(pipeline);
    assertThat(sums).containsEntry("linking.reservation.refused_attachment_conflict", 2L);
    assertThat(sums).containsEntry("linking.reservation.new_entities_key_conflict", 2L);
  }

  @Test
  void anOccurrenceWhoseEventWasMadeTwiceIsOneBookingNotTwo() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    // the second week's occurrence deleted and made again: another id, the same car and time
    PCollectionTuple matched =
        match(
            pipeline,
            identified(),
            List.of(occurrence(0, uid(0)), occurrence(1, uid(1)), occurrence(1, "again-1")),
            100);

    PAssert.that(matched.get(MatchUnlinkedEvidence.RECORDS))
        .satisfies(
            records -> {
              List<ReconstructedRecord> created = new ArrayList<>();
              records.forEach(
                  r -> {
                    if (!r.id().startsWith("reservation:RW-")) {
                      created.add(r);
                    }
                  });
              assertThat(created).hasSize(1);
              ReconstructedRecord second = created.get(0);
              assertThat(second.action()).isEqualTo(Action.NEW);
              assertThat(second.flagged()).isTrue();
              assertThat(second.keys().get("calendar_uid"))
                  .containsExactlyInAnyOrder(uid(1), "again-1");
              return null;
            });
    PAssert.that(matched.get(MatchUnlinkedEvidence.UNLINKED)).empty();
    pipeline.run().waitUntilFinish();
  }

  @Test
  void anEventOfTheBookingMadeAgainUnderAnotherIdStaysForReviewInsteadOfADuplicate() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    // the booking's own event, deleted and made again an hour later: the same car and time
    ReconstructedRecord again =
        unlinked(
            "calendar:weekly/again-0",
            SERIES_CREATED.plusSeconds(3600),
            Map.of(
                "customer_email",
                WHO,
                "vehicle",
                "WW-07-KK",
                "pickup_at",
                FIRST.toString(),
                "total_cents",
                "4500"),
            Map.of("calendar_uid", "again-0"));
    PCollectionTuple matched =
        match(pipeline, identified(), List.of(occurrence(0, uid(0)), again), 100);

    PAssert.that(matched.get(MatchUnlinkedEvidence.RECORDS))
        .satisfies(
            records -> {
              Map<String, ReconstructedRecord> byId = byId(records);
              assertThat(byId).hasSize(41);
              assertThat(byId.get("reservation:RW-500000").evidence())
                  .extracting(Evidence::ref)
                  .containsExactlyInAnyOrder(
                      "email:confirm-RW-500000", "calendar:weekly/" + uid(0));
              return null;
            });
    PAssert.that(matched.get(MatchUnlinkedEvidence.UNLINKED))
        .satisfies(
            records -> {
              assertThat(records).hasSize(1);
              ReconstructedRecord left = records.iterator().next();
              assertThat(left.keys().get("calendar_uid")).containsExactly("again-0");
              assertThat(left.reasons())
                  .anySatisfy(
                      reason ->
                          assertThat(reason)
                              .contains("names another calendar_uid")
                              .contains("reservation:RW-500000"))
                  .anySatisfy(
                      reason ->
                          assertThat(reason)
                              .startsWith("left for review")
                              .contains("vehicle, pickup_at")
                              .contains("reservation:RW-500000")
                              .contains("made again"));
              return null;
            });
    pipeline.run().waitUntilFinish();
  }
}
