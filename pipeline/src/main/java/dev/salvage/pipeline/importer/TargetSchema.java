package dev.salvage.pipeline.importer;

import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import dev.salvage.pipeline.importer.TargetMapping.KeySource;
import dev.salvage.pipeline.importer.TargetMapping.Lookup;
import dev.salvage.pipeline.importer.TargetMapping.TableMapping;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The target's tables as its catalog describes them, checked against a mapping. */
final class TargetSchema {
  /**
   * A column as the catalog describes it.
   *
   * @param dataType information_schema's data_type, lower case; {@code enum} for enum types
   * @param declared the type as a person would write it, for messages: {@code numeric(6,2)}
   * @param maxLength characters a character column holds, or null when unbounded
   * @param precision digits of a numeric column, or null when unbounded
   * @param scale digits after the point of a numeric column, or null
   * @param labels the labels of an enum column, in order; empty for other columns
   * @param generated the database computes it (GENERATED ALWAYS AS ..., or an identity GENERATED
   *     ALWAYS): nothing may be written to it
   * @param defaultValue the value an INSERT that leaves the column out writes, as the catalog gives
   *     it ({@code 'provisional'::text} from PostgreSQL's information_schema, {@code 'provisional'}
   *     from MariaDB's COLUMN_DEFAULT; an identity's or AUTO_INCREMENT's next number said so), or
   *     null when that is NULL (no default, or DEFAULT NULL)
   */
  record Column(
      String dataType,
      String declared,
      boolean nullable,
      boolean hasDefault,
      boolean generated,
      Integer maxLength,
      Integer precision,
      Integer scale,
      List<String> labels,
      String defaultValue) {
    Column {
      labels = List.copyOf(labels);
    }

    /**
     * The catalog's default expression, or null when it writes NULL: MariaDB gives {@code NULL} for
     * a nullable column without a default (a string default is quoted), and an explicit {@code
     * DEFAULT NULL::text} writes NULL as well.
     */
    static String nonNullDefault(String expression) {
      if (expression == null
          || expression.strip().toUpperCase(java.util.Locale.ROOT).matches("NULL(::.*)?")) {
        return null;
      }
      return expression;
    }

    /**
     * Whether it holds a wall time without a zone (PostgreSQL's timestamp without time zone,
     * MariaDB's datetime), which the mapping's time_zone places.
     */
    boolean holdsWallTime() {
      return dataType.equals("timestamp without time zone");
    }

    /**
     * Whether {@code column}'s values go into it as wall times: it has no zone, or it has one and
     * the column's own mapping sets time_zone, the zone whose wall times the application writes
     * through a UTC session, which the server keeps as the session's (UTC) instants. Salvage's
     * session is UTC on both databases, so such a column is written, read and compared exactly as
     * one without a zone.
     */
    boolean holdsWallTime(ColumnMapping column) {
      return column.type() == ColumnType.TIMESTAMPTZ
          && (holdsWallTime()
              || (column.zone().onColumn() && dataType.equals("timestamp with time zone")));
    }

    /**
     * Why a canonical value of {@code type} does not fit this column, or null when it does: what
     * the database would refuse or silently change (round, truncate) at apply.
     */
    String unfit(ColumnType type, String value) {
      switch (type) {
        case TEXT -> {
          int length = value.codePointCount(0, value.length());
          if (maxLength != null && length > maxLength) {
            return "is " + length + " characters long";
          }
        }
        case INTEGER -> {
          long number = Long.parseLong(value);
          long[] range =
              switch (dataType) {
                case "smallint" -> new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
                case "integer", "int" -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
                case "mediumint" -> new long[] {-8388608, 8388607};
                case "tinyint" -> new long[] {-128, 127};
                default -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
              };
          if (number < range[0] || number > range[1]) {
            return "is out of its range " + range[0] + " to " + range[1];
          }
        }
        case NUMERIC -> {
          if (precision == null) {
            return null;
          }
          BigDecimal number = new BigDecimal(value).stripTrailingZeros();
          int places = Math.max(0, number.scale());
          int whole = Math.max(0, number.precision() - number.scale());
          int scaleDigits = scale == null ? 0 : scale;
          if (places > scaleDigits || whole > precision - scaleDigits) {
            return "does not fit";
          }
        }
        case ENUM -> {
          if (!labels.contains(value)) {
            return "is not one of its labels (" + String.join(", ", labels) + ")";
          }
        }
        default -> {
          return null;
        }
      }
      return null;
    }
  }

  private final Map<String, Map<String, Column>> tables = new HashMap<>();
  private final Dialect dialect;

  /** MariaDB: the session's grants, read when first needed. */
  private MariaDbGrants grants;

  /** The role this plan connects as, as a GRANT names it: the GRANTs the refusals give go to it. */
  private String grantee;

  private TargetSchema(Dialect dialect) {
    this.dialect = dialect;
  }

