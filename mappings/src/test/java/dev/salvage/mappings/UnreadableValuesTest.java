package dev.salvage.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A word typed where a value goes ({@code Phone: (312) 555-0142 (cell)}, {@code Tel: yok}): by
 * default the record is quarantined, since the rule may read the wrong place; with {@code
 * unreadable: leave_out} the value alone is left out, noted, and the record keeps what else it
 * says.
 */
class UnreadableValuesTest {
  private static final String JSON =
      "{\"id\":\"B-7\",\"phone\":\"(312) 555-0142 (cell)\",\"total\":\"EUR 120,00\"}";

  private static SourceMapping mapping(String phoneOptions) throws MappingException {
    return TestSupport.mapping(
        """
        rules:
          - name: booking
            kind: test
            observed_at: {const: "2026-01-01T00:00:00Z"}
            emit:
              - entity: probe
                fields:
                  id: {path: id}
                  phone: {path: phone%s}
                  money: {path: total}
        """
            .formatted(phoneOptions));
  }

  @Test
  void anUnreadableValueQuarantinesItsRecordByDefault() throws Exception {
    SourceMapping quarantining = mapping("");

    assertThatThrownBy(() -> quarantining.apply(TestSupport.record("test", JSON)))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining("field phone");
  }

  @Test
  void leaveOutKeepsTheRecordWithoutTheValueAndNotesWhy() throws Exception {
    MappingResult result =
        mapping(", unreadable: leave_out").apply(TestSupport.record("test", JSON));

    assertThat(result.valuesLeftOut()).isEqualTo(1);
    Observation booking = result.observations().get(0);
    assertThat(booking.fields()).containsEntry("id", "B-7").containsEntry("money", "12000");
    assertThat(booking.fields()).doesNotContainKey("phone");
    assertThat(booking.notes())
        .singleElement()
        .asString()
        .startsWith("phone: left out, unreadable: ")
        .contains("(312) 555-0142 (cell)");
  }

  @Test
  void leaveOutLeavesAReadableValueAsItIs() throws Exception {
    MappingResult result =
        mapping(", unreadable: leave_out")
            .apply(
                TestSupport.record(
                    "test", JSON.replace("(312) 555-0142 (cell)", "+1 312 555 0142")));

    assertThat(result.valuesLeftOut()).isZero();
    assertThat(result.observations().get(0).fields()).containsEntry("phone", "+13125550142");
    assertThat(result.observations().get(0).notes()).isEmpty();
  }

  @Test
  void leaveOutWithRequiredOrAnUnknownChoiceIsRefusedAtLoad() {
    assertThatThrownBy(() -> mapping(", unreadable: leave_out, required: true"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining(
            "unreadable: leave_out cannot be combined with required: a required value is needed");
    assertThatThrownBy(() -> mapping(", unreadable: skip"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining(
            "\"skip\" is not what to do with a value that cannot be read; choices: quarantine");
  }
}
