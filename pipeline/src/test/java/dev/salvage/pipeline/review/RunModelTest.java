package dev.salvage.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.salvage.mappings.Business;
import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.FieldType;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunModelTest {
  /** A clinic's model, not the sample's: a visit is known by its ticket, then by its email. */
  private static final EntityType VISIT =
      new EntityType(
          "visit",
          List.of("ticket", "patient_email"),
          List.of(),
          Map.of(
              "ticket", FieldType.TEXT, "patient_email", FieldType.EMAIL, "room", FieldType.TEXT),
          Map.of(),
          Map.of());

  private static ReconstructedRecord visit(
      String entity, Map<String, String> values, Map<String, List<String>> keys) {
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    values.forEach((name, value) -> fields.put(name, new FieldValue(value, List.of(), 1.0)));
    return ReconstructedRecord.builder(entity + ":1", entity).fields(fields).keys(keys).build();
  }

  @Test
  void namesARecordByItsFirstStrongKeyInTheModelsOrder() {
    RunModel model = RunModel.of(List.of(VISIT));

    assertThat(
            model.title(
                visit(
                    "visit",
                    Map.of("room", "A1", "patient_email", "li@example.com", "ticket", "T-7"),
                    Map.of())))
        .isEqualTo("T-7");
    assertThat(
            model.title(
                visit("visit", Map.of("room", "A1"), Map.of("patient_email", List.of("li@x.org")))))
        .as("a key value the record carries without a merged field")
        .isEqualTo("li@x.org");
    assertThat(model.title(visit("visit", Map.of("room", "A1"), Map.of())))
        .as("no key at all: the first field")
        .isEqualTo("A1");
  }

  @Test
  void withoutTheTypeInTheModelUsesTheRecordsOwnKeys() {
    RunModel model = RunModel.of(List.of(VISIT));

    assertThat(
            model.title(
                visit(
                    "invoice",
                    Map.of("amount", "12"),
                    Map.of("number", List.of("F-2"), "iban", List.of("PT50")))))
        .isEqualTo("PT50");
  }

  /** A kayak rental in Bergen: customers are known by phone, typed as Norwegians write them. */
  private static final EntityType RENTER =
      new EntityType(
          "renter",
          List.of("phone"),
          List.of(),
          Map.of("phone", FieldType.PHONE, "note", FieldType.TEXT),
          Map.of(),
          Map.of());

  private static final Business PADLE = new Business("Padle", ZoneId.of("Europe/Oslo"), "NO");

  private static String stored(RunModel model, String field, String typed) throws Exception {
    return model.edit("renter", field, typed).value();
  }

  private static String refusal(RunModel model, String field, String typed) {
    return catchThrowableOfType(() -> model.edit("renter", field, typed), RunModel.Refused.class)
        .getMessage();
  }

  @Test
  void readsAPhoneEditWithoutCountryCodeInTheBusinessRegion() throws Exception {
    RunModel model =
        RunModel.of(List.of(RENTER), PADLE, "business.phone_region of /srv/padle/salvage.yaml");

    assertThat(stored(model, "phone", "412 55 678")).isEqualTo("+4741255678");
    assertThat(stored(model, "phone", "+46 70 123 45 67")).isEqualTo("+46701234567");
    assertThat(stored(model, "phone", " +4741255678 ")).isEqualTo("+4741255678");
    assertThat(stored(model, "note", "412 55 678")).isEqualTo("412 55 678");

    assertThat(refusal(model, "phone", "41 25"))
        .startsWith(
            "field phone is phone: \"41 25\" is not a phone number of region NO"
                + " (business.phone_region of /srv/padle/salvage.yaml) nor one with a country"
                + " code; write it as it is dialled in NO (")
        .endsWith(") or with its country code");
  }

  @Test
  void refusesAPhoneEditWithoutCountryCodeWhenNoRegionIsDeclared() {
    RunModel model = RunModel.of(List.of(RENTER));

    assertThat(refusal(model, "phone", "412 55 678"))
        .isEqualTo(
            "field phone is phone: \"412 55 678\" is not a phone number with a country code, and"
                + " no region is declared to read one without it (the run config sets no"
                + " business.phone_region); write it with its country code, e.g. +351912345678");
  }

  /** A Dutch bike shop: rentals priced in euros, typed as the desk writes amounts. */
  private static final EntityType RENTAL =
      new EntityType(
          "renter",
          List.of("number"),
          List.of(),
          Map.of("number", FieldType.UPPER, "price", FieldType.MONEY),
          Map.of(),
          Map.of());

  @Test
  void readsAMoneyEditInMajorUnitsAndKeepsTheCanonicalMinorUnits() throws Exception {
    RunModel model = RunModel.of(List.of(RENTAL));

    assertThat(stored(model, "price", "€ 72,50")).isEqualTo("7250");
    assertThat(stored(model, "price", "72.50")).isEqualTo("7250");
    assertThat(stored(model, "price", "EUR 1.234,50")).isEqualTo("123450");
    assertThat(stored(model, "price", "7250")).as("the canonical form").isEqualTo("7250");
    assertThat(model.edit("renter", "price", "72,50").note())
        .isEqualTo("\"72,50\" is 72.50: stored as 7250 (minor units)");
    assertThat(model.edit("renter", "price", "7250").note())
        .as("a bare integer is said too")
        .isEqualTo(
            "\"7250\" is 72.50: stored as 7250 (minor units: a bare integer always is; type"
                + " 7250,00 for 7250.00)");
    assertThat(refusal(model, "price", "1.234"))
        .isEqualTo(
            "field price is money: \"1.234\" is an ambiguous amount: \".\" before three digits"
                + " groups thousands (1234) or marks decimals (1.234); type it with its 2"
                + " decimals (1234.00 if thousands are meant)");
    assertThat(refusal(model, "price", "72,5,0")).startsWith("field price is money: \"72,5,0\"");
    assertThat(stored(model, "number", "r-17"))
        .as("upper, as the mappings write it")
        .isEqualTo("R-17");
  }

  @Test
  void warnsWhenABareIntegerIsAHundredthOfWhatTheEvidenceClaims() throws Exception {
    RunModel model = RunModel.of(List.of(RENTAL));
    ReconstructedRecord rental =
        ReconstructedRecord.builder("renter:1", "renter")
            .fields(
                Map.of(
                    "number",
                    new ReconstructedRecord.FieldValue("R-1", List.of("mail:1"), 1.0),
                    "price",
                    new ReconstructedRecord.FieldValue("3200", List.of("mail:1"), 1.0)))
            .build();

    assertThat(model.edit(rental, "price", "32").note())
        .isEqualTo(
            "\"32\" is 0.32: stored as 32 (minor units: a bare integer always is; type 32,00 for"
                + " 32.00); WARNING: the evidence claims 3200 for price, a hundred times more: if"
                + " you meant 32 in major units, edit it again as 3200");
    assertThat(model.edit(rental, "price", "3000").note())
        .as("another amount is only said")
        .doesNotContain("WARNING");
  }
}
