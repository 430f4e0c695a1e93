package dev.salvage.pipeline.link;

import static java.util.Objects.requireNonNull;

import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.beam.Coders;
import dev.salvage.pipeline.beam.Counts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
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
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Links observations that share a strong key (same entity type, same key name, same value) into
 * clusters, and keys every observation by its cluster label.
 *
 * <p>Clusters are the connected components of the observation–key graph, found by label
 * propagation: every round, each key takes the smallest label among its observations and hands it
 * back to all of them. Each round is two shuffles and never needs a whole component in one worker.
 * Evidence chains are short (refund → charge → payment intent → reference), so a few rounds
 * converge; observations whose label still changed in the last round are counted as {@code
 * linking.unconverged} so a too-small round count cannot go unnoticed.
 *
 * <p>Only what can link takes part in the rounds: a key held by a single observation connects
 * nothing and is dropped, and an observation left without keys is a cluster of its own from the
 * start. Between rounds the answers a key sends back name the key, so an observation knows its keys
 * from them and the membership list is joined once, not every round.
 *
 * <p>The rounds shuffle {@link CompactIds} of observation ids and keys, not the texts: a third of
 * the bytes to move and sort each round.
 *
 * <p>A key value shared by more than {@code maxKeyFanout} observations (a shop's own phone number
 * on every calendar event, say) would glue unrelated entities together; such keys are not used for
 * linking and are reported as {@code linking.oversized_key}.
 */
public final class LinkObservations extends PTransform<PCollection<Observation>, PCollectionTuple> {

  /** Observations keyed by their cluster label. */
  public static final TupleTag<KV<String, Observation>> CLUSTERED = new TupleTag<>() {};

  /** Counts for the summary. */
  public static final TupleTag<KV<String, Long>> COUNTS = new TupleTag<>() {};

  private static final String SEPARATOR = "\u001f";
  private static final TupleTag<String> LABEL = new TupleTag<>() {};
  private static final TupleTag<String> MEMBERSHIP = new TupleTag<>() {};
  private static final TupleTag<KV<String, KV<String, String>>> OFFERS = new TupleTag<>() {};
  private static final TupleTag<KV<String, String>> ALONE = new TupleTag<>() {};
  private static final TupleTag<Observation> OBSERVATION = new TupleTag<>() {};

  private final int rounds;
  private final int maxKeyFanout;

  public LinkObservations(int rounds, int maxKeyFanout) {
    if (rounds < 1) {
      throw new IllegalArgumentException("Linking needs at least one round, got " + rounds);
    }
    if (maxKeyFanout < 2) {
      throw new IllegalArgumentException("maxKeyFanout must be at least 2, got " + maxKeyFanout);
    }
    this.rounds = rounds;
    this.maxKeyFanout = maxKeyFanout;
  }

  /** A stable id for an observation: identical observations (a duplicated mail) share it. */
  static String observationId(Observation observation) {
    return observation.entityType()
        + SEPARATOR
        + observation.sourceRef()
        + SEPARATOR
        + Integer.toHexString(
            (observation.rule() + observation.keys() + observation.fields()).hashCode());
  }

  static String typedKey(String entityType, String keyName, String value) {
    return entityType + SEPARATOR + keyName + SEPARATOR + value;
  }

  @Override
  public PCollectionTuple expand(PCollection<Observation> observations) {
    KvCoder<String, String> pairs = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    KvCoder<String, KV<String, String>> routed = KvCoder.of(StringUtf8Coder.of(), pairs);

    PCollection<KV<String, Observation>> byId =
        observations
            .apply("KeyById", ParDo.of(new KeyByIdFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), Coders.observation()));

    PCollectionTuple memberships =
        byId.apply("ListKeys", ParDo.of(new ListKeysFn()))
            .setCoder(pairs)
            .apply("GroupByKeyValue", GroupByKey.create())
            .apply(
                "DropOversizedKeys",
                ParDo.of(new DropOversizedKeysFn(maxKeyFanout))
                    .withOutputTags(DropOversizedKeysFn.KEPT, TupleTagList.of(COUNTS)));
    PCollection<KV<String, String>> idToKey =
        memberships.get(DropOversizedKeysFn.KEPT).setCoder(pairs);

