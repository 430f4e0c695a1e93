package dev.salvage.pipeline.match;

import dev.salvage.mappings.LinkingSettings;
import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.beam.ReconstructedRecordCoder;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Link;
import dev.salvage.pipeline.reconcile.EntityMerger;
import dev.salvage.pipeline.reconcile.EntityModelFn;
import dev.salvage.pipeline.reconcile.MergeClusters;
import dev.salvage.pipeline.reconcile.MergeSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
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
 * Carries out the matching decisions: each unlinked record goes to the identified record it was
 * attached to ({@link RecordAttacher}), into a proposal for a new entity (alone or with its
 * partner), or stays unlinked with the reason. A new entity formed by a pair is weighed once more
 * as a whole ({@link MatchNewEntities}) and may join an identified record too. Input: the
 * identified records and their profiles, the unlinked records and the decisions keyed by unlinked
 * profile key.
 */
final class ApplyMatchDecisions extends PTransform<PCollectionTuple, PCollectionTuple> {
  static final TupleTag<ReconstructedRecord> IDENTIFIED = new TupleTag<>() {};
  static final TupleTag<ReconstructedRecord> UNLINKED_IN = new TupleTag<>() {};
  static final TupleTag<KV<String, MatchDecision>> DECISIONS = new TupleTag<>() {};
  static final TupleTag<MatchProfile> IDENTIFIED_PROFILES = MatchNewEntities.IDENTIFIED_PROFILES;

  static final TupleTag<ReconstructedRecord> RECORDS = MatchUnlinkedEvidence.RECORDS;
  static final TupleTag<ReconstructedRecord> UNLINKED = MatchUnlinkedEvidence.UNLINKED;

  private static final TupleTag<KV<String, Attachment>> ATTACHMENTS = new TupleTag<>() {};
  private static final TupleTag<KV<String, Attachment>> PROPOSALS = new TupleTag<>() {};
  private static final TupleTag<KV<String, ReconstructedRecord>> PAIRED =
      MatchNewEntities.NEW_ENTITIES;
  private static final TupleTag<KV<String, ReconstructedRecord>> LONE = MatchLonePieces.LONE;

  private final MergeSettings settings;
  private final PCollectionView<Map<String, MatchModel>> models;
  private final PCollectionView<Map<String, Long>> population;

