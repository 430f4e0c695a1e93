package dev.salvage.pipeline.match;

import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Alternative;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Link;
import dev.salvage.pipeline.reconcile.EntityMerger;
import dev.salvage.pipeline.reconcile.Keys;
import dev.salvage.pipeline.reconcile.StableIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.transforms.DoFn.OutputReceiver;
import org.apache.beam.sdk.values.KV;

/**
 * Folds unlinked evidence that matched a record into it. The record is merged again with the
 * attached evidence by the same {@link EntityMerger} that merges exact-key clusters, so its values,
 * changes and action are what they would be had the evidence been linked by keys; what is added
 * here is how it was linked: each attachment is a {@link Link}, the record's confidence becomes
 * that of its weakest link, and a link below the {@code link} threshold flags it for review.
 */
final class RecordAttacher {
  private RecordAttacher() {}

  /**
   * Evidence that matched no identified record, made a record of its own: NEW, flagged for review,
   * with an id hashed from its strong keys, or from its pieces of evidence when it has none (stable
   * across reruns).
   */
  static ReconstructedRecord asNew(ReconstructedRecord record, double confidence) {
    return asNew(record, confidence, "matches no identified one");
  }

  /**
   * {@code record} made a NEW record of its own, as {@link #asNew(ReconstructedRecord, double)},
   * its reason saying why in {@code why} ("matches no identified one").
   */
  static ReconstructedRecord asNew(ReconstructedRecord record, double confidence, String why) {
    StringBuilder identity = new StringBuilder(record.entity()).append("|unmatched");
    record
        .keys()
        .forEach((name, values) -> identity.append('|').append(name).append('=').append(values));
    if (record.keys().isEmpty()) {
      // evidence without any strong key (a class session's attendee) is told apart by its pieces:
      // new records must not share an id, which review and import address them by
      new TreeSet<>(record.evidence().stream().map(Evidence::piece).toList())
          .forEach(piece -> identity.append('|').append(piece));
    }
    return record.toBuilder()
        .id(StableIds.newId(record.entity(), identity.toString()))
        .action(Action.NEW)
        .confidence(confidence)
        .flag()
        .backup(null, null)
        .changes(List.of())
        .addReason(
            "new "
                + record.entity()
                + " from evidence that "
                + why
                + " ("
                + String.join(", ", record.evidence().stream().map(Evidence::ref).toList())
                + "): review before import")
        .build();
  }

  /**
   * A new entity formed by matching, made a record of its own: its confidence is that of the link
   * that paired its pieces (0.5 for a lone piece, which nothing vouches for).
   */
  static ReconstructedRecord asNew(ReconstructedRecord formed) {
    return asNew(formed, formed.links().stream().mapToDouble(Link::probability).min().orElse(0.5));
  }

  /**
   * {@code record} with the evidence of {@code attachments}, heaviest link first; an attachment
   * whose strong keys contradict those already in the record is refused and sent to {@code refused}
   * with the reason, which the caller completes with what becomes of it.
   */
  static ReconstructedRecord attach(
      EntityMerger merger,
      ReconstructedRecord record,
      List<Attachment> attachments,
      OutputReceiver<ReconstructedRecord> refused,
      OutputReceiver<KV<String, Long>> counts) {
    return attach(merger, record, attachments, refused, counts, true);
  }

  /**
   * As {@link #attach(EntityMerger, ReconstructedRecord, List, OutputReceiver, OutputReceiver)},
   * which protects; with {@code protect}, the record is one its own linked evidence made (keys),
   * and an attachment below the {@code link} threshold fills fields it lacks but changes none of
   * the values it already had, or that attachments at or above {@code link} give it: the differing
   * claim is kept as an alternative and the reason names the piece and the value it would have
   * changed ({@link #keepLinkedValues}). A record made only of review-level pieces (two unlinked
   * pieces paired, a lone piece joining such a pair) has nothing linked to protect and merges as
   * before.
   */
  static ReconstructedRecord attach(
      EntityMerger merger,
      ReconstructedRecord record,
      List<Attachment> attachments,
      OutputReceiver<ReconstructedRecord> refused,
      OutputReceiver<KV<String, Long>> counts,
      boolean protect) {
    if (attachments.isEmpty()) {
      return record;
    }
    List<Attachment> ordered = new ArrayList<>(attachments);
    ordered.sort(
        Comparator.comparingDouble((Attachment a) -> -a.link().weight())
            .thenComparing(a -> a.link().evidence().toString()));
    Map<String, Set<String>> keys = Keys.sets(record.keys());
    String prefix = "linking." + record.entity() + ".";
    List<ReconstructedRecord> accepted = new ArrayList<>();
    List<ReconstructedRecord> linked = new ArrayList<>();
    List<Attachment> forReview = new ArrayList<>();
    List<Link> links = new ArrayList<>(record.links());
    List<String> reasons = new ArrayList<>();
    double confidence = 1.0;
    boolean review = false;
    for (Attachment attachment : ordered) {
      ReconstructedRecord extra = attachment.record();
      String conflict = Keys.contradicting(merger.linkKeys(), record.entity(), keys, extra.keys());
      if (conflict != null) {
        refused.output(
            extra.withReason(
                MatchUnlinkedEvidence.MATCHED
                    + record.id()
                    + " (weight "
                    + attachment.link().weight()
                    + ") but names another "
                    + conflict
                    + " than evidence already attached"));
        counts.output(Counts.of(prefix + "refused_attachment_conflict", 1));
        continue;
      }
      Keys.addAll(keys, extra.keys());
      accepted.add(extra);
      if (attachment.link().review()) {
        forReview.add(attachment);
      } else {
        linked.add(extra);
      }
      // a new entity joining as a whole brings the link that paired its pieces
      List<Link> brought = new ArrayList<>();
      brought.add(attachment.link());
      brought.addAll(extra.links());
      for (Link link : brought) {
        links.add(link);
        review |= link.review();
        confidence = Math.min(confidence, link.probability());
        // an attachment is reviewed when it weighs less than link; pieces paired into a new entity
        // always are, whatever their weight
        String why =
            link == attachment.link()
                ? " (below the link threshold: review)"
                : " (pieces paired into a new record: review)";
        reasons.add(
            "attached "
                // one input record's several emits (a charge and its refund) are one piece
                + String.join(", ", new LinkedHashSet<>(link.evidence()))
                + " by probabilistic match, weight "
                + link.weight()
                // a piece that followed its partner says itself why it is reviewed
                + (link == attachment.link() && attachment.why() != null
                    ? ", " + attachment.why()
                    : link.review() ? why : ""));
      }
      counts.output(Counts.of(prefix + "attached_evidence", extra.evidence().size()));
    }
    if (accepted.isEmpty()) {
      return record;
    }
    ReconstructedRecord merged = merger.mergeInto(record, accepted);
    if (protect && !forReview.isEmpty()) {
      ReconstructedRecord base = linked.isEmpty() ? record : merger.mergeInto(record, linked);
      merged = keepLinkedValues(merger, base, merged, forReview);
    }
    ReconstructedRecord.Builder builder =
        merged.toBuilder().links(links).confidence(Math.min(merged.confidence(), confidence));
    reasons.forEach(builder::addReason);
    if (review) {
      builder.flag();
    }
    return builder.build();
  }

