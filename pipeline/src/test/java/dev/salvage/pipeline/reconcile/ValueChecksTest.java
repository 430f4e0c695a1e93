package dev.salvage.pipeline.reconcile;

import static dev.salvage.pipeline.reconcile.EntityMergerTest.obs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Alternative;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueChecksTest {
  static final String MODEL =
      """
      entities:
        stay:
          keys: [code]
          require_keys: [code]
          fields:
            code: text
            arrives: datetime
            leaves: datetime
            price: integer
            paid: integer
          checks:
            price: {min: 0}
            leaves: {after: arrives}
            paid: {at_most: price}
      """;

  static Observation claim(String source, String ref, String at, Map<String, String> fields) {
    return obs("stay", source, ref, at, fields, "code");
  }

  static ReconstructedRecord merged(List<Observation> cluster) throws Exception {
    return ((EntityMerger.Emitted) EntityMergerTest.merger(MODEL).merge(cluster)).record();
  }

  @Test
  void aBackupRowNothingChangesThatBreaksACheckIsWrittenFlaggedNamingTheCheckAndNotChanged()
      throws Exception {
    Observation row =
        obs(
            "stay",
            "backup",
            "backup:stays#3",
            "2026-04-20T10:00:00Z",
            Map.of("code", "S-3", "price", "-18000"),
            "code");

    EntityMerger.Merged merged = EntityMergerTest.merger(MODEL).merge(List.of(row));

    assertThat(merged).isInstanceOf(EntityMerger.Emitted.class);
    ReconstructedRecord stay = ((EntityMerger.Emitted) merged).record();
    assertThat(stay.action()).isEqualTo(Action.UNCHANGED);
    assertThat(stay.value("price")).isEqualTo("-18000");
    assertThat(stay.changes()).isEmpty();
    assertThat(stay.flagged()).isTrue();
    assertThat(stay.reasons())
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .startsWith("price -18000 (from backup:stays#3) breaks the check min 0"));
  }

  @Test
  void aBackupRowNothingChangesThatKeepsTheChecksIsStillCarriedOver() throws Exception {
    Observation row =
        obs(
            "stay",
            "backup",
            "backup:stays#3",
            "2026-04-20T10:00:00Z",
            Map.of("code", "S-3", "price", "18000"),
            "code");

    assertThat(EntityMergerTest.merger(MODEL).merge(List.of(row)))
        .isInstanceOf(EntityMerger.CarriedOver.class);
  }

  @Test
  void aNegativePriceLosesToAPositiveOneOfAnotherSourceAndStaysAsAnAlternative() throws Exception {
    Observation payment =
        claim(
            "stripe",
            "stripe:ch_1",
            "2026-05-02T10:00:00Z",
            Map.of("code", "S-1", "price", "180000"));
    // newer, and alone it would win as the newest word
    Observation mail =
        claim("mail", "email:m1", "2026-05-03T10:00:00Z", Map.of("code", "S-1", "price", "-18000"));

    ReconstructedRecord stay = merged(List.of(payment, mail));

    assertThat(stay.action()).isEqualTo(Action.NEW);
    assertThat(stay.value("price")).isEqualTo("180000");
    assertThat(stay.flagged()).isFalse();
    Alternative beaten = stay.fields().get("price").alternatives().get(0);
    assertThat(beaten.value()).isEqualTo("-18000");
    assertThat(beaten.sources()).containsExactly("email:m1");
    assertThat(beaten.note())
        .isEqualTo(
            "breaks the check min 0 (checks of the entity model): 180000, which keeps it, won");
    assertThat(ValueChecks.beatenBy(beaten)).isEqualTo("min 0");
  }

  @Test
  void aPriceEveryClaimGivesNegativeIsKeptAndFlaggedNamingTheValueTheCheckAndTheEvidence()
      throws Exception {
    Observation mail =
        claim("mail", "email:m1", "2026-05-03T10:00:00Z", Map.of("code", "S-1", "price", "-18000"));
    Observation calendar =
        claim(
            "calendar",
            "calendar:e1",
            "2026-05-03T10:05:00Z",
            Map.of("code", "S-1", "price", "-18000"));

    ReconstructedRecord stay = merged(List.of(mail, calendar));

    assertThat(stay.value("price")).isEqualTo("-18000");
    assertThat(stay.flagged()).isTrue();
    assertThat(stay.confidence()).isEqualTo(0.5);
    assertThat(stay.reasons())
        .contains(
            "price -18000 (from email:m1 and others) breaks the check min 0 (checks of the entity"
                + " model), and no evidence gives a value that keeps it: correct it in review"
                + " before this record is imported");
  }

  @Test
  void aDepartureBeforeTheArrivalIsFlaggedNamingBothValuesAndTheirEvidence() throws Exception {
    Observation mail =
        claim(
            "mail",
            "email:m1",
            "2026-05-03T10:00:00Z",
            Map.of(
                "code",
                "S-1",
                "arrives",
                "2026-03-21T15:00:00Z",
                "leaves",
                "2026-03-20T11:00:00Z"));

    ReconstructedRecord stay = merged(List.of(mail));

    assertThat(stay.value("leaves")).isEqualTo("2026-03-20T11:00:00Z");
    assertThat(stay.flagged()).isTrue();
    assertThat(stay.reasons())
        .contains(
            "leaves 2026-03-20T11:00:00Z (from email:m1) breaks the check leaves after arrives"
                + " (checks of the entity model): arrives is 2026-03-21T15:00:00Z (from email:m1);"
                + " one of them is wrong: correct it in review before this record is imported");
  }

  @Test
  void valuesThatKeepTheChecksAreNotFlagged() throws Exception {
    Observation mail =
        claim(
            "mail",
            "email:m1",
            "2026-05-03T10:00:00Z",
            Map.of(
                "code",
                "S-1",
                "price",
                "0",
                "arrives",
                "2026-03-20T15:00:00Z",
                "leaves",
                "2026-03-22T11:00:00Z"));

    ReconstructedRecord stay = merged(List.of(mail));

    assertThat(stay.flagged()).isFalse();
    assertThat(stay.confidence()).isEqualTo(1.0);
  }

  @Test
  void paymentsSummingAboveThePriceAreFlaggedNamingBothFieldsTheirValuesAndTheCheck()
      throws Exception {
    Observation mail =
        claim("mail", "email:m1", "2026-05-03T10:00:00Z", Map.of("code", "S-1", "price", "60000"));
    Observation payment =
        claim(
            "stripe",
            "stripe:ch_1",
            "2026-05-03T10:05:00Z",
            Map.of("code", "S-1", "paid", "72000"));

    ReconstructedRecord stay = merged(List.of(mail, payment));

    assertThat(stay.value("paid")).isEqualTo("72000");
    assertThat(stay.value("price")).isEqualTo("60000");
    assertThat(stay.flagged()).isTrue();
    assertThat(stay.reasons())
        .contains(
            "paid 72000 (from stripe:ch_1) breaks the check paid at_most price (checks of the"
                + " entity model): price is 60000 (from email:m1); one of them is wrong: correct it"
                + " in review before this record is imported");
  }

  @Test
  void aBackupRowThatBreaksACheckIsSaidToBeAsTheBackupHoldsItNotToBeCorrectedBeforeImport()
      throws Exception {
    Observation row =
        obs(
            "stay",
            "backup",
            "backup:stays#4",
            "2026-04-20T10:00:00Z",
            Map.of("code", "S-4", "price", "-18000"),
            "code");

    ReconstructedRecord stay =
        ((EntityMerger.Emitted) EntityMergerTest.merger(MODEL).merge(List.of(row))).record();

    assertThat(stay.action()).isEqualTo(Action.UNCHANGED);
    assertThat(stay.reasons())
        .contains(
            "price -18000 (from backup:stays#4) breaks the check min 0 (checks of the entity"
                + " model): the backup's row is carried over as the backup holds it, no evidence"
                + " since changes it; correct it in the application or in review")
        .noneMatch(reason -> reason.contains("before this record is imported"));
  }
}
