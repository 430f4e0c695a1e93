package dev.salvage.pipeline.match;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Estimates u, the probability of each comparison level among non-matches, from a sample of
 * profiles: nearly every pair of randomly drawn records is a non-match. Also gives the term
 * frequencies that make an agreement on a common value weigh less than one on a rare value.
 */
final class UEstimate {
  /** Profiles drawn (deterministically, by hash) to estimate u from random pairs. */
  static final int SAMPLE_SIZE = 1500;

  /** Fewer sampled values of a field than this give no term frequencies. */
  static final int MIN_VALUES_FOR_FREQUENCIES = 100;

  /**
   * An entity type with at least this many identified records in the sample estimates u from them
   * alone; with fewer (a business whose evidence rarely carries the reference), from every sampled
   * record of the type.
   */
  static final int MIN_IDENTIFIED = 30;

  private UEstimate() {}

  /**
   * The sampled profiles of {@code entity} that u is estimated from: its identified ones, which are
   * different entities by construction, when there are {@link #MIN_IDENTIFIED}; else all of them.
   * Unlinked ones each agree with their own entity: on a small business they are a visible share of
   * the sample and make their true matches' agreement look common among non-matches.
   */
  static List<MatchProfile> forU(List<MatchProfile> sample, String entity) {
    List<MatchProfile> ofEntity = sample.stream().filter(p -> p.entity().equals(entity)).toList();
    List<MatchProfile> identified = ofEntity.stream().filter(MatchProfile::identified).toList();
    return identified.size() >= MIN_IDENTIFIED ? identified : ofEntity;
  }

  /**
   * Per text and amount field, the share among the sampled values of each value seen at least
   * twice. Amounts come from price lists: a common total agreeing says little.
   */
  static Map<String, Map<String, Double>> frequencies(
      List<String> fields, List<FieldComparison> comparisons, List<MatchProfile> sample) {
    Map<String, Map<String, Double>> result = new java.util.TreeMap<>();
    for (int f = 0; f < fields.size(); f++) {
      if (comparisons.get(f) != FieldComparison.NAME
          && comparisons.get(f) != FieldComparison.AMOUNT) {
        continue;
      }
      Map<String, Integer> counts = new java.util.TreeMap<>();
      int total = 0;
      for (MatchProfile profile : sample) {
        String value = profile.values().get(fields.get(f));
        if (value != null) {
          counts.merge(comparisons.get(f).termKey(value), 1, Integer::sum);
          total++;
        }
      }
      if (total < MIN_VALUES_FOR_FREQUENCIES) {
        continue;
      }
      Map<String, Double> shares = new java.util.TreeMap<>();
      for (Map.Entry<String, Integer> count : counts.entrySet()) {
        if (count.getValue() >= 2) {
          shares.put(count.getKey(), count.getValue() / (double) total);
        }
      }
      result.put(fields.get(f), shares);
    }
    return result;
  }

  /**
   * u per field and level: the share of each level among all pairs of the sample (almost all of
   * them non-matches), smoothed; a field with too few sampled pairs keeps the model's prior.
   */
  static double[][] fromSample(MatchModel model, List<MatchProfile> sample) {
    return fromCounts(model, levelCounts(model, sample, 0, 1));
  }

  /**
   * How often each level occurs among the pairs (i, j), i &lt; j, of the sample whose first index i
   * is {@code part} modulo {@code parts}: one of {@code parts} shares of the sample's pairs, of
   * about equal size, so that workers can count them in parallel ({@link SampleLevelCounts}) and
   * the sums are the counts of all pairs.
   */
  static long[][] levelCounts(MatchModel model, List<MatchProfile> sample, int part, int parts) {
    List<FieldComparison> comparisons = model.comparisons();
    long[][] counts = new long[model.fields().size()][];
    for (int f = 0; f < counts.length; f++) {
      counts[f] = new long[comparisons.get(f).levels().size()];
    }
    // each profile's values prepared once, not once per pair it is in
    List<FieldComparison.Prepared[]> prepared = sample.stream().map(model::prepare).toList();
    for (int i = part; i < prepared.size(); i += parts) {
      for (int j = i + 1; j < prepared.size(); j++) {
        int[] levels = model.levels(prepared.get(i), prepared.get(j));
        for (int f = 0; f < levels.length; f++) {
          if (levels[f] >= 0) {
            counts[f][levels[f]]++;
          }
        }
      }
    }
    return counts;
  }

  /** u from the level counts of the sample's pairs (see {@link #fromSample}). */
  static double[][] fromCounts(MatchModel model, long[][] counts) {
    double[][] u = model.u();
    double[][] result = new double[counts.length][];
    for (int f = 0; f < counts.length; f++) {
      double total = 0;
      for (long c : counts[f]) {
        total += c;
      }
      result[f] = new double[counts[f].length];
      for (int level = 0; level < counts[f].length; level++) {
        // too few sampled pairs for this field: keep the prior
        result[f][level] =
            total < 100 ? u[f][level] : (counts[f][level] + 1) / (total + counts[f].length);
      }
    }
    return result;
  }

  /**
   * Orders profiles by a hash of their key, a deterministic stand-in for random sampling,
   * identified ones first: unlinked ones are drawn only when identified ones are too few.
   */
  /**
   * The profiles u is estimated from: {@link #SAMPLE_SIZE} of each entity type ({@link ByHash}), in
   * one list. Drawn from every type's profiles together, a second type with a {@code linking:}
   * section (customers beside reservations) took a share of the first's sample and moved its u,
   * though nothing about the first type had changed.
   */
  static final class SampleEachType
      extends PTransform<PCollection<MatchProfile>, PCollection<List<MatchProfile>>> {
    @Override
    public PCollection<List<MatchProfile>> expand(PCollection<MatchProfile> profiles) {
      return profiles
          .apply("ByEntity", ParDo.of(new ByEntityFn()))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), MatchProfileCoder.INSTANCE))
          .apply("TopOfEachType", Top.perKey(SAMPLE_SIZE, new ByHash()))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(MatchProfileCoder.INSTANCE)))
          .apply("SampleOfEachType", Values.create())
          .setCoder(ListCoder.of(MatchProfileCoder.INSTANCE))
          .apply("JoinSamples", Combine.globally(new JoinSamples()))
          .setCoder(ListCoder.of(MatchProfileCoder.INSTANCE));
    }
  }

  /** A profile keyed by its entity type, whose own sample it may be drawn into. */
  static final class ByEntityFn extends DoFn<MatchProfile, KV<String, MatchProfile>> {
    @ProcessElement
    public void process(
        @Element MatchProfile profile, OutputReceiver<KV<String, MatchProfile>> out) {
      out.output(KV.of(profile.entity(), profile));
    }
  }

  /**
   * The samples of the entity types in one list: {@link #forU} takes each type's own back, in the
   * order its sample was drawn, whatever order the types are joined in.
   */
  static final class JoinSamples
      implements SerializableFunction<Iterable<List<MatchProfile>>, List<MatchProfile>> {
    @Override
    public List<MatchProfile> apply(Iterable<List<MatchProfile>> samples) {
      List<MatchProfile> joined = new ArrayList<>();
      samples.forEach(joined::addAll);
      return joined;
    }
  }

  static final class ByHash implements Comparator<MatchProfile>, Serializable {
    @Override
    public int compare(MatchProfile a, MatchProfile b) {
      if (a.identified() != b.identified()) {
        return a.identified() ? 1 : -1;
      }
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
