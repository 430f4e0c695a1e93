package dev.salvage.pipeline.match;

import dev.salvage.mappings.LinkingSettings;
import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.beam.ReconstructedRecordCoder;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.reconcile.EntityModelFn;
import dev.salvage.pipeline.reconcile.MergeSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
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
import org.joda.time.Instant;

/**
 * The third round of matching: a lone piece of unlinked evidence that matched no identified record,
 * found no partner of its own and lacks a {@code new_entity} field to stand alone is weighed
 * against the NEW records made from pairs (after {@link MatchNewEntities}) that share a block with
 * it, by the same model, prior, thresholds and ambiguity rule as against identified records, and
 * joins the one it matches. A booking known to three sources without a key (a groomer's widget
 * mail, the calendar event, the charge made by hand at the door) pairs two of them in round one
 * (the mail and the event choose each other); the charge, whose best partner was taken, was never
 * weighed against the pair and stayed unlinked with a reason saying it had been weighed against
 * nothing.
 *
 * <p>The rules are those of attaching to an identified record: a piece joins at most one record; a
 * piece whose strong keys contradict the record's (a second payment, a second calendar event) is
 * refused in its block and never weighed; the joined record stays NEW, flagged, at the confidence
 * of its weakest link. Only lone pieces that were not kept off a record they matched (a
 * contradicting key, a better unlinked partner) are weighed: those keep their reason.
 *
 * <p>Cost: the lone incomplete pieces and the NEW records made from pairs are blocked together
 * (both few: evidence round one left over); blocks of NEW records alone emit no pair.
 *
 * <p>Input: {@link #NEW_RECORDS} and {@link #LONE} (keyed by unlinked profile key). Output: {@link
 * #RECORDS} (every NEW record, with the pieces it took) and {@link #UNLINKED} (every piece it did
 * not take, with a reason that says how it was weighed).
 */
final class MatchLonePieces extends PTransform<PCollectionTuple, PCollectionTuple> {
  static final TupleTag<ReconstructedRecord> NEW_RECORDS = new TupleTag<>() {};
  static final TupleTag<KV<String, ReconstructedRecord>> LONE = new TupleTag<>() {};

  static final TupleTag<ReconstructedRecord> RECORDS = new TupleTag<>() {};
  static final TupleTag<ReconstructedRecord> UNLINKED = new TupleTag<>() {};

  /** Counters of this round: {@code linking.<entity>.lone_to_new.attached} and so on. */
  static final String COUNTER_SCOPE = "lone_to_new.";

  private static final TupleTag<KV<String, Attachment>> ATTACHMENTS = new TupleTag<>() {};

  private final MergeSettings settings;
  private final PCollectionView<Map<String, MatchModel>> models;
  private final PCollectionView<Map<String, Long>> population;

