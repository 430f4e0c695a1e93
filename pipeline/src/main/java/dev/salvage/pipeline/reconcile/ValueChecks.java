package dev.salvage.pipeline.reconcile;

import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.FieldType;
import dev.salvage.mappings.ValueCheck;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Alternative;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The entity model's {@code checks} on a record's values: a bound every claim of a field broke (a
 * negative amount no source gave otherwise), or an ordering two fields break (a departure before
 * the arrival). The merge already kept a claim that broke a bound from winning over one that keeps
 * it ({@link FieldMerger}); what still breaks a check goes to a person with its value and evidence.
 * Until 2026-12-06 an outside trial's run took both at confidence 1.0, unflagged, and only the
 * target database's CHECK constraints kept them out of the import; an application without such
 * constraints would have stored them.
 */
public final class ValueChecks {
  /** Where a reason says the record breaks a check: the run's end note counts such records. */
  public static final String MARK = "(checks of the entity model)";

  /** How the note of a claim's value that lost for breaking a bound begins. */
  public static final String BEATEN = "breaks the check ";

  /** What a broken check of a backup row nothing since changes ends with. */
  static final String AS_THE_BACKUP_HOLDS_IT =
      "the backup's row is carried over as the backup holds it, no evidence since changes it;"
          + " correct it in the application or in review";

  private ValueChecks() {}

  /** The checks {@code fields} break, in the entity model's order. */
  public static List<ValueCheck> broken(EntityType type, Map<String, FieldValue> fields) {
    List<ValueCheck> broken = new ArrayList<>();
    for (ValueCheck check : type.checks()) {
      FieldValue value = fields.get(check.field());
      FieldValue other = check.kind().ordering() ? fields.get(check.operand()) : null;
      if (value == null || (check.kind().ordering() && other == null)) {
        continue;
      }
      FieldType fieldType = type.fields().get(check.field());
      if (!check.keeps(fieldType, value.value(), other == null ? null : other.value())) {
        broken.add(check);
      }
    }
    return broken;
  }

  /** One reason per check {@code fields} break, naming the values and their evidence. */
  static List<String> reasons(EntityType type, Map<String, FieldValue> fields) {
    return reasons(type, fields, false);
  }

  /**
   * One reason per check {@code fields} break; {@code carriedOver} when they are a backup row no
   * evidence since changes, which nothing in the run chose: telling the reviewer to correct it
   * "before this record is imported" read as if the run had made the value.
   */
  static List<String> reasons(
      EntityType type, Map<String, FieldValue> fields, boolean carriedOver) {
    List<String> reasons = new ArrayList<>();
    for (ValueCheck check : broken(type, fields)) {
      FieldValue value = fields.get(check.field());
      String said =
          check.field()
              + " "
              + value.value()
              + " (from "
              + first(value.sources())
              + ") breaks the check ";
      if (check.kind().ordering()) {
        FieldValue other = fields.get(check.operand());
        said +=
            check.field()
                + " "
                + check.describe()
                + " "
                + MARK
                + ": "
                + check.operand()
                + " is "
                + other.value()
                + " (from "
                + first(other.sources())
                + ")";
        said +=
            carriedOver
                ? "; " + AS_THE_BACKUP_HOLDS_IT
                : "; one of them is wrong: correct it in review before this record is imported";
      } else {
        said += check.describe() + " " + MARK;
        said +=
            carriedOver
                ? ": " + AS_THE_BACKUP_HOLDS_IT
                : ", and no evidence gives a value that keeps it: correct it in review before this"
                    + " record is imported";
      }
      reasons.add(said);
    }
    return reasons;
  }

  /** The bounds of {@code field} that {@code value} breaks, as the entity model writes them. */
  static List<ValueCheck> brokenBounds(EntityType type, String field, String value) {
    FieldType fieldType = type.fields().get(field);
    return type.checksOf(field).stream()
        .filter(check -> !check.kind().ordering() && !check.keeps(fieldType, value, null))
        .toList();
  }

  /** The note of an alternative that lost for breaking {@code check} to {@code winner}. */
  static String beatenNote(ValueCheck check, String winner) {
    return BEATEN + check.describe() + " " + MARK + ": " + winner + ", which keeps it, won";
  }

  /**
   * The check {@code alternative} lost for breaking, as the entity model writes it ({@code min 0});
   * null when it lost for another reason.
   */
  public static String beatenBy(Alternative alternative) {
    String note = alternative.note();
    int end = note.indexOf(" " + MARK);
    return note.startsWith(BEATEN) && end > BEATEN.length()
        ? note.substring(BEATEN.length(), end)
        : null;
  }

  private static String first(List<String> refs) {
    return refs.isEmpty() ? "?" : refs.get(0) + (refs.size() > 1 ? " and others" : "");
  }
}
