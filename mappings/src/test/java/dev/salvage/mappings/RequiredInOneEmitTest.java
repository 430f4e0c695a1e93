package dev.salvage.mappings;

import static dev.salvage.mappings.TestSupport.mapping;
import static dev.salvage.mappings.TestSupport.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A {@code required} value missing in one emit of a rule of several drops that emit alone: a charge
 * without a booking reference is still a payment.
 */
class RequiredInOneEmitTest {
  private static final String PAYMENT_AND_HIRE =
      """
      rules:
        - name: charge
          kind: test
          observed_at: {path: created, format: epoch_seconds}
          emit:
            - entity: probe
              fields:
                id: {path: id, required: true}
                integer: {path: amount}
            - entity: other
              fields:
                code: {path: metadata.booking_ref, required: true}
      """;

  @Test
  void aRequiredValueMissingInOneEmitDropsThatEmitAndTheOtherStandsNoted() throws Exception {
    MappingResult result =
        mapping(PAYMENT_AND_HIRE)
            .apply(record("test", "{\"id\": \"ch_1\", \"created\": 1771056180, \"amount\": 100}"));

    assertThat(result.observations())
        .singleElement()
        .satisfies(
            payment -> {
              assertThat(payment.entityType()).isEqualTo("probe");
              assertThat(payment.fields()).containsEntry("id", "ch_1");
              assertThat(payment.notes())
                  .containsExactly(
                      "emit other dropped: field code: required value not found (path"
                          + " metadata.booking_ref)");
            });
    assertThat(result.emitsDropped()).containsExactly("other");
  }

  @Test
  void aRecordNoneOfWhoseEmitsStandsIsStillQuarantined() throws Exception {
    SourceMapping mapping = mapping(PAYMENT_AND_HIRE);

    assertThatThrownBy(
            () ->
                mapping.apply(
                    record("test", "{\"created\": 1771056180, \"metadata\": {\"x\": \"y\"}}")))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining("rule charge emit probe field id: required value not found");
  }

  @Test
  void aRequiredValueMissingInTheOnlyEmitQuarantinesTheRecordAsBefore() throws Exception {
    SourceMapping mapping =
        mapping(
            """
            rules:
              - name: hire
                kind: test
                observed_at: {path: created, format: epoch_seconds}
                emit:
                  - entity: other
                    fields:
                      code: {path: metadata.booking_ref, required: true}
            """);

    assertThatThrownBy(
            () -> mapping.apply(record("test", "{\"id\": \"ch_1\", \"created\": 1771056180}")))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining("rule hire field code: required value not found");
  }

  @Test
  void anUnreadableValueInOneEmitStillQuarantinesTheRecord() throws Exception {
    SourceMapping mapping =
        mapping(PAYMENT_AND_HIRE.replace("{path: amount}", "{path: amount, required: true}"));

    // found and not a number: the record says something wrong, not something less
    assertThatThrownBy(
            () ->
                mapping.apply(
                    record(
                        "test",
                        "{\"id\": \"ch_1\", \"created\": 1771056180, \"amount\": \"ten\","
                            + " \"metadata\": {\"booking_ref\": \"B1\"}}")))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining("emit probe field integer");
  }
}
