package dev.salvage.pipeline.match;

import dev.salvage.mappings.LinkingSettings;
import dev.salvage.pipeline.beam.ReconstructedRecordCoder;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.reconcile.EntityModelFn;
import dev.salvage.pipeline.reconcile.MergeClusters;
import dev.salvage.pipeline.reconcile.MergeSettings;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Attaches evidence that lacks its entity's identifying keys (a payment without the booking
 * reference, a calendar event without it) to an identified entity of the same type by
 * Fellegi-Sunter matching: blocking rules pick candidate pairs by grouping on blocking keys, each
 * pair is weighed field by field with m learned from pairs known to match and fitted by EM over the
 * candidates, and u from random pairs of identified records (different entities by construction),
 * and the best candidate is taken when it clears the entity type's thresholds and no runner-up
 * comes close. Only unlinked evidence is ever attached, to one identified entity, so two identified
 * entities are never merged. Entity types without a {@code linking:} section pass through.
 *
 * <p>Evidence that matches no identified entity (and is not ambiguous) can become a new entity when
 * the type's {@code new_entity} fields are set: it pairs with the one piece of such evidence it
 * matches best if that piece matches it best too (above {@code link}, no contradicting strong key,
 * clear of the runner-up), so groups cannot chain; a group (or lone piece) holding all the {@code
 * new_entity} fields becomes a NEW record flagged for review, the rest stays unlinked. A pair is
 * then weighed once more, as a whole, against the identified records ({@link MatchNewEntities}):
 * together its pieces may match a booking that neither matched alone.
 *
 * <p>Backup entities that no later evidence changed ({@link MergeClusters#CARRIED}, when given) are
 * weighed like identified records: a piece that matches one attaches to it and makes it UPDATED
 * when it is newer than the backup and says otherwise, or corroborates it (the record is not
 * written, as when the piece is linked by keys) when it is older or agrees; the rest are dropped
 * and counted as carried over.
 *
 * <p>A record with a {@code sum} field that a piece left unlinked would add to, and had as a
 * candidate, is flagged naming the piece ({@link SumsInDoubt}); so is a record that a piece kept
 * apart matches but for times that can move ({@link TimesInDoubt}).
 *
 * <p>Input: a tuple with {@link MergeClusters#RECORDS} and {@link MergeClusters#UNLINKED}.
 */
public final class MatchUnlinkedEvidence extends PTransform<PCollectionTuple, PCollectionTuple> {
  public static final TupleTag<ReconstructedRecord> RECORDS = new TupleTag<>() {};
  public static final TupleTag<ReconstructedRecord> UNLINKED = new TupleTag<>() {};

  /** How the reason of a piece two identified records match about equally starts. */
  static final String AMBIGUOUS = "ambiguous: ";

  /**
   * Whether {@code piece}, left unlinked, was so because two identified records matched it about
   * equally: the closing lines count them per type, since the table's UNLINKED column does not tell
   * them from pieces that matched nothing.
   */
  public static boolean leftAmbiguous(ReconstructedRecord piece) {
    return piece.reasons().stream().anyMatch(reason -> reason.startsWith(AMBIGUOUS));
  }

  /** How the reason of a piece that matched a record but contradicts its keys starts. */
  static final String MATCHED = "matched ";

  /** How the reason of a piece that matched another unlinked piece better starts. */
  static final String MATCHES_UNLINKED = "matches unlinked ";

  /**
   * Whether {@code piece} matched a record or another unlinked piece of its type at or above the
   * review threshold and was kept out for another reason (a contradicting key, too few fields to
   * stand as a new record): a piece of that type all the same.
   */
  public static boolean leftMatched(ReconstructedRecord piece) {
    return piece.reasons().stream()
        .anyMatch(reason -> reason.startsWith(MATCHED) || reason.startsWith(MATCHES_UNLINKED));
  }

  /** How the reason of a piece no identified record matched well enough starts. */
  static final String BELOW_THRESHOLD = "no match above the review threshold ";

  /** What that reason says, in its parentheses, when no record shared a block with the piece. */
  static final String NO_CANDIDATE = "no candidate";

  /**
   * Whether {@code piece} was weighed against identified records sharing a block with it and none
   * reached the review threshold.
   */
  public static boolean weighedBelowThreshold(ReconstructedRecord piece) {
    return leftBelowThreshold(piece, false);
  }

  /**
   * Whether {@code piece} was left unmatched because no identified record shared a block with it.
   */
  public static boolean sharedNoBlock(ReconstructedRecord piece) {
    return leftBelowThreshold(piece, true);
  }

  private static boolean leftBelowThreshold(ReconstructedRecord piece, boolean withoutCandidate) {
    return piece.reasons().stream()
        .anyMatch(
            reason ->
                reason.startsWith(BELOW_THRESHOLD)
                    && reason.contains("(" + NO_CANDIDATE + ")") == withoutCandidate);
  }

  private final MergeSettings settings;

  public MatchUnlinkedEvidence(MergeSettings settings) {
    this.settings = settings;
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    // backup entities nothing changed are candidates too: evidence without the keys may be theirs
    PCollection<ReconstructedRecord> identified =
        input.has(MergeClusters.CARRIED)
            ? PCollectionList.of(input.get(MergeClusters.RECORDS))
                .and(input.get(MergeClusters.CARRIED))
                .apply("IdentifiedAndCarried", Flatten.pCollections())
                .setCoder(ReconstructedRecordCoder.INSTANCE)
            : input.get(MergeClusters.RECORDS);
    PCollection<ReconstructedRecord> unlinked = input.get(MergeClusters.UNLINKED);

    PCollection<MatchProfile> identifiedProfiles =
        identified
            .apply("ProfileIdentified", ParDo.of(new ProfileFn(settings, true)))
            .setCoder(MatchProfileCoder.INSTANCE);
    PCollection<MatchProfile> profiles =
        PCollectionList.of(identifiedProfiles)
            .and(
                unlinked
                    .apply("ProfileUnlinked", ParDo.of(new ProfileFn(settings, false)))
                    .setCoder(MatchProfileCoder.INSTANCE))
            .apply("AllProfiles", Flatten.pCollections())
            .setCoder(MatchProfileCoder.INSTANCE);

    PCollectionView<List<MatchProfile>> sample =
        profiles
            .apply("SampleForU", new UEstimate.SampleEachType())
            .apply("SampleView", View.asSingleton());

    PCollection<KV<String, List<MatchProfile>>> pairs =
        profiles.apply("BlockCandidates", BlockCandidates.counted(settings));

    PCollection<KV<ReconstructedRecord, ReconstructedRecord>> heldOut =
        input.has(MergeClusters.HELD_OUT)
            ? input.get(MergeClusters.HELD_OUT)
            : input
                .getPipeline()
                .apply(
                    "NoneHeldOut",
                    Create.empty(
                        KvCoder.of(
                            ReconstructedRecordCoder.INSTANCE, ReconstructedRecordCoder.INSTANCE)));
    PCollectionView<Map<String, Long>> population =
        profiles
            .apply("PopulationKeys", ParDo.of(new PopulationKeyFn()))
            .setCoder(StringUtf8Coder.of())
            .apply("CountPopulation", Count.perElement())
            .apply("PopulationView", View.asMap());

    PCollectionView<Map<String, MatchModel>> models =
        pairs.apply(
            "FitMatchModels", new FitMatchModels(settings, sample, heldOut, unlinked, population));

    PCollection<KV<String, MatchDecision>> decided =
        pairs
            .apply("DecideMatches", new DecideMatches(settings, models, population, ""))
            // a piece kept out for a better unlinked partner goes where its partner went
            .apply("FollowPartners", new FollowPartners(settings));

    PCollectionTuple applied =
        PCollectionTuple.of(ApplyMatchDecisions.IDENTIFIED, identified)
            .and(ApplyMatchDecisions.UNLINKED_IN, unlinked)
            .and(ApplyMatchDecisions.DECISIONS, decided)
            .and(ApplyMatchDecisions.IDENTIFIED_PROFILES, identifiedProfiles)
            .apply("ApplyMatchDecisions", new ApplyMatchDecisions(settings, models, population));

    // a sum adds only what was linked: a piece left unlinked that would add to it casts doubt on
    // the records it had as candidates
    PCollection<ReconstructedRecord> records =
        PCollectionTuple.of(SumsInDoubt.RECORDS, applied.get(RECORDS))
            .and(SumsInDoubt.UNLINKED, applied.get(UNLINKED))
            .and(SumsInDoubt.DECISIONS, decided)
            .apply("SumsInDoubt", new SumsInDoubt(settings));
    // a piece that matches a record but for times that can move may show a move the record lacks
    PCollection<ReconstructedRecord> checked =
        PCollectionTuple.of(TimesInDoubt.RECORDS, records)
            .and(TimesInDoubt.DECISIONS, decided)
            .apply("TimesInDoubt", new TimesInDoubt(settings));
    return PCollectionTuple.of(RECORDS, checked).and(UNLINKED, applied.get(UNLINKED));
  }

  /** The comparable values and keys of a record of a type that has a {@code linking:} section. */
  static final class ProfileFn extends EntityModelFn<ReconstructedRecord, MatchProfile> {
    private final boolean identified;

    ProfileFn(MergeSettings settings, boolean identified) {
      super(settings);
      this.identified = identified;
    }

    @ProcessElement
    public void process(@Element ReconstructedRecord record, OutputReceiver<MatchProfile> out) {
      LinkingSettings linking = model().linking(record.entity());
      if (linking == null) {
        return;
      }
      out.output(
          identified
              ? MatchProfile.identified(record, linking.profiled(), merger().linkKeys())
              : MatchProfile.unlinked(record, linking.profiled(), merger().linkKeys()));
    }
  }

  /** Keys a profile by what it can be compared with: identified or unlinked of its type. */
  static final class PopulationKeyFn extends DoFn<MatchProfile, String> {
    @ProcessElement
    public void process(@Element MatchProfile profile, OutputReceiver<String> out) {
      out.output(PopulationPrior.populationKey(profile.entity(), profile.identified()));
    }
  }
}
