package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.KeptOut.clipped;
import static dev.salvage.pipeline.importer.KeptOut.quoted;

import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import dev.salvage.pipeline.importer.TargetMapping.TableMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A record compared with a row the target holds for it: the values they hold otherwise, whether the
 * row is plainly another entity's, another by a unique index of several columns, or the row
 * restored from the record's backup row.
 */
final class RowComparison {
  private final TableMapping table;
  private final Map<ColumnMapping, PhoneFormat> phones;
  private final ColumnValues columnValues;

  RowComparison(
      TableMapping table, Map<ColumnMapping, PhoneFormat> phones, ColumnValues columnValues) {
    this.table = table;
    this.phones = phones;
    this.columnValues = columnValues;
  }

  /**
   * The record's values that a row found by its natural key holds otherwise, each as {@code column
   * target-value (record: value)}; a value either side lacks is no difference.
   */
  List<String> differences(Approved record, List<ColumnMapping> compared, List<String> row) {
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < compared.size(); i++) {
      ColumnMapping column = compared.get(i);
      String old = row.get(i);
      String value = record.values().get(column.field());
      if (old == null || value == null) {
        continue;
      }
      boolean same;
      if (column.lookup() != null) {
        // read through the lookup: the parent's match value, found ignoring case
        same = value.toLowerCase(Locale.ROOT).equals(old.toLowerCase(Locale.ROOT));
      } else {
        value = columnValues.quietlyFitted(record, column, value);
        if (value == null) {
          continue; // not comparable; a present row is never written, so never refused
        }
        same =
            phones.containsKey(column)
                ? phones.get(column).sameNumber(value, old)
                : columnValues.planType(column).same(value, old);
      }
      if (!same) {
        differences.add(
            column.column() + " " + clipped(old, 60) + " (record: " + clipped(value, 60) + ")");
      }
    }
    return differences;
  }

  /** How many of the compared columns hold a value both in the record and in the row. */
  static int bothHold(Approved record, List<ColumnMapping> compared, List<String> row) {
    int both = 0;
    for (int i = 0; i < compared.size(); i++) {
      if (row.get(i) != null && record.values().get(compared.get(i).field()) != null) {
        both++;
      }
    }
    return both;
  }

  /**
   * Whether a row found by the record's natural key is plainly another entity given the same key,
   * which no correction in the application makes this record's: most columns differ (another
   * parent, another payment; a new key in review brought such bookings in at an outside trial, 47),
   * or another parent and more (a booking of another customer on other days kept the old message at
   * the QA of trial 47, differing in 4 of 9 columns).
   */
  static boolean plainlyAnother(
      List<ColumnMapping> compared, List<String> differences, int bothHold) {
    boolean parentDiffers =
        compared.stream()
            .filter(column -> column.lookup() != null)
            .anyMatch(
                column ->
                    differences.stream().anyMatch(said -> said.startsWith(column.column() + " ")));
    return differences.size() >= 2 && (differences.size() * 2 > bothHold || parentDiffers);
  }

  /**
   * Whether a row holds the backup's values of the record in every one of {@code columns} that both
   * have a value, at least one: the row restored from the record's backup row.
   */
  boolean holdsBackupValues(Approved record, List<ColumnMapping> columns, List<String> row) {
    Map<String, String> backup = record.record().backup();
    if (backup == null || backup.isEmpty()) {
      return false;
    }
    Approved asBackup = new Approved(record.record(), backup, Set.of());
    int same = 0;
    for (int i = 0; i < columns.size(); i++) {
      ColumnMapping column = columns.get(i);
      String value = backup.get(column.field());
      if (value == null || row.get(i) == null) {
        continue;
      }
      String planned =
          column.lookup() == null ? columnValues.quietlyFitted(asBackup, column, value) : value;
      if (planned == null || !columnValues.sameValue(column, planned, row.get(i))) {
        return false;
      }
      same++;
    }
    return same > 0;
  }

  /**
   * The reason a record is kept out when the row its natural key finds differs in a column that a
   * unique index holds together with the natural key (another branch's booking of the same number):
   * that row is another entity, whatever the other columns say, and no edit of the natural key
   * brings the record in without renaming what its evidence calls it. Null when the natural key is
   * unique alone or the row differs in no such column.
   */
  String anotherByIndex(
      UniqueIndexes uniques,
      Approved record,
      NaturalKey natural,
      String naturalValue,
      List<ColumnMapping> compared,
      List<String> row) {
    // a key of several columns names the index's columns itself (the load warns otherwise)
    UniqueIndexes.Index together =
        natural.composite() ? null : uniques.withOthersOnly(natural.column());
    if (together == null) {
      return null;
    }
    List<String> keyDifferences = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < compared.size(); i++) {
      ColumnMapping column = compared.get(i);
      String old = row.get(i + 1);
      if (old == null) {
        continue;
      }
      List<String> differs = differences(record, List.of(column), List.of(old));
      if (differs.isEmpty()) {
        continue;
      }
      if (together.keyColumns().contains(column.column())) {
        keyDifferences.add(
            column.column()
                + " = "
                + quoted(clipped(old, 60))
                + ", the record's is "
                + quoted(clipped(record.values().get(column.field()), 60)));
      } else {
        rest.addAll(differs);
      }
    }
    if (keyDifferences.isEmpty()) {
      return null;
    }
    return KeptOut.PRESENT_OTHERWISE
        + table.table()
        + "."
        + table.keyColumn()
        + " = "
        + row.get(0)
        + " has "
        + natural.has(naturalValue)
        + " but "
        + String.join(" and ", keyDifferences)
        + ": "
        + KeptOut.ANOTHER_BY_INDEX
        + table.entity()
        + ", since unique index "
        + together.name()
        + " tells rows apart by ("
        + String.join(", ", together.keyColumns())
        + ")"
        + (rest.isEmpty() ? "" : " (the row also differs: " + String.join(", ", rest) + ")")
        + "; nothing is written for this record: the mapping's natural key is "
        + natural.column()
        + " alone, which finds that row, so this "
        + table.entity()
        + " cannot be imported by this mapping (editing "
        + natural.field()
        + " would rename what its evidence calls it): "
        + (TableWarnings.listForm(table, together) != null
            ? "make the natural key the index's columns, "
                + TableWarnings.listForm(table, together)
                + ", and plan again, or reject the record (docs/import.md, \"A natural key of"
                + " several columns\")"
            : "insert it in the application, or reject the record (docs/import.md, \"A"
                + " natural key unique only with other columns\")");
  }
}