  /**
   * {@code merged} with every value {@code base} (the record with its linked evidence) had and the
   * merge changed set back to {@code base}'s: a piece attached only for review, below the {@code
   * link} threshold, is not trusted to overrule what the record's linked evidence agreed on (an
   * owner's block on a channel calendar, newer than the booking mail, matched to a stay of the day
   * before would otherwise move the stay's dates). The value it won with is kept as an alternative,
   * and the reason names the piece, its weight and the value kept; changes against the backup are
   * compared again ({@link EntityMerger#withResolvedField}).
   */
  static ReconstructedRecord keepLinkedValues(
      EntityMerger merger,
      ReconstructedRecord base,
      ReconstructedRecord merged,
      List<Attachment> forReview) {
    ReconstructedRecord result = merged;
    for (Map.Entry<String, FieldValue> entry : base.fields().entrySet()) {
      String field = entry.getKey();
      FieldValue kept = entry.getValue();
      FieldValue won = merged.fields().get(field);
      if (kept == null || won == null || kept.value().equals(won.value())) {
        continue;
      }
      List<String> claimedBy = new ArrayList<>();
      for (Attachment attachment : forReview) {
        Set<String> refs = new LinkedHashSet<>();
        for (Evidence evidence : attachment.record().evidence()) {
          if (won.sources().contains(evidence.ref())) {
            refs.add(evidence.ref());
          }
        }
        if (!refs.isEmpty()) {
          claimedBy.add(
              String.join(", ", refs)
                  + " (attached for review, weight "
                  + attachment.link().weight()
                  + ")");
        }
      }
      String by =
          claimedBy.isEmpty()
              ? String.join(", ", won.sources()) + " (with evidence attached for review)"
              : String.join(", ", claimedBy);
      String note =
          "claimed by evidence attached only for review (below the link threshold): does not"
              + " change the value the record's linked evidence gives";
      List<Alternative> alternatives = new ArrayList<>();
      alternatives.add(
          new Alternative(
              won.value(),
              won.sources(),
              (int)
                  merged.evidence().stream()
                      .filter(e -> won.sources().contains(e.ref()))
                      .map(Evidence::source)
                      .distinct()
                      .count(),
              merged.evidence().stream()
                  .filter(e -> won.sources().contains(e.ref()))
                  .map(Evidence::observedAt)
                  .filter(at -> at != null)
                  .max(Comparator.naturalOrder())
                  .orElse(""),
              note));
      for (Alternative alternative : won.alternatives()) {
        if (!alternative.value().equals(kept.value())
            && alternatives.stream().noneMatch(a -> a.value().equals(alternative.value()))) {
          alternatives.add(alternative);
        }
      }
      for (Alternative alternative : kept.alternatives()) {
        if (alternatives.stream().noneMatch(a -> a.value().equals(alternative.value()))) {
          alternatives.add(alternative);
        }
      }
      FieldValue value =
          new FieldValue(kept.value(), kept.sources(), kept.confidence(), alternatives);
      result =
          merger.withResolvedField(
              result,
              field,
              value,
              by
                  + " claims "
                  + field
                  + " "
                  + won.value()
                  + ", kept "
                  + kept.value()
                  + " of "
                  + String.join(", ", kept.sources())
                  + ": evidence attached only for review does not change a value the record's"
                  + " linked evidence gives");
    }
    return result;
  }
}
