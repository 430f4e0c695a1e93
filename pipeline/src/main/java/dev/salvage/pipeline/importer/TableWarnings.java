package dev.salvage.pipeline.importer;

import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import dev.salvage.pipeline.importer.TargetMapping.TableMapping;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What plan says of the target's mapped tables before it plans a row: a {@code soft_delete} column
 * that cannot work is refused; a likely one the mapping does not name, a natural key the table does
 * not hold unique, and tables that write rows on their own are warned of, once.
 */
final class TableWarnings {
  private final TargetMapping mapping;
  private final List<String> tableWarnings;

  /**
   * @param tableWarnings where the warnings go, in the order the checks run
   */
  TableWarnings(TargetMapping mapping, List<String> tableWarnings) {
    this.mapping = mapping;
    this.tableWarnings = tableWarnings;
  }

  /**
   * Column names frameworks mark deleted rows with (Laravel, Rails' paranoia and discard, Django
   * packages): a mapped table holding one without {@code soft_delete} is warned about.
   */
  static final List<String> SOFT_DELETE_NAMES =
      List.of("deleted_at", "deleted", "is_deleted", "discarded_at", "archived_at");

  /**
   * The natural key a unique index suggests, {@code natural_key: [branch_code, booking_no]}, when
   * every column of the index is mapped from a field without lookup, as a natural key's columns
   * must be; else null, as the mapping could not say it.
   */
  static String listForm(TableMapping table, UniqueIndexes.Index index) {
    for (String name : index.keyColumns()) {
      ColumnMapping column = table.column(name);
      if (column == null || column.field() == null || column.lookup() != null) {
        return null;
      }
    }
    return "natural_key: [" + String.join(", ", index.keyColumns()) + "]";
  }

  /**
   * Warns of each natural key that the table's unique indexes hold only together with other columns
   * (booking numbers restarting per branch): a row found by the natural key alone may be another
   * entity, which plan keeps the record out for, and it is said here once rather than guessed at
   * per record.
   */
  void checkNaturalKeysUnique(Connection connection, Dialect dialect, TargetSchema schema)
      throws SQLException {
    for (TableMapping table : mapping.tables()) {
      // a key of several columns is unique as the mapping says; one column may not be
      if (table.naturalKey() == null || table.naturalKey().equals(table.keyColumn())) {
        continue;
      }
      UniqueIndexes indexes =
          UniqueIndexes.of(connection, dialect, schema, table.table(), table.keyColumn());
      UniqueIndexes.Index partitioned =
          table.compositeNaturalKey() ? null : indexes.withPartitionKeyOnly(table.naturalKey());
      if (partitioned != null) {
        List<String> others =
            partitioned.keyColumns().stream().filter(c -> !c.equals(table.naturalKey())).toList();
        tableWarnings.add(
            "the natural key "
                + table.table()
                + "."
                + table.naturalKey()
                + " (entity "
                + table.entity()
                + ") is held by unique index "
                + partitioned.name()
                + " on ("
                + String.join(", ", partitioned.keyColumns())
                + ") only together with "
                + String.join(", ", others)
                + ", the partition key of "
                + table.table()
                + ": PostgreSQL puts the partition key into every unique index of a partitioned"
                + " table, so "
                + String.join(", ", others)
                + " does not tell two "
                + table.entity()
                + "s apart; a row holding a record's "
                + table.naturalKey()
                + " is taken for that "
                + table.entity()
                + " (already present, or present with other values when it differs, moved to"
                + " another "
                + String.join(", ", others)
                + " among them), never a reason to insert a second one beside it: keep natural_key: "
                + table.naturalKey()
                + " (docs/import.md, \"A natural key unique only with other columns\")");
        continue;
      }
      UniqueIndexes.Index index = indexes.withOthersOnly(table.naturalKey());
      if (index == null) {
        if (!table.compositeNaturalKey() && !indexes.uniqueAlone(table.naturalKey())) {
          warnOfSharedNaturalKeys(connection, dialect, table);
        }
        continue;
      }
      List<String> others =
          index.keyColumns().stream().filter(c -> !c.equals(table.naturalKey())).toList();
      tableWarnings.add(
          "the natural key "
              + table.table()
              + "."
              + table.naturalKey()
              + " (entity "
              + table.entity()
              + ") is not unique alone: unique index "
              + index.name()
              + " is on ("
              + String.join(", ", index.keyColumns())
              + "), so two rows may hold one "
              + table.naturalKey()
              + "; a record whose "
              + table.naturalKey()
              + " a row holds with another "
              + String.join(", ", others)
              + " is another "
              + table.entity()
              + " and is kept out, named"
              + (listForm(table, index) != null
                  ? "; every column of the index is mapped: make them the natural key, "
                      + listForm(table, index)
                      + " (docs/import.md, \"A natural key of several columns\")"
                  : " (docs/import.md, \"A natural key unique only with other columns\")"));
    }
  }

