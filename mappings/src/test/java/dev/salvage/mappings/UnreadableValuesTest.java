package dev.salvage.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.connectors.RawRecord;
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
  void theQuarantineReasonNamesTheRecordFieldValueAndTheLeaveOutThatKeepsTheRecord()
      throws Exception {
    SourceMapping quarantining = mapping("");

    assertThatThrownBy(() -> quarantining.apply(TestSupport.record("test", JSON)))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageStartingWith("Cannot map test test:1: rule booking field phone: ")
        .hasMessageContaining("\"(312) 555-0142 (cell)\" is not a phone number")
        .hasMessageEndingWith(
            ": mend the value in the source, or declare unreadable: leave_out on field phone to"
                + " keep the record without it");
  }

  @Test
  void aBackupRowsQuarantineReasonOffersToKeepTheRowWithoutTheValue() throws Exception {
    SourceMapping quarantining =
        TestSupport.mapping(
            """
            rules:
              - name: customer
                kind: backup.row
                observed_at: {const: "2026-01-01T00:00:00Z"}
                emit:
                  - entity: probe
                    fields:
                      id: {path: columns.id}
                      phone: {path: columns.phone}
            """);
    RawRecord row =
        new RawRecord(
            "backup",
            "backup.row",
            "backup:customers#7",
            "customers.csv:3",
            "{\"table\":\"customers\",\"columns\":{\"id\":\"7\",\"phone\":\"3,16303E+10\"}}");

    assertThatThrownBy(() -> quarantining.apply(row))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining("field phone: \"3,16303E+10\" is not a phone number")
        .hasMessageEndingWith(
            "or declare unreadable: leave_out on field phone to keep the row without it");
  }

  @Test
  void aRequiredFieldsQuarantineReasonDoesNotOfferToLeaveItOut() throws Exception {
    SourceMapping quarantining = mapping(", required: true");

    assertThatThrownBy(() -> quarantining.apply(TestSupport.record("test", JSON)))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining("field phone")
        .hasMessageNotContaining("leave_out");
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
