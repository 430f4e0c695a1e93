package dev.salvage.pipeline.importer;

import dev.salvage.pipeline.importer.ImportPlan.Step;
import dev.salvage.pipeline.importer.ImportPlan.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table's foreign keys, checked against the rows a plan would write: a value written into a
 * foreign key column (not by lookup, which finds its parent itself) must name a row the parent
 * table holds or one this plan inserts. Where the parent's record was kept out (a sibling without
 * an email of their own, an invalid value), its children were planned all the same, and apply
 * failed on the first, rolling back the whole plan; each is now kept out, named with the key.
 *
 * <p>The target answers whether the parent row exists, comparing as the column types do; the rows
 * this plan inserts are the steps planned before, parents first as the mapping orders them.
 */
final class ForeignKeys {
  /**
   * One foreign key.
   *
   * @param columns the columns of this table, in the key's order
   * @param parent the table referenced, as the plan names tables
   * @param parentColumns its columns, in the same order
   */
  record ForeignKey(String name, List<String> columns, String parent, List<String> parentColumns) {
    ForeignKey {
      columns = List.copyOf(columns);
      parentColumns = List.copyOf(parentColumns);
    }
  }

  private final Connection connection;
  private final Dialect dialect;
  private final PlannedRows rows;
  private final Map<String, String> types;
  private final List<ForeignKey> keys;

  private ForeignKeys(
      Connection connection,
      Dialect dialect,
      PlannedRows rows,
      Map<String, String> types,
      List<ForeignKey> keys) {
    this.connection = connection;
    this.dialect = dialect;
    this.rows = rows;
    this.types = types;
    this.keys = keys;
  }

  /** Reads the foreign keys of a mapped table from the target's catalog. */
  static ForeignKeys of(
      Connection connection, Dialect dialect, TargetSchema schema, String table, String keyColumn)
      throws SQLException {
    PlannedRows rows = new PlannedRows(dialect, table, keyColumn, schema.columns(table));
    if (dialect == Dialect.POSTGRESQL) {
      return new ForeignKeys(
          connection,
          dialect,
          rows,
          UniqueIndexes.postgresTypes(connection, dialect, table),
          readPostgres(connection, dialect, table));
    }
    return new ForeignKeys(connection, dialect, rows, Map.of(), readMariadb(connection, table));
  }

  List<ForeignKey> keys() {
    return keys;
  }

