package dev.salvage.pipeline.match;

import dev.salvage.mappings.EntityModel;
import dev.salvage.pipeline.reconcile.EntityModelFn;
import dev.salvage.pipeline.reconcile.MergeSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Counts the comparison levels of every pair of the u sample, per entity type, on all workers: the
 * sample's ~1.1 million pairs are split into {@value #PARTS} shares by the first profile's index
 * ({@link UEstimate#levelCounts}) and the shares' counts summed. The fit then needs only the sums,
 * so u no longer costs one worker a serial pass while the others idle; the counts, and so u, are
 * exactly those of the serial pass.
 *
 * <p>Output: entity type to its counts, per compared field and level, flattened field by field.
 */
final class SampleLevelCounts extends PTransform<PBegin, PCollectionView<Map<String, List<Long>>>> {
  /** Shares of the sample's pairs: enough to keep every worker of a large cluster busy. */
  static final int PARTS = 64;

  private final MergeSettings settings;
  private final PCollectionView<List<MatchProfile>> sample;

  SampleLevelCounts(MergeSettings settings, PCollectionView<List<MatchProfile>> sample) {
    this.settings = settings;
    this.sample = sample;
  }

  @Override
  public PCollectionView<Map<String, List<Long>>> expand(PBegin begin) {
    return begin
        .apply(
            "Shares",
            Create.of(IntStream.range(0, PARTS).boxed().toList()).withCoder(VarIntCoder.of()))
        .apply("SpreadShares", Reshuffle.viaRandomKey())
        .apply("CountShare", ParDo.of(new CountShareFn(settings, sample)).withSideInputs(sample))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(VarLongCoder.of())))
        .apply("SumShares", Combine.perKey(new SumLists()))
        .apply("CountsView", View.asMap());
  }

  /** The counts of one entity type back in their shape, per field and level. */
  static long[][] unflatten(MatchModel model, List<Long> flat) {
    long[][] counts = new long[model.fields().size()][];
    int next = 0;
    for (int f = 0; f < counts.length; f++) {
      counts[f] = new long[model.comparisons().get(f).levels().size()];
      for (int level = 0; level < counts[f].length; level++) {
        counts[f][level] = flat.get(next++);
      }
    }
    return counts;
  }

  static final class CountShareFn extends EntityModelFn<Integer, KV<String, List<Long>>> {
    private final PCollectionView<List<MatchProfile>> sample;

    CountShareFn(MergeSettings settings, PCollectionView<List<MatchProfile>> sample) {
      super(settings);
      this.sample = sample;
    }

    @ProcessElement
    public void process(ProcessContext context) {
      int part = context.element();
      List<MatchProfile> all = context.sideInput(sample);
      EntityModel model = model();
      for (String entity : model.types().keySet()) {
        if (model.linking(entity) == null) {
          continue;
        }
        // the same profiles in the same order as the fit sees them
        List<MatchProfile> ofEntity = UEstimate.forU(all, entity);
        MatchModel unfitted = FitMatchModels.unfitted(model, entity);
        long[][] counts = UEstimate.levelCounts(unfitted, ofEntity, part, PARTS);
        List<Long> flat = new ArrayList<>();
        for (long[] field : counts) {
          for (long n : field) {
            flat.add(n);
          }
        }
        context.output(KV.of(entity, flat));
      }
    }
  }

  /** Element-wise sums of equally long lists. */
  static final class SumLists implements SerializableFunction<Iterable<List<Long>>, List<Long>> {
    @Override
    public List<Long> apply(Iterable<List<Long>> lists) {
      long[] sum = null;
      for (List<Long> list : lists) {
        if (sum == null) {
          sum = new long[list.size()];
        }
        for (int i = 0; i < sum.length; i++) {
          sum[i] += list.get(i);
        }
      }
      List<Long> result = new ArrayList<>();
      if (sum != null) {
        for (long n : sum) {
          result.add(n);
        }
      }
      return result;
    }
  }
}
