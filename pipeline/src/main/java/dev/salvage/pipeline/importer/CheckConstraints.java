package dev.salvage.pipeline.importer;

import dev.salvage.pipeline.importer.ImportPlan.Step;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A table's CHECK constraints, evaluated by the target itself on the rows a plan would write: a
 * SELECT of each constraint's expression over the planned values, so that nothing is written, no
 * sequence moves, and the expression means what it means to the database (an {@code IN} list, a
 * comparison of two columns, a function), not what Salvage would make of its text.
 *
 * <p>A constraint is evaluated on a row only when the plan knows the value of every column it
 * names: a column an INSERT leaves to a non-null default (a sequence, {@code now()}, a constant), a
 * generated column, and a column written by lookup of a parent's key are not known before apply,
 * and a constraint that names one is left to the database for that row. NULL passes, as in SQL.
 */
final class CheckConstraints {
  /**
   * One CHECK constraint.
   *
   * @param definition as the catalog gives it, for messages: {@code CHECK ((end_at > start_at))}
   * @param expression the condition alone, as the SELECT evaluates it
   * @param columns the table's columns it names
   * @param types PostgreSQL: each column's type (a domain's base type), so a planned value is cast
   *     as the column would hold it; MariaDB: empty
   */
  record Constraint(
      String name,
      String definition,
      String expression,
      List<String> columns,
      Map<String, String> types) {
    Constraint {
      columns = List.copyOf(columns);
      types = Map.copyOf(types);
    }
  }

  /** How many rows one SELECT evaluates; kept under the protocol's limit of parameters. */
  private final Connection connection;

  private final Dialect dialect;
  private final String table;
  private final PlannedRows rows;
  private final List<Constraint> constraints;

  private CheckConstraints(
      Connection connection,
      Dialect dialect,
      String table,
      PlannedRows rows,
      List<Constraint> constraints) {
    this.connection = connection;
    this.dialect = dialect;
    this.table = table;
    this.rows = rows;
    this.constraints = constraints;
  }

  /** Reads the CHECK constraints of a mapped table from the target's catalog. */
  static CheckConstraints of(
      Connection connection, Dialect dialect, TargetSchema schema, String table, String keyColumn)
      throws SQLException {
    Map<String, TargetSchema.Column> described = schema.columns(table);
    List<Constraint> constraints =
        dialect == Dialect.POSTGRESQL
            ? readPostgres(connection, dialect, table)
            : readMariadb(connection, table, described.keySet());
    return new CheckConstraints(
        connection,
        dialect,
        table,
        new PlannedRows(dialect, table, keyColumn, described),
        constraints);
  }

  List<Constraint> constraints() {
    return constraints;
  }

