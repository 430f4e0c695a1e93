package dev.salvage.pipeline.reconcile;

import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.beam.ReconstructedRecordCoder;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
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
 */
public final class MergeClusters
    extends PTransform<PCollection<KV<String, Observation>>, PCollectionTuple> {
  public static final TupleTag<ReconstructedRecord> RECORDS = new TupleTag<>() {};
  public static final TupleTag<ReconstructedRecord> UNLINKED = new TupleTag<>() {};
  public static final TupleTag<KV<String, Long>> COUNTS = new TupleTag<>() {};

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
                    .withOutputTags(RECORDS, TupleTagList.of(UNLINKED).and(COUNTS)));
    merged.get(RECORDS).setCoder(ReconstructedRecordCoder.INSTANCE);
    merged.get(UNLINKED).setCoder(ReconstructedRecordCoder.INSTANCE);
    merged.get(COUNTS).setCoder(Counts.coder());
    return merged;
  }

  static final class MergeClusterFn
      extends EntityModelFn<KV<String, Iterable<Observation>>, ReconstructedRecord> {
    MergeClusterFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<Observation>> cluster, MultiOutputReceiver out) {
      EntityMerger.Merged merged = merger().merge(cluster.getValue());
      // records and unlinked evidence are counted as written, after matching may change them
      if (merged instanceof EntityMerger.Emitted emitted) {
        out.get(RECORDS).output(emitted.record());
      } else if (merged instanceof EntityMerger.CarriedOver carried) {
        out.get(COUNTS).output(Counts.of("entity." + carried.entityType() + ".CARRIED_OVER", 1));
      } else if (merged instanceof EntityMerger.Unlinked unlinked) {
        out.get(UNLINKED).output(unlinked.record());
      }
    }
  }
}
