package dev.salvage.pipeline;

import static java.util.Objects.requireNonNull;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.FieldType;
import dev.salvage.mappings.LinkingSettings;
import dev.salvage.mappings.MappingException;
import dev.salvage.pipeline.ReconstructedRecord.Contribution;
import dev.salvage.pipeline.ReconstructedRecord.Link;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Top;
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
 * Attaches evidence that lacks its entity's identifying keys (a payment without the booking
 * reference, a calendar event without it) to an identified entity of the same type by
 * Fellegi-Sunter matching: blocking rules pick candidate pairs by grouping on blocking keys, each
 * pair is weighed field by field with m fitted by EM over the candidates and u from random pairs,
 * and the best candidate is taken when it clears the entity type's thresholds and no runner-up
 * comes close. Only unlinked evidence is ever attached, to one identified entity, so two identified
 * entities are never merged. Entity types without a {@code linking:} section pass through.
 *
 * <p>Evidence that matches no identified entity (and is not ambiguous) can become a new entity when
 * the type's {@code new_entity} fields are set: it pairs with the one piece of such evidence it
 * matches best if that piece matches it best too (above {@code link}, no contradicting strong key,
 * clear of the runner-up), so groups cannot chain; a group (or lone piece) holding all the {@code
 * new_entity} fields becomes a NEW record flagged for review, the rest stays unlinked.
 *
 * <p>Input: a tuple with {@link MergeClusters#RECORDS} and {@link MergeClusters#UNLINKED}.
 */
public final class MatchUnlinkedEvidence extends PTransform<PCollectionTuple, PCollectionTuple> {
  public static final TupleTag<ReconstructedRecord> RECORDS = new TupleTag<>() {};
  public static final TupleTag<ReconstructedRecord> UNLINKED = new TupleTag<>() {};
  public static final TupleTag<KV<String, Long>> COUNTS = new TupleTag<>() {};

  /** Profiles drawn (deterministically, by hash) to estimate u from random pairs. */
  static final int U_SAMPLE = 1500;

  private static final TupleTag<KV<String, MatchProfile>> BLOCKED = new TupleTag<>() {};
  private static final TupleTag<KV<String, Decision>> DECISIONS = new TupleTag<>() {};
  private static final TupleTag<KV<String, Attachment>> ATTACHMENTS = new TupleTag<>() {};
  private static final TupleTag<KV<String, Attachment>> PROPOSALS = new TupleTag<>() {};

  private final MergeSettings settings;

  public MatchUnlinkedEvidence(MergeSettings settings) {
    this.settings = settings;
  }

  /**
   * A scored candidate of one unlinked record: an identified record, or another unlinked one
   * ({@code partner}) it might form a new entity with.
   */
  record Candidate(String identified, Link link, boolean partner) {}

  /** What a decision did with an unlinked record. */
  enum Outcome {
    /** Attached to an identified record. */
    ATTACH,
    /** No identified record matches well enough: it may still form a new entity. */
    BELOW_THRESHOLD,
    /** Two identified records match about equally: left for a person. */
    AMBIGUOUS,
    /** Matches no identified record but pairs with another unlinked one into a new entity. */
    PAIR
  }

  /**
   * What became of one unlinked record: attached to {@code identified}, or why not; {@code partner}
   * names the unlinked record it would form a new entity with ({@code link} then weighs that pair).
   */
  record Decision(Outcome outcome, String identified, Link link, String reason, String partner) {
    Decision {
      requireNonNull(outcome, "outcome");
    }

    static Decision notAttached(Outcome outcome, String reason) {
      return new Decision(outcome, null, null, reason, null);
    }

    /** Whether the record may still become (part of) a new entity. */
    boolean mayBeNew() {
      return outcome == Outcome.BELOW_THRESHOLD || outcome == Outcome.PAIR;
    }
  }

  /** An unlinked record on its way to the identified record it joins. */
  record Attachment(ReconstructedRecord record, Link link) {}

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    PCollection<ReconstructedRecord> identified = input.get(MergeClusters.RECORDS);
    PCollection<ReconstructedRecord> unlinked = input.get(MergeClusters.UNLINKED);

    PCollection<MatchProfile> profiles =
        PCollectionList.of(
                identified
                    .apply("ProfileIdentified", ParDo.of(new ProfileFn(settings, true)))
                    .setCoder(Coders.matchProfile()))
            .and(
                unlinked
                    .apply("ProfileUnlinked", ParDo.of(new ProfileFn(settings, false)))
                    .setCoder(Coders.matchProfile()))
            .apply("AllProfiles", Flatten.pCollections())
            .setCoder(Coders.matchProfile());

    PCollectionView<List<MatchProfile>> sample =
        profiles
            .apply("SampleForU", Top.of(U_SAMPLE, new ByHash()))
            .setCoder(ListCoder.of(Coders.matchProfile()))
            .apply("SampleView", View.asSingleton());

    PCollectionTuple blocked =
        profiles.apply(
            "BlockingKeys",
            ParDo.of(new BlockingKeysFn(settings))
                .withOutputTags(BLOCKED, TupleTagList.of(COUNTS)));
    blocked.get(BLOCKED).setCoder(KvCoder.of(StringUtf8Coder.of(), Coders.matchProfile()));
    blocked.get(COUNTS).setCoder(Counts.coder());

    TupleTag<KV<String, List<MatchProfile>>> pairTag = new TupleTag<>() {};
    PCollectionTuple expanded =
        blocked
            .get(BLOCKED)
            .apply("GroupBlocks", GroupByKey.create())
            .apply(
                "CandidatePairs",
                ParDo.of(new CandidatePairsFn(settings, pairTag))
                    .withOutputTags(pairTag, TupleTagList.of(COUNTS)));
    expanded.get(COUNTS).setCoder(Counts.coder());
    PCollection<KV<String, List<MatchProfile>>> pairs =
        expanded
            .get(pairTag)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(Coders.matchProfile())))
            .apply("DistinctPairs", Combine.perKey(new FirstFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(Coders.matchProfile())));

    PCollectionView<Map<String, MatchModel>> models =
        pairs
            .apply("Patterns", ParDo.of(new PatternFn(settings)))
            .setCoder(StringUtf8Coder.of())
            .apply("CountPatterns", Count.perElement())
            .apply("PatternsByEntity", ParDo.of(new ByEntityFn()))
            .setCoder(
                KvCoder.of(
                    StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
            .apply("GroupPatterns", GroupByKey.create())
            .apply("FitModels", ParDo.of(new FitFn(settings, sample)).withSideInputs(sample))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), JsonCoder.of(MatchModel.class)))
            .apply("ModelView", View.asMap());

    PCollectionView<Map<String, Long>> population =
        profiles
            .apply("PopulationKeys", ParDo.of(new PopulationKeyFn()))
            .setCoder(StringUtf8Coder.of())
            .apply("CountPopulation", Count.perElement())
            .apply("PopulationView", View.asMap());

    PCollectionTuple decided =
        pairs
            .apply(
                "ScorePairs",
                ParDo.of(new ScoreFn(models, population)).withSideInputs(models, population))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), JsonCoder.of(Candidate.class)))
            .apply("GroupCandidates", GroupByKey.create())
            .apply(
                "Decide",
                ParDo.of(new DecideFn(settings))
                    .withOutputTags(DECISIONS, TupleTagList.of(COUNTS)));
    decided.get(DECISIONS).setCoder(KvCoder.of(StringUtf8Coder.of(), JsonCoder.of(Decision.class)));
    decided.get(COUNTS).setCoder(Counts.coder());

    TupleTag<ReconstructedRecord> unlinkedTag = new TupleTag<>() {};
    TupleTag<Decision> decisionTag = new TupleTag<>() {};
    PCollectionTuple routed =
        KeyedPCollectionTuple.of(
                unlinkedTag,
                unlinked
                    .apply("KeyUnlinked", ParDo.of(new KeyUnlinkedFn()))
                    .setCoder(
                        KvCoder.of(StringUtf8Coder.of(), JsonCoder.of(ReconstructedRecord.class))))
            .and(decisionTag, decided.get(DECISIONS))
            .apply("JoinDecisions", CoGroupByKey.create())
            .apply(
                "Route",
                ParDo.of(new RouteFn(settings, unlinkedTag, decisionTag))
                    .withOutputTags(ATTACHMENTS, TupleTagList.of(UNLINKED).and(PROPOSALS)));
    routed
        .get(ATTACHMENTS)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), JsonCoder.of(Attachment.class)));
    routed.get(UNLINKED).setCoder(JsonCoder.of(ReconstructedRecord.class));
    routed
        .get(PROPOSALS)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), JsonCoder.of(Attachment.class)));

    PCollectionTuple created =
        routed
            .get(PROPOSALS)
            .apply("GroupNewEntities", GroupByKey.create())
            .apply(
                "NewEntities",
                ParDo.of(new NewEntityFn(settings))
                    .withOutputTags(RECORDS, TupleTagList.of(UNLINKED).and(COUNTS)));
    created.get(RECORDS).setCoder(JsonCoder.of(ReconstructedRecord.class));
    created.get(UNLINKED).setCoder(JsonCoder.of(ReconstructedRecord.class));
    created.get(COUNTS).setCoder(Counts.coder());

    TupleTag<ReconstructedRecord> recordTag = new TupleTag<>() {};
    TupleTag<Attachment> attachmentTag = new TupleTag<>() {};
    PCollectionTuple attached =
        KeyedPCollectionTuple.of(
                recordTag,
                identified
                    .apply("KeyIdentified", ParDo.of(new KeyIdentifiedFn()))
                    .setCoder(
                        KvCoder.of(StringUtf8Coder.of(), JsonCoder.of(ReconstructedRecord.class))))
            .and(attachmentTag, routed.get(ATTACHMENTS))
            .apply("JoinAttachments", CoGroupByKey.create())
            .apply(
                "Attach",
                ParDo.of(new AttachFn(settings, recordTag, attachmentTag))
                    .withOutputTags(RECORDS, TupleTagList.of(UNLINKED).and(COUNTS)));
    attached.get(RECORDS).setCoder(JsonCoder.of(ReconstructedRecord.class));
    attached.get(UNLINKED).setCoder(JsonCoder.of(ReconstructedRecord.class));
    attached.get(COUNTS).setCoder(Counts.coder());

    PCollection<ReconstructedRecord> stillUnlinked =
        PCollectionList.of(routed.get(UNLINKED))
            .and(attached.get(UNLINKED))
            .and(created.get(UNLINKED))
            .apply("AllUnlinked", Flatten.pCollections());
    PCollection<ReconstructedRecord> records =
        PCollectionList.of(attached.get(RECORDS))
            .and(created.get(RECORDS))
            .apply("AllRecords", Flatten.pCollections());
    PCollection<KV<String, Long>> counts =
        PCollectionList.of(blocked.get(COUNTS))
            .and(expanded.get(COUNTS))
            .and(decided.get(COUNTS))
            .and(attached.get(COUNTS))
            .and(created.get(COUNTS))
            .apply("AllLinkingCounts", Flatten.pCollections());
    return PCollectionTuple.of(RECORDS, records).and(UNLINKED, stillUnlinked).and(COUNTS, counts);
  }

  /** The entity model, parsed once per worker. */
  abstract static class ModelFn<I, O> extends DoFn<I, O> {
    private final MergeSettings settings;
    transient EntityModel model;

    ModelFn(MergeSettings settings) {
      this.settings = settings;
    }

    @Setup
    public void parseModel() throws MappingException {
      model = EntityModel.parse(settings.entityModelYaml(), settings.entityModelLabel());
    }

    MergeSettings settings() {
      return settings;
    }
  }

  static final class ProfileFn extends ModelFn<ReconstructedRecord, MatchProfile> {
    private final boolean identified;

    ProfileFn(MergeSettings settings, boolean identified) {
      super(settings);
      this.identified = identified;
    }

    @ProcessElement
    public void process(@Element ReconstructedRecord record, OutputReceiver<MatchProfile> out) {
      LinkingSettings linking = model.linking(record.entity());
      if (linking == null) {
        return;
      }
      out.output(
          identified
              ? MatchProfile.identified(record, linking.compare())
              : MatchProfile.unlinked(record, linking.compare()));
    }
  }

  static final class BlockingKeysFn extends ModelFn<MatchProfile, KV<String, MatchProfile>> {
    BlockingKeysFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(@Element MatchProfile profile, MultiOutputReceiver out) {
      EntityType type = model.type(profile.entity());
      for (List<String> rule : model.linking(profile.entity()).block()) {
        String name = String.join("+", rule);
        List<String> keys = BlockingKeys.of(type, rule, profile);
        for (String key : keys) {
          out.get(BLOCKED).output(KV.of(profile.entity() + "|" + name + "|" + key, profile));
        }
        out.get(COUNTS)
            .output(
                Counts.of("linking." + profile.entity() + ".block." + name + ".keys", keys.size()));
      }
    }
  }

  static final class CandidatePairsFn
      extends ModelFn<KV<String, Iterable<MatchProfile>>, KV<String, List<MatchProfile>>> {
    private final TupleTag<KV<String, List<MatchProfile>>> pairTag;

    CandidatePairsFn(MergeSettings settings, TupleTag<KV<String, List<MatchProfile>>> pairTag) {
      super(settings);
      this.pairTag = pairTag;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<MatchProfile>> block, MultiOutputReceiver out) {
      String[] parts = block.getKey().split("\\|", 3);
      String prefix = "linking." + parts[0] + ".block." + parts[1];
      int maxBlock = model.linking(parts[0]).maxBlock();
      List<MatchProfile> unlinked = new ArrayList<>();
      List<MatchProfile> identified = new ArrayList<>();
      int size = 0;
      for (MatchProfile profile : block.getValue()) {
        size++;
        if (size <= maxBlock) {
          (profile.identified() ? identified : unlinked).add(profile);
        }
      }
      if (size > maxBlock) {
        out.get(COUNTS).output(Counts.of(prefix + ".oversized_blocks", 1));
        out.get(COUNTS).output(Counts.of(prefix + ".oversized_records", size));
        return;
      }
      // a pair whose strong keys contradict (two payment ids) can never link: refused before it
      // is shuffled and scored (at 100k bookings, 40% of the candidate pairs)
      long pairs = 0;
      long refused = 0;
      for (MatchProfile a : unlinked) {
        for (MatchProfile b : identified) {
          if (a.contradicts(b)) {
            refused++;
          } else {
            pairs++;
            out.get(pairTag).output(KV.of(a.key() + "\n" + b.key(), List.of(a, b)));
          }
        }
      }
      if (pairs > 0) {
        out.get(COUNTS).output(Counts.of(prefix + ".pairs", pairs));
      }
      if (refused > 0) {
        out.get(COUNTS).output(Counts.of(prefix + ".refused_strong_key_conflict", refused));
      }
      if (!model.linking(parts[0]).newEntity().isEmpty() && unlinked.size() > 1) {
        unlinked.sort(Comparator.comparing(MatchProfile::key));
        long unlinkedPairs = 0;
        for (int i = 0; i < unlinked.size(); i++) {
          for (int j = i + 1; j < unlinked.size(); j++) {
            MatchProfile a = unlinked.get(i);
            MatchProfile b = unlinked.get(j);
            if (!a.contradicts(b)) {
              unlinkedPairs++;
              out.get(pairTag).output(KV.of(a.key() + "\n" + b.key(), List.of(a, b)));
            }
          }
        }
        if (unlinkedPairs > 0) {
          out.get(COUNTS).output(Counts.of(prefix + ".unlinked_pairs", unlinkedPairs));
        }
      }
    }
  }

  static final class FirstFn
      implements org.apache.beam.sdk.transforms.SerializableFunction<
          Iterable<List<MatchProfile>>, List<MatchProfile>> {
    @Override
    public List<MatchProfile> apply(Iterable<List<MatchProfile>> pairs) {
      return pairs.iterator().next();
    }
  }

  static final class PatternFn extends ModelFn<KV<String, List<MatchProfile>>, String> {
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
      int[] levels = unfitted(model, a.entity()).levels(a, pair.getValue().get(1));
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
      extends ModelFn<KV<String, Iterable<KV<String, Long>>>, KV<String, MatchModel>> {
    private final PCollectionView<List<MatchProfile>> sample;

    FitFn(MergeSettings settings, PCollectionView<List<MatchProfile>> sample) {
      super(settings);
      this.sample = sample;
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
      MatchModel template = unfitted(model, entity);
      out.output(
          KV.of(
              entity,
              MatchModel.fit(entity, template.fields(), template.comparisons(), ofEntity, counts)));
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
      comparisons.add(fieldType == null ? FieldComparison.TIME : FieldComparison.of(fieldType));
    }
    return MatchModel.fit(entity, fields, comparisons, List.of(), Map.of());
  }

  /** Keys a profile by what it can be compared with: identified or unlinked of its type. */
  static final class PopulationKeyFn extends DoFn<MatchProfile, String> {
    @ProcessElement
    public void process(@Element MatchProfile profile, OutputReceiver<String> out) {
      out.output(populationKey(profile.entity(), profile.identified()));
    }
  }

  static String populationKey(String entity, boolean identified) {
    return entity + (identified ? "|identified" : "|unlinked");
  }

  /**
   * The prior of a pair as a contribution to its weight: a piece of evidence has at most one match
   * among the n records it could be compared with, so before any field is looked at the odds are 1
   * in n. This is what keeps thresholds meaning the same at 200 and at 100,000 bookings: the more
   * bookings, the more look-alikes, the more the fields must agree.
   */
  static Contribution prior(String entity, boolean identified, long population) {
    long n = Math.max(1, population);
    return new Contribution(
        PRIOR,
        null,
        null,
        "1 in " + n + (identified ? " identified " : " unlinked ") + entity + " records",
        Math.round(-Math.log(n) / Math.log(2) * 1000) / 1000.0);
  }

  /** The name of the prior's line in a link's waterfall. */
  static final String PRIOR = "(prior)";

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
      long n = counts.getOrDefault(populationKey(a.entity(), b.identified()), 1L);
      Contribution prior = prior(a.entity(), b.identified(), n);
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
      return new Candidate(b.key(), link, !b.identified());
    }
  }

  static final class DecideFn
      extends ModelFn<KV<String, Iterable<Candidate>>, KV<String, Decision>> {
    DecideFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<Candidate>> group, MultiOutputReceiver out) {
      String entity = group.getKey().split(":", 3)[1];
      LinkingSettings linking = model.linking(entity);
      List<Candidate> candidates = new ArrayList<>();
      List<Candidate> partners = new ArrayList<>();
      for (Candidate candidate : group.getValue()) {
        (candidate.partner() ? partners : candidates).add(candidate);
      }
      String prefix = "linking." + entity + ".";
      Decision decision = candidates.isEmpty() ? null : decide(linking, candidates);
      Decision preferred = preferPartner(linking, decision, partners);
      if (preferred != decision) {
        out.get(COUNTS).output(Counts.of(prefix + "preferred_unlinked_partner", 1));
        decision = preferred;
      }
      if (decision != null) {
        String outcome =
            switch (decision.outcome()) {
              case AMBIGUOUS -> "ambiguous";
              case ATTACH -> decision.link().review() ? "attached_for_review" : "attached";
              default -> "below_threshold";
            };
        out.get(COUNTS).output(Counts.of(prefix + outcome, 1));
      }
      if ((decision == null || decision.mayBeNew()) && !linking.newEntity().isEmpty()) {
        Decision paired = decidePartner(linking, partners);
        if (paired != null) {
          String reason = decision == null ? null : decision.reason();
          decision = new Decision(Outcome.PAIR, null, paired.link(), reason, paired.partner());
        }
      }
      if (decision != null) {
        out.get(DECISIONS).output(KV.of(group.getKey(), decision));
      }
    }
  }

  /**
   * An attachment undone because the record matches another piece of unlinked evidence better than
   * the identified record: the payment of a customer's second booking, whose only other trace is
   * that booking's calendar event, resembles the customer's first booking (same email, name,
   * branch) but its event more. Attaching it would put one booking's payment on another.
   */
  static Decision preferPartner(
      LinkingSettings linking, Decision decision, List<Candidate> partners) {
    if (decision == null || decision.outcome() != Outcome.ATTACH || partners.isEmpty()) {
      return decision;
    }
    Candidate best = ranked(partners).get(0);
    if (best.link().weight() < linking.review()
        || best.link().weight() <= decision.link().weight()) {
      return decision;
    }
    return Decision.notAttached(
        Outcome.BELOW_THRESHOLD,
        "matches unlinked "
            + weighed(best.identified(), best.link())
            + " better than "
            + weighed(decision.identified(), decision.link()));
  }

  /** Heaviest first; ties in a fixed order, so reruns decide alike. */
  private static List<Candidate> ranked(List<Candidate> candidates) {
    List<Candidate> ranked = new ArrayList<>(candidates);
    ranked.sort(
        Comparator.comparingDouble((Candidate c) -> -c.link().weight())
            .thenComparing(Candidate::identified));
    return ranked;
  }

  private static String weighed(String record, Link link) {
    return record + " (weight " + link.weight() + ")";
  }

  /**
   * The unlinked record to form a new entity with: the heaviest partner at or above {@code link},
   * clear of the runner-up by {@code ambiguity}; else null.
   */
  static Decision decidePartner(LinkingSettings linking, List<Candidate> partners) {
    List<Candidate> ranked = ranked(partners);
    if (ranked.isEmpty() || ranked.get(0).link().weight() < linking.link()) {
      return null;
    }
    if (ranked.size() > 1
        && ranked.get(0).link().weight() - ranked.get(1).link().weight() < linking.ambiguity()) {
      return null;
    }
    Link link = ranked.get(0).link();
    return new Decision(
        Outcome.PAIR,
        null,
        new Link(List.of(), link.weight(), link.probability(), true, link.fields()),
        null,
        ranked.get(0).identified());
  }

  /** The best candidate when it clears the thresholds and stands clear of the runner-up. */
  static Decision decide(LinkingSettings linking, List<Candidate> candidates) {
    List<Candidate> ranked = ranked(candidates);
    if (ranked.isEmpty() || ranked.get(0).link().weight() < linking.review()) {
      String best =
          ranked.isEmpty() ? "no candidate" : "best weight " + ranked.get(0).link().weight();
      return Decision.notAttached(
          Outcome.BELOW_THRESHOLD,
          "no match above the review threshold " + linking.review() + " (" + best + ")");
    }
    Candidate best = ranked.get(0);
    if (ranked.size() > 1
        && ranked.get(1).link().weight() >= linking.review()
        && best.link().weight() - ranked.get(1).link().weight() < linking.ambiguity()) {
      Candidate second = ranked.get(1);
      return Decision.notAttached(
          Outcome.AMBIGUOUS,
          "ambiguous: "
              + weighed(best.identified(), best.link())
              + " and "
              + weighed(second.identified(), second.link())
              + " match about equally");
    }
    Link link = best.link();
    boolean review = link.weight() < linking.link();
    return new Decision(
        Outcome.ATTACH,
        best.identified(),
        new Link(List.of(), link.weight(), link.probability(), review, link.fields()),
        null,
        null);
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

  static final class RouteFn extends ModelFn<KV<String, CoGbkResult>, KV<String, Attachment>> {
    private final TupleTag<ReconstructedRecord> unlinkedTag;
    private final TupleTag<Decision> decisionTag;

    RouteFn(
        MergeSettings settings,
        TupleTag<ReconstructedRecord> unlinkedTag,
        TupleTag<Decision> decisionTag) {
      super(settings);
      this.unlinkedTag = unlinkedTag;
      this.decisionTag = decisionTag;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> joined, MultiOutputReceiver out) {
      Decision decision = null;
      for (Decision d : joined.getValue().getAll(decisionTag)) {
        decision = d;
      }
      for (ReconstructedRecord record : joined.getValue().getAll(unlinkedTag)) {
        LinkingSettings linking = model.linking(record.entity());
        boolean mayBeNew =
            linking != null
                && !linking.newEntity().isEmpty()
                && (decision == null || decision.mayBeNew());
        if (mayBeNew) {
          ReconstructedRecord withReason =
              decision == null || decision.reason() == null
                  ? record
                  : RecordAttacher.withReason(record, decision.reason());
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
        } else if (decision.outcome() != Outcome.ATTACH) {
          out.get(UNLINKED).output(RecordAttacher.withReason(record, decision.reason()));
        } else {
          List<String> refs =
              record.evidence().stream().map(ReconstructedRecord.Evidence::ref).toList();
          Link link = decision.link();
          out.get(ATTACHMENTS)
              .output(
                  KV.of(
                      decision.identified(),
                      new Attachment(
                          record,
                          new Link(
                              refs,
                              link.weight(),
                              link.probability(),
                              link.review(),
                              link.fields()))));
        }
      }
    }
  }

  static final class AttachFn extends DoFn<KV<String, CoGbkResult>, ReconstructedRecord> {
    private final MergeSettings settings;
    private final TupleTag<ReconstructedRecord> recordTag;
    private final TupleTag<Attachment> attachmentTag;

    AttachFn(
        MergeSettings settings,
        TupleTag<ReconstructedRecord> recordTag,
        TupleTag<Attachment> attachmentTag) {
      this.settings = settings;
      this.recordTag = recordTag;
      this.attachmentTag = attachmentTag;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> joined, MultiOutputReceiver out) {
      List<Attachment> attachments = new ArrayList<>();
      joined.getValue().getAll(attachmentTag).forEach(attachments::add);
      List<ReconstructedRecord> records = new ArrayList<>();
      joined.getValue().getAll(recordTag).forEach(records::add);
      if (records.isEmpty()) {
        attachments.forEach(a -> out.get(UNLINKED).output(a.record()));
        return;
      }
      records.sort(Comparator.comparing(ReconstructedRecord::id));
      out.get(RECORDS)
          .output(
              RecordAttacher.attach(
                  settings, records.get(0), attachments, out.get(UNLINKED), out.get(COUNTS)));
      records.subList(1, records.size()).forEach(out.get(RECORDS)::output);
    }
  }

  /**
   * Turns evidence that matched no identified record into a new record: a mutually best pair, or a
   * lone piece, holding every {@code new_entity} field. Anything else stays unlinked.
   */
  static final class NewEntityFn
      extends ModelFn<KV<String, Iterable<Attachment>>, ReconstructedRecord> {
    NewEntityFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<Attachment>> group, MultiOutputReceiver out) {
      List<Attachment> members = new ArrayList<>();
      group.getValue().forEach(members::add);
      members.sort(Comparator.comparing(a -> MatchProfile.unlinkedKey(a.record())));
      boolean paired = members.size() == 2;
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
      MergeSettings settings = settings();
      ReconstructedRecord merged =
          link == null
              ? base
              : RecordAttacher.attach(
                  settings,
                  base,
                  List.of(new Attachment(pieces.get(1), link)),
                  out.get(UNLINKED),
                  out.get(COUNTS));
      List<String> missing =
          model.linking(base.entity()).newEntity().stream()
              .filter(field -> merged.value(field) == null)
              .toList();
      if (!missing.isEmpty()) {
        for (ReconstructedRecord piece : pieces) {
          out.get(UNLINKED)
              .output(
                  RecordAttacher.withReason(
                      piece,
                      "matches no "
                          + piece.entity()
                          + " and lacks "
                          + String.join(", ", missing)
                          + " to stand as a new one"));
        }
        out.get(COUNTS).output(Counts.of(prefix + "unmatched_incomplete", pieces.size()));
        return;
      }
      out.get(RECORDS)
          .output(RecordAttacher.asNew(merged, link == null ? 0.5 : link.probability()));
      out.get(COUNTS).output(Counts.of(prefix + "new_entities", 1));
      if (link != null) {
        out.get(COUNTS).output(Counts.of(prefix + "new_entities_paired", 1));
      }
    }
  }

  /** Orders profiles by a hash of their key: a deterministic stand-in for random sampling. */
  static final class ByHash implements Comparator<MatchProfile>, Serializable {
    @Override
    public int compare(MatchProfile a, MatchProfile b) {
      return Long.compare(hash(b.key()), hash(a.key()));
    }

    private static long hash(String key) {
      long h = 1125899906842597L;
      for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
        h = 31 * h + b;
        h ^= h >>> 29;
      }
      return h * 0x9E3779B97F4A7C15L;
    }
  }
}
