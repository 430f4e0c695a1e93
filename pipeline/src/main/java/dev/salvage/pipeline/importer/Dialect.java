package dev.salvage.pipeline.importer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * What differs between the target databases in the SQL the import sends and writes: quoting,
 * null-safe comparison, instants. Everything else (the plan, its checks, the audit) is shared.
 */
enum Dialect {
  POSTGRESQL,
  /** MariaDB and MySQL; instants are written and read in a UTC session. */
  MARIADB;

  /** The dialect of a JDBC URL, or null when the import does not support it. */
  static Dialect of(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      return MARIADB;
    }
    return null;
  }

  /**
   * A string literal. PostgreSQL: standard_conforming_strings (on by default since 9.1). MariaDB
   * reads a backslash as an escape unless sql_mode has NO_BACKSLASH_ESCAPES, so it is doubled;
   * undo.sql clears that mode for its session.
   */
  String quote(String value) {
    String quoted = value.replace("'", "''");
    if (this == MARIADB) {
      quoted = quoted.replace("\\", "\\\\");
    }
    return "'" + quoted + "'";
  }

  /**
   * A name of the catalog as an identifier: always quoted, so that {@code User}, {@code createdAt}
   * and reserved words ({@code user}, {@code order}) mean the object spelled so, never a folded or
   * a keyword. PostgreSQL {@code "..."}, MariaDB {@code `...`}, the quote character doubled inside.
   * TargetMapping refuses the names that cannot be quoted (control characters).
   */
  String identifier(String name) {
    return this == POSTGRESQL
        ? "\"" + name.replace("\"", "\"\"") + "\""
        : "`" + name.replace("`", "``") + "`";
  }

  /** A mapping's {@code [schema.]table}, each part quoted: the first dot ends the schema. */
  String table(String name) {
    int dot = name.indexOf('.');
    return dot < 0
        ? identifier(name)
        : identifier(name.substring(0, dot)) + "." + identifier(name.substring(dot + 1));
  }

  /**
   * A mapping's {@code [schema.]table}, each part quoted, in {@code schema} when it names none:
   * plan.sql and undo.sql are run by a person, under whatever search_path their session has, and an
   * unqualified name there can mean another schema's table of that name (null: as it is).
   */
  String table(String name, String schema) {
    return schema == null || name.indexOf('.') >= 0
        ? table(name)
        : identifier(schema) + "." + identifier(name);
  }

  /**
   * The schema (PostgreSQL) or database (MariaDB) a connection's unqualified table names resolve
   * to, or null when it has none.
   */
  String currentSchema(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                this == POSTGRESQL ? "SELECT current_schema()" : "SELECT DATABASE()")) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  /**
   * A mapping's {@code [schema.]table} for a statement shown to a person (a GRANT to run): quoted
   * only where a part is not a plain lower-case name, so the common case reads as it is written.
   */
  String readableTable(String name) {
    StringBuilder out = new StringBuilder();
    for (String part : name.split("\\.", 2)) {
      out.append(out.length() == 0 ? "" : ".")
          .append(part.matches("[a-z_][a-z0-9_]*") ? part : identifier(part));
    }
    return out.toString();
  }

  /**
   * The role this connection acts as, written as a GRANT names it, for messages that give the GRANT
   * to run: PostgreSQL {@code current_user} (quoted only when not a plain lower-case name), MariaDB
   * {@code 'user'@'host'} from {@code CURRENT_USER()}; {@code <role>} when the server will not say.
   */
  String grantee(Connection connection) {
    String query = this == POSTGRESQL ? "SELECT current_user" : "SELECT CURRENT_USER()";
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      String role = rows.next() ? rows.getString(1) : null;
      if (role == null) {
        return "<role>";
      }
      if (this == POSTGRESQL) {
        return role.matches("[a-z_][a-z0-9_]*") ? role : identifier(role);
      }
      int at = role.lastIndexOf('@');
      return at < 0
          ? quote(role)
          : quote(role.substring(0, at)) + "@" + quote(role.substring(at + 1));
    } catch (SQLException e) {
      return "<role>"; // a message about privileges must not fail for want of one more
    }
  }

  /**
   * {@code table}, as a permission error spells it (PostgreSQL without its schema), qualified with
   * the schema of the one table of that name this role may not read, so that the GRANT a message
   * offers names the table the check read, not one of that name on the search path. {@code table}
   * unchanged when it is qualified already, when tables of that name in several schemas are denied,
   * or when the server will not say.
   */
  String deniedTable(Connection connection, String table) {
    if (this != POSTGRESQL || table.contains(".")) {
      return table;
    }
    String query =
        "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = ?"
            + " AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
            + " AND NOT has_table_privilege(c.oid, 'SELECT')";
    try (PreparedStatement statement = connection.prepareStatement(query)) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        String qualified = rows.next() ? rows.getString(1) : null;
        return qualified == null || rows.next() ? table : qualified;
      }
    } catch (SQLException e) {
      return table; // a message about privileges must not fail for want of one more
    }
  }

  /**
   * {@code expression} as the database writes it as text. PostgreSQL's text of a value depends on
   * the session's TimeZone, DateStyle, IntervalStyle, extra_float_digits and bytea_output (undo.sql
   * sets those apply had, see {@link #textSettings}); MariaDB's on time_zone, UTC in both.
   */
  String asText(String expression) {
    return this == POSTGRESQL
        ? "CAST(" + expression + " AS text)"
        : "CAST(" + expression + " AS CHAR)";
  }

  /**
   * {@code column}'s text is {@code text} (null: the column is NULL), byte for byte: MariaDB's
   * default collations would find 'es' equal to 'ES'.
   */
  String textIs(String column, String text) {
    String literal = text == null ? "NULL" : quote(text);
    return this == POSTGRESQL
        ? asText(column) + " IS NOT DISTINCT FROM " + literal
        : "CAST(" + asText(column) + " AS BINARY) <=> CAST(" + literal + " AS BINARY)";
  }

  /**
   * The session settings a PostgreSQL value's text depends on, as {@code SET LOCAL} statements
   * giving another session the values of {@code connection}'s; none on MariaDB, whose undo.sql sets
   * UTC as apply's session has it.
   */
  String textSettings(Connection connection) throws SQLException {
    if (this != POSTGRESQL) {
      return "";
    }
    StringBuilder set = new StringBuilder();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT current_setting('TimeZone'), current_setting('DateStyle'),"
                    + " current_setting('IntervalStyle'), current_setting('extra_float_digits'),"
                    + " current_setting('bytea_output')")) {
      rows.next();
      String[] names = {
        "TimeZone", "DateStyle", "IntervalStyle", "extra_float_digits", "bytea_output"
      };
      for (int i = 0; i < names.length; i++) {
        set.append("SET LOCAL ")
            .append(names[i])
            .append(" = ")
            .append(quote(rows.getString(i + 1)))
            .append(";\n");
      }
    }
    return set.toString();
  }

  /** {@code a} equals {@code b}, NULL equal to NULL. */
  String notDistinct(String a, String b) {
    return this == POSTGRESQL ? a + " IS NOT DISTINCT FROM " + b : a + " <=> " + b;
  }

  /**
   * The apply transaction's time for a column: an instant ({@code zone} null), or its wall time in
   * {@code zone} for a column without a zone. PostgreSQL's now() is the transaction's start; its
   * {@code AT TIME ZONE} uses the server's zone database (an offset goes as an interval, since a
   * text offset there counts west of Greenwich). MariaDB's session is UTC, so now() is UTC wall
   * time and other zones go through CONVERT_TZ, which needs the server's time zone tables for a
   * named zone (plan checks it).
   */
  String now(String zone) {
    if (zone == null) {
      return "now()";
    }
    ZoneId id = ZoneId.of(zone).normalized();
    if (id instanceof ZoneOffset offset) {
      int seconds = offset.getTotalSeconds();
      if (seconds == 0) {
        return this == POSTGRESQL ? "(now() AT TIME ZONE 'UTC')" : "now()";
      }
      String text =
          String.format(
              "%s%02d:%02d",
              seconds < 0 ? "-" : "+", Math.abs(seconds) / 3600, Math.abs(seconds) % 3600 / 60);
      return this == POSTGRESQL
          ? "(now() AT TIME ZONE INTERVAL " + quote(text) + ")"
          : "CONVERT_TZ(now(), '+00:00', " + quote(text) + ")";
    }
    return this == POSTGRESQL
        ? "(now() AT TIME ZONE " + quote(id.getId()) + ")"
        : "CONVERT_TZ(now(), '+00:00', " + quote(id.getId()) + ")";
  }

  String instantLiteral(String instant) {
    if (this == POSTGRESQL) {
      return quote(instant) + "::timestamptz";
    }
    // the session of undo.sql sets time_zone = '+00:00'
    return "TIMESTAMP "
        + quote(LocalDateTime.ofInstant(Instant.parse(instant), ZoneOffset.UTC).toString());
  }

  void bindInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
    if (this == POSTGRESQL) {
      statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    } else {
      statement.setObject(index, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
    }
  }

  Instant readInstant(ResultSet rows, int index) throws SQLException {
    if (this == POSTGRESQL) {
      OffsetDateTime value = rows.getObject(index, OffsetDateTime.class);
      return value == null ? null : value.toInstant();
    }
    LocalDateTime value = rows.getObject(index, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }
}
