package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static dev.salvage.pipeline.importer.Fixtures.updated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import dev.salvage.pipeline.cli.SalvageCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Laravel venue on MariaDB whose patrons and orders use SoftDeletes: rows with {@code deleted_at}
 * set are hidden by the application, so the import neither matches, looks up nor updates them.
 */
class ImportSoftDeleteMariaDbTest {
  private static final String[] SCHEMA = {
    "CREATE TABLE patrons (id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,"
        + " email varchar(255) NOT NULL, name varchar(255) NULL, created_at timestamp NULL,"
        + " updated_at timestamp NULL, deleted_at timestamp NULL) ENGINE=InnoDB",
    "CREATE TABLE orders (id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,"
        + " reference varchar(32) NOT NULL, patron_id bigint unsigned NULL,"
        + " status varchar(20) NULL, deleted_at timestamp NULL) ENGINE=InnoDB AUTO_INCREMENT=100",
    "INSERT INTO patrons (id, email, name, deleted_at) VALUES"
        + " (1, 'ana@example.com', 'Ana', NULL),"
        + " (2, 'noor@example.com', 'Noor', '2026-10-02 18:04:11'),"
        + " (3, 'ben@example.com', 'Ben Old', '2026-09-01 09:00:00'),"
        + " (4, 'ben@example.com', 'Ben', NULL),"
        + " (5, 'gone@example.com', 'Gone', '2026-08-01 08:00:00')",
    "INSERT INTO orders (id, reference, patron_id, status, deleted_at) VALUES"
        + " (10, 'O-10', 1, 'paid', NULL),"
        + " (11, 'O-11', 1, 'paid', '2026-10-05 10:00:00')"
  };

  private static final String MAPPING =
      """
      entities:
        patron:
          table: patrons
          key: {column: id, type: integer}
          natural_key: email
          soft_delete: deleted_at
          columns:
            email: {field: email, type: text}
            name:  {field: name, type: text}
        order:
          table: orders
          key: {column: id, type: integer}
          natural_key: reference
          soft_delete: deleted_at
          columns:
            reference: {field: reference, type: text}
            patron_id:
              field: patron_email
              type: integer
              lookup: {table: patrons, match: email, take: id}
            status: {field: status, type: text}
      """;

  @TempDir Path temp;
  private MariaDbDatabase db;
  private Path run;
  private Path mapping;
  private Path passwordFile;

  @BeforeEach
  void createDatabase() throws Exception {
    db = MariaDbDatabase.create();
    db.execute(SCHEMA);
    run = temp.resolve("run");
    mapping = Files.writeString(temp.resolve("target.yaml"), MAPPING);
    passwordFile = Files.writeString(temp.resolve("password"), db.password + "\n");
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void softDeletedRowsAreNeitherMatchedNorLookedUpNorUpdated() throws Exception {
    Fixtures.writeRun(
        run,
        List.of(
            // only a deleted patron has her email
            fresh("patron:n-noor", "patron", 1.0, false, fields("email", "noor@example.com")),
            // a live patron has his, beside a deleted twin holding another name
            fresh(
                "patron:n-ben",
                "patron",
                1.0,
                false,
                fields("email", "BEN@example.com", "name", "Ben")),
            fresh(
                "patron:n-cleo",
                "patron",
                1.0,
                false,
                fields("email", "cleo@example.com", "name", "Cleo")),
            fresh(
                "order:n-20",
                "order",
                1.0,
                false,
                fields("reference", "O-20", "patron_email", "gone@example.com", "status", "paid")),
            fresh(
                "order:n-21",
                "order",
                1.0,
                false,
                fields("reference", "O-21", "patron_email", "ben@example.com", "status", "paid")),
            updated(
                "order",
                10,
                fields("reference", "O-10", "status", "paid"),
                fields("status", "refunded")),
            updated(
                "order",
                11,
                fields("reference", "O-11", "status", "paid"),
                fields("status", "refunded"))));

    CliRun planned = plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 2 inserts, 1 updates, 4 records skipped")
        .doesNotContain("Warning: table")
        .contains(
            "  patron:n-noor: soft-deleted in the target: patrons.id = 2 has email ="
                + " noor@example.com (ignoring case) and deleted_at = 2026-10-02 18:04:11")
        .contains("restore it in the application or reject the record")
        .contains(
            "  order:n-20: soft-deleted in the target: the patrons row with email ="
                + " gone@example.com (for orders.patron_id) has deleted_at = 2026-08-01 08:00:00")
        .contains("  order:11: soft-deleted in the target: orders.id = 11 has deleted_at =");
    ImportPlan plan = currentPlan();
    assertThat(plan.skipped())
        .filteredOn(skip -> skip.record().equals("patron:n-ben"))
        .singleElement()
        .satisfies(
            skip ->
                assertThat(skip.reason())
                    .isEqualTo(
                        "already present: patrons.id = 4 has email = BEN@example.com (ignoring"
                            + " case)"));
    assertThat(plan.steps())
        .extracting(ImportPlan.Step::record)
        .containsExactly("patron:n-cleo", "order:n-21", "order:10");

    // the application deletes order 10 between plan and apply: nothing is written
    db.execute("UPDATE orders SET deleted_at = '2026-11-01 12:00:00' WHERE id = 10");
    String deleted = db.dataDump();
    CliRun refused = salvageImport("apply", "--plan-digest", plan.digest());
    assertThat(refused.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(refused.err())
        .contains("orders id = 10 (order:10): deleted_at was null at plan time, is now");
    assertThat(db.dataDump()).isEqualTo(deleted);

    db.execute("UPDATE orders SET deleted_at = NULL WHERE id = 10");
    CliRun applied = salvageImport("apply", "--plan-digest", plan.digest());

    assertThat(applied.exitCode()).as(applied.err()).isZero();
    // the order's owner is the live Ben, not his deleted twin (the subquery alone would find two)
    assertThat(single("SELECT patron_id FROM orders WHERE reference = 'O-21'")).isEqualTo("4");
    assertThat(Files.readString(run.resolve("import/plan.sql")))
        .contains("AND `deleted_at` IS NULL)");
    assertThat(single("SELECT status FROM orders WHERE id = 10")).isEqualTo("refunded");
    assertThat(single("SELECT status FROM orders WHERE id = 11")).isEqualTo("paid");
    assertThat(single("SELECT count(*) FROM patrons WHERE email = 'noor@example.com'"))
        .isEqualTo("1");
    assertThat(plan().exitCode()).isZero();
    assertThat(currentPlan().steps()).isEmpty();
  }

  private CliRun plan() {
    return salvageImport("plan", "--mapping", mapping.toString());
  }

  private CliRun salvageImport(String command, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "import",
                command,
                "--run",
                run.toString(),
                "--target",
                db.url,
                "--user",
                db.user,
                "--password-file",
                passwordFile.toString()));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }

  private ImportPlan currentPlan() throws Exception {
    return ImportPlan.read(run.resolve("import/plan.json"));
  }

  private String single(String sql) throws Exception {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }
}
