package dev.salvage.connectors.backup;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.OptionSet;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RecordSink;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads a backup restored into PostgreSQL (source type {@code jdbc}) into the same {@code
 * backup.row} records {@link PgDumpReader} makes of a dump of it: every value as PostgreSQL's text
 * output (what COPY writes, fetched in text format), sessions in UTC, refs {@code
 * backup:<table>#<pk>}.
 *
 * <p>Read-only by construction: the connection is {@code setReadOnly(true)}, its session has {@code
 * default_transaction_read_only} on, and every read runs in a {@code READ ONLY} transaction. A
 * table with a one-column primary key is read in partitions of about {@code partition_rows} rows
 * (key ranges found with one scan of the key when the partitions are listed), each by its own task;
 * other tables are one partition. Partitions are separate transactions, which is sound for a
 * restored backup that nothing writes to.
 */
public record JdbcBackupSource(String sourceName, JdbcBackupOptions options)
    implements PartitionedSource {
  private static final ObjectMapper JSON = new ObjectMapper();

  public JdbcBackupSource {
    requireNonNull(sourceName, "sourceName");
    requireNonNull(options, "options");
  }

  /** The {@link dev.salvage.connectors.SourceFactory} of type {@code jdbc}; takes no path. */
  public static JdbcBackupSource create(String sourceName, Path path, Map<String, String> options)
      throws InvalidSourceException {
    if (path != null) {
      throw InvalidSourceException.of(
          "jdbc", sourceName, "takes no path (got " + path + "); set options.url");
    }
    return new JdbcBackupSource(sourceName, JdbcBackupOptions.parse(sourceName, options));
  }

  /** The options of type {@code jdbc}. */
  public static OptionSet optionSet() {
    return JdbcBackupOptions.OPTIONS;
  }

  /**
   * One table's columns, its primary key and the one column it is partitioned by (null when its key
   * is not one column).
   *
   * @param primaryKey the declared primary key in key order; empty when the table has none
   * @param binary the columns that hold bytes (MariaDB), read as {@code \x} and hex
   * @param mariadb whether the table is in MariaDB/MySQL: `names`, refs without the database
   * @param home MariaDB: the URL's database, whose tables refs name bare (null for PostgreSQL)
   */
  record TableShape(
      String schema,
      String table,
      List<String> columns,
      List<String> primaryKey,
      String key,
      String keyType,
      java.util.Set<String> binary,
      boolean mariadb,
      String home) {
    TableShape {
      primaryKey = List.copyOf(primaryKey);
    }

    String refName() {
      // another database's table keeps its database, as mysqldump's reader names it, so two
      // databases' same-named tables never share refs
      return mariadb
          ? (schema.equals(home) ? table : schema + "." + table)
          : BackupRows.tableName(schema, table);
    }

    String qualified() {
      return quote(schema) + "." + quote(table);
    }

    String quote(String identifier) {
      return mariadb
          ? "`" + identifier.replace("`", "``") + "`"
          : JdbcBackupSource.quote(identifier);
    }
  }

  /**
   * Every table to read with its columns, in name order.
   *
   * @throws InvalidSourceException when the server refuses the URL, role or password
   */
  public List<TableShape> tables() throws IOException, InvalidSourceException {
    try (Connection connection = connect()) {
      List<TableShape> shapes = new ArrayList<>();
      for (String[] name : tableNames(connection)) {
        shapes.add(shape(connection, name[0], name[1]));
      }
      return shapes;
    } catch (SQLException e) {
      throw refusedOr(failure("cannot list the tables", e), e);
    }
  }

  @Override
  public List<String> partitions() throws IOException, InvalidSourceException {
    try (Connection connection = connect()) {
      List<String> partitions = new ArrayList<>();
      for (String[] name : tableNames(connection)) {
        TableShape shape = shape(connection, name[0], name[1]);
        List<String> bounds =
            shape.key() == null || options.partitionRows() == 0
                ? List.of()
                : boundaries(connection, shape);
        String after = null;
        for (String upTo : bounds) {
          partitions.add(partition(shape, after, upTo));
          after = upTo;
        }
        partitions.add(partition(shape, after, null));
      }
      return partitions;
    } catch (SQLException e) {
      throw refusedOr(failure("cannot list the tables and their partitions", e), e);
    }
  }

  @Override
  public void read(String partition, RecordSink sink) throws IOException {
    JsonNode spec = JSON.readTree(partition);
    String schema = spec.get("schema").asText();
    String table = spec.get("table").asText();
    String after = text(spec.get("after"));
    String upTo = text(spec.get("up_to"));
    String where = schema + "." + table + (after == null ? "" : " after " + after);
    try (Connection connection = connect()) {
      TableShape shape = shape(connection, schema, table);
      StringBuilder sql = new StringBuilder("SELECT ");
      for (int i = 0; i < shape.columns().size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(shape.quote(shape.columns().get(i)));
      }
      sql.append(" FROM ").append(shape.qualified());
      List<String> parameters = new ArrayList<>();
      if (shape.key() != null) {
        String key = shape.quote(shape.key());
        // MariaDB compares a key with a text parameter by the key's own type
        String cast = shape.mariadb() ? "?" : "CAST(? AS " + shape.keyType() + ")";
        List<String> conditions = new ArrayList<>();
        if (after != null) {
          conditions.add(key + " > " + cast);
          parameters.add(after);
        }
        if (upTo != null) {
          conditions.add(key + " <= " + cast);
          parameters.add(upTo);
        }
        if (!conditions.isEmpty()) {
          sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        sql.append(" ORDER BY ").append(key);
      }
      try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
        statement.setFetchSize(options.fetchSize());
        for (int i = 0; i < parameters.size(); i++) {
          statement.setString(i + 1, parameters.get(i));
        }
        try (ResultSet rows = statement.executeQuery()) {
          long number = 0;
          String[] values = new String[shape.columns().size()];
          RowKey rowKey = RowKey.of(shape.primaryKey(), shape.columns());
          // a table without a primary key is one partition, so this sees all of its rows
          RepeatedRefs seen = new RepeatedRefs();
          while (rows.next()) {
            number++;
            for (int i = 0; i < values.length; i++) {
              if (shape.binary().contains(shape.columns().get(i))) {
                byte[] bytes = rows.getBytes(i + 1);
                values[i] =
                    bytes == null ? null : "\\x" + java.util.HexFormat.of().formatHex(bytes);
              } else {
                values[i] = rows.getString(i + 1);
                // as the mysqldump reader reads a dump of the same rows
                if (shape.mariadb() && BackupRows.isZeroDate(values[i])) {
                  values[i] = null;
                }
              }
            }
            String location = options.url() + " " + where + " row " + number;
            try {
              BackupRows.accept(
                  sink,
                  BackupRows.row(
                      sourceName,
                      shape.refName(),
                      shape.columns(),
                      rowKey,
                      Arrays.asList(values.clone()),
                      location,
                      "row" + number),
                  shape.refName(),
                  rowKey,
                  seen);
            } catch (RuntimeException e) {
              sink.quarantine(
                  new Quarantined(sourceName, location, "Cannot read row: " + e.getMessage(), ""));
            }
          }
        }
      }
      connection.commit();
    } catch (SQLException e) {
      throw failure("cannot read table " + where, e);
    }
  }

  /**
   * A read-only connection: read-only flag, session default and a {@code READ ONLY} transaction
   * (the first statement of which sets it again, so a driver that ignores the flag still cannot
   * write); values rendered as pg_dump renders them.
   */
  Connection connect() throws IOException, SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", options.user());
    String password = options.password(sourceName);
    if (password != null) {
      properties.setProperty("password", password);
    }
    if (options.mariadb()) {
      return connectMariadb(properties);
    }
    properties.setProperty("readOnly", "true");
    // text transfer: getString is then the type's output function, as COPY writes it (a ::text
    // cast is not: true::text is 'true' where COPY writes t, and inet and char(n) differ too)
    properties.setProperty("binaryTransfer", "false");
    properties.setProperty("ApplicationName", "salvage backup reader");
    Connection connection = DriverManager.getConnection(options.url(), properties);
    try {
      try (Statement session = connection.createStatement()) {
        session.execute("SET default_transaction_read_only = on");
        session.execute("SET TimeZone = 'UTC'");
        session.execute("SET DateStyle = 'ISO, YMD'");
        session.execute("SET IntervalStyle = 'postgres'");
        session.execute("SET extra_float_digits = 3");
        session.execute("SET bytea_output = 'hex'");
      }
      connection.setReadOnly(true);
      connection.setAutoCommit(false);
      try (Statement transaction = connection.createStatement()) {
        transaction.execute("SET TRANSACTION READ ONLY");
      }
      return connection;
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * A read-only MariaDB/MySQL connection in a UTC session (TIMESTAMP values as mysqldump writes
   * them with its default --tz-utc), every read in a READ ONLY transaction.
   */
  private Connection connectMariadb(Properties properties) throws SQLException {
    String url = options.url();
    // the MariaDB driver serves MySQL too, under its own scheme
    if (url.startsWith("jdbc:mysql:")) {
      url = "jdbc:mariadb:" + url.substring("jdbc:mysql:".length());
    }
    Connection connection = DriverManager.getConnection(url, properties);
    try {
      try (Statement session = connection.createStatement()) {
        session.execute("SET time_zone = '+00:00'");
        session.execute("SET SESSION TRANSACTION READ ONLY");
      }
      connection.setReadOnly(true);
      connection.setAutoCommit(false);
      return connection;
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  private List<String[]> tableNames(Connection connection) throws SQLException, IOException {
    if (options.mariadb()) {
      return mariadbTableNames(connection);
    }
    List<String[]> names = new ArrayList<>();
    if (options.tables().isEmpty()) {
      String sql =
          "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c"
              + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
              // a partitioned table is read whole, under its own name, and its partitions
              // (tables too) not apart: their rows are its rows, and a rule names the table
              + " WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (?)"
              + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i"
              + " JOIN pg_catalog.pg_class parent ON parent.oid = i.inhparent"
              + " WHERE i.inhrelid = c.oid AND parent.relkind = 'p')"
              + " ORDER BY n.nspname, c.relname";
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setArray(
            1, connection.createArrayOf("text", options.schemas().toArray(String[]::new)));
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            names.add(new String[] {rows.getString(1), rows.getString(2)});
          }
        }
      }
      return names;
    }
    for (String table : options.tables()) {
      int dot = table.indexOf('.');
      String schema = dot < 0 ? options.schemas().get(0) : table.substring(0, dot);
      String name = dot < 0 ? table : table.substring(dot + 1);
      if (relation(connection, schema, name) == 0) {
        throw new IOException(
            "Source " + sourceName + ": table " + schema + "." + name + " does not exist");
      }
      names.add(new String[] {schema, name});
    }
    return names;
  }

  private static long relation(Connection connection, String schema, String table)
      throws SQLException {
    String sql =
        "SELECT c.oid FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relname = ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }

  /** The tables of the URL's database (or those named in {@code tables}), in name order. */
  private List<String[]> mariadbTableNames(Connection connection) throws SQLException, IOException {
    List<String[]> names = new ArrayList<>();
    String database = currentDatabase(connection);
    if (options.tables().isEmpty()) {
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                  + " AND table_type = 'BASE TABLE' ORDER BY table_name")) {
        statement.setString(1, database);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            names.add(new String[] {database, rows.getString(1)});
          }
        }
      }
      return names;
    }
    for (String table : options.tables()) {
      int dot = table.indexOf('.');
      String schema = dot < 0 ? database : table.substring(0, dot);
      String name = dot < 0 ? table : table.substring(dot + 1);
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
        statement.setString(1, schema);
        statement.setString(2, name);
        try (ResultSet rows = statement.executeQuery()) {
          if (!rows.next()) {
            throw new IOException(
                "Source " + sourceName + ": table " + schema + "." + name + " does not exist");
          }
        }
      }
      names.add(new String[] {schema, name});
    }
    return names;
  }

  private static String currentDatabase(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT DATABASE()")) {
      rows.next();
      return rows.getString(1);
    }
  }

  private TableShape shape(Connection connection, String schema, String table) throws SQLException {
    return options.mariadb()
        ? mariadbShape(connection, schema, table)
        : postgresShape(connection, schema, table);
  }

  /**
   * Columns in table order as mysqldump writes them (generated columns left out), the binary ones,
   * and a one-column primary key.
   */
  private static TableShape mariadbShape(Connection connection, String schema, String table)
      throws SQLException {
    List<String> columns = new ArrayList<>();
    java.util.Set<String> binary = new java.util.HashSet<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.add(rows.getString(1));
          String type = rows.getString(2).toLowerCase(java.util.Locale.ROOT);
          if (type.endsWith("binary") || type.endsWith("blob")) {
            binary.add(rows.getString(1));
          }
        }
      }
    }
    List<String> keys = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT column_name FROM information_schema.key_column_usage WHERE table_schema = ?"
                + " AND table_name = ? AND constraint_name = 'PRIMARY' ORDER BY ordinal_position")) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          keys.add(rows.getString(1));
        }
      }
    }
    if (keys.isEmpty()) {
      keys.addAll(mariadbUniqueKey(connection, schema, table));
    }
    String key = keys.size() == 1 ? keys.get(0) : null;
    return new TableShape(
        schema, table, columns, keys, key, null, binary, true, currentDatabase(connection));
  }

  /**
   * The columns of a MariaDB table's preferred unique key over NOT NULL columns, for a table
   * without a primary key: the choice the mysqldump reader makes of the same table's dump ({@link
   * DeclaredKeys}), so both give the same refs. An index over an expression is left out.
   */
  private static List<String> mariadbUniqueKey(Connection connection, String schema, String table)
      throws SQLException {
    Map<String, List<String>> columnsOf = new LinkedHashMap<>();
    Set<String> expressions = new HashSet<>();
    Set<String> notNull = new HashSet<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT index_name, column_name, nullable FROM information_schema.statistics"
                + " WHERE table_schema = ? AND table_name = ? AND non_unique = 0"
                + " AND index_name <> 'PRIMARY' ORDER BY index_name, seq_in_index")) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String index = rows.getString(1);
          String column = rows.getString(2);
          if (column == null) {
            expressions.add(index);
            continue;
          }
          columnsOf.computeIfAbsent(index, i -> new ArrayList<>()).add(column);
          if (!"YES".equalsIgnoreCase(rows.getString(3))) {
            notNull.add(column);
          }
        }
      }
    }
    List<DeclaredKeys.Key> candidates = new ArrayList<>();
    columnsOf.forEach(
        (index, columns) -> {
          if (!expressions.contains(index)) {
            candidates.add(new DeclaredKeys.Key(table, index, columns, false));
          }
        });
    return DeclaredKeys.preferred(candidates, notNull);
  }

  /** Columns in table order, as pg_dump lists them (generated columns left out, as COPY does). */
  private static TableShape postgresShape(Connection connection, String schema, String table)
      throws SQLException {
    long oid = relation(connection, schema, table);
    List<String> columns = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = ? AND attnum > 0"
                + " AND NOT attisdropped AND attgenerated = '' ORDER BY attnum")) {
      statement.setLong(1, oid);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.add(rows.getString(1));
        }
      }
    }
    List<String> keys = new ArrayList<>();
    List<String> keyTypes = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            // in the key's own order (indkey), which is the order of a composite key's ref
            "SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)"
                + " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_attribute a"
                + " ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
                + " WHERE i.indrelid = ? AND i.indisprimary"
                + " ORDER BY array_position(i.indkey::int2[], a.attnum)")) {
      statement.setLong(1, oid);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          keys.add(rows.getString(1));
          keyTypes.add(rows.getString(2));
        }
      }
    }
    if (keys.isEmpty()) {
      uniqueKey(connection, oid, schema, table, keys, keyTypes);
    }
    // a composite key: one partition, read in table order
    String key = keys.size() == 1 ? keys.get(0) : null;
    String keyType = keys.size() == 1 ? keyTypes.get(0) : null;
    return new TableShape(
        schema, table, columns, keys, key, keyType, java.util.Set.of(), false, null);
  }

  /**
   * Fills {@code keys} (and their types) with the table's preferred unique key over NOT NULL
   * columns, for a table without a primary key: the same choice the pg_dump reader makes of the
   * same database's dump ({@link DeclaredKeys}), so both give the same refs. Partial and expression
   * indexes cannot tell rows apart by their columns and are left out; so are an index's INCLUDE
   * columns.
   */
  private static void uniqueKey(
      Connection connection,
      long oid,
      String schema,
      String table,
      List<String> keys,
      List<String> keyTypes)
      throws SQLException {
    Map<String, List<String>> columnsOf = new LinkedHashMap<>();
    Map<String, List<String>> typesOf = new HashMap<>();
    Set<String> notNull = new HashSet<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT ic.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),"
                + " a.attnotnull"
                + " FROM pg_catalog.pg_index i"
                + " JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
                + " JOIN pg_catalog.pg_attribute a"
                + " ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
                + " WHERE i.indrelid = ? AND i.indisunique AND NOT i.indisprimary"
                + " AND i.indpred IS NULL AND i.indexprs IS NULL"
                // the key columns come first, then the INCLUDE ones; an int2vector counts from 0
                + " AND array_position(i.indkey::int2[], a.attnum)"
                + " - array_lower(i.indkey::int2[], 1) < i.indnkeyatts"
                + " ORDER BY ic.relname, array_position(i.indkey::int2[], a.attnum)")) {
      statement.setLong(1, oid);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String index = rows.getString(1);
          columnsOf.computeIfAbsent(index, i -> new ArrayList<>()).add(rows.getString(2));
          typesOf.computeIfAbsent(index, i -> new ArrayList<>()).add(rows.getString(3));
          if (rows.getBoolean(4)) {
            notNull.add(rows.getString(2));
          }
        }
      }
    }
    String name = BackupRows.tableName(schema, table);
    List<DeclaredKeys.Key> candidates = new ArrayList<>();
    columnsOf.forEach(
        (index, columns) -> candidates.add(new DeclaredKeys.Key(name, index, columns, false)));
    DeclaredKeys.preferredKey(candidates, notNull)
        .ifPresent(
            chosen -> {
              keys.addAll(chosen.columns());
              keyTypes.addAll(typesOf.get(chosen.name()));
            });
  }

  /** Every partition_rows-th key in key order: the upper bounds of all partitions but the last. */
  private List<String> boundaries(Connection connection, TableShape shape) throws SQLException {
    String key = shape.quote(shape.key());
    String sql =
        "SELECT k FROM (SELECT "
            + (shape.mariadb() ? "CAST(" + key + " AS CHAR)" : key + "::text")
            + " AS k, row_number() OVER (ORDER BY "
            + key
            + ") AS n FROM "
            + shape.qualified()
            + ") numbered WHERE n % ? = 0 ORDER BY n";
    List<String> bounds = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, options.partitionRows());
      statement.setFetchSize(options.fetchSize());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          bounds.add(rows.getString(1));
        }
      }
    }
    return bounds;
  }

  private static String partition(TableShape shape, String after, String upTo) {
    ObjectNode json = JSON.createObjectNode();
    json.put("schema", shape.schema());
    json.put("table", shape.table());
    json.put("after", after);
    json.put("up_to", upTo);
    return json.toString();
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /**
   * A connection the server refused for what the configuration says (role, password, database, TLS)
   * is a configuration error to mend, not a backup that could not be read: until 2026-12-08 {@code
   * backup inspect} and a run said it as a failure (exit 1). Other failures stay {@code otherwise}.
   */
  private <E extends Exception> E refusedOr(E otherwise, SQLException e)
      throws InvalidSourceException {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message = e.getMessage() == null ? "" : e.getMessage();
    String mend;
    if (state.startsWith("28")) {
      mend = "check the role (user) and the password it reads (password_env or password_file)";
    } else if ("08004".equals(state)) {
      // pgjdbc: "requested SCRAM-based authentication, but no password was provided"
      mend = "the server asked for a password: set password_env or password_file";
    } else if ("3D000".equals(state) || e.getErrorCode() == 1049) {
      mend = "the database named in the URL does not exist on that server";
    } else if (message.contains("ssl not enabled in the server")) {
      mend =
          "the server does not offer TLS, which the MariaDB driver asks for unless the URL says"
              + " otherwise: for a server on this machine or a network you trust add"
              + " sslMode=disable to the URL, else enable TLS on the server";
    } else {
      return otherwise;
    }
    throw InvalidSourceException.of(
        "jdbc",
        sourceName,
        "the server at "
            + options.url()
            + " refused the connection of role "
            + options.user()
            + " ("
            + message
            + "): "
            + mend
            + ". Nothing was read");
  }

  private IOException failure(String what, SQLException e) {
    // the driver's messages name host, database and role, never the password
    return new IOException(
        "Cannot read backup source "
            + sourceName
            + " ("
            + options.url()
            + "): "
            + what
            + ": "
            + e.getMessage(),
        e);
  }
}
