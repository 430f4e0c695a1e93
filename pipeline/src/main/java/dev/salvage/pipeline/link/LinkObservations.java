package dev.salvage.pipeline.link;

import static java.util.Objects.requireNonNull;

import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.beam.Coders;
import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.values.LinkKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Links observations that share a strong key (same entity type, same key name, same value) into
 * clusters, and keys every observation by its cluster label.
 *
 * <p>Clusters are the connected components of the observation–key graph, found exactly by a
 * union-find. Observations are grouped by key value (one shuffle); each key that links (two to
 * {@code maxKeyFanout} observations) becomes the edges of a star, its first observation joined to
 * each of the others; one {@code Combine.globally} folds the edges into a {@link UnionFind} forest,
 * partial forests on each worker merged into one; the forest is a side input from which each
 * observation takes its component's root as its label. Two shuffles, of keys and of edges, neither
 * of them of the observations themselves; label propagation (which this replaced) took two per
 * round, fifteen at its default of six rounds, and still left a chain longer than its rounds split.
 * A label is the smallest observation id of the component, whichever worker or order the unions
 * came in.
 *
 * <p>The final merge holds every linked observation (one that shares a linking key with another) in
 * one worker's heap: two longs and an int per id and a half-empty hash table of ints, arrays grown
 * by doubling, so 30 to 60 bytes an id; measured 29.4 MB for a million ({@code UnionFindTest}),
 * plus a block of 20 bytes an id while the forest is (de)serialised between the combine's steps; as
 * a side input each TaskManager holds one copy, which its slots share. A run of tens of millions of
 * linked observations fits a TaskManager of a few GB. Beyond what one heap holds the job fails with
 * an OutOfMemoryError in {@code UnionEdges}; the remedy is a larger TaskManager heap, as the forest
 * cannot be split (one component may span all of it). Observations with no linking key are clusters
 * of their own and never enter the forest. Identical observations (a mail delivered twice) share an
 * id and so a label; the merge keeps one of them.
 *
 * <p>Ids and keys are {@link CompactIds} of the observation ids and key texts: a third of the bytes
 * to shuffle, and an id packs into two longs in the forest.
 *
 * <p>A key value links by what {@link LinkKeys} says: an {@code email} key by its mailbox, so two
 * spellings of one address ({@code anna.mueller@gmail.com}, {@code annamueller@googlemail.com})
 * join; the observations keep their keys as mapped.
 *
 * <p>A key value shared by more than {@code maxKeyFanout} observations (a shop's own phone number
 * on every calendar event, say) would glue unrelated entities together; such keys are not used for
 * linking and are reported as {@code linking.oversized_key} (a Beam counter, see {@link Counts}).
 */
public final class LinkObservations extends PTransform<PCollection<Observation>, PCollectionTuple> {

  /** Observations keyed by their cluster label. */
  public static final TupleTag<KV<String, Observation>> CLUSTERED = new TupleTag<>() {};

  private static final String SEPARATOR = "\u001f";

  private final LinkKeys linkKeys;
  private final int maxKeyFanout;

  public LinkObservations(LinkKeys linkKeys, int maxKeyFanout) {
    this.linkKeys = requireNonNull(linkKeys, "linkKeys");
    if (maxKeyFanout < 2) {
      throw new IllegalArgumentException("maxKeyFanout must be at least 2, got " + maxKeyFanout);
    }
    this.maxKeyFanout = maxKeyFanout;
  }

  /**
   * A stable id for an observation: identical observations (a duplicated mail) share it; two emits
   * of one type by one record (two attendees of a class session) do not, even claiming the same.
   */
  static String observationId(Observation observation) {
    return observation.entityType()
        + SEPARATOR
        + observation.sourceRef()
        + SEPARATOR
        + Integer.toHexString(
            (observation.rule() + observation.keys() + observation.fields()).hashCode())
        + (observation.ordinal() == 0 ? "" : SEPARATOR + observation.ordinal());
  }

  static String typedKey(String entityType, String keyName, String value) {
    return entityType + SEPARATOR + keyName + SEPARATOR + value;
  }

  @Override
  public PCollectionTuple expand(PCollection<Observation> observations) {
    KvCoder<String, String> pairs = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());

