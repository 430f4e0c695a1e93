package dev.salvage.pipeline.match;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.FieldType;
import dev.salvage.mappings.LinkingSettings;
import dev.salvage.pipeline.reconcile.EntityModelFn;
import dev.salvage.pipeline.reconcile.MergeSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Fits one {@link MatchModel} per entity type: the candidate pairs' comparison patterns are
 * counted, m is fitted by EM over those counts ({@link EmFit}) and u estimated from a sample of
 * random pairs ({@link UEstimate}), whose comparison levels all workers counted ({@link
 * SampleLevelCounts}). The result is a side input for scoring.
 */
final class FitMatchModels
    extends PTransform<
        PCollection<KV<String, List<MatchProfile>>>, PCollectionView<Map<String, MatchModel>>> {
  private final MergeSettings settings;
  private final PCollectionView<List<MatchProfile>> sample;

  /**
   * @param sample the profiles u is estimated from
   */
  FitMatchModels(MergeSettings settings, PCollectionView<List<MatchProfile>> sample) {
    this.settings = settings;
    this.sample = sample;
  }

  @Override
  public PCollectionView<Map<String, MatchModel>> expand(
      PCollection<KV<String, List<MatchProfile>>> pairs) {
    PCollectionView<Map<String, List<Long>>> sampleCounts =
        pairs.getPipeline().apply("SampleLevelCounts", new SampleLevelCounts(settings, sample));
    return pairs
        .apply("Patterns", ParDo.of(new PatternFn(settings)))
        .setCoder(StringUtf8Coder.of())
        .apply("CountPatterns", Count.perElement())
        .apply("PatternsByEntity", ParDo.of(new ByEntityFn()))
        .setCoder(
            KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
        .apply("GroupPatterns", GroupByKey.create())
        .apply(
            "FitModels",
            ParDo.of(new FitFn(settings, sample, sampleCounts))
                .withSideInputs(sample, sampleCounts))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), MatchCoders.model()))
        .apply("ModelView", View.asMap());
  }

  static final class PatternFn extends EntityModelFn<KV<String, List<MatchProfile>>, String> {
    PatternFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(@Element KV<String, List<MatchProfile>> pair, OutputReceiver<String> out) {
      MatchProfile a = pair.getValue().get(0);
      if (!pair.getValue().get(1).identified()) {
        // m is fitted on what attachments decide (unlinked against identified); an empty pattern
        // still makes the entity type get a model, u from the sample
        out.output(a.entity() + "\t");
        return;
      }
      int[] levels = unfitted(model(), a.entity()).levels(a, pair.getValue().get(1));
      StringBuilder pattern = new StringBuilder(a.entity()).append('\t');
      for (int f = 0; f < levels.length; f++) {
        pattern.append(f == 0 ? "" : ",").append(levels[f]);
      }
      out.output(pattern.toString());
    }
  }

  static final class ByEntityFn extends DoFn<KV<String, Long>, KV<String, KV<String, Long>>> {
    @ProcessElement
    public void process(
        @Element KV<String, Long> pattern, OutputReceiver<KV<String, KV<String, Long>>> out) {
      String[] parts = pattern.getKey().split("\t", 2);
      out.output(KV.of(parts[0], KV.of(parts[1], pattern.getValue())));
    }
  }

  static final class FitFn
      extends EntityModelFn<KV<String, Iterable<KV<String, Long>>>, KV<String, MatchModel>> {
    private final PCollectionView<List<MatchProfile>> sample;
    private final PCollectionView<Map<String, List<Long>>> sampleCounts;

    FitFn(
        MergeSettings settings,
        PCollectionView<List<MatchProfile>> sample,
        PCollectionView<Map<String, List<Long>>> sampleCounts) {
      super(settings);
      this.sample = sample;
      this.sampleCounts = sampleCounts;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<KV<String, Long>>> patterns,
        OutputReceiver<KV<String, MatchModel>> out,
        ProcessContext context) {
      String entity = patterns.getKey();
      Map<String, Long> sorted = new TreeMap<>();
      for (KV<String, Long> p : patterns.getValue()) {
        if (!p.getKey().isEmpty()) {
          sorted.merge(p.getKey(), p.getValue(), Long::sum);
        }
      }
      Map<int[], Long> counts = new LinkedHashMap<>();
      sorted.forEach((pattern, n) -> counts.put(parsePattern(pattern), n));
      List<MatchProfile> ofEntity =
          context.sideInput(sample).stream().filter(p -> p.entity().equals(entity)).toList();
      MatchModel template = unfitted(model(), entity);
      List<Long> levelCounts = context.sideInput(sampleCounts).get(entity);
      out.output(
          KV.of(
              entity,
              levelCounts == null
                  ? MatchModel.fit(
                      entity, template.fields(), template.comparisons(), ofEntity, counts)
                  : MatchModel.fit(
                      template,
                      ofEntity,
                      counts,
                      SampleLevelCounts.unflatten(template, levelCounts))));
    }

    private static int[] parsePattern(String pattern) {
      String[] parts = pattern.split(",");
      int[] levels = new int[parts.length];
      for (int i = 0; i < parts.length; i++) {
        levels[i] = Integer.parseInt(parts[i]);
      }
      return levels;
    }
  }

  /** The compared fields and their comparisons, with prior m and u. */
  static MatchModel unfitted(EntityModel model, String entity) {
    EntityType type = model.type(entity);
    List<String> fields = model.linking(entity).compare();
    List<FieldComparison> comparisons = new ArrayList<>();
    for (String field : fields) {
      FieldType fieldType = type.fields().get(field);
      comparisons.add(
          field.equals(LinkingSettings.FIRST_SEEN)
              ? FieldComparison.FIRST_SEEN
              : fieldType == null ? FieldComparison.TIME : FieldComparison.of(fieldType));
    }
    return MatchModel.unfitted(entity, fields, comparisons);
  }
}
