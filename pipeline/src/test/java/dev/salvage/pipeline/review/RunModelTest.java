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
}
