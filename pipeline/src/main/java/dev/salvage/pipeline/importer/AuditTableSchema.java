package dev.salvage.pipeline.importer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where {@link Applier#AUDIT_TABLE} is on PostgreSQL. Every statement names it without a schema, so
 * it is found through the session's search_path; an application keeping its tables in its own
 * schema (app.rentals) keeps the log there too, which a role with the default search_path did not
 * see: an outside trial's plan said the log "does not exist ... in schema public" beside
 * app.salvage_import_log.
 */
final class AuditTableSchema {
  private AuditTableSchema() {}

  /**
   * Puts the schema of the mapped tables that holds the audit table at the end of this session's
   * search_path when the path alone does not find it, so plan and apply read and write that one.
   * Appended, not prepended: the session's own tables keep resolving as they did.
   *
   * @param tables the mapped tables as the mapping names them ({@code app.rentals}, or unqualified)
   */
  static void find(Connection connection, Dialect dialect, Collection<String> tables)
      throws SQLException {
    if (dialect != Dialect.POSTGRESQL || onSearchPath(connection)) {
      return;
    }
    for (String schema : schemas(tables)) {
      if (holdsIt(connection, schema)) {
        try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT set_config('search_path', current_setting('search_path') || ', '"
                    + " || quote_ident(?), false)")) {
          statement.setString(1, schema);
          statement.executeQuery().close();
        }
        return;
      }
    }
  }

  /**
   * Where the audit table was looked for, and where a table of its name is, for the message that it
   * does not exist: {@code in schema app (the mapped tables' schema) nor on this role's search_path
   * (public); a table salvage_import_log exists in schema audit, which neither names}.
   */
  static String searched(Connection connection, Collection<String> tables) throws SQLException {
    List<String> path = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT unnest(current_schemas(false))")) {
      while (rows.next()) {
        path.add(rows.getString(1));
      }
    }
    Set<String> mapped = schemas(tables);
    mapped.removeAll(path);
    List<String> elsewhere = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relname = ? AND c.relkind IN ('r', 'p') ORDER BY 1")) {
      statement.setString(1, Applier.AUDIT_TABLE);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          elsewhere.add(rows.getString(1));
        }
      }
    }
    return (mapped.isEmpty()
            ? ""
            : " in schema "
                + String.join(", ", mapped)
                + " (the mapped tables' schema"
                + (mapped.size() > 1 ? "s" : "")
                + ") nor")
        + " on this role's search_path ("
        + (path.isEmpty() ? "no schema" : String.join(", ", path))
        + ")"
        + (elsewhere.isEmpty()
            ? ""
            : "; a table "
                + Applier.AUDIT_TABLE
                + " exists in schema "
                + String.join(", ", elsewhere)
                + ", which neither names (move it to the mapped tables' schema, or put its schema"
                + " on the role's search_path: ALTER ROLE ... SET search_path)");
  }

  private static boolean onSearchPath(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      statement.setString(1, Applier.AUDIT_TABLE);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() && rows.getBoolean(1);
      }
    }
  }

  private static boolean holdsIt(Connection connection, String schema) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT to_regclass(quote_ident(?) || '.' || quote_ident(?)) IS NOT NULL")) {
      statement.setString(1, schema);
      statement.setString(2, Applier.AUDIT_TABLE);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() && rows.getBoolean(1);
      }
    }
  }

  /** The schemas the tables are named in, in order; an unqualified table names none. */
  private static Set<String> schemas(Collection<String> tables) {
    Set<String> schemas = new LinkedHashSet<>();
    for (String table : tables) {
      int dot = table.lastIndexOf('.');
      if (dot > 0) {
        schemas.add(table.substring(0, dot).replace("\"", ""));
      }
    }
    return schemas;
  }
}
