package dev.salvage.pipeline.importer;

import dev.salvage.pipeline.importer.ImportPlan.Step;
import dev.salvage.pipeline.importer.ImportPlan.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table's unique indexes and constraints other than the primary key, checked by the target itself
 * against the rows a plan would write: a planned row whose indexed values a row of the table
 * already holds would make apply fail, rolling back every record with it. The comparison is the
 * database's: a {@code citext} or a case-insensitive collation matches {@code Ana@x.pt} with {@code
 * ana@x.pt}, an expression index on {@code lower(email)} compares what it indexes, a partial index
 * ({@code WHERE status <> 'cancelled'}) holds only the rows its predicate selects, and a MariaDB
 * prefix index compares the prefix. A PostgreSQL exclusion constraint is checked the same way, its
 * keys compared under its operators: a booking whose room and time range overlap a row the target
 * holds ({@code EXCLUDE USING gist (room_id WITH =, tstzrange(starts_at, ends_at) WITH &&)}).
 *
 * <p>A row is checked against an index only when the plan knows every column the index names (as
 * {@link CheckConstraints} does) and, for an UPDATE, writes one of them. Two rows of the same plan
 * that the index refuses together are compared by the database too: the record whose id comes first
 * is planned, the other kept out naming it.
 */
final class UniqueIndexes {
  /**
   * One unique index.
   *
   * @param definition as the catalog gives it, for messages
   * @param keys each indexed column or expression, as SQL over the table's columns
   * @param predicate a partial index's WHERE condition, or null
   * @param columns the table's columns the keys and the predicate name
   * @param collations MariaDB: per key, the {@code CONVERT(... USING cs) COLLATE c} that compares a
   *     planned value as the column does, or null; PostgreSQL: empty (the cast does it)
   * @param nullsEqual whether NULLs count as equal (PostgreSQL 15's {@code NULLS NOT DISTINCT})
   * @param operators an exclusion constraint's operator per key ({@code OPERATOR(pg_catalog.&&)}),
   *     as SQL; empty for a unique index, whose keys clash when equal
   */
  record Index(
      String name,
      String definition,
      List<String> keys,
      String predicate,
      List<String> columns,
      List<String> collations,
      boolean nullsEqual,
      List<String> operators) {
    Index {
      keys = List.copyOf(keys);
      columns = List.copyOf(columns);
      collations = java.util.Collections.unmodifiableList(new ArrayList<>(collations));
      operators = List.copyOf(operators);
    }

    Index(
        String name,
        String definition,
        List<String> keys,
        String predicate,
        List<String> columns,
        List<String> collations,
        boolean nullsEqual) {
      this(name, definition, keys, predicate, columns, collations, nullsEqual, List.of());
    }

    boolean exclusion() {
      return !operators.isEmpty();
    }

    /** The columns the keys name, without those only the predicate names: what a message shows. */
    List<String> keyColumns() {
      List<String> named = new ArrayList<>();
      for (String column : columns) {
        java.util.regex.Pattern word =
            java.util.regex.Pattern.compile(
                "(?<![\\p{L}\\p{N}_$])\"?"
                    + java.util.regex.Pattern.quote(column)
                    + "\"?(?![\\p{L}\\p{N}_$])");
        if (keys.stream().anyMatch(key -> word.matcher(key.replace("`", "")).find())) {
          named.add(column);
        }
      }
      return named.isEmpty() ? columns : named;
    }
  }

  private final Connection connection;
  private final Dialect dialect;
  private final String table;
  private final String keyColumn;
  private final PlannedRows rows;
  private final Map<String, String> types;
  private final List<Index> indexes;
  private final List<Index> exclusions;
  private final List<String> partitionKey;

  private UniqueIndexes(
      Connection connection,
      Dialect dialect,
      String table,
      String keyColumn,
      PlannedRows rows,
      Map<String, String> types,
      List<Index> indexes,
      List<Index> exclusions,
      List<String> partitionKey) {
    this.connection = connection;
    this.dialect = dialect;
    this.table = table;
    this.keyColumn = keyColumn;
    this.rows = rows;
    this.types = types;
    this.indexes = indexes;
    this.exclusions = List.copyOf(exclusions);
    this.partitionKey = List.copyOf(partitionKey);
  }

