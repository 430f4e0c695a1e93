package dev.salvage.pipeline.match;

import static java.util.Objects.requireNonNull;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.EntityType;
import dev.salvage.pipeline.beam.BinaryCodec;
import dev.salvage.pipeline.beam.Counts;
import dev.salvage.pipeline.reconcile.EntityModelFn;
import dev.salvage.pipeline.reconcile.MergeSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Blocking: groups profiles by the keys of each blocking rule of their entity type ({@link
 * BlockingKeys}) and emits every candidate pair inside a block once: unlinked evidence against
 * identified records, and, for types that make new entities, unlinked evidence against unlinked
 * evidence. Blocks larger than {@code max_block} are skipped and counted; pairs whose strong keys
 * contradict are refused in their block.
 *
 * <p>A block holds {@link Member}s (a profile's key, side and strong keys: all a block needs to
 * bound, split and refuse), not whole profiles, and the distinct pairs are pairs of keys; each pair
 * is then joined to its two profiles once. A profile has about seven block keys, and sending it
 * whole into each block, and twice into each pair, was a tenth of the bytes a 10k run shuffles
 * (docs/performance.md).
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
    KvCoder<String, String> idPairCoder = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    PCollection<KV<String, String>> idPairs =
        profiles
            .apply("BlockingKeys", ParDo.of(new BlockingKeysFn(settings, counted)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), MemberCoder.INSTANCE))
            .apply("GroupBlocks", GroupByKey.create())
            .apply("CandidatePairs", ParDo.of(new CandidatePairsFn(settings, counted)))
            .setCoder(idPairCoder)
            .apply("DistinctPairs", Distinct.create())
            .setCoder(idPairCoder);
    PCollection<KV<String, MatchProfile>> byKey =
        profiles
            .apply(
                "KeyProfiles",
                WithKeys.of(MatchProfile::key).withKeyType(TypeDescriptors.strings()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), MatchProfileCoder.INSTANCE));
    TupleTag<MatchProfile> profileTag = new TupleTag<>() {};
    TupleTag<String> secondTag = new TupleTag<>() {};
    PCollection<KV<String, MatchProfile>> firstBySecond =
        KeyedPCollectionTuple.of(profileTag, byKey)
            .and(secondTag, idPairs)
            .apply("JoinFirst", CoGroupByKey.create())
            .apply("FirstBySecond", ParDo.of(new FirstBySecondFn(profileTag, secondTag)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), MatchProfileCoder.INSTANCE));
    TupleTag<MatchProfile> firstTag = new TupleTag<>() {};
    return KeyedPCollectionTuple.of(profileTag, byKey)
        .and(firstTag, firstBySecond)
        .apply("JoinSecond", CoGroupByKey.create())
        .apply("ProfilePairs", ParDo.of(new ProfilePairsFn(profileTag, firstTag)))
        .setCoder(pairCoder());
  }

  static KvCoder<String, List<MatchProfile>> pairCoder() {
    return KvCoder.of(StringUtf8Coder.of(), ListCoder.of(MatchProfileCoder.INSTANCE));
  }

  /**
   * What a block holds of a profile: its key, its side and its strong keys.
   *
   * @param key the profile's key
   * @param identified whether the profile is of an identified record
   * @param keys the profile's strong keys, to refuse a pair that contradicts one in its block
   */
  record Member(String key, boolean identified, Map<String, List<String>> keys) {
    Member {
      requireNonNull(key, "key");
      keys = Map.copyOf(keys);
    }

    static Member of(MatchProfile profile) {
      return new Member(profile.key(), profile.identified(), profile.keys());
    }

    boolean contradicts(Member other) {
      return MatchProfile.contradicts(keys, other.keys());
    }
  }

  /** Written for every block key of every profile: the key once, each strong key's values. */
  static final class MemberCoder extends CustomCoder<Member> {
    static final MemberCoder INSTANCE = new MemberCoder();

    @Override
    public void encode(Member value, OutputStream outStream) throws IOException {
      BinaryCodec.Writer out = new BinaryCodec.Writer(outStream);
      out.string(value.key());
      out.bool(value.identified());
      out.size(value.keys().size());
      for (Map.Entry<String, List<String>> key : new TreeMap<>(value.keys()).entrySet()) {
        out.string(key.getKey());
        out.strings(key.getValue());
      }
      out.flush();
    }

    @Override
    public Member decode(InputStream inStream) throws IOException {
      BinaryCodec.Reader in = new BinaryCodec.Reader(inStream);
      String key = in.string();
      boolean identified = in.bool();
      int size = in.size();
      Map<String, List<String>> keys = new TreeMap<>();
      for (int i = 0; i < size; i++) {
        keys.put(in.string(), in.strings());
      }
      return new Member(key, identified, keys);
    }
  }

  static final class BlockingKeysFn extends EntityModelFn<MatchProfile, KV<String, Member>> {
    private final boolean counted;

    BlockingKeysFn(MergeSettings settings, boolean counted) {
      super(settings);
      this.counted = counted;
    }

    @ProcessElement
    public void process(@Element MatchProfile profile, OutputReceiver<KV<String, Member>> out) {
      EntityType type = model().type(profile.entity());
      Member member = Member.of(profile);
      for (List<String> rule : model().linking(profile.entity()).block()) {
        List<String> keys = blockKeys(type, rule, profile);
        keys.forEach(key -> out.output(KV.of(key, member)));
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
      extends EntityModelFn<KV<String, Iterable<Member>>, KV<String, String>> {
    private final boolean counted;

    CandidatePairsFn(MergeSettings settings, boolean counted) {
      super(settings);
      this.counted = counted;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<Member>> block, OutputReceiver<KV<String, String>> out) {
      String[] parts = block.getKey().split("\\|", 3);
      String prefix = "linking." + parts[0] + ".block." + parts[1];
      int maxBlock = model().linking(parts[0]).maxBlock();
      List<Member> unlinked = new ArrayList<>();
      List<Member> identified = new ArrayList<>();
      int size = 0;
      for (Member profile : block.getValue()) {
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
      for (Member a : unlinked) {
        for (Member b : identified) {
          if (a.contradicts(b)) {
            refused++;
          } else {
            pairs++;
            out.output(KV.of(a.key(), b.key()));
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
        unlinked.sort(Comparator.comparing(Member::key));
        long unlinkedPairs = 0;
        for (int i = 0; i < unlinked.size(); i++) {
          for (int j = i + 1; j < unlinked.size(); j++) {
            Member a = unlinked.get(i);
            Member b = unlinked.get(j);
            if (!a.contradicts(b)) {
              unlinkedPairs++;
              out.output(KV.of(a.key(), b.key()));
            }
          }
        }
        if (counted && unlinkedPairs > 0) {
          Counts.add(prefix + ".unlinked_pairs", unlinkedPairs);
        }
      }
    }
  }

  /** Each pair's first profile, keyed by the key of its second. */
  static final class FirstBySecondFn
      extends DoFn<KV<String, CoGbkResult>, KV<String, MatchProfile>> {
    private final TupleTag<MatchProfile> profileTag;
    private final TupleTag<String> secondTag;

    FirstBySecondFn(TupleTag<MatchProfile> profileTag, TupleTag<String> secondTag) {
      this.profileTag = profileTag;
      this.secondTag = secondTag;
    }

    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> joined, OutputReceiver<KV<String, MatchProfile>> out) {
      Iterator<String> seconds = joined.getValue().getAll(secondTag).iterator();
      if (!seconds.hasNext()) {
        return;
      }
      MatchProfile first = profile(joined, profileTag);
      seconds.forEachRemaining(second -> out.output(KV.of(second, first)));
    }
  }

  /** Each pair with both its profiles, keyed by the two keys. */
  static final class ProfilePairsFn
      extends DoFn<KV<String, CoGbkResult>, KV<String, List<MatchProfile>>> {
    private final TupleTag<MatchProfile> profileTag;
    private final TupleTag<MatchProfile> firstTag;

    ProfilePairsFn(TupleTag<MatchProfile> profileTag, TupleTag<MatchProfile> firstTag) {
      this.profileTag = profileTag;
      this.firstTag = firstTag;
    }

    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> joined,
        OutputReceiver<KV<String, List<MatchProfile>>> out) {
      Iterator<MatchProfile> firsts = joined.getValue().getAll(firstTag).iterator();
      if (!firsts.hasNext()) {
        return;
      }
      MatchProfile second = profile(joined, profileTag);
      firsts.forEachRemaining(
          first -> out.output(KV.of(first.key() + "\n" + second.key(), List.of(first, second))));
    }
  }

  /**
   * The profile of a key that a pair names. Every pair's keys come from the profiles, so one is
   * always there; two profiles of one key (never made) were the same candidate, and the first is
   * taken, as the distinct pairs took the first of their copies before.
   */
  private static MatchProfile profile(KV<String, CoGbkResult> joined, TupleTag<MatchProfile> tag) {
    Iterator<MatchProfile> profiles = joined.getValue().getAll(tag).iterator();
    if (!profiles.hasNext()) {
      throw new IllegalStateException(
          "Cannot pair candidate " + joined.getKey() + ": no match profile has that key");
    }
    return profiles.next();
  }
}
