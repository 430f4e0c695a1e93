package dev.salvage.pipeline.match;

import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.MergeStrategy;
import dev.salvage.pipeline.beam.ReconstructedRecordCoder;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.reconcile.EntityModelFn;
import dev.salvage.pipeline.reconcile.MergeSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Flags a record whose {@code sum} field may be short: a piece of evidence left unlinked claims
 * that field and had the record as a candidate (one of two bookings it matches about equally, the
 * booking a better unlinked partner took it from). Such a sum adds only what was linked, so without
 * the flag the missing payment would be lost silently; a piece that could belong to two records
 * leaves both sums in doubt. Input: the records, the pieces still unlinked and the matching
 * decisions keyed by unlinked profile key; output: the records, those in doubt flagged with the
 * pieces named.
 */
final class SumsInDoubt extends PTransform<PCollectionTuple, PCollection<ReconstructedRecord>> {
  static final TupleTag<ReconstructedRecord> RECORDS = new TupleTag<>() {};
  static final TupleTag<ReconstructedRecord> UNLINKED = new TupleTag<>() {};
  static final TupleTag<KV<String, MatchDecision>> DECISIONS = new TupleTag<>() {};

  private final MergeSettings settings;

  SumsInDoubt(MergeSettings settings) {
    this.settings = settings;
  }

  @Override
  public PCollection<ReconstructedRecord> expand(PCollectionTuple input) {
    KvCoder<String, ReconstructedRecord> keyed =
        KvCoder.of(StringUtf8Coder.of(), ReconstructedRecordCoder.INSTANCE);
    TupleTag<ReconstructedRecord> pieceTag = new TupleTag<>() {};
    TupleTag<MatchDecision> decisionTag = new TupleTag<>() {};
    PCollectionView<Map<String, Iterable<ReconstructedRecord>>> doubts =
        KeyedPCollectionTuple.of(
                pieceTag,
                input
                    .get(UNLINKED)
                    .apply("PiecesClaimingASum", ParDo.of(new ClaimingASumFn(settings)))
                    .setCoder(keyed))
            .and(
                decisionTag,
                input
                    .get(DECISIONS)
                    .apply("DecisionsWithCandidates", ParDo.of(new WithCandidatesFn()))
                    .setCoder(KvCoder.of(StringUtf8Coder.of(), MatchCoders.decision())))
            .apply("JoinPiecesAndCandidates", CoGroupByKey.create())
            .apply("ByCandidate", ParDo.of(new ByCandidateFn(pieceTag, decisionTag)))
            .setCoder(keyed)
            .apply("DoubtsView", View.asMultimap());
    return input
        .get(RECORDS)
        .apply("FlagSumsInDoubt", ParDo.of(new FlagFn(settings, doubts)).withSideInputs(doubts))
        .setCoder(ReconstructedRecordCoder.INSTANCE);
  }

  /**
   * Why {@code record}'s sums may be short, one reason per field: the {@code pieces} left unlinked
   * that had it as a candidate and claim a {@code sum} field of its type. A piece no newer than the
   * backup adds nothing to a sum the backup holds a value of (that value includes it), so it casts
   * no doubt there.
   */
  static List<String> reasons(
      EntityType type,
      ReconstructedRecord record,
      Iterable<ReconstructedRecord> pieces,
      Instant backupTakenAt) {
    List<String> reasons = new ArrayList<>();
    type.merge()
        .forEach(
            (field, rule) -> {
              if (rule.strategy() != MergeStrategy.SUM) {
                return;
              }
              boolean backupHolds = record.backup() != null && record.backup().containsKey(field);
              Set<String> refs = new LinkedHashSet<>();
              for (ReconstructedRecord piece : pieces) {
                for (Evidence evidence : piece.evidence()) {
                  if (evidence.claims().containsKey(field)
                      && (!backupHolds
                          || Instant.parse(evidence.observedAt()).isAfter(backupTakenAt))) {
                    refs.add(evidence.ref());
                  }
                }
              }
              if (!refs.isEmpty()) {
                reasons.add(
                    field
                        + " may be short: "
                        + String.join(", ", refs)
                        + ", left unlinked, "
                        + (refs.size() == 1 ? "claims" : "claim")
                        + " one too and had this "
                        + record.entity()
                        + " as a candidate (the reasons in unlinked.jsonl name the others);"
                        + " add it here if it is this "
                        + record.entity()
                        + "'s");
              }
            });
    return reasons;
  }

  /** Pieces of a type with a {@code sum} field that claim one, keyed as their decision is. */
  static final class ClaimingASumFn
      extends EntityModelFn<ReconstructedRecord, KV<String, ReconstructedRecord>> {
    ClaimingASumFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(
        @Element ReconstructedRecord piece, OutputReceiver<KV<String, ReconstructedRecord>> out) {
      EntityType type = model().type(piece.entity());
      boolean claims =
          type.merge().entrySet().stream()
              .anyMatch(
                  rule ->
                      rule.getValue().strategy() == MergeStrategy.SUM
                          && piece.evidence().stream()
                              .anyMatch(e -> e.claims().containsKey(rule.getKey())));
      if (claims) {
        out.output(KV.of(MatchProfile.unlinkedKey(piece), piece));
      }
    }
  }

  static final class WithCandidatesFn
      extends DoFn<KV<String, MatchDecision>, KV<String, MatchDecision>> {
    @ProcessElement
    public void process(
        @Element KV<String, MatchDecision> decision,
        OutputReceiver<KV<String, MatchDecision>> out) {
      if (!decision.getValue().doubted().isEmpty()) {
        out.output(decision);
      }
    }
  }

  static final class ByCandidateFn
      extends DoFn<KV<String, CoGbkResult>, KV<String, ReconstructedRecord>> {
    private final TupleTag<ReconstructedRecord> pieceTag;
    private final TupleTag<MatchDecision> decisionTag;

    ByCandidateFn(TupleTag<ReconstructedRecord> pieceTag, TupleTag<MatchDecision> decisionTag) {
      this.pieceTag = pieceTag;
      this.decisionTag = decisionTag;
    }

    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> joined,
        OutputReceiver<KV<String, ReconstructedRecord>> out) {
      Set<String> candidates = new LinkedHashSet<>();
      joined.getValue().getAll(decisionTag).forEach(d -> candidates.addAll(d.doubted()));
      for (ReconstructedRecord piece : joined.getValue().getAll(pieceTag)) {
        candidates.forEach(candidate -> out.output(KV.of(candidate, piece)));
      }
    }
  }

  static final class FlagFn extends EntityModelFn<ReconstructedRecord, ReconstructedRecord> {
    private final PCollectionView<Map<String, Iterable<ReconstructedRecord>>> doubts;

    FlagFn(
        MergeSettings settings,
        PCollectionView<Map<String, Iterable<ReconstructedRecord>>> doubts) {
      super(settings);
      this.doubts = doubts;
    }

    @ProcessElement
    public void process(
        @Element ReconstructedRecord record,
        OutputReceiver<ReconstructedRecord> out,
        ProcessContext context) {
      Iterable<ReconstructedRecord> pieces = context.sideInput(doubts).get(record.id());
      List<String> reasons =
          pieces == null
              ? List.of()
              : reasons(model().type(record.entity()), record, pieces, settings().backupTakenAt());
      if (reasons.isEmpty()) {
        out.output(record);
        return;
      }
      ReconstructedRecord.Builder flagged = record.toBuilder().flag();
      reasons.forEach(flagged::addReason);
      out.output(flagged.build());
    }
  }
}
