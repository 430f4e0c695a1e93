package dev.salvage.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.SalvagePipeline;
import dev.salvage.pipeline.beam.Coders;
import dev.salvage.pipeline.beam.RunCounts;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Change;
import dev.salvage.pipeline.reconcile.MergeSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;

/**
 * A booking the backup holds, whose only trace since is a calendar event without the booking
 * reference, was never weighed against that event: a backup row that no keyed evidence changed was
 * carried over before matching ran, so the event matched nothing, became a flagged NEW booking
 * without a reference (which the import refuses) and the change it said was lost. Events from
 * before the backup that it holds unchanged became such NEW bookings too.
 */
class BackupEntitiesMatchedTest {
  private static final String MODEL =
      """
      entities:
        reservation:
          keys: [reference, calendar_uid, backup_id]
          require_keys: [reference]
          fields:
            backup_id: text
            reference: text
            customer_email: email
            vehicle: text
            branch: text
            pickup_at: datetime
            return_at: datetime
            booked_at: datetime
            calendar_uid: text
          merge:
            booked_at: {strategy: earliest}
          linking:
            link: 10
            review: 0
            ambiguity: 3
            max_block: 200
            compare: [customer_email, vehicle, branch, pickup_at, return_at, booked_at]
            block: [customer_email, branch+pickup_at, branch+booked_at]
            new_entity: [branch, pickup_at]
      """;

  private static final Instant BACKUP = Instant.parse("2026-03-01T00:00:00Z");
  private static final List<String> BACKUP_FIELDS =
      List.of(
          "backup_id",
          "reference",
          "customer_email",
          "vehicle",
          "branch",
          "pickup_at",
          "return_at",
          "booked_at");
  private static final List<String> VEHICLES = List.of("compact", "wagon", "van", "suv", "sedan");

  private static MergeSettings settings() {
    return new MergeSettings(
        MODEL,
        "entities.yaml",
        List.of("mail", "calendar"),
        "backup",
        BACKUP,
        Map.of("reservation", BACKUP_FIELDS));
  }

  /** Booking {@code i}'s values: its own customer, one of five cars and two branches. */
  private static Map<String, String> booking(int i, Instant bookedAt) {
    Instant pickup = bookedAt.plus(Duration.ofDays(12 + i % 5)).plusSeconds(3600L * (i % 7));
    Map<String, String> values = new HashMap<>();
    values.put("customer_email", "c" + i + "@example.com");
    values.put("vehicle", VEHICLES.get(i % VEHICLES.size()));
    values.put("branch", i % 2 == 0 ? "FUK" : "HKT");
    values.put("pickup_at", pickup.toString());
    values.put("return_at", pickup.plus(Duration.ofDays(2 + i % 3)).toString());
    values.put("booked_at", bookedAt.toString());
    return values;
  }

  private static Observation observation(
      String source, String ref, Instant at, Map<String, String> fields, String... keyFields) {
    Map<String, String> keys = new HashMap<>();
    for (String key : keyFields) {
      keys.put(key, fields.get(key));
    }
    return new Observation("reservation", keys, fields, at, source, ref, source + "_rule");
  }

  private static Observation backupRow(int i, Map<String, String> values) {
    Map<String, String> row = new HashMap<>(values);
    row.put("backup_id", Integer.toString(i));
    row.put("reference", "SK-" + (1000 + i));
    return observation(
        "backup",
        "backup:reservations#" + i,
        Instant.parse(values.get("booked_at")),
        row,
        "backup_id",
        "reference");
  }

  private static Observation event(int i, Instant edited, Map<String, String> values) {
    Map<String, String> fields = new HashMap<>(values);
    fields.put("calendar_uid", "ev" + i);
    return observation("calendar", "calendar:ev" + i, edited, fields, "calendar_uid");
  }

  /**
   * Forty bookings in the backup (made in February, nothing since but as said below), forty made
   * after it, each with a confirmation mail and a calendar event that carry the reference (pairs
   * known to match, for the model to learn from), and two events without the reference: booking
   * 7's, moved by a day after the backup, and booking 9's, from before the backup and as it holds.
   */
  private static List<Observation> business() {
    List<Observation> observations = new ArrayList<>();
    Instant february = Instant.parse("2026-02-01T08:00:00Z");
    for (int i = 0; i < 40; i++) {
      Instant bookedAt = february.plus(Duration.ofHours(14L * i + 1)).plusSeconds(60L * i);
      observations.add(backupRow(i, booking(i, bookedAt)));
    }
    Instant march = Instant.parse("2026-03-02T08:00:00Z");
    for (int i = 40; i < 80; i++) {
      Instant bookedAt = march.plus(Duration.ofHours(14L * (i - 40) + 1)).plusSeconds(60L * i);
      Map<String, String> values = booking(i, bookedAt);
      values.put("reference", "SK-" + (1000 + i));
      observations.add(
          observation("mail", "email:m" + i, bookedAt.plusSeconds(20), values, "reference"));
      observations.add(event(i, bookedAt.plusSeconds(60), values));
    }
    Instant booked7 = february.plus(Duration.ofHours(14L * 7 + 1)).plusSeconds(60L * 7);
    Map<String, String> moved = booking(7, booked7);
    moved.put(
        "pickup_at", Instant.parse(moved.get("pickup_at")).plus(Duration.ofDays(1)).toString());
    moved.put(
        "return_at", Instant.parse(moved.get("return_at")).plus(Duration.ofDays(1)).toString());
    observations.add(event(7, Instant.parse("2026-03-05T10:00:00Z"), moved));
    Instant booked9 = february.plus(Duration.ofHours(14L * 9 + 1)).plusSeconds(60L * 9);
    observations.add(event(9, booked9.plusSeconds(60), booking(9, booked9)));
    return observations;
  }

