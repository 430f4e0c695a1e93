package dev.salvage.pipeline.importer;

import dev.salvage.pipeline.importer.ImportPlan.Step;
import dev.salvage.pipeline.importer.ImportPlan.Value;
import dev.salvage.pipeline.importer.TargetMapping.Lookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statements of a plan, with parameters (for apply) or literals (for plan.sql and undo.sql).
 * Both forms come from the same code so what plan.sql shows is what apply sends.
 */
final class SqlText {
  private SqlText() {}

  /** A statement and its parameters in order: (type, canonical value). */
  record Bound(String sql, List<ColumnType> types, List<String> values) {}

  /** Builds SQL either with ? placeholders or with inline literals. */
  private static final class Builder {
    private final boolean literal;
    private final Dialect dialect;
    private final String schema;
    private final StringBuilder sql = new StringBuilder();
    private final List<ColumnType> types = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    // per lookup, the key each looked-up value found, asked once for a batch (apply only)
    private Map<Lookup, Map<String, String>> resolved = Map.of();

    Builder(boolean literal, Dialect dialect, String schema) {
      this.literal = literal;
      this.dialect = dialect;
      this.schema = schema;
    }

    Builder text(String text) {
      sql.append(text);
      return this;
    }

    /** A column name, quoted. */
    Builder name(String column) {
      sql.append(dialect.identifier(column));
      return this;
    }

    /** A mapping's [schema.]table, quoted, in the plan's schema when it names none. */
    Builder table(String table) {
      sql.append(dialect.table(table, schema));
      return this;
    }

    Builder value(ColumnType type, String value) {
      if (literal) {
        sql.append(type.literal(value, dialect));
      } else {
        sql.append('?');
        types.add(type);
        values.add(value);
      }
      return this;
    }

    /**
     * The column's value expression: a literal/parameter, a lookup of one (its text match column
     * compared ignoring case), or now().
     */
    Builder expression(Value value, String canonical) {
      if (value.generatedNow() && canonical == null) {
        return text(dialect.now(value.zone()));
      }
      Lookup lookup = value.lookup();
      if (lookup == null) {
        return value(value.type(), canonical);
      }
      // ignoring case, as plan found the parent: canonical emails are lower case, the
      // application may have stored J.Lourenco@Outlook.example (plan skips a value that matches
      // two rows; should one appear since, the subquery fails and nothing is written)
      text("(SELECT ").name(lookup.take()).text(" FROM ").table(lookup.table());
      text(" WHERE lower(").name(lookup.match()).text(") = lower(");
      return value(ColumnType.TEXT, canonical).text("))");
    }

    /**
     * The value apply writes: as {@link #expression}, and a lookup finds no row the application
     * soft-deleted (plan found the parent among live rows; the hidden twin of a deleted customer
     * must not become an order's owner). Guards and undo find the row a column holds, deleted or
     * not, so they do not filter.
     */
    Builder written(Value value) {
      Lookup lookup = value.lookup();
      if (lookup != null && value.value() != null) {
        String key = resolved.getOrDefault(lookup, Map.of()).get(value.value());
        if (key != null) {
          return value(value.type(), key);
        }
      }
      if (lookup == null || lookup.softDelete() == null || value.value() == null) {
        return expression(value, value.value());
      }
      text("(SELECT ").name(lookup.take()).text(" FROM ").table(lookup.table());
      text(" WHERE lower(").name(lookup.match()).text(") = lower(");
      value(ColumnType.TEXT, value.value()).text(") AND ");
      return name(lookup.softDelete()).text(" IS NULL)");
    }

    /**
     * The column still holds {@code canonical}, NULL equal to NULL. json has no equality operator
     * in PostgreSQL, so both sides are compared as jsonb, which finds equal what {@link
     * ColumnType#same} finds equal.
     */
    Builder guard(Value value, String canonical) {
      if (value.lookup() == null
          && value.type() == ColumnType.JSON
          && dialect == Dialect.POSTGRESQL) {
        name(value.column()).text("::jsonb IS NOT DISTINCT FROM CAST(");
        return expression(value, canonical).text(" AS jsonb)");
      }
      name(value.column()).text(dialect == Dialect.POSTGRESQL ? " IS NOT DISTINCT FROM " : " <=> ");
      return expression(value, canonical);
    }

    /**
     * The column still holds its before-image: for a lookup column planned with the key it held,
     * that key itself, so the guard holds whatever this plan did to the parent's match value before
     * (a customer's email changed by an earlier step of the same apply); else as {@link #guard}.
     */
    Builder guardBefore(Value value) {
      if (value.lookup() != null && value.beforeKey() != null) {
        name(value.column())
            .text(dialect == Dialect.POSTGRESQL ? " IS NOT DISTINCT FROM " : " <=> ");
        return value(value.type(), value.beforeKey());
      }
      return guard(value, value.before());
    }