  /** Reads the unique indexes of a mapped table from the target's catalog. */
  static UniqueIndexes of(
      Connection connection, Dialect dialect, TargetSchema schema, String table, String keyColumn)
      throws SQLException {
    PlannedRows rows = new PlannedRows(dialect, table, keyColumn, schema.columns(table));
    if (dialect == Dialect.POSTGRESQL) {
      return new UniqueIndexes(
          connection,
          dialect,
          table,
          keyColumn,
          rows,
          postgresTypes(connection, dialect, table),
          readPostgres(connection, dialect, table),
          readPostgresExclusions(connection, dialect, table),
          partitionKey(connection, dialect, table));
    }
    return new UniqueIndexes(
        connection,
        dialect,
        table,
        keyColumn,
        rows,
        Map.of(),
        readMariadb(connection, table),
        List.of(),
        List.of());
  }

  /**
   * The columns a PostgreSQL partitioned table is partitioned by (its expressions left out); empty
   * for any other table. PostgreSQL requires them in every unique index of such a table, so an
   * index on {@code (reference, starts_at)} may be the application's {@code UNIQUE (reference)}
   * that the database would not take alone.
   */
  private static List<String> partitionKey(Connection connection, Dialect dialect, String table)
      throws SQLException {
    String sql =
        "SELECT a.attname::text FROM pg_partitioned_table p JOIN pg_attribute a"
            + " ON a.attrelid = p.partrelid AND a.attnum = ANY (p.partattrs::int2[])"
            + " WHERE p.partrelid = ?::regclass ORDER BY a.attnum";
    List<String> columns = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, dialect.table(table));
      try (ResultSet answers = statement.executeQuery()) {
        while (answers.next()) {
          columns.add(answers.getString(1));
        }
      }
    }
    return columns;
  }

  /**
   * The unique index that holds {@code column} together with the table's partition key columns
   * only, {@code (reference, starts_at)} on a table partitioned by {@code starts_at}, when no index
   * holds the column alone; null otherwise. Such an index is the most PostgreSQL lets a partitioned
   * table say of the column: the partition key is in it because the database requires it, not
   * because two rows with one reference are two entities.
   */
  Index withPartitionKeyOnly(String column) {
    if (partitionKey.isEmpty()) {
      return null;
    }
    for (Index index : indexes) {
      List<String> named = index.keyColumns();
      if (named.equals(List.of(column))) {
        return null;
      }
    }
    for (Index index : indexes) {
      List<String> named = index.keyColumns();
      if (named.size() > 1
          && named.contains(column)
          && !partitionKey.contains(column)
          && named.stream().allMatch(c -> c.equals(column) || partitionKey.contains(c))) {
        return index;
      }
    }
    return null;
  }

  /** The columns of a PostgreSQL partitioned table's partition key; empty for other tables. */
  List<String> partitionKey() {
    return partitionKey;
  }

  List<Index> indexes() {
    return indexes;
  }

  /** Whether an index makes {@code column} unique alone (a partial one counts, as below). */
  boolean uniqueAlone(String column) {
    return indexes.stream().anyMatch(index -> index.keyColumns().equals(List.of(column)));
  }

  /**
   * The index that makes {@code column} unique only together with other columns, when no index
   * makes it unique alone; null otherwise. A partial index on the column alone counts as unique
   * alone: the application chose which rows it holds.
   */
  Index withOthersOnly(String column) {
    if (withPartitionKeyOnly(column) != null) {
      return null; // the others are the partition key the database forces into the index
    }
    Index composite = null;
    for (Index index : indexes) {
      List<String> named = index.keyColumns();
      if (named.equals(List.of(column))) {
        return null;
      }
      if (composite == null && named.size() > 1 && named.contains(column)) {
        composite = index;
      }
    }
    return composite;
  }

  /** Each column's type as a cast writes it; a domain's base type, so its checks stay apply's. */
  static Map<String, String> postgresTypes(Connection connection, Dialect dialect, String table)
      throws SQLException {
    String sql =
        "SELECT a.attname::text, format_type("
            + "CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END,"
            + " CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END)"
            + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
            + " WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped";
    Map<String, String> types = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, dialect.table(table));
      try (ResultSet answers = statement.executeQuery()) {
        while (answers.next()) {
          types.put(answers.getString(1), answers.getString(2));
        }
      }
    }
    return types;
  }

  private static List<Index> readPostgres(Connection connection, Dialect dialect, String table)
      throws SQLException {
    // indnullsnotdistinct exists from PostgreSQL 15 on: read through jsonb so older servers answer
    return readPostgresIndexes(
        connection,
        dialect,
        table,
        "SELECT c.relname::text, pg_get_indexdef(i.indexrelid),",
        " coalesce((to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false)"
            + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            + " WHERE i.indrelid = ?::regclass AND i.indisunique AND NOT i.indisprimary"
            + " ORDER BY c.relname",
        (answers, index) ->
            new Index(
                index.name(),
                index.definition(),
                index.keys(),
                index.predicate(),
                index.columns(),
                List.of(),
                answers.getBoolean(6)));
  }

  /**
   * The table's exclusion constraints ({@code EXCLUDE USING gist (room_id WITH =,
   * tstzrange(starts_at, ends_at) WITH &&)}): each key with the operator under which two rows
   * clash, and the constraint's WHERE. A double booking of a room a row of the target already holds
   * is refused at plan like a unique value another row holds.
   */
  private static List<Index> readPostgresExclusions(
      Connection connection, Dialect dialect, String table) throws SQLException {
    return readPostgresIndexes(
        connection,
        dialect,
        table,
        "SELECT con.conname::text, pg_get_constraintdef(con.oid),",
        " ARRAY(SELECT 'OPERATOR(' || quote_ident(n.nspname) || '.' || o.oprname || ')'"
            + " FROM unnest(con.conexclop) WITH ORDINALITY x(op, k)"
            + " JOIN pg_operator o ON o.oid = x.op JOIN pg_namespace n ON n.oid = o.oprnamespace"
            + " ORDER BY x.k)"
            + " FROM pg_constraint con JOIN pg_index i ON i.indexrelid = con.conindid"
            + " WHERE con.conrelid = ?::regclass AND con.contype = 'x'"
            + " ORDER BY con.conname",
        (answers, index) ->
            new Index(
                index.name(),
                index.definition(),
                index.keys(),
                index.predicate(),
                index.columns(),
                List.of(),
                false,
                List.of((String[]) answers.getArray(6).getArray())));
  }

  /** Completes an index read from the catalog with what its sixth column says. */
  @FunctionalInterface
  private interface IndexCompletion {
    Index complete(ResultSet answers, Index read) throws SQLException;
  }

  /**
   * The indexes a catalog query over PostgreSQL's {@code pg_index i} finds: {@code head} selects
   * the name and the definition, then come the keys, the predicate and the columns they name, then
   * {@code tail} gives a sixth column, which {@code completion} reads, and the query's FROM and
   * WHERE (one parameter, the table).
   */
  private static List<Index> readPostgresIndexes(
      Connection connection,
      Dialect dialect,
      String table,
      String head,
      String tail,
      IndexCompletion completion)
      throws SQLException {
    String sql =
        head
            + " ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true)"
            + " FROM generate_series(1, i.indnkeyatts) k ORDER BY k),"
            + " pg_get_expr(i.indpred, i.indrelid, true),"
            + " ARRAY(SELECT a.attname::text FROM pg_attribute a"
            + " WHERE a.attrelid = i.indrelid AND a.attnum > 0 AND NOT a.attisdropped"
            + " AND (a.attnum = ANY (i.indkey) OR a.attnum IN (SELECT d.refobjsubid FROM pg_depend d"
            + " WHERE d.classid = 'pg_class'::regclass AND d.objid = i.indexrelid"
            + " AND d.refobjid = i.indrelid)) ORDER BY a.attnum),"
            + tail;
    List<Index> indexes = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, dialect.table(table));
      try (ResultSet answers = statement.executeQuery()) {
        while (answers.next()) {
          Index read =
              new Index(
                  answers.getString(1),
                  answers.getString(2),
                  List.of((String[]) answers.getArray(3).getArray()),
                  answers.getString(4),
                  List.of((String[]) answers.getArray(5).getArray()),
                  List.of(),
                  false);
          indexes.add(completion.complete(answers, read));
        }
      }
    }
    return indexes;
  }

  private static List<Index> readMariadb(Connection connection, String table) throws SQLException {
    int dot = table.indexOf('.');
    String schemaName = dot < 0 ? "DATABASE()" : "?";
    String sql =
        "SELECT s.index_name, s.column_name, s.sub_part, c.character_set_name, c.collation_name"
            + " FROM information_schema.statistics s JOIN information_schema.columns c"
            + " ON c.table_schema = s.table_schema AND c.table_name = s.table_name"
            + " AND c.column_name = s.column_name"
            + " WHERE s.table_schema = "
            + schemaName
            + " AND BINARY s.table_name = ? AND s.non_unique = 0 AND s.index_name <> 'PRIMARY'"
            + " ORDER BY s.index_name, s.seq_in_index";
    Map<String, List<String[]>> parts = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int index = 1;
      if (dot >= 0) {
        statement.setString(index++, table.substring(0, dot));
      }
      statement.setString(index, table.substring(dot + 1));
      try (ResultSet answers = statement.executeQuery()) {
        while (answers.next()) {
          parts
              .computeIfAbsent(answers.getString(1), name -> new ArrayList<>())
              .add(
                  new String[] {
                    answers.getString(2),
                    answers.getString(3),
                    answers.getString(4),
                    answers.getString(5)
                  });
        }
      }
    }
    List<Index> indexes = new ArrayList<>();
    parts.forEach(
        (name, columns) -> {
          List<String> keys = new ArrayList<>();
          List<String> names = new ArrayList<>();
          List<String> collations = new ArrayList<>();
          List<String> shown = new ArrayList<>();
          for (String[] part : columns) {
            String column = Dialect.MARIADB.identifier(part[0]);
            keys.add(part[1] == null ? column : "LEFT(" + column + ", " + part[1] + ")");
            shown.add(column + (part[1] == null ? "" : "(" + part[1] + ")"));
            names.add(part[0]);
            collations.add(
                part[2] == null || part[3] == null
                    ? null
                    : "USING " + part[2] + ") COLLATE " + part[3]);
          }
          indexes.add(
              new Index(
                  name,
                  "UNIQUE KEY "
                      + Dialect.MARIADB.identifier(name)
                      + " ("
                      + String.join(",", shown)
                      + ")",
                  keys,
                  null,
                  names,
                  collations,
                  false));
        });
    return indexes;
  }

  /**
   * Why the database would refuse each of {@code steps} (all of this table) for a unique index, by
   * record id: the index, the planned values and the key of the row that holds them. A row whose
   * values the check itself makes the database refuse (a cast) is refused with the database's
   * message, as apply would meet it.
   */
  Map<String, String> violations(List<Step> steps) throws SQLException {
    Map<String, String> violations = new LinkedHashMap<>();
    List<Index> checkedIndexes = new ArrayList<>(indexes);
    checkedIndexes.addAll(exclusions);
    for (Index index : checkedIndexes) {
      List<Step> checked = new ArrayList<>();
      for (Step step : steps) {
        if (!violations.containsKey(step.record())
            && rows.known(step, index.columns(), true)
            && (step.insert() || writesAny(step, index.columns()))) {
          checked.add(step);
        }
      }
      Map<Integer, PlannedKey> planned =
          rows.answers(
              checked,
              index.columns().size(),
              batch -> plannedKeys(index, batch),
              (index.exclusion() ? "exclusion constraint " : "unique index ") + index.name(),
              violations);
      for (Map.Entry<Integer, PlannedKey> holder : planned.entrySet()) {
        if (holder.getValue().holder() == null) {
          continue;
        }
        Step step = checked.get(holder.getKey());
        if (index.exclusion()) {
          violations.put(
              step.record(),
              "exclusion constraint "
                  + index.name()
                  + " refuses "
                  + rows.describe(step, index.keyColumns())
                  + ": the target's row "
                  + keyColumn
                  + " = "
                  + holder.getValue().holder()
                  + " clashes with it ("
                  + index.definition()
                  + "); the database would refuse the row at apply: edit the values in salvage"
                  + " review, reject the record, or change that row in the application");
          continue;
        }
        violations.put(
            step.record(),
            "unique index "
                + index.name()
                + " refuses "
                + rows.describe(step, index.keyColumns())
                + ": the target's row "
                + keyColumn
                + " = "
                + holder.getValue().holder()
                + " already holds "
                + (index.keyColumns().size() == 1 ? "that value" : "those values")
                + " ("
                + index.definition()
                + "); the database would refuse the row at apply: edit the value in salvage"
                + " review, reject the record, or change that row in the application");
      }
      refuseClashingPlannedRows(index, checked, planned, violations);
    }
    return violations;
  }

  /**
   * Keeps out the later of two planned rows the index refuses together (two approved bookings of
   * one room at overlapping times, two records claiming one email), which would make apply fail as
   * a whole. The keys {@link #plannedKeys} read for the check against the table are compared once
   * more, all of the table's planned rows at once ({@link PlannedClashes}), so the cost grows with
   * the number of rows, not its square. Records are taken in the order of their ids, so the same
   * plan keeps the same one on every rerun: a record clashing with one already kept is refused,
   * naming that record (the first by id of those it clashes with) and its values.
   */
  private void refuseClashingPlannedRows(
      Index index,
      List<Step> checked,
      Map<Integer, PlannedKey> planned,
      Map<String, String> violations)
      throws SQLException {
    List<Integer> candidates = new ArrayList<>();
    for (Map.Entry<Integer, PlannedKey> row : planned.entrySet()) {
      Step step = checked.get(row.getKey());
      // a NULL key clashes with nothing, unless the index takes NULLs for equal; a lookup of a
      // parent this plan inserts is NULL at plan and is not one value shared by two new parents
      boolean unknownNull =
          row.getValue().keys().contains(null) && (index.exclusion() || !index.nullsEqual());
      if (!violations.containsKey(step.record())
          && !unknownNull
          && !(index.nullsEqual() && looksUpAny(step, index.columns()))) {
        candidates.add(row.getKey());
      }
    }
    if (candidates.size() < 2) {
      return;
    }
    candidates.sort(java.util.Comparator.comparing(row -> checked.get(row).record()));
    List<List<String>> keys = new ArrayList<>(candidates.size());
    for (int row : candidates) {
      keys.add(planned.get(row).keys());
    }
    Map<Integer, List<Integer>> earlierPartners =
        PlannedClashes.earlierPartners(
            connection, dialect, index, keys, planned.get(candidates.get(0)).types());
    if (earlierPartners.isEmpty()) {
      return;
    }
    java.util.Set<Integer> refused = new java.util.HashSet<>();
    for (int later = 0; later < candidates.size(); later++) {
      List<Integer> partners = earlierPartners.get(later);
      if (partners == null) {
        continue;
      }
      Integer kept = partners.stream().filter(p -> !refused.contains(p)).findFirst().orElse(null);
      if (kept == null) {
        continue; // every row it clashes with is kept out itself
      }
      refused.add(later);
      Step step = checked.get(candidates.get(later));
      Step other = checked.get(candidates.get(kept));
      violations.put(
          step.record(),
          (index.exclusion() ? "exclusion constraint " : "unique index ")
              + index.name()
              + " refuses "
              + rows.describe(step, index.keyColumns())
              + ": record "
              + other.record()
              + " of this plan, planned before it (records are taken in the order of their"
              + " ids), "
              + (index.exclusion()
                  ? "clashes with it with " + rows.describe(other, index.keyColumns())
                  : "claims "
                      + (index.keyColumns().size() == 1 ? "that value" : "those values")
                      + " too ("
                      + rows.describe(other, index.keyColumns())
                      + ")")
              + " ("
              + index.definition()
              + "); the database would refuse the two together at apply: edit the values in"
              + " salvage review or reject one of the two records, then plan again");
    }
  }

  /**
   * Whether a column of {@code columns} is a lookup: NULL at plan for a parent the plan inserts,
   * which an index whose NULLs are equal would take for one value shared by two new parents.
   */
  private boolean looksUpAny(Step step, List<String> columns) {
    for (String column : columns) {
      if (rows.source(step, column, true) instanceof PlannedRows.Looked) {
        return true;
      }
    }
    return false;
  }

  private static boolean writesAny(Step step, List<String> columns) {
    for (Value value : step.values()) {
      if (columns.contains(value.column())) {
        return true;
      }
    }
    return false;
  }

  /**
   * A planned row as the index sees it, read by {@link #plannedKeys}: the key of the table's row
   * that already holds its indexed values (null when none does), and its index keys as the database
   * computes them, to compare planned rows with each other ({@link PlannedClashes}).
   *
   * @param keys per index key: PostgreSQL, its value as text (NULL as null); MariaDB, the
   *     collation's weight string of a text key (trailing spaces left out where the collation pads
   *     them), the value of any other
   * @param types PostgreSQL: per index key, its type, to cast the text back to; MariaDB: empty
   */
  record PlannedKey(String holder, List<String> keys, List<String> types) {
    PlannedKey {
      keys = java.util.Collections.unmodifiableList(new ArrayList<>(keys));
      types = List.copyOf(types);
    }
  }

  /**
   * Each planned row of {@code batch} the index holds (its predicate selects it), by batch index:
   * the key of the table's row that holds its indexed values, and its keys. One query reads both,
   * so comparing the planned rows with each other costs no second pass over them.
   */
  private Map<Integer, PlannedKey> plannedKeys(Index index, List<Step> batch) throws SQLException {
    // a lookup's parent key as the target holds it: a second profile of one user (a one-to-one
    // index on the foreign key) is refused at plan, not by the database at apply
    PlannedRows.Query planned = rows.select(batch, index.columns(), types, true);
    String row = dialect.identifier(PlannedRows.ROW);
    String key = dialect.identifier(PlannedRows.KEY);
    StringBuilder plannedKeys = new StringBuilder("SELECT ").append(row).append(", ").append(key);
    StringBuilder heldKeys =
        new StringBuilder("SELECT ")
            .append(dialect.identifier(keyColumn))
            .append(" AS ")
            .append(key);
    StringBuilder same = new StringBuilder();
    StringBuilder readKeys = new StringBuilder();
    for (int k = 0; k < index.keys().size(); k++) {
      String part = dialect.identifier("salvage_unique_" + k + "_");
      String text = dialect.identifier("salvage_unique_text_" + k + "_");
      String type = dialect.identifier("salvage_unique_type_" + k + "_");
      String expression = index.keys().get(k);
      String collation = index.collations().isEmpty() ? null : index.collations().get(k);
      String compared =
          collation == null ? "(" + expression + ")" : "CONVERT(" + expression + " " + collation;
      plannedKeys.append(", ").append(compared).append(" AS ").append(part);
      readKeys.append(", p.").append(text);
      if (dialect == Dialect.POSTGRESQL) {
        plannedKeys
            .append(", CAST(")
            .append(compared)
            .append(" AS text) AS ")
            .append(text)
            .append(", pg_typeof(")
            .append(compared)
            .append(")::text AS ")
            .append(type);
        readKeys.append(", p.").append(type);
      } else if (collation != null) {
        // a PAD SPACE collation takes 'a' and 'a ' for equal, but weighs the trailing space
        plannedKeys
            .append(", HEX(WEIGHT_STRING(")
            .append(collation.contains("_nopad_") ? compared : "RTRIM(" + compared + ")")
            .append(")) AS ")
            .append(text);
      } else {
        plannedKeys.append(", ").append(compared).append(" AS ").append(text);
      }
      heldKeys.append(", (").append(expression).append(") AS ").append(part);
      same.append(" AND ");
      if (index.exclusion()) {
        same.append("p.")
            .append(part)
            .append(" ")
            .append(index.operators().get(k))
            .append(" t.")
            .append(part);
      } else if (index.nullsEqual()) {
        same.append("p.").append(part).append(" IS NOT DISTINCT FROM t.").append(part);
      } else {
        same.append("p.").append(part).append(" = t.").append(part);
      }
    }
    String where = index.predicate() == null ? "" : " WHERE (" + index.predicate() + ")";
    plannedKeys
        .append(" FROM (")
        .append(planned.sql())
        .append(") ")
        .append(dialect.identifier("salvage_planned_rows_"))
        .append(where);
    heldKeys.append(" FROM ").append(dialect.table(table)).append(where);
    String otherRow =
        dialect == Dialect.POSTGRESQL
            ? "p." + key + " IS DISTINCT FROM t." + key
            : "NOT (p." + key + " <=> t." + key + ")";
    String sql =
        "SELECT p."
            + row
            + ", t."
            + key
            + readKeys
            + " FROM ("
            + plannedKeys
            + ") p LEFT JOIN ("
            + heldKeys
            + ") t ON "
            + otherRow
            + same;
    Map<Integer, PlannedKey> answers = new HashMap<>();
    int width = index.keys().size();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      planned.bind(statement, dialect);
      try (ResultSet answer = statement.executeQuery()) {
        while (answer.next()) {
          // a row several rows of the table clash with comes once for each: the first is named
          if (answers.containsKey(answer.getInt(1))) {
            continue;
          }
          List<String> keys = new ArrayList<>(width);
          List<String> keyTypes = new ArrayList<>(width);
          int column = 3;
          for (int k = 0; k < width; k++) {
            keys.add(answer.getString(column++));
            if (dialect == Dialect.POSTGRESQL) {
              keyTypes.add(answer.getString(column++));
            }
          }
          answers.put(answer.getInt(1), new PlannedKey(answer.getString(2), keys, keyTypes));
        }
      }
    }
    return answers;
  }
}
