package dev.salvage.pipeline.match;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * Pairs known to match, and what they say of m: each is a piece of an identified entity's evidence
 * held out of it (merged alone) against the rest of that entity, so its comparison levels are those
 * of a true match. EM over blocked candidates has to guess which pairs are the matches, and a block
 * full of look-alikes (one name's bookings of one week) can pass for them; these pairs need no
 * guess.
 *
 * <p>Held-out pieces come from every source, unlinked evidence mostly from some (payments and
 * calendar events without the reference, rarely mail), and sources differ in what they get right (a
 * calendar title's name is typed by hand), so each source's pairs weigh as much as its share of the
 * unlinked evidence: m describes the pairs matching will decide.
 *
 * @param patternsBySource per source, comparison patterns ({@code 0,1,-1,...}, one level per
 *     compared field) with how many held-out pairs show them
 * @param unlinkedBySource per source, how many unlinked records of the entity type it began
 */
record KnownMatches(
    Map<String, Map<String, Long>> patternsBySource, Map<String, Long> unlinkedBySource) {
  /**
   * A field's m is learned from known matches only when this many of them have it on both sides.
   */
  static final int MIN_PAIRS_PER_FIELD = 30;

  /**
   * Known matches speak for the unlinked evidence only when their sources began at least this share
   * of it; otherwise m is left to EM.
   */
  static final double MIN_COVERAGE = 0.5;

  static final KnownMatches NONE = new KnownMatches(Map.of(), Map.of());

  KnownMatches {
    requireNonNull(patternsBySource, "patternsBySource");
    requireNonNull(unlinkedBySource, "unlinkedBySource");
    patternsBySource = Map.copyOf(patternsBySource);
    unlinkedBySource = Map.copyOf(unlinkedBySource);
  }

  /** How many held-out pairs there are in all. */
  long pairs() {
    return patternsBySource.values().stream()
        .flatMap(patterns -> patterns.values().stream())
        .mapToLong(Long::longValue)
        .sum();
  }

  /**
   * m per field and level learned from the known matches, each source weighted by its share of the
   * unlinked evidence, with one pseudo-pair spread as {@code prior}; a field too few known matches
   * have on both sides gets null (m from EM), and every field gets null when the known matches'
   * sources began less than {@link #MIN_COVERAGE} of the unlinked evidence.
   */
  double[][] m(List<FieldComparison> comparisons, double[][] prior) {
    double[][] learned = new double[comparisons.size()][];
    long unlinked = unlinkedBySource.values().stream().mapToLong(Long::longValue).sum();
    long covered = 0;
    for (Map.Entry<String, Long> source : unlinkedBySource.entrySet()) {
      if (patternsBySource.containsKey(source.getKey())) {
        covered += source.getValue();
      }
    }
    if (unlinked > 0 && covered < MIN_COVERAGE * unlinked) {
      return learned;
    }
    double[][] weighted = new double[comparisons.size()][];
    long[] present = new long[comparisons.size()];
    for (int f = 0; f < weighted.length; f++) {
      weighted[f] = new double[comparisons.get(f).levels().size()];
    }
    for (Map.Entry<String, Map<String, Long>> source : patternsBySource.entrySet()) {
      long pairs = source.getValue().values().stream().mapToLong(Long::longValue).sum();
      // with nothing unlinked, matching decides nothing: every source counts as it comes
      double weight =
          unlinked == 0 ? 1.0 : (double) unlinkedBySource.getOrDefault(source.getKey(), 0L) / pairs;
      if (weight == 0) {
        continue;
      }
      for (Map.Entry<String, Long> pattern : source.getValue().entrySet()) {
        int[] levels = parse(pattern.getKey(), comparisons.size());
        for (int f = 0; f < levels.length; f++) {
          if (levels[f] >= 0) {
            weighted[f][levels[f]] += weight * pattern.getValue();
            present[f] += pattern.getValue();
          }
        }
      }
    }
    for (int f = 0; f < learned.length; f++) {
      double total = 0;
      for (double count : weighted[f]) {
        total += count;
      }
      if (present[f] < MIN_PAIRS_PER_FIELD || total == 0) {
        continue;
      }
      learned[f] = new double[weighted[f].length];
      for (int level = 0; level < learned[f].length; level++) {
        learned[f][level] =
            (weighted[f][level] / total * present[f] + prior[f][level]) / (present[f] + 1);
      }
    }
    return learned;
  }

  /** A pattern as {@code FitMatchModels} writes it: levels joined by commas. */
  static String pattern(int[] levels) {
    StringBuilder pattern = new StringBuilder();
    for (int f = 0; f < levels.length; f++) {
      pattern.append(f == 0 ? "" : ",").append(levels[f]);
    }
    return pattern.toString();
  }

  static int[] parse(String pattern, int fields) {
    String[] parts = pattern.split(",", -1);
    if (parts.length != fields) {
      throw new IllegalArgumentException(
          "Cannot read comparison pattern " + pattern + ": " + fields + " levels expected");
    }
    int[] levels = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      levels[i] = Integer.parseInt(parts[i]);
    }
    return levels;
  }
}
