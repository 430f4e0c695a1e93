package dev.salvage.pipeline.match;

import dev.salvage.mappings.LinkingSettings;
import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Link;
import dev.salvage.pipeline.match.MatchDecision.KeptOut;
import dev.salvage.pipeline.match.MatchDecision.Kind;
import dev.salvage.pipeline.reconcile.EntityModelFn;
import dev.salvage.pipeline.reconcile.MergeSettings;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
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
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * A piece kept from a record because an unlinked partner matched it better ({@link
 * AttachmentPolicy#preferPartner}) follows that partner's own decision: when the partner is
 * attached to a record, the piece is attached to it too. Each piece is decided alone, so without
 * this a booking's payment and calendar event that both lack the reference ended apart: the event
 * in the booking, the payment unlinked for preferring the event, the booking without its payment
 * and unflagged (an outside trial, 8 stays of 660).
 *
 * <p>The piece joins with the heavier of its weight against the partner and, when the record is the
 * one it matched itself, against that record; it is flagged for review below {@code link}, and
 * whenever the partner joined a record other than the one the piece matched on its own (the two
 * disagree, and a person decides). The partner's decision is its own, not one it took by following
 * another piece: one step, so a chain of preferences cannot carry a piece across bookings. A
 * partner that is not attached leaves the piece's decision as it was (a mutual pair becomes a new
 * entity, weighed again as a whole).
 *
 * <p>Cost: the decisions of attached pieces and of pieces kept out for a partner are grouped once
 * more by key (decisions, not records); every other decision passes through.
 */
final class FollowPartners
    extends PTransform<
        PCollection<KV<String, MatchDecision>>, PCollection<KV<String, MatchDecision>>> {
  private final MergeSettings settings;

  FollowPartners(MergeSettings settings) {
    this.settings = settings;
  }

  @Override
  public PCollection<KV<String, MatchDecision>> expand(
      PCollection<KV<String, MatchDecision>> decisions) {
    KvCoder<String, MatchDecision> decisionCoder =
        KvCoder.of(StringUtf8Coder.of(), MatchCoders.decision());
    TupleTag<KV<String, MatchDecision>> passing = new TupleTag<>() {};
    TupleTag<KV<String, MatchDecision>> attached = new TupleTag<>() {};
    TupleTag<KV<String, KV<String, MatchDecision>>> followers = new TupleTag<>() {};
    PCollectionTuple split =
        decisions.apply(
            "SplitFollowers",
            ParDo.of(new SplitFn(passing, attached, followers))
                .withOutputTags(passing, TupleTagList.of(attached).and(followers)));
    split.get(passing).setCoder(decisionCoder);
    split.get(attached).setCoder(decisionCoder);
    split.get(followers).setCoder(KvCoder.of(StringUtf8Coder.of(), decisionCoder));

    TupleTag<MatchDecision> partnerTag = new TupleTag<>() {};
    TupleTag<KV<String, MatchDecision>> followerTag = new TupleTag<>() {};
    PCollection<KV<String, MatchDecision>> followed =
        KeyedPCollectionTuple.of(partnerTag, split.get(attached))
            .and(followerTag, split.get(followers))
            .apply("JoinPartners", CoGroupByKey.create())
            .apply("Follow", ParDo.of(new FollowFn(settings, partnerTag, followerTag)))
            .setCoder(decisionCoder);
    return PCollectionList.of(split.get(passing))
        .and(followed)
        .apply("AllDecisions", Flatten.pCollections())
        .setCoder(decisionCoder);
  }

  /**
   * Every decision but a follower's passes through; an attachment also goes to the join, where its
   * followers find it; a follower goes there under its partner's key.
   */
  static final class SplitFn extends DoFn<KV<String, MatchDecision>, KV<String, MatchDecision>> {
    private final TupleTag<KV<String, MatchDecision>> passing;
    private final TupleTag<KV<String, MatchDecision>> attached;
    private final TupleTag<KV<String, KV<String, MatchDecision>>> followers;

    SplitFn(
        TupleTag<KV<String, MatchDecision>> passing,
        TupleTag<KV<String, MatchDecision>> attached,
        TupleTag<KV<String, KV<String, MatchDecision>>> followers) {
      this.passing = passing;
      this.attached = attached;
      this.followers = followers;
    }

    @ProcessElement
    public void process(@Element KV<String, MatchDecision> decision, MultiOutputReceiver out) {
      KeptOut keptOut = decision.getValue().keptOut();
      if (keptOut != null) {
        out.get(followers).output(KV.of(keptOut.partner(), decision));
        return;
      }
      out.get(passing).output(decision);
      if (decision.getValue().kind() == Kind.ATTACH) {
        out.get(attached).output(decision);
      }
    }
  }

  static final class FollowFn
      extends EntityModelFn<KV<String, CoGbkResult>, KV<String, MatchDecision>> {
    private final TupleTag<MatchDecision> partnerTag;
    private final TupleTag<KV<String, MatchDecision>> followerTag;

    FollowFn(
        MergeSettings settings,
        TupleTag<MatchDecision> partnerTag,
        TupleTag<KV<String, MatchDecision>> followerTag) {
      super(settings);
      this.partnerTag = partnerTag;
      this.followerTag = followerTag;
    }

    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> joined, OutputReceiver<KV<String, MatchDecision>> out) {
      MatchDecision partner = null;
      for (MatchDecision decision : joined.getValue().getAll(partnerTag)) {
        partner = decision;
      }
      List<KV<String, MatchDecision>> waiting = new ArrayList<>();
      joined.getValue().getAll(followerTag).forEach(waiting::add);
      for (KV<String, MatchDecision> follower : waiting) {
        String entity = follower.getKey().split(":", 3)[1];
        MatchDecision decision = follow(model().linking(entity), follower.getValue(), partner);
        if (decision != follower.getValue()) {
          Counts.add("linking." + entity + ".followed_partner", 1);
          if (decision.link().review()) {
            Counts.add("linking." + entity + ".followed_partner_for_review", 1);
          }
        }
        out.output(KV.of(follower.getKey(), decision));
      }
    }
  }

  /**
   * The decision of a piece kept out for {@code partner}'s sake, now that the partner's own
   * decision is known: attached where the partner was, or unchanged when the partner was not
   * attached.
   */
  static MatchDecision follow(
      LinkingSettings linking, MatchDecision kept, MatchDecision partnersDecision) {
    KeptOut keptOut = kept.keptOut();
    if (keptOut == null
        || partnersDecision == null
        || partnersDecision.kind() != Kind.ATTACH
        || linking == null) {
      return kept;
    }
    String record = partnersDecision.identified();
    boolean itsOwnCandidate = record.equals(keptOut.identified());
    Link byPartner = keptOut.partnerLink();
    Link best =
        itsOwnCandidate && keptOut.identifiedLink().weight() > byPartner.weight()
            ? keptOut.identifiedLink()
            : byPartner;
    boolean review = best.weight() < linking.link() || !itsOwnCandidate;
    String why =
        "following "
            + keptOut.partner()
            + ", which it matches better (weight "
            + byPartner.weight()
            + ") and which joined "
            + record
            + (itsOwnCandidate
                ? " (weight on its own "
                    + keptOut.identifiedLink().weight()
                    + ")"
                    + (review ? ", below the link threshold: review" : "")
                : ", where on its own it matched "
                    + keptOut.identified()
                    + " (weight "
                    + keptOut.identifiedLink().weight()
                    + "): review which it is");
    return new MatchDecision(
        Kind.ATTACH,
        record,
        new Link(List.of(), best.weight(), best.probability(), review, best.fields()),
        why,
        null,
        kept.doubted());
  }
}
