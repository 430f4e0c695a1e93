package dev.salvage.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EmFitTest {
  static final double[][] TRUE_M = {{0.9, 0.1}, {0.7, 0.2, 0.1}, {0.6, 0.25, 0.1, 0.05}};
  static final double[][] TRUE_U = {{0.05, 0.95}, {0.1, 0.2, 0.7}, {0.02, 0.08, 0.3, 0.6}};
  static final double TRUE_LAMBDA = 0.3;

  /** Pairs drawn from the model itself, a share of them with a field missing. */
  static Map<int[], Long> synthetic(int pairs, long seed) {
    Random random = new Random(seed);
    Map<String, Long> counts = new TreeMap<>();
    for (int i = 0; i < pairs; i++) {
      double[][] table = random.nextDouble() < TRUE_LAMBDA ? TRUE_M : TRUE_U;
      int[] levels = new int[table.length];
      for (int f = 0; f < table.length; f++) {
        levels[f] = random.nextDouble() < 0.1 ? FieldComparison.MISSING : draw(table[f], random);
      }
      counts.merge(Arrays.toString(levels), 1L, Long::sum);
    }
    Map<int[], Long> patterns = new LinkedHashMap<>();
    counts.forEach(
        (text, n) ->
            patterns.put(
                Arrays.stream(text.substring(1, text.length() - 1).split(", "))
                    .mapToInt(Integer::parseInt)
                    .toArray(),
                n));
    return patterns;
  }

  static int draw(double[] probabilities, Random random) {
    double x = random.nextDouble();
    for (int level = 0; level < probabilities.length - 1; level++) {
      x -= probabilities[level];
      if (x < 0) {
        return level;
      }
    }
    return probabilities.length - 1;
  }

  static double[][] flatStart() {
    return new double[][] {{0.8, 0.2}, {0.8, 0.1, 0.1}, {0.7, 0.1, 0.1, 0.1}};
  }

  @Test
  void recoversKnownMAndMatchShareFromSyntheticPairs() {
    EmFit.Result fit = EmFit.fit(synthetic(40_000, 42), TRUE_U, flatStart(), 0.5, 500);
    assertThat(fit.lambda()).isCloseTo(TRUE_LAMBDA, within(0.02));
    for (int f = 0; f < TRUE_M.length; f++) {
      for (int level = 0; level < TRUE_M[f].length; level++) {
        assertThat(fit.m()[f][level])
            .as("m[%d][%d]", f, level)
            .isCloseTo(TRUE_M[f][level], within(0.03));
      }
    }
  }

  @Test
  void theSamePatternsGiveTheSameFit() {
    EmFit.Result first = EmFit.fit(synthetic(5_000, 7), TRUE_U, flatStart(), 0.5, 200);
    EmFit.Result second = EmFit.fit(synthetic(5_000, 7), TRUE_U, flatStart(), 0.5, 200);
    assertThat(second.m()).isDeepEqualTo(first.m());
    assertThat(second.lambda()).isEqualTo(first.lambda());
  }
}
