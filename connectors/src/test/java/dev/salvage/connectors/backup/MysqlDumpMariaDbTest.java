package dev.salvage.connectors.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.SourceReaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MariaDB backup read two ways gives the same records: the database over JDBC (source type {@code
 * jdbc}, in key-range partitions) and its mariadb-dump file (source type {@code mysqldump},
 * multi-row INSERTs). Runs on the server of scripts/ensure-mariadb; skipped without it, failing
 * under CI=true.
 */
class MysqlDumpMariaDbTest {
  private static final Pattern URL =
      Pattern.compile("jdbc:mariadb://([^:/]+):(\\d+)/[^?]*(\\?.*)?");

  @TempDir Path dir;
  private String adminUrl;
  private String url;
  private String name;
  private Matcher server;

  @BeforeEach
  void createDatabase() throws Exception {
    adminUrl = System.getenv("SALVAGE_TEST_MARIADB_URL");
    if (adminUrl == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(
            "CI=true but SALVAGE_TEST_MARIADB_URL is unset: source scripts/ensure-mariadb");
      }
      assumeTrue(false, "SALVAGE_TEST_MARIADB_URL is unset: source scripts/ensure-mariadb");
    }
    server = URL.matcher(adminUrl);
    assertThat(server.matches()).as(adminUrl).isTrue();
    name = "salvage_bk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    url =
        "jdbc:mariadb://"
            + server.group(1)
            + ":"
            + server.group(2)
            + "/"
            + name
            + (server.group(3) == null ? "" : server.group(3));
    try (Connection admin = admin();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
      statement.execute("USE " + name);
      statement.execute(
          "CREATE TABLE customers (id int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
              + " full_name varchar(80) NOT NULL, note text, balance decimal(8,2),"
              + " rating double, vip boolean, born date, seen_at datetime(6), opens time,"
              + " changed timestamp NULL, tier enum('basic','gold'), prefs json, avatar blob,"
              + " public_id uuid, initials varchar(4) AS (left(full_name, 2)) VIRTUAL)"
              + " ENGINE=InnoDB");
      statement.execute(
          "CREATE TABLE notes (customer_id int NOT NULL, n int NOT NULL, body text,"
              + " PRIMARY KEY (customer_id, n)) ENGINE=InnoDB");
      try (PreparedStatement insert =
          admin.prepareStatement(
              "INSERT INTO customers (full_name, note, balance, rating, vip, born, seen_at, opens,"
                  + " changed, tier, prefs, avatar, public_id)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 1; i <= 120; i++) {
          insert.setString(1, i % 7 == 0 ? "O'Brien \\ \"" + i + "\" Grüße" : "Customer " + i);
          insert.setString(2, i % 5 == 0 ? null : "line one\nline two\ttab\r\u001a;" + i);
          insert.setString(3, i % 3 == 0 ? null : (i * 13 - 500) + ".25");
          insert.setString(4, i % 4 == 0 ? null : Double.toString(i / 3.0));
          insert.setString(5, i % 2 == 0 ? "1" : "0");
          insert.setString(6, "19" + (50 + i % 50) + "-0" + (1 + i % 9) + "-1" + (i % 10));
          insert.setString(7, "2026-03-1" + (i % 10) + " 10:0" + (i % 10) + ":00.12345" + (i % 10));
          insert.setString(8, "0" + (i % 10) + ":30:00");
          insert.setString(9, i % 6 == 0 ? null : "2026-01-0" + (1 + i % 9) + " 12:00:00");
          insert.setString(10, i % 2 == 0 ? "gold" : "basic");
          insert.setString(11, i % 8 == 0 ? null : "{\"lang\": \"de\", \"n\": " + i + "}");
          insert.setBytes(
              12, i % 9 == 0 ? null : new byte[] {0, (byte) i, (byte) 0xff, '\'', '\\'});
          insert.setString(
              13, i % 10 == 0 ? null : UUID.nameUUIDFromBytes(new byte[] {(byte) i}).toString());
          insert.addBatch();
        }
        insert.executeBatch();
      }
      statement.execute("INSERT INTO notes VALUES (1, 1, 'first'), (1, 2, NULL), (2, 1, 'x')");
    }
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (name != null && adminUrl != null) {
      try (Connection admin = admin();
          Statement statement = admin.createStatement()) {
        statement.execute("DROP DATABASE IF EXISTS " + name);
        statement.execute("DROP DATABASE IF EXISTS " + name + "_archive");
      }
    }
  }

  private Connection admin() throws Exception {
    return DriverManager.getConnection(
        adminUrl,
        System.getenv("SALVAGE_TEST_MARIADB_USER"),
        System.getenv("SALVAGE_TEST_MARIADB_PASSWORD"));
  }

  private Path dump(String... arguments) throws Exception {
    Path file = dir.resolve("backup.sql");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getenv("SALVAGE_TEST_MARIADB_BIN"), "mariadb-dump").toString(),
                "--no-defaults",
                "-h",
                server.group(1),
                "-P",
                server.group(2),
                "-u",
                System.getenv("SALVAGE_TEST_MARIADB_USER"),
                "--single-transaction"));
    command.addAll(arguments.length == 0 ? List.of(name) : List.of(arguments));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(file.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("MYSQL_PWD", System.getenv("SALVAGE_TEST_MARIADB_PASSWORD"));
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    return file;
  }

  private static Map<String, String> jsonByRef(CollectingSink sink) {
    Map<String, String> json = new LinkedHashMap<>();
    for (RawRecord record : sink.records) {
      json.put(record.ref(), record.json());
    }
    return json;
  }

  @Test
  void theDumpFileAndTheDatabaseGiveTheSameRecords() throws Exception {
    Map<String, String> options = new HashMap<>();
    options.put("url", url);
    options.put("user", System.getenv("SALVAGE_TEST_MARIADB_USER"));
    options.put("password_env", "SALVAGE_TEST_MARIADB_PASSWORD");
    options.put("partition_rows", "50");
    PartitionedSource source = SourceReaders.open("backup", "jdbc", null, options);

    List<String> partitions = source.partitions();
    CollectingSink jdbc = CollectingSink.readAll(source);
    Path dump = dump();
    CollectingSink fromDump = CollectingSink.read(SourceReaders.forType("mysqldump"), dump);

    assertThat(Files.readString(dump, java.nio.charset.StandardCharsets.ISO_8859_1))
        .containsPattern("\\),\\s*\\(");
    assertThat(partitions.stream().filter(p -> p.contains("\"table\":\"customers\""))).hasSize(3);
    assertThat(jdbc.quarantined).isEmpty();
    assertThat(fromDump.quarantined).isEmpty();
    assertThat(jdbc.records).hasSize(123);
    assertThat(jsonByRef(fromDump)).isEqualTo(jsonByRef(jdbc));
    assertThat(jdbc.json("backup:customers#7").get("columns").get("full_name").asText())
        .isEqualTo("O'Brien \\ \"7\" Grüße");
    assertThat(jdbc.json("backup:customers#7").get("columns").get("avatar").asText())
        .isEqualTo("\\x0007ff275c");
    assertThat(jdbc.json("backup:customers#7").get("columns").get("initials").asText())
        .as("mariadb-dump writes a virtual column's values; so does the JDBC source")
        .isEqualTo("O'");
  }

  @Test
  void zeroDatesAreNullInTheDumpAndOverJdbc() throws Exception {
    try (Connection admin = admin();
        Statement statement = admin.createStatement()) {
      statement.execute("USE " + name);
      // what older MariaDB and MySQL servers and apps without strict mode leave behind
      statement.execute("SET SESSION sql_mode = ''");
      statement.execute(
          "CREATE TABLE tours (id int PRIMARY KEY, day date NOT NULL,"
              + " updated_at datetime NOT NULL DEFAULT '0000-00-00 00:00:00')");
      statement.execute(
          "INSERT INTO tours VALUES (1, '2026-03-14', '2026-03-02 10:00:00'),"
              + " (2, '0000-00-00', '0000-00-00 00:00:00')");
    }
    Map<String, String> options = new HashMap<>();
    options.put("url", url);
    options.put("user", System.getenv("SALVAGE_TEST_MARIADB_USER"));
    options.put("password_env", "SALVAGE_TEST_MARIADB_PASSWORD");
    options.put("tables", "tours");
    CollectingSink jdbc =
        CollectingSink.readAll(SourceReaders.open("backup", "jdbc", null, options));
    CollectingSink fromDump =
        CollectingSink.read(SourceReaders.forType("mysqldump"), dump(name, "tours"));

    assertThat(jdbc.json("backup:tours#2").get("columns").toString())
        .isEqualTo("{\"id\":\"2\",\"day\":null,\"updated_at\":null}");
    assertThat(jdbc.json("backup:tours#1").get("columns").get("updated_at").asText())
        .isEqualTo("2026-03-02 10:00:00");
    assertThat(jsonByRef(fromDump)).isEqualTo(jsonByRef(jdbc));
  }

  @Test
  void backupInspectKnowsAMariadbDumpWithoutBeingToldItsType() throws Exception {
    Path dump = dump();
    Path gzipped = dir.resolve("backup.sql.gz");
    try (java.io.OutputStream out =
        new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzipped))) {
      Files.copy(dump, out);
    }

    for (Path file : List.of(dump, gzipped)) {
      String type = BackupInspection.guessType(file.toString());
      assertThat(type).as(file.toString()).isEqualTo("mysqldump");
      BackupInspection.Report report = BackupInspection.inspect(type, file, Map.of(), null, null);
      assertThat(report.unreadable()).isZero();
      assertThat(report.tables())
          .extracting(BackupInspection.TableSummary::table, BackupInspection.TableSummary::rows)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("customers", 120L),
              org.assertj.core.groups.Tuple.tuple("notes", 3L));
    }
  }

  @Test
  void anotherDatabasesTableOfTheSameNameKeepsItsOwnRefsInTheDumpAndOverJdbc() throws Exception {
    String archive = name + "_archive";
    try (Connection admin = admin();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + archive + " CHARACTER SET utf8mb4");
      statement.execute(
          "CREATE TABLE " + archive + ".customers (id int PRIMARY KEY, full_name varchar(80))");
      statement.execute("INSERT INTO " + archive + ".customers VALUES (1, 'Archived One')");
    }
    Map<String, String> options = new HashMap<>();
    options.put("url", url);
    options.put("user", System.getenv("SALVAGE_TEST_MARIADB_USER"));
    options.put("password_env", "SALVAGE_TEST_MARIADB_PASSWORD");
    options.put("tables", "customers, " + archive + ".customers");
    CollectingSink jdbc =
        CollectingSink.readAll(SourceReaders.open("backup", "jdbc", null, options));
    Path dump = dump("--databases", name, archive);
    CollectingSink fromDump = CollectingSink.read(SourceReaders.forType("mysqldump"), dump);

    assertThat(Files.readString(dump, java.nio.charset.StandardCharsets.ISO_8859_1))
        .contains("USE `" + archive + "`");
    assertThat(jdbc.json("backup:customers#1").get("columns").get("full_name").asText())
        .isEqualTo("Customer 1");
    assertThat(jdbc.json("backup:" + archive + ".customers#1").get("columns").toString())
        .isEqualTo("{\"id\":\"1\",\"full_name\":\"Archived One\"}");
    Map<String, String> dumped = jsonByRef(fromDump);
    dumped.keySet().removeIf(ref -> ref.startsWith("backup:notes#"));
    assertThat(dumped).isEqualTo(jsonByRef(jdbc));
  }

  @Test
  void aLinkTableRowIsKeyedByItsCompositePrimaryKeyInTheDumpAndOverJdbc() throws Exception {
    try (Connection admin = admin();
        Statement statement = admin.createStatement()) {
      statement.execute("USE " + name);
      statement.execute(
          "CREATE TABLE branches (name varchar(40), code char(3) NOT NULL, PRIMARY KEY (code))");
      statement.execute("INSERT INTO branches VALUES ('Porto', 'OPO'), ('Porto', 'OPA')");
      statement.execute("CREATE TABLE visits (customer_id int, day date)");
      statement.execute("INSERT INTO visits VALUES (7, '2026-01-01'), (7, '2026-01-02')");
    }
    Map<String, String> options = new HashMap<>();
    options.put("url", url);
    options.put("user", System.getenv("SALVAGE_TEST_MARIADB_USER"));
    options.put("password_env", "SALVAGE_TEST_MARIADB_PASSWORD");
    options.put("tables", "notes, branches, visits");
    CollectingSink jdbc =
        CollectingSink.readAll(SourceReaders.open("backup", "jdbc", null, options));
    Path dump = dump(name, "notes", "branches", "visits");
    CollectingSink fromDump = CollectingSink.read(SourceReaders.forType("mysqldump"), dump);

    for (CollectingSink sink : List.of(jdbc, fromDump)) {
      assertThat(sink.refs())
          .containsExactlyInAnyOrder(
              "backup:notes#1,1",
              "backup:notes#1,2",
              "backup:notes#2,1",
              "backup:branches#OPO",
              "backup:branches#OPA",
              "backup:visits#7");
      assertThat(sink.quarantined)
          .singleElement()
          .satisfies(
              q ->
                  assertThat(q.reason())
                      .startsWith("Cannot tell row of table visits apart")
                      .contains("same ref backup:visits#7"));
    }
    assertThat(jsonByRef(fromDump)).isEqualTo(jsonByRef(jdbc));
  }

  @Test
  void aTableWithoutPrimaryKeyIsKeyedByItsUniqueKeyOverNotNullColumnsInTheDumpAndOverJdbc()
      throws Exception {
    try (Connection admin = admin();
        Statement statement = admin.createStatement()) {
      statement.execute("USE " + name);
      // a Rails or Prisma many-to-many table: no primary key, a unique index over its two columns
      statement.execute(
          "CREATE TABLE student_teacher (student_id int NOT NULL, teacher_id int NOT NULL,"
              + " UNIQUE KEY st_unique (student_id, teacher_id), KEY t (teacher_id))");
      statement.execute("INSERT INTO student_teacher VALUES (1, 1), (1, 2), (2, 1)");
      // a unique key over a column that may be NULL cannot name rows: still keyed by its first
      statement.execute(
          "CREATE TABLE tags (owner int, label varchar(20), UNIQUE KEY ol (owner, label))");
      statement.execute("INSERT INTO tags VALUES (7, 'a'), (7, 'b')");
    }
    Map<String, String> options = new HashMap<>();
    options.put("url", url);
    options.put("user", System.getenv("SALVAGE_TEST_MARIADB_USER"));
    options.put("password_env", "SALVAGE_TEST_MARIADB_PASSWORD");
    options.put("tables", "student_teacher, tags");
    CollectingSink jdbc =
        CollectingSink.readAll(SourceReaders.open("backup", "jdbc", null, options));
    Path dump = dump(name, "student_teacher", "tags");
    CollectingSink fromDump = CollectingSink.read(SourceReaders.forType("mysqldump"), dump);

    for (CollectingSink sink : List.of(jdbc, fromDump)) {
      assertThat(sink.refs())
          .containsExactlyInAnyOrder(
              "backup:student_teacher#1,1",
              "backup:student_teacher#1,2",
              "backup:student_teacher#2,1",
              "backup:tags#7");
      assertThat(sink.quarantined)
          .singleElement()
          .satisfies(
              q ->
                  assertThat(q.reason())
                      .startsWith("Cannot tell row of table tags apart")
                      .contains("same ref backup:tags#7"));
    }
    assertThat(jsonByRef(fromDump)).isEqualTo(jsonByRef(jdbc));
  }

  @Test
  void aUrlAskingForTlsOfAServerWithoutItIsAConfigurationErrorNamingSslMode() throws Exception {
    Map<String, String> options = new HashMap<>();
    // the driver asks for TLS unless the URL says sslMode; the test server offers none
    options.put("url", url.replaceFirst("\\?.*$", ""));
    options.put("user", System.getenv("SALVAGE_TEST_MARIADB_USER"));
    options.put("password_env", "SALVAGE_TEST_MARIADB_PASSWORD");
    PartitionedSource source = SourceReaders.open("backup", "jdbc", null, options);

    assertThatThrownBy(source::partitions)
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageStartingWith("Cannot configure jdbc source \"backup\"")
        .hasMessageContaining("add sslMode=disable to the URL");
  }
}
