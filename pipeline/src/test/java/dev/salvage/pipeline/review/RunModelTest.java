package dev.salvage.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.FieldType;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
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

  @Test
  void readsAPhoneEditWithoutCountryCodeInTheBusinessRegion() {
    RunModel model =
        RunModel.of(List.of(RENTER), "NO", "business.phone_region of /srv/padle/salvage.yaml");

    assertThat(model.canonical("renter", "phone", "412 55 678")).isEqualTo("+4741255678");
    assertThat(model.canonical("renter", "phone", "+46 70 123 45 67")).isEqualTo("+46701234567");
    assertThat(model.canonical("renter", "phone", " +4741255678 ")).isEqualTo("+4741255678");
    assertThat(model.problem("renter", "phone", model.canonical("renter", "phone", "412 55 678")))
        .isNull();
    assertThat(model.canonical("renter", "note", "412 55 678")).isEqualTo("412 55 678");

    String unreadable = model.canonical("renter", "phone", "41 25");
    assertThat(model.problem("renter", "phone", unreadable))
        .startsWith(
            "field phone is phone: \"41 25\" is not a phone number of region NO"
                + " (business.phone_region of /srv/padle/salvage.yaml) nor one with a country"
                + " code; write it as it is dialled in NO (")
        .endsWith(") or with its country code");
  }

  @Test
  void refusesAPhoneEditWithoutCountryCodeWhenNoRegionIsDeclared() {
    RunModel model = RunModel.of(List.of(RENTER));

    String typed = model.canonical("renter", "phone", "412 55 678");

    assertThat(typed).isEqualTo("412 55 678");
    assertThat(model.problem("renter", "phone", typed))
        .isEqualTo(
            "field phone is phone: \"412 55 678\" is not a phone number with a country code, and"
                + " no region is declared to read one without it (the run config sets no"
                + " business.phone_region); write it with its country code, e.g. +351912345678");
  }
}
