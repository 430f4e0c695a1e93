package dev.salvage.pipeline.importer;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What this MariaDB session may do to tables, as {@code SHOW GRANTS} lists it: the user's grants,
 * those of its current role and of PUBLIC. MariaDB has no has_table_privilege, and
 * information_schema.table_privileges leaves out what a role grants; EXPLAIN of an INSERT, which
 * would ask the server, is refused in plan's read-only session. Routine, proxy and role-membership
 * lines are not about tables and are skipped.
 */
final class MariaDbGrants {
  /**
   * One {@code GRANT ... ON db.table} line.
   *
   * @param database the database name or pattern ({@code shop\_%}), or null for {@code *}
   * @param table the table, or null for all the database's tables
   * @param privileges table-wide privileges, upper case; {@code ALL PRIVILEGES} as {@code ALL}
   * @param columns column privileges: privilege to the columns it is granted on
   */
  record Grant(
      String database, String table, Set<String> privileges, Map<String, Set<String>> columns) {
    Grant {
      privileges = Set.copyOf(privileges);
      Map<String, Set<String>> copied = new TreeMap<>();
      columns.forEach((privilege, names) -> copied.put(privilege, Set.copyOf(names)));
      columns = Collections.unmodifiableMap(copied);
    }

    boolean covers(String schema, String name) {
      if (database != null && !databaseMatches(database, schema)) {
        return false;
      }
      return table == null || table.equals(name);
    }
  }

  private final String database;
  private final List<Grant> grants;

  /**
   * @param database the session's database, which unqualified tables are in, or null
   */
  MariaDbGrants(String database, List<Grant> grants) {
    this.database = database;
    this.grants = List.copyOf(requireNonNull(grants, "grants"));
  }

  static MariaDbGrants read(Connection connection) throws SQLException {
    List<Grant> grants = new ArrayList<>();
    String database;
    try (Statement statement = connection.createStatement()) {
      try (ResultSet rows = statement.executeQuery("SELECT DATABASE()")) {
        database = rows.next() ? rows.getString(1) : null;
      }
      // the lines hold nothing secret but IDENTIFIED BY PASSWORD's hash, which is never kept
      try (ResultSet rows = statement.executeQuery("SHOW GRANTS")) {
        while (rows.next()) {
          Grant grant = parse(rows.getString(1));
          if (grant != null) {
            grants.add(grant);
          }
        }
      }
    }
    return new MariaDbGrants(database, grants);
  }

  /** The session's database, or null when none is chosen. */
  String database() {
    return database;
  }

  /**
   * The privileges among {@code needed} this session lacks on {@code schema.table}: granted on no
   * level (global, database, table), nor on every one of {@code columns} (a column grant).
   */
  List<String> missing(
      String schema, String table, Collection<String> needed, Collection<String> columns) {
    List<String> missing = new ArrayList<>();
    for (String privilege : needed) {
      Set<String> onColumns = new LinkedHashSet<>();
      boolean granted = false;
      for (Grant grant : grants) {
        if (!grant.covers(schema, table)) {
          continue;
        }
        if (grant.privileges().contains(privilege) || grant.privileges().contains("ALL")) {
          granted = true;
          break;
        }
        if (grant.table() != null) {
          onColumns.addAll(grant.columns().getOrDefault(privilege, Set.of()));
        }
      }
      if (!granted && !(!onColumns.isEmpty() && onColumns.containsAll(columns))) {
        missing.add(privilege);
      }
    }
    return missing;
  }

  /**
   * A line of SHOW GRANTS as a grant on tables, or null when it is about something else (a role
   * granted to the user, a routine, PROXY) or not understood.
   */
  static Grant parse(String line) {
    if (!line.startsWith("GRANT ")) {
      return null;
    }
    Scanner in = new Scanner(line, "GRANT ".length());
    Set<String> privileges = new LinkedHashSet<>();
    Map<String, Set<String>> columns = new TreeMap<>();
    // privileges up to ON: NAME [NAME ...] [(`col`, ...)], comma-separated
    while (true) {
      in.blanks();
      if (in.peek() == '`') {
        return null; // GRANT `role` TO ...: a role membership
      }
      StringBuilder name = new StringBuilder();
      while (in.more() && in.peek() != ',' && in.peek() != '(') {
        if (name.length() > 0 && name.toString().endsWith(" ") && in.startsWith("ON ")) {
          break;
        }
        name.append(in.next());
      }
      String privilege = name.toString().strip().toUpperCase(Locale.ROOT);
      if (privilege.equals("ALL PRIVILEGES")) {
        privilege = "ALL";
      }
      if (privilege.isEmpty() || privilege.equals("PROXY")) {
        return null;
      }
      if (in.more() && in.peek() == '(') {
        in.next();
        Set<String> named = columns.computeIfAbsent(privilege, p -> new LinkedHashSet<>());
        while (in.more() && in.peek() != ')') {
          in.blanks();
          String column = in.quoted();
          if (column == null) {
            return null;
          }
          named.add(column);
          in.blanks();
          if (in.more() && in.peek() == ',') {
            in.next();
          }
        }
        if (!in.more()) {
          return null;
        }
        in.next();
      } else {
        privileges.add(privilege);
      }
      in.blanks();
      if (in.more() && in.peek() == ',') {
        in.next();
        continue;
      }
      if (in.startsWith("ON ")) {
        in.skip("ON ".length());
        break;
      }
      return null;
    }
    in.blanks();
    if (in.startsWith("PROCEDURE ") || in.startsWith("FUNCTION ") || in.startsWith("PACKAGE ")) {
      return null;
    }
    String database = in.peek() == '*' ? in.star() : in.quoted();
    if (database == null || !in.more() || in.next() != '.') {
      return null;
    }
    String table = in.peek() == '*' ? in.star() : in.quoted();
    if (table == null || !in.startsWith(" TO ")) {
      return null;
    }
    return new Grant(
        database.equals("*") ? null : database,
        table.equals("*") ? null : table,
        privileges,
        columns);
  }

  /**
   * A database name of a grant matches {@code schema}: {@code %} and {@code _} are wildcards in it
   * unless escaped with a backslash, as GRANT ... ON `shop\_%`.* grants.
   */
  static boolean databaseMatches(String pattern, String schema) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(schema).matches();
  }

  /** Reads a SHOW GRANTS line from a position. */
  private static final class Scanner {
    private final String text;
    private int at;

    Scanner(String text, int at) {
      this.text = text;
      this.at = at;
    }

    boolean more() {
      return at < text.length();
    }

    char peek() {
      return more() ? text.charAt(at) : '\0';
    }

    char next() {
      return text.charAt(at++);
    }

    boolean startsWith(String prefix) {
      return text.startsWith(prefix, at);
    }

    void skip(int count) {
      at += count;
    }

    void blanks() {
      while (more() && text.charAt(at) == ' ') {
        at++;
      }
    }

    String star() {
      at++;
      return "*";
    }

    /** A backtick-quoted name, a doubled backtick inside being one; null when there is none. */
    String quoted() {
      if (peek() != '`') {
        return null;
      }
      StringBuilder out = new StringBuilder();
      at++;
      while (more()) {
        char c = next();
        if (c == '`') {
          if (peek() == '`') {
            out.append('`');
            at++;
          } else {
            return out.toString();
          }
        } else {
          out.append(c);
        }
      }
      return null;
    }
  }
}
