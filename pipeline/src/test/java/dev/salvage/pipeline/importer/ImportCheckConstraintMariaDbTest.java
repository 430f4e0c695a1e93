package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.cli.CliRun;
import dev.salvage.pipeline.cli.SalvageCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImportCheckConstraintTest} on a real MariaDB, whose constraints come from
 * information_schema.CHECK_CONSTRAINTS: a status outside the list and a rental ending before it
 * starts kept out at plan by name, an update checked against what its row holds, the others
 * applied; a CHECK added between plan and apply names the one row it refuses.
 */
class ImportCheckConstraintMariaDbTest {
  @TempDir Path temp;
  private MariaDbImport target;
  private MariaDbDatabase db;
  private Path run;

  @BeforeEach
  void createDatabase() throws Exception {
    target =
        MariaDbImport.create(
            temp,
            ImportCheckConstraintTest.MAPPING.replace("table: public.rentals", "table: rentals"),
            "CREATE TABLE rentals (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " rental_no varchar(20) NOT NULL UNIQUE,"
                + " status varchar(20) NOT NULL DEFAULT 'gereserveerd',"
                + " start_date date NOT NULL, end_date date NOT NULL,"
                + " CONSTRAINT rentals_status_check"
                + " CHECK (status IN ('gereserveerd', 'lopend', 'teruggebracht', 'geannuleerd')),"
                + " CONSTRAINT rentals_period_check CHECK (end_date >= start_date)) ENGINE=InnoDB",
            "INSERT INTO rentals (rental_no, status, start_date, end_date)"
                + " VALUES ('R-1', 'lopend', '2026-03-01', '2026-03-03')");
    db = target.db;
    run = target.run;
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void aRowACheckConstraintRefusesIsKeptOutByNameAndTheOthersArePlanned() throws Exception {
    Fixtures.writeRun(run, ImportCheckConstraintTest.rentals());

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 2 inserts, 0 updates, 3 records skipped")
        .contains(
            "  rental:new-gereed: check constraint rentals_status_check refuses rentals.status ="
                + " 'gereed' (CHECK (")
        .contains(
            "  rental:new-backwards: check constraint rentals_period_check refuses"
                + " rentals.end_date = DATE '2026-03-08', rentals.start_date = DATE '2026-03-09'"
                + " (CHECK (`end_date` >= `start_date`))")
        .contains(
            "  rental:1: check constraint rentals_period_check refuses rentals.end_date = DATE"
                + " '2026-02-27', rentals.start_date as the row holds it")
        .doesNotContain("rental:new-nostatus:")
        .doesNotContain("rental:new-ok:");

    CliRun applied = apply();
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(
            text(
                "SELECT group_concat(rental_no, ' ', status, ' ', start_date, ' ', end_date"
                    + " ORDER BY rental_no SEPARATOR ', ') FROM rentals"))
        .isEqualTo(
            "R-1 lopend 2026-03-01 2026-03-03, R-2 lopend 2026-03-05 2026-03-06,"
                + " R-5 gereserveerd 2026-03-10 2026-03-10");
  }

  @Test
  void aRowTheDatabaseRefusesAtApplyIsNamedAloneNotAsARangeOfItsBatch() throws Exception {
    List<ReconstructedRecord> records = new ArrayList<>();
    for (int i = 6; i <= 12; i++) {
      records.add(
          ImportCheckConstraintTest.rental(
              "new-r" + i,
              "rental_no",
              "R-" + i,
              "status",
              "gereserveerd",
              "start_date",
              "2026-04-0" + (i % 9 + 1),
              "end_date",
              "2026-04-1" + (i % 9 + 1)));
    }
    Fixtures.writeRun(run, records);
    CliRun planned = target.plan();
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out()).contains("Plan: 7 inserts");
    String before = db.dataDump();
    // a rule plan cannot know about, added by the application between plan and apply
    db.execute("ALTER TABLE rentals ADD CONSTRAINT not_r9 CHECK (rental_no <> 'R-9')");

    CliRun applied = apply();

    assertThat(applied.exitCode()).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(applied.err())
        .contains(
            "Apply failed inserting into rentals for record rental:new-r9 (rental_no R-9);"
                + " nothing was written (the transaction is rolled back): ")
        .contains("not_r9")
        .doesNotContain("7 records");
    assertThat(db.dataDump()).as("everything rolled back").isEqualTo(before);
    assertThat(run.resolve("import/undo.sql")).doesNotExist();
  }

  private CliRun apply() throws Exception {
    return salvageImport(
        "apply", "--plan-digest", ImportPlan.read(run.resolve("import/plan.json")).digest());
  }

  private String text(String sql) throws Exception {
    return target.text(sql);
  }

  private CliRun salvageImport(String command, String... options) {
    return target.salvageImport(command, options);
  }
}
