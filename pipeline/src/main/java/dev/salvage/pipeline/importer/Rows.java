package dev.salvage.pipeline.importer;

import dev.salvage.pipeline.importer.TargetMapping.Lookup;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** Reads rows of the target in chunks by key ({@code = ANY(?)}), values in canonical form. */
final class Rows {
  private static final int CHUNK = 1000;

  /**
   * A column to read, through its lookup when it has one (so a foreign key reads as its natural
   * key).
   */
  record Column(String name, ColumnType type, Lookup lookup) {
    String expression(Dialect dialect) {
      if (lookup == null) {
        return "t." + dialect.identifier(name);
      }
      return "(SELECT l."
          + dialect.identifier(lookup.match())
          + " FROM "
          + dialect.table(lookup.table())
          + " l WHERE l."
          + dialect.identifier(lookup.take())
          + " = t."
          + dialect.identifier(name)
          + ")";
    }

    ColumnType readType() {
      return lookup == null ? type : ColumnType.TEXT;
    }
  }

  private Rows() {}

  /**
   * The rows whose text {@code byColumn} is one of {@code keys} ignoring case: lower-cased key ->
   * the columns' values. A natural key is found so: canonical emails are lower case, and an
   * application that stored {@code J.Lourenco@Outlook.example} (or compares emails as citext, whose
   * {@code =} against text is case-sensitive) holds the same customer; an exact match would plan a
   * second one.
   */
  static Map<String, List<String>> readIgnoringCase(
      Connection connection,
      Dialect dialect,
      String table,
      String byColumn,
      List<Column> columns,
      Collection<String> keys)
      throws SQLException {
    Map<String, List<String>> found = new HashMap<>();
    readAllIgnoringCase(connection, dialect, table, byColumn, columns, keys)
        .forEach(
            (key, rows) -> {
              List<String> first = rows.get(0); // its stored byColumn, then the columns
              found.put(key, first.subList(1, first.size()));
            });
    return found;
  }