  /** Reads the tables the mapping names and refuses when a column is missing or mistyped. */
  static TargetSchema check(Connection connection, TargetMapping mapping, Dialect dialect)
      throws SQLException, ImportRefusedException {
    TargetSchema schema = new TargetSchema(dialect);
    schema.grantee = dialect.grantee(connection);
    List<String> problems = new ArrayList<>();
    // a lookup table that is also mapped, or looked up twice, is said once
    java.util.Set<String> rowSecurityChecked = new java.util.HashSet<>();
    for (TableMapping table : mapping.tables()) {
      String place = "entities." + table.entity();
      Map<String, Column> columns = schema.load(connection, table.table());
      if (columns.isEmpty()) {
        problems.add(
            hiddenByPrivileges(connection, dialect, table.table())
                ? "table "
                    + table.table()
                    + " (entity "
                    + table.entity()
                    + ") exists, but this role has no privilege on it, so the catalog does not show"
                    + " it: GRANT SELECT, INSERT, UPDATE ON "
                    + dialect.readableTable(table.table())
                    + " TO "
                    + schema.grantee
                    + " (docs/import.md, least privilege)"
                : "mapping "
                    + place
                    + ".table: table "
                    + table.table()
                    + " (entity "
                    + table.entity()
                    + ") does not exist"
                    + schema.hiddenOnMariadb(connection, table.table(), "SELECT, INSERT, UPDATE")
                    + didYouMean(similarTables(connection, dialect, table.table())));
        continue;
      }
      List<String> used = new ArrayList<>();
      used.add(table.keyColumn());
      table.columns().forEach(column -> used.add(column.column()));
      schema
          .missingPrivileges(connection, table.table(), List.of("SELECT", "INSERT", "UPDATE"), used)
          .ifPresent(problems::add);
      if (dialect == Dialect.POSTGRESQL) {
        if (rowSecurityChecked.add(table.table())) {
          schema.rowSecurityProblem(connection, table.table()).ifPresent(problems::add);
        }
        problems.addAll(schema.unusableSequences(connection, dialect, table));
        if (table.keySource() == KeySource.FIELD && columns.containsKey(table.keyColumn())) {
          schema.keySequenceProblem(connection, dialect, table).ifPresent(problems::add);
        }
      }
      if (dialect == Dialect.MARIADB) {
        String engine = engine(connection, table.table());
        if (!"InnoDB".equalsIgnoreCase(engine)) {
          problems.add(
              "table "
                  + table.table()
                  + " uses the "
                  + engine
                  + " engine, which has no transactions: apply could not be all or nothing");
        }
      }
      expect(
          problems,
          place + ".key.column",
          table.table(),
          columns,
          table.keyColumn(),
          table.keyType());
      for (ColumnMapping column : table.columns()) {
        String columnPlace = place + ".columns." + column.column();
        expect(problems, columnPlace, table.table(), columns, column.column(), column.type());
        Column described = columns.get(column.column());
        if (described != null && column.type() == ColumnType.TIMESTAMPTZ) {
          wallTimeProblems(connection, dialect, table, column, columnPlace, described)
              .ifPresent(problems::add);
        }
        if (described != null && described.generated()) {
          problems.add(
              "column "
                  + table.table()
                  + "."
                  + column.column()
                  + " is generated by the database: inserts and updates cannot write it; leave it"
                  + " out of the mapping");
        }
        Lookup lookup = column.lookup();
        if (lookup != null) {
          Map<String, Column> parent = schema.load(connection, lookup.table());
          if (!parent.isEmpty()
              && dialect == Dialect.POSTGRESQL
              && rowSecurityChecked.add(lookup.table())) {
            schema.rowSecurityProblem(connection, lookup.table()).ifPresent(problems::add);
          }
          if (!parent.isEmpty()) {
            schema
                .missingPrivileges(
                    connection,
                    lookup.table(),
                    List.of("SELECT"),
                    List.of(lookup.match(), lookup.take()))
                .ifPresent(problems::add);
          }
          if (parent.isEmpty()) {
            problems.add(
                (hiddenByPrivileges(connection, dialect, lookup.table())
                    ? "lookup table "
                        + lookup.table()
                        + " of "
                        + table.table()
                        + "."
                        + column.column()
                        + " exists, but this role has no privilege on it: GRANT SELECT ON "
                        + dialect.readableTable(lookup.table())
                        + " TO "
                        + schema.grantee
                    : "mapping "
                        + columnPlace
                        + ".lookup.table: lookup table "
                        + lookup.table()
                        + " of "
                        + table.table()
                        + "."
                        + column.column()
                        + " does not exist"
                        + schema.hiddenOnMariadb(connection, lookup.table(), "SELECT")
                        + didYouMean(similarTables(connection, dialect, lookup.table()))));
          } else {
            Column match = parent.get(lookup.match());
            if (match != null && !ColumnType.TEXT.accepts(match.dataType())) {
              // the mapping's type of the column is the type of what take gives; match finds the
              // parent as lower(match) = lower(value) in plan, apply and undo.sql, which needs text
              problems.add(
                  "mapping "
                      + columnPlace
                      + ".lookup.match: column "
                      + lookup.table()
                      + "."
                      + lookup.match()
                      + " is "
                      + match.declared()
                      + "; a lookup matches a text column only (it finds the parent row ignoring"
                      + " case): match a text column of "
                      + lookup.table()
                      + " that names one row, or leave "
                      + table.table()
                      + "."
                      + column.column()
                      + " out of the mapping");
            } else {
              expect(
                  problems,
                  columnPlace + ".lookup.match",
                  lookup.table(),
                  parent,
                  lookup.match(),
                  ColumnType.TEXT);
            }
            expect(
                problems,
                columnPlace + ".lookup.take",
                lookup.table(),
                parent,
                lookup.take(),
                column.type());
          }
        }
      }
      for (Map.Entry<String, Column> column : columns.entrySet()) {
        Column c = column.getValue();
        boolean mapped =
            column.getKey().equals(table.keyColumn()) || table.column(column.getKey()) != null;
        // a generated column gets its value from the database like a default does
        if (!c.nullable() && !c.hasDefault() && !c.generated() && !mapped) {
          problems.add(
              table.table()
                  + "."
                  + column.getKey()
                  + " is NOT NULL without a default and not in the mapping: inserts would fail");
        }
      }
      Column key = columns.get(table.keyColumn());
      if (key != null && !key.hasDefault() && table.keySource() == KeySource.DATABASE) {
        problems.add(
            table.table()
                + "."
                + table.keyColumn()
                + " has no default (sequence or identity): new rows would get no key; when the"
                + " application makes its own keys (Prisma's cuid() or uuid()), set key.generate:"
                + " uuid");
      }
    }
    schema
        .auditTableProblem(
            connection, mapping.tables().stream().map(TargetMapping.TableMapping::table).toList())
        .ifPresent(problems::add);
    refuseIfAny(mapping, problems);
    return schema;
  }

