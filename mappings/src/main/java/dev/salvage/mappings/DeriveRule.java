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
  /**
   * A value computed from other merged fields, integer or money alike (money is integer minor
   * units): {@code total_cents} less {@code refunded_cents}, since the application kept the net
   * amount and the evidence gives the charge and its partial refunds apart.
   *
   * @param from the field the value starts from
   * @param plus the fields added
   * @param minus the fields subtracted; a field without a value counts as 0
   */
  public record Computed(String from, List<String> plus, List<String> minus) {
    public Computed {
      requireNonNull(from, "from");
      plus = List.copyOf(plus);
      minus = List.copyOf(minus);
    }

    /** The value for {@code fields}, or null when {@code from} has none. */
    String valueFor(Map<String, String> fields) {
      String start = fields.get(from);
      if (start == null) {
        return null;
      }
      java.math.BigInteger total = new java.math.BigInteger(start);
      for (String added : plus) {
        String value = fields.get(added);
        total = value == null ? total : total.add(new java.math.BigInteger(value));
      }
      for (String subtracted : minus) {
        String value = fields.get(subtracted);
        total = value == null ? total : total.subtract(new java.math.BigInteger(value));
      }
      return total.toString();
    }

    /** The fields it reads. */
    Set<String> reads() {
      Set<String> reads = new java.util.TreeSet<>(plus);
      reads.add(from);
      reads.addAll(minus);
      return reads;
    }
  }

  private final String name;
  private final String field;
  private final String value;
  private final Computed computed;
  private final Set<String> reads;
  private final List<Condition<EntityFields>> when;
  private final MappingException backupNeeded;

  DeriveRule(
      String name,
      String field,
      String value,
      Computed computed,
      Set<String> reads,
      List<Condition<EntityFields>> when,
      MappingException backupNeeded) {
    this.backupNeeded = backupNeeded;
    this.name = requireNonNull(name, "name");
    this.field = requireNonNull(field, "field");
    if ((value == null) == (computed == null)) {
      throw new IllegalArgumentException("a derive rule sets a constant or a computed value");
    }
    this.value = value;
    this.computed = computed;
    Set<String> all = new java.util.TreeSet<>(reads);
    if (computed != null) {
      all.addAll(computed.reads());
    }
    this.reads = Set.copyOf(all);
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

  /** The canonical constant it sets, or null when it computes its value. */
  public String value() {
    return value;
  }

  /** The value it computes from other fields, or null when it sets a constant. */
  public Computed computed() {
    return computed;
  }

  /**
   * The canonical value it sets on an entity with these merged {@code fields}: its constant, or the
   * value computed from them (null when the field it starts from has none).
   */
  public String valueFor(Map<String, String> fields) {
    return computed == null ? value : computed.valueFor(fields);
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
