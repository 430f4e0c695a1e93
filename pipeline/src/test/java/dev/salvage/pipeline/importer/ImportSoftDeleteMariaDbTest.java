package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static dev.salvage.pipeline.importer.Fixtures.updated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import dev.salvage.pipeline.cli.SalvageCli;
import java.nio.file.Files;
import java.nio.file.Path;
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
  private MariaDbImport target;

  @BeforeEach
  void createDatabase() throws Exception {
    target = MariaDbImport.create(temp, MAPPING, SCHEMA);
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void softDeletedRowsAreNeitherMatchedNorLookedUpNorUpdated() throws Exception {
    Fixtures.writeRun(
        target.run,
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

    CliRun planned = target.plan();

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
    ImportPlan plan = target.currentPlan();
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
    target.db.execute("UPDATE orders SET deleted_at = '2026-11-01 12:00:00' WHERE id = 10");
    String deleted = target.db.dataDump();
    CliRun refused = target.salvageImport("apply", "--plan-digest", plan.digest());
    assertThat(refused.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(refused.err())
        .contains("orders id = 10 (order:10): deleted_at was null at plan time, is now");
    assertThat(target.db.dataDump()).isEqualTo(deleted);

    target.db.execute("UPDATE orders SET deleted_at = NULL WHERE id = 10");
    CliRun applied = target.salvageImport("apply", "--plan-digest", plan.digest());

    assertThat(applied.exitCode()).as(applied.err()).isZero();
    // the order's owner is the live Ben, not his deleted twin (the subquery alone would find two)
    assertThat(target.text("SELECT patron_id FROM orders WHERE reference = 'O-21'")).isEqualTo("4");
    assertThat(Files.readString(target.run.resolve("import/plan.sql")))
        .contains("AND `deleted_at` IS NULL)");
    assertThat(target.text("SELECT status FROM orders WHERE id = 10")).isEqualTo("refunded");
    assertThat(target.text("SELECT status FROM orders WHERE id = 11")).isEqualTo("paid");
    assertThat(target.text("SELECT count(*) FROM patrons WHERE email = 'noor@example.com'"))
        .isEqualTo("1");
    assertThat(target.plan().exitCode()).isZero();
    assertThat(target.currentPlan().steps()).isEmpty();
  }
}
