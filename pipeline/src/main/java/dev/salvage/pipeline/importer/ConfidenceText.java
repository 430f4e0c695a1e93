package dev.salvage.pipeline.importer;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** How plan says a record's confidence, and what cost it, so that a person can judge it. */
final class ConfidenceText {
  private ConfidenceText() {}

  /**
   * A record the policy's min_confidence kept out, said so that a person can judge it: its action,
   * its confidence readably, and which piece attached by matching cost it (an outside trial saw 64
   * right records at 0.9999999987198145 and no reason).
   */
  static String belowConfidence(ReconstructedRecord record) {
    StringBuilder line =
        new StringBuilder(record.id())
            .append(" (")
            .append(record.action())
            .append(", confidence ")
            .append(readableConfidence(record.confidence()))
            .append(")");
    ReconstructedRecord.Link weakest = record.weakestLink();
    if (weakest == null || weakest.probability() > record.confidence()) {
      return line.append(": no piece attached by matching explains it").toString();
    }
    line.append(": ").append(String.join(", ", weakest.evidence()));
    Set<String> sources = new LinkedHashSet<>();
    for (String piece : weakest.evidence()) {
      record.evidence().stream()
          .filter(evidence -> evidence.piece().equals(piece) || evidence.ref().equals(piece))
          .findFirst()
          .ifPresent(evidence -> sources.add(evidence.source()));
    }
    if (!sources.isEmpty()) {
      line.append(" (source ").append(String.join(", ", sources)).append(")");
    }
    line.append(" attached by matching at weight ")
        .append(String.format(Locale.ROOT, "%+.1f", weakest.weight()));
    if (weakest.probability() != record.confidence()) {
      line.append(", probability ").append(readableConfidence(weakest.probability()));
    }
    long others = record.links().stream().filter(link -> link != weakest).count();
    if (others > 0) {
      line.append("; ").append(others).append(" more piece(s) attached by matching, stronger");
    }
    return line.toString();
  }

  /**
   * A probability near 1 to one decimal past its nines and the odds against it ({@code 0.9999999987
   * (1 in 780 million against)}): a person cannot count the nines of 0.9999999987198145; one
   * further from 1 than 0.99 as 4 significant digits.
   */
  static String readableConfidence(double p) {
    if (p >= 1 || p <= 0) {
      return String.valueOf(p);
    }
    double doubt = 1 - p;
    if (doubt > 0.01) {
      return new BigDecimal(p).round(new java.math.MathContext(4)).toPlainString();
    }
    double against = 1 / doubt;
    String[] units = {"", " thousand", " million", " billion", " trillion"};
    int unit = 0;
    while (unit < units.length - 1 && against >= 1000) {
      against /= 1000;
      unit++;
    }
    String odds = new BigDecimal(against).round(new java.math.MathContext(2)).toPlainString();
    // as review prints a link's probability: one decimal past the first that is not 9
    int decimals = Math.min(16, (int) Math.ceil(-Math.log10(doubt)) + 1);
    return String.format(Locale.ROOT, "%." + decimals + "f", p)
        + " (1 in "
        + odds
        + units[unit]
        + " against)";
  }
}