  /**
   * @param models the fitted model of each entity type, to weigh new entities again
   * @param population how many identified and unlinked records of each type there are
   */
  ApplyMatchDecisions(
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
    KvCoder<String, Attachment> attachmentCoder =
        KvCoder.of(StringUtf8Coder.of(), MatchCoders.attachment());

    TupleTag<ReconstructedRecord> unlinkedTag = new TupleTag<>() {};
    TupleTag<MatchDecision> decisionTag = new TupleTag<>() {};
    PCollectionTuple routed =
        KeyedPCollectionTuple.of(
                unlinkedTag,
                input
                    .get(UNLINKED_IN)
                    .apply("KeyUnlinked", ParDo.of(new KeyUnlinkedFn()))
                    .setCoder(KvCoder.of(StringUtf8Coder.of(), recordCoder)))
            .and(decisionTag, input.get(DECISIONS))
            .apply("JoinDecisions", CoGroupByKey.create())
            .apply(
                "Route",
                ParDo.of(new RouteFn(settings, unlinkedTag, decisionTag))
                    .withOutputTags(ATTACHMENTS, TupleTagList.of(UNLINKED).and(PROPOSALS)));
    routed.get(ATTACHMENTS).setCoder(attachmentCoder);
    routed.get(UNLINKED).setCoder(recordCoder);
    routed.get(PROPOSALS).setCoder(attachmentCoder);

    PCollectionTuple created =
        routed
            .get(PROPOSALS)
            .apply("GroupNewEntities", GroupByKey.create())
            .apply(
                "NewEntities",
                ParDo.of(new NewEntityFn(settings))
                    .withOutputTags(RECORDS, TupleTagList.of(UNLINKED).and(PAIRED).and(LONE)));
    created.get(RECORDS).setCoder(recordCoder);
    created.get(UNLINKED).setCoder(recordCoder);
    created.get(PAIRED).setCoder(KvCoder.of(StringUtf8Coder.of(), recordCoder));
    created.get(LONE).setCoder(KvCoder.of(StringUtf8Coder.of(), recordCoder));

    PCollectionTuple rematched =
        PCollectionTuple.of(MatchNewEntities.NEW_ENTITIES, created.get(PAIRED))
            .and(MatchNewEntities.IDENTIFIED_PROFILES, input.get(IDENTIFIED_PROFILES))
            .apply("MatchNewEntities", new MatchNewEntities(settings, models, population));

    // a lone piece left over (its best partner paired with another piece) is weighed against the
    // NEW records made from pairs: a booking's third trace without a key joins the pair
    PCollectionTuple joinedNew =
        PCollectionTuple.of(MatchLonePieces.NEW_RECORDS, rematched.get(MatchNewEntities.RECORDS))
            .and(MatchLonePieces.LONE, created.get(LONE))
            .apply("MatchLonePieces", new MatchLonePieces(settings, models, population));

    TupleTag<ReconstructedRecord> recordTag = new TupleTag<>() {};
    TupleTag<Attachment> attachmentTag = new TupleTag<>() {};
    TupleTag<Attachment> formedTag = new TupleTag<>() {};
    PCollectionTuple attached =
        KeyedPCollectionTuple.of(
                recordTag,
                input
                    .get(IDENTIFIED)
                    .apply("KeyIdentified", ParDo.of(new KeyIdentifiedFn()))
                    .setCoder(KvCoder.of(StringUtf8Coder.of(), recordCoder)))
            .and(attachmentTag, routed.get(ATTACHMENTS))
            .and(formedTag, rematched.get(MatchNewEntities.ATTACHMENTS))
            .apply("JoinAttachments", CoGroupByKey.create())
            .apply(
                "Attach",
                ParDo.of(new AttachFn(settings, recordTag, attachmentTag, formedTag))
                    .withOutputTags(RECORDS, TupleTagList.of(UNLINKED)));
    attached.get(RECORDS).setCoder(recordCoder);
    attached.get(UNLINKED).setCoder(recordCoder);

    PCollection<ReconstructedRecord> stillUnlinked =
        PCollectionList.of(routed.get(UNLINKED))
            .and(attached.get(UNLINKED))
            .and(created.get(UNLINKED))
            .and(joinedNew.get(MatchLonePieces.UNLINKED))
            .apply("AllUnlinked", Flatten.pCollections());
    PCollection<ReconstructedRecord> records =
        PCollectionList.of(attached.get(RECORDS))
            .and(created.get(RECORDS))
            .and(joinedNew.get(MatchLonePieces.RECORDS))
            .apply("AllRecords", Flatten.pCollections());
    return PCollectionTuple.of(RECORDS, records).and(UNLINKED, stillUnlinked);
  }

  static final class KeyUnlinkedFn
      extends DoFn<ReconstructedRecord, KV<String, ReconstructedRecord>> {
    @ProcessElement
    public void process(
        @Element ReconstructedRecord record, OutputReceiver<KV<String, ReconstructedRecord>> out) {
      out.output(KV.of(MatchProfile.unlinkedKey(record), record));
    }
  }

  static final class KeyIdentifiedFn
      extends DoFn<ReconstructedRecord, KV<String, ReconstructedRecord>> {
    @ProcessElement
    public void process(
        @Element ReconstructedRecord record, OutputReceiver<KV<String, ReconstructedRecord>> out) {
      out.output(KV.of(record.id(), record));
    }
  }

  static final class RouteFn
      extends EntityModelFn<KV<String, CoGbkResult>, KV<String, Attachment>> {
    private final TupleTag<ReconstructedRecord> unlinkedTag;
    private final TupleTag<MatchDecision> decisionTag;

    RouteFn(
        MergeSettings settings,
        TupleTag<ReconstructedRecord> unlinkedTag,
        TupleTag<MatchDecision> decisionTag) {
      super(settings);
      this.unlinkedTag = unlinkedTag;
      this.decisionTag = decisionTag;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> joined, MultiOutputReceiver out) {
      MatchDecision decision = null;
      for (MatchDecision d : joined.getValue().getAll(decisionTag)) {
        decision = d;
      }
      for (ReconstructedRecord record : joined.getValue().getAll(unlinkedTag)) {
        LinkingSettings linking = model().linking(record.entity());
        boolean mayBeNew =
            linking != null
                && !linking.newEntity().isEmpty()
                && (decision == null || decision.mayBeNew());
        if (mayBeNew) {
          ReconstructedRecord withReason =
              decision == null || decision.reason() == null
                  ? record
                  : record.withReason(decision.reason());
          String own = joined.getKey();
          String group =
              decision == null || decision.partner() == null
                  ? own
                  : own.compareTo(decision.partner()) < 0
                      ? own + "\n" + decision.partner()
                      : decision.partner() + "\n" + own;
          Link link = decision == null ? null : decision.link();
          out.get(PROPOSALS).output(KV.of(group, new Attachment(withReason, link)));
        } else if (decision == null) {
          out.get(UNLINKED).output(record);
        } else if (decision.kind() != MatchDecision.Kind.ATTACH) {
          out.get(UNLINKED).output(record.withReason(decision.reason()));
        } else {
          List<String> refs =
              record.evidence().stream().map(ReconstructedRecord.Evidence::ref).toList();
          out.get(ATTACHMENTS).output(decision.attachment(record, refs));
        }
      }
    }
  }