  /**
   * Row level security this role is subject to on {@code table}: its policies hide rows from plan,
   * which takes a hidden row for missing and plans to insert it again, and refuse apply's rows (an
   * outside trial's plan inserted invoices the table held, and apply failed "new row violates
   * row-level security policy"). A superuser, a role with BYPASSRLS, and the table's owner (unless
   * the table forces it) are not subject to it, as PostgreSQL decides.
   */
  /**
   * Whether the policies of table {@code c} that apply to the current role (granted to it, to a
   * role it is a member of, or to PUBLIC) let it read, insert and update every row: a permissive
   * policy {@code USING (true)} for SELECT and UPDATE and one whose check is {@code true} for
   * INSERT and UPDATE, and no restrictive policy for those commands. Permissive policies are OR-ed,
   * so such a policy opens the table to the import role alone, the application's own policies
   * staying as they are for every other role: the least-privilege way through row level security.
   */
  private static final String OPEN_TO_ROLE =
      "WITH applies AS (SELECT p.polcmd, p.polpermissive,"
          + " pg_get_expr(p.polqual, p.polrelid) AS qual,"
          + " pg_get_expr(p.polwithcheck, p.polrelid) AS checked"
          + " FROM pg_policy p WHERE p.polrelid = c.oid AND EXISTS (SELECT 1"
          + " FROM unnest(p.polroles) g(role) WHERE CASE WHEN g.role = 0 THEN true"
          + " ELSE pg_has_role(current_user, g.role, 'USAGE') END))"
          + " SELECT NOT EXISTS (SELECT 1 FROM applies WHERE NOT polpermissive"
          + " AND polcmd IN ('r', 'a', 'w', '*'))"
          + " AND EXISTS (SELECT 1 FROM applies WHERE polpermissive AND polcmd IN ('r', '*')"
          + " AND qual = 'true')"
          + " AND EXISTS (SELECT 1 FROM applies WHERE polpermissive AND ((polcmd = 'a'"
          + " AND checked = 'true') OR (polcmd = '*' AND coalesce(checked, qual) = 'true')))"
          + " AND EXISTS (SELECT 1 FROM applies WHERE polpermissive AND polcmd IN ('w', '*')"
          + " AND qual = 'true' AND coalesce(checked, qual) = 'true')";

  /** pg_policy.polcmd, and the command it names. */
  private static final String[][] POLICY_COMMANDS = {
    {"r", "SELECT"}, {"a", "INSERT"}, {"w", "UPDATE"}, {"d", "DELETE"}, {"*", "ALL"}
  };

