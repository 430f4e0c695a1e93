package dev.salvage.pipeline.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.Decision.Kind;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VersionChangesTest {
  private static ReconstructedRecord appointment(Action action, String... namesAndValues) {
    Map<String, FieldValue> fields = new TreeMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.put(namesAndValues[i], new FieldValue(namesAndValues[i + 1], List.of("m1"), 1.0));
    }
    return ReconstructedRecord.builder("appointment:7", "appointment")
        .action(action)
        .fields(fields)
        .build();
  }

  private static Decision approvalOf(ReconstructedRecord record) {
    Map<String, String> values = new TreeMap<>();
    record.fields().forEach((name, value) -> values.put(name, value.value()));
    return new Decision(
        "d1",
        "2026-12-01T09:00:00Z",
        "op",
        record.id(),
        Kind.APPROVE,
        Map.of(),
        "",
        null,
        record.digest(),
        Map.of(),
        record.action(),
        values);
  }

  @Test
  void namesEachChangedAddedAndGoneFieldAndTheActionWithBothValues() {
    Decision decision =
        approvalOf(
            appointment(
                Action.NEW,
                "start_at",
                "2026-12-03T12:00:00Z",
                "note",
                "ring twice",
                "pet",
                "Rex"));
    ReconstructedRecord now =
        appointment(
            Action.UPDATED,
            "start_at",
            "2026-12-06T10:00:00Z",
            "pet",
            "Rex",
            "stripe_charge_id",
            "ch_1");

    VersionChanges changes = VersionChanges.since(decision, now);

    assertThat(changes.describe())
        .isEqualTo(
            "action NEW → UPDATED; note: gone (was ring twice);"
                + " start_at: 2026-12-03T12:00:00Z → 2026-12-06T10:00:00Z;"
                + " stripe_charge_id: added ch_1");
    assertThat(changes.actionChanged()).isTrue();
    assertThat(changes.fieldNames()).containsExactly("note", "start_at", "stripe_charge_id");
  }

  @Test
  void aDecisionFromALogWithoutValuesSaysItCannotTell() throws Exception {
    Decision old =
        Json.MAPPER.readValue(
            "{\"id\": \"d1\", \"record_id\": \"appointment:7\", \"decision\": \"approve\","
                + " \"record_digest\": \"abc\"}",
            Decision.class);

    VersionChanges changes =
        VersionChanges.since(old, appointment(Action.NEW, "start_at", "2026-12-06T10:00:00Z"));

    assertThat(changes.known()).isFalse();
    assertThat(changes.fields()).isEmpty();
    assertThat(changes.describe()).startsWith("what changed cannot be told");
  }

  @Test
  void keepsTheDecidedValuesThroughTheLogAndLeavesThemOutWhenThereAreNone() throws Exception {
    Decision decision = approvalOf(appointment(Action.NEW, "start_at", "2026-12-03T12:00:00Z"));

    String line = Json.MAPPER.writeValueAsString(decision);
    String handWritten =
        Json.MAPPER.writeValueAsString(
            new Decision("d2", null, null, "appointment:7", Kind.REJECT, Map.of(), "", null));

    assertThat(line)
        .endsWith(
            ",\"record_action\":\"NEW\",\"record_values\":{\"start_at\":\"2026-12-03T12:00:00Z\"}}");
    assertThat(Json.MAPPER.readValue(line, Decision.class)).isEqualTo(decision);
    assertThat(handWritten).doesNotContain("record_action").doesNotContain("record_values");
  }
}
