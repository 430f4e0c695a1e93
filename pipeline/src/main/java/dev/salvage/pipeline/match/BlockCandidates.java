package dev.salvage.pipeline.match;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.EntityType;
import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.reconcile.EntityModelFn;
import dev.salvage.pipeline.reconcile.MergeSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Blocking: groups profiles by the keys of each blocking rule of their entity type ({@link
 * BlockingKeys}) and emits every candidate pair inside a block once: unlinked evidence against
 * identified records, and, for types that make new entities, unlinked evidence against unlinked
 * evidence. Blocks larger than {@code max_block} are skipped and counted; pairs whose strong keys
 * contradict are refused in their block.
 */
final class BlockCandidates extends PTransform<PCollection<MatchProfile>, PCollectionTuple> {
  /** Candidate pairs keyed by the two profile keys; the value holds (a, b). */
  static final TupleTag<KV<String, List<MatchProfile>>> PAIRS = new TupleTag<>() {};

  static final TupleTag<KV<String, Long>> COUNTS = new TupleTag<>() {};

  private static final TupleTag<KV<String, MatchProfile>> BLOCKED = new TupleTag<>() {};

  private final MergeSettings settings;

  BlockCandidates(MergeSettings settings) {
    this.settings = settings;
  }

  @Override
  public PCollectionTuple expand(PCollection<MatchProfile> profiles) {
    PCollectionTuple blocked =
        profiles.apply(
            "BlockingKeys",
            ParDo.of(new BlockingKeysFn(settings))
                .withOutputTags(BLOCKED, TupleTagList.of(COUNTS)));
    blocked.get(BLOCKED).setCoder(KvCoder.of(StringUtf8Coder.of(), MatchProfileCoder.INSTANCE));
    blocked.get(COUNTS).setCoder(Counts.coder());

    PCollectionTuple expanded =
        blocked
            .get(BLOCKED)
            .apply("GroupBlocks", GroupByKey.create())
            .apply(
                "CandidatePairs",
                ParDo.of(new CandidatePairsFn(settings))
                    .withOutputTags(PAIRS, TupleTagList.of(COUNTS)));
    expanded.get(COUNTS).setCoder(Counts.coder());
    PCollection<KV<String, List<MatchProfile>>> pairs =
        expanded
            .get(PAIRS)
            .setCoder(pairCoder())
            .apply("DistinctPairs", Combine.perKey(new FirstFn()))
            .setCoder(pairCoder());
    PCollection<KV<String, Long>> counts =
        PCollectionList.of(blocked.get(COUNTS))
            .and(expanded.get(COUNTS))
            .apply("BlockingCounts", org.apache.beam.sdk.transforms.Flatten.pCollections());
    return PCollectionTuple.of(PAIRS, pairs).and(COUNTS, counts);
  }

  static KvCoder<String, List<MatchProfile>> pairCoder() {
    return KvCoder.of(StringUtf8Coder.of(), ListCoder.of(MatchProfileCoder.INSTANCE));
  }

  static final class BlockingKeysFn extends EntityModelFn<MatchProfile, KV<String, MatchProfile>> {
    BlockingKeysFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(@Element MatchProfile profile, MultiOutputReceiver out) {
      EntityType type = model().type(profile.entity());
      for (List<String> rule : model().linking(profile.entity()).block()) {
        List<String> keys = blockKeys(type, rule, profile);
        keys.forEach(key -> out.get(BLOCKED).output(KV.of(key, profile)));
        out.get(COUNTS)
            .output(
                Counts.of(
                    "linking." + profile.entity() + ".block." + String.join("+", rule) + ".keys",
                    keys.size()));
      }
    }
  }

  /** The keys of the blocks every rule of its type puts {@code profile} in. */
  static List<String> blockKeys(EntityModel model, MatchProfile profile) {
    EntityType type = model.type(profile.entity());
    List<String> keys = new ArrayList<>();
    for (List<String> rule : model.linking(profile.entity()).block()) {
      keys.addAll(blockKeys(type, rule, profile));
    }
    return keys;
  }

  /** The keys of the blocks one rule puts {@code profile} in: entity, rule and value. */
  static List<String> blockKeys(EntityType type, List<String> rule, MatchProfile profile) {
    String prefix = profile.entity() + "|" + String.join("+", rule) + "|";
    return BlockingKeys.of(type, rule, profile).stream().map(key -> prefix + key).toList();
  }

  static final class CandidatePairsFn
      extends EntityModelFn<KV<String, Iterable<MatchProfile>>, KV<String, List<MatchProfile>>> {
    CandidatePairsFn(MergeSettings settings) {
      super(settings);
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<MatchProfile>> block, MultiOutputReceiver out) {
      String[] parts = block.getKey().split("\\|", 3);
      String prefix = "linking." + parts[0] + ".block." + parts[1];
      int maxBlock = model().linking(parts[0]).maxBlock();
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
            out.get(PAIRS).output(KV.of(a.key() + "\n" + b.key(), List.of(a, b)));
          }
        }
      }
      if (pairs > 0) {
        out.get(COUNTS).output(Counts.of(prefix + ".pairs", pairs));
      }
      if (refused > 0) {
        out.get(COUNTS).output(Counts.of(prefix + ".refused_strong_key_conflict", refused));
      }
      if (!model().linking(parts[0]).newEntity().isEmpty() && unlinked.size() > 1) {
        unlinked.sort(Comparator.comparing(MatchProfile::key));
        long unlinkedPairs = 0;
        for (int i = 0; i < unlinked.size(); i++) {
          for (int j = i + 1; j < unlinked.size(); j++) {
            MatchProfile a = unlinked.get(i);
            MatchProfile b = unlinked.get(j);
            if (!a.contradicts(b)) {
              unlinkedPairs++;
              out.get(PAIRS).output(KV.of(a.key() + "\n" + b.key(), List.of(a, b)));
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
}