    PCollectionTuple start =
        KeyedPCollectionTuple.of(
                LABEL, byId.apply("InitialLabels", ParDo.of(new InitialLabelFn())).setCoder(pairs))
            .and(MEMBERSHIP, idToKey)
            .apply("JoinKeys", CoGroupByKey.create())
            .apply(
                "FirstOffers",
                ParDo.of(new FirstOfferFn()).withOutputTags(OFFERS, TupleTagList.of(ALONE)));
    PCollection<KV<String, KV<String, String>>> offers = start.get(OFFERS).setCoder(routed);
    List<PCollection<KV<String, Long>>> counts = new ArrayList<>();
    counts.add(memberships.get(COUNTS).setCoder(Counts.coder()));
    PCollection<KV<String, String>> labels = null;
    for (int round = 1; round <= rounds; round++) {
      boolean last = round == rounds;
      PCollectionTuple taken =
          offers
              .apply("GroupOffers" + round, GroupByKey.create())
              .apply(
                  "TakeSmallestLabel" + round,
                  ParDo.of(new TakeSmallestLabelFn(last))
                      .withOutputTags(
                          TakeSmallestLabelFn.ANSWERS,
                          TupleTagList.of(TakeSmallestLabelFn.LABELS).and(COUNTS)));
      counts.add(taken.get(COUNTS).setCoder(Counts.coder()));
      taken.get(TakeSmallestLabelFn.ANSWERS).setCoder(routed);
      labels = taken.get(TakeSmallestLabelFn.LABELS).setCoder(pairs);
      if (!last) {
        offers =
            taken
                .get(TakeSmallestLabelFn.ANSWERS)
                .apply("GroupAnswers" + round, GroupByKey.create())
                .apply("OfferLabel" + (round + 1), ParDo.of(new OfferLabelFn()))
                .setCoder(routed);
      }
    }
    PCollection<KV<String, String>> allLabels =
        PCollectionList.of(labels)
            .and(start.get(ALONE).setCoder(pairs))
            .apply("AllLabels", org.apache.beam.sdk.transforms.Flatten.pCollections());

