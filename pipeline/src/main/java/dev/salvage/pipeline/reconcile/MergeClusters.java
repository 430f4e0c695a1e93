package dev.salvage.pipeline.reconcile;

import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.beam.ReconstructedRecordCoder;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Merges each cluster of linked observations into one reconstructed record and reconciles it with
 * its backup counterpart (see {@link EntityMerger}).
 *
 * <p>For entity types matched probabilistically it also holds out, from each identified cluster,
 * one piece of evidence ({@link #HELD_OUT}): the piece merged alone and the cluster merged without
 * it are a pair known to match, from which matching learns how often true matches agree on each
 * field.
 */
public final class MergeClusters
    extends PTransform<PCollection<KV<String, Observation>>, PCollectionTuple> {
  public static final TupleTag<ReconstructedRecord> RECORDS = new TupleTag<>() {};
  public static final TupleTag<ReconstructedRecord> UNLINKED = new TupleTag<>() {};

  /**
   * Backup entities no later evidence changes, of types matched probabilistically: evidence without
   * the entity's keys (a calendar event without the reference) may still be theirs, so matching
   * weighs it against them as against the identified records, and writes only those it changes.
   * Whoever drops them counts them as {@code CARRIED_OVER} ({@link #countCarriedOver}).
   */
  public static final TupleTag<ReconstructedRecord> CARRIED = new TupleTag<>() {};

  /**
   * Backup entities no later evidence changes, of types matched by keys only that a {@code resolve}
   * rule looks up: not written, and counted as carried over here, but they answer the lookups of
   * written records (a changed booking names its unchanged customer by the backup's id). Resolving
   * takes them with {@link #CARRIED}.
   */
  public static final TupleTag<ReconstructedRecord> LOOKED_UP = new TupleTag<>() {};

  /**
   * Pairs known to match: a piece of an identified cluster merged alone, and the rest of its
   * cluster merged without it (still identified), or a piece of another of its sources alone.
   */
  public static final TupleTag<KV<ReconstructedRecord, ReconstructedRecord>> HELD_OUT =
      new TupleTag<>() {};

  private final MergeSettings settings;

  public MergeClusters(MergeSettings settings) {
    this.settings = settings;
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, Observation>> clustered) {
    PCollectionTuple merged =
        clustered
            .apply("GroupClusters", GroupByKey.create())
            .apply(
                "MergeCluster",
                ParDo.of(new MergeClusterFn(settings))
                    .withOutputTags(
                        RECORDS,
                        TupleTagList.of(UNLINKED).and(HELD_OUT).and(CARRIED).and(LOOKED_UP)));
    merged.get(RECORDS).setCoder(ReconstructedRecordCoder.INSTANCE);
    merged.get(UNLINKED).setCoder(ReconstructedRecordCoder.INSTANCE);
    merged.get(CARRIED).setCoder(ReconstructedRecordCoder.INSTANCE);
    merged.get(LOOKED_UP).setCoder(ReconstructedRecordCoder.INSTANCE);
    merged
        .get(HELD_OUT)
        .setCoder(KvCoder.of(ReconstructedRecordCoder.INSTANCE, ReconstructedRecordCoder.INSTANCE));
    return merged;
  }

  /** Counts a backup entity that nothing changed and no record is written for. */
  public static void countCarriedOver(String entityType) {
    Counts.add("entity." + entityType + ".CARRIED_OVER", 1);
  }

  /** Drops {@link #CARRIED} records unweighed (exact linking), counting each. */
  public static final class CountCarriedOverFn extends DoFn<ReconstructedRecord, Void> {
    @ProcessElement
    public void process(@Element ReconstructedRecord record) {
      countCarriedOver(record.entity());
    }
  }

  static final class MergeClusterFn
      extends EntityModelFn<KV<String, Iterable<Observation>>, ReconstructedRecord> {
    MergeClusterFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<Observation>> cluster, MultiOutputReceiver out) {
      Set<Observation> unique = new LinkedHashSet<>();
      cluster.getValue().forEach(unique::add);
      // one part, unless a key two entities share joined them (a family's email)
      for (EntityMerger.Part part : merger().mergeCluster(unique)) {
        output(part, out);
      }
    }

    private void output(EntityMerger.Part part, MultiOutputReceiver out) {
      EntityMerger.Merged merged = part.merged();
      // records and unlinked evidence are counted as written, after matching may change them
      if (merged instanceof EntityMerger.Emitted emitted) {
        // here, once per cluster, not in the merger, which merges pieces again to hold them out
        SourceDisagreements.count(emitted.record(), settings().backupSource());
        out.get(RECORDS).output(emitted.record());
        if (model().linking(emitted.record().entity()) != null) {
          holdOut(emitted.record().id(), new ArrayList<>(part.observations()), out);
        }
      } else if (merged instanceof EntityMerger.CarriedOver carried) {
        if (model().linking(carried.entityType()) != null) {
          out.get(CARRIED).output(carried.record());
        } else {
          // a counter, not an output: each output of this DoFn costs every record one more
          // encoding
          countCarriedOver(carried.entityType());
          if (model().referredTypes().contains(carried.entityType())) {
            out.get(LOOKED_UP).output(carried.record());
          }
        }
      } else if (merged instanceof EntityMerger.Unlinked unlinked) {
        out.get(UNLINKED).output(unlinked.record());
      }
    }

    /**
     * One piece of a source other than the backup (the first of its source by reference, so reruns
     * hold out the same), the source taken in turn by the record's id so that each source is held
     * out of its share of the entities at the cost of one merge per entity; kept when the rest
     * still identifies the entity (a piece that was the cluster's only reference says nothing about
     * how unlinked evidence matches), else the next source is tried.
     */
    /**
     * The piece held out of its source: the first by reference, then by the order of its rule's
     * emits and its content. A record that emits twice (a charge's gross price and the price it
     * kept after a refund) gives two pieces of one reference, and the first of those to arrive,
     * which depends on the workers' timing, was held out: the model's m moved in its last digits
     * from run to run, and two runs of the sample wrote different weights.
     */
    private static final Comparator<Observation> HELD_OUT_ORDER =
        Comparator.comparing(Observation::sourceRef)
            .thenComparingInt(Observation::ordinal)
            .thenComparing(Observation::rule)
            .thenComparing(Observation::observedAt)
            .thenComparing(o -> new TreeMap<>(o.fields()).toString())
            .thenComparing(o -> new TreeMap<>(o.keys()).toString());

    private void holdOut(String id, List<Observation> cluster, MultiOutputReceiver out) {
      Map<String, Observation> bySource = new TreeMap<>();
      for (Observation observation : cluster) {
        if (!observation.source().equals(settings().backupSource())) {
          bySource.merge(
              observation.source(),
              observation,
              (a, b) -> HELD_OUT_ORDER.compare(a, b) <= 0 ? a : b);
        }
      }
      List<Observation> pieces = new ArrayList<>(bySource.values());
      int first = pieces.isEmpty() ? 0 : Math.floorMod(id.hashCode(), pieces.size());
      for (int i = 0; i < pieces.size(); i++) {
        Observation piece = pieces.get((first + i) % pieces.size());
        List<Observation> rest = new ArrayList<>(cluster);
        rest.remove(piece);
        if (!rest.isEmpty() && merger().merge(rest) instanceof EntityMerger.Emitted others) {
          ReconstructedRecord alone = recordOf(merger().merge(List.of(piece)));
          if (alone != null) {
            out.get(HELD_OUT).output(KV.of(alone, others.record()));
            Counts.add("linking." + alone.entity() + ".known_match_pairs", 1);
            // unlinked pieces are also paired with each other (a payment and an event that
            // become a new entity): one piece against another source's piece is such a pair,
            // unless that piece was all the rest
            Observation other = pieces.get((first + i + 1) % pieces.size());
            ReconstructedRecord otherAlone =
                other == piece || rest.size() == 1
                    ? null
                    : recordOf(merger().merge(List.of(other)));
            if (otherAlone != null) {
              out.get(HELD_OUT).output(KV.of(alone, otherAlone));
              Counts.add("linking." + alone.entity() + ".known_match_pairs", 1);
            }
            return;
          }
        }
      }
    }

    private static ReconstructedRecord recordOf(EntityMerger.Merged merged) {
      if (merged instanceof EntityMerger.Emitted emitted) {
        return emitted.record();
      }
      return merged instanceof EntityMerger.Unlinked unlinked ? unlinked.record() : null;
    }
  }
}