  private Optional<String> rowSecurityProblem(Connection connection, String table)
      throws SQLException {
    String sql =
        "SELECT c.relforcerowsecurity, pg_get_userbyid(c.relowner),"
            // the command as its letter: plan sends no statement naming a write it does not do
            + " (SELECT string_agg(p.polname || ' (' || p.polcmd::text || ')', ', ' ORDER BY p.polname)"
            + " FROM pg_policy p WHERE p.polrelid = c.oid)"
            + " FROM pg_class c JOIN pg_roles r ON r.rolname = current_user"
            + " WHERE c.oid = ?::regclass AND c.relrowsecurity"
            + " AND NOT r.rolsuper AND NOT r.rolbypassrls"
            + " AND (c.relforcerowsecurity OR NOT pg_has_role(current_user, c.relowner, 'USAGE'))"
            + " AND NOT ("
            + OPEN_TO_ROLE
            + ")";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, dialect.table(table));
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        boolean forced = rows.getBoolean(1);
        String owner = rows.getString(2);
        String policies = rows.getString(3);
        if (policies != null) {
          for (String[] command : POLICY_COMMANDS) {
            policies = policies.replace(" (" + command[0] + ")", " (" + command[1] + ")");
          }
        }
        String readable = dialect.readableTable(table);
        return Optional.of(
            "table "
                + table
                + " has row level security "
                + (forced ? "enabled and forced" : "enabled")
                + (policies == null
                    ? " and no policy, which hides every row"
                    : " with policies " + policies)
                + ", and role "
                + grantee
                + " is subject to it: plan would take the rows the policies hide for missing and"
                + " plan them again, and apply would be refused the rows they do not allow."
                + " Import as a role that bypasses it (a superuser, or ALTER ROLE "
                + grantee
                + " BYPASSRLS)"
                + (forced ? "" : " or as the table's owner " + owner)
                + ", or ALTER TABLE "
                + readable
                + " DISABLE ROW LEVEL SECURITY"
                + (forced ? ", NO FORCE ROW LEVEL SECURITY" : "")
                + " for the import (ENABLE it again after), or, keeping the policies for every"
                + " other role, open the table to this role alone for the import: CREATE POLICY"
                + " salvage_import ON "
                + readable
                + " TO "
                + grantee
                + " USING (true) WITH CHECK (true) (DROP POLICY salvage_import ON "
                + readable
                + " after)");
      }
    }
  }

  /** Refuses the plan, listing every way the target does not match the mapping, if there is one. */
  static void refuseIfAny(TargetMapping mapping, List<String> problems)
      throws ImportRefusedException {
    if (!problems.isEmpty()) {
      throw new ImportRefusedException(
          "The target does not match the mapping "
              + mapping.file()
              + ":\n  "
              + String.join("\n  ", problems));
    }
  }

  /**
   * What is wrong with the time zone of a timestamptz column written as wall times, or empty: a
   * wall-time natural key (records hold instants; rows already present would be looked for by
   * instant), or a {@code from: now} in a zone the server cannot convert to.
   */
  private static Optional<String> wallTimeProblems(
      Connection connection,
      Dialect dialect,
      TableMapping table,
      ColumnMapping column,
      String place,
      Column described)
      throws SQLException {
    String name = table.table() + "." + column.column();
    if (!described.holdsWallTime(column)) {
      return Optional.empty();
    }
    if (table.inNaturalKey(column.column())) {
      return Optional.of(
          "mapping "
              + place
              + ": column "
              + name
              + " is "
              + described.declared()
              + ", a wall time: a natural key is not found by wall time; choose another");
    }
    if (column.generated() != TargetMapping.Generated.NOW
        || column.zone().zone().normalized() instanceof java.time.ZoneOffset) {
      return Optional.empty();
    }
    String zone = column.zone().zone().getId();
    try (PreparedStatement statement =
        connection.prepareStatement(
            dialect == Dialect.POSTGRESQL
                ? "SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = ?)"
                : "SELECT CONVERT_TZ('2000-01-01 00:00:00', '+00:00', ?) IS NOT NULL")) {
      statement.setString(1, zone);
      try (ResultSet rows = statement.executeQuery()) {
        if (rows.next() && rows.getBoolean(1)) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(
        "mapping "
            + place
            + ": column "
            + name
            + " takes the apply time as wall time in "
            + column.zone().describe()
            + ", a zone the server does not know"
            + (dialect == Dialect.MARIADB
                ? " (its time zone tables are empty: load them with mariadb-tzinfo-to-sql"
                    + " /usr/share/zoneinfo | mariadb mysql)"
                : ""));
  }

  /**
   * Whether {@code table} exists though the catalog the role reads did not show it (PostgreSQL's
   * information_schema lists only the tables a role has some privilege on).
   */
  private static boolean hiddenByPrivileges(Connection connection, Dialect dialect, String table)
      throws SQLException {
    if (dialect != Dialect.POSTGRESQL) {
      return false;
    }
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      // regclass input folds what is not quoted: the mapping's User is "User"
      statement.setString(1, dialect.table(table));
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() && rows.getBoolean(1);
      }
    }
  }

  /**
   * The privileges among {@code needed} the role lacks on {@code table}, as a problem naming them
   * and the GRANT that gives them, or empty. Checked here rather than met at apply: a role that may
   * insert but not update passed plan and was refused by the database in the middle of apply (its
   * row locks, SELECT ... FOR UPDATE, need UPDATE). PostgreSQL asks has_table_privilege; MariaDB's
   * come from SHOW GRANTS, where a grant on each of {@code columns} counts too.
   */
  private Optional<String> missingPrivileges(
      Connection connection, String table, List<String> needed, List<String> columns)
      throws SQLException {
    if (dialect == Dialect.MARIADB) {
      return missingMariadbPrivileges(connection, table, needed, columns);
    }
    List<String> missing =
        lackedPrivileges(connection, "has_table_privilege", dialect.table(table), needed);
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "this role may not "
            + String.join(", ", missing)
            + " table "
            + table
            + ", which apply needs: GRANT "
            + String.join(", ", missing)
            + " ON "
            + dialect.readableTable(table)
            + " TO "
            + grantee
            + " (docs/import.md, least privilege)");
  }

  /**
   * What keeps apply from recording its changes in {@link Applier#AUDIT_TABLE}, or empty: the table
   * exists and this role may not SELECT and INSERT it, or it is missing and this role may not
   * create it (and, on MariaDB, where creating a table grants nothing on it, then SELECT and INSERT
   * it). Checked here because apply meets it first thing, as the database's own refusal ("CREATE
   * command denied to user ..."), after the operator read and approved the plan.
   */
  private Optional<String> auditTableProblem(Connection connection, List<String> tables)
      throws SQLException {
    String audit = Applier.AUDIT_TABLE;
    if (dialect == Dialect.MARIADB) {
      if (grants == null) {
        grants = MariaDbGrants.read(connection);
      }
      String database = grants.database();
      if (database == null) {
        return Optional.empty(); // no database chosen: apply cannot create it either; said there
      }
      boolean exists;
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT COUNT(*) > 0 FROM information_schema.tables"
                  + " WHERE table_schema = DATABASE() AND table_name = ?")) {
        statement.setString(1, audit);
        try (ResultSet rows = statement.executeQuery()) {
          exists = rows.next() && rows.getBoolean(1);
        }
      }
      List<String> needed =
          exists ? List.of("SELECT", "INSERT") : List.of("CREATE", "SELECT", "INSERT");
      List<String> missing = grants.missing(database, audit, needed, List.of());
      if (missing.isEmpty()) {
        return Optional.empty();
      }
      String table = dialect.readableTable(database + "." + audit);
      return Optional.of(
          exists
              ? "this user may not "
                  + String.join(", ", missing)
                  + " the audit table "
                  + audit
                  + ", where apply records every change: GRANT SELECT, INSERT ON "
                  + table
                  + " TO "
                  + grantee
                  + " (docs/import.md, MariaDB and MySQL)"
              : "the audit table "
                  + audit
                  + ", where apply records every change, does not exist (or this user has no"
                  + " privilege on it), and this user may not "
                  + String.join(", ", missing)
                  + " it: create it as docs/import.md says and GRANT SELECT, INSERT ON "
                  + table
                  + " TO "
                  + grantee
                  + ", or let apply create it: GRANT CREATE, SELECT, INSERT ON "
                  + table
                  + " TO "
                  + grantee);
    }
    boolean exists;
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      statement.setString(1, audit);
      try (ResultSet rows = statement.executeQuery()) {
        exists = rows.next() && rows.getBoolean(1);
      }
    }
    if (exists) {
      return missingPrivileges(connection, audit, List.of("SELECT", "INSERT"), List.of())
          .map(problem -> problem.replace("table " + audit, "the audit table " + audit));
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT current_schema(), current_schema() IS NOT NULL"
                    + " AND has_schema_privilege(current_schema(), 'CREATE')")) {
      if (!rows.next() || rows.getBoolean(2)) {
        return Optional.empty();
      }
      String schemaName = rows.getString(1);
      return Optional.of(
          "the audit table "
              + audit
              + ", where apply records every change, does not exist"
              + AuditTableSchema.searched(connection, tables)
              + ", and this role may not create it"
              + (schemaName == null
                  ? " (no schema on its search_path)"
                  : " in schema " + schemaName)
              + ": create it as docs/import.md says and GRANT SELECT, INSERT ON "
              + audit
              + " TO "
              + grantee
              + ", or let apply create it: GRANT CREATE ON SCHEMA "
              + (schemaName == null ? "public" : schemaName)
              + " TO "
              + grantee);
    }
  }

  /**
   * On MariaDB, where the catalog shows a user only the tables it has a privilege on, what to say
   * after "does not exist" when SHOW GRANTS gives none on {@code table}: it may exist, hidden, and
   * the GRANT of {@code privileges} would show it. "" otherwise, and on PostgreSQL (whose hidden
   * tables {@link #hiddenByPrivileges} finds).
   */
  private String hiddenOnMariadb(Connection connection, String table, String privileges)
      throws SQLException {
    if (dialect != Dialect.MARIADB) {
      return "";
    }
    if (grants == null) {
      grants = MariaDbGrants.read(connection);
    }
    int dot = table.indexOf('.');
    String database = dot < 0 ? grants.database() : table.substring(0, dot);
    List<String> any = List.of("SELECT", "INSERT", "UPDATE");
    if (database == null
        || grants.missing(database, table.substring(dot + 1), any, List.of()).size() < any.size()) {
      return "";
    }
    return ", or this user has no privilege on it, and MariaDB's catalog does not show it"
        + " (SHOW GRANTS lists none): GRANT "
        + privileges
        + " ON "
        + dialect.readableTable(dot < 0 ? database + "." + table : table)
        + " TO "
        + grantee;
  }

  /**
   * {@link #missingPrivileges} on MariaDB, from SHOW GRANTS: a privilege on the whole table (or its
   * database, or all), or on each of the {@code columns} the import reads and writes.
   */
  private Optional<String> missingMariadbPrivileges(
      Connection connection, String table, List<String> needed, List<String> columns)
      throws SQLException {
    if (grants == null) {
      grants = MariaDbGrants.read(connection);
    }
    int dot = table.indexOf('.');
    String database = dot < 0 ? grants.database() : table.substring(0, dot);
    if (database == null) {
      return Optional.empty(); // no database chosen: the table names one, or nothing is found
    }
    List<String> missing = grants.missing(database, table.substring(dot + 1), needed, columns);
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "this user may not "
            + String.join(", ", missing)
            + " table "
            + table
            + ", which apply needs (SHOW GRANTS lists no such grant to it, its current role or"
            + " PUBLIC): GRANT "
            + String.join(", ", missing)
            + " ON "
            + dialect.readableTable(dot < 0 ? database + "." + table : table)
            + " TO "
            + grantee
            + " (docs/import.md, MariaDB and MySQL)");
  }

  /**
   * The sequences that defaults of {@code table}'s columns take new values from (a serial's
   * nextval, the key's above all) which this role may not use, each as a problem naming the
   * sequence, the column and the GRANT. Without USAGE (or UPDATE) on it, every INSERT fails at
   * apply. A column the mapping always writes (a value, a from) does not use its default; an
   * identity column needs no privilege on its sequence, and its default is not in pg_attrdef.
   */
  private List<String> unusableSequences(Connection connection, Dialect dialect, TableMapping table)
      throws SQLException {
    List<String> problems = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT a.attname, d.refobjid::regclass::text,"
                + " has_sequence_privilege(d.refobjid, 'USAGE')"
                + " OR has_sequence_privilege(d.refobjid, 'UPDATE')"
                + " FROM pg_attrdef ad"
                + " JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum"
                + " JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid"
                + " AND d.refclassid = 'pg_class'::regclass"
                + " JOIN pg_class s ON s.oid = d.refobjid AND s.relkind = 'S'"
                + " WHERE ad.adrelid = ?::regclass ORDER BY a.attnum")) {
      statement.setString(1, dialect.table(table.table()));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          ColumnMapping mapped = table.column(rows.getString(1));
          boolean alwaysWritten =
              mapped != null && (mapped.constant() != null || mapped.generated() != null);
          if (table.keySource() == KeySource.FIELD && rows.getString(1).equals(table.keyColumn())) {
            continue; // keySequenceProblem asks for more on it, and names both
          }
          if (!alwaysWritten && !rows.getBoolean(3)) {
            problems.add(
                "this role may not use sequence "
                    + rows.getString(2)
                    + ", from which new rows of "
                    + table.table()
                    + " get "
                    + rows.getString(1)
                    + " (its default), which apply needs: GRANT USAGE ON SEQUENCE "
                    + rows.getString(2)
                    + " TO "
                    + grantee
                    + " (docs/import.md, least privilege)");
          }
        }
      }
    }
    return problems;
  }

  /**
   * The privileges of {@code privileges} this role lacks on {@code object}, asked of PostgreSQL's
   * {@code function} ({@code has_table_privilege}, {@code has_sequence_privilege}).
   */
  private static List<String> lackedPrivileges(
      Connection connection, String function, String object, Iterable<String> privileges)
      throws SQLException {
    List<String> missing = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT " + function + "(?, ?)")) {
      for (String privilege : privileges) {
        statement.setString(1, object);
        statement.setString(2, privilege);
        try (ResultSet rows = statement.executeQuery()) {
          if (rows.next() && !rows.getBoolean(1)) {
            missing.add(privilege);
          }
        }
      }
    }
    return missing;
  }

  /**
   * What keeps apply from moving the sequence of a key written from a record field past the keys it
   * writes, or empty: it needs UPDATE on the sequence for setval, and USAGE (which also lets plan
   * read where it stands, and records without the field take the default from it). An identity's
   * sequence needs them too: the identity's own exemption covers its default, not setval. Without
   * them, the application's next row would get a key the import wrote and fail.
   */
  private Optional<String> keySequenceProblem(
      Connection connection, Dialect dialect, TableMapping table) throws SQLException {
    KeySequence sequence = KeySequence.of(connection, dialect, table.table(), table.keyColumn());
    if (sequence == null || sequence.name() == null) {
      return Optional.empty();
    }
    List<String> missing = sequenceLacks(connection, sequence.name());
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "this role may not "
            + String.join(", ", missing)
            + " sequence "
            + sequence.name()
            + " of "
            + table.table()
            + "."
            + table.keyColumn()
            + ", which apply moves past the keys it writes from field "
            + table.keyField()
            + " (setval; else the application's next row would get one of them): "
            + sequenceGrant(sequence.name())
            + " (docs/import.md, least privilege)");
  }

  /** Of USAGE and UPDATE, what this role lacks on {@code sequence} to read it and setval it. */
  List<String> sequenceLacks(Connection connection, String sequence) throws SQLException {
    return lackedPrivileges(
        connection, "has_sequence_privilege", sequence, List.of("USAGE", "UPDATE"));
  }

  /** The GRANT that lets this role move {@code sequence}. */
  String sequenceGrant(String sequence) {
    return "GRANT USAGE, UPDATE ON SEQUENCE " + sequence + " TO " + grantee;
  }

  /**
   * The tables whose name is {@code table}'s but for case, in its schema (or the current one), as
   * the mapping would name them: a mapping that says {@code user} where Prisma made {@code "User"}
   * is told so rather than that the table does not exist.
   */
  private static List<String> similarTables(Connection connection, Dialect dialect, String table)
      throws SQLException {
    int dot = table.indexOf('.');
    String current = dialect == Dialect.POSTGRESQL ? "current_schema()" : "DATABASE()";
    String sql =
        "SELECT table_schema, table_name FROM information_schema.tables"
            + " WHERE lower(table_name) = lower(?) AND "
            + (dot < 0 ? "table_schema = " + current : "lower(table_schema) = lower(?)")
            + " ORDER BY table_schema, table_name";
    List<String> similar = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, table.substring(dot + 1));
      if (dot >= 0) {
        statement.setString(2, table.substring(0, dot));
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String name = (dot < 0 ? "" : rows.getString(1) + ".") + rows.getString(2);
          if (!name.equals(table)) {
            similar.add(name);
          }
        }
      }
    }
    return similar;
  }

  /** "; did you mean ...?" naming the catalog's spellings of a name, or "" when there are none. */
  private static String didYouMean(List<String> names) {
    if (names.isEmpty()) {
      return "";
    }
    return "; did you mean "
        + String.join(" or ", names)
        + "? Names are matched as the catalog spells them, case included (a quoted name of"
        + " Prisma, EF Core, ...)";
  }

  Column column(String table, String column) {
    return tables.getOrDefault(table, Map.of()).get(column);
  }

  /** Every column of a mapped table, by name, as the catalog describes it. */
  Map<String, Column> columns(String table) {
    return tables.getOrDefault(table, Map.of());
  }

  private static void expect(
      List<String> problems,
      String place,
      String table,
      Map<String, Column> columns,
      String name,
      ColumnType type) {
    Column column = columns.get(name);
    if (column == null) {
      List<String> similar = new ArrayList<>();
      for (String known : columns.keySet()) {
        if (known.equalsIgnoreCase(name)) {
          similar.add(known);
        }
      }
      java.util.Collections.sort(similar);
      problems.add(
          "mapping "
              + place
              + ": column "
              + table
              + "."
              + name
              + " does not exist"
              + didYouMean(similar));
    } else if (!type.accepts(column.dataType())) {
      problems.add(
          "column "
              + table
              + "."
              + name
              + " is "
              + column.declared()
              + ", the mapping says "
              + type.yamlName()
              + (column.dataType().equals("numeric") && type == ColumnType.INTEGER
                  ? " (a money field in major units: type numeric with currency)"
                  : ""));
    }
  }

  private Map<String, Column> load(Connection connection, String table) throws SQLException {
    Map<String, Column> known = tables.get(table);
    if (known != null) {
      return known;
    }
    int dot = table.indexOf('.');
    String schemaName = dot < 0 ? null : table.substring(0, dot);
    String tableName = table.substring(dot + 1);
    Map<String, Column> columns =
        dialect == Dialect.POSTGRESQL
            ? loadPostgres(connection, schemaName, tableName)
            : loadMariadb(connection, schemaName, tableName);
    tables.put(table, columns);
    return columns;
  }

  private static Map<String, Column> loadPostgres(
      Connection connection, String schemaName, String tableName) throws SQLException {
    String sql =
        "SELECT c.column_name, c.data_type, c.is_nullable,"
            + " c.column_default IS NOT NULL OR c.is_identity = 'YES',"
            + " c.character_maximum_length, c.numeric_precision, c.numeric_scale,"
            + " c.udt_schema, c.udt_name,"
            + " (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e"
            + " JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE n.nspname = c.udt_schema AND t.typname = c.udt_name),"
            + " c.is_generated = 'ALWAYS' OR c.identity_generation = 'ALWAYS',"
            + " c.column_default, c.is_identity = 'YES'"
            + " FROM information_schema.columns c WHERE c.table_schema = "
            + (schemaName == null ? "current_schema()" : "?")
            + " AND c.table_name = ?";
    Map<String, Column> columns = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int index = 1;
      if (schemaName != null) {
        statement.setString(index++, schemaName);
      }
      statement.setString(index, tableName);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String dataType = rows.getString(2);
          Integer maxLength = integer(rows, 5);
          Integer precision = null;
          Integer scale = null;
          List<String> labels = List.of();
          String declared = dataType;
          if (dataType.equals("USER-DEFINED")) {
            java.sql.Array array = rows.getArray(10);
            if (array != null) {
              labels = List.of((String[]) array.getArray());
              dataType = "enum";
              declared = "enum " + rows.getString(8) + "." + rows.getString(9);
            } else {
              dataType = rows.getString(9);
              declared = dataType;
            }
          } else if (dataType.equals("numeric")) {
            precision = integer(rows, 6);
            scale = integer(rows, 7);
            declared = precision == null ? "numeric" : "numeric(" + precision + "," + scale + ")";
          } else if (maxLength != null) {
            declared = dataType + "(" + maxLength + ")";
          }
          columns.put(
              rows.getString(1),
              new Column(
                  dataType,
                  declared,
                  "YES".equals(rows.getString(3)),
                  rows.getBoolean(4),
                  rows.getBoolean(11),
                  maxLength,
                  precision,
                  scale,
                  labels,
                  rows.getBoolean(13)
                      ? "the identity's next number"
                      : Column.nonNullDefault(rows.getString(12))));
        }
      }
    }
    return columns;
  }

  private static Map<String, Column> loadMariadb(
      Connection connection, String schemaName, String tableName) throws SQLException {
    String sql =
        "SELECT c.column_name, c.data_type, c.is_nullable,"
            + " c.column_default IS NOT NULL OR c.extra LIKE '%auto_increment%',"
            + " c.character_maximum_length, c.numeric_precision, c.numeric_scale, c.column_type,"
            + " c.extra LIKE '%GENERATED%', c.column_default, c.extra LIKE '%auto_increment%'"
            + " FROM information_schema.columns c WHERE c.table_schema = "
            + (schemaName == null ? "DATABASE()" : "?")
            // byte for byte: the mapping's User is not the table user, whatever the collation
            + " AND BINARY c.table_name = ?";
    Map<String, Column> columns = new HashMap<>();
    List<MariaDbChecks.Check> checks;
    try {
      checks =
          MariaDbChecks.of(
              connection, schemaName == null ? tableName : schemaName + "." + tableName);
    } catch (SQLException e) {
      // a table missing or hidden from this user: the columns query finds none either, and plan
      // says which
      checks = List.of();
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int index = 1;
      if (schemaName != null) {
        statement.setString(index++, schemaName);
      }
      statement.setString(index, tableName);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String dataType = rows.getString(2).toLowerCase(java.util.Locale.ROOT);
          String declared = rows.getString(8);
          Integer maxLength = integer(rows, 5);
          Integer precision = null;
          Integer scale = null;
          List<String> labels = List.of();
          if (declared.startsWith("tinyint(1)")) {
            dataType = "boolean"; // what BOOLEAN columns are in MariaDB and MySQL
          } else if (dataType.equals("enum")) {
            labels = enumLabels(declared);
          } else if (dataType.equals("decimal")) {
            precision = integer(rows, 6);
            scale = integer(rows, 7);
          } else if (dataType.endsWith("text") && validatesJson(checks, rows.getString(1))) {
            // MariaDB's JSON is LONGTEXT CHECK (json_valid(column)); a TEXT so checked holds JSON
            // as well, and takes nothing else
            dataType = "json";
            declared = declared + " CHECK (json_valid(`" + rows.getString(1) + "`))";
          } else if (dataType.endsWith("text")) {
            dataType = "text";
          } else if (dataType.equals("timestamp")) {
            // an instant, stored as UTC and shown in the session's zone, which is UTC
            dataType = "timestamp with time zone";
          } else if (dataType.equals("datetime")) {
            // a wall time with no zone, as PostgreSQL's timestamp without time zone: the mapping's
            // time_zone says where (before, it was taken as UTC, which is still the default)
            dataType = "timestamp without time zone";
          }
          if (!dataType.equals("char") && !dataType.equals("varchar")) {
            maxLength = null; // a TEXT's limit is in bytes, and no name fills 64 KiB
          }
          columns.put(
              rows.getString(1),
              new Column(
                  dataType,
                  declared,
                  "YES".equals(rows.getString(3)),
                  rows.getBoolean(4),
                  rows.getBoolean(9),
                  maxLength,
                  precision,
                  scale,
                  labels,
                  rows.getBoolean(11)
                      ? "AUTO_INCREMENT's next number"
                      : Column.nonNullDefault(rows.getString(10))));
        }
      }
    }
    return columns;
  }

  private static boolean validatesJson(List<MariaDbChecks.Check> checks, String column) {
    for (MariaDbChecks.Check check : checks) {
      if ((check.column() == null || check.column().equals(column))
          && check.validatesJson(column)) {
        return true;
      }
    }
    return false;
  }

  private static String engine(Connection connection, String table) throws SQLException {
    int dot = table.indexOf('.');
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT engine FROM information_schema.tables WHERE table_schema = "
                + (dot < 0 ? "DATABASE()" : "?")
                + " AND table_name = ?")) {
      int index = 1;
      if (dot >= 0) {
        statement.setString(index++, table.substring(0, dot));
      }
      statement.setString(index, table.substring(dot + 1));
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  /** The labels of {@code enum('a','it''s')} as MariaDB's column_type writes them. */
  static List<String> enumLabels(String columnType) {
    List<String> labels = new ArrayList<>();
    int i = columnType.indexOf('(') + 1;
    while (i > 0 && i < columnType.length()) {
      if (columnType.charAt(i) != '\'') {
        i++;
        continue;
      }
      StringBuilder label = new StringBuilder();
      i++;
      while (i < columnType.length()) {
        char c = columnType.charAt(i);
        if (c == '\'' && i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'') {
          label.append('\'');
          i += 2;
        } else if (c == '\'') {
          i++;
          break;
        } else {
          label.append(c);
          i++;
        }
      }
      labels.add(label.toString());
    }
    return labels;
  }

  private static Integer integer(ResultSet rows, int index) throws SQLException {
    long value = rows.getLong(index);
    return rows.wasNull() ? null : (int) Math.min(Integer.MAX_VALUE, value);
  }
}
