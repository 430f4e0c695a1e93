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

/**
 * Blocking: groups profiles by the keys of each blocking rule of their entity type ({@link
 * BlockingKeys}) and emits every candidate pair inside a block once: unlinked evidence against
 * identified records, and, for types that make new entities, unlinked evidence against unlinked
 * evidence. Blocks larger than {@code max_block} are skipped and counted; pairs whose strong keys
 * contradict are refused in their block.
 *
 * <p>Output: candidate pairs keyed by the two profile keys, the value holding (a, b). The blocks'
 * and pairs' counters are Beam counters ({@link Counts#add}): a second output would send every
 * profile and pair through an extra encoding on Flink.
 */
final class BlockCandidates
    extends PTransform<PCollection<MatchProfile>, PCollection<KV<String, List<MatchProfile>>>> {

  private final MergeSettings settings;
  private final boolean counted;

  private BlockCandidates(MergeSettings settings, boolean counted) {
    this.settings = settings;
    this.counted = counted;
  }

  /** Blocking whose blocks and pairs are the run's counters. */
  static BlockCandidates counted(MergeSettings settings) {
    return new BlockCandidates(settings, true);
  }

  /** Blocking again over what was blocked before, counted the first time only. */
  static BlockCandidates uncounted(MergeSettings settings) {
    return new BlockCandidates(settings, false);
  }

  @Override
  public PCollection<KV<String, List<MatchProfile>>> expand(PCollection<MatchProfile> profiles) {
    return profiles
        .apply("BlockingKeys", ParDo.of(new BlockingKeysFn(settings, counted)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), MatchProfileCoder.INSTANCE))
        .apply("GroupBlocks", GroupByKey.create())
        .apply("CandidatePairs", ParDo.of(new CandidatePairsFn(settings, counted)))
        .setCoder(pairCoder())
        .apply("DistinctPairs", Combine.perKey(new FirstFn()))
        .setCoder(pairCoder());
  }

  static KvCoder<String, List<MatchProfile>> pairCoder() {
    return KvCoder.of(StringUtf8Coder.of(), ListCoder.of(MatchProfileCoder.INSTANCE));
  }

  static final class BlockingKeysFn extends EntityModelFn<MatchProfile, KV<String, MatchProfile>> {
    private final boolean counted;

    BlockingKeysFn(MergeSettings settings, boolean counted) {
      super(settings);
      this.counted = counted;
    }

    @ProcessElement
    public void process(
        @Element MatchProfile profile, OutputReceiver<KV<String, MatchProfile>> out) {
      EntityType type = model().type(profile.entity());
      for (List<String> rule : model().linking(profile.entity()).block()) {
        List<String> keys = blockKeys(type, rule, profile);
        keys.forEach(key -> out.output(KV.of(key, profile)));
        if (counted) {
          Counts.add(
              "linking." + profile.entity() + ".block." + String.join("+", rule) + ".keys",
              keys.size());
        }
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
    private final boolean counted;

    CandidatePairsFn(MergeSettings settings, boolean counted) {
      super(settings);
      this.counted = counted;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<MatchProfile>> block,
        OutputReceiver<KV<String, List<MatchProfile>>> out) {
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
        if (counted) {
          Counts.add(prefix + ".oversized_blocks", 1);
          Counts.add(prefix + ".oversized_records", size);
        }
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
            out.output(KV.of(a.key() + "\n" + b.key(), List.of(a, b)));
          }
        }
      }
      if (counted && pairs > 0) {
        Counts.add(prefix + ".pairs", pairs);
      }
      if (counted && refused > 0) {
        Counts.add(prefix + ".refused_strong_key_conflict", refused);
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
              out.output(KV.of(a.key() + "\n" + b.key(), List.of(a, b)));
            }
          }
        }
        if (counted && unlinkedPairs > 0) {
          Counts.add(prefix + ".unlinked_pairs", unlinkedPairs);
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
