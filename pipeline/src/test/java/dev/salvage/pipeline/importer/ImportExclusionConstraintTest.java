package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coworking space's bookings with an exclusion constraint against double bookings of a room, as
 * an outside trial's Django schema had it: staff took a walk-in booking after the backup was
 * restored, in the slot of a lost booking. Plan keeps the lost booking out, naming the constraint
 * and the row it clashes with; before, plan wrote it and apply failed, rolling back every record.
 */
class ImportExclusionConstraintTest {
  private static final String MAPPING =
      """
      entities:
        booking:
          table: space.bookings
          key: {column: id, type: uuid}
          natural_key: reference
          columns:
            reference: {field: reference, type: text}
            room_id:
              field: room
              type: uuid
              lookup: {table: space.rooms, match: code, take: id}
            starts_at: {field: starts_at, type: timestamptz}
            ends_at:   {field: ends_at, type: timestamptz}
            status:    {field: status, type: text}
      """;

  private static final String SCHEMA =
      """
      CREATE EXTENSION IF NOT EXISTS btree_gist;
      CREATE SCHEMA space;
      CREATE TABLE space.rooms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(), code text NOT NULL UNIQUE);
      CREATE TABLE space.bookings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE,
        room_id uuid NOT NULL REFERENCES space.rooms (id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status text NOT NULL,
        deleted_at timestamptz,
        CONSTRAINT bookings_no_double_booking EXCLUDE USING gist
          (room_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
          WHERE (status = 'confirmed' AND deleted_at IS NULL));
      INSERT INTO space.rooms (code) VALUES ('ELSTER'), ('PARTHE');
      INSERT INTO space.bookings (reference, room_id, starts_at, ends_at, status)
        SELECT 'WALK-IN', id, '2026-12-17 09:00+00', '2026-12-17 11:00+00', 'confirmed'
        FROM space.rooms WHERE code = 'ELSTER';
      """;

  @TempDir Path temp;
  private PostgresImport target;

  @BeforeEach
  void createDatabase() throws Exception {
    target = PostgresImport.create(temp, SCHEMA, MAPPING);
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  private static ReconstructedRecord booking(
      String reference, String room, String start, String end, String status) {
    return fresh(
        "booking:new-" + reference,
        "booking",
        1.0,
        false,
        fields(
            "reference",
            reference,
            "room",
            room,
            "starts_at",
            start,
            "ends_at",
            end,
            "status",
            status));
  }

  @Test
  void aBookingOverlappingARowOfTheTargetInTheSameRoomIsKeptOutNamingTheConstraintAndTheRow()
      throws Exception {
    Fixtures.writeRun(
        target.run,
        List.of(
            // the lost booking whose slot the walk-in took
            booking(
                "RK-LOST", "elster", "2026-12-17T10:00:00Z", "2026-12-17T12:00:00Z", "confirmed"),
            // the same hours in another room, the hour after in the same room, and a cancelled
            // booking of the same slot (the constraint's WHERE leaves it out): none clashes
            booking(
                "RK-OTHER", "PARTHE", "2026-12-17T09:00:00Z", "2026-12-17T11:00:00Z", "confirmed"),
            booking(
                "RK-AFTER", "ELSTER", "2026-12-17T11:00:00Z", "2026-12-17T12:00:00Z", "confirmed"),
            booking(
                "RK-CANCEL",
                "ELSTER",
                "2026-12-17T09:30:00Z",
                "2026-12-17T10:30:00Z",
                "cancelled")));

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    String walkIn = target.db.text("SELECT id FROM space.bookings WHERE reference = 'WALK-IN'");
    assertThat(planned.out())
        .contains("Plan: 3 inserts, 0 updates, 1 records skipped")
        .contains(
            "  booking:new-RK-LOST: exclusion constraint bookings_no_double_booking refuses"
                + " space.bookings.room_id = the id of the space.rooms row whose code is 'elster',"
                + " space.bookings.starts_at = '2026-12-17T10:00:00Z'::timestamptz,"
                + " space.bookings.ends_at = '2026-12-17T12:00:00Z'::timestamptz: the target's row"
                + " id = "
                + walkIn
                + " clashes with it (EXCLUDE USING gist (room_id WITH =, tstzrange(starts_at,"
                + " ends_at) WITH &&) WHERE")
        .doesNotContain("booking:new-RK-OTHER:")
        .doesNotContain("booking:new-RK-AFTER:")
        .doesNotContain("booking:new-RK-CANCEL:");

    target.apply();
    assertThat(
            target.db.text(
                "SELECT string_agg(reference, ', ' ORDER BY reference) FROM space.bookings"))
        .isEqualTo("RK-AFTER, RK-CANCEL, RK-OTHER, WALK-IN");
  }

  @Test
  void twoLostBookingsOfOneRoomAtOverlappingTimesPlanTheFirstByIdAndKeepTheSecondOut()
      throws Exception {
    Fixtures.writeRun(
        target.run,
        List.of(
            booking("RK-B", "PARTHE", "2026-12-18T10:00:00Z", "2026-12-18T12:00:00Z", "confirmed"),
            booking("RK-A", "parthe", "2026-12-18T09:00:00Z", "2026-12-18T11:00:00Z", "confirmed"),
            // back to back with RK-A, and the same hours cancelled: neither clashes
            booking("RK-C", "PARTHE", "2026-12-18T08:00:00Z", "2026-12-18T09:00:00Z", "confirmed"),
            booking(
                "RK-D", "PARTHE", "2026-12-18T09:00:00Z", "2026-12-18T11:00:00Z", "cancelled")));

    CliRun planned = target.plan();

    assertThat(planned.exitCode()).as(planned.err()).isZero();
    assertThat(planned.out())
        .contains("Plan: 3 inserts, 0 updates, 1 records skipped")
        .contains(
            "  booking:new-RK-B: exclusion constraint bookings_no_double_booking refuses"
                + " space.bookings.room_id = the id of the space.rooms row whose code is 'PARTHE',"
                + " space.bookings.starts_at = '2026-12-18T10:00:00Z'::timestamptz,"
                + " space.bookings.ends_at = '2026-12-18T12:00:00Z'::timestamptz: record"
                + " booking:new-RK-A of this plan, planned before it (records are taken in the"
                + " order of their ids), clashes with it with space.bookings.room_id = the id of"
                + " the space.rooms row whose code is 'parthe'")
        .doesNotContain("booking:new-RK-A:")
        .doesNotContain("booking:new-RK-C:")
        .doesNotContain("booking:new-RK-D:");

    target.apply();
    assertThat(
            target.db.text(
                "SELECT string_agg(reference, ', ' ORDER BY reference) FROM space.bookings"))
        .isEqualTo("RK-A, RK-C, RK-D, WALK-IN");
  }
}