  private static List<Constraint> readPostgres(Connection connection, Dialect dialect, String table)
      throws SQLException {
    // NOT VALID constraints too: they hold for every new or changed row
    String sql =
        "SELECT k.conname::text, pg_get_constraintdef(k.oid), pg_get_expr(k.conbin, k.conrelid),"
            + " (SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a"
            + " WHERE a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)),"
            // a domain's own checks would stop the cast itself: its base type is what is compared
            + " (SELECT array_agg(format_type("
            + "CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END,"
            + " CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END) ORDER BY a.attnum)"
            + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
            + " WHERE a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey))"
            + " FROM pg_constraint k WHERE k.contype = 'c' AND k.conrelid = ?::regclass"
            + " ORDER BY k.conname";
    List<Constraint> constraints = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, dialect.table(table));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          List<String> columns = texts(rows.getArray(4));
          List<String> types = texts(rows.getArray(5));
          Map<String, String> typed = new HashMap<>();
          for (int i = 0; i < columns.size() && i < types.size(); i++) {
            typed.put(columns.get(i), types.get(i));
          }
          constraints.add(
              new Constraint(
                  rows.getString(1), rows.getString(2), rows.getString(3), columns, typed));
        }
      }
    }
    return constraints;
  }

  private static List<String> texts(java.sql.Array array) throws SQLException {
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }

  /**
   * MariaDB's and MySQL's table and column constraints, from SHOW CREATE TABLE (see {@link
   * MariaDbChecks}: the catalog hides them from a role with table privileges only), each clause
   * with its column names in backticks.
   */
  private static List<Constraint> readMariadb(
      Connection connection, String table, Set<String> tableColumns) throws SQLException {
    List<Constraint> constraints = new ArrayList<>();
    for (MariaDbChecks.Check check : MariaDbChecks.of(connection, table)) {
      String clause = check.clause();
      // in the order the clause names them, so messages read as the constraint does
      Map<Integer, String> named = new java.util.TreeMap<>();
      for (String column : tableColumns) {
        // the server quotes the names it prints; a bare word is matched too, to be safe: a
        // column named in excess only leaves the constraint to the database more often
        int quoted = clause.indexOf("`" + column.replace("`", "``") + "`");
        java.util.regex.Matcher bare =
            Pattern.compile(
                    "(?<![A-Za-z0-9_$])" + Pattern.quote(column) + "(?![A-Za-z0-9_$])",
                    Pattern.CASE_INSENSITIVE)
                .matcher(clause);
        int at = quoted >= 0 ? quoted : bare.find() ? bare.start() : -1;
        if (at >= 0) {
          named.put(at, column);
        }
      }
      constraints.add(
          new Constraint(
              check.name(),
              "CHECK (" + clause + ")",
              clause,
              new ArrayList<>(named.values()),
              Map.of()));
    }
    constraints.sort(java.util.Comparator.comparing(Constraint::name));
    return constraints;
  }

  /**
   * Why the database would refuse each of {@code steps} (all of this table), by record id: the
   * constraints its planned row violates, naming the columns and values. A row that the evaluation
   * itself makes the database refuse (a cast, a division by zero in the expression) is refused with
   * the database's message, as apply would meet it.
   */
  Map<String, String> violations(List<Step> steps) throws SQLException {
    Map<String, String> violations = new LinkedHashMap<>();
    if (constraints.isEmpty() || steps.isEmpty()) {
      return violations;
    }
    Set<String> named = new LinkedHashSet<>();
    for (Constraint constraint : constraints) {
      named.addAll(constraint.columns());
    }
    List<String> columns = new ArrayList<>(named);
    Map<Integer, List<Boolean>> results =
        rows.answers(
            steps,
            columns.size(),
            batch -> evaluate(batch, columns),
            "CHECK constraints",
            violations);
    for (int i = 0; i < steps.size(); i++) {
      List<Boolean> passed = results.get(i);
      if (passed == null) {
        continue; // refused above, or an UPDATE whose row is gone: apply's check of before-images
      }
      Step step = steps.get(i);
      List<String> refused = new ArrayList<>();
      for (int c = 0; c < constraints.size(); c++) {
        Constraint constraint = constraints.get(c);
        if (Boolean.FALSE.equals(passed.get(c)) && rows.known(step, constraint.columns())) {
          refused.add(describe(step, constraint));
        }
      }
      if (!refused.isEmpty()) {
        violations.put(
            step.record(),
            String.join("; ", refused)
                + "; the database would refuse the row at apply: edit the value in salvage"
                + " review, or reject the record");
      }
    }
    return violations;
  }

  private String describe(Step step, Constraint constraint) {
    return "check constraint "
        + constraint.name()
        + " refuses "
        + (constraint.columns().isEmpty()
            ? "the row of " + table
            : rows.describe(step, constraint.columns()))
        + " ("
        + constraint.definition()
        + ")";
  }

  /**
   * Each row's result of each constraint, by the row's index in {@code batch}: TRUE, FALSE, or null
   * (NULL passes). A row an UPDATE no longer finds has none.
   */
  private Map<Integer, List<Boolean>> evaluate(List<Step> batch, List<String> columns)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ").append(dialect.identifier(PlannedRows.ROW));
    for (Constraint constraint : constraints) {
      sql.append(", (").append(constraint.expression()).append(")");
    }
    Map<String, String> typeOf = new HashMap<>();
    for (Constraint constraint : constraints) {
      typeOf.putAll(constraint.types());
    }
    PlannedRows.Query planned = rows.select(batch, columns, typeOf);
    sql.append(" FROM (")
        .append(planned.sql())
        .append(") ")
        .append(dialect.identifier("salvage_planned_rows_"));
    Map<Integer, List<Boolean>> results = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      planned.bind(statement, dialect);
      try (ResultSet answers = statement.executeQuery()) {
        while (answers.next()) {
          List<Boolean> passed = new ArrayList<>();
          for (int c = 0; c < constraints.size(); c++) {
            Object result = answers.getObject(c + 2);
            passed.add(
                result == null
                    ? null
                    : result instanceof Boolean b ? b : ((Number) result).intValue() != 0);
          }
          results.put(answers.getInt(1), passed);
        }
      }
    }
    return results;
  }
}
