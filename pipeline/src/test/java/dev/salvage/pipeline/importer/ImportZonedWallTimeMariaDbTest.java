package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Laravel application with {@code APP_TIMEZONE=Asia/Tokyo} and no {@code DB_TIMEZONE}, on a
 * MariaDB server in UTC (an outside trial's kimono-rental shop): it writes Tokyo wall times
 * ('2026-10-20 13:29:00') through a UTC session into {@code timestamp} columns, which therefore
 * hold Tokyo wall time as UTC instants. {@code time_zone} on such a column says so, and Salvage
 * writes, compares and undoes them as the application does.
 */
class ImportZonedWallTimeMariaDbTest {
  private static final String SCHEMA =
      """
      CREATE TABLE reservations (
        id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
        reference varchar(12) NOT NULL UNIQUE,
        visit_at datetime NOT NULL,
        guests int NOT NULL,
        created_at timestamp NULL DEFAULT NULL,
        updated_at timestamp NULL DEFAULT NULL) ENGINE=InnoDB AUTO_INCREMENT=10
      """;
  // as Laravel wrote it: Tokyo wall times, through a session in the server's zone (UTC)
  private static final String ROW_1 =
      "INSERT INTO reservations VALUES (1, 'KN-1', '2026-11-29 14:00:00', 2,"
          + " '2026-10-20 13:29:00', '2026-10-20 13:29:00')";
  private static final String MAPPING =
      """
      time_zone: Asia/Tokyo
      entities:
        reservation:
          table: reservations
          key: {column: id, type: integer}
          natural_key: reference
          columns:
            reference:  {field: reference, type: text}
            visit_at:   {field: visit_at, type: timestamptz}
            guests:     {field: guests, type: integer}
            created_at: {from: first_evidence, type: timestamptz, time_zone: Asia/Tokyo}
            updated_at: {from: now, type: timestamptz, on: touch, time_zone: '+09:00'}
      """;

  @TempDir Path temp;
  private MariaDbImport target;

  @BeforeEach
  void createDatabase() throws Exception {
    target = MariaDbImport.create(temp, MAPPING, "SET time_zone = '+00:00'", SCHEMA, ROW_1);
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  private static long epoch(String utcWallTime) {
    return LocalDateTime.parse(utcWallTime).toEpochSecond(ZoneOffset.UTC);
  }

  @Test
  void laravelTimestampsInTokyoWallTimeAreWrittenAsTheApplicationWritesThemReplannedAndUndone()
      throws Exception {
    Fixtures.writeRun(
        target.run,
        List.of(
            Fixtures.updated(
                "reservation",
                1,
                fields("reference", "KN-1", "visit_at", "2026-11-29T05:00:00Z", "guests", "2"),
                fields("guests", "3")),
            fresh(
                "reservation:new-2",
                "reservation",
                1.0,
                false,
                fields("reference", "KN-2", "visit_at", "2026-12-09T05:00:00Z", "guests", "1"))));
    String before = target.db.dataDump();

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains(
            "  reservations.created_at (timestamp, a column with a zone) holds wall times: written"
                + " and compared as wall time in Asia/Tokyo, set at"
                + " entities.reservation.columns.created_at.time_zone (the application writes wall"
                + " times in that zone through a session in UTC")
        .contains(
            "  reservations.visit_at (datetime) holds wall times: written and compared as wall"
                + " time in Asia/Tokyo, set at time_zone\n");
    assertThat(Files.readString(target.run.resolve("import/plan.sql")))
        .contains("`updated_at` = CONVERT_TZ(now(), '+00:00', '+09:00')");
    target.apply();

    // the fixtures' first evidence is 2026-03-01T10:00:00Z: 19:00 in Tokyo
    assertThat(
            target.rows(
                "SELECT reference, UNIX_TIMESTAMP(created_at) AS created,"
                    + " ABS(UNIX_TIMESTAMP(updated_at) - UNIX_TIMESTAMP() - 9 * 3600) < 300"
                    + " AS tokyo_now FROM reservations ORDER BY id"))
        .containsExactly(
            fields(
                "reference",
                "KN-1",
                "created",
                Long.toString(epoch("2026-10-20T13:29:00")),
                "tokyo_now",
                "1"),
            fields(
                "reference",
                "KN-2",
                "created",
                Long.toString(epoch("2026-03-01T19:00:00")),
                "tokyo_now",
                "1"));

    assertThat(target.plan().exitCode()).isZero();
    assertThat(target.currentPlan().steps()).as("a second plan finds nothing to do").isEmpty();
    assertThat(target.db.client(target.run.resolve("import/undo.sql"))).isZero();
    assertThat(target.db.dataDump()).isEqualTo(before);
  }

  @Test
  void planWarnsWhenTheBackupWasReadInTokyoWhileTheTimestampColumnsAreWrittenAsUtcInstants()
      throws Exception {
    Files.writeString(
        target.mapping,
        MAPPING.replace(", time_zone: Asia/Tokyo}", "}").replace(", time_zone: '+09:00'}", "}"));
    Fixtures.writeRun(
        target.run,
        List.of(
            fresh(
                "reservation:new-2",
                "reservation",
                1.0,
                false,
                fields("reference", "KN-2", "visit_at", "2026-12-09T05:00:00Z", "guests", "1"))));
    // the backup mapping read the reservations table's date-times in Asia/Tokyo
    Files.writeString(
        target.run.resolve("summary.json"),
        """
        {"sources": {"backup": {"read": 240, "used": 240, "ignored": 0, "quarantined": 0,
           "rules": {"reservation_row": 240},
           "zone_read": {"reservations in Asia/Tokyo": 240}}}}
        """);

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains(
            "Warning: reservations.created_at (timestamp), reservations.updated_at (timestamp)"
                + " have a zone and are written as UTC instants, but the run read the backup's"
                + " date-times of reservations as wall times in Asia/Tokyo (240 row(s))"
                + " (summary.json, sources.backup.zone_read)")
        .contains(
            "set time_zone: Asia/Tokyo on each of these columns in the target mapping"
                + " (docs/import.md, Columns without a time zone)");

    // time_zone on the columns: the two sides agree, nothing to say
    Files.writeString(target.mapping, MAPPING);
    CliRun agreed = target.plan();
    assertThat(agreed.exitCode()).as(agreed.err()).isZero();
    assertThat(agreed.out()).doesNotContain("written as UTC instants");
  }

  @Test
  void aRowMovedSinceTheBackupIsKeptOutWithBothTimesAsWallTimeInTheColumnsZone() throws Exception {
    // the application moved KN-1 to 29 November 14:00 after the backup held 15 November 10:30
    Fixtures.writeRun(
        target.run,
        List.of(
            Fixtures.updated(
                "reservation",
                1,
                fields("reference", "KN-1", "visit_at", "2026-11-15T01:30:00Z", "guests", "2"),
                fields("visit_at", "2026-11-22T00:30:00Z"))));

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains(
            "reservations.visit_at (wall time in Asia/Tokyo) holds '2026-11-29T14:00', not the"
                + " backup's '2026-11-15T10:30' that the approved change to '2026-11-22T09:30'"
                + " starts from");
  }
}