  private static List<ForeignKey> readPostgres(Connection connection, Dialect dialect, String table)
      throws SQLException {
    // the parent as the plan names tables: schema-qualified, as the mapping writes them
    String sql =
        "SELECT k.conname::text,"
            + " ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, i)"
            + " JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i),"
            + " n.nspname::text || '.' || c.relname::text,"
            + " ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, i)"
            + " JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i)"
            + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.confrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE k.contype = 'f' AND k.conrelid = ?::regclass ORDER BY k.conname";
    List<ForeignKey> keys = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, dialect.table(table));
      try (ResultSet answers = statement.executeQuery()) {
        while (answers.next()) {
          keys.add(
              new ForeignKey(
                  answers.getString(1),
                  List.of((String[]) answers.getArray(2).getArray()),
                  answers.getString(3),
                  List.of((String[]) answers.getArray(4).getArray())));
        }
      }
    }
    return keys;
  }

  private static List<ForeignKey> readMariadb(Connection connection, String table)
      throws SQLException {
    int dot = table.indexOf('.');
    String sql =
        "SELECT constraint_name, column_name, referenced_table_schema, referenced_table_name,"
            + " referenced_column_name FROM information_schema.key_column_usage"
            + " WHERE table_schema = "
            + (dot < 0 ? "DATABASE()" : "?")
            + " AND BINARY table_name = ? AND referenced_table_name IS NOT NULL"
            + " ORDER BY constraint_name, ordinal_position";
    Map<String, List<String[]>> parts = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int index = 1;
      if (dot >= 0) {
        statement.setString(index++, table.substring(0, dot));
      }
      statement.setString(index, table.substring(dot + 1));
      try (ResultSet answers = statement.executeQuery()) {
        while (answers.next()) {
          parts
              .computeIfAbsent(answers.getString(1), name -> new ArrayList<>())
              .add(
                  new String[] {
                    answers.getString(2),
                    answers.getString(3),
                    answers.getString(4),
                    answers.getString(5)
                  });
        }
      }
    }
    List<ForeignKey> keys = new ArrayList<>();
    parts.forEach(
        (name, columns) -> {
          List<String> own = new ArrayList<>();
          List<String> parentColumns = new ArrayList<>();
          for (String[] part : columns) {
            own.add(part[0]);
            parentColumns.add(part[3]);
          }
          String[] first = columns.get(0);
          // the parent as the mapping would name it: unqualified when in this table's schema
          String parent = dot < 0 ? first[2] : first[1] + "." + first[2];
          keys.add(new ForeignKey(name, own, parent, parentColumns));
        });
    return keys;
  }

  /**
   * Why the database would refuse each of {@code steps} (all of this table) for a foreign key, by
   * record id: the key, the values and the parent table that holds no such row, where neither the
   * target nor {@code planned} (the steps planned so far, parents first) has it.
   */
  Map<String, String> violations(List<Step> steps, List<Step> planned) throws SQLException {
    Map<String, String> violations = new LinkedHashMap<>();
    for (ForeignKey key : keys) {
      Set<List<String>> plannedParents = plannedParents(key, planned);
      List<Step> checked = new ArrayList<>();
      for (Step step : steps) {
        if (!violations.containsKey(step.record()) && written(step, key) != null) {
          List<String> values = written(step, key);
          if (!plannedParents.contains(values)) {
            checked.add(step);
          }
        }
      }
      Map<Integer, Boolean> orphans =
          rows.answers(
              checked,
              key.columns().size(),
              batch -> orphans(key, batch),
              "foreign key " + key.name(),
              violations);
      for (int i : orphans.keySet()) {
        Step step = checked.get(i);
        List<String> wanted = new ArrayList<>();
        for (int c = 0; c < key.parentColumns().size(); c++) {
          wanted.add(key.parentColumns().get(c) + " = " + written(step, key).get(c));
        }
        violations.put(
            step.record(),
            "foreign key "
                + key.name()
                + " refuses "
                + rows.describe(step, key.columns())
                + ": no row of "
                + key.parent()
                + " has "
                + String.join(", ", wanted)
                + ", and the plan inserts none (was that record kept out? see above); the"
                + " database would refuse the row at apply: edit the value in salvage review,"
                + " reject the record, or get its parent in first");
      }
    }
    return violations;
  }

  /**
   * The values the step writes into the key's columns, or null when it writes none of them, one is
   * NULL or written by lookup (which finds its parent itself), or the step leaves one as the row
   * holds it.
   */
  private List<String> written(Step step, ForeignKey key) {
    List<String> values = new ArrayList<>();
    for (String column : key.columns()) {
      Value found = null;
      for (Value value : step.values()) {
        if (value.column().equals(column)) {
          found = value;
        }
      }
      if (found == null
          || found.lookup() != null
          || found.value() == null
          || found.generatedNow()) {
        return null;
      }
      values.add(found.value());
    }
    return values;
  }

  /** The parent rows the steps planned so far insert, by their values of the key's columns. */
  private static Set<List<String>> plannedParents(ForeignKey key, List<Step> planned) {
    Set<List<String>> parents = new HashSet<>();
    for (Step step : planned) {
      if (!step.insert() || !sameTable(step.table(), key.parent())) {
        continue;
      }
      Map<String, String> byColumn = new HashMap<>();
      for (Value value : step.values()) {
        byColumn.put(value.column(), value.value());
      }
      List<String> values = new ArrayList<>();
      for (String column : key.parentColumns()) {
        values.add(byColumn.get(column));
      }
      if (!values.contains(null)) {
        parents.add(values);
      }
    }
    return parents;
  }

  /**
   * Whether a table as the mapping names it and as the catalog does are one: the catalog's is
   * schema-qualified, the mapping's may not be.
   */
  private static boolean sameTable(String mapped, String catalog) {
    if (mapped.equals(catalog)) {
      return true;
    }
    int dot = catalog.indexOf('.');
    return mapped.indexOf('.') < 0 && dot >= 0 && catalog.substring(dot + 1).equals(mapped);
  }

  /** The steps whose parent row the target does not hold, by batch index (all TRUE). */
  private Map<Integer, Boolean> orphans(ForeignKey key, List<Step> batch) throws SQLException {
    PlannedRows.Query planned = rows.select(batch, key.columns(), types);
    StringBuilder match = new StringBuilder();
    for (int c = 0; c < key.columns().size(); c++) {
      match
          .append(c == 0 ? "" : " AND ")
          .append("t.")
          .append(dialect.identifier(key.parentColumns().get(c)))
          .append(" = p.")
          .append(dialect.identifier(key.columns().get(c)));
    }
    String sql =
        "SELECT p."
            + dialect.identifier(PlannedRows.ROW)
            + " FROM ("
            + planned.sql()
            + ") p WHERE NOT EXISTS (SELECT 1 FROM "
            + dialect.table(key.parent())
            + " t WHERE "
            + match
            + ")";
    Map<Integer, Boolean> orphans = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      planned.bind(statement, dialect);
      try (ResultSet answers = statement.executeQuery()) {
        while (answers.next()) {
          orphans.put(answers.getInt(1), Boolean.TRUE);
        }
      }
    }
    return orphans;
  }
}
