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
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
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
 *
 * <p>It also flags the records whose sums count one payment together: a raw record (a charge) whose
 * same amount is added to a {@code sum} field of two or more records, as a checkout paying two
 * bookings does when its rule emits each booking with the charge's whole amount. Each sum then
 * holds the whole payment where it holds only its share, and nothing else said so: an outside
 * trial's 36 hut bookings paid by one checkout for two came out at confidence 1.0 with the
 * checkout's total.
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
    KvCoder<String, String> texts = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    PCollectionView<Map<String, Iterable<String>>> shared =
        input
            .get(RECORDS)
            .apply("SummedClaims", ParDo.of(new SummedClaimsFn(settings)))
            .setCoder(texts)
            .apply("SummedClaimsByPiece", GroupByKey.create())
            .apply("SummedInSeveral", ParDo.of(new SummedInSeveralFn()))
            .setCoder(texts)
            .apply("SummedInSeveralView", View.asMultimap());
    return input
        .get(RECORDS)
        .apply(
            "FlagSumsInDoubt",
            ParDo.of(new FlagFn(settings, doubts, shared)).withSideInputs(doubts, shared))
        .setCoder(ReconstructedRecordCoder.INSTANCE);
  }

  /**
   * The claims {@code record}'s {@code sum} fields added up, each keyed by its type, field, raw
   * record and value (joined by NUL characters) to the record's id: the backup's value and claims
   * no newer than it (which the sum leaves out) are not.
   */
  static List<KV<String, String>> summedClaims(
      EntityType type, ReconstructedRecord record, Instant backupTakenAt) {
    List<KV<String, String>> out = new ArrayList<>();
    type.merge()
        .forEach(
            (field, rule) -> {
              if (rule.strategy() != MergeStrategy.SUM || !record.fields().containsKey(field)) {
                return;
              }
              boolean backupHolds = record.backup() != null && record.backup().containsKey(field);
              Set<String> counted = new TreeSet<>();
              for (Evidence evidence : record.evidence()) {
                String value = evidence.claims().get(field);
                if (value == null
                    || Objects.equals(evidence.ref(), record.backupRef())
                    || !record.fields().get(field).sources().contains(evidence.ref())
                    || (backupHolds
                        && !Instant.parse(evidence.observedAt()).isAfter(backupTakenAt))) {
                  continue;
                }
                counted.add(String.join("\0", record.entity(), field, evidence.ref(), value));
              }
              counted.forEach(key -> out.add(KV.of(key, record.id())));
            });
    return out;
  }

  /**
   * Why {@code record} is flagged for a payment counted in other records too, one reason per claim:
   * {@code shared} holds, per such claim key, the ids of every record that counts it.
   */
  static List<String> countedElsewhere(ReconstructedRecord record, Iterable<String> shared) {
    List<String> reasons = new ArrayList<>();
    for (String line : shared) {
      String[] parts = line.split("\0", -1);
      // entity, field, ref, value, then the ids of the records counting it
      List<String> others = new ArrayList<>();
      for (int i = 4; i < parts.length; i++) {
        if (!parts[i].equals(record.id())) {
          others.add(parts[i]);
        }
      }
      reasons.add(
          parts[1]
              + ": "
              + parts[2]
              + " adds "
              + parts[3]
              + " to it, and the same "
              + parts[3]
              + " to the "
              + parts[1]
              + " of "
              + String.join(", ", others)
              + ": one payment for "
              + (others.size() + 1)
              + " "
              + parts[0]
              + " records (a checkout naming several) is counted whole in each, where each holds"
              + " its share; enter this "
              + parts[0]
              + "'s share in review, or approve it as it is if the payment paid each in full");
    }
    return reasons;
  }

  /** A sum's claims, keyed by what they claim (see {@link #summedClaims}). */
  static final class SummedClaimsFn extends EntityModelFn<ReconstructedRecord, KV<String, String>> {
    SummedClaimsFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(
        @Element ReconstructedRecord record, OutputReceiver<KV<String, String>> out) {
      EntityType type = model().type(record.entity());
      if (type == null
          || type.merge().values().stream().noneMatch(r -> r.strategy() == MergeStrategy.SUM)) {
        return;
      }
      summedClaims(type, record, settings().backupTakenAt()).forEach(out::output);
    }
  }

  /** Each record counting a claim that other records count too, with the claim and their ids. */
  static final class SummedInSeveralFn
      extends DoFn<KV<String, Iterable<String>>, KV<String, String>> {
    @ProcessElement
    public void process(
        @Element KV<String, Iterable<String>> claim, OutputReceiver<KV<String, String>> out) {
      Set<String> ids = new TreeSet<>();
      claim.getValue().forEach(ids::add);
      if (ids.size() < 2) {
        return;
      }
      String line = claim.getKey() + "\0" + String.join("\0", ids);
      ids.forEach(id -> out.output(KV.of(id, line)));
    }
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
    private final PCollectionView<Map<String, Iterable<String>>> shared;

    FlagFn(
        MergeSettings settings,
        PCollectionView<Map<String, Iterable<ReconstructedRecord>>> doubts,
        PCollectionView<Map<String, Iterable<String>>> shared) {
      super(settings);
      this.doubts = doubts;
      this.shared = shared;
    }

    @ProcessElement
    public void process(
        @Element ReconstructedRecord record,
        OutputReceiver<ReconstructedRecord> out,
        ProcessContext context) {
      Iterable<ReconstructedRecord> pieces = context.sideInput(doubts).get(record.id());
      List<String> reasons =
          new ArrayList<>(
              pieces == null
                  ? List.of()
                  : reasons(
                      model().type(record.entity()), record, pieces, settings().backupTakenAt()));
      Iterable<String> counted = context.sideInput(shared).get(record.id());
      if (counted != null) {
        reasons.addAll(countedElsewhere(record, counted));
      }
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
