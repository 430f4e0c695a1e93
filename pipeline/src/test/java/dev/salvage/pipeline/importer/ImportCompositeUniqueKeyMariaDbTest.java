package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static dev.salvage.pipeline.importer.Fixtures.updated;
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
 * another branch's booking of the same number is kept out naming the branch, never renumbered; with
 * {@code natural_key: [branch_code, booking_no]} it is inserted, and apply, a new plan and undo.sql
 * find it by both columns (booking_no an unsigned INT).
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
        .contains("make them the natural key, natural_key: [branch_code, booking_no]")
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

  private static final String ROWS =
      "SELECT group_concat(concat(branch_code, '-', booking_no, ' ', guest) ORDER BY branch_code,"
          + " booking_no SEPARATOR ', ') FROM reservations";

  @Test
  void findsABookingByBranchAndNumberTogetherThroughPlanApplyAndUndo() throws Exception {
    target =
        MariaDbImport.create(
            temp,
            MAPPING.replace("natural_key: booking_no", "natural_key: [branch_code, booking_no]"),
            "CREATE TABLE reservations (id int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " branch_code char(3) NOT NULL, booking_no int unsigned NOT NULL,"
                + " guest varchar(80),"
                + " UNIQUE KEY uq_branch_booking (branch_code, booking_no))"
                + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
            "INSERT INTO reservations (branch_code, booking_no, guest)"
                + " VALUES ('VLC', 1124, 'Ana Puig'), ('DEN', 1125, 'Eva Soler')");
    Fixtures.writeRun(
        target.run,
        List.of(
            // after the backup: the numbers the backup's two bookings hold, at the other branch
            fresh(
                "booking:new-den1124",
                "booking",
                1.0,
                false,
                fields("branch_code", "DEN", "booking_no", "1124", "guest", "Rui Costa")),
            fresh(
                "booking:new-vlc1125",
                "booking",
                1.0,
                false,
                fields("branch_code", "VLC", "booking_no", "1125", "guest", "Noa Gil")),
            fresh(
                "booking:new-vlc1124",
                "booking",
                1.0,
                false,
                fields("branch_code", "VLC", "booking_no", "1124", "guest", "Ana Puig")),
            updated(
                "booking",
                2,
                fields("branch_code", "DEN", "booking_no", "1125", "guest", "Eva Soler"),
                fields("guest", "Eva Soler Vidal"))));

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .doesNotContain("is not unique alone")
        .contains("Plan: 2 inserts, 1 updates, 1 records skipped");
    assertThat(target.currentPlan().skipped())
        .singleElement()
        .satisfies(
            skip ->
                assertThat(skip.reason())
                    .startsWith(
                        "already present: reservations.id = 1 has branch_code=VLC,"
                            + " booking_no=1124"));

    target.apply();
    assertThat(target.text(ROWS))
        .isEqualTo(
            "DEN-1124 Rui Costa, DEN-1125 Eva Soler Vidal, VLC-1124 Ana Puig, VLC-1125 Noa Gil");
    CliRun again = target.salvageImport("apply", "--plan-digest", target.currentPlan().digest());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("This plan was already applied at");
    assertThat(target.text("SELECT count(*) FROM reservations")).isEqualTo("4");

    CliRun replanned = target.plan();
    assertThat(replanned.exitCode()).as(replanned.err()).isZero();
    assertThat(replanned.out()).contains("Plan: 0 inserts, 0 updates, 4 records skipped");

    assertThat(target.db.client(target.run.resolve("import/undo.sql"))).isZero();
    assertThat(target.text(ROWS)).isEqualTo("DEN-1125 Eva Soler, VLC-1124 Ana Puig");
  }
}
