package dev.salvage.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.EntityModel;
import dev.salvage.pipeline.beam.ReconstructedRecordCoder;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Contribution;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Link;
import dev.salvage.pipeline.reconcile.MergeSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;

class TimesInDoubtTest {
  // a school's course bookings: a calendar event names the pupil and course, not the reference
  static final String MODEL =
      """
      entities:
        reservation:
          keys: [reference, calendar_uid]
          require_keys: [reference]
          fields:
            reference: text
            customer_email: email
            course: text
            starts_at: datetime
            ends_at: datetime
            booked_at: datetime
            calendar_uid: text
          merge:
            booked_at: {strategy: earliest}
          linking:
            link: 10
            review: 0
            ambiguity: 3
            max_block: 100
            compare: [customer_email, course, starts_at, ends_at, booked_at]
            block: [customer_email, course+starts_at]
            new_entity: [customer_email, starts_at]
      """;
  static final String PIECE = "calendar:school/ev7";
  static final String KEY = "unlinked:reservation:" + PIECE;
  static final String HELD = "2026-04-28T09:00:00Z";
  static final String MOVED = "2026-05-12T09:00:00Z";

  static MergeSettings settings() {
    return new MergeSettings(
        MODEL,
        "entities.yaml",
        List.of("mail", "calendar"),
        "backup",
        Instant.parse("2026-03-01T00:00:00Z"),
        Map.of());
  }

  /**
   * How a calendar event weighed against booking TF-1007, as matching weighs it: the pupil and
   * course agree, the times given differ ({@code starts_at}, {@code ends_at} further apart), and
   * {@code booked} is the level of {@code booked_at}.
   */
  static Link link(String course, String booked, double bookedWeight) {
    List<Contribution> fields = new ArrayList<>();
    fields.add(new Contribution(PopulationPrior.FIELD, null, null, "1 in 1153", -10.171));
    fields.add(new Contribution("customer_email", "p7@x.ch", "p7@x.ch", "exact", 8.63));
    boolean sameCourse = course.equals("KIDS");
    fields.add(
        new Contribution(
            "course", course, "KIDS", sameCourse ? "exact" : "different", sameCourse ? 2.4 : -6));
    fields.add(new Contribution("starts_at", MOVED, HELD, "further", -9.66));
    fields.add(new Contribution("ends_at", MOVED, HELD, "further", -9.66));
    fields.add(new Contribution("booked_at", booked, "2026-04-08T09:00:00Z", "x", bookedWeight));
    double weight = fields.stream().mapToDouble(Contribution::weight).sum();
    return new Link(List.of(), weight, 0.001, true, fields);
  }

  static KV<String, MatchDecision> belowThreshold(Link nearest) {
    return KV.of(
        KEY,
        MatchDecision.notAttached(MatchDecision.Kind.BELOW_THRESHOLD, "no match above")
            .nearestWas(new MatchDecision.Nearest("reservation:TF-1007", nearest)));
  }

  static ReconstructedRecord booking(String id, String... refs) {
    List<Evidence> evidence = new ArrayList<>();
    for (String ref : refs) {
      evidence.add(new Evidence(ref, ref.split(":")[0], "rule", "2026-04-08T09:00:00Z", Map.of()));
    }
    return TestRecords.reservation(
            id,
            refs[0],
            Instant.parse("2026-04-08T09:00:00Z"),
            Map.of("course", "KIDS", "starts_at", HELD),
            Map.of())
        .toBuilder()
        .evidence(evidence)
        .build();
  }

  @Test
  void flagsTheBookingAnEventMatchesButForItsMovedTimesNamingBothTimes() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<ReconstructedRecord> records =
        flag(
            pipeline,
            List.of(
                booking("reservation:TF-1007", "email:m7"),
                booking("reservation:TF-1008", "email:m8")),
            belowThreshold(link("KIDS", "2026-04-08T09:00:00Z", 3.0)));
    PAssert.that(records)
        .satisfies(
            all -> {
              Map<String, ReconstructedRecord> byId = byId(all);
              assertThat(byId.get("reservation:TF-1007").flagged()).isTrue();
              assertThat(byId.get("reservation:TF-1007").reasons())
                  .singleElement()
                  .satisfies(
                      reason ->
                          assertThat(reason)
                              .isEqualTo(
                                  "starts_at, ends_at may be stale: "
                                      + PIECE
                                      + ", kept apart, matches this reservation but for its times"
                                      + " (starts_at "
                                      + MOVED
                                      + " where this reservation has "
                                      + HELD
                                      + "; ends_at "
                                      + MOVED
                                      + " where this reservation has "
                                      + HELD
                                      + "), weighing 3.86 without them (review threshold 0.0): if"
                                      + " it is this reservation, one of the two was moved after"
                                      + " the other was written; check both (the piece is in"
                                      + " unlinked.jsonl or a new record of its own)"));
              assertThat(byId.get("reservation:TF-1008").flagged()).isFalse();
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aPieceThatJoinedTheBookingAfterAllFlagsNothing() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<ReconstructedRecord> records =
        flag(
            pipeline,
            List.of(booking("reservation:TF-1007", "email:m7", PIECE)),
            belowThreshold(link("KIDS", "2026-04-08T09:00:00Z", 3.0)));
    PAssert.that(records)
        .satisfies(
            all -> {
              assertThat(all).singleElement().satisfies(r -> assertThat(r.flagged()).isFalse());
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aPieceApartInATimeThatDoesNotMoveOrInAnotherFieldOrTooFarCastsNoDoubt() throws Exception {
    EntityModel model = EntityModel.parse(MODEL, "entities.yaml");
    var type = model.type("reservation");
    var linking = model.linking("reservation");
    // booked_at is merged by earliest: an event booked twelve days later is another booking
    assertThat(
            TimesInDoubt.reason(type, linking, PIECE, link("KIDS", "2026-04-20T09:00:00Z", -8.0)))
        .isNull();
    // another course as well: not a move
    assertThat(TimesInDoubt.reason(type, linking, PIECE, link("RAKU", "2026-04-08T09:00:00Z", 3.0)))
        .isNull();
    // agreeing too little without the times: below the review threshold
    assertThat(
            TimesInDoubt.reason(type, linking, PIECE, link("KIDS", "2026-04-08T09:00:00Z", -2.0)))
        .isNull();
    assertThat(TimesInDoubt.reason(type, linking, PIECE, link("KIDS", "2026-04-08T09:00:00Z", 3.0)))
        .startsWith("starts_at, ends_at may be stale: ");
  }

  static Map<String, ReconstructedRecord> byId(Iterable<ReconstructedRecord> records) {
    Map<String, ReconstructedRecord> byId = new HashMap<>();
    records.forEach(r -> byId.put(r.id(), r));
    return byId;
  }

  static PCollection<ReconstructedRecord> flag(
      TestPipeline pipeline,
      List<ReconstructedRecord> records,
      KV<String, MatchDecision> decision) {
    return PCollectionTuple.of(
            TimesInDoubt.RECORDS,
            pipeline.apply(
                "Records", Create.of(records).withCoder(ReconstructedRecordCoder.INSTANCE)))
        .and(
            TimesInDoubt.DECISIONS,
            pipeline.apply(
                "Decisions",
                Create.of(List.of(decision))
                    .withCoder(KvCoder.of(StringUtf8Coder.of(), MatchCoders.decision()))))
        .apply(new TimesInDoubt(settings()));
  }
}
