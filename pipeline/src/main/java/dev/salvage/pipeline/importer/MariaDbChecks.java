package dev.salvage.pipeline.importer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A MariaDB or MySQL table's CHECK constraints as {@code SHOW CREATE TABLE} prints them.
 * information_schema.CHECK_CONSTRAINTS lists a table's constraints only to a user with more than
 * table privileges: to the least-privilege role the docs have operators create, it lists none, so a
 * JSON column (LONGTEXT with {@code CHECK (json_valid(`meta`))}) read as plain text and every CHECK
 * was left to apply, which failed on it (an outside trial, 2026-12-05). SHOW CREATE TABLE answers
 * to any privilege on the table.
 */
final class MariaDbChecks {
  /**
   * One enforced CHECK constraint.
   *
   * @param name the constraint's name; a column's own constraint is named after the column, as
   *     MariaDB names it
   * @param clause the condition, as the server prints it: {@code json_valid(`meta`)}
   * @param column the column whose definition holds it, or null for a table constraint
   */
  record Check(String name, String clause, String column) {
    /** Whether this is MariaDB's JSON type: {@code json_valid} of the one column. */
    boolean validatesJson(String columnName) {
      String bare = clause.replace(" ", "").toLowerCase(Locale.ROOT);
      String quoted = "`" + columnName.replace("`", "``").toLowerCase(Locale.ROOT) + "`";
      return bare.equals("json_valid(" + quoted + ")")
          || bare.equals("json_valid(" + columnName.toLowerCase(Locale.ROOT) + ")");
    }
  }

  private MariaDbChecks() {}

  /** Reads the enforced CHECK constraints of {@code table} ({@code table} or {@code db.table}). */
  static List<Check> of(Connection connection, String table) throws SQLException {
    int dot = table.indexOf('.');
    String name =
        dot < 0
            ? quote(table)
            : quote(table.substring(0, dot)) + "." + quote(table.substring(dot + 1));
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW CREATE TABLE " + name)) {
      return rows.next() ? parse(rows.getString(2)) : List.of();
    }
  }

  /**
   * The CHECK constraints of one CREATE TABLE statement, one definition a line as servers print.
   */
  static List<Check> parse(String createTable) {
    List<Check> checks = new ArrayList<>();
    for (String line : createTable.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("`")) {
        int end = closingBacktick(trimmed, 1);
        String column = trimmed.substring(1, end).replace("``", "`");
        Check check = check(trimmed, end + 1, column, column);
        if (check != null) {
          checks.add(check);
        }
      } else if (trimmed.startsWith("CONSTRAINT `")) {
        int end = closingBacktick(trimmed, "CONSTRAINT `".length());
        String constraint = trimmed.substring("CONSTRAINT `".length(), end).replace("``", "`");
        Check check = check(trimmed, end + 1, constraint, null);
        if (check != null) {
          checks.add(check);
        }
      }
    }
    return checks;
  }

  private static Check check(String line, int from, String name, String column) {
    int at = topLevelCheck(line, from);
    if (at < 0) {
      return null;
    }
    int open = line.indexOf('(', at);
    int close = matching(line, open);
    String rest = line.substring(close + 1).toUpperCase(Locale.ROOT);
    if (rest.contains("NOT ENFORCED")) {
      return null; // MySQL keeps it in the definition and never checks it
    }
    return new Check(name, line.substring(open + 1, close), column);
  }

  /** Where {@code CHECK (} starts outside quotes (a COMMENT may hold the word), or -1. */
  private static int topLevelCheck(String line, int from) {
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        i = closing(line, i);
      } else if (line.startsWith("CHECK (", i) && (i == 0 || line.charAt(i - 1) == ' ')) {
        return i;
      }
    }
    return -1;
  }

  private static int matching(String line, int open) {
    int depth = 0;
    for (int i = open; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        i = closing(line, i);
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return line.length() - 1;
  }

  /** The index of the quote that closes the one at {@code start} (doubled or escaped: inside). */
  private static int closing(String line, int start) {
    char quote = line.charAt(start);
    for (int i = start + 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && quote != '`') {
        i++;
      } else if (c == quote) {
        if (i + 1 < line.length() && line.charAt(i + 1) == quote) {
          i++;
        } else {
          return i;
        }
      }
    }
    return line.length() - 1;
  }

  private static int closingBacktick(String line, int from) {
    return closing(line, from - 1);
  }

  private static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }
}
