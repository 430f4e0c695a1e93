package dev.salvage.pipeline.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A booking paid as a deposit and a balance has two payments of one rule naming it: the newer
 * amount wins the price as the newest claim, and the record says so rather than importing it
 * unseen; a price changed by a modification mail does not.
 */
class WeakSupportMergeTest {
  private final EntityMergerTest merging = new EntityMergerTest();

  WeakSupportMergeTest() throws Exception {}

  private static Observation claim(
      String source, String ref, String rule, String at, String cents) {
    return new Observation(
        "reservation",
        Map.of("reference", "RW-1"),
        Map.of("reference", "RW-1", "total_cents", cents),
        Instant.parse(at),
        source,
        ref,
        rule);
  }

  @Test
  void aDepositAndItsBalanceOfOneRuleFlagTheBalanceTakenAsThePrice() {
    ReconstructedRecord record =
        merging.emitted(
            List.of(
                claim(
                    "mail", "email:confirmation", "confirmation", "2026-05-02T10:00:00Z", "38000"),
                claim("mail", "email:reminder", "reminder", "2026-05-03T10:00:00Z", "38000"),
                claim("stripe", "stripe:pi_deposit", "payment", "2026-05-02T10:01:00Z", "10000"),
                claim("stripe", "stripe:pi_balance", "payment", "2026-05-09T10:00:00Z", "28000")));

    assertThat(record.action()).isEqualTo(Action.NEW);
    assertThat(record.value("total_cents")).isEqualTo("28000");
    assertThat(record.flagged()).isTrue();
    assertThat(record.confidence()).isEqualTo(0.5);
    assertThat(record.reasons())
        .contains(
            "total_cents 28000 (from stripe:pi_balance) is one of two values rule payment of"
                + " stripe read for this reservation, the other 10000 (from stripe:pi_deposit):"
                + " two objects of one kind (a deposit and its balance, a second payment), not a"
                + " change, and the newer won; 38000 is claimed by email:confirmation,"
                + " email:reminder; check which is the reservation's total_cents");
  }

  @Test
  void aPriceChangedByAModificationMailStaysUnflagged() {
    ReconstructedRecord record =
        merging.emitted(
            List.of(
                claim(
                    "mail", "email:confirmation", "confirmation", "2026-05-02T10:00:00Z", "47500"),
                claim("stripe", "stripe:pi_1", "payment", "2026-05-02T10:01:00Z", "47500"),
                claim("mail", "email:changed", "changed", "2026-05-09T10:00:00Z", "38000")));

    assertThat(record.value("total_cents")).isEqualTo("38000");
    assertThat(record.flagged()).isFalse();
    assertThat(record.confidence()).isEqualTo(1.0);
  }

  @Test
  void aChangeTheSameRuleMadeTwiceAndARemainderRepeatsStaysUnflagged() {
    // a booking changed twice: the second modification, repeated by the reminder, is agreement
    ReconstructedRecord record =
        merging.emitted(
            List.of(
                claim("mail", "email:changed-1", "changed", "2026-05-02T10:00:00Z", "20000"),
                claim("mail", "email:changed-2", "changed", "2026-05-05T10:00:00Z", "28000"),
                claim("mail", "email:reminder", "reminder", "2026-05-09T10:00:00Z", "28000")));

    assertThat(record.value("total_cents")).isEqualTo("28000");
    assertThat(record.flagged()).isFalse();
  }

  private static Observation booking(
      String source, String ref, String rule, String at, String pickup, String status) {
    // a cancellation mail that does not repeat the time claims the status alone
    return new Observation(
        "reservation",
        Map.of("reference", "RW-1"),
        pickup == null
            ? Map.of("reference", "RW-1", "status", status)
            : Map.of("reference", "RW-1", "pickup_at", pickup, "status", status),
        Instant.parse(at),
        source,
        ref,
        rule);
  }

