package dev.salvage.pipeline.importer;

import static java.util.Objects.requireNonNull;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import dev.salvage.pipeline.importer.TargetMapping.TableMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields a NEW record must have before the policy imports it unasked: the field a column's
 * lookup finds the parent by (a lease's member), and the field of a column the target holds NOT
 * NULL without a default. This is the target's half of the rule whose model half is {@code
 * linking.new_entity} ({@code reconcile.IncompleteNewRecords}): a record lacking either says too
 * little to be written as it is. An outside trial's three leases known only from a calendar event
 * were NEW, unflagged, confidence 1.0, and went in with no member; the plan only listed the NULLs
 * among the column defaults. An explicit approve (after an edit in review, or as it is) still
 * imports such a record, and the target then refuses a NOT NULL column still empty, as before.
 */
final class NewRowNeeds {
  /** No table needs anything: a planner made without a target. */
  static final NewRowNeeds NONE = new NewRowNeeds(Map.of());

  /**
   * A column the record must give a value for.
   *
   * @param place {@code table.column}
   * @param field the record's field the column is written from
   * @param parent the table the column's lookup finds the parent in, or null for a NOT NULL column
   * @param alternatives the fields of the lookup's later alternatives, any of which gives the
   *     parent when the record lacks {@code field}
   */
  record Need(String place, String field, String parent, List<String> alternatives) {
    Need {
      requireNonNull(place, "place");
      requireNonNull(field, "field");
      alternatives = List.copyOf(alternatives);
    }

    Need(String place, String field, String parent) {
      this(place, field, parent, List.of());
    }

    /** {@code guest_email}, or {@code guest_email or guest_channel_email} for alternatives. */
    String fields() {
      List<String> all = new ArrayList<>();
      all.add(field);
      all.addAll(alternatives);
      return String.join(" or ", all);
    }

    String why() {
      return parent != null
          ? place
              + " names its parent in "
              + parent
              + " through a lookup of "
              + fields()
              + ", so the row would have no parent"
          : place + " is NOT NULL without a default, so the target would refuse the row";
    }
  }

  private final Map<String, List<Need>> byEntity;

  private NewRowNeeds(Map<String, List<Need>> byEntity) {
    this.byEntity = byEntity;
  }

  /** What each mapped table needs of a new record, from the mapping and the target's catalog. */
  static NewRowNeeds of(TargetMapping mapping, TargetSchema schema) {
    Map<String, List<Need>> byEntity = new LinkedHashMap<>();
    for (TableMapping table : mapping.tables()) {
      List<Need> needs = new ArrayList<>();
      for (ColumnMapping column : table.columns()) {
        // a mapping default (when_absent) or a name part fills it; a natural key lacking has its
        // own refusal, naming what identifies the rows
        if (column.field() == null
            || column.whenAbsent() != null
            || column.fallback() != null
            || table.naturalKeys().contains(column.column())) {
          continue;
        }
        String place = table.table() + "." + column.column();
        if (column.lookup() != null) {
          List<String> fields = column.lookupFields();
          needs.add(
              new Need(
                  place,
                  column.field(),
                  column.lookup().table(),
                  fields.subList(1, fields.size())));
          continue;
        }
        TargetSchema.Column described = schema.column(table.table(), column.column());
        if (described != null && !described.nullable() && !described.hasDefault()) {
          needs.add(new Need(place, column.field(), null));
        }
      }
      if (!needs.isEmpty()) {
        byEntity.merge(
            table.entity(),
            List.copyOf(needs),
            (a, b) -> {
              List<Need> both = new ArrayList<>(a);
              both.addAll(b);
              return List.copyOf(both);
            });
      }
    }
    return new NewRowNeeds(byEntity);
  }

  /**
   * Why the policy does not import {@code record} unasked, naming each field it lacks and the
   * column that needs it; null when it is not NEW or lacks nothing its table needs.
   */
  String lacking(ReconstructedRecord record) {
    if (record.action() != Action.NEW) {
      return null;
    }
    List<String> whys = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    for (Need need : byEntity.getOrDefault(record.entity(), List.of())) {
      // a record holding any alternative's field finds its parent by that one
      boolean holds = record.value(need.field()) != null;
      for (String alternative : need.alternatives()) {
        holds = holds || record.value(alternative) != null;
      }
      if (!holds) {
        whys.add(need.why());
        if (!fields.contains(need.fields())) {
          fields.add(need.fields());
        }
      }
    }
    if (whys.isEmpty()) {
      return null;
    }
    return "a new "
        + record.entity()
        + " lacking "
        + String.join(", ", fields)
        + ": "
        + String.join("; ", whys)
        + ". Enter "
        + (fields.size() == 1 ? "it" : "them")
        + " in salvage review (edit) and approve, approve it as it is, or declare the field in"
        + " linking.new_entity of the entity model to have the run flag such records: needs an"
        + " explicit approve";
  }
}