  /**
   * Folds the attachments into their identified record. A new entity that cannot join (its keys
   * contradict evidence attached before it) stands as the NEW record it would otherwise have been;
   * a single piece goes back to the unlinked.
   */
  static final class AttachFn extends EntityModelFn<KV<String, CoGbkResult>, ReconstructedRecord> {
    private final TupleTag<ReconstructedRecord> recordTag;
    private final TupleTag<Attachment> attachmentTag;
    private final TupleTag<Attachment> formedTag;

    AttachFn(
        MergeSettings settings,
        TupleTag<ReconstructedRecord> recordTag,
        TupleTag<Attachment> attachmentTag,
        TupleTag<Attachment> formedTag) {
      super(settings);
      this.recordTag = recordTag;
      this.attachmentTag = attachmentTag;
      this.formedTag = formedTag;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> joined, MultiOutputReceiver out) {
      List<Attachment> attachments = new ArrayList<>();
      joined.getValue().getAll(attachmentTag).forEach(attachments::add);
      Set<String> formed = new HashSet<>();
      for (Attachment attachment : joined.getValue().getAll(formedTag)) {
        attachments.add(attachment);
        formed.add(MatchProfile.unlinkedKey(attachment.record()));
      }
      // single pieces refused for naming another key value; what they become depends on the
      // record they were refused by, known once every attachment is folded in
      List<ReconstructedRecord> conflicting = new ArrayList<>();
      OutputReceiver<ReconstructedRecord> refused =
          new OutputReceiver<>() {
            @Override
            public void output(ReconstructedRecord record) {
              if (formed.contains(MatchProfile.unlinkedKey(record))) {
                out.get(RECORDS)
                    .output(RecordAttacher.asNew(record.withReason("it stands as a new one")));
                String prefix = "linking." + record.entity() + ".";
                Counts.add(prefix + "new_entities", 1);
                Counts.add(prefix + "new_entities_paired", 1);
              } else {
                conflicting.add(record);
              }
            }

            @Override
            public void outputWithTimestamp(ReconstructedRecord record, Instant timestamp) {
              output(record);
            }
          };
      List<ReconstructedRecord> records = new ArrayList<>();
      joined.getValue().getAll(recordTag).forEach(records::add);
      if (records.isEmpty()) {
        // nothing to attach to, so nothing refused them: each is what it would have been alone
        for (Attachment attachment : attachments) {
          ReconstructedRecord piece = attachment.record();
          if (formed.contains(MatchProfile.unlinkedKey(piece))) {
            out.get(RECORDS).output(RecordAttacher.asNew(piece));
            Counts.add("linking." + piece.entity() + ".new_entities", 1);
            Counts.add("linking." + piece.entity() + ".new_entities_paired", 1);
          } else {
            out.get(UNLINKED).output(piece);
          }
        }
        return;
      }
      records.sort(Comparator.comparing(ReconstructedRecord::id));
      ReconstructedRecord record = records.get(0);
      boolean fromBackup = merger().carriedOver(record);
      ReconstructedRecord attached =
          RecordAttacher.attach(merger(), record, attachments, refused, Counts.COUNTERS);
      standApart(
          merger(),
          model().linking(record.entity()),
          attached,
          conflicting,
          out.get(RECORDS),
          out.get(UNLINKED));
      if (!fromBackup) {
        out.get(RECORDS).output(attached);
      } else if (merger().carriedOver(attached)) {
        // a backup row and, at most, evidence from before the backup that it holds: nothing to
        // write, as when the same evidence is linked by its keys
        MergeClusters.countCarriedOver(record.entity());
        corroborated(record, attached, attachments, out.get(UNLINKED));
      } else {
        // evidence newer than the backup, without the entity's keys, changes (or confirms) what
        // the backup holds: the record is written, as the same evidence would be by keys
        Counts.add("linking." + record.entity() + ".backup_updated", 1);
        out.get(RECORDS).output(attached);
      }
      records.subList(1, records.size()).forEach(out.get(RECORDS)::output);
    }
  }