    PCollection<KV<String, Observation>> clustered =
        KeyedPCollectionTuple.of(LABEL, allLabels)
            .and(OBSERVATION, byId)
            .apply("JoinObservations", CoGroupByKey.create())
            .apply("KeyByCluster", ParDo.of(new KeyByClusterFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), Coders.observation()));

    PCollection<KV<String, Long>> allCounts =
        PCollectionList.of(counts)
            .apply("FlattenLinkCounts", org.apache.beam.sdk.transforms.Flatten.pCollections());
    return PCollectionTuple.of(CLUSTERED, clustered).and(COUNTS, allCounts);
  }

  static final class KeyByIdFn extends DoFn<Observation, KV<String, Observation>> {
    @ProcessElement
    public void process(
        @Element Observation observation, OutputReceiver<KV<String, Observation>> out) {
      out.output(KV.of(CompactIds.of(observationId(observation)), observation));
    }
  }

  static final class InitialLabelFn extends DoFn<KV<String, Observation>, KV<String, String>> {
    @ProcessElement
    public void process(
        @Element KV<String, Observation> element, OutputReceiver<KV<String, String>> out) {
      out.output(KV.of(element.getKey(), element.getKey()));
    }
  }

  static final class ListKeysFn extends DoFn<KV<String, Observation>, KV<String, String>> {
    @ProcessElement
    public void process(
        @Element KV<String, Observation> element, OutputReceiver<KV<String, String>> out) {
      Observation observation = requireNonNull(element.getValue());
      for (Map.Entry<String, String> key : observation.keys().entrySet()) {
        out.output(
            KV.of(
                typedKey(observation.entityType(), key.getKey(), key.getValue()),
                element.getKey()));
      }
    }
  }

  /** Keeps the keys that link (two to {@code maxKeyFanout} observations) as id → key pairs. */
  static final class DropOversizedKeysFn
      extends DoFn<KV<String, Iterable<String>>, KV<String, String>> {
    static final TupleTag<KV<String, String>> KEPT = new TupleTag<>() {};
    private final int maxKeyFanout;

    DropOversizedKeysFn(int maxKeyFanout) {
      this.maxKeyFanout = maxKeyFanout;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<String>> element, MultiOutputReceiver out) {
      List<String> members = new ArrayList<>();
      for (String id : element.getValue()) {
        if (!members.contains(id) && members.size() <= maxKeyFanout) {
          members.add(id);
        }
      }
      if (members.size() > maxKeyFanout) {
        String[] parts = element.getKey().split(SEPARATOR, 3);
        out.get(COUNTS).output(Counts.of("linking.oversized_key." + parts[0] + "." + parts[1], 1));
        return;
      }
      if (members.size() < 2) {
        return;
      }
      String key = CompactIds.of(element.getKey());
      for (String id : members) {
        out.get(KEPT).output(KV.of(id, key));
      }
    }
  }

  /** An observation's first offer: its own id, to every key it links by. */
  static final class FirstOfferFn
      extends DoFn<KV<String, CoGbkResult>, KV<String, KV<String, String>>> {
    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> element, MultiOutputReceiver out) {
      String id = element.getKey();
      boolean hasKey = false;
      for (String key : element.getValue().getAll(MEMBERSHIP)) {
        hasKey = true;
        out.get(OFFERS).output(KV.of(key, KV.of(id, id)));
      }
      if (!hasKey) {
        out.get(ALONE).output(KV.of(id, id));
      }
    }
  }

  /** Takes the smallest label the observation's keys answered and offers it to each of them. */
  static final class OfferLabelFn
      extends DoFn<KV<String, Iterable<KV<String, String>>>, KV<String, KV<String, String>>> {
    @ProcessElement
    public void process(
        @Element KV<String, Iterable<KV<String, String>>> element,
        OutputReceiver<KV<String, KV<String, String>>> out) {
      String id = element.getKey();
      // Flink hands a group over once: copy it before the second pass.
      List<KV<String, String>> answers = new ArrayList<>();
      element.getValue().forEach(answers::add);
      String label = id;
      for (KV<String, String> answer : answers) {
        if (answer.getValue().compareTo(label) < 0) {
          label = answer.getValue();
        }
      }
      for (KV<String, String> answer : answers) {
        out.output(KV.of(answer.getKey(), KV.of(id, label)));
      }
    }
  }

  /**
   * A key's round: the smallest label its observations offered goes back to each of them, as
   * (observation, (key, label)) answers, or in the last round as final (observation, label) pairs.
   */
  static final class TakeSmallestLabelFn
      extends DoFn<KV<String, Iterable<KV<String, String>>>, KV<String, KV<String, String>>> {
    static final TupleTag<KV<String, KV<String, String>>> ANSWERS = new TupleTag<>() {};
    static final TupleTag<KV<String, String>> LABELS = new TupleTag<>() {};
    private final boolean lastRound;

    TakeSmallestLabelFn(boolean lastRound) {
      this.lastRound = lastRound;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<KV<String, String>>> element, MultiOutputReceiver out) {
      // Flink hands a group over once: copy it before the second pass.
      List<KV<String, String>> offers = new ArrayList<>();
      element.getValue().forEach(offers::add);
      String smallest = null;
      for (KV<String, String> offer : offers) {
        if (smallest == null || offer.getValue().compareTo(smallest) < 0) {
          smallest = offer.getValue();
        }
      }
      for (KV<String, String> offer : offers) {
        if (!lastRound) {
          out.get(ANSWERS).output(KV.of(offer.getKey(), KV.of(element.getKey(), smallest)));
          continue;
        }
        out.get(LABELS).output(KV.of(offer.getKey(), smallest));
        if (!offer.getValue().equals(smallest)) {
          out.get(COUNTS).output(Counts.of("linking.unconverged", 1));
        }
      }
    }
  }

  static final class KeyByClusterFn extends DoFn<KV<String, CoGbkResult>, KV<String, Observation>> {
    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> element, OutputReceiver<KV<String, Observation>> out) {
      String label = element.getKey();
      for (String candidate : element.getValue().getAll(LABEL)) {
        if (candidate.compareTo(label) < 0) {
          label = candidate;
        }
      }
      // Identical observations (a mail delivered twice) share an id: keep one.
      for (Observation observation : element.getValue().getAll(OBSERVATION)) {
        out.output(KV.of(label, observation));
        return;
      }
    }
  }
}
