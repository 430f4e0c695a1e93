package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static dev.salvage.pipeline.importer.ImportKeyFromFieldTest.rental;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code key.field} on a real MariaDB: the rental keeps the evidence's number, and AUTO_INCREMENT
 * moves past it by itself (checked, not assumed), so the application's next rental gets the number
 * after it and the plan moves no sequence.
 */
class ImportKeyFromFieldMariaDbTest {
  @TempDir Path temp;
  private MariaDbImport target;

  @BeforeEach
  void createDatabase() throws Exception {
    target =
        MariaDbImport.create(
            temp,
            ImportKeyFromFieldTest.MAPPING.replace("table: public.rentals", "table: rentals"),
            "CREATE TABLE rentals (id int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " reference varchar(20) NOT NULL UNIQUE, customer_email varchar(100) NOT NULL)"
                + " ENGINE=InnoDB",
            "INSERT INTO rentals (id, reference, customer_email) VALUES (1, 'R-1', 'a@x.y'),"
                + " (2, 'R-2', 'b@x.y'), (50, 'R-50', 'c@x.y')");
    Fixtures.writeRun(
        target.run,
        List.of(
            rental("new-57", "R-57", "57"),
            rental("new-50", "R-LOST", "50"),
            rental("new-none", "R-X", null)));
    Fixtures.runConfig(
        target.run,
        temp.resolve("config"),
        "{name: Padle, timezone: Europe/Oslo}",
        ImportKeyFromFieldTest.ENTITIES);
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void theRentalKeepsItsNumberAndAutoIncrementFollowsIt() throws Exception {
    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 2 inserts, 0 updates")
        .contains(
            "rentals.id: 1 new row(s) keep the key of field rental_number; 1 take the column"
                + " default, their record having no rental_number (rental:new-none)")
        .contains(
            "rental:new-50: key held by another row: the target's row with rentals.id = 50 holds"
                + " reference = R-50, not this record's reference = R-LOST")
        .doesNotContain("sequence");
    target.apply();

    assertThat(target.text("SELECT group_concat(id, ' ', reference ORDER BY id) FROM rentals"))
        .isEqualTo("1 R-1,2 R-2,50 R-50,57 R-57,58 R-X");
    try (Connection connection = target.db.connect();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "INSERT INTO rentals (reference, customer_email) VALUES ('R-APP', 'd@x.y')",
          Statement.RETURN_GENERATED_KEYS);
      try (ResultSet keys = statement.getGeneratedKeys()) {
        keys.next();
        assertThat(keys.getLong(1)).as("the application's next rental").isEqualTo(59);
      }
    }
  }

  @Test
  void aRowTakingTheDefaultIsInsertedAfterTheKeysWrittenSoAutoIncrementCannotHandItOneOfThem()
      throws Exception {
    // AUTO_INCREMENT stands at 51: a row taking the default before the record keyed 51 would get
    // 51, and the insert of the keyed one would fail on the primary key
    Fixtures.writeRun(
        target.run, List.of(rental("new-a-none", "R-A", null), rental("new-z-51", "R-51", "51")));

    CliRun planned = target.plan();
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    target.apply();

    assertThat(target.text("SELECT group_concat(id, ' ', reference ORDER BY id) FROM rentals"))
        .isEqualTo("1 R-1,2 R-2,50 R-50,51 R-51,52 R-A");
  }

  @Test
  void withoutKeyFieldTheWarningSaysTheApplicationsNextIdsMayBeCarriedOnesAndCountsTheHeldOnes()
      throws Exception {
    Files.writeString(
        target.mapping,
        Files.readString(target.mapping)
            .replace(
                "key: {column: id, type: integer, field: rental_number}",
                "key: {column: id, type: integer}"));
    Fixtures.writeRun(
        target.run,
        List.of(
            fresh(
                "rental:new-a",
                "rental",
                1.0,
                false,
                fields("reference", "R-A", "customer_email", "a@x.z", "backup_id", "50")),
            fresh(
                "rental:new-b",
                "rental",
                1.0,
                false,
                fields("reference", "R-B", "customer_email", "b@x.z", "backup_id", "57"))));

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains(
            "the database assigns new ids to rentals.id; the application's next ids may be ids the"
                + " evidence names for these records (up to 57); set key.field: backup_id to keep"
                + " them (1 of these ids is held by a row the target has that is not one of these"
                + " records")
        .doesNotContain("sequence");
  }
}
