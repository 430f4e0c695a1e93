package dev.salvage.mappings;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * How one field of an entity is merged from its observations.
 *
 * @param strategy the merge strategy
 * @param order source names, most trusted first (may be empty for {@link MergeStrategy#LATEST})
 * @param dependsOn fields whose change makes this field's value stale: a value last claimed before
 *     one of them changed is flagged for review (a price paid before the dates moved)
 * @param statedWithin one step of the application: how long after the value's last claim the fields
 *     it depends on may first be stated and still count as stated with it, and how far apart claims
 *     may be and still describe one moment, where agreement decides the value
 * @param currency the field of the entity naming the currency of this amount field's claims ({@code
 *     currency: currency}), or null when the entity model ties the field to none: a record whose
 *     sum adds claims of pieces of evidence claiming different currencies, or whose amount is
 *     claimed in a currency other than the record's, is flagged
 */
public record MergeRule(
    MergeStrategy strategy,
    List<String> order,
    List<String> dependsOn,
    Duration statedWithin,
    String currency)
    implements Serializable {
  /** {@code stated_within} when the mapping does not set it (declared first: DEFAULT uses it). */
  public static final Duration DEFAULT_STATED_WITHIN = Duration.ofHours(1);

  /** The rule of a field without one: the newest observation wins. */
  public static final MergeRule DEFAULT = new MergeRule(MergeStrategy.LATEST, List.of());

  public MergeRule {
    requireNonNull(strategy, "strategy");
    order = List.copyOf(order);
    dependsOn = List.copyOf(dependsOn);
    requireNonNull(statedWithin, "statedWithin");
  }

  /** A rule tying its field to no currency field. */
  public MergeRule(
      MergeStrategy strategy, List<String> order, List<String> dependsOn, Duration statedWithin) {
    this(strategy, order, dependsOn, statedWithin, null);
  }

  /** A rule on no other field. */
  public MergeRule(MergeStrategy strategy, List<String> order) {
    this(strategy, order, List.of(), DEFAULT_STATED_WITHIN);
  }
}