  MatchLonePieces(
      MergeSettings settings,
      PCollectionView<Map<String, MatchModel>> models,
      PCollectionView<Map<String, Long>> population) {
    this.settings = settings;
    this.models = models;
    this.population = population;
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    ReconstructedRecordCoder recordCoder = ReconstructedRecordCoder.INSTANCE;
    PCollection<ReconstructedRecord> newRecords = input.get(NEW_RECORDS);
    PCollection<KV<String, ReconstructedRecord>> lone = input.get(LONE);

    PCollection<KV<String, List<MatchProfile>>> pairs =
        PCollectionList.of(
                newRecords
                    .apply(
                        "ProfileNewRecords",
                        ParDo.of(new MatchUnlinkedEvidence.ProfileFn(settings, true)))
                    .setCoder(MatchProfileCoder.INSTANCE))
            .and(
                lone.apply("ProfileLonePieces", ParDo.of(new ProfileLoneFn(settings)))
                    .setCoder(MatchProfileCoder.INSTANCE))
            .apply("LoneAndNewProfiles", Flatten.pCollections())
            .setCoder(MatchProfileCoder.INSTANCE)
            .apply("BlockLonePieces", BlockCandidates.uncounted(settings))
            // two lone pieces were weighed against each other in round one
            .apply(
                "WithNewRecordsOnly",
                Filter.by(
                    (KV<String, List<MatchProfile>> pair) -> pair.getValue().get(1).identified()))
            .setCoder(BlockCandidates.pairCoder());

    PCollection<KV<String, MatchDecision>> decided =
        pairs.apply(
            "DecideLonePieces", new DecideMatches(settings, models, population, COUNTER_SCOPE));

    TupleTag<ReconstructedRecord> pieceTag = new TupleTag<>() {};
    TupleTag<MatchDecision> decisionTag = new TupleTag<>() {};
    PCollectionTuple routed =
        KeyedPCollectionTuple.of(pieceTag, lone)
            .and(decisionTag, decided)
            .apply("JoinLoneDecisions", CoGroupByKey.create())
            .apply(
                "RouteLonePieces",
                ParDo.of(new RouteFn(settings, pieceTag, decisionTag))
                    .withOutputTags(ATTACHMENTS, TupleTagList.of(UNLINKED)));
    routed.get(ATTACHMENTS).setCoder(KvCoder.of(StringUtf8Coder.of(), MatchCoders.attachment()));
    routed.get(UNLINKED).setCoder(recordCoder);

    TupleTag<ReconstructedRecord> recordTag = new TupleTag<>() {};
    TupleTag<Attachment> attachmentTag = new TupleTag<>() {};
    PCollectionTuple joined =
        KeyedPCollectionTuple.of(
                recordTag,
                newRecords
                    .apply("KeyNewRecords", ParDo.of(new ApplyMatchDecisions.KeyIdentifiedFn()))
                    .setCoder(KvCoder.of(StringUtf8Coder.of(), recordCoder)))
            .and(attachmentTag, routed.get(ATTACHMENTS))
            .apply("JoinLoneAttachments", CoGroupByKey.create())
            .apply(
                "AttachLonePieces",
                ParDo.of(new AttachFn(settings, recordTag, attachmentTag))
                    .withOutputTags(RECORDS, TupleTagList.of(UNLINKED)));
    joined.get(RECORDS).setCoder(recordCoder);
    joined.get(UNLINKED).setCoder(recordCoder);

    PCollection<ReconstructedRecord> unlinked =
        PCollectionList.of(routed.get(UNLINKED))
            .and(joined.get(UNLINKED))
            .apply("LoneUnlinked", Flatten.pCollections())
            .setCoder(recordCoder);
    return PCollectionTuple.of(RECORDS, joined.get(RECORDS)).and(UNLINKED, unlinked);
  }

  /** The {@code new_entity} fields a lone piece lacks (it lacks one, or it would stand alone). */
  static List<String> missing(LinkingSettings linking, ReconstructedRecord piece) {
    return linking.newEntity().stream().filter(field -> piece.value(field) == null).toList();
  }

  /** {@code piece} left unlinked, its reason saying how it was weighed and what it lacks. */
  static ReconstructedRecord leftUnlinked(LinkingSettings linking, ReconstructedRecord piece) {
    Counts.add("linking." + piece.entity() + ".unmatched_incomplete", 1);
    return piece.withReason(ApplyMatchDecisions.unmatched(linking, piece, missing(linking, piece)));
  }

  static final class ProfileLoneFn
      extends EntityModelFn<KV<String, ReconstructedRecord>, MatchProfile> {
    ProfileLoneFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(
        @Element KV<String, ReconstructedRecord> piece, OutputReceiver<MatchProfile> out) {
      ReconstructedRecord record = piece.getValue();
      LinkingSettings linking = model().linking(record.entity());
      if (linking != null) {
        out.output(MatchProfile.unlinked(record, linking.profiled(), merger().linkKeys()));
      }
    }
  }