    PCollection<KV<String, Observation>> byId =
        observations
            .apply("KeyById", ParDo.of(new KeyByIdFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), Coders.observation()));

    PCollection<KV<String, String>> edges =
        byId.apply("ListKeys", ParDo.of(new ListKeysFn(linkKeys)))
            .setCoder(pairs)
            .apply("GroupByKeyValue", GroupByKey.create())
            .apply("DropOversizedKeys", ParDo.of(new DropOversizedKeysFn(maxKeyFanout)));

    PCollectionView<UnionFind> forest =
        edges
            .setCoder(pairs)
            .apply("UnionEdges", Combine.globally(new UnionEdgesFn()).asSingletonView());

    PCollection<KV<String, Observation>> clustered =
        byId.apply("KeyByCluster", ParDo.of(new KeyByClusterFn(forest)).withSideInputs(forest))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), Coders.observation()));

    return PCollectionTuple.of(CLUSTERED, clustered);
  }

  static final class KeyByIdFn extends DoFn<Observation, KV<String, Observation>> {
    @ProcessElement
    public void process(
        @Element Observation observation, OutputReceiver<KV<String, Observation>> out) {
      out.output(KV.of(CompactIds.of(observationId(observation)), observation));
    }
  }

  static final class ListKeysFn extends DoFn<KV<String, Observation>, KV<String, String>> {
    private final LinkKeys linkKeys;

    ListKeysFn(LinkKeys linkKeys) {
      this.linkKeys = linkKeys;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Observation> element, OutputReceiver<KV<String, String>> out) {
      Observation observation = requireNonNull(element.getValue());
      for (Map.Entry<String, String> key : observation.keys().entrySet()) {
        out.output(
            KV.of(
                typedKey(
                    observation.entityType(),
                    key.getKey(),
                    linkKeys.value(observation.entityType(), key.getKey(), key.getValue())),
                element.getKey()));
      }
    }
  }

  /**
   * Keeps the keys that link (two to {@code maxKeyFanout} observations) as the edges of a star,
   * (member, first member): any spanning tree of the key's observations links them all, and a star
   * is the one that needs no more than the group at hand.
   */
  static final class DropOversizedKeysFn
      extends DoFn<KV<String, Iterable<String>>, KV<String, String>> {
    private final int maxKeyFanout;

    DropOversizedKeysFn(int maxKeyFanout) {
      this.maxKeyFanout = maxKeyFanout;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<String>> element, OutputReceiver<KV<String, String>> out) {
      List<String> members = new ArrayList<>();
      for (String id : element.getValue()) {
        if (!members.contains(id) && members.size() <= maxKeyFanout) {
          members.add(id);
        }
      }
      if (members.size() > maxKeyFanout) {
        String[] parts = element.getKey().split(SEPARATOR, 3);
        Counts.add("linking.oversized_key." + parts[0] + "." + parts[1], 1);
        return;
      }
      for (int i = 1; i < members.size(); i++) {
        out.output(KV.of(members.get(i), members.get(0)));
      }
    }
  }

  /**
   * Folds edges into one {@link UnionFind}: a forest per bundle on each worker, merged into one
   * (the larger takes in the smaller's trees).
   */
  static final class UnionEdgesFn extends CombineFn<KV<String, String>, UnionFind, UnionFind> {
    @Override
    public UnionFind createAccumulator() {
      return new UnionFind();
    }

    @Override
    public UnionFind addInput(UnionFind forest, KV<String, String> edge) {
      forest.union(requireNonNull(edge.getKey()), requireNonNull(edge.getValue()));
      return forest;
    }

    @Override
    public UnionFind mergeAccumulators(Iterable<UnionFind> forests) {
      UnionFind largest = null;
      List<UnionFind> others = new ArrayList<>();
      for (UnionFind forest : forests) {
        if (largest == null || forest.size() > largest.size()) {
          if (largest != null) {
            others.add(largest);
          }
          largest = forest;
        } else {
          others.add(forest);
        }
      }
      if (largest == null) {
        return createAccumulator();
      }
      for (UnionFind other : others) {
        largest.addAll(other);
      }
      return largest;
    }

    @Override
    public UnionFind extractOutput(UnionFind forest) {
      // read by every observation, concurrently, from a side input: one step to the root each
      forest.flatten();
      return forest;
    }

    @Override
    public Coder<UnionFind> getAccumulatorCoder(
        CoderRegistry registry, Coder<KV<String, String>> inputCoder) {
      return new UnionFind.UnionFindCoder();
    }

    @Override
    public Coder<UnionFind> getDefaultOutputCoder(
        CoderRegistry registry, Coder<KV<String, String>> inputCoder) {
      return new UnionFind.UnionFindCoder();
    }
  }

  /**
   * Keys each observation by its component's root, or by its own id when it links nothing. The
   * forest comes as a side input rather than as labels joined to the observations by id: that join
   * was a shuffle of every observation, the whole input's size, and the forest is what its labels
   * were made from.
   */
  static final class KeyByClusterFn extends DoFn<KV<String, Observation>, KV<String, Observation>> {
    private final PCollectionView<UnionFind> forest;

    KeyByClusterFn(PCollectionView<UnionFind> forest) {
      this.forest = forest;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Observation> element,
        ProcessContext context,
        OutputReceiver<KV<String, Observation>> out) {
      String id = requireNonNull(element.getKey());
      out.output(KV.of(context.sideInput(forest).root(id), requireNonNull(element.getValue())));
    }
  }
}
