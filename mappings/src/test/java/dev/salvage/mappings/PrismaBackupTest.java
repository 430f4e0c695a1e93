package dev.salvage.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.connectors.RawRecord;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * A Prisma application's backup: a real pg_dump (PostgreSQL 15) of quoted PascalCase tables,
 * camelCase columns, an enum, {@code timestamp(3) without time zone} columns that Prisma fills with
 * UTC, a {@code timestamptz} and a jsonb column (test resource {@code prisma/backup.sql}).
 */
class PrismaBackupTest {
  private static final Business WARSAW =
      new Business("Music school", ZoneId.of("Europe/Warsaw"), "PL");
  private static final String MODEL =
      """
      entities:
        booking:
          keys: [backup_id]
          fields:
            backup_id: text
            status: upper
            starts_at: datetime
            paid_at: datetime
            teacher: text
            first_slot: text
      """;
  private static final String RULES =
      """
      rules:
        - name: booking_row
          kind: backup.row
          when: [{path: table, equals: Booking}]
          observed_at: {path: columns.updatedAt}
          emit:
            - entity: booking
              fields:
                backup_id: {path: columns.id}
                status: {path: columns.status}
                starts_at: {path: columns.startsAt}
                paid_at: {path: columns.paidAt}
                teacher: {path: columns.metadata.teacher.name}
                first_slot: {path: "columns.metadata.slots[0]"}
      """;

  private static List<RawRecord> bookingRows() throws Exception {
    return TestSupport.readWithoutQuarantine("pgdump", resource("prisma/backup.sql")).stream()
        .filter(r -> r.json().contains("\"Booking\""))
        .toList();
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(
        Objects.requireNonNull(PrismaBackupTest.class.getResource("/" + name), name).toURI());
  }

  private static MappingResult map(String yaml, RawRecord row) throws Exception {
    return SourceMapping.parse(yaml, "backup.yaml", EntityModel.parse(MODEL, "e.yaml"), WARSAW)
        .apply(row);
  }

  @Test
  void withoutAZoneTheTimesAreReadInTheBusinessZoneAndTheResultSaysWhere() throws Exception {
    MappingResult first = map(RULES, bookingRows().get(0));

    Map<String, String> fields = first.observations().get(0).fields();
    // 15:30 read as Warsaw summer time: two hours early for a Prisma app, which wrote UTC
    assertThat(fields).containsEntry("starts_at", "2026-05-09T13:30:00Z");
    // a timestamptz carries its offset, so no zone is assumed for it
    assertThat(fields).containsEntry("paid_at", "2026-04-29T16:04:30.500Z");
    assertThat(first.businessZoneAssumed())
        .containsExactlyInAnyOrder(
            "rule booking_row, field starts_at", "rule booking_row, field observed_at");
  }

  @Test
  void theResultSaysEveryZoneItReadDateTimesWithoutAnOffsetInWhoeverNamedIt() throws Exception {
    List<RawRecord> rows = bookingRows();

    assertThat(map(RULES, rows.get(0)).zonesRead())
        .as("the business zone, assumed")
        .containsExactly("Europe/Warsaw");
    assertThat(map("zone: Asia/Tokyo\n" + RULES, rows.get(0)).zonesRead())
        .as("the file's zone")
        .containsExactly("Asia/Tokyo");
    assertThat(
            map(
                    "zone: Asia/Tokyo\n"
                        + RULES.replace(
                            "{path: columns.startsAt}", "{path: columns.startsAt, zone: UTC}"),
                    rows.get(0))
                .zonesRead())
        .as("an extractor's own zone beside the file's")
        .containsExactlyInAnyOrder("UTC", "Asia/Tokyo");
  }

  @Test
  void aZoneBesideTheRulesReadsEveryTimeOfTheFileInItAndIsNoAssumption() throws Exception {
    List<RawRecord> rows = bookingRows();
    MappingResult first = map("zone: UTC\n" + RULES, rows.get(0));
    MappingResult second = map("zone: UTC\n" + RULES, rows.get(1));

    Observation booking = first.observations().get(0);
    assertThat(booking.fields())
        .containsEntry("starts_at", "2026-05-09T15:30:00Z")
        .containsEntry("paid_at", "2026-04-29T16:04:30.500Z")
        .containsEntry("status", "CONFIRMED");
    assertThat(booking.observedAt()).hasToString("2026-04-29T16:05:05.556Z");
    assertThat(second.observations().get(0).fields())
        .containsEntry("starts_at", "2026-01-15T08:00:00Z");
    assertThat(first.businessZoneAssumed()).isEmpty();

    // an extractor's own zone overrides the file's
    MappingResult local =
        map(
            "zone: UTC\n"
                + RULES.replace(
                    "{path: columns.startsAt}", "{path: columns.startsAt, zone: Europe/Warsaw}"),
            rows.get(0));
    assertThat(local.observations().get(0).fields())
        .containsEntry("starts_at", "2026-05-09T13:30:00Z");
  }

  @Test
  void aPathWalksIntoTheJsonbColumnOfADumpedRow() throws Exception {
    List<RawRecord> rows = bookingRows();

    assertThat(map(RULES, rows.get(0)).observations().get(0).fields())
        .containsEntry("teacher", "Marta")
        .containsEntry("first_slot", "Mon");
    // NULL jsonb: nothing to walk into, and the field is left out
    assertThat(map(RULES, rows.get(1)).observations().get(0).fields())
        .doesNotContainKeys("teacher", "first_slot");
  }

  @Test
  void aFileZoneThatIsNoZoneIdFailsTheMappingNamingIt() {
    assertThatThrownBy(() -> map("zone: Warsaw\n" + RULES, bookingRows().get(0)))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("backup.yaml")
        .hasMessageContaining("\"Warsaw\" is not a time-zone id");
  }
}