  /**
   * Evidence refused by {@code record} for naming another value of one of its keys is evidence of
   * another entity: when it holds every {@code new_entity} field and one of them says otherwise
   * than the record's evidence ({@link KeyConflicts}), it becomes a NEW record of its own, flagged
   * like every new entity; pieces that name the same {@code new_entity} values make one record. The
   * rest stays unlinked for review with the reason it was refused.
   */
  static void standApart(
      EntityMerger merger,
      LinkingSettings linking,
      ReconstructedRecord record,
      List<ReconstructedRecord> conflicting,
      DoFn.OutputReceiver<ReconstructedRecord> records,
      DoFn.OutputReceiver<ReconstructedRecord> unlinked) {
    if (conflicting.isEmpty()) {
      return;
    }
    List<String> newEntity = linking == null ? List.of() : linking.newEntity();
    List<ReconstructedRecord> apart = new ArrayList<>();
    Map<String, List<String>> why = new HashMap<>();
    for (ReconstructedRecord piece : conflicting) {
      List<String> differing = KeyConflicts.differing(newEntity, record, piece);
      if (!differing.isEmpty()) {
        apart.add(piece);
        why.put(MatchProfile.unlinkedKey(piece), differing);
        continue;
      }
      List<String> missing = newEntity.stream().filter(f -> piece.value(f) == null).toList();
      String reason;
      if (newEntity.isEmpty()) {
        reason = "left for review";
      } else if (!missing.isEmpty()) {
        reason =
            "left for review: it lacks "
                + String.join(", ", missing)
                + " to stand as a new "
                + record.entity();
      } else {
        // the same entity's evidence made again (an event deleted and re-created gets a new id)
        // would be a duplicate as a new record
        reason =
            "left for review: its "
                + String.join(", ", newEntity)
                + " are none that the evidence of "
                + record.id()
                + " contradicts, so it may be that "
                + record.entity()
                + "'s own evidence made again (an event deleted and re-created), not a new one";
      }
      unlinked.output(piece.withReason(reason));
    }
    String prefix = "linking." + record.entity() + ".";
    for (List<ReconstructedRecord> group : KeyConflicts.byEntity(newEntity, apart)) {
      ReconstructedRecord base = group.get(0);
      ReconstructedRecord merged =
          group.size() == 1 ? base : merger.mergeInto(base, group.subList(1, group.size()));
      String differing = String.join(", ", why.get(MatchProfile.unlinkedKey(base)));
      records.output(
          RecordAttacher.asNew(
              merged.withReason(
                  "it also names "
                      + differing
                      + ": another "
                      + record.entity()
                      + ", which stands as a new one"),
              0.5,
              "names another key than " + record.id()));
      Counts.add(prefix + "new_entities", 1);
      Counts.add(prefix + "new_entities_key_conflict", 1);
    }
  }

  static void corroborated(
      ReconstructedRecord row,
      ReconstructedRecord attached,
      List<Attachment> attachments,
      DoFn.OutputReceiver<ReconstructedRecord> unlinked) {
    String prefix = "linking." + row.entity() + ".";
    for (Attachment attachment : attachments) {
      Link link = attachment.link();
      if (!attached.links().contains(link)) {
        continue; // refused, and already sent back with its reason
      }
      if (!link.review()) {
        Counts.add(prefix + "backup_corroborated", 1);
        continue;
      }
      Counts.add(prefix + "backup_corroborated_for_review", 1);
      unlinked.output(
          attachment
              .record()
              .withReason(
                  "matches "
                      + row.id()
                      + " (weight "
                      + link.weight()
                      + ", below the link threshold), which the backup holds as this evidence"
                      + " says: no newer than the backup, so not a new "
                      + row.entity()
                      + " and nothing to change"));
    }
  }

