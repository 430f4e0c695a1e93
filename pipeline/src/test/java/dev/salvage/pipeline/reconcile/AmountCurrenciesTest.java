package dev.salvage.pipeline.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A sum tied to the field naming its amounts' currency ({@code paid_cents: {strategy: sum,
 * currency: currency}}): amounts in two currencies are not added silently. An outside trial's hut
 * booking paid a deposit of 34320 CHF and a balance of 76267 EUR and came out paid 110587 EUR, NEW,
 * unflagged, at confidence 1.0.
 */
class AmountCurrenciesTest {
  private static final String MODEL =
      """
      entities:
        booking:
          keys: [reference, backup_id]
          require_keys: [reference]
          fields:
            backup_id: text
            reference: upper
            price_cents: integer
            paid_cents: integer
            currency: upper
          merge:
            paid_cents: {strategy: sum, currency: currency}
            price_cents: {currency: currency}
      """;
  private static final String UNTIED =
      MODEL
          .replace("{strategy: sum, currency: currency}", "{strategy: sum}")
          .replace("      price_cents: {currency: currency}\n", "");
  private static final Instant BACKUP = Instant.parse("2026-09-01T02:00:00Z");

  private static EntityMerger merger(String model) {
    try {
      return new EntityMerger(
          EntityModel.parse(model, "entities.yaml"),
          new MergeSettings(
              model,
              "entities.yaml",
              List.of("mail", "stripe", "backup"),
              "backup",
              BACKUP,
              Map.of(
                  "booking",
                  List.of("backup_id", "reference", "price_cents", "paid_cents", "currency")),
              Instant.parse("2026-12-07T00:00:00Z"),
              ZoneId.of("Europe/Zurich")));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Observation obs(String source, String ref, String at, String... fieldsAndValues) {
    Map<String, String> fields = new TreeMap<>();
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      fields.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
    }
    Map<String, String> keys = new TreeMap<>();
    for (String key : List.of("reference", "backup_id")) {
      if (fields.containsKey(key)) {
        keys.put(key, fields.get(key));
      }
    }
    return new Observation(
        "booking", keys, fields, Instant.parse(at), source, ref, "r", Map.of(), List.of());
  }

  private static ReconstructedRecord emitted(String model, List<Observation> cluster) {
    EntityMerger.Merged outcome = merger(model).merge(cluster);
    assertThat(outcome).isInstanceOf(EntityMerger.Emitted.class);
    return ((EntityMerger.Emitted) outcome).record();
  }

  private static final Observation DEPOSIT =
      obs(
          "stripe",
          "stripe:ch_1",
          "2026-10-01T10:00:00Z",
          "reference",
          "H2-0077",
          "paid_cents",
          "34320",
          "currency",
          "CHF");
  private static final Observation BALANCE =
      obs(
          "stripe",
          "stripe:ch_2",
          "2026-10-20T10:00:00Z",
          "reference",
          "H2-0077",
          "paid_cents",
          "76267",
          "currency",
          "EUR");

  @Test
  void aSumOfAmountsInTwoCurrenciesIsFlaggedNamingEachAmountItsCurrencyAndItsPiece() {
    ReconstructedRecord booking = emitted(MODEL, List.of(DEPOSIT, BALANCE));

    // nothing is converted: the value stays what the claims add up to, for a person to correct
    assertThat(booking.value("paid_cents")).isEqualTo("110587");
    assertThat(booking.action()).isEqualTo(Action.NEW);
    assertThat(booking.flagged()).isTrue();
    assertThat(booking.confidence()).isEqualTo(0.5);
    assertThat(booking.reasons())
        .contains(
            "paid_cents adds 34320 CHF (stripe:ch_1) and 76267 EUR (stripe:ch_2): amounts in two"
                + " currencies cannot be added; enter the total in one currency in review");
  }

  @Test
  void withoutTheTieASumInTwoCurrenciesIsAddedAsBefore() {
    // the entity model ties no amount to a currency unless it says so
    ReconstructedRecord booking = emitted(UNTIED, List.of(DEPOSIT, BALANCE));
    assertThat(booking.value("paid_cents")).isEqualTo("110587");
    assertThat(booking.flagged()).isFalse();
  }

  @Test
  void aSumInOneCurrencyIsTheSameRecordWithTheTieAsWithout() {
    Observation mail =
        obs(
            "mail",
            "email:<c1@huts>",
            "2026-10-01T09:58:00Z",
            "reference",
            "H2-0078",
            "price_cents",
            "110000",
            "currency",
            "CHF");
    Observation deposit =
        obs(
            "stripe",
            "stripe:ch_3",
            "2026-10-01T10:00:00Z",
            "reference",
            "H2-0078",
            "paid_cents",
            "30000",
            "currency",
            "CHF");
    // a refund object names no currency of its own: it weighs nothing
    Observation refund =
        obs(
            "stripe",
            "stripe:re_1",
            "2026-10-05T10:00:00Z",
            "reference",
            "H2-0078",
            "paid_cents",
            "-5000");
    Observation balance =
        obs(
            "stripe",
            "stripe:ch_4",
            "2026-10-20T10:00:00Z",
            "reference",
            "H2-0078",
            "paid_cents",
            "80000",
            "currency",
            "CHF");
    List<Observation> cluster = List.of(mail, deposit, refund, balance);

    ReconstructedRecord tied = emitted(MODEL, cluster);

    assertThat(tied.value("paid_cents")).isEqualTo("105000");
    assertThat(tied.flagged()).isFalse();
    assertThat(tied).isEqualTo(emitted(UNTIED, cluster));
  }

  @Test
  void theBackupsAmountAndAPaymentSinceInAnotherCurrencyAreFlaggedNamingTheBackupsValue() {
    Observation row =
        obs(
            "backup",
            "backup:bookings#7",
            "2026-08-20T00:00:00Z",
            "backup_id",
            "7",
            "reference",
            "H2-0079",
            "paid_cents",
            "34320",
            "currency",
            "CHF");
    Observation balance =
        obs(
            "stripe",
            "stripe:ch_5",
            "2026-10-20T10:00:00Z",
            "reference",
            "H2-0079",
            "paid_cents",
            "76267",
            "currency",
            "EUR");
    // a refund emitted from the same Dashboard CSV row as the charge is in the charge's currency
    Observation refundOfTheRow =
        new Observation(
            "booking",
            Map.of("reference", "H2-0079"),
            Map.of("reference", "H2-0079", "paid_cents", "-1000"),
            Instant.parse("2026-10-20T10:00:00Z"),
            "stripe",
            "stripe:ch_5",
            "r",
            Map.of(),
            List.of(),
            1);

    ReconstructedRecord booking = emitted(MODEL, List.of(row, balance, refundOfTheRow));

    assertThat(booking.value("paid_cents")).isEqualTo("109587");
    assertThat(booking.action()).isEqualTo(Action.UPDATED);
    assertThat(booking.flagged()).isTrue();
    assertThat(booking.reasons())
        .contains(
            "paid_cents adds 34320 CHF (backup:bookings#7, the backup's value), 76267 EUR"
                + " (stripe:ch_5) and -1000 EUR (stripe:ch_5 [ordinal 1]): amounts in two"
                + " currencies cannot be added; enter the total in one currency in review");
  }

  @Test
  void aPriceClaimedInACurrencyOtherThanTheRecordsIsFlaggedNamingBoth() {
    // a CHF booking paid with a checkout in EUR: the charge and its Dashboard copy (two sources)
    // outvote the confirmation mail's CHF, and the CHF price would be imported as EUR
    Observation mail =
        obs(
            "mail",
            "email:<c3@huts>",
            "2026-10-01T09:58:00Z",
            "reference",
            "H2-0081",
            "price_cents",
            "62400",
            "currency",
            "CHF");
    Observation charge =
        obs(
            "stripe",
            "stripe:ch_7",
            "2026-10-01T10:03:00Z",
            "reference",
            "H2-0081",
            "paid_cents",
            "59429",
            "currency",
            "EUR");
    Observation copy =
        new Observation(
            "booking",
            charge.keys(),
            charge.fields(),
            charge.observedAt(),
            "stripecsv",
            "stripe:ch_7",
            "csv_charge",
            Map.of(),
            List.of());

    ReconstructedRecord booking = emitted(MODEL, List.of(mail, charge, copy));

    assertThat(booking.value("currency")).isEqualTo("EUR");
    assertThat(booking.value("price_cents")).isEqualTo("62400");
    assertThat(booking.flagged()).isTrue();
    assertThat(booking.reasons())
        .contains(
            "price_cents 62400 is claimed in CHF (email:<c3@huts>), while the record's currency is"
                + " EUR (from stripe:ch_7): the amount is not in the record's currency; enter it in"
                + " EUR or correct currency in review");
    assertThat(emitted(UNTIED, List.of(mail, charge, copy)).flagged()).isFalse();
  }

  @Test
  void paymentsInOneCurrencyOtherThanTheRecordsAreFlaggedNamingBoth() {
    // a CHF booking paid by a checkout in EUR; the change mail, newer, restates the CHF total
    Observation charge =
        obs(
            "stripe",
            "stripe:ch_6",
            "2026-10-01T10:00:00Z",
            "reference",
            "H2-0080",
            "paid_cents",
            "36000",
            "currency",
            "EUR");
    Observation change =
        obs(
            "mail",
            "email:<c2@huts>",
            "2026-10-03T08:00:00Z",
            "reference",
            "H2-0080",
            "price_cents",
            "37800",
            "currency",
            "CHF");

    ReconstructedRecord booking = emitted(MODEL, List.of(charge, change));

    assertThat(booking.value("paid_cents")).isEqualTo("36000");
    assertThat(booking.value("currency")).isEqualTo("CHF");
    assertThat(booking.flagged()).isTrue();
    assertThat(booking.reasons())
        .contains(
            "paid_cents adds 36000 EUR (stripe:ch_6), in EUR, while the record's currency is CHF"
                + " (from email:<c2@huts>): the amount is not in the record's currency; enter it in"
                + " CHF or correct currency in review");
  }
}
