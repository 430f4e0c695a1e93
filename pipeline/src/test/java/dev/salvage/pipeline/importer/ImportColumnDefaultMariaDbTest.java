package dev.salvage.pipeline.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outside trial's case on a real MariaDB: an ENUM status {@code NOT NULL DEFAULT 'provisional'}
 * left to its default by a booking without a status is named with the default as COLUMN_DEFAULT
 * gives it, while a nullable column, whose COLUMN_DEFAULT reads {@code NULL}, is not.
 */
class ImportColumnDefaultMariaDbTest {
  @TempDir Path temp;
  private MariaDbImport target;

  @BeforeEach
  void createDatabase() throws Exception {
    target =
        MariaDbImport.create(
            temp,
            ImportColumnDefaultTest.MAPPING
                .replace("table: public.bookings", "table: bookings")
                .replace("{field: status, type: text}", "{field: status, type: enum}"),
            "CREATE TABLE bookings (id int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " booking_no varchar(20) NOT NULL UNIQUE,"
                + " status ENUM('provisional','confirmed','cancelled') NOT NULL"
                + " DEFAULT 'provisional',"
                + " adults smallint NOT NULL DEFAULT 2, nights int NOT NULL, note varchar(200),"
                + " channel varchar(10) NOT NULL DEFAULT 'web', created_at timestamp(6) NOT NULL"
                + " DEFAULT current_timestamp(6)) ENGINE=InnoDB");
    Fixtures.writeRun(target.run, ImportColumnDefaultTest.bookings());
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void aBookingWithoutStatusIsNamedWithTheDefaultTheColumnGivesIt() throws Exception {
    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 5 inserts, 0 updates, 1 records skipped")
        .contains(
            "  bookings.status: 4 new row(s) take the column default 'provisional', their record"
                + " having no status (booking:new-nostatus, booking:new-bare,"
                + " booking:new-nostatus-3, ...)\n"
                + "  bookings.adults: 1 new row(s) take the column default 2, their record having"
                + " no adults (booking:new-bare)\n"
                + "  bookings.note: 1 new row(s) leave it NULL (it has no default), their record"
                + " having no note (booking:new-bare)\n")
        .as("COLUMN_DEFAULT reads NULL for a nullable column without a default: no default")
        .doesNotContain("take the column default NULL")
        .as("a column the mapping leaves out, with a constant default, is named once")
        .contains(
            "  bookings.channel: 5 new row(s) take the column default 'web', a column the target"
                + " mapping does not write (")
        .contains(
            "  booking:new-nonights: a new booking lacking nights: bookings.nights is NOT NULL"
                + " without a default, so the target would refuse the row.");
    assertThat(Files.readString(target.run.resolve("import/plan.sql")))
        .contains(
            "-- booking:new-bare: INSERT into bookings (new id from the column default)\n"
                + "--   status = DEFAULT 'provisional' (the record has no status)\n"
                + "--   adults = DEFAULT 2 (the record has no adults)\n");

    target.apply();
    assertThat(
            target.text(
                "SELECT group_concat(booking_no, ' ', status, ' ', adults, ' ',"
                    + " coalesce(note, 'NULL') ORDER BY booking_no SEPARATOR ', ') FROM bookings"))
        .isEqualTo(
            "B-1 confirmed 3 late arrival, B-2 provisional 2 cot, B-3 provisional 2 NULL,"
                + " B-4 provisional 1 -, B-5 provisional 1 -");
  }
}