    /** The before-image undo.sql writes back: a lookup column's planned key itself, when known. */
    Builder restored(Value value) {
      if (value.lookup() != null && value.beforeKey() != null) {
        return value(value.type(), value.beforeKey());
      }
      return expression(value, value.before());
    }

    Bound build() {
      return new Bound(sql.toString(), types, values);
    }
  }

  static Bound insert(Step step, boolean literal, Dialect dialect, String schema) {
    return insertRows(List.of(step), literal, false, dialect, schema);
  }

  /**
   * One INSERT of several rows with the same columns. With {@code returning}, it returns each row's
   * key and natural key, so keys are matched to rows without relying on row order.
   */
  static Bound insertRows(
      List<Step> steps, boolean literal, boolean returning, Dialect dialect, String schema) {
    return insertRows(steps, literal, returning, dialect, schema, Map.of());
  }

  /**
   * As {@link #insertRows(List, boolean, boolean, Dialect, String)}, each lookup value found in
   * {@code resolved} written as the key it found rather than as a subquery: in a multi-row VALUES
   * list every subquery runs, and {@code lower(match)} reads the whole parent table each time.
   */
  static Bound insertRows(
      List<Step> steps,
      boolean literal,
      boolean returning,
      Dialect dialect,
      String schema,
      Map<Lookup, Map<String, String>> resolved) {
    Step first = steps.get(0);
    Builder out =
        new Builder(literal, dialect, schema).text("INSERT INTO ").table(first.table()).text(" (");
    out.resolved = resolved;
    List<Value> columns = first.values();
    for (int i = 0; i < columns.size(); i++) {
      out.text(i > 0 ? ", " : "").name(columns.get(i).column());
    }
    // a GENERATED ALWAYS identity refuses a written key otherwise; the plan's key is the point
    out.text(first.overridesIdentity() ? ") OVERRIDING SYSTEM VALUE VALUES " : ") VALUES ");
    for (int row = 0; row < steps.size(); row++) {
      List<Value> values = steps.get(row).values();
      out.text(row > 0 ? ", (" : "(");
      for (int i = 0; i < values.size(); i++) {
        out.text(i > 0 ? ", " : "").written(values.get(i));
      }
      out.text(")");
    }
    if (returning) {
      out.text(" RETURNING ").name(first.keyColumn());
      for (String natural : first.naturalColumns()) {
        // as text where apply reads it as text; a time, a date, a number come back as
        // themselves, read by their type (as text, a timestamptz is the session's
        // "2026-04-07 11:00:00+00", not the plan's 2026-04-07T11:00:00Z)
        ColumnType type =
            first.values().stream()
                .filter(value -> value.column().equals(natural))
                .map(Value::type)
                .findFirst()
                .orElse(natural.equals(first.keyColumn()) ? first.keyType() : ColumnType.TEXT);
        boolean asText =
            type == ColumnType.TEXT
                || type == ColumnType.ENUM
                || type == ColumnType.JSON
                || type == ColumnType.UUID;
        out.text(", ").name(natural).text(dialect == Dialect.POSTGRESQL && asText ? "::text" : "");
      }
    }
    return out.build();
  }

  /** The UPDATE apply runs: only where every changed column still holds its before-image. */
  static Bound update(Step step, boolean literal, Dialect dialect, String schema) {
    Builder out =
        new Builder(literal, dialect, schema).text("UPDATE ").table(step.table()).text(" SET ");
    List<Value> values = step.values();
    for (int i = 0; i < values.size(); i++) {
      out.text(i > 0 ? ", " : "").name(values.get(i).column()).text(" = ").written(values.get(i));
    }
    out.text(" WHERE ").name(step.keyColumn()).text(" = ").value(step.keyType(), step.key());
    for (Value value : values) {
      if (!value.generatedNow()) {
        out.text(" AND ").guardBefore(value);
      }
    }
    return out.build();
  }

  /**
   * The UPDATE undo.sql runs: back to the before-images, only where the row still holds what apply
   * wrote.
   */
  static String revert(Step step, Dialect dialect, String schema) {
    Builder out =
        new Builder(true, dialect, schema).text("UPDATE ").table(step.table()).text(" SET ");
    List<Value> values = step.values();
    for (int i = 0; i < values.size(); i++) {
      Value value = values.get(i);
      out.text(i > 0 ? ", " : "").name(value.column()).text(" = ");
      if (value.generatedNow()) {
        out.value(value.type(), value.before());
      } else {
        out.restored(value);
      }
    }
    out.text(" WHERE ").name(step.keyColumn()).text(" = ").value(step.keyType(), step.key());
    for (Value value : values) {
      if (!value.generatedNow()) {
        out.text(" AND ").guard(value, value.value());
      }
    }
    return out.build().sql();
  }

