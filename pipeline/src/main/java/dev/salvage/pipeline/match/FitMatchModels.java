package dev.salvage.pipeline.match;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.FieldType;
import dev.salvage.mappings.LinkingSettings;
import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.bundle.BestPossibleWeight;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.reconcile.EntityModelFn;
import dev.salvage.pipeline.reconcile.MergeClusters;
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
 * Fits one {@link MatchModel} per entity type: m is learned from pairs known to match ({@link
 * KnownMatches}) where they suffice, the candidate pairs' comparison patterns are counted and EM
 * fits the rest of m over those counts ({@link EmFit}), and u is estimated from a sample of random
 * pairs ({@link UEstimate}), whose comparison levels all workers counted ({@link
 * SampleLevelCounts}). The result is a side input for scoring.
 */
final class FitMatchModels
    extends PTransform<
        PCollection<KV<String, List<MatchProfile>>>, PCollectionView<Map<String, MatchModel>>> {
  private final MergeSettings settings;
  private final PCollectionView<List<MatchProfile>> sample;
  private final PCollection<KV<ReconstructedRecord, ReconstructedRecord>> heldOut;
  private final PCollection<ReconstructedRecord> unlinked;
  private final PCollectionView<Map<String, Long>> population;

  /**
   * @param sample the profiles u is estimated from
   * @param heldOut pairs known to match ({@link MergeClusters#HELD_OUT}), m's first source
   * @param unlinked the unlinked records, whose sources weigh the known matches
   * @param population how many identified and unlinked records of each type there are (the prior of
   *     the best possible weight counted of each model, {@link BestPossibleFn})
   */
  FitMatchModels(
      MergeSettings settings,
      PCollectionView<List<MatchProfile>> sample,
      PCollection<KV<ReconstructedRecord, ReconstructedRecord>> heldOut,
      PCollection<ReconstructedRecord> unlinked,
      PCollectionView<Map<String, Long>> population) {
    this.settings = settings;
    this.sample = sample;
    this.heldOut = heldOut;
    this.unlinked = unlinked;
    this.population = population;
  }

  @Override
  public PCollectionView<Map<String, MatchModel>> expand(
      PCollection<KV<String, List<MatchProfile>>> pairs) {
    PCollectionView<Map<String, List<Long>>> sampleCounts =
        pairs.getPipeline().apply("SampleLevelCounts", new SampleLevelCounts(settings, sample));
    PCollectionView<Map<String, Iterable<KV<String, Long>>>> known =
        heldOut
            .apply("KnownMatchPatterns", ParDo.of(new KnownPatternFn(settings)))
            .setCoder(StringUtf8Coder.of())
            .apply("CountKnownPatterns", Count.perElement())
            .apply("KnownPatternsByEntity", ParDo.of(new ByEntityFn()))
            .setCoder(
                KvCoder.of(
                    StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
            .apply("KnownPatternsView", View.asMultimap());
    PCollectionView<Map<String, Long>> unlinkedSources =
        unlinked
            .apply("UnlinkedSources", ParDo.of(new UnlinkedSourceFn(settings)))
            .setCoder(StringUtf8Coder.of())
            .apply("CountUnlinkedSources", Count.perElement())
            .apply("UnlinkedSourcesView", View.asMap());
    PCollection<KV<String, MatchModel>> fitted =
        pairs
            .apply("Patterns", ParDo.of(new PatternFn(settings)))
            .setCoder(StringUtf8Coder.of())
            .apply("CountPatterns", Count.perElement())
            .apply("PatternsByEntity", ParDo.of(new ByEntityFn()))
            .setCoder(
                KvCoder.of(
                    StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
            .apply("GroupPatterns", GroupByKey.create())
            .apply(
                "FitModels",
                ParDo.of(new FitFn(settings, sample, sampleCounts, known, unlinkedSources))
                    .withSideInputs(sample, sampleCounts, known, unlinkedSources))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), MatchCoders.model()));
    fitted.apply(
        "CountBestPossibleWeights",
        ParDo.of(new BestPossibleFn(settings, population)).withSideInputs(population));
    return fitted.apply("ModelView", View.asMap());
  }

  /**
   * Counts of each fitted model the most a pair could weigh ({@link BestPossibleWeight}): the prior
   * of an attachment to an identified record, what each compared field's exact agreement adds, and
   * the type's thresholds. A model whose fields cannot together clear {@code link} attaches nothing
   * unflagged (below {@code review}, nothing at all), whatever the evidence agrees on, and the
   * decisions alone only say "below threshold" piece by piece.
   */
  static final class BestPossibleFn extends EntityModelFn<KV<String, MatchModel>, Void> {
    private final PCollectionView<Map<String, Long>> population;

    BestPossibleFn(MergeSettings settings, PCollectionView<Map<String, Long>> population) {
      super(settings);
      this.population = population;
    }

    @ProcessElement
    public void process(@Element KV<String, MatchModel> fitted, ProcessContext context) {
      String entity = fitted.getKey();
      MatchModel model = fitted.getValue();
      LinkingSettings linking = model().linking(entity);
      long n =
          context
              .sideInput(population)
              .getOrDefault(PopulationPrior.populationKey(entity, true), 1L);
      Counts.add(BestPossibleWeight.counter(entity, BestPossibleWeight.POPULATION), n);
      Counts.add(
          BestPossibleWeight.counter(entity, BestPossibleWeight.PRIOR_WEIGHT),
          BestPossibleWeight.thousandths(PopulationPrior.of(entity, true, n).weight()));
      Counts.add(
          BestPossibleWeight.counter(entity, BestPossibleWeight.LINK),
          BestPossibleWeight.thousandths(linking.link()));
      Counts.add(
          BestPossibleWeight.counter(entity, BestPossibleWeight.REVIEW),
          BestPossibleWeight.thousandths(linking.review()));
      for (int f = 0; f < model.fields().size(); f++) {
        Counts.add(
            BestPossibleWeight.fieldCounter(entity, f, model.fields().get(f)),
            BestPossibleWeight.thousandths(model.agreementWeight(f)));
      }
    }
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
      out.output(a.entity() + "\t" + KnownMatches.pattern(levels));
    }
  }

  /**
   * A held-out pair's comparison pattern, as {@code entity \t source \t pattern}: the piece's
   * source, so that each source weighs as much as its share of the unlinked evidence.
   */
  static final class KnownPatternFn
      extends EntityModelFn<KV<ReconstructedRecord, ReconstructedRecord>, String> {
    KnownPatternFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(
        @Element KV<ReconstructedRecord, ReconstructedRecord> pair, OutputReceiver<String> out) {
      ReconstructedRecord piece = pair.getKey();
      LinkingSettings linking = model().linking(piece.entity());
      if (linking == null || piece.evidence().isEmpty()) {
        return;
      }
      int[] levels =
          unfitted(model(), piece.entity())
              .levels(
                  MatchProfile.unlinked(piece, linking.profiled(), merger().linkKeys()),
                  MatchProfile.identified(
                      pair.getValue(), linking.profiled(), merger().linkKeys()));
      out.output(
          piece.entity()
              + "\t"
              + piece.evidence().get(0).source()
              + "\t"
              + KnownMatches.pattern(levels));
    }
  }

  /** {@code entity \t source} of an unlinked record: the source of its first evidence. */
  static final class UnlinkedSourceFn extends EntityModelFn<ReconstructedRecord, String> {
    UnlinkedSourceFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(@Element ReconstructedRecord record, OutputReceiver<String> out) {
      if (model().linking(record.entity()) != null && !record.evidence().isEmpty()) {
        out.output(record.entity() + "\t" + record.evidence().get(0).source());
      }
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
    private final PCollectionView<Map<String, Iterable<KV<String, Long>>>> known;
    private final PCollectionView<Map<String, Long>> unlinkedSources;

    FitFn(
        MergeSettings settings,
        PCollectionView<List<MatchProfile>> sample,
        PCollectionView<Map<String, List<Long>>> sampleCounts,
        PCollectionView<Map<String, Iterable<KV<String, Long>>>> known,
        PCollectionView<Map<String, Long>> unlinkedSources) {
      super(settings);
      this.sample = sample;
      this.sampleCounts = sampleCounts;
      this.known = known;
      this.unlinkedSources = unlinkedSources;
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
      List<MatchProfile> ofEntity = UEstimate.forU(context.sideInput(sample), entity);
      MatchModel template = unfitted(model(), entity);
      List<Long> levelCounts = context.sideInput(sampleCounts).get(entity);
      out.output(
          KV.of(
              entity,
              MatchModel.fit(
                  template,
                  ofEntity,
                  counts,
                  levelCounts == null
                      ? UEstimate.levelCounts(template, ofEntity, 0, 1)
                      : SampleLevelCounts.unflatten(template, levelCounts),
                  knownMatches(
                      entity,
                      context.sideInput(known).get(entity),
                      context.sideInput(unlinkedSources)))));
    }

    private static KnownMatches knownMatches(
        String entity, Iterable<KV<String, Long>> patterns, Map<String, Long> unlinkedSources) {
      Map<String, Map<String, Long>> bySource = new TreeMap<>();
      if (patterns != null) {
        for (KV<String, Long> pattern : patterns) {
          String[] parts = pattern.getKey().split("\t", 2);
          bySource
              .computeIfAbsent(parts[0], s -> new TreeMap<>())
              .merge(parts[1], pattern.getValue(), Long::sum);
        }
      }
      Map<String, Long> unlinked = new TreeMap<>();
      unlinkedSources.forEach(
          (key, n) -> {
            if (key.startsWith(entity + "\t")) {
              unlinked.put(key.substring(entity.length() + 1), n);
            }
          });
      return new KnownMatches(bySource, unlinked);
    }

    private static int[] parsePattern(String pattern) {
      return KnownMatches.parse(pattern, pattern.split(",", -1).length);
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
