package dev.salvage.pipeline.reconcile;

import dev.salvage.mappings.TieRule;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import java.util.List;

/**
 * The entity type's {@code ties} rules, as the merge uses them: between equally new pieces of
 * evidence, the one whose claim a rule prefers sorts last, and so wins under {@code latest}. A
 * small, separate input of the merge: {@link EntityMerger} sorts with {@link #compare} and names
 * the deciding rule with {@link #decider} in the record's reasons.
 */
final class TieBreak {
  private final List<TieRule> rules;

  TieBreak(List<TieRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Positive when {@code a} wins over {@code b} by some rule, negative when {@code b} does. */
  int compare(Evidence a, Evidence b) {
    for (TieRule rule : rules) {
      int order = rule.compare(a.claims().get(rule.field()), b.claims().get(rule.field()));
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }

  /** The rule that made {@code winner} win over {@code loser}, or null when none decided. */
  TieRule decider(Evidence winner, Evidence loser) {
    for (TieRule rule : rules) {
      if (rule.compare(winner.claims().get(rule.field()), loser.claims().get(rule.field())) != 0) {
        return rule;
      }
    }
    return null;
  }
}