  /**
   * The statement undo.sql ends with for a row it restored: it names the row and each column that
   * does not hold its before-image, with what it holds, and changes nothing. A trigger (or an ON
   * UPDATE default) fires on undo's UPDATE as on any other, and an outside trial's {@code
   * updated_at} trigger so rewrote every restored row while undo ended with COMMIT, saying nothing.
   * PostgreSQL raises a WARNING, which psql prints; MariaDB selects the line, which the mariadb
   * client prints (a warning of a compound statement it would not show).
   */
  static String restoredCheck(Step step, String failure, Dialect dialect, String schema) {
    Builder differs = new Builder(true, dialect, schema);
    differs.text(dialect == Dialect.POSTGRESQL ? "concat_ws(', '" : "CONCAT_WS(', '");
    for (Value value : step.values()) {
      differs.text(", CASE WHEN NOT (");
      if (value.generatedNow()) {
        differs
            .name(value.column())
            .text(dialect == Dialect.POSTGRESQL ? " IS NOT DISTINCT FROM " : " <=> ")
            .value(value.type(), value.before());
      } else {
        differs.guardBefore(value);
      }
      differs
          .text(") THEN ")
          .text(dialect == Dialect.POSTGRESQL ? "" : "CONCAT(")
          .text(dialect.quote(value.column() + " holds "))
          .text(dialect == Dialect.POSTGRESQL ? " || coalesce(CAST(" : ", IFNULL(CAST(")
          .name(value.column())
          .text(dialect == Dialect.POSTGRESQL ? " AS text), 'NULL') || " : " AS CHAR), 'NULL'), ")
          .text(
              dialect.quote(
                  ", not its before-image "
                      + (value.before() == null
                          ? "NULL"
                          : value.lookup() == null
                              ? value.before()
                              : "(the "
                                  + value.lookup().take()
                                  + " of "
                                  + value.lookup().table()
                                  + " whose "
                                  + value.lookup().match()
                                  + " is "
                                  + value.before()
                                  + ")")))
          .text(dialect == Dialect.POSTGRESQL ? " END" : ") END");
    }
    differs.text(")");
    Builder from =
        new Builder(true, dialect, schema)
            .text(" FROM ")
            .table(step.table())
            .text(" WHERE ")
            .name(step.keyColumn())
            .text(" = ")
            .value(step.keyType(), step.key());
    String message = failure + ": ";
    if (dialect == Dialect.MARIADB) {
      return "SELECT CONCAT("
          + dialect.quote(message)
          + ", d.differs) AS undo_warning FROM (SELECT "
          + differs.build().sql()
          + " AS differs"
          + from.build().sql()
          + ") d WHERE d.differs <> ''";
    }
    String tag = "$check$";
    for (int i = 0; differs.sql.indexOf(tag) >= 0 || message.contains(tag); i++) {
      tag = "$check" + i + "$";
    }
    return "DO "
        + tag
        + " DECLARE differs text; BEGIN SELECT "
        + differs.build().sql()
        + " INTO differs"
        + from.build().sql()
        + "; IF differs <> '' THEN RAISE WARNING '%', "
        + dialect.quote(message)
        + " || differs; END IF; END "
        + tag
        + ";";
  }

  private static final java.util.regex.Pattern FRACTION =
      java.util.regex.Pattern.compile("\\d:\\d\\d\\.\\d");
  private static final Set<ColumnType> TIMES =
      Set.of(ColumnType.TIMESTAMPTZ, ColumnType.WALL_TIME, ColumnType.TIME);

