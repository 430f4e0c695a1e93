package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImportCompositeUniqueKeyTest} on a real MariaDB, whose unique keys come from
 * information_schema.STATISTICS: booking_no unique only with branch_code is said at load, and
 * another branch's booking of the same number is kept out naming the branch, never renumbered.
 */
class ImportCompositeUniqueKeyMariaDbTest {
  private static final String MAPPING =
      """
      entities:
        booking:
          table: reservations
          key: {column: id, type: integer}
          natural_key: booking_no
          columns:
            branch_code: {field: branch_code, type: text}
            booking_no:  {field: booking_no, type: integer}
            guest:       {field: guest, type: text}
      """;

  @TempDir Path temp;
  private MariaDbImport target;

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void anotherBranchsBookingWithTheSameNumberIsKeptOutNamingTheBranch() throws Exception {
    target =
        MariaDbImport.create(
            temp,
            MAPPING,
            "CREATE TABLE reservations (id int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " branch_code char(3) NOT NULL, booking_no int unsigned NOT NULL,"
                + " guest varchar(80),"
                + " UNIQUE KEY uq_branch_booking (branch_code, booking_no))"
                + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
            "INSERT INTO reservations (branch_code, booking_no, guest)"
                + " VALUES ('VLC', 1124, 'Ana Puig')");
    Fixtures.writeRun(
        target.run,
        List.of(
            fresh(
                "booking:new-den1124",
                "booking",
                1.0,
                false,
                fields("branch_code", "DEN", "booking_no", "1124", "guest", "Rui Costa"))));

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains(
            "Warning: the natural key reservations.booking_no (entity booking) is not unique"
                + " alone: unique index uq_branch_booking is on (branch_code, booking_no)")
        .contains(
            "booking:new-den1124: present with other values: reservations.id = 1 has"
                + " booking_no = 1124 but branch_code = 'VLC', the record's is 'DEN': another"
                + " booking, since unique index uq_branch_booking tells rows apart by"
                + " (branch_code, booking_no) (the row also differs: guest Ana Puig (record: Rui"
                + " Costa))")
        .doesNotContain("1124-2");

    target.apply();
    assertThat(target.text("SELECT count(*) FROM reservations")).isEqualTo("1");
  }
}
