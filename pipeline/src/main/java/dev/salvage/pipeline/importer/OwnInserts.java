package dev.salvage.pipeline.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a table that an earlier apply inserted, as {@code salvage_import_log} tells them:
 * what each of Salvage's writes left in the row. A row Salvage inserted itself and nobody changed
 * since is no one else's, so late evidence about its record may update it; a row found by natural
 * key that the log does not name may be another record's, and is never written.
 */
final class OwnInserts {
  private static final int CHUNK = 500;

  /** What the row held after one apply wrote it: column -> value, as the plan wrote it. */
  record State(String appliedAt, String planDigest, Map<String, String> values) {}

  /**
   * A row an earlier apply inserted: the state its insert left, then the state after each later
   * update by Salvage, oldest first.
   */
  record Inserted(List<State> states) {
    State inserted() {
      return states.get(0);
    }

    State latest() {
      return states.get(states.size() - 1);
    }
  }

  /**
   * The log's rows for a table, by row key; {@code unreadable} says why the log could not be read
   * (the role has no SELECT on it), else null.
   */
  record Log(Map<String, Inserted> rows, String unreadable) {}

  private OwnInserts() {}

  /** The rows among {@code keys} of {@code table} an earlier apply inserted. */
  static Log read(Connection connection, Dialect dialect, String table, Collection<String> keys)
      throws SQLException {
    if (keys.isEmpty() || !exists(connection, dialect)) {
      return new Log(Map.of(), null);
    }
    Map<String, List<String[]>> entries = new HashMap<>();
    try {
      readLog(
          connection,
          table,
          keys,
          "row_key, operation, column_name, after_value, applied_at, plan_digest",
          // a lookup column's update row holds keys since 2026-12-06, and the LOOKUP row after it
          // the match values, which overlay them as the lookups member overlays an insert's
          "operation IN ('insert', 'update', '" + Applier.LOOKUP + "')",
          rows -> {
            Instant at = dialect.readInstant(rows, 5);
            entries
                .computeIfAbsent(rows.getString(1), k -> new ArrayList<>())
                .add(
                    new String[] {
                      rows.getString(2),
                      rows.getString(3),
                      rows.getString(4),
                      at == null ? null : at.toString(),
                      rows.getString(6)
                    });
          });
    } catch (SQLException e) {
      if (!denied(e)) {
        throw e;
      }
      return new Log(
          Map.of(),
          "this role cannot read "
              + Applier.AUDIT_TABLE
              + " ("
              + e.getMessage().lines().findFirst().orElse("")
              + "), so plan cannot tell whether an earlier import inserted the row; grant it"
              + " SELECT on "
              + Applier.AUDIT_TABLE
              + " and plan again");
    }
    Map<String, Inserted> found = new LinkedHashMap<>();
    entries.forEach(
        (key, logged) -> {
          Inserted inserted = states(logged);
          if (inserted != null) {
            found.put(key, inserted);
          }
        });
    return new Log(found, null);
  }

  /**
   * The states Salvage's writes left in one row, from its latest insert on (undone and inserted
   * again with the same key: the earlier row is gone); null when no insert is logged.
   */
  private static Inserted states(List<String[]> logged) {
    List<State> states = null;
    Iterator<String[]> entries = logged.iterator();
    String updatedBy = null;
    Map<String, String> values = null;
    String at = null;
    while (entries.hasNext()) {
      String[] entry = entries.next();
      if (entry[0].equals("insert")) {
        values = parse(entry[2]);
        if (values == null) {
          states = null; // unreadable: the row cannot be proven Salvage's
          continue;
        }
        states = new ArrayList<>();
        states.add(new State(entry[3], entry[4], values));
        updatedBy = null;
        continue;
      }
      if (states == null) {
        continue; // an update of a backup row, not of an inserted one
      }
      // one update writes a log row per column: they make one state
      if (!entry[4].equals(updatedBy)) {
        values = new LinkedHashMap<>(states.get(states.size() - 1).values());
        at = entry[3];
        states.add(new State(at, entry[4], values));
        updatedBy = entry[4];
      }
      values.put(entry[1], entry[2]);
    }
    return states == null ? null : new Inserted(List.copyOf(states));
  }

