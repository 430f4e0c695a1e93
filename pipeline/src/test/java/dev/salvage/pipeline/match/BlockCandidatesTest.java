package dev.salvage.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.EntityModel;
import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.values.LinkKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Keys;
import org.apache.beam.sdk.util.CoderUtils;
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

  @Test
  void pairsCarryBothWholeProfilesFirstTheUnlinkedOne() throws Exception {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    List<String> fields = profiled(50);
    MatchProfile booking =
        MatchProfile.identified(booking(1, "ana@example.com"), fields, LinkKeys.exact());
    MatchProfile payment =
        MatchProfile.unlinked(payment(1, "ana@example.com"), fields, LinkKeys.exact());
    PCollection<KV<String, List<MatchProfile>>> pairs =
        block(
            pipeline,
            BlockCandidates.counted(MatchUnlinkedEvidenceTest.settings(50)),
            50,
            List.of(booking(1, "ana@example.com"), booking(2, "rui@example.com")),
            List.of(payment(1, "ana@example.com")));
    PAssert.that(pairs)
        .containsInAnyOrder(KV.of(payment.key() + "\n" + booking.key(), List.of(payment, booking)));
    pipeline.run().waitUntilFinish();
  }

  @Test
  void blocksAndDistinctPairsCarryKeysNotComparedValues() throws Exception {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    block(
        pipeline,
        BlockCandidates.counted(MatchUnlinkedEvidenceTest.settings(50)),
        50,
        List.of(booking(1, "ana@example.com")),
        List.of(payment(1, "ana@example.com")));
    Map<String, Coder<?>> shuffled = new HashMap<>();
    pipeline.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            for (String step : List.of("GroupBlocks", "DistinctPairs")) {
              if (("/" + node.getFullName() + "/").contains("/" + step + "/")
                  && !shuffled.containsKey(step)
                  && !node.getInputs().isEmpty()) {
                PCollection<?> input = (PCollection<?>) node.getInputs().values().iterator().next();
                shuffled.put(step, input.getCoder());
              }
            }
          }
        });
    // a block holds a profile's key, side and strong keys: its compared values (the email, the
    // amount) travel once, when a pair is joined to its profiles
    MatchProfile payment =
        MatchProfile.unlinked(payment(1, "ana@example.com"), profiled(50), LinkKeys.exact());
    assertThat(shuffled.get("GroupBlocks"))
        .isEqualTo(KvCoder.of(StringUtf8Coder.of(), BlockCandidates.MemberCoder.INSTANCE));
    String member =
        new String(
            CoderUtils.encodeToByteArray(
                BlockCandidates.MemberCoder.INSTANCE, BlockCandidates.Member.of(payment)),
            StandardCharsets.UTF_8);
    assertThat(member).contains(payment.key(), "pi_1").doesNotContain("ana@example.com");
    assertThat(shuffled.get("DistinctPairs").toString()).doesNotContain("MatchProfile");
  }
}
