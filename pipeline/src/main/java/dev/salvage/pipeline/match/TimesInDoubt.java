package dev.salvage.pipeline.match;

import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.FieldType;
import dev.salvage.mappings.LinkingSettings;
import dev.salvage.mappings.MergeStrategy;
import dev.salvage.pipeline.beam.ReconstructedRecordCoder;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Contribution;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Link;
import dev.salvage.pipeline.reconcile.EntityModelFn;
import dev.salvage.pipeline.reconcile.MergeSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Flags a record that a piece of evidence left apart matches but for times that can move: a
 * calendar event with the booking's customer, email and course on other dates, whose move mail is
 * lost. The piece stands as a flagged new record or stays unlinked, and without this flag the
 * booking would go into the database unflagged with its old dates (an outside trial: two of them).
 * A time can move when it is compared as a time and not merged by {@code earliest} (a booking's
 * {@code booked_at} does not move, so a piece booked at another time is another booking). The piece
 * must match the record, weighed without those times, at least at the review threshold. Input: the
 * records and the matching decisions; a backup row nothing changed is not written, so only the
 * piece is flagged then.
 */
final class TimesInDoubt extends PTransform<PCollectionTuple, PCollection<ReconstructedRecord>> {
  static final TupleTag<ReconstructedRecord> RECORDS = new TupleTag<>() {};
  static final TupleTag<KV<String, MatchDecision>> DECISIONS = new TupleTag<>() {};

  private final MergeSettings settings;

  TimesInDoubt(MergeSettings settings) {
    this.settings = settings;
  }

  @Override
  public PCollection<ReconstructedRecord> expand(PCollectionTuple input) {
    PCollectionView<Map<String, Iterable<KV<String, String>>>> doubts =
        input
            .get(DECISIONS)
            .apply("ApartOnlyInTimes", ParDo.of(new ApartOnlyInTimesFn(settings)))
            .setCoder(
                KvCoder.of(
                    StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
            .apply("TimeDoubtsView", View.asMultimap());
    return input
        .get(RECORDS)
        .apply("FlagTimesInDoubt", ParDo.of(new FlagFn(doubts)).withSideInputs(doubts))
        .setCoder(ReconstructedRecordCoder.INSTANCE);
  }

  /**
   * Why the best candidate of {@code piece} (its unlinked key) may hold stale times, or null when
   * the link is apart in other ways too, in no time that can move, or too far apart without them.
   */
  static String reason(EntityType type, LinkingSettings linking, String piece, Link link) {
    List<Contribution> moved = new ArrayList<>();
    double without = link.weight();
    for (Contribution contribution : link.fields()) {
      if (contribution.weight() < 0 && canMove(type, contribution.field())) {
        moved.add(contribution);
        without -= contribution.weight();
      }
    }
    if (moved.isEmpty() || without < linking.review()) {
      return null;
    }
    List<String> fields = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Contribution contribution : moved) {
      fields.add(contribution.field());
      values.add(
          contribution.field()
              + " "
              + contribution.a()
              + " where this "
              + type.name()
              + " has "
              + contribution.b());
    }
    return String.join(", ", fields)
        + " may be stale: "
        + piece
        + ", kept apart, matches this "
        + type.name()
        + " but for its times ("
        + String.join("; ", values)
        + "), weighing "
        + Math.round(without * 100) / 100.0
        + " without them (review threshold "
        + linking.review()
        + "): if it is this "
        + type.name()
        + ", one of the two was moved after the other was written; check both (the piece is"
        + " in unlinked.jsonl or a new record of its own)";
  }

  private static boolean canMove(EntityType type, String field) {
    FieldType fieldType = type.fields().get(field);
    return fieldType != null
        && FieldComparison.of(fieldType) == FieldComparison.TIME
        && type.mergeRule(field).strategy() != MergeStrategy.EARLIEST;
  }

  /** The unlinked key's entity and first piece: {@code unlinked:<entity>:<piece>}. */
  private static String[] entityAndPiece(String unlinkedKey) {
    String rest = unlinkedKey.substring(unlinkedKey.indexOf(':') + 1);
    int colon = rest.indexOf(':');
    return new String[] {rest.substring(0, colon), rest.substring(colon + 1)};
  }

  /**
   * Each decision's best candidate that the piece matches but for its times, with the piece and
   * why.
   */
  static final class ApartOnlyInTimesFn
      extends EntityModelFn<KV<String, MatchDecision>, KV<String, KV<String, String>>> {
    ApartOnlyInTimesFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(
        @Element KV<String, MatchDecision> decision,
        OutputReceiver<KV<String, KV<String, String>>> out) {
      MatchDecision.Nearest nearest = decision.getValue().nearest();
      if (nearest == null || !decision.getKey().startsWith("unlinked:")) {
        return;
      }
      String[] entityAndPiece = entityAndPiece(decision.getKey());
      LinkingSettings linking = model().linking(entityAndPiece[0]);
      if (linking == null) {
        return;
      }
      String reason =
          reason(model().type(entityAndPiece[0]), linking, entityAndPiece[1], nearest.link());
      if (reason != null) {
        out.output(KV.of(nearest.identified(), KV.of(entityAndPiece[1], reason)));
      }
    }
  }

  static final class FlagFn extends DoFn<ReconstructedRecord, ReconstructedRecord> {
    private final PCollectionView<Map<String, Iterable<KV<String, String>>>> doubts;

    FlagFn(PCollectionView<Map<String, Iterable<KV<String, String>>>> doubts) {
      this.doubts = doubts;
    }

    @ProcessElement
    public void process(
        @Element ReconstructedRecord record,
        OutputReceiver<ReconstructedRecord> out,
        ProcessContext context) {
      Iterable<KV<String, String>> doubted = context.sideInput(doubts).get(record.id());
      if (doubted == null) {
        out.output(record);
        return;
      }
      ReconstructedRecord.Builder flagged = null;
      for (KV<String, String> pieceAndReason : doubted) {
        String piece = pieceAndReason.getKey();
        // the piece may have joined the record after all, weighed with a partner as a whole
        if (record.evidence().stream().anyMatch(evidence -> evidence.piece().equals(piece))) {
          continue;
        }
        flagged = flagged == null ? record.toBuilder().flag() : flagged;
        flagged.addReason(pieceAndReason.getValue());
      }
      out.output(flagged == null ? record : flagged.build());
    }
  }
}
