package dev.salvage.pipeline.match;

import dev.salvage.mappings.LinkingSettings;
import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Contribution;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Link;
import dev.salvage.pipeline.reconcile.EntityModelFn;
import dev.salvage.pipeline.reconcile.MergeSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Scores every candidate pair with the fitted model and the population prior, then decides per
 * unlinked record ({@link AttachmentPolicy}) what becomes of it, from its best candidates. Output:
 * the decisions keyed by the unlinked record's profile key; counts per kind of decision as Beam
 * counters ({@link Counts#add}).
 */
final class DecideMatches
    extends PTransform<
        PCollection<KV<String, List<MatchProfile>>>, PCollection<KV<String, MatchDecision>>> {
  private final MergeSettings settings;
  private final PCollectionView<Map<String, MatchModel>> models;
  private final PCollectionView<Map<String, Long>> population;
  private final String counterScope;

  /**
   * @param models the fitted model of each entity type
   * @param population how many identified and unlinked records of each type there are
   * @param counterScope put between {@code linking.<entity>.} and each counter's name, so that a
   *     second round of decisions is counted apart ("" for the first)
   */
  DecideMatches(
      MergeSettings settings,
      PCollectionView<Map<String, MatchModel>> models,
      PCollectionView<Map<String, Long>> population,
      String counterScope) {
    this.settings = settings;
    this.models = models;
    this.population = population;
    this.counterScope = counterScope;
  }

  @Override
  public PCollection<KV<String, MatchDecision>> expand(
      PCollection<KV<String, List<MatchProfile>>> pairs) {
    return pairs
        .apply(
            "ScorePairs",
            ParDo.of(new ScoreFn(models, population)).withSideInputs(models, population))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), MatchCoders.candidate()))
        .apply("KeepBestCandidates", Combine.perKey(new BestCandidatesFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(MatchCoders.candidate())))
        .apply("Decide", ParDo.of(new DecideFn(settings, counterScope)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), MatchCoders.decision()));
  }

  static final class ScoreFn extends DoFn<KV<String, List<MatchProfile>>, KV<String, Candidate>> {
    private final PCollectionView<Map<String, MatchModel>> models;
    private final PCollectionView<Map<String, Long>> population;

    ScoreFn(
        PCollectionView<Map<String, MatchModel>> models,
        PCollectionView<Map<String, Long>> population) {
      this.models = models;
      this.population = population;
    }

    @ProcessElement
    public void process(
        @Element KV<String, List<MatchProfile>> pair,
        OutputReceiver<KV<String, Candidate>> out,
        ProcessContext context) {
      MatchProfile a = pair.getValue().get(0);
      MatchProfile b = pair.getValue().get(1);
      MatchModel model = context.sideInput(models).get(a.entity());
      Map<String, Long> counts = context.sideInput(population);
      long n = counts.getOrDefault(PopulationPrior.populationKey(a.entity(), b.identified()), 1L);
      Contribution prior = PopulationPrior.of(a.entity(), b.identified(), n);
      out.output(KV.of(a.key(), candidate(model, prior, a, b)));
      if (!b.identified()) {
        out.output(KV.of(b.key(), candidate(model, prior, b, a)));
      }
    }

    private static Candidate candidate(
        MatchModel model, Contribution prior, MatchProfile a, MatchProfile b) {
      List<Contribution> parts = new ArrayList<>();
      parts.add(prior);
      parts.addAll(model.explain(a, b));
      double weight = MatchModel.total(parts);
      Link link = new Link(List.of(), weight, MatchModel.probability(weight), false, parts);
      return new Candidate(
          b.key(), link, b.identified() ? Candidate.Kind.IDENTIFIED : Candidate.Kind.PARTNER);
    }
  }

  /**
   * Keeps of one unlinked record's candidates only those a decision looks at ({@link
   * AttachmentPolicy#RANKS_DECIDED_ON} of each kind), so that Flink combines them before the
   * shuffle instead of sorting every scored pair (a million at 100k bookings) by record.
   */
  static final class BestCandidatesFn
      extends Combine.CombineFn<Candidate, List<Candidate>, List<Candidate>> {
    @Override
    public List<Candidate> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<Candidate> addInput(List<Candidate> best, Candidate candidate) {
      int sameKind = 0;
      int position = best.size();
      for (int i = best.size() - 1; i >= 0; i--) {
        Candidate kept = best.get(i);
        if (kept.kind() == candidate.kind()) {
          sameKind++;
          if (AttachmentPolicy.RANKING.compare(candidate, kept) < 0) {
            position = i;
          }
        }
      }
      if (sameKind < AttachmentPolicy.RANKS_DECIDED_ON) {
        best.add(position, candidate);
      } else if (position < best.size()) {
        best.add(position, candidate);
        removeLastOfKind(best, candidate.kind());
      }
      return best;
    }

    @Override
    public List<Candidate> mergeAccumulators(Iterable<List<Candidate>> accumulators) {
      List<Candidate> merged = createAccumulator();
      for (List<Candidate> best : accumulators) {
        best.forEach(candidate -> addInput(merged, candidate));
      }
      return merged;
    }

    @Override
    public List<Candidate> extractOutput(List<Candidate> best) {
      return best;
    }

    @Override
    public Coder<List<Candidate>> getAccumulatorCoder(
        CoderRegistry registry, Coder<Candidate> inputCoder) {
      return ListCoder.of(MatchCoders.candidate());
    }

    private static void removeLastOfKind(List<Candidate> best, Candidate.Kind kind) {
      for (int i = best.size() - 1; i >= 0; i--) {
        if (best.get(i).kind() == kind) {
          best.remove(i);
          return;
        }
      }
    }
  }

  static final class DecideFn
      extends EntityModelFn<KV<String, List<Candidate>>, KV<String, MatchDecision>> {
    private final String counterScope;

    DecideFn(MergeSettings settings, String counterScope) {
      super(settings);
      this.counterScope = counterScope;
    }

    @ProcessElement
    public void process(
        @Element KV<String, List<Candidate>> group, OutputReceiver<KV<String, MatchDecision>> out) {
      String entity = group.getKey().split(":", 3)[1];
      LinkingSettings linking = model().linking(entity);
      List<Candidate> candidates = new ArrayList<>();
      List<Candidate> partners = new ArrayList<>();
      for (Candidate candidate : group.getValue()) {
        (candidate.partner() ? partners : candidates).add(candidate);
      }
      String prefix = "linking." + entity + "." + counterScope;
      MatchDecision decision =
          AttachmentPolicy.decideAll(
              linking,
              candidates,
              partners,
              () -> Counts.add(prefix + "preferred_unlinked_partner", 1));
      if (decision != null) {
        Counts.add(prefix + decision.counter(), 1);
      }
      decision = AttachmentPolicy.withPartner(linking, decision, partners);
      if (decision != null) {
        out.output(KV.of(group.getKey(), decision));
      }
    }
  }
}