  /**
   * Every row whose text {@code byColumn} is one of {@code keys} ignoring case: lower-cased key ->
   * for each such row, its {@code byColumn} as stored followed by the columns' values. Two rows
   * that differ only in case ({@code a@x} and {@code A@x}) are both listed, so a lookup can refuse
   * to pick one.
   */
  static Map<String, List<List<String>>> readAllIgnoringCase(
      Connection connection,
      Dialect dialect,
      String table,
      String byColumn,
      List<Column> columns,
      Collection<String> keys)
      throws SQLException {
    Set<String> lowered = new LinkedHashSet<>();
    for (String key : keys) {
      lowered.add(key.toLowerCase(Locale.ROOT));
    }
    List<Column> read = new ArrayList<>();
    read.add(new Column(byColumn, ColumnType.TEXT, null));
    read.addAll(columns);
    Map<String, List<List<String>>> found = new HashMap<>();
    select(
        connection,
        dialect,
        table,
        "lower(t." + dialect.identifier(byColumn) + ")",
        ColumnType.TEXT,
        read,
        lowered,
        false,
        (key, values) ->
            found
                .computeIfAbsent(key.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .add(values));
    return found;
  }

  /** The rows whose {@code byColumn} is one of {@code keys}: key -> the columns' values. */
  static Map<String, List<String>> read(
      Connection connection,
      Dialect dialect,
      String table,
      String byColumn,
      ColumnType byType,
      List<Column> columns,
      Collection<String> keys,
      boolean lockForUpdate)
      throws SQLException {
    Map<String, List<String>> found = new HashMap<>();
    select(
        connection,
        dialect,
        table,
        "t." + dialect.identifier(byColumn),
        byType,
        columns,
        keys,
        lockForUpdate,
        found::put);
    return found;
  }

  /**
   * Every row whose {@code byColumn} is one of {@code keys}: key -> each such row's columns'
   * values. Where the column is not unique (a soft-deleted row beside a live one), {@link #read}
   * keeps one.
   */
  static Map<String, List<List<String>>> readAll(
      Connection connection,
      Dialect dialect,
      String table,
      String byColumn,
      ColumnType byType,
      List<Column> columns,
      Collection<String> keys)
      throws SQLException {
    Map<String, List<List<String>>> found = new HashMap<>();
    select(
        connection,
        dialect,
        table,
        "t." + dialect.identifier(byColumn),
        byType,
        columns,
        keys,
        false,
        (key, values) -> found.computeIfAbsent(key, k -> new ArrayList<>()).add(values));
    return found;
  }

  /**
   * The rows whose {@code byColumn} is one of {@code keys}: key -> each of {@code columns} as the
   * database writes it as text (NULL as null). Any column reads so, whatever its type: undo.sql
   * compares a column it knows no type of with this text.
   */
  static Map<String, List<String>> readAsText(
      Connection connection,
      Dialect dialect,
      String table,
      String byColumn,
      ColumnType byType,
      List<String> columns,
      Collection<String> keys)
      throws SQLException {
    List<String> expressions = new ArrayList<>();
    for (String column : columns) {
      expressions.add(dialect.asText("t." + dialect.identifier(column)));
    }
    Map<String, List<String>> found = new HashMap<>();
    select(
        connection,
        dialect,
        table,
        "t." + dialect.identifier(byColumn),
        byType,
        expressions,
        java.util.Collections.nCopies(columns.size(), ColumnType.TEXT),
        keys,
        false,
        found::put);
    return found;
  }

  /**
   * Every row whose composite natural key is one of {@code keys} ({@code branch_code=DEN,
   * booking_no=1124}): lower-cased key -> for each such row, its key as stored followed by the
   * columns' values, as {@link #readAllIgnoringCase} gives a text key's. Each key column is
   * compared as its own type (an integer as an integer), a text one ignoring case.
   */
  static Map<String, List<List<String>>> readAllByKey(
      Connection connection,
      Dialect dialect,
      String table,
      List<Column> parts,
      List<Column> columns,
      Collection<String> keys)
      throws SQLException {
    List<String> names = parts.stream().map(Column::name).toList();
    List<String> compared = new ArrayList<>();
    StringBuilder select = new StringBuilder("SELECT ");
    for (int i = 0; i < parts.size(); i++) {
      String name = "t." + dialect.identifier(parts.get(i).name());
      select.append(i > 0 ? ", " : "").append(name);
      compared.add(parts.get(i).type() == ColumnType.TEXT ? "lower(" + name + ")" : name);
    }
    for (Column column : columns) {
      select.append(", ").append(column.expression(dialect));
    }
    select
        .append(" FROM ")
        .append(dialect.table(table))
        .append(" t WHERE (")
        .append(String.join(", ", compared))
        .append(") IN (");
    String tuple = "(" + String.join(", ", java.util.Collections.nCopies(parts.size(), "?")) + ")";
    Map<String, List<List<String>>> found = new HashMap<>();
    List<String> all = new ArrayList<>(new LinkedHashSet<>(keys));
    for (int from = 0; from < all.size(); from += CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
      String sql =
          select + String.join(", ", java.util.Collections.nCopies(chunk.size(), tuple)) + ")";
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        int index = 1;
        for (String key : chunk) {
          List<String> values = NaturalKey.parts(names, key);
          for (int i = 0; i < parts.size(); i++) {
            ColumnType type = parts.get(i).type();
            String value = values.get(i);
            type.bind(
                statement,
                index++,
                type == ColumnType.TEXT ? value.toLowerCase(Locale.ROOT) : value,
                dialect);
          }
        }
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            List<String> stored = new ArrayList<>(parts.size());
            for (int i = 0; i < parts.size(); i++) {
              stored.add(parts.get(i).type().read(rows, i + 1, dialect));
            }
            List<String> row = new ArrayList<>(columns.size() + 1);
            String key = NaturalKey.shown(names, stored);
            row.add(key);
            for (int i = 0; i < columns.size(); i++) {
              row.add(columns.get(i).readType().read(rows, parts.size() + i + 1, dialect));
            }
            found.computeIfAbsent(key.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(row);
          }
        }
      }
    }
    return found;
  }

  /** Runs the chunked SELECT; {@code byExpression} is a column or expression over {@code t}. */
  private static void select(
      Connection connection,
      Dialect dialect,
      String table,
      String byExpression,
      ColumnType byType,
      List<Column> columns,
      Collection<String> keys,
      boolean lockForUpdate,
      BiConsumer<String, List<String>> row)
      throws SQLException {
    select(
        connection,
        dialect,
        table,
        byExpression,
        byType,
        columns.stream().map(column -> column.expression(dialect)).toList(),
        columns.stream().map(Column::readType).toList(),
        keys,
        lockForUpdate,
        row);
  }

  private static void select(
      Connection connection,
      Dialect dialect,
      String table,
      String byExpression,
      ColumnType byType,
      List<String> expressions,
      List<ColumnType> readTypes,
      Collection<String> keys,
      boolean lockForUpdate,
      BiConsumer<String, List<String>> row)
      throws SQLException {
    StringBuilder select = new StringBuilder("SELECT ").append(byExpression);
    for (String expression : expressions) {
      select.append(", ").append(expression);
    }
    select.append(" FROM ").append(dialect.table(table)).append(" t WHERE ").append(byExpression);
    List<String> all = new ArrayList<>(keys);
    for (int from = 0; from < all.size(); from += CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
      String sql;
      if (dialect == Dialect.POSTGRESQL) {
        sql = select + " = ANY(?)" + (lockForUpdate ? " FOR UPDATE OF t" : "");
      } else {
        // MariaDB has no arrays: one parameter per key
        sql =
            select
                + " IN ("
                + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"))
                + ")"
                + (lockForUpdate ? " FOR UPDATE" : "");
      }
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        Array array = null;
        if (dialect == Dialect.POSTGRESQL) {
          Object[] elements = new Object[chunk.size()];
          for (int i = 0; i < elements.length; i++) {
            elements[i] = byType.arrayValue(chunk.get(i));
          }
          array = connection.createArrayOf(byType.arrayElement(), elements);
          statement.setArray(1, array);
        } else {
          for (int i = 0; i < chunk.size(); i++) {
            byType.bind(statement, i + 1, chunk.get(i), dialect);
          }
        }
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            List<String> values = new ArrayList<>(readTypes.size());
            for (int i = 0; i < readTypes.size(); i++) {
              values.add(readTypes.get(i).read(rows, i + 2, dialect));
            }
            row.accept(byType.read(rows, 1, dialect), values);
          }
        }
        if (array != null) {
          array.free();
        }
      }
    }
  }
}
