package dev.salvage.pipeline.match;

import static java.util.Objects.requireNonNull;

import dev.salvage.pipeline.bundle.ReconstructedRecord.Contribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A fitted Fellegi-Sunter model for one entity type: per compared field and comparison level, m
 * (the probability among true matches) and u (among non-matches). A pair's weight is the sum over
 * its fields of log2(m/u) at their levels; a field missing on either side adds nothing.
 *
 * <p>Term frequency: an exact agreement on a common value of a text field (a frequent surname, the
 * busiest branch) says less than one on a rare value, so its u is the value's share among the
 * sampled records when that is higher than the field's average u.
 *
 * @param entity the entity type
 * @param fields compared fields
 * @param comparisons how each field is compared
 * @param m per field and level
 * @param u per field and level
 * @param lambda the share of matches among candidate pairs, as EM fitted it (diagnostic)
 * @param pairs how many candidate pairs the fit saw
 * @param frequencies per text field, the share of each value seen at least twice in the sample
 */
record MatchModel(
    String entity,
    List<String> fields,
    List<FieldComparison> comparisons,
    double[][] m,
    double[][] u,
    double lambda,
    long pairs,
    Map<String, Map<String, Double>> frequencies) {
  /** Below this many candidate pairs EM has too little to learn from: the priors are kept. */
  static final int MIN_PAIRS_FOR_EM = 30;

  /** The most a fitted m may give a field's disagreement level (see {@link #capDisagreement}). */
  static final double MAX_M_DISAGREE = 0.05;

  private static final int EM_ITERATIONS = 200;

  MatchModel {
    requireNonNull(entity, "entity");
    fields = List.copyOf(fields);
    comparisons = List.copyOf(comparisons);
    frequencies = Map.copyOf(frequencies);
  }

  /** A pair's comparison levels, one per field. */
  int[] levels(MatchProfile a, MatchProfile b) {
    return levels(prepare(a), prepare(b));
  }

  /** The profile's compared values, prepared once for comparing it with many others. */
  FieldComparison.Prepared[] prepare(MatchProfile profile) {
    FieldComparison.Prepared[] prepared = new FieldComparison.Prepared[fields.size()];
    for (int f = 0; f < prepared.length; f++) {
      prepared[f] = comparisons.get(f).prepare(profile.values().get(fields.get(f)));
    }
    return prepared;
  }

  /** As {@link #levels(MatchProfile, MatchProfile)}, of profiles {@link #prepare}d. */
  int[] levels(FieldComparison.Prepared[] a, FieldComparison.Prepared[] b) {
    int[] levels = new int[fields.size()];
    for (int f = 0; f < levels.length; f++) {
      levels[f] = comparisons.get(f).compare(a[f], b[f]);
    }
    return levels;
  }

  double weight(int field, int level) {
    return level < 0 ? 0 : log2(m[field][level] / u[field][level]);
  }

  /**
   * The match probability of a weight that includes the prior (log2 of the posterior odds). The
   * prior is the population's (see {@code MatchUnlinkedEvidence.prior}), not the fitted {@code
   * lambda}: that is the share of matches among candidate pairs, which blocking has already
   * enriched, while u comes from random pairs.
   */
  static double probability(double weight) {
    return 1 / (1 + Math.pow(2, -weight));
  }

  /** Each compared field's contribution to the weight of the pair (a, b). */
  List<Contribution> explain(MatchProfile a, MatchProfile b) {
    int[] levels = levels(a, b);
    List<Contribution> parts = new ArrayList<>();
    for (int f = 0; f < levels.length; f++) {
      String field = fields.get(f);
      String level =
          levels[f] == FieldComparison.NOT_COMPARABLE
              ? "not comparable (different scripts)"
              : levels[f] < 0 ? "missing" : comparisons.get(f).levels().get(levels[f]);
      double weight = weight(f, levels[f]);
      Double share =
          levels[f] == 0
              ? frequencies
                  .getOrDefault(field, Map.of())
                  .get(comparisons.get(f).termKey(a.values().get(field)))
              : null;
      if (share != null && share > u[f][0]) {
        weight = log2(m[f][0] / share);
        level = level + " (value share " + round(share) + ")";
      }
      parts.add(
          new Contribution(
              field, a.values().get(field), b.values().get(field), level, round(weight)));
    }
    return parts;
  }

  /**
   * What an exact agreement on field {@code field} adds to a pair's weight, rounded as {@link
   * #explain} rounds it: the weight of a pair agreeing on every field is the prior plus these. Term
   * frequency only ever lowers an exact agreement (on a common value), so a rare value reaches it.
   * Not the heaviest level: a fit can weigh a near level (a typo, a price 2 % off) above exact, as
   * u of a level no sampled pair of a small business falls in is tiny (a yoga studio's plan: exact
   * 0.88, a near level 5.58), and taking that for what evidence can reach would hide the threshold
   * it cannot.
   */
  double agreementWeight(int field) {
    return round(weight(field, 0));
  }

  static double total(List<Contribution> parts) {
    return round(parts.stream().mapToDouble(Contribution::weight).sum());
  }

  /**
   * Fits a model: u from all pairs of the sample (almost all of them non-matches), m by EM over the
   * candidate pairs' patterns, starting from the priors.
   */
  static MatchModel fit(
      String entity,
      List<String> fields,
      List<FieldComparison> comparisons,
      List<MatchProfile> sample,
      Map<int[], Long> patterns) {
    MatchModel unfitted = unfitted(entity, fields, comparisons);
    return fit(unfitted, sample, patterns, UEstimate.levelCounts(unfitted, sample, 0, 1));
  }

  /** A model with the prior m and u, to compare pairs with before anything is fitted. */
  static MatchModel unfitted(
      String entity, List<String> fields, List<FieldComparison> comparisons) {
    return new MatchModel(
        entity, fields, comparisons, priorM(comparisons), priorU(comparisons), 0.5, 0, Map.of());
  }

  /**
   * Fits a model whose sample's level counts were counted already ({@link SampleLevelCounts}, in
   * parallel): u from those counts, term frequencies from the sample, m by EM.
   */
  static MatchModel fit(
      MatchModel unfitted,
      List<MatchProfile> sample,
      Map<int[], Long> patterns,
      long[][] sampleLevelCounts) {
    return fit(unfitted, sample, patterns, sampleLevelCounts, KnownMatches.NONE);
  }

  /**
   * A fit whose m, for each field enough pairs known to match have on both sides, is what those
   * pairs show ({@link KnownMatches}); EM fits the other fields' m and λ with those held.
   */
  static MatchModel fit(
      MatchModel unfitted,
      List<MatchProfile> sample,
      Map<int[], Long> patterns,
      long[][] sampleLevelCounts,
      KnownMatches known) {
    String entity = unfitted.entity();
    List<String> fields = unfitted.fields();
    List<FieldComparison> comparisons = unfitted.comparisons();
    double[][] priorM = unfitted.m();
    double[][] u = UEstimate.fromCounts(unfitted, sampleLevelCounts);
    Map<String, Map<String, Double>> frequencies =
        UEstimate.frequencies(fields, comparisons, sample);
    long pairs = patterns.values().stream().mapToLong(Long::longValue).sum();
    double[][] learned = known.m(comparisons, priorM);
    UnaryOperator<double[][]> bounds = m -> withLearned(capDisagreement(comparisons, m), learned);
    if (pairs < MIN_PAIRS_FOR_EM) {
      return new MatchModel(
          entity, fields, comparisons, bounds.apply(priorM), u, 0.5, pairs, frequencies);
    }
    EmFit.Result fitted = EmFit.fit(patterns, u, priorM, 0.5, EM_ITERATIONS, bounds);
    return new MatchModel(
        entity, fields, comparisons, fitted.m(), u, fitted.lambda(), pairs, frequencies);
  }

  /**
   * Bounds m of each field's disagreement levels together. Blocks on names and branches hold many
   * pairs of one customer's different bookings; EM can take that group for the matches and learn
   * that a match often disagrees on times, which makes disagreement nearly free. A true match (the
   * same booking) disagrees on a compared field only by a change or a typo: at most {@value
   * #MAX_M_DISAGREE} of the time here, over all its disagreeing levels ({@link
   * FieldComparison#firstDisagreeing}: for times, days apart as well as weeks apart; with days
   * apart left out, EM took the bookings of one name in one week for the matches at 100,000
   * bookings, and a calendar event minutes from its payment no longer cleared the prior). The
   * disagreeing levels keep their fitted proportions among themselves, the others theirs. Applied
   * at every step of EM, not only to its result: capped only at the end, EM had still settled on
   * those pairs, and within the hour weighed 7.1 at 100k against 9.9 at 10k.
   */
  static double[][] capDisagreement(List<FieldComparison> comparisons, double[][] m) {
    double[][] capped = new double[m.length][];
    for (int f = 0; f < m.length; f++) {
      capped[f] = m[f].clone();
      int first = comparisons.get(f).firstDisagreeing();
      double disagreeing = 0;
      for (int level = first; level < capped[f].length; level++) {
        disagreeing += capped[f][level];
      }
      if (disagreeing <= MAX_M_DISAGREE) {
        continue;
      }
      double agreeing = 1 - disagreeing;
      for (int level = 0; level < capped[f].length; level++) {
        capped[f][level] =
            level >= first
                ? capped[f][level] / disagreeing * MAX_M_DISAGREE
                : agreeing > 1e-9
                    ? capped[f][level] / agreeing * (1 - MAX_M_DISAGREE)
                    : (1 - MAX_M_DISAGREE) / first;
      }
    }
    return capped;
  }

  /** {@code m} with each field known matches taught ({@code learned} not null) taken from them. */
  private static double[][] withLearned(double[][] m, double[][] learned) {
    double[][] result = m.clone();
    for (int f = 0; f < result.length; f++) {
      if (learned[f] != null) {
        result[f] = learned[f].clone();
      }
    }
    return result;
  }

  private static double[][] priorM(List<FieldComparison> comparisons) {
    double[][] m = new double[comparisons.size()][];
    for (int f = 0; f < m.length; f++) {
      int levels = comparisons.get(f).levels().size();
      m[f] = new double[levels];
      m[f][0] = 0.8;
      for (int level = 1; level < levels; level++) {
        m[f][level] = 0.2 / (levels - 1);
      }
    }
    return m;
  }

  private static double[][] priorU(List<FieldComparison> comparisons) {
    double[][] u = new double[comparisons.size()][];
    for (int f = 0; f < u.length; f++) {
      int levels = comparisons.get(f).levels().size();
      u[f] = new double[levels];
      u[f][levels - 1] = 0.9;
      for (int level = 0; level < levels - 1; level++) {
        u[f][level] = 0.1 / (levels - 1);
      }
    }
    return u;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
