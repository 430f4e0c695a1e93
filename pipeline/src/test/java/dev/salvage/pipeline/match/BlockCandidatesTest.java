package dev.salvage.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.EntityModel;
import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.values.LinkKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Keys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

class BlockCandidatesTest {
  static final Instant PAID = Instant.parse("2026-04-03T10:00:00Z");

  static List<String> profiled(int maxBlock) throws Exception {
    return EntityModel.parse(MatchUnlinkedEvidenceTest.MODEL.formatted(maxBlock), "entities.yaml")
        .linking("reservation")
        .profiled();
  }

  static ReconstructedRecord booking(int i, String email) {
    String reference = "RW-" + (200000 + i);
    return TestRecords.reservation(
        "reservation:" + reference,
        "email:b" + i,
        PAID,
        Map.of(
            "reference", reference, "customer_email", email, "total_cents", "" + (9000 + 500 * i)),
        Map.of("reference", reference));
  }

  /** A payment without the reference: the email and the amount of booking {@code i}, that day. */
  static ReconstructedRecord payment(int i, String email) {
    return TestRecords.reservation(
        "reservation:new-unidentified",
        "stripe:pi_" + i,
        PAID.plusSeconds(60),
        Map.of(
            "customer_email", email,
            "total_cents", "" + (9000 + 500 * i),
            "stripe_payment_intent_id", "pi_" + i),
        Map.of("stripe_payment_intent_id", "pi_" + i));
  }

  static PCollection<KV<String, List<MatchProfile>>> block(
      TestPipeline pipeline,
      BlockCandidates blocking,
      int maxBlock,
      List<ReconstructedRecord> identified,
      List<ReconstructedRecord> unlinked)
      throws Exception {
    List<String> fields = profiled(maxBlock);
    List<MatchProfile> profiles = new ArrayList<>();
    identified.forEach(r -> profiles.add(MatchProfile.identified(r, fields, LinkKeys.exact())));
    unlinked.forEach(r -> profiles.add(MatchProfile.unlinked(r, fields, LinkKeys.exact())));
    return pipeline
        .apply(Create.of(profiles).withCoder(MatchProfileCoder.INSTANCE))
        .apply(blocking);
  }

  /**
   * Runs the pipeline, expecting the one pair blocking emits (by its two profile keys), and returns
   * the run's counters.
   */
  static Map<String, Long> expectPair(
      TestPipeline pipeline, PCollection<KV<String, List<MatchProfile>>> pairs, String pair) {
    PAssert.that(pairs.apply(Keys.create())).containsInAnyOrder(pair);
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    return Counts.measured(result);
  }

  @Test
  void aPairThatTwoRulesBlockTogetherIsEmittedOnceAndCountedUnderEach() throws Exception {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    // same email and same amount on the same day: blocked by customer_email and by
    // total_cents+first_seen (the payment under that day and its two neighbours)
    PCollection<KV<String, List<MatchProfile>>> pairs =
        block(
            pipeline,
            BlockCandidates.counted(MatchUnlinkedEvidenceTest.settings(50)),
            50,
            List.of(booking(1, "ana@example.com"), booking(2, "rui@example.com")),
            List.of(payment(1, "ana@example.com")));
    Map<String, Long> counts =
        expectPair(pipeline, pairs, "unlinked:reservation:stripe:pi_1\nreservation:RW-200001");
    assertThat(counts)
        .containsEntry("linking.reservation.block.customer_email.pairs", 1L)
        .containsEntry("linking.reservation.block.total_cents+first_seen.pairs", 1L);
  }

  @Test
  void blockingAgainFindsThePairButCountsNothing() throws Exception {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    // new entities are blocked a second time against the identified: counted the first time only
    PCollection<KV<String, List<MatchProfile>>> pairs =
        block(
            pipeline,
            BlockCandidates.uncounted(MatchUnlinkedEvidenceTest.settings(50)),
            50,
            List.of(booking(1, "ana@example.com"), booking(2, "rui@example.com")),
            List.of(payment(1, "ana@example.com")));
    assertThat(
            expectPair(pipeline, pairs, "unlinked:reservation:stripe:pi_1\nreservation:RW-200001"))
        .isEmpty();
  }

  @Test
  void aPairWhoseFirstBlockIsOversizedComesFromTheNextBlockThatHoldsIt() throws Exception {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    // three bookings under one shared mailbox: with max_block 3 the email block (four profiles)
    // is skipped, and only the amount on the day still brings the payment to booking 2
    PCollection<KV<String, List<MatchProfile>>> pairs =
        block(
            pipeline,
            BlockCandidates.counted(MatchUnlinkedEvidenceTest.settings(3)),
            3,
            List.of(
                booking(1, "office@example.com"),
                booking(2, "office@example.com"),
                booking(3, "office@example.com")),
            List.of(payment(2, "office@example.com")));
    assertThat(
            expectPair(pipeline, pairs, "unlinked:reservation:stripe:pi_2\nreservation:RW-200002"))
        .containsEntry("linking.reservation.block.customer_email.oversized_blocks", 1L);
  }
}
