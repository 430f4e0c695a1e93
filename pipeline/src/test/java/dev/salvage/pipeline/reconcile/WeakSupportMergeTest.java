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
}
