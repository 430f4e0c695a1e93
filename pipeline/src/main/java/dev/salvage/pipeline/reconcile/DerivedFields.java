package dev.salvage.pipeline.reconcile;

import dev.salvage.mappings.DeriveRule;
import dev.salvage.mappings.EntityType;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The entity model's {@code derive} rules applied to an entity's merged fields: the step after the
 * field values are chosen and before they are compared with the backup, so a derived value that
 * differs from the backup is a change ({@code status} completed once {@code return_at} has passed
 * as of the loss). Rules run in order, each seeing the values the earlier ones set.
 */
final class DerivedFields {
  private DerivedFields() {}

  /**
   * The fields after the type's derive rules, and why each changed.
   *
   * @param fields the merged fields (not changed)
   */
  static Result apply(EntityType type, Map<String, FieldValue> fields, MergeSettings settings) {
    if (type.derive().isEmpty()) {
      return new Result(fields, List.of(), Set.of());
    }
    Map<String, FieldValue> derived = new TreeMap<>(fields);
    List<String> reasons = new ArrayList<>();
    Set<String> changed = new TreeSet<>();
    for (DeriveRule rule : type.derive()) {
      Map<String, String> values = new TreeMap<>();
      derived.forEach((name, value) -> values.put(name, value.value()));
      boolean holds;
      try {
        holds = rule.holds(values, settings.anchors(), settings.zone());
      } catch (IllegalStateException e) {
        reasons.add("not derived: " + e.getMessage());
        continue;
      }
      String before = values.get(rule.field());
      String set = holds ? rule.valueFor(values) : null;
      if (set == null || set.equals(before)) {
        continue;
      }
      Set<String> sources = new TreeSet<>();
      double confidence = 1.0;
      for (String read : rule.reads()) {
        FieldValue value = derived.get(read);
        if (value != null) {
          sources.addAll(value.sources());
          confidence = Math.min(confidence, value.confidence());
        }
      }
      derived.put(rule.field(), new FieldValue(set, List.copyOf(sources), confidence));
      changed.add(rule.field());
      reasons.add(
          rule.field()
              + " derived as "
              + set
              + " by rule "
              + rule.name()
              + (before == null ? "" : " (the evidence said " + before + ")"));
    }
    return new Result(derived, reasons, changed);
  }

  /**
   * @param fields the fields with derived values
   * @param reasons one per derived value, and per rule that could not be evaluated
   * @param derived the fields a rule set to another value
   */
  record Result(Map<String, FieldValue> fields, List<String> reasons, Set<String> derived) {}
}
