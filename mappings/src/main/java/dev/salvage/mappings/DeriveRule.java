package dev.salvage.mappings;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A value an entity's field takes from its other merged fields and the run's moments (an entity's
 * {@code derive}): {@code status} becomes {@code completed} when {@code return_at} is before {@code
 * as_of} and {@code status} is not {@code cancelled}. Evaluated after the merge, before the backup
 * diff, so a derived value that differs from the backup is a change.
 */
public final class DeriveRule {
  private final String name;
  private final String field;
  private final String value;
  private final Set<String> reads;
  private final List<Condition<EntityFields>> when;
  private final MappingException backupNeeded;

  DeriveRule(
      String name,
      String field,
      String value,
      Set<String> reads,
      List<Condition<EntityFields>> when,
      MappingException backupNeeded) {
    this.backupNeeded = backupNeeded;
    this.name = requireNonNull(name, "name");
    this.field = requireNonNull(field, "field");
    this.value = requireNonNull(value, "value");
    this.reads = Set.copyOf(reads);
    this.when = List.copyOf(when);
  }

  /** The rule's name, for the record's reasons. */
  public String name() {
    return name;
  }

  /** The field it sets. */
  public String field() {
    return field;
  }

  /** The canonical value it sets. */
  public String value() {
    return value;
  }

  /** The fields its conditions read: their evidence supports the derived value. */
  public Set<String> reads() {
    return reads;
  }

  /** The error to report when the run has no backup and this rule compares with its time. */
  MappingException backupNeeded() {
    return backupNeeded;
  }

  /** The moments ({@code backup_time}, {@code as_of}) its conditions use. */
  Set<String> anchors() {
    return Condition.anchorsOf(when);
  }

  /**
   * Whether the rule's conditions hold for an entity with these merged {@code fields}.
   *
   * @param zone the zone in which a date field's day starts
   * @throws IllegalStateException when a moment it needs is unknown
   */
  public boolean holds(Map<String, String> fields, TimeAnchors anchors, ZoneId zone) {
    try {
      return Condition.all(when, new EntityFields(fields, anchors, zone));
    } catch (ValueException e) {
      throw new IllegalStateException("derive " + name + ": " + e.getMessage(), e);
    }
  }
}