  @Test
  void aBookingMovedTwiceByMailsOfOneRuleIsAChangeHistoryNotTwoObjects() {
    // one rule reads the confirmation and both reschedule mails: each later mail replaces the last
    ReconstructedRecord record =
        merging.emitted(
            List.of(
                booking(
                    "mail",
                    "email:confirmed",
                    "booking",
                    "2026-05-02T10:00:00Z",
                    "2026-06-01T09:00:00Z",
                    "confirmed"),
                booking(
                    "mail",
                    "email:moved-1",
                    "booking",
                    "2026-05-05T10:00:00Z",
                    "2026-06-03T09:00:00Z",
                    "confirmed"),
                booking(
                    "mail",
                    "email:moved-2",
                    "booking",
                    "2026-05-09T10:00:00Z",
                    "2026-06-04T14:30:00Z",
                    "confirmed")));

    assertThat(record.value("pickup_at")).isEqualTo("2026-06-04T14:30:00Z");
    assertThat(record.reasons()).noneMatch(reason -> reason.contains("two objects of one kind"));
    assertThat(record.flagged()).isFalse();
    assertThat(record.confidence()).isEqualTo(1.0);
  }

  @Test
  void aBackupBookingMovedTwiceThenCancelledByMailsOfOneKindIsAChangeHistory() {
    // the mapping splits the mails by kind: two reschedules are two claims of the moved rule
    ReconstructedRecord record =
        merging.emitted(
            List.of(
                EntityMergerTest.backupRow(
                    Map.of(
                        "backup_id", "7",
                        "reference", "RW-1",
                        "pickup_at", "2026-06-01T09:00:00Z",
                        "status", "confirmed")),
                booking(
                    "mail",
                    "email:confirmed",
                    "confirmed",
                    "2026-04-20T10:00:00Z",
                    "2026-06-01T09:00:00Z",
                    "confirmed"),
                booking(
                    "mail",
                    "email:moved-1",
                    "moved",
                    "2026-05-05T10:00:00Z",
                    "2026-06-03T09:00:00Z",
                    "confirmed"),
                booking(
                    "mail",
                    "email:moved-2",
                    "moved",
                    "2026-05-09T10:00:00Z",
                    "2026-06-04T14:30:00Z",
                    "confirmed"),
                booking(
                    "mail",
                    "email:cancelled",
                    "cancelled",
                    "2026-05-12T10:00:00Z",
                    null,
                    "cancelled")));

    assertThat(record.action()).isEqualTo(Action.UPDATED);
    assertThat(record.value("pickup_at")).isEqualTo("2026-06-04T14:30:00Z");
    assertThat(record.value("status")).isEqualTo("cancelled");
    assertThat(record.reasons()).noneMatch(reason -> reason.contains("two objects of one kind"));
    assertThat(record.flagged()).isFalse();
  }

  @Test
  void aChangeHistoryWhoseMailsTwoSourcesHoldIsOneHistory() {
    // the first reschedule only in the IMAP archive, the rest in the mbox read by the same rules
    ReconstructedRecord record =
        merging.emitted(
            List.of(
                booking(
                    "mail",
                    "email:confirmed",
                    "booking",
                    "2026-05-02T10:00:00Z",
                    "2026-06-01T09:00:00Z",
                    "confirmed"),
                booking(
                    "archive",
                    "email:moved-1",
                    "booking",
                    "2026-05-05T10:00:00Z",
                    "2026-06-03T09:00:00Z",
                    "confirmed"),
                booking(
                    "mail",
                    "email:moved-2",
                    "booking",
                    "2026-05-09T10:00:00Z",
                    "2026-06-04T14:30:00Z",
                    "confirmed")));

    assertThat(record.value("pickup_at")).isEqualTo("2026-06-04T14:30:00Z");
    assertThat(record.flagged()).isFalse();
  }

  @Test
  void aDepositAndItsBalanceAfterAConfirmationAndTheBackupAreStillFlagged() {
    // no reminder repeats the price after the deposit: the payments alone look like a succession
    ReconstructedRecord record =
        merging.emitted(
            List.of(
                EntityMergerTest.backupRow(
                    Map.of("backup_id", "7", "reference", "RW-1", "total_cents", "38000")),
                claim(
                    "mail", "email:confirmation", "confirmation", "2026-04-19T10:00:00Z", "38000"),
                claim("stripe", "stripe:pi_deposit", "payment", "2026-05-02T10:01:00Z", "10000"),
                claim("stripe", "stripe:pi_balance", "payment", "2026-05-09T10:00:00Z", "28000")));

    assertThat(record.value("total_cents")).isEqualTo("28000");
    assertThat(record.flagged()).isTrue();
    assertThat(record.reasons())
        .anyMatch(
            reason ->
                reason.startsWith(
                        "total_cents 28000 (from stripe:pi_balance) is one of two values rule payment"
                            + " of stripe")
                    && reason.contains("two objects of one kind")
                    && reason.contains("38000 is claimed by"));
  }
}
