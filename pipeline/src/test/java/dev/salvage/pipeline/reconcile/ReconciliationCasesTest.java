package dev.salvage.pipeline.reconcile;

import static dev.salvage.pipeline.reconcile.EntityMergerTest.obs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Change;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The business cases reconciliation with the backup must get right, one cluster each. */
class ReconciliationCasesTest {
  private final EntityMerger merger;

  ReconciliationCasesTest() throws Exception {
    MergeSettings settings =
        new MergeSettings(
            EntityMergerTest.MODEL,
            "entities.yaml",
            List.of("mail", "stripe", "calendar", "backup"),
            "backup",
            EntityMergerTest.T0,
            Map.of(
                "reservation",
                List.of("backup_id", "reference", "pickup_at", "status", "total_cents"),
                "customer",
                List.of("backup_id", "email", "full_name", "phone")));
    merger = new EntityMerger(EntityModel.parse(EntityMergerTest.MODEL, "entities.yaml"), settings);
  }

  private static Observation backupReservation(String pickupAt, String status) {
    return obs(
        "reservation",
        "backup",
        "backup:reservations#7",
        "2026-04-10T10:00:00Z",
        Map.of(
            "backup_id", "7",
            "reference", "RW-7",
            "pickup_at", pickupAt,
            "status", status,
            "total_cents", "10000"),
        "backup_id",
        "reference");
  }

  private static Observation reservationEvidence(
      String source, String ref, String at, Map<String, String> fields) {
    Map<String, String> withReference = new java.util.HashMap<>(fields);
    withReference.put("reference", "RW-7");
    return obs("reservation", source, ref, at, withReference, "reference");
  }

  private ReconstructedRecord emitted(Observation... cluster) {
    EntityMerger.Merged outcome = merger.merge(List.of(cluster));
    assertThat(outcome).isInstanceOf(EntityMerger.Emitted.class);
    return ((EntityMerger.Emitted) outcome).record();
  }

  private static Change only(ReconstructedRecord record) {
    assertThat(record.changes()).hasSize(1);
    return record.changes().get(0);
  }

  @Test
  void cancelledBookingIsUpdatedToCancelledWithTheCalendarAsEvidence() {
    ReconstructedRecord record =
        emitted(
            backupReservation("2026-06-01T09:00:00Z", "confirmed"),
            reservationEvidence(
                "calendar",
                "calendar:lis/e7",
                "2026-05-12T08:00:00Z",
                Map.of("status", "cancelled")));

    assertThat(record.action()).isEqualTo(Action.UPDATED);
    assertThat(record.id()).isEqualTo("reservation:7");
    Change change = only(record);
    assertThat(change.field()).isEqualTo("status");
    assertThat(change.before()).isEqualTo("confirmed");
    assertThat(change.after()).isEqualTo("cancelled");
    assertThat(change.sources()).containsExactly("calendar:lis/e7");
    assertThat(record.flagged()).isFalse();
  }

  @Test
  void refundChangesTheStatusAndLeavesTheAmountTheBackupHas() {
    ReconstructedRecord record =
        emitted(
            backupReservation("2026-06-01T09:00:00Z", "confirmed"),
            reservationEvidence(
                "stripe", "stripe:re_1", "2026-05-20T08:00:00Z", Map.of("status", "refunded")),
            reservationEvidence(
                "mail",
                "email:receipt",
                "2026-05-02T08:00:00Z",
                Map.of("status", "confirmed", "total_cents", "10000")));

    assertThat(record.action()).isEqualTo(Action.UPDATED);
    Change change = only(record);
    assertThat(change.field()).isEqualTo("status");
    assertThat(change.after()).isEqualTo("refunded");
    assertThat(change.sources()).containsExactly("stripe:re_1");
    assertThat(record.value("total_cents")).isEqualTo("10000");
  }

  @Test
  void customerEmailChangeKeepsTheBackupIdAndShowsBothAddresses() {
    Observation backup =
        obs(
            "customer",
            "backup",
            "backup:customers#3",
            "2026-02-01T00:00:00Z",
            Map.of(
                "backup_id", "3",
                "email", "ana@old.pt",
                "full_name", "Ana Silva",
                "phone", "+351912345678"),
            "backup_id",
            "email",
            "phone");
    Observation mail =
        obs(
            "customer",
            "mail",
            "email:welcome-back",
            "2026-05-10T00:00:00Z",
            Map.of("email", "ana@new.pt", "phone", "+351912345678"),
            "email",
            "phone");

    ReconstructedRecord record = emitted(mail, backup);

    assertThat(record.action()).isEqualTo(Action.UPDATED);
    assertThat(record.id()).isEqualTo("customer:3");
    Change change = only(record);
    assertThat(change.field()).isEqualTo("email");
    assertThat(change.before()).isEqualTo("ana@old.pt");
    assertThat(change.after()).isEqualTo("ana@new.pt");
    assertThat(record.keys().get("email")).containsExactly("ana@new.pt", "ana@old.pt");
  }