  @Test
  void aBackupBookingMovedOnlyInAnUnreferencedCalendarEventIsUpdatedNotANewBooking() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple linked =
        SalvagePipeline.link(
            pipeline.apply(Create.of(business()).withCoder(Coders.observation())),
            settings(),
            1000,
            true);
    String movedPickup =
        Instant.parse(
                booking(
                        7,
                        Instant.parse("2026-02-01T08:00:00Z")
                            .plus(Duration.ofHours(14L * 7 + 1))
                            .plusSeconds(60L * 7))
                    .get("pickup_at"))
            .plus(Duration.ofDays(1))
            .toString();

    PAssert.that(linked.get(MatchUnlinkedEvidence.RECORDS))
        .satisfies(
            records -> {
              Map<String, ReconstructedRecord> byId = new HashMap<>();
              records.forEach(r -> byId.put(r.id(), r));
              ReconstructedRecord seven = byId.get("reservation:7");
              assertThat(seven).as("booking 7, the backup's, with its moved event").isNotNull();
              assertThat(seven.action()).isEqualTo(Action.UPDATED);
              assertThat(seven.value("pickup_at")).isEqualTo(movedPickup);
              assertThat(seven.changes())
                  .extracting(Change::field)
                  .contains("pickup_at", "return_at");
              assertThat(seven.keys().get("calendar_uid")).containsExactly("ev7");
              assertThat(seven.links()).hasSize(1);
              assertThat(seven.links().get(0).evidence()).containsExactly("calendar:ev7");
              // no booking is written twice, and none without a reference
              records.forEach(
                  r -> {
                    assertThat(r.keys().get("reference")).as(r.id()).hasSize(1);
                    assertThat(r.keys().get("calendar_uid"))
                        .as(r.id())
                        .isNotEqualTo(List.of("ev9"));
                  });
              // the backup's other bookings, untouched since, are not written
              assertThat(byId.keySet())
                  .filteredOn(id -> !id.startsWith("reservation:new-"))
                  .containsExactly("reservation:7");
              assertThat(byId).hasSize(41);
              return null;
            });
    PAssert.that(linked.get(MatchUnlinkedEvidence.UNLINKED)).empty();
    Map<String, Long> counts = RunCounts.run(pipeline);
    assertThat(counts).containsEntry("entity.reservation.CARRIED_OVER", 39L);
    assertThat(counts).containsEntry("linking.reservation.backup_updated", 1L);
    assertThat(counts).containsEntry("linking.reservation.backup_corroborated", 1L);
  }

  /**
   * An event from before the backup that matches a booking it holds only below {@code link} (car,
   * branch and a pickup half an hour off, no customer) says nothing new either, but is not taken
   * unseen into a record nobody reads: it stays in the unlinked evidence, naming the booking.
   */
  @Test
  void anOldEventThatMatchesABackupBookingOnlyForReviewStaysUnlinkedNamingIt() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    Instant booked11 =
        Instant.parse("2026-02-01T08:00:00Z")
            .plus(Duration.ofHours(14L * 11 + 1))
            .plusSeconds(60L * 11);
    Map<String, String> vague = new HashMap<>();
    Map<String, String> booking = booking(11, booked11);
    vague.put("vehicle", booking.get("vehicle"));
    vague.put("branch", booking.get("branch"));
    vague.put("pickup_at", Instant.parse(booking.get("pickup_at")).plusSeconds(1800).toString());
    List<Observation> observations = new ArrayList<>(business());
    observations.add(event(11, booked11.plusSeconds(3600), vague));
    PCollectionTuple linked =
        SalvagePipeline.link(
            pipeline.apply(Create.of(observations).withCoder(Coders.observation())),
            settings(),
            1000,
            true);

    PAssert.that(linked.get(MatchUnlinkedEvidence.RECORDS))
        .satisfies(
            records -> {
              records.forEach(
                  r ->
                      assertThat(r.keys().get("calendar_uid"))
                          .as(r.id())
                          .isNotEqualTo(List.of("ev11")));
              return null;
            });
    PAssert.that(linked.get(MatchUnlinkedEvidence.UNLINKED))
        .satisfies(
            unlinked -> {
              assertThat(unlinked)
                  .singleElement()
                  .satisfies(
                      r -> {
                        assertThat(r.keys().get("calendar_uid")).containsExactly("ev11");
                        assertThat(r.reasons())
                            .anySatisfy(
                                reason ->
                                    assertThat(reason)
                                        .startsWith("matches reservation:11 (weight ")
                                        .contains("below the link threshold"));
                      });
              return null;
            });
    Map<String, Long> counts = RunCounts.run(pipeline);
    assertThat(counts).containsEntry("linking.reservation.backup_corroborated_for_review", 1L);
    assertThat(counts).containsEntry("linking.reservation.backup_corroborated", 1L);
  }

  @Test
  void exactLinkingStillCountsTheBackupsUntouchedBookingsAsCarriedOver() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollectionTuple linked =
        SalvagePipeline.link(
            pipeline.apply(Create.of(business()).withCoder(Coders.observation())),
            settings(),
            1000,
            false);

    PAssert.that(linked.get(MatchUnlinkedEvidence.RECORDS))
        .satisfies(
            records -> {
              assertThat(records).hasSize(40);
              return null;
            });
    Map<String, Long> counts = RunCounts.run(pipeline);
    assertThat(counts).containsEntry("entity.reservation.CARRIED_OVER", 40L);
  }
}