  /** A piece a NEW record matched goes to it as an attachment; any other stays unlinked. */
  static final class RouteFn
      extends EntityModelFn<KV<String, CoGbkResult>, KV<String, Attachment>> {
    private final TupleTag<ReconstructedRecord> pieceTag;
    private final TupleTag<MatchDecision> decisionTag;

    RouteFn(
        MergeSettings settings,
        TupleTag<ReconstructedRecord> pieceTag,
        TupleTag<MatchDecision> decisionTag) {
      super(settings);
      this.pieceTag = pieceTag;
      this.decisionTag = decisionTag;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> joined, MultiOutputReceiver out) {
      MatchDecision decision = null;
      for (MatchDecision d : joined.getValue().getAll(decisionTag)) {
        decision = d;
      }
      for (ReconstructedRecord piece : joined.getValue().getAll(pieceTag)) {
        LinkingSettings linking = model().linking(piece.entity());
        if (decision != null && decision.kind() == MatchDecision.Kind.ATTACH) {
          List<String> refs =
              piece.evidence().stream().map(ReconstructedRecord.Evidence::ref).toList();
          out.get(ATTACHMENTS).output(decision.attachment(piece, refs));
          continue;
        }
        // weighed against the NEW records sharing a block (the best below review, or two about
        // equal): its reason says so, so that it does not read as never weighed
        ReconstructedRecord weighed =
            decision == null || decision.reason() == null
                ? piece
                : piece.withReason(decision.reason());
        out.get(UNLINKED).output(leftUnlinked(linking, weighed));
      }
    }
  }

  /**
   * Folds the pieces a NEW record took into it; the record stays NEW and flagged (a person reviews
   * every new entity), its confidence that of its weakest link. A piece refused for naming another
   * key value than evidence attached before it goes back to the unlinked, saying so.
   */
  static final class AttachFn extends EntityModelFn<KV<String, CoGbkResult>, ReconstructedRecord> {
    private final TupleTag<ReconstructedRecord> recordTag;
    private final TupleTag<Attachment> attachmentTag;

    AttachFn(
        MergeSettings settings,
        TupleTag<ReconstructedRecord> recordTag,
        TupleTag<Attachment> attachmentTag) {
      super(settings);
      this.recordTag = recordTag;
      this.attachmentTag = attachmentTag;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> joined, MultiOutputReceiver out) {
      List<Attachment> attachments = new ArrayList<>();
      joined.getValue().getAll(attachmentTag).forEach(attachments::add);
      List<ReconstructedRecord> records = new ArrayList<>();
      joined.getValue().getAll(recordTag).forEach(records::add);
      if (records.isEmpty()) {
        for (Attachment attachment : attachments) {
          ReconstructedRecord piece = attachment.record();
          out.get(UNLINKED).output(leftUnlinked(model().linking(piece.entity()), piece));
        }
        return;
      }
      records.sort(Comparator.comparing(ReconstructedRecord::id));
      ReconstructedRecord record = records.get(0);
      if (!attachments.isEmpty()) {
        OutputReceiver<ReconstructedRecord> refused =
            new OutputReceiver<>() {
              @Override
              public void output(ReconstructedRecord piece) {
                out.get(UNLINKED).output(leftUnlinked(model().linking(piece.entity()), piece));
              }

              @Override
              public void outputWithTimestamp(ReconstructedRecord piece, Instant timestamp) {
                output(piece);
              }
            };
        ReconstructedRecord attached =
            // a NEW record made of paired pieces has no linked evidence to protect
            RecordAttacher.attach(merger(), record, attachments, refused, Counts.COUNTERS, false);
        if (attached != record) {
          // a NEW record's confidence is that of its weakest link (RecordAttacher.asNew); the
          // assembly's own is that of evidence without the type's keys, which says nothing here
          double weakest =
              attached.links().stream()
                  .mapToDouble(ReconstructedRecord.Link::probability)
                  .min()
                  .orElse(record.confidence());
          record =
              attached.toBuilder()
                  .action(record.action())
                  .flag()
                  .confidence(Math.min(record.confidence(), weakest))
                  .build();
        }
      }
      out.get(RECORDS).output(record);
      records.subList(1, records.size()).forEach(out.get(RECORDS)::output);
    }
  }
}