  /**
   * Warns of a natural key that no unique index holds and that several rows of the target share (a
   * company's travel desk email on each employee's row): a record whose natural key such a row
   * holds cannot be told from the others' rows, so it is kept out, and an outside trial's four new
   * customers could never be imported, with nothing said at load. The rows are counted, not guessed
   * at per record.
   */
  private void warnOfSharedNaturalKeys(Connection connection, Dialect dialect, TableMapping table)
      throws SQLException {
    String column = dialect.identifier(table.naturalKey());
    String sql =
        "SELECT COUNT(*), SUM(n) FROM (SELECT COUNT(*) AS n FROM "
            + dialect.table(table.table())
            + " WHERE "
            + column
            + " IS NOT NULL GROUP BY "
            + column
            + " HAVING COUNT(*) > 1) shared";
    long values;
    long rows;
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      values = result.getLong(1);
      rows = result.getLong(2);
    }
    if (values == 0) {
      return;
    }
    tableWarnings.add(
        "the natural key "
            + table.table()
            + "."
            + table.naturalKey()
            + " (entity "
            + table.entity()
            + ") is not unique in the target: no unique index holds it, and "
            + values
            + (values == 1 ? " value is" : " values are")
            + " held by "
            + rows
            + " rows; a record whose "
            + table.naturalKey()
            + " several rows hold cannot be told from them and is kept out, named"
            + (table.keyField() != null
                ? ""
                : "; if the records carry the application's own number (the backup's id), key"
                    + " the rows by it, key: {field: backup_id} (docs/import.md, \"Keys the"
                    + " application shows\"), or choose a natural key the rows do not share"));
  }

  /**
   * Warns of each mapped table that writes rows on its own (triggers, ON UPDATE columns): an
   * outside trial's BEFORE INSERT trigger refused rows plan had found fine, and its {@code
   * updated_at} trigger rewrote the before-images undo.sql restored.
   */
  void warnOfTriggers(Connection connection, Dialect dialect) throws SQLException {
    for (TableMapping table : mapping.tables()) {
      String warning = Triggers.of(connection, dialect, table.table()).planWarning(table.entity());
      if (warning != null) {
        tableWarnings.add(warning);
      }
    }
  }

  /**
   * Refuses a {@code soft_delete} column the table lacks or that cannot be NULL on live rows (a NOT
   * NULL column, or a flag whose false would read as deleted), and warns of each table that has a
   * likely one the mapping does not name.
   */
  void checkSoftDeletes(TargetSchema schema) throws ImportRefusedException {
    List<String> problems = new ArrayList<>();
    for (TableMapping table : mapping.tables()) {
      String place = "entities." + table.entity() + ".soft_delete";
      if (table.softDelete() == null) {
        List<String> likely =
            SOFT_DELETE_NAMES.stream()
                .filter(name -> schema.column(table.table(), name) != null)
                .toList();
        if (!likely.isEmpty()) {
          tableWarnings.add(
              "table "
                  + table.table()
                  + " (entity "
                  + table.entity()
                  + ") has "
                  + (likely.size() == 1 ? "column " : "columns ")
                  + String.join(", ", likely)
                  + ", which frameworks mark deleted rows with; the mapping has no soft_delete, so"
                  + " every row counts as live (matched by natural key, found by lookups,"
                  + " updated). If the application hides such rows, set "
                  + place
                  + ": "
                  + likely.get(0));
        }
        continue;
      }
      TargetSchema.Column column = schema.column(table.table(), table.softDelete());
      String named = table.table() + "." + table.softDelete();
      if (column == null) {
        problems.add("mapping " + place + ": column " + named + " does not exist");
      } else if (!column.nullable()) {
        problems.add(
            "mapping "
                + place
                + ": column "
                + named
                + " is NOT NULL; soft_delete takes a column that is NULL on live rows (a"
                + " deleted_at timestamp)");
      } else if (ColumnType.BOOLEAN.accepts(column.dataType())
          || ColumnType.INTEGER.accepts(column.dataType())) {
        // a flag's false (0) is not NULL: every live row would read as deleted
        problems.add(
            "mapping "
                + place
                + ": column "
                + named
                + " is "
                + column.declared()
                + ", a flag; soft_delete takes a column that is NULL on live rows (a deleted_at"
                + " timestamp), and a flag's false would count as deleted");
      }
    }
    TargetSchema.refuseIfAny(mapping, problems);
  }
}