  /**
   * Why {@code piece}, lacking the {@code missing} fields to stand as a new record, stays unlinked:
   * weighed against records of its type and below the review threshold, kept off a record it
   * matched, or never weighed at all because it shares no blocking key with any. One reason for all
   * three said "matches no reservation", which sent a reviewer looking for a near miss that was
   * never compared (docs/linking.md, New entities from unmatched evidence).
   */
  static String unmatched(
      LinkingSettings linking, ReconstructedRecord piece, List<String> missing) {
    String entity = piece.entity();
    String lacks = ", and lacks " + String.join(", ", missing) + " to stand as a new one";
    if (MatchUnlinkedEvidence.leftMatched(piece)) {
      return "kept off the " + entity + " record it matched (the reason before says why)" + lacks;
    }
    if (MatchUnlinkedEvidence.leftAmbiguous(piece)) {
      return "weighed against "
          + entity
          + " record(s), two of which matched it about equally (the reason before says which)"
          + lacks;
    }
    if (MatchUnlinkedEvidence.weighedBelowThreshold(piece)) {
      return "weighed against "
          + entity
          + " record(s), the best below the review threshold "
          + linking.review()
          + lacks;
    }
    List<String> rules = linking.block().stream().map(rule -> String.join("+", rule)).toList();
    return "shares no blocking key (rules: "
        + String.join(", ", rules)
        + ") with any "
        + entity
        + " record it could be weighed against (a block over max_block is skipped, a record whose"
        + " key contradicts its own refused): never weighed"
        + lacks;
  }

  /**
   * Turns evidence that matched no identified record into a new record: a mutually best pair, or a
   * lone piece, holding every {@code new_entity} field. Anything else stays unlinked.
   */
  static final class NewEntityFn
      extends EntityModelFn<KV<String, Iterable<Attachment>>, ReconstructedRecord> {
    NewEntityFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<Attachment>> group, MultiOutputReceiver out) {
      List<Attachment> members = new ArrayList<>();
      group.getValue().forEach(members::add);
      members.sort(Comparator.comparing(a -> MatchProfile.unlinkedKey(a.record())));
      // a pair is two pieces that chose each other, each carrying the link that weighed them; two
      // proposals under one key without links (two pieces that share a key) are not a pair and
      // stand alone, rather than be joined unweighed
      boolean paired = members.size() == 2 && members.stream().allMatch(m -> m.link() != null);
      if (!paired) {
        // a proposal the partner did not return: the piece stands alone
        for (Attachment member : members) {
          create(List.of(member.record()), null, out);
        }
        return;
      }
      ReconstructedRecord first = members.get(0).record();
      ReconstructedRecord second = members.get(1).record();
      Link link = members.get(0).link();
      List<String> refs =
          second.evidence().stream().map(ReconstructedRecord.Evidence::ref).toList();
      create(
          List.of(first, second),
          new Link(refs, link.weight(), link.probability(), true, link.fields()),
          out);
    }

    private void create(List<ReconstructedRecord> pieces, Link link, MultiOutputReceiver out) {
      ReconstructedRecord base = pieces.get(0);
      String prefix = "linking." + base.entity() + ".";
      ReconstructedRecord merged =
          link == null
              ? base
              : RecordAttacher.attach(
                  merger(),
                  base,
                  List.of(new Attachment(pieces.get(1), link)),
                  out.get(UNLINKED),
                  Counts.COUNTERS,
                  // two unlinked pieces paired: neither is linked evidence to protect
                  false);
      List<String> missing =
          model().linking(base.entity()).newEntity().stream()
              .filter(field -> merged.value(field) == null)
              .toList();
      if (!missing.isEmpty()
          && pieces.size() == 1
          && !MatchUnlinkedEvidence.leftMatched(base)
          && !MatchUnlinkedEvidence.leftAmbiguous(base)) {
        // a lone piece may yet join a NEW record made from a pair (MatchLonePieces), which says
        // what becomes of it
        out.get(LONE).output(KV.of(MatchProfile.unlinkedKey(base), base));
        return;
      }
      if (!missing.isEmpty()) {
        for (ReconstructedRecord piece : pieces) {
          out.get(UNLINKED)
              .output(piece.withReason(unmatched(model().linking(base.entity()), piece, missing)));
        }
        Counts.add(prefix + "unmatched_incomplete", pieces.size());
        return;
      }
      if (!merged.links().isEmpty()) {
        // a pair says more than either piece did: weighed again against the identified records
        out.get(PAIRED).output(KV.of(MatchProfile.unlinkedKey(merged), merged));
        return;
      }
      out.get(RECORDS).output(RecordAttacher.asNew(merged));
      Counts.add(prefix + "new_entities", 1);
    }
  }
}