  @Test
  void bookingMadeBeforeTheBackupAndChangedAfterItShowsOnlyTheLaterChange() {
    ReconstructedRecord record =
        emitted(
            backupReservation("2026-06-01T09:00:00Z", "confirmed"),
            // the confirmation the backup already reflects
            reservationEvidence(
                "mail",
                "email:confirm",
                "2026-04-10T10:00:05Z",
                Map.of("pickup_at", "2026-06-01T09:00:00Z", "status", "confirmed")),
            // a calendar event edited by hand before the backup: the backup still wins
            reservationEvidence(
                "calendar",
                "calendar:lis/e7",
                "2026-04-25T10:00:00Z",
                Map.of("pickup_at", "2026-06-02T09:00:00Z")),
            reservationEvidence(
                "mail",
                "email:change",
                "2026-05-10T10:00:00Z",
                Map.of("pickup_at", "2026-06-03T09:00:00Z")));

    assertThat(record.action()).isEqualTo(Action.UPDATED);
    Change change = only(record);
    assertThat(change.field()).isEqualTo("pickup_at");
    assertThat(change.before()).isEqualTo("2026-06-01T09:00:00Z");
    assertThat(change.after()).isEqualTo("2026-06-03T09:00:00Z");
    assertThat(change.sources()).containsExactly("email:change");
  }

  @Test
  void olderEvidenceThatDisagreesDoesNotChangeTheBackup() {
    EntityMerger.Merged outcome =
        merger.merge(
            List.of(
                backupReservation("2026-06-01T09:00:00Z", "confirmed"),
                reservationEvidence(
                    "calendar",
                    "calendar:lis/e7",
                    "2026-04-25T10:00:00Z",
                    Map.of("pickup_at", "2026-06-02T09:00:00Z"))));

    // nothing after the backup: it is carried over as it is
    assertThat(outcome)
        .isInstanceOfSatisfying(
            EntityMerger.CarriedOver.class,
            carried -> {
              assertThat(carried.entityType()).isEqualTo("reservation");
              assertThat(carried.record().value("pickup_at")).isEqualTo("2026-06-01T09:00:00Z");
            });
  }

  @Test
  void evidenceNamingTwoBackupCustomersIsAConflictWithBothSides() {
    Observation ana =
        obs(
            "customer",
            "backup",
            "backup:customers#3",
            "2026-02-01T00:00:00Z",
            Map.of("backup_id", "3", "email", "ana@x.pt", "phone", "+351911111111"),
            "backup_id",
            "email",
            "phone");
    Observation rui =
        obs(
            "customer",
            "backup",
            "backup:customers#4",
            "2026-02-02T00:00:00Z",
            Map.of("backup_id", "4", "email", "rui@x.pt", "phone", "+351922222222"),
            "backup_id",
            "email",
            "phone");
    Observation mail =
        obs(
            "customer",
            "mail",
            "email:mixed",
            "2026-05-10T00:00:00Z",
            Map.of("email", "ana@x.pt", "phone", "+351922222222"),
            "email",
            "phone");

    ReconstructedRecord record = emitted(ana, mail, rui);

    assertThat(record.action()).isEqualTo(Action.CONFLICT);
    assertThat(record.flagged()).isTrue();
    assertThat(record.reasons())
        .anyMatch(
            r ->
                r.contains("2 backup rows")
                    && r.contains("customers#3")
                    && r.contains("customers#4"));
    assertThat(record.backup()).isNotNull();
    assertThat(record.evidence())
        .extracting(ReconstructedRecord.Evidence::ref)
        .contains("backup:customers#3", "backup:customers#4", "email:mixed");
  }

  @Test
  void newBookingAfterTheBackupGetsAStableIdIndependentOfEvidenceOrder() {
    Observation confirm =
        reservationEvidence(
            "mail", "email:new", "2026-05-03T08:00:00Z", Map.of("status", "confirmed"));
    Observation pay =
        reservationEvidence(
            "stripe", "stripe:pi_9", "2026-05-03T08:01:00Z", Map.of("total_cents", "4200"));

    ReconstructedRecord first = emitted(confirm, pay);
    ReconstructedRecord again = emitted(pay, confirm);

    assertThat(first.action()).isEqualTo(Action.NEW);
    assertThat(first.id()).startsWith("reservation:new-").isEqualTo(again.id());
    assertThat(first.changes()).isEmpty();
    assertThat(first.flagged()).isFalse();
  }
}
