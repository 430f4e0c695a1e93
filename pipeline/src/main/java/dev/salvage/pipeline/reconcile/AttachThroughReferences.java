package dev.salvage.pipeline.reconcile;

import dev.salvage.mappings.FieldType;
import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.beam.ReconstructedRecordCoder;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.values.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
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
 * Attaches unlinked evidence to the entity it is about through the records that refer to that
 * entity. A calendar event's customer name has no key of its own, so it links to no customer; but
 * the same event is evidence of a reservation, and the reservation names its customer (a resolve
 * rule): the name is that customer's.
 *
 * <p>A piece joins when the records its evidence belongs to name one and the same entity of its
 * type (evidence attached to a record only for review vouches for nothing), its keys do not
 * contradict that entity's, its person-name fields are not another name (a booking made for someone
 * else), and merging it in changes none of the entity's values: it corroborates or fills in, it
 * does not overrule. Otherwise it stays unlinked with the reason, naming the entity. The entity is
 * merged again with the piece by the same {@link EntityMerger}.
 *
 * <p>Input: {@link MergeClusters#RECORDS}, {@link MergeClusters#UNLINKED} and {@link #REFERRED},
 * the evidence of each referring record with the entity it names. Output: records and unlinked; the
 * counts ({@code linking.<entity>.attached_through_reference}, {@code .refused_through_reference},
 * {@code .ambiguous_reference}) are Beam counters ({@link Counts}).
 */
final class AttachThroughReferences extends PTransform<PCollectionTuple, PCollectionTuple> {
  /** Evidence id to {@code entity, entity's record id, referring record's id}. */
  static final TupleTag<KV<String, String>> REFERRED = new TupleTag<>() {};

  /** The side input naming {@link #pieceSources}. */
  static final String PIECE_SOURCES = "pieceSources";

  private static final String SEPARATOR = "\u001f";
  private static final TupleTag<String> OWNER = new TupleTag<>() {};
  private static final TupleTag<String> PIECE_ID = new TupleTag<>() {};
  private static final TupleTag<ReconstructedRecord> PIECE = new TupleTag<>() {};
  private static final TupleTag<ReconstructedRecord> STILL_UNLINKED = new TupleTag<>() {};
  private static final TupleTag<KV<String, KV<String, ReconstructedRecord>>> ATTACH =
      new TupleTag<>() {};
  private static final TupleTag<KV<String, ReconstructedRecord>> REFERRED_TO = new TupleTag<>() {};
  private static final TupleTag<ReconstructedRecord> NOT_REFERRED_TO = new TupleTag<>() {};
  private static final TupleTag<ReconstructedRecord> RECORD = new TupleTag<>() {};
  private static final TupleTag<KV<String, ReconstructedRecord>> ATTACHMENT = new TupleTag<>() {};

  private final MergeSettings settings;

  AttachThroughReferences(MergeSettings settings) {
    this.settings = settings;
  }

  /**
   * The sources of every unlinked piece's evidence, a handful: a piece shares its evidence id (the
   * raw record) with a record only through evidence of the same source, so referring records offer
   * only that (at 100k bookings, the calendar's ~100k of the bookings' 627k evidence ids).
   */
  static PCollectionView<List<String>> pieceSources(
      PCollection<ReconstructedRecord> unlinked, MergeSettings settings) {
    return unlinked
        .apply("PieceSources", ParDo.of(new PieceSourcesFn(settings)))
        .setCoder(StringUtf8Coder.of())
        .apply("DistinctPieceSources", Distinct.create())
        .apply("PieceSourcesView", View.asList());
  }

  /** The sources of each unlinked piece of a referred-to type. */
  static final class PieceSourcesFn extends ReferredTypesFn<String> {
    PieceSourcesFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(@Element ReconstructedRecord piece, OutputReceiver<String> out) {
      if (referred().contains(piece.entity())) {
        piece.evidence().stream().map(Evidence::source).distinct().forEach(out::output);
      }
    }
  }

  /** What {@link #REFERRED} holds for one piece of evidence of {@code referrer}. */
  static String referral(String entity, String ownerId, String referrer) {
    return entity + SEPARATOR + ownerId + SEPARATOR + referrer;
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    ReconstructedRecordCoder recordCoder = ReconstructedRecordCoder.INSTANCE;
    KvCoder<String, String> pairs = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    KvCoder<String, ReconstructedRecord> keyedRecords =
        KvCoder.of(StringUtf8Coder.of(), recordCoder);
    PCollection<ReconstructedRecord> records = input.get(MergeClusters.RECORDS);
    PCollection<ReconstructedRecord> unlinked = input.get(MergeClusters.UNLINKED);

    PCollection<KV<String, String>> pieceEvidence =
        unlinked
            .apply("KeyPiecesByEvidence", ParDo.of(new PieceEvidenceFn(settings)))
            .setCoder(pairs);
    PCollection<KV<String, String>> owners =
        KeyedPCollectionTuple.of(OWNER, input.get(REFERRED))
            .and(PIECE_ID, pieceEvidence)
            .apply("JoinEvidenceToReferrers", CoGroupByKey.create())
            .apply("OwnersOfPieces", ParDo.of(new OwnersOfPiecesFn()))
            .setCoder(pairs);
    PCollectionTuple decided =
        KeyedPCollectionTuple.of(
                PIECE,
                unlinked
                    .apply("KeyPiecesById", ParDo.of(new ResolveReferences.KeyByRecordIdFn()))
                    .setCoder(keyedRecords))
            .and(OWNER, owners)
            .apply("JoinPiecesToOwners", CoGroupByKey.create())
            .apply(
                "DecideOwners",
                ParDo.of(new DecideOwnerFn())
                    .withOutputTags(STILL_UNLINKED, TupleTagList.of(ATTACH)));
    decided.get(STILL_UNLINKED).setCoder(recordCoder);
    decided.get(ATTACH).setCoder(KvCoder.of(StringUtf8Coder.of(), keyedRecords));

    PCollectionTuple split =
        records.apply(
            "SplitReferredTo",
            ParDo.of(new SplitReferredToFn(settings))
                .withOutputTags(NOT_REFERRED_TO, TupleTagList.of(REFERRED_TO)));
    split.get(NOT_REFERRED_TO).setCoder(recordCoder);
    split.get(REFERRED_TO).setCoder(keyedRecords);
    PCollectionTuple attached =
        KeyedPCollectionTuple.of(RECORD, split.get(REFERRED_TO))
            .and(ATTACHMENT, decided.get(ATTACH))
            .apply("JoinAttachmentsToOwners", CoGroupByKey.create())
            .apply(
                "AttachToOwners",
                ParDo.of(new AttachFn(settings))
                    .withOutputTags(
                        MergeClusters.RECORDS, TupleTagList.of(MergeClusters.UNLINKED)));
    attached.get(MergeClusters.RECORDS).setCoder(recordCoder);
    attached.get(MergeClusters.UNLINKED).setCoder(recordCoder);

    return PCollectionTuple.of(
            MergeClusters.RECORDS,
            PCollectionList.of(split.get(NOT_REFERRED_TO))
                .and(attached.get(MergeClusters.RECORDS))
                .apply("AllRecords", Flatten.pCollections()))
        .and(
            MergeClusters.UNLINKED,
            PCollectionList.of(decided.get(STILL_UNLINKED))
                .and(attached.get(MergeClusters.UNLINKED))
                .apply("AllUnlinked", Flatten.pCollections()));
  }

  /** A DoFn on records that knows the entity types some resolve rule names. */
  abstract static class ReferredTypesFn<O> extends EntityModelFn<ReconstructedRecord, O> {
    private transient Set<String> referred;

    ReferredTypesFn(MergeSettings settings) {
      super(settings);
    }

    /** The types a piece can be attached to. */
    final Set<String> referred() {
      if (referred == null) {
        referred = model().referredTypes();
      }
      return referred;
    }
  }

  /** Each unlinked piece of a referred-to type, under each of its evidence ids. */
  static final class PieceEvidenceFn extends ReferredTypesFn<KV<String, String>> {
    PieceEvidenceFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(
        @Element ReconstructedRecord piece, OutputReceiver<KV<String, String>> out) {
      if (!referred().contains(piece.entity())) {
        return;
      }
      Set<String> refs = new TreeSet<>();
      for (Evidence evidence : piece.evidence()) {
        if (refs.add(evidence.ref())) {
          out.output(KV.of(evidence.ref(), piece.id()));
        }
      }
    }
  }

  /** Per piece, every referral of every record its evidence belongs to. */
  static final class OwnersOfPiecesFn extends DoFn<KV<String, CoGbkResult>, KV<String, String>> {
    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> element, OutputReceiver<KV<String, String>> out) {
      Iterable<String> referrals = element.getValue().getAll(OWNER);
      if (!referrals.iterator().hasNext()) {
        return;
      }
      for (String pieceId : element.getValue().getAll(PIECE_ID)) {
        for (String referral : referrals) {
          out.output(KV.of(pieceId, referral));
        }
      }
    }
  }

  /**
   * A piece whose referrals name exactly one entity of its type goes to that entity, with the
   * referring records; any other stays unlinked, with a reason when they name several.
   */
  static final class DecideOwnerFn extends DoFn<KV<String, CoGbkResult>, ReconstructedRecord> {
    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> element, MultiOutputReceiver out) {
      Map<String, Set<String>> referrersByOwner = new TreeMap<>();
      Iterable<ReconstructedRecord> pieces = element.getValue().getAll(PIECE);
      for (ReconstructedRecord piece : pieces) {
        for (String referral : element.getValue().getAll(OWNER)) {
          String[] parts = referral.split(SEPARATOR, 3);
          if (parts[0].equals(piece.entity())) {
            referrersByOwner.computeIfAbsent(parts[1], k -> new TreeSet<>()).add(parts[2]);
          }
        }
        if (referrersByOwner.size() == 1) {
          Map.Entry<String, Set<String>> owner = referrersByOwner.entrySet().iterator().next();
          out.get(ATTACH)
              .output(KV.of(owner.getKey(), KV.of(String.join(", ", owner.getValue()), piece)));
        } else if (referrersByOwner.isEmpty()) {
          out.get(STILL_UNLINKED).output(piece);
        } else {
          Counts.add("linking." + piece.entity() + ".ambiguous_reference", 1);
          out.get(STILL_UNLINKED)
              .output(
                  piece.withReason(
                      "its evidence belongs to records that name different "
                          + piece.entity()
                          + " records ("
                          + String.join(", ", referrersByOwner.keySet())
                          + "): left for review"));
        }
        referrersByOwner.clear();
      }
    }
  }

  /** Records of a referred-to type keyed by id for the join; the rest pass by. */
  static final class SplitReferredToFn extends ReferredTypesFn<ReconstructedRecord> {

    SplitReferredToFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(@Element ReconstructedRecord record, MultiOutputReceiver out) {
      if (referred().contains(record.entity())) {
        out.get(REFERRED_TO).output(KV.of(record.id(), record));
      } else {
        out.get(NOT_REFERRED_TO).output(record);
      }
    }
  }

  /** Merges each entity again with the pieces its referrers gave it. */
  static final class AttachFn extends EntityModelFn<KV<String, CoGbkResult>, ReconstructedRecord> {
    AttachFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> element, MultiOutputReceiver out) {
      List<KV<String, ReconstructedRecord>> attachments = new ArrayList<>();
      element.getValue().getAll(ATTACHMENT).forEach(attachments::add);
      List<ReconstructedRecord> owners = new ArrayList<>();
      element.getValue().getAll(RECORD).forEach(owners::add);
      if (owners.size() != 1) {
        // no record has the id the referral named, or two do: the pieces stay as they were, so
        // no evidence is lost and none is counted twice
        owners.forEach(out.get(MergeClusters.RECORDS)::output);
        attachments.forEach(a -> out.get(MergeClusters.UNLINKED).output(a.getValue()));
        return;
      }
      attachments.sort((a, b) -> a.getValue().id().compareTo(b.getValue().id()));
      out.get(MergeClusters.RECORDS).output(attach(owners.get(0), attachments, out));
    }

    private ReconstructedRecord attach(
        ReconstructedRecord owner,
        List<KV<String, ReconstructedRecord>> attachments,
        MultiOutputReceiver out) {
      if (attachments.isEmpty()) {
        return owner;
      }
      Map<String, Set<String>> keys = Keys.sets(owner.keys());
      List<ReconstructedRecord> accepted = new ArrayList<>();
      List<String> reasons = new ArrayList<>();
      ReconstructedRecord current = owner;
      for (KV<String, ReconstructedRecord> attachment : attachments) {
        ReconstructedRecord piece = attachment.getValue();
        String referrers = attachment.getKey();
        String refused = refusal(current, piece, keys);
        ReconstructedRecord merged = null;
        if (refused == null) {
          List<ReconstructedRecord> tried = new ArrayList<>(accepted);
          tried.add(piece);
          merged = merger().mergeInto(owner, tried);
          refused = overridden(current, merged);
        }
        if (refused != null) {
          Counts.add("linking." + owner.entity() + ".refused_through_reference", 1);
          out.get(MergeClusters.UNLINKED)
              .output(
                  piece.withReason(
                      "is evidence of "
                          + referrers
                          + ", whose "
                          + owner.entity()
                          + " is "
                          + owner.id()
                          + ", but "
                          + refused
                          + ": left for review"));
          continue;
        }
        Keys.addAll(keys, piece.keys());
        accepted.add(piece);
        Counts.add("linking." + owner.entity() + ".attached_through_reference", 1);
        current = merged;
        reasons.add(
            "attached "
                + String.join(", ", piece.evidence().stream().map(Evidence::ref).toList())
                + " as the "
                + owner.entity()
                + " that "
                + referrers
                + " names");
      }
      if (accepted.isEmpty()) {
        return owner;
      }
      ReconstructedRecord.Builder builder = current.toBuilder();
      reasons.forEach(builder::addReason);
      return builder.build();
    }

    /**
     * How attaching changed a value the entity's own evidence chose, or null when it changed none.
     * A piece that joins through another record's reference corroborates or fills in; it is not
     * trusted to overrule (a calendar's misspelt name, newer than the backup, would otherwise win).
     */
    private static String overridden(ReconstructedRecord before, ReconstructedRecord after) {
      for (String field : before.fields().keySet()) {
        String was = before.value(field);
        String now = after.value(field);
        if (was != null && !was.equals(now)) {
          return "it would change " + field + " from " + was + " to " + now;
        }
      }
      return null;
    }

    /** Why {@code piece} cannot be {@code owner}'s, or null when nothing says so. */
    private String refusal(
        ReconstructedRecord owner, ReconstructedRecord piece, Map<String, Set<String>> keys) {
      String key = Keys.contradicting(merger().linkKeys(), owner.entity(), keys, piece.keys());
      if (key != null) {
        return "it names another " + key;
      }
      Map<String, FieldType> types = model().type(owner.entity()).fields();
      for (String field : piece.fields().keySet()) {
        String theirs = piece.value(field);
        String ours = owner.value(field);
        if (ours != null
            && theirs != null
            && Names.isPersonName(types.get(field), field)
            && Names.level(theirs, ours) == Names.DIFFERENT) {
          return "it names " + field + " " + theirs + " where that one has " + ours;
        }
      }
      return null;
    }
  }
}
