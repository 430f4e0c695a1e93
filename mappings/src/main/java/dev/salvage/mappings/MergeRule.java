package dev.salvage.mappings;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;

/**
 * How one field of an entity is merged from its observations.
 *
 * @param strategy the merge strategy
 * @param order source names, most trusted first (may be empty for {@link MergeStrategy#LATEST})
 * @param dependsOn fields whose change makes this field's value stale: a value last claimed before
 *     one of them changed is flagged for review (a price paid before the dates moved)
 */
public record MergeRule(MergeStrategy strategy, List<String> order, List<String> dependsOn)
    implements Serializable {
  /** The rule of a field without one: the newest observation wins. */
  public static final MergeRule DEFAULT = new MergeRule(MergeStrategy.LATEST, List.of());

  public MergeRule {
    requireNonNull(strategy, "strategy");
    order = List.copyOf(order);
    dependsOn = List.copyOf(dependsOn);
  }

  /** A rule on no other field. */
  public MergeRule(MergeStrategy strategy, List<String> order) {
    this(strategy, order, List.of());
  }
}
