package dev.salvage.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The entity model's derive and ties rules and the sum strategy, as they load and evaluate. */
class DeriveAndTiesTest {
  private static final String MODEL =
      """
      entities:
        booking:
          keys: [number]
          fields:
            number: text
            status: lower
            return_at: datetime
            return_day: date
            paid_cents: integer
            event_sequence: integer
          merge:
            paid_cents: {strategy: sum}
          derive:
            - name: completed_when_returned
              field: status
              value: Completed
              when:
                - {field: return_at, before: as_of}
                - not: {field: status, in: [cancelled]}
            - name: returned_day_passed
              field: status
              value: completed
              when: [{field: return_day, before: as_of - P1D}, {field: status, exists: false}]
          ties:
            - {field: status, prefer: [confirmed, completed, cancelled]}
            - {field: event_sequence, prefer: highest}
      """;
  private static final TimeAnchors ANCHORS =
      new TimeAnchors(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-15T00:00:00Z"));
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static EntityType booking() throws MappingException {
    return EntityModel.parse(MODEL, "entities.yaml").type("booking");
  }

  @Test
  void deriveRulesLoadWithCanonicalValuesAndTheFieldsTheyRead() throws Exception {
    List<DeriveRule> rules = booking().derive();
    assertThat(rules)
        .extracting(DeriveRule::name)
        .containsExactly("completed_when_returned", "returned_day_passed");
    assertThat(rules.get(0).value()).isEqualTo("completed");
    assertThat(rules.get(0).reads()).containsExactlyInAnyOrder("return_at", "status");
    assertThat(booking().mergeRule("paid_cents").strategy()).isEqualTo(MergeStrategy.SUM);
  }

  @Test
  void aDeriveRuleHoldsOnTheMergedFieldsAndTheRunsMoments() throws Exception {
    DeriveRule completed = booking().derive().get(0);
    assertThat(
            completed.holds(
                Map.of("status", "confirmed", "return_at", "2026-04-10T10:00:00Z"),
                ANCHORS,
                BERLIN))
        .isTrue();
    assertThat(
            completed.holds(
                Map.of("status", "cancelled", "return_at", "2026-04-10T10:00:00Z"),
                ANCHORS,
                BERLIN))
        .isFalse();
    assertThat(
            completed.holds(
                Map.of("status", "confirmed", "return_at", "2026-04-20T10:00:00Z"),
                ANCHORS,
                BERLIN))
        .isFalse();
    assertThat(completed.holds(Map.of("status", "confirmed"), ANCHORS, BERLIN)).isFalse();
  }

  @Test
  void aDateFieldIsComparedFromTheStartOfItsDayInTheBusinessZone() throws Exception {
    DeriveRule dayPassed = booking().derive().get(1);
    // as_of - P1D = 2026-04-14T00:00Z; 2026-04-13 starts at 2026-04-12T22:00Z in Berlin
    assertThat(dayPassed.holds(Map.of("return_day", "2026-04-13"), ANCHORS, BERLIN)).isTrue();
    // 2026-04-14 starts at 2026-04-13T22:00Z in Berlin, before as_of - P1D; in UTC it does not
    assertThat(dayPassed.holds(Map.of("return_day", "2026-04-14"), ANCHORS, BERLIN)).isTrue();
    assertThat(dayPassed.holds(Map.of("return_day", "2026-04-14"), ANCHORS, ZoneId.of("UTC")))
        .isFalse();
  }

  @Test
  void aComputedValueAddsAndSubtractsFieldsOfItsOwnTypeAndIsCheckedAtLoad() throws Exception {
    String model =
        """
        entities:
          invoice:
            keys: [number]
            fields:
              number: text
              charged: money
              refunded: money
              fee: money
              total: money
              note: text
            derive:
              - field: total
                value: {field: charged, plus: [fee], minus: [refunded]}
        """;
    DeriveRule net = EntityModel.parse(model, "m.yaml").type("invoice").derive().get(0);
    assertThat(net.name()).isEqualTo("total=computed");
    assertThat(net.value()).isNull();
    assertThat(net.reads()).containsExactlyInAnyOrder("charged", "fee", "refunded");
    assertThat(net.valueFor(Map.of("charged", "3800", "refunded", "1000", "fee", "150")))
        .isEqualTo("2950");
    assertThat(net.valueFor(Map.of("charged", "3800")))
        .as("no refund: nothing taken")
        .isEqualTo("3800");
    assertThat(net.valueFor(Map.of("refunded", "1000"))).isNull();

    assertThatThrownBy(
            () -> EntityModel.parse(model.replace("minus: [refunded]", "minus: [note]"), "m.yaml"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("note is text, not money as total");
    assertThatThrownBy(
            () ->
                EntityModel.parse(model.replace(", plus: [fee], minus: [refunded]", ""), "m.yaml"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("expected plus or minus");
  }

  @Test
  void aDeriveConditionComparesTwoFieldsOfTheEntityNamedAtLoad() throws Exception {
    String model =
        MODEL.replace(
            "{field: return_at, before: as_of}",
            "{all: [{field: return_at, before: as_of},"
                + " {field: paid_cents, below_field: event_sequence}]}");
    DeriveRule completed =
        EntityModel.parse(model, "entities.yaml").type("booking").derive().get(0);
    Map<String, String> returned =
        Map.of("status", "confirmed", "return_at", "2026-04-10T10:00:00Z");
    Map<String, String> fields = new java.util.HashMap<>(returned);
    fields.putAll(Map.of("paid_cents", "100", "event_sequence", "200"));

    assertThat(completed.holds(fields, ANCHORS, BERLIN)).isTrue();
    fields.put("paid_cents", "300");
    assertThat(completed.holds(fields, ANCHORS, BERLIN)).isFalse();
    assertThat(completed.reads()).contains("paid_cents", "event_sequence");
    assertThatThrownBy(
            () ->
                EntityModel.parse(
                    model.replace("below_field: event_sequence", "below_field: nowhere"),
                    "entities.yaml"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("entity booking, derive[0], when[0], all[1]")
        .hasMessageContaining("\"nowhere\" is not a field of this entity")
        .hasMessageContaining("line ");
  }

  @Test
  void tieRulesPreferListedValuesThenHigherNumbers() throws Exception {
    List<TieRule> ties = booking().ties();
    assertThat(ties.get(0).compare("confirmed", "cancelled")).isPositive();
    assertThat(ties.get(0).compare("cancelled", "completed")).isNegative();
    assertThat(ties.get(0).compare("cancelled", null)).isPositive();
    assertThat(ties.get(0).compare("pending", "other")).isZero();
    assertThat(ties.get(1).compare("3", "12")).isNegative();
    assertThat(ties.get(1).compare("3", null)).isPositive();
    assertThat(ties.get(0).describe())
        .isEqualTo("the tie rule on status (confirmed > completed > cancelled)");
    assertThat(ties.get(1).describe()).isEqualTo("the tie rule on event_sequence (highest wins)");
  }

  private static void assertModelError(String replaced, String replacement, String message) {
    assertThatThrownBy(
            () -> EntityModel.parse(MODEL.replace(replaced, replacement), "entities.yaml"))
        .isInstanceOf(MappingException.class)
        .hasMessage(message);
  }

  @Test
  void mistakesFailTheLoadNamingEntityRuleAndLine() {
    assertModelError(
        "{field: return_at, before: as_of}",
        "{field: returned_at, before: as_of}",
        "entities.yaml: entity booking, derive[0], when[0]: field: \"returned_at\" is not a field"
            + " of this entity; its fields: number, status, return_at, return_day, paid_cents,"
            + " event_sequence (line 18)");
    assertModelError(
        "{field: return_at, before: as_of}",
        "{field: status, before: as_of}",
        "entities.yaml: entity booking, derive[0], when[0]: field: before and after compare times;"
            + " status is lower (line 18)");
    assertModelError(
        "field: status\n        value: Completed",
        "field: return_at\n        value: soon",
        "entities.yaml: entity booking, derive[0]: value: \"soon\" is not a date-time in format"
            + " iso (a datetime value) (line 16)");
  }

  @Test
  void anAmbiguousAmountInTheModelIsRefusedAskingForItToBeRewritten() throws Exception {
    String model =
        """
        entities:
          booking:
            keys: [number]
            fields:
              number: text
              deposit_cents: money
            derive:
              - name: standard_deposit
                field: deposit_cents
                value: "1.000"
                when: [{field: deposit_cents, exists: false}]
        """;
    // the model has no decimal option to declare: the amount is to be written plainly
    assertThatThrownBy(() -> EntityModel.parse(model, "entities.yaml"))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "entities.yaml: entity booking, derive[0]: value: \"1.000\" is an ambiguous amount:"
                + " \".\" before three digits groups thousands (1000) or marks decimals (1.000);"
                + " write it without the separator or with 2 decimals (a money value) (line 10)");
    assertThat(
            EntityModel.parse(model.replace("\"1.000\"", "\"1000\""), "entities.yaml")
                .type("booking")
                .derive()
                .get(0)
                .value())
        .isEqualTo("100000");
  }

  @Test
  void moreMistakes() {
    assertThatThrownBy(
            () ->
                EntityModel.parse(
                    MODEL.replace(
                        "field: event_sequence, prefer: highest", "field: status, prefer: highest"),
                    "entities.yaml"))
        .hasMessage(
            "entities.yaml: entity booking, ties[1]: prefer: highest needs an integer or money"
                + " field; status is lower (line 26)");
    assertThatThrownBy(
            () ->
                EntityModel.parse(
                    MODEL.replace("paid_cents: {strategy: sum}", "status: {strategy: sum}"),
                    "entities.yaml"))
        .hasMessage(
            "entities.yaml: entity booking, merge of field status: strategy: sum adds integer or"
                + " money values; status is lower (line 12)");
    assertThatThrownBy(
            () ->
                EntityModel.parse(
                    MODEL.replace(
                        "field: status\n        value: Completed",
                        "field: statuz\n        value: Completed"),
                    "entities.yaml"))
        .hasMessageContaining("derive[0]: field: \"statuz\" is not a field of this entity");
  }
}
