package dev.salvage.pipeline.importer;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a target table does on its own when a row is written: its user triggers (PostgreSQL's
 * internal ones, which carry foreign keys, left out) and its columns with an ON UPDATE default
 * (MariaDB's {@code ON UPDATE CURRENT_TIMESTAMP}). Neither plan nor undo.sql can foresee what they
 * do: an outside trial's {@code updated_at} trigger rewrote every before-image undo.sql restored
 * with the time of the undo, and undo ended with COMMIT, saying nothing.
 */
record Triggers(String table, List<Trigger> triggers, List<String> onUpdateColumns) {
  Triggers {
    requireNonNull(table, "table");
    triggers = List.copyOf(triggers);
    onUpdateColumns = List.copyOf(onUpdateColumns);
  }

  /** One enabled trigger: its name, BEFORE, AFTER or INSTEAD OF, and its events in order. */
  record Trigger(String name, String timing, List<String> events) {
    Trigger {
      requireNonNull(name, "name");
      requireNonNull(timing, "timing");
      events = List.copyOf(events);
    }

    /** As the catalog would say it: {@code bookings_touch (BEFORE UPDATE)}. */
    String describe() {
      return name + " (" + timing + " " + String.join(" OR ", events) + ")";
    }
  }

  /** Whether a row written by an UPDATE may be changed by this table on its own. */
  boolean changeUpdates() {
    return !onUpdateColumns.isEmpty() || !firingOn("UPDATE").isEmpty();
  }

  /** The triggers that fire on {@code event} (INSERT, UPDATE, DELETE). */
  List<Trigger> firingOn(String event) {
    return triggers.stream().filter(trigger -> trigger.events().contains(event)).toList();
  }

  /**
   * What plan warns of at load, for a table of {@code entity}, or null when the table does nothing
   * on its own.
   */
  String planWarning(String entity) {
    if (triggers.isEmpty() && onUpdateColumns.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    if (!triggers.isEmpty()) {
      parts.add(
          "trigger(s) "
              + String.join(", ", triggers.stream().map(Trigger::describe).toList())
              + " whose effects plan cannot foresee: one may refuse a row at apply (then nothing"
              + " is written) or store other values than planned");
    }
    if (!onUpdateColumns.isEmpty()) {
      parts.add(
          "column(s) "
              + String.join(", ", onUpdateColumns)
              + " set ON UPDATE to the time of the write");
    }
    return "table "
        + table
        + " (entity "
        + entity
        + ") has "
        + String.join(", and ", parts)
        + (changeUpdates()
            ? "; "
                + undoWarning()
                + " (undo.sql names every such row as it ends; docs/import.md, \"Triggers\")"
            : "");
  }

  /**
   * What undo.sql's header and apply's console say of a table whose updated rows this table may
   * change on its own again when undo.sql restores them.
   */
  String undoWarning() {
    List<String> what = new ArrayList<>();
    List<Trigger> onUpdate = firingOn("UPDATE");
    if (!onUpdate.isEmpty()) {
      what.add(
          "its trigger(s) "
              + String.join(", ", onUpdate.stream().map(Trigger::describe).toList())
              + " fire again when undo.sql restores a row and may change any column of it");
    }
    if (!onUpdateColumns.isEmpty()) {
      what.add(
          "its column(s) "
              + String.join(", ", onUpdateColumns)
              + " take the time of the undo, unless undo.sql writes them back itself (it does"
              + " where the import wrote them)");
    }
    return "undo.sql restores the before-image of "
        + table
        + "'s rows, but "
        + String.join(", and ", what);
  }

  /** The triggers of {@code table} and its ON UPDATE columns, as this session's role sees them. */
  static Triggers of(Connection connection, Dialect dialect, String table) throws SQLException {
    return dialect == Dialect.POSTGRESQL
        ? postgres(connection, dialect, table)
        : mariadb(connection, table);
  }

  /** Per table, those of every table in {@code tables}, each read once, in the order given. */
  static Map<String, Triggers> of(Connection connection, Dialect dialect, List<String> tables)
      throws SQLException {
    Map<String, Triggers> read = new LinkedHashMap<>();
    for (String table : tables) {
      if (!read.containsKey(table)) {
        read.put(table, of(connection, dialect, table));
      }
    }
    return read;
  }

  /** pg_trigger.tgtype's event bits, in the order a trigger's events are said. */
  private static final List<Map.Entry<Integer, String>> EVENTS =
      List.of(Map.entry(4, "INSERT"), Map.entry(16, "UPDATE"), Map.entry(8, "DELETE"));

  private static Triggers postgres(Connection connection, Dialect dialect, String table)
      throws SQLException {
    // tgenabled 'D' is a trigger ALTER TABLE ... DISABLE TRIGGER switched off
    String sql =
        "SELECT t.tgname::text, t.tgtype FROM pg_trigger t WHERE t.tgrelid = ?::regclass"
            + " AND NOT t.tgisinternal AND t.tgenabled <> 'D' ORDER BY t.tgname";
    List<Trigger> triggers = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, dialect.table(table));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          // tgtype's bits (pg_trigger.h): 2 BEFORE, 64 INSTEAD OF, 4 INSERT, 8 DELETE, 16 UPDATE;
          // decoded here so that apply sends no statement naming DELETE
          int type = rows.getInt(2);
          List<String> events = new ArrayList<>();
          for (Map.Entry<Integer, String> event : EVENTS) {
            if ((type & event.getKey()) != 0) {
              events.add(event.getValue());
            }
          }
          if (!events.isEmpty()) {
            String timing = (type & 2) != 0 ? "BEFORE" : (type & 64) != 0 ? "INSTEAD OF" : "AFTER";
            triggers.add(new Trigger(rows.getString(1), timing, events));
          }
        }
      }
    }
    return new Triggers(table, triggers, List.of());
  }

  private static Triggers mariadb(Connection connection, String table) throws SQLException {
    int dot = table.indexOf('.');
    String schemaName = dot < 0 ? "DATABASE()" : "?";
    Map<String, Trigger> triggers = new LinkedHashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT trigger_name, action_timing, event_manipulation"
                + " FROM information_schema.triggers WHERE event_object_schema = "
                + schemaName
                + " AND BINARY event_object_table = ? ORDER BY trigger_name, action_order")) {
      bindTable(statement, table, dot);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          // one row per trigger: MariaDB's triggers fire on one event each
          triggers.putIfAbsent(
              rows.getString(1),
              new Trigger(rows.getString(1), rows.getString(2), List.of(rows.getString(3))));
        }
      }
    }
    List<String> onUpdate = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                + schemaName
                + " AND BINARY table_name = ? AND lower(extra) LIKE '%on update%'"
                + " ORDER BY ordinal_position")) {
      bindTable(statement, table, dot);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          onUpdate.add(rows.getString(1));
        }
      }
    }
    return new Triggers(table, List.copyOf(triggers.values()), onUpdate);
  }

  private static void bindTable(PreparedStatement statement, String table, int dot)
      throws SQLException {
    int index = 1;
    if (dot >= 0) {
      statement.setString(index++, table.substring(0, dot));
    }
    statement.setString(index, table.substring(dot + 1));
  }
}
