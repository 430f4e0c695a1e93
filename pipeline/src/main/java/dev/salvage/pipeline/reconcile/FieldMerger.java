package dev.salvage.pipeline.reconcile;

import dev.salvage.mappings.MergeRule;
import dev.salvage.mappings.MergeStrategy;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Picks one field's value among the claims of an entity's evidence: the one place a field's value
 * is decided, whichever way the evidence was linked.
 */
final class FieldMerger {
  private FieldMerger() {}

  /**
   * The field's value, the evidence ids that claim it, and the share of claims that agree; null
   * when no evidence claims the field.
   *
   * @param evidence oldest first, the most trusted source last among equally new evidence, so that
   *     the last claim wins under {@code latest}
   * @param rule the field's merge rule, or null for {@code latest}
   */
  static FieldValue merge(String field, List<Evidence> evidence, MergeRule rule) {
    List<Evidence> claims = new ArrayList<>();
    for (Evidence e : evidence) {
      if (e.claims().containsKey(field)) {
        claims.add(e);
      }
    }
    if (claims.isEmpty()) {
      return null;
    }
    Evidence winner = claims.get(claims.size() - 1);
    if (rule != null && rule.strategy() == MergeStrategy.PRECEDENCE) {
      winner = byPrecedence(claims, rule.order());
    }
    String value = winner.claims().get(field);
    List<String> sources = new ArrayList<>();
    int agreeing = 0;
    for (Evidence claim : claims) {
      if (claim.claims().get(field).equals(value)) {
        agreeing++;
        if (!sources.contains(claim.ref())) {
          sources.add(claim.ref());
        }
      }
    }
    return new FieldValue(value, sources, (double) agreeing / claims.size());
  }

  /**
   * A {@code sum} field: the backup's value plus every claim made after the backup was taken, or,
   * without a backup value, the sum of every claim; null when no evidence claims the field. Each
   * evidence id counts once, so the same payment must be claimed by one rule only.
   *
   * @param fromBackup whether a piece of evidence is a backup row
   * @param backupTakenAt when the backup was taken
   */
  static FieldValue sum(
      String field,
      List<Evidence> evidence,
      Predicate<Evidence> fromBackup,
      Instant backupTakenAt) {
    Evidence backup = null;
    Map<String, Evidence> claims = new LinkedHashMap<>();
    for (Evidence e : evidence) {
      if (!e.claims().containsKey(field)) {
        continue;
      }
      if (fromBackup.test(e)) {
        backup = e; // oldest first: the newest backup row claiming the field
      } else {
        claims.put(e.ref(), e);
      }
    }
    if (backup == null && claims.isEmpty()) {
      return null;
    }
    BigInteger total = BigInteger.ZERO;
    List<String> sources = new ArrayList<>();
    if (backup != null) {
      total = new BigInteger(backup.claims().get(field));
      sources.add(backup.ref());
    }
    for (Evidence claim : claims.values()) {
      if (backup != null && !Instant.parse(claim.observedAt()).isAfter(backupTakenAt)) {
        continue; // the backup's value already holds what was claimed before it was taken
      }
      total = total.add(new BigInteger(claim.claims().get(field)));
      sources.add(claim.ref());
    }
    return new FieldValue(total.toString(), sources, 1.0);
  }

  private static Evidence byPrecedence(List<Evidence> claims, List<String> order) {
    Evidence best = null;
    int bestRank = Integer.MAX_VALUE;
    for (Evidence claim : claims) {
      int rank = order.indexOf(claim.source());
      rank = rank < 0 ? order.size() : rank;
      // claims are oldest first: "<=" lets a newer claim of the same rank win
      if (rank <= bestRank) {
        best = claim;
        bestRank = rank;
      }
    }
    return best;
  }
}
