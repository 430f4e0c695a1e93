package dev.salvage.pipeline.importer;

import dev.salvage.pipeline.importer.ImportPlan.Step;
import dev.salvage.pipeline.importer.ImportPlan.Value;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows a plan would write to one table, as a SELECT the target itself evaluates: each written
 * value bound as a parameter (cast to its column's type where the dialect needs it), the columns an
 * UPDATE leaves as the row holds them, NULL where an INSERT leaves a column without a default.
 * Nothing is written and no sequence moves, so a plan can ask the database what apply would meet.
 */
final class PlannedRows {
  /** The row number each planned row carries beside the table's columns; no table uses it. */
  static final String ROW = "salvage_planned_row_";

  /** The key of the row an UPDATE writes (NULL for an INSERT); no table uses the name. */
  static final String KEY = "salvage_planned_key_";

  /** Planned rows asked about in one query, fewer when they have many columns to bind. */
  private static final int ROWS_PER_QUERY = 500;

  /** A question the target answers about some planned rows, by each row's index in the batch. */
  @FunctionalInterface
  interface BatchQuery<T> {
    Map<Integer, T> answer(List<Step> batch) throws SQLException;
  }

  /** Where a column's value comes from in a planned row. */
  sealed interface Source permits Written, Now, Held, Null, Unknown, Looked {}

  /** A value the plan writes, bound as a parameter. */
  record Written(Value value) implements Source {}

  /** The apply transaction's time. */
  record Now(String zone) implements Source {}

  /** What the row holds (an UPDATE leaves the column as it is). */
  record Held() implements Source {}

  /** NULL: an INSERT leaves out a column without a default. */
  record Null() implements Source {}

  /** Not known before apply: a sequence's next value, a default, a generated value, a lookup. */
  record Unknown() implements Source {}

  /**
   * A lookup's parent key as the target holds it at plan time (NULL for a parent the plan inserts,
   * which no row can name yet): asked of unique indexes only, where a NULL collides with nothing.
   */
  record Looked(Value value) implements Source {}

  /** A SELECT with its parameters, in order. */
  record Query(String sql, List<ColumnType> types, List<String> values) {
    Query {
      types = List.copyOf(types);
      values = List.copyOf(values);
    }

    void bind(PreparedStatement statement, Dialect dialect) throws SQLException {
      for (int i = 0; i < values.size(); i++) {
        types.get(i).bind(statement, i + 1, values.get(i), dialect);
      }
    }
  }

  private final Dialect dialect;
  private final String table;
  private final String keyColumn;
  private final Map<String, TargetSchema.Column> described;

  PlannedRows(
      Dialect dialect, String table, String keyColumn, Map<String, TargetSchema.Column> described) {
    this.dialect = dialect;
    this.table = table;
    this.keyColumn = keyColumn;
    this.described = described;
  }

  String table() {
    return table;
  }

  /**
   * The target's answers to {@code query} about {@code steps}, by each step's index in {@code
   * steps}, asked a batch of rows at a time. A batch the database refuses (a cast, a division by
   * zero) is asked again a row at a time, as apply would meet each row: a row it refuses has no
   * answer, and {@code refused} gets its record's reason, naming {@code checkedAgainst}.
   *
   * @param columns how many of the table's columns each row binds
   */
  <T> Map<Integer, T> answers(
      List<Step> steps,
      int columns,
      BatchQuery<T> query,
      String checkedAgainst,
      Map<String, String> refused)
      throws SQLException {
    // PostgreSQL binds at most 32,767 parameters in one statement
    int perQuery = Math.max(1, Math.min(ROWS_PER_QUERY, 30_000 / (columns + 3)));
    Map<Integer, T> answers = new HashMap<>();
    for (int from = 0; from < steps.size(); from += perQuery) {
      List<Step> batch = steps.subList(from, Math.min(steps.size(), from + perQuery));
      Map<Integer, T> batchAnswers;
      try {
        batchAnswers = query.answer(batch);
      } catch (SQLException e) {
        if (PrivilegeMissing.denied(e)) {
          throw new PrivilegeMissing(table, checkedAgainst, e);
        }
        batchAnswers = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
          try {
            T answer = query.answer(List.of(batch.get(i))).get(0);
            if (answer != null) {
              batchAnswers.put(i, answer);
            }
          } catch (SQLException refusal) {
            if (PrivilegeMissing.denied(refusal)) {
              throw new PrivilegeMissing(table, checkedAgainst, refusal);
            }
            refused.put(
                batch.get(i).record(),
                "the database refuses its values for "
                    + table
                    + " when checking them against its "
                    + checkedAgainst
                    + ": "
                    + refusal.getMessage().replace('\n', ' '));
          }
        }
      }
      for (Map.Entry<Integer, T> answer : batchAnswers.entrySet()) {
        answers.put(from + answer.getKey(), answer.getValue());
      }
    }
    return answers;
  }

  /**
   * The role may not read a table a check of planned rows reads (a foreign key's parent the mapping
   * does not name): not a refusal of the rows, whose values the database never saw. The database's
   * own check at apply needs no such privilege, so keeping records out for it would lose them for
   * nothing (an outside trial kept 48 bookings out "permission denied for table desk"); plan stops
   * instead, naming the table and the GRANT.
   */
  static final class PrivilegeMissing extends SQLException {
    private static final long serialVersionUID = 1L;

    private static final java.util.regex.Pattern DENIED_TABLE =
        java.util.regex.Pattern.compile(
            "(?:permission denied for (?:table|relation) |command denied to user \\S+ for table"
                + " )[`']?([^`'\\s]+)");

    /** The table checked. */
    final String checked;

    /** What it was checked against: its CHECK constraints, unique indexes, foreign keys. */
    final String checkedAgainst;

    PrivilegeMissing(String checked, String checkedAgainst, SQLException cause) {
      super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
      this.checked = checked;
      this.checkedAgainst = checkedAgainst;
    }

    /**
     * Whether {@code e} says the role lacks a privilege: PostgreSQL's insufficient_privilege,
     * MariaDB's table and column access denied.
     */
    static boolean denied(SQLException e) {
      return "42501".equals(e.getSQLState())
          || e.getErrorCode() == 1142
          || e.getErrorCode() == 1143;
    }

    /** The table the database names as denied, as its message spells it, or null. */
    String deniedTable() {
      return deniedTable(getMessage());
    }

    private static final java.util.regex.Pattern DENIED_SEQUENCE =
        java.util.regex.Pattern.compile("permission denied for sequence ([^\\s]+)");

    /**
     * The sequence a permission error's {@code message} names (a trigger's log table's serial key
     * takes its next value), or null.
     */
    static String deniedSequence(String message) {
      java.util.regex.Matcher m = DENIED_SEQUENCE.matcher(String.valueOf(message));
      return m.find() ? m.group(1) : null;
    }

    /** The table a permission error's {@code message} names, as it spells it, or null. */
    static String deniedTable(String message) {
      java.util.regex.Matcher m = DENIED_TABLE.matcher(String.valueOf(message));
      return m.find() ? m.group(1) : null;
    }
  }

  Source source(Step step, String column) {
    return source(step, column, false);
  }

  /** As {@link #source(Step, String)}; with {@code lookups}, a lookup is {@link Looked}. */
  Source source(Step step, String column, boolean lookups) {
    for (Value value : step.values()) {
      if (value.column().equals(column)) {
        if (value.lookup() != null) {
          return lookups && value.value() != null ? new Looked(value) : new Unknown();
        }
        return value.generatedNow() ? new Now(value.zone()) : new Written(value);
      }
    }
    if (!step.insert()) {
      return new Held();
    }
    TargetSchema.Column column0 = described.get(column);
    if (column0 == null || column0.generated() || column0.defaultValue() != null) {
      return new Unknown();
    }
    return new Null();
  }

  /** Whether the plan knows, before apply, the value of each of {@code columns} in the row. */
  boolean known(Step step, Collection<String> columns) {
    return known(step, columns, false);
  }

  /**
   * As {@link #known(Step, Collection)}; with {@code lookups}, a lookup's value is its parent's key
   * at plan time.
   */
  boolean known(Step step, Collection<String> columns, boolean lookups) {
    for (String column : columns) {
      if (source(step, column, lookups) instanceof Unknown) {
        return false;
      }
    }
    return true;
  }

  /** The row's values of {@code columns} as a person reads them: {@code t.status = 'gereed'}. */
  String describe(Step step, List<String> columns) {
    List<String> values = new ArrayList<>();
    for (String column : columns) {
      Source source = source(step, column, true);
      String place = table + "." + column;
      if (source instanceof Looked looked) {
        values.add(
            place
                + " = the "
                + looked.value().lookup().take()
                + " of the "
                + looked.value().lookup().table()
                + " row whose "
                + looked.value().lookup().match()
                + " is "
                + ColumnType.TEXT.literal(looked.value().value(), dialect));
      } else if (source instanceof Written written) {
        values.add(
            place + " = " + written.value().type().literal(written.value().value(), dialect));
      } else if (source instanceof Now) {
        values.add(place + " = now()");
      } else if (source instanceof Held) {
        values.add(place + " as the row holds it");
      } else {
        values.add(place + " = NULL (not written, no default)");
      }
    }
    return String.join(", ", values);
  }

  /**
   * A SELECT of {@code batch}'s rows: {@link #ROW} (the index in the batch), {@link #KEY}, then
   * each of {@code columns} under its own name, cast (PostgreSQL) to the type {@code types} gives
   * it (the key's NULL too, when {@code types} has the key column). A row an UPDATE no longer finds
   * yields nothing.
   */
  Query select(List<Step> batch, List<String> columns, Map<String, String> types) {
    return select(batch, columns, types, false);
  }

  /**
   * As {@link #select(List, List, Map)}; with {@code lookups}, a lookup column is its parent's key
   * as the target holds it now, found as apply finds it (ignoring case, among live rows).
   */
  Query select(List<Step> batch, List<String> columns, Map<String, String> types, boolean lookups) {
    StringBuilder sql = new StringBuilder();
    List<ColumnType> bound = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Step step = batch.get(i);
      sql.append(i > 0 ? " UNION ALL " : "").append("SELECT ").append(i);
      if (i == 0) {
        sql.append(" AS ").append(dialect.identifier(ROW));
      }
      String keyType = types.get(keyColumn);
      sql.append(", ")
          .append(
              !step.insert()
                  ? "r." + dialect.identifier(keyColumn)
                  : dialect == Dialect.POSTGRESQL && keyType != null
                      ? "CAST(NULL AS " + keyType + ")"
                      : "NULL");
      if (i == 0) {
        sql.append(" AS ").append(dialect.identifier(KEY));
      }
      for (String column : columns) {
        Source source = source(step, column, lookups);
        String expression;
        if (source instanceof Looked looked) {
          TargetMapping.Lookup lookup = looked.value().lookup();
          bound.add(ColumnType.TEXT);
          values.add(looked.value().value());
          expression =
              "(SELECT p."
                  + dialect.identifier(lookup.take())
                  + " FROM "
                  + dialect.table(lookup.table())
                  + " p WHERE lower(p."
                  + dialect.identifier(lookup.match())
                  + ") = lower(?)"
                  + (lookup.softDelete() == null
                      ? ""
                      : " AND p." + dialect.identifier(lookup.softDelete()) + " IS NULL")
                  + " LIMIT 1)";
        } else if (source instanceof Written written) {
          bound.add(written.value().type());
          values.add(written.value().value());
          expression = "?";
        } else if (source instanceof Now now) {
          expression = dialect.now(now.zone());
        } else if (source instanceof Held) {
          expression = "r." + dialect.identifier(column);
        } else {
          expression = "NULL";
        }
        String type = types.get(column);
        sql.append(", ");
        if (dialect == Dialect.POSTGRESQL && type != null) {
          sql.append("CAST(").append(expression).append(" AS ").append(type).append(")");
        } else {
          sql.append(expression);
        }
        if (i == 0) {
          sql.append(" AS ").append(dialect.identifier(column));
        }
      }
      if (!step.insert()) {
        sql.append(" FROM ")
            .append(dialect.table(table))
            .append(" r WHERE r.")
            .append(dialect.identifier(keyColumn))
            .append(" = ?");
        bound.add(step.keyType());
        values.add(step.key());
      }
    }
    return new Query(sql.toString(), bound, values);
  }
}
