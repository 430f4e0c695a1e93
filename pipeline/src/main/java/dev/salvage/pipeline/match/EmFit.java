package dev.salvage.pipeline.match;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Fits the m probabilities (how often a true match shows each comparison level) and the match share
 * by expectation-maximisation over the comparison patterns of candidate pairs, the u probabilities
 * (how often a non-match does) being fixed from random pairs. Deterministic: the same pattern
 * counts give the same fit.
 */
final class EmFit {
  private static final double SMOOTHING = 0.01;

  private EmFit() {}

  /** What the fit found. */
  record Result(double[][] m, double lambda, int iterations) {}

  /**
   * @param patterns comparison levels per field ({@link FieldComparison#MISSING} when a side lacks
   *     the field) with how many candidate pairs show them; iterated in the map's order
   * @param u per field and level, the probability among non-matches
   * @param initialM per field and level, the starting m
   * @param initialLambda the starting share of matches among the pairs
   */
  static Result fit(
      Map<int[], Long> patterns,
      double[][] u,
      double[][] initialM,
      double initialLambda,
      int maxIterations) {
    return fit(patterns, u, initialM, initialLambda, maxIterations, UnaryOperator.identity());
  }

  /**
   * A fit whose m is held within bounds at every step ({@code constraint} maps an m to the nearest
   * one allowed). Bounds applied only to the result leave EM free to take the wrong group of pairs
   * for the matches on the way; applied at every step, the matches it settles on must fit them.
   */
  static Result fit(
      Map<int[], Long> patterns,
      double[][] u,
      double[][] initialM,
      double initialLambda,
      int maxIterations,
      UnaryOperator<double[][]> constraint) {
    double[][] m = constraint.apply(copy(initialM));
    double lambda = initialLambda;
    int iteration = 0;
    while (iteration < maxIterations) {
      iteration++;
      double[][] counts = new double[m.length][];
      for (int f = 0; f < m.length; f++) {
        counts[f] = new double[m[f].length];
      }
      double matched = 0;
      double total = 0;
      for (Map.Entry<int[], Long> entry : patterns.entrySet()) {
        int[] levels = entry.getKey();
        double logMatch = Math.log(lambda);
        double logNonMatch = Math.log(1 - lambda);
        for (int f = 0; f < levels.length; f++) {
          if (levels[f] >= 0) {
            logMatch += Math.log(m[f][levels[f]]);
            logNonMatch += Math.log(u[f][levels[f]]);
          }
        }
        double posterior = 1 / (1 + Math.exp(logNonMatch - logMatch));
        double weight = posterior * entry.getValue();
        matched += weight;
        total += entry.getValue();
        for (int f = 0; f < levels.length; f++) {
          if (levels[f] >= 0) {
            counts[f][levels[f]] += weight;
          }
        }
      }
      if (total == 0) {
        break;
      }
      double[][] next = new double[m.length][];
      for (int f = 0; f < m.length; f++) {
        double sum = 0;
        for (double c : counts[f]) {
          sum += c + SMOOTHING;
        }
        next[f] = new double[m[f].length];
        for (int level = 0; level < m[f].length; level++) {
          next[f][level] = (counts[f][level] + SMOOTHING) / sum;
        }
      }
      next = constraint.apply(next);
      double change = 0;
      for (int f = 0; f < m.length; f++) {
        for (int level = 0; level < m[f].length; level++) {
          change = Math.max(change, Math.abs(next[f][level] - m[f][level]));
        }
      }
      m = next;
      double nextLambda = clamp(matched / total);
      change = Math.max(change, Math.abs(nextLambda - lambda));
      lambda = nextLambda;
      if (change < 1e-7) {
        break;
      }
    }
    return new Result(m, lambda, iteration);
  }

  private static double clamp(double share) {
    return Math.min(1 - 1e-6, Math.max(1e-6, share));
  }

  private static double[][] copy(double[][] table) {
    double[][] result = new double[table.length][];
    for (int i = 0; i < table.length; i++) {
      result[i] = table[i].clone();
    }
    return result;
  }
}
