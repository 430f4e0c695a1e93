package dev.salvage.pipeline.importer;

import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import dev.salvage.pipeline.importer.TargetMapping.Lookup;
import dev.salvage.pipeline.importer.TargetMapping.TableMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The target's tables as information_schema describes them, checked against a mapping. */
final class TargetSchema {
  record Column(String dataType, boolean nullable, boolean hasDefault) {}

  private final Map<String, Map<String, Column>> tables = new HashMap<>();

  private TargetSchema() {}

  /** Reads the tables the mapping names and refuses when a column is missing or mistyped. */
  static TargetSchema check(Connection connection, TargetMapping mapping)
      throws SQLException, ImportRefusedException {
    TargetSchema schema = new TargetSchema();
    List<String> problems = new ArrayList<>();
    for (TableMapping table : mapping.tables()) {
      Map<String, Column> columns = schema.load(connection, table.table());
      if (columns.isEmpty()) {
        problems.add("table " + table.table() + " (entity " + table.entity() + ") does not exist");
        continue;
      }
      expect(problems, table.table(), columns, table.keyColumn(), table.keyType());
      for (ColumnMapping column : table.columns()) {
        expect(problems, table.table(), columns, column.column(), column.type());
        Lookup lookup = column.lookup();
        if (lookup != null) {
          Map<String, Column> parent = schema.load(connection, lookup.table());
          if (parent.isEmpty()) {
            problems.add(
                "lookup table "
                    + lookup.table()
                    + " of "
                    + table.table()
                    + "."
                    + column.column()
                    + " does not exist");
          } else {
            expect(problems, lookup.table(), parent, lookup.match(), ColumnType.TEXT);
            expect(problems, lookup.table(), parent, lookup.take(), column.type());
          }
        }
      }
      for (Map.Entry<String, Column> column : columns.entrySet()) {
        Column c = column.getValue();
        boolean mapped =
            column.getKey().equals(table.keyColumn()) || table.column(column.getKey()) != null;
        if (!c.nullable() && !c.hasDefault() && !mapped) {
          problems.add(
              table.table()
                  + "."
                  + column.getKey()
                  + " is NOT NULL without a default and not in the mapping: inserts would fail");
        }
      }
      Column key = columns.get(table.keyColumn());
      if (key != null && !key.hasDefault()) {
        problems.add(
            table.table()
                + "."
                + table.keyColumn()
                + " has no default (sequence or identity): new rows would get no key");
      }
    }
    if (!problems.isEmpty()) {
      throw new ImportRefusedException(
          "The target does not match the mapping "
              + mapping.file()
              + ":\n  "
              + String.join("\n  ", problems));
    }
    return schema;
  }

  Column column(String table, String column) {
    return tables.getOrDefault(table, Map.of()).get(column);
  }

  private static void expect(
      List<String> problems,
      String table,
      Map<String, Column> columns,
      String name,
      ColumnType type) {
    Column column = columns.get(name);
    if (column == null) {
      problems.add("column " + table + "." + name + " does not exist");
    } else if (!type.accepts(column.dataType())) {
      problems.add(
          "column "
              + table
              + "."
              + name
              + " is "
              + column.dataType()
              + ", the mapping says "
              + type.yamlName());
    }
  }

  private Map<String, Column> load(Connection connection, String table) throws SQLException {
    Map<String, Column> known = tables.get(table);
    if (known != null) {
      return known;
    }
    int dot = table.indexOf('.');
    String sql =
        "SELECT column_name, data_type, is_nullable, column_default IS NOT NULL OR is_identity = 'YES'"
            + " FROM information_schema.columns WHERE table_schema = "
            + (dot < 0 ? "current_schema()" : "?")
            + " AND table_name = ?";
    Map<String, Column> columns = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int index = 1;
      if (dot >= 0) {
        statement.setString(index++, table.substring(0, dot));
      }
      statement.setString(index, table.substring(dot + 1));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.put(
              rows.getString(1),
              new Column(rows.getString(2), "YES".equals(rows.getString(3)), rows.getBoolean(4)));
        }
      }
    }
    tables.put(table, columns);
    return columns;
  }
}