  /**
   * The DELETE undo.sql runs for a row this import inserted (never run by Salvage itself): only
   * where the row still holds every value the import wrote, as a revert does, and every other
   * column still holds its text of {@code after} (column -> the row's value as text right after
   * apply, null for NULL), so a row the application changed since (a price corrected, a booking
   * confirmed, a column the insert left to its default, a change seen only in the {@code
   * updated_at} its trigger set) is not deleted with its change.
   */
  static String removeInserted(
      Step step, String key, Map<String, String> after, Dialect dialect, String schema) {
    Builder out =
        new Builder(true, dialect, schema)
            .text("DELETE FROM ")
            .table(step.table())
            .text(" WHERE ")
            .name(step.keyColumn())
            .text(" = ")
            .value(step.keyType(), key);
    if (step.naturalKeys() == null) {
      out.text(" AND ")
          .name(step.naturalKey())
          .text(" = ")
          .value(ColumnType.TEXT, step.naturalValue());
    } else {
      // each column of a key of several columns by its own type: the row is found as plan found it
      for (String natural : step.naturalKeys()) {
        for (Value value : step.values()) {
          if (value.column().equals(natural)) {
            out.text(" AND ").name(natural).text(" = ").value(value.type(), value.value());
          }
        }
      }
    }
    Set<String> exact = new java.util.HashSet<>(Set.of(step.keyColumn()));
    for (Value value : step.values()) {
      if (value.generatedNow() || value.column().equals(step.keyColumn())) {
        continue;
      }
      if (value.lookup() == null
          && value.value() != null
          && FRACTION.matcher(value.value()).find()
          && TIMES.contains(value.type())) {
        // a time column of whole seconds (timestamp(0), DATETIME) rounded the fraction as it
        // stored it: within a second is what the import wrote
        out.text(" AND ").name(value.column()).text(" BETWEEN ").expression(value, value.value());
        out.text(
            dialect == Dialect.POSTGRESQL
                ? " - interval '1 second' AND "
                : " - INTERVAL 1 SECOND AND ");
        out.expression(value, value.value());
        out.text(dialect == Dialect.POSTGRESQL ? " + interval '1 second'" : " + INTERVAL 1 SECOND");
      } else {
        out.text(" AND ").guard(value, value.value());
        exact.add(value.column());
      }
    }
    after.forEach(
        (column, text) -> {
          if (!exact.contains(column)) {
            out.text(" AND ").text(dialect.textIs(dialect.identifier(column), text));
          }
        });
    return out.build().sql();
  }

  /**
   * A foreign key of another table onto a table the import inserted into: {@code table}'s {@code
   * columns} hold the {@code referenced} columns of the parent row. Names are quoted already, as
   * the catalog query quotes them (Applier.references).
   */
  record Reference(String table, List<String> columns, List<String> referenced) {
    Reference {
      columns = List.copyOf(columns);
      referenced = List.copyOf(referenced);
    }
  }

  /** A condition true when a row of {@code reference.table} refers to the inserted row. */
  static String referenced(
      Step step, String key, Reference reference, Dialect dialect, String schema) {
    StringBuilder join = new StringBuilder();
    for (int i = 0; i < reference.columns().size(); i++) {
      join.append(i > 0 ? " AND " : "")
          .append("c.")
          .append(reference.columns().get(i))
          .append(" = p.")
          .append(reference.referenced().get(i));
    }
    return new Builder(true, dialect, schema)
        .text("EXISTS (SELECT 1 FROM " + reference.table() + " c JOIN ")
        .table(step.table())
        .text(" p ON " + join + " WHERE p.")
        .name(step.keyColumn())
        .text(" = ")
        .value(step.keyType(), key)
        .text(")")
        .build()
        .sql();
  }

  /** Runs a statement in a block that fails when it touched no row. */
  static String mustTouchOneRow(String statement, String failure, Dialect dialect) {
    return mustTouchOneRow(statement, failure, Map.of(), dialect);
  }

  /**
   * Runs a statement in a block that first fails when one of {@code refusals} (condition to
   * message) holds, and fails when the statement touched no row.
   */
  static String mustTouchOneRow(
      String statement, String failure, Map<String, String> refusals, Dialect dialect) {
    StringBuilder checks = new StringBuilder();
    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      checks
          .append("IF ")
          .append(refusal.getKey())
          .append(" THEN ")
          .append(raise(refusal.getValue(), dialect))
          .append("; END IF; ");
    }
    if (dialect == Dialect.MARIADB) {
      // an anonymous compound statement; undo.sql sets DELIMITER so its inner ; do not end it
      return "BEGIN NOT ATOMIC "
          + checks
          + statement
          + "; IF ROW_COUNT() = 0 THEN "
          + raise(failure, dialect)
          + "; END IF; END";
    }
    String tag = "$undo$";
    for (int i = 0;
        statement.contains(tag) || failure.contains(tag) || checks.indexOf(tag) >= 0;
        i++) {
      tag = "$undo" + i + "$";
    }
    return "DO "
        + tag
        + " BEGIN "
        + checks
        + statement
        + "; IF NOT FOUND THEN "
        + raise(failure, dialect)
        + "; END IF; END "
        + tag
        + ";";
  }

  /** The statement that aborts an undo block with {@code message}. */
  private static String raise(String message, Dialect dialect) {
    if (dialect == Dialect.MARIADB) {
      return "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = "
          + dialect.quote(message.length() > 500 ? message.substring(0, 500) : message);
    }
    return "RAISE EXCEPTION '%', " + dialect.quote(message);
  }
}
