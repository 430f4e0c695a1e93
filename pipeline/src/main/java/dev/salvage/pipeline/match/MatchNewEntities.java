package dev.salvage.pipeline.match;

import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.beam.ReconstructedRecordCoder;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.reconcile.EntityModelFn;
import dev.salvage.pipeline.reconcile.MergeSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The second round of matching: a new entity formed from two pieces of unlinked evidence is
 * weighed, as a whole, against the identified records, and joins the one it matches by the same
 * thresholds as a single piece. Each piece alone may say too little: a booking's payment and its
 * calendar event, neither with the reference, pair with each other, while the booking is identified
 * only by a customer's mail quoting its reference, which says the customer's email and nothing
 * else. The payment matched that mail a little (the email) but its event much more, so round one
 * paired them; together they match the mail's booking and no other of that customer (those disagree
 * on car and dates), so they join it instead of standing as a second record of the same booking.
 *
 * <p>Only pairs are weighed again: a lone piece is its own profile, already weighed in round one.
 * Identified records reach the blocks only when they share a block key with some new entity, so
 * this round shuffles the few new entities and their neighbours, not every identified record.
 *
 * <p>Input: {@link #NEW_ENTITIES} (complete pairs, keyed by their unlinked profile key) and {@link
 * #IDENTIFIED_PROFILES}. Output: {@link #ATTACHMENTS} (keyed by the identified record's id), the
 * rest as NEW records in {@link #RECORDS}; its counters are Beam counters ({@link Counts#add}).
 */
final class MatchNewEntities extends PTransform<PCollectionTuple, PCollectionTuple> {
  static final TupleTag<KV<String, ReconstructedRecord>> NEW_ENTITIES = new TupleTag<>() {};
  static final TupleTag<MatchProfile> IDENTIFIED_PROFILES = new TupleTag<>() {};

  static final TupleTag<KV<String, Attachment>> ATTACHMENTS = new TupleTag<>() {};
  static final TupleTag<ReconstructedRecord> RECORDS = new TupleTag<>() {};

  /** Counters of this round: {@code linking.<entity>.new_entity.attached} and so on. */
  static final String COUNTER_SCOPE = "new_entity.";

  private final MergeSettings settings;
  private final PCollectionView<Map<String, MatchModel>> models;
  private final PCollectionView<Map<String, Long>> population;

  MatchNewEntities(
      MergeSettings settings,
      PCollectionView<Map<String, MatchModel>> models,
      PCollectionView<Map<String, Long>> population) {
    this.settings = settings;
    this.models = models;
    this.population = population;
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    PCollection<KV<String, ReconstructedRecord>> entities = input.get(NEW_ENTITIES);
    PCollection<MatchProfile> entityProfiles =
        entities
            .apply("ProfileNewEntities", ParDo.of(new ProfileFn(settings)))
            .setCoder(MatchProfileCoder.INSTANCE);

    PCollectionView<Map<String, Long>> theirBlocks =
        entityProfiles
            .apply("TheirBlockKeys", ParDo.of(new BlockKeysFn(settings)))
            .setCoder(StringUtf8Coder.of())
            .apply("DistinctBlockKeys", Count.perElement())
            .apply("BlockKeysView", View.asMap());
    PCollection<MatchProfile> neighbours =
        input
            .get(IDENTIFIED_PROFILES)
            .apply(
                "IdentifiedInTheirBlocks",
                ParDo.of(new SharesABlockFn(settings, theirBlocks)).withSideInputs(theirBlocks))
            .setCoder(MatchProfileCoder.INSTANCE);

    // the blocking counts are round one's; this round only counts its decisions
    PCollection<KV<String, List<MatchProfile>>> pairs =
        PCollectionList.of(neighbours)
            .and(entityProfiles)
            .apply("ProfilesToBlock", Flatten.pCollections())
            .setCoder(MatchProfileCoder.INSTANCE)
            .apply("BlockNewEntities", BlockCandidates.uncounted(settings))
            .apply(
                "WithIdentifiedOnly",
                Filter.by(
                    (KV<String, List<MatchProfile>> pair) -> pair.getValue().get(1).identified()))
            .setCoder(BlockCandidates.pairCoder());

    PCollection<KV<String, MatchDecision>> decided =
        pairs.apply(
            "DecideNewEntities", new DecideMatches(settings, models, population, COUNTER_SCOPE));

    TupleTag<ReconstructedRecord> entityTag = new TupleTag<>() {};
    TupleTag<MatchDecision> decisionTag = new TupleTag<>() {};
    PCollectionTuple resolved =
        KeyedPCollectionTuple.of(entityTag, entities)
            .and(decisionTag, decided)
            .apply("JoinNewEntityDecisions", CoGroupByKey.create())
            .apply(
                "AttachOrStandAlone",
                ParDo.of(new AttachOrStandAloneFn(entityTag, decisionTag))
                    .withOutputTags(ATTACHMENTS, TupleTagList.of(RECORDS)));
    resolved.get(ATTACHMENTS).setCoder(KvCoder.of(StringUtf8Coder.of(), MatchCoders.attachment()));
    resolved.get(RECORDS).setCoder(ReconstructedRecordCoder.INSTANCE);

    return PCollectionTuple.of(ATTACHMENTS, resolved.get(ATTACHMENTS))
        .and(RECORDS, resolved.get(RECORDS));
  }

  static final class ProfileFn
      extends EntityModelFn<KV<String, ReconstructedRecord>, MatchProfile> {
    ProfileFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(
        @Element KV<String, ReconstructedRecord> entity, OutputReceiver<MatchProfile> out) {
      ReconstructedRecord record = entity.getValue();
      out.output(
          MatchProfile.unlinked(
              record, model().linking(record.entity()).profiled(), merger().linkKeys()));
    }
  }

  static final class BlockKeysFn extends EntityModelFn<MatchProfile, String> {
    BlockKeysFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(@Element MatchProfile profile, OutputReceiver<String> out) {
      BlockCandidates.blockKeys(model(), profile).forEach(out::output);
    }
  }

  /** Keeps an identified profile that shares at least one block with some new entity. */
  static final class SharesABlockFn extends EntityModelFn<MatchProfile, MatchProfile> {
    private final PCollectionView<Map<String, Long>> theirBlocks;

    SharesABlockFn(MergeSettings settings, PCollectionView<Map<String, Long>> theirBlocks) {
      super(settings);
      this.theirBlocks = theirBlocks;
    }

    @ProcessElement
    public void process(
        @Element MatchProfile profile, OutputReceiver<MatchProfile> out, ProcessContext context) {
      Map<String, Long> blocks = context.sideInput(theirBlocks);
      if (blocks.isEmpty()) {
        return;
      }
      if (BlockCandidates.blockKeys(model(), profile).stream().anyMatch(blocks::containsKey)) {
        out.output(profile);
      }
    }
  }

  /**
   * A new entity that matched an identified record goes to it as one attachment, its own pairing
   * link kept (the new link weighs the whole entity and names the piece the pairing link does not);
   * any other stands as a NEW record, flagged, saying so when two records matched it about equally.
   */
  static final class AttachOrStandAloneFn
      extends DoFn<KV<String, CoGbkResult>, KV<String, Attachment>> {
    private final TupleTag<ReconstructedRecord> entityTag;
    private final TupleTag<MatchDecision> decisionTag;

    AttachOrStandAloneFn(
        TupleTag<ReconstructedRecord> entityTag, TupleTag<MatchDecision> decisionTag) {
      this.entityTag = entityTag;
      this.decisionTag = decisionTag;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> joined, MultiOutputReceiver out) {
      MatchDecision decision = null;
      for (MatchDecision d : joined.getValue().getAll(decisionTag)) {
        decision = d;
      }
      for (ReconstructedRecord entity : joined.getValue().getAll(entityTag)) {
        String prefix = "linking." + entity.entity() + ".";
        if (decision != null && decision.kind() == MatchDecision.Kind.ATTACH) {
          // the link names the pieces its own pairing link does not, so that each piece of
          // evidence is named by exactly one link of the record it joins
          Set<String> paired = new HashSet<>();
          entity.links().forEach(own -> paired.addAll(own.evidence()));
          List<String> refs =
              entity.evidence().stream()
                  .map(ReconstructedRecord.Evidence::ref)
                  .filter(ref -> !paired.contains(ref))
                  .toList();
          out.get(ATTACHMENTS).output(decision.attachment(entity, refs));
          continue;
        }
        ReconstructedRecord standing =
            decision != null && decision.ambiguous()
                ? entity.withReason(decision.reason())
                : entity;
        out.get(RECORDS).output(RecordAttacher.asNew(standing));
        Counts.add(prefix + "new_entities", 1);
        Counts.add(prefix + "new_entities_paired", 1);
      }
    }
  }
}