  /**
   * An insert's logged row: column -> value written ({@code now()} for the apply's time), a lookup
   * column's the value it was found by (logged since 2026-12-06 under {@code lookups}, the column
   * holding the key; before, in the column itself).
   */
  private static Map<String, String> parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      JsonNode row = Json.MAPPER.readTree(json);
      if (!row.isObject()) {
        return null;
      }
      Map<String, String> values = new LinkedHashMap<>();
      JsonNode lookups = row.get(Applier.LOOKUPS);
      row.fields()
          .forEachRemaining(
              field -> {
                if (field.getValue().isObject()) {
                  return; // the lookups, read below
                }
                values.put(
                    field.getKey(), field.getValue().isNull() ? null : field.getValue().asText());
              });
      if (lookups != null && lookups.isObject()) {
        // a lookup column as plan writes it and compares it: the value its key was found by
        lookups
            .fields()
            .forEachRemaining(
                lookup -> values.put(lookup.getKey(), lookup.getValue().path("value").asText()));
      }
      return values;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The values the database stored otherwise than an earlier apply wrote them (a trigger or rule
   * rewrote them), by row key and column, the latest for each: {written, stored}. Empty when the
   * log is not there or this role cannot read it.
   */
  static Map<String, Map<String, String[]>> rewrites(
      Connection connection, Dialect dialect, String table, Collection<String> keys)
      throws SQLException {
    Map<String, Map<String, String[]>> found = new HashMap<>();
    if (keys.isEmpty() || !exists(connection, dialect)) {
      return found;
    }
    try {
      readLog(
          connection,
          table,
          keys,
          "row_key, column_name, before_value, after_value",
          "operation = '" + Applier.REWRITE + "'",
          rows ->
              found
                  .computeIfAbsent(rows.getString(1), k -> new HashMap<>())
                  .put(rows.getString(2), new String[] {rows.getString(3), rows.getString(4)}));
    } catch (SQLException e) {
      if (!denied(e)) {
        throw e;
      }
      // read() says so for the rows it concerns; without the log every change is written
      return new HashMap<>();
    }
    return found;
  }

  /** An earlier apply's update of one column: what it found there, wrote, and when. */
  record Update(String before, String after, String appliedAt) {}

  /**
   * The latest update an earlier apply logged of each column of the rows among {@code keys}, by row
   * key and column. Empty when the log is not there or this role cannot read it.
   */
  static Map<String, Map<String, Update>> updates(
      Connection connection, Dialect dialect, String table, Collection<String> keys)
      throws SQLException {
    Map<String, Map<String, Update>> found = new HashMap<>();
    if (keys.isEmpty() || !exists(connection, dialect)) {
      return found;
    }
    try {
      Map<String, Long> undone = undoneUpTo(connection);
      readLog(
          connection,
          table,
          keys,
          "row_key, column_name, before_value, after_value, applied_at, id, plan_digest",
          // a LOOKUP row follows its update row and names the values as plan compares them
          "operation IN ('update', '" + Applier.LOOKUP + "')",
          rows -> {
            // an update undo.sql took back is not in the row any more: a later change starts from
            // what was there before it, and naming Salvage's update misled an outside trial
            if (rows.getLong(6) <= undone.getOrDefault(rows.getString(7), 0L)) {
              return;
            }
            Instant at = dialect.readInstant(rows, 5);
            found
                .computeIfAbsent(rows.getString(1), k -> new HashMap<>())
                .put(
                    rows.getString(2),
                    new Update(
                        rows.getString(3), rows.getString(4), at == null ? null : at.toString()));
          });
    } catch (SQLException e) {
      if (!denied(e)) {
        throw e;
      }
      // read() says so for the rows it concerns; without the log the backup's value is named
      return new HashMap<>();
    }
    return found;
  }

  /**
   * Per plan digest, the id of the last log row an undo.sql of that plan took back: every row of
   * the plan up to it was undone (a plan is applied again only after its undo, so its later rows
   * are of the apply in force).
   */
  private static Map<String, Long> undoneUpTo(Connection connection) throws SQLException {
    Map<String, Long> undone = new HashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT plan_digest, row_key FROM " + Applier.AUDIT_TABLE + " WHERE operation = ?")) {
      statement.setString(1, Applier.UNDO);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          try {
            undone.merge(rows.getString(1), Long.parseLong(rows.getString(2)), Math::max);
          } catch (NumberFormatException e) {
            // not a row undo.sql wrote: it undoes nothing
          }
        }
      }
    }
    return undone;
  }

  /** Called with each log row read. */
  @FunctionalInterface
  private interface LogRow {
    void read(ResultSet rows) throws SQLException;
  }

  /** The log's rows of {@code table} among {@code keys} matching {@code where}, oldest first. */
  private static void readLog(
      Connection connection,
      String table,
      Collection<String> keys,
      String columns,
      String where,
      LogRow each)
      throws SQLException {
    List<String> all = new ArrayList<>(keys);
    for (int from = 0; from < all.size(); from += CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
      String sql =
          "SELECT "
              + columns
              + " FROM "
              + Applier.AUDIT_TABLE
              + " WHERE table_name = ? AND "
              + where
              + " AND row_key IN ("
              + String.join(", ", Collections.nCopies(chunk.size(), "?"))
              + ") ORDER BY id";
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setString(1, table);
        for (int i = 0; i < chunk.size(); i++) {
          statement.setString(i + 2, chunk.get(i));
        }
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            each.read(rows);
          }
        }
      }
    }
  }

  static boolean exists(Connection connection, Dialect dialect) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                dialect == Dialect.POSTGRESQL
                    ? "SELECT to_regclass('" + Applier.AUDIT_TABLE + "') IS NOT NULL"
                    : "SELECT COUNT(*) > 0 FROM information_schema.tables"
                        + " WHERE table_schema = DATABASE() AND table_name = '"
                        + Applier.AUDIT_TABLE
                        + "'")) {
      rows.next();
      return rows.getBoolean(1);
    }
  }

  /** PostgreSQL's insufficient_privilege, MariaDB's "SELECT command denied". */
  static boolean denied(SQLException e) {
    return "42501".equals(e.getSQLState()) || e.getErrorCode() == 1142;
  }
}
