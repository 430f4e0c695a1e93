package dev.salvage.mappings;

import static dev.salvage.mappings.TestSupport.mapping;
import static dev.salvage.mappings.TestSupport.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.connectors.RawRecord;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  /** A rule named "hit" taking records for which {@code condition} holds. */
  private static boolean holds(String condition, String json) throws Exception {
    SourceMapping mapping =
        mapping(
            """
            rules:
              - name: hit
                kind: test
                when:
                  - %s
            """
                .formatted(condition));
    return "hit".equals(mapping.apply(record("test", json)).rule());
  }

  @Test
  void theLaterRulesAskedAboutAreNamedWhenTheirConditionsAlsoHeldForTheRecordTheFirstTook()
      throws Exception {
    SourceMapping mapping =
        mapping(
            """
            rules:
              - name: first
                kind: test
                when: [{path: s, contains: LR-}]
              - name: changed
                kind: test
                when: [{path: s, contains: endret}]
              - name: other
                kind: test
                when: [{path: s, contains: endret}]
              - name: never
                kind: test
                when: [{path: s, contains: avbestilt}]
            """);
    RawRecord changed = record("test", "{\"s\": \"LR-2002 endret\"}");

    assertThat(mapping.apply(changed, RunContext.NONE, rule -> !rule.equals("other")))
        .satisfies(
            result -> {
              assertThat(result.rule()).isEqualTo("first");
              assertThat(result.alsoMatched()).containsExactly("changed");
            });
    assertThat(mapping.apply(changed).alsoMatched()).isEmpty();
  }

  @Test
  void equalsComparesTrimmedTextCaseSensitively() throws Exception {
    assertThat(holds("{path: a, equals: Paid}", "{\"a\": \" Paid \"}")).isTrue();
    assertThat(holds("{path: a, equals: Paid}", "{\"a\": \"paid\"}")).isFalse();
    assertThat(holds("{path: a, equals: Paid, ignore_case: true}", "{\"a\": \"PAID\"}")).isTrue();
    assertThat(holds("{path: a, equals: Paid}", "{}")).isFalse();
  }

  @Test
  void equalsComparesNumbersAsWritten() throws Exception {
    assertThat(holds("{path: n, equals: 42}", "{\"n\": 42}")).isTrue();
    assertThat(holds("{path: flag, equals: true}", "{\"flag\": true}")).isTrue();
  }

  @Test
  void containsFindsASubstring() throws Exception {
    assertThat(holds("{path: s, contains: confirmed}", "{\"s\": \"Booking confirmed!\"}")).isTrue();
    assertThat(holds("{path: s, contains: Confirmed}", "{\"s\": \"Booking confirmed!\"}"))
        .isFalse();
    assertThat(holds("{path: s, contains: Confirmed, ignore_case: true}", "{\"s\": \"confirmed\"}"))
        .isTrue();
  }

  @Test
  void ignoringCaseEveryTestTakesTheTurkishIsForOneLetter() throws Exception {
    Locale before = Locale.getDefault();
    for (Locale locale : List.of(Locale.ROOT, Locale.forLanguageTag("tr-TR"))) {
      Locale.setDefault(locale);
      try {
        for (String subject : List.of("REZERVASYON İPTALİ MD-1050", "Rezervasyon İptali MD-1050")) {
          String json = "{\"s\": \"" + subject + "\"}";
          assertThat(holds("{path: s, contains: 'rezervasyon iptali', ignore_case: true}", json))
              .as("contains, %s, locale %s", subject, locale)
              .isTrue();
          assertThat(holds("{path: s, matches: 'rezervasyon iptali', ignore_case: true}", json))
              .isTrue();
        }
        assertThat(holds("{path: s, equals: 'İptal', ignore_case: true}", "{\"s\": \"iptal\"}"))
            .isTrue();
        assertThat(holds("{path: s, equals: 'iptal', ignore_case: true}", "{\"s\": \"İPTAL\"}"))
            .isTrue();
        assertThat(holds("{path: s, in: [iptal, iade], ignore_case: true}", "{\"s\": \"İPTAL\"}"))
            .isTrue();
        assertThat(holds("{path: s, in: [İPTAL], ignore_case: true}", "{\"s\": \"ıptal\"}"))
            .isTrue();
        assertThat(holds("{path: s, contains: 'iptal', ignore_case: true}", "{\"s\": \"İADE\"}"))
            .isFalse();
      } finally {
        Locale.setDefault(before);
      }
    }
  }

  @Test
  void matchesFindsARegexAnywhereWithLineAnchors() throws Exception {
    assertThat(holds("{path: s, matches: \"RW-[0-9A-Z]{6}\"}", "{\"s\": \"Re: RW-ABC123\"}"))
        .isTrue();
    assertThat(holds("{path: s, matches: \"^Total\"}", "{\"s\": \"Hello\\nTotal: 3\"}")).isTrue();
    assertThat(holds("{path: s, matches: \"^total\"}", "{\"s\": \"Total: 3\"}")).isFalse();
    assertThat(holds("{path: s, matches: \"^total\", ignore_case: true}", "{\"s\": \"Total: 3\"}"))
        .isTrue();
  }

  @Test
  void existsNeedsANonBlankValue() throws Exception {
    assertThat(holds("{path: a, exists: true}", "{\"a\": \"x\"}")).isTrue();
    assertThat(holds("{path: a, exists: true}", "{\"a\": \"  \"}")).isFalse();
    assertThat(holds("{path: a, exists: true}", "{\"a\": null}")).isFalse();
    assertThat(holds("{path: a, exists: false}", "{}")).isTrue();
    assertThat(holds("{path: a, exists: false}", "{\"a\": 0}")).isFalse();
  }

  @Test
  void inHoldsForAListedValue() throws Exception {
    assertThat(holds("{path: a, in: [paid, refunded]}", "{\"a\": \"refunded\"}")).isTrue();
    assertThat(holds("{path: a, in: [paid, refunded]}", "{\"a\": \"Paid\"}")).isFalse();
    assertThat(holds("{path: a, in: [paid, refunded], ignore_case: true}", "{\"a\": \"Paid\"}"))
        .isTrue();
  }

  @Test
  void anyAllAndNotCombineConditions() throws Exception {
    String any = "{any: [{path: a, equals: x}, {path: b, equals: y}]}";
    assertThat(holds(any, "{\"b\": \"y\"}")).isTrue();
    assertThat(holds(any, "{\"a\": \"y\"}")).isFalse();
    String all = "{all: [{path: a, equals: x}, {path: b, equals: y}]}";
    assertThat(holds(all, "{\"a\": \"x\", \"b\": \"y\"}")).isTrue();
    assertThat(holds(all, "{\"a\": \"x\"}")).isFalse();
    assertThat(holds("{not: {path: status, equals: cancelled}}", "{\"status\": \"cancelled\"}"))
        .isFalse();
    assertThat(holds("{not: {path: status, equals: cancelled}}", "{}")).isTrue();
  }

  @Test
  void aValueIsComparedWithAnotherPlaceOfTheRecordToTellAFullRefundFromAPartialOne()
      throws Exception {
    String full = "{path: amount_refunded, equals_field: amount}";
    String partial =
        "{all: [{path: amount_refunded, above: 0}, {path: amount_refunded, below_field: amount}]}";
    String fullRefund = "{\"amount\": 24550, \"amount_refunded\": 24550}";
    String partialRefund = "{\"amount\": 24550, \"amount_refunded\": \"5000\"}";

    assertThat(holds(full, fullRefund)).isTrue();
    assertThat(holds(full, partialRefund)).isFalse();
    assertThat(holds(partial, partialRefund)).isTrue();
    assertThat(holds(partial, fullRefund)).isFalse();
    assertThat(holds("{path: amount, above_field: amount_refunded}", partialRefund)).isTrue();
    // 12 and 12.00 are one number; text is compared as text
    assertThat(holds("{path: a, equals_field: b}", "{\"a\": 12, \"b\": \"12.00\"}")).isTrue();
    assertThat(holds("{path: a, equals_field: b}", "{\"a\": \"x@y\", \"b\": \"x@y\"}")).isTrue();
    // the other place not found: the condition does not hold, as for a value not found
    assertThat(holds(full, "{\"amount_refunded\": 0}")).isFalse();
    assertThat(holds("{not: " + full + "}", partialRefund)).isTrue();
  }

  @Test
  void aComparisonWithAnotherPlaceIsCheckedAtLoadAndANonNumberQuarantinesTheRecord() {
    assertThatThrownBy(() -> holds("{path: amount_refunded, below_field: amount, below: 3}", "{}"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("rule hit")
        .hasMessageContaining("exactly one of")
        .hasMessageContaining("line ");
    assertThatThrownBy(() -> holds("{path: a, equals_field: ''}", "{}"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("rule hit")
        .hasMessageContaining("line ");
    assertThatThrownBy(() -> holds("{path: a, above_field: b}", "{\"a\": 3, \"b\": \"three\"}"))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining("rule hit")
        .hasMessageContaining("\"three\" (path b) is not a number");
  }

  @Test
  void aPathToAnArrayHoldsWhenAnyElementPasses() throws Exception {
    String json = "{\"to\": [\"a@x.example\", \"bookings@rentwise.example\"]}";
    assertThat(holds("{path: to, equals: bookings@rentwise.example}", json)).isTrue();
    assertThat(holds("{path: to, equals: c@x.example}", json)).isFalse();
  }

  @Test
  void aConditionCanTestTheTextOfACssSelection() throws Exception {
    String json = "{\"html\": \"<h1 class=title>Reserva confirmada</h1>\"}";
    assertThat(holds("{path: html, css: h1.title, equals: Reserva confirmada}", json)).isTrue();
    assertThat(holds("{path: html, css: h2, exists: true}", json)).isFalse();
  }

  @Test
  void allConditionsOfAWhenMustHold() throws Exception {
    String when = "{path: a, equals: x}\n      - {path: b, equals: y}";
    assertThat(holds(when, "{\"a\": \"x\", \"b\": \"y\"}")).isTrue();
    assertThat(holds(when, "{\"a\": \"x\", \"b\": \"z\"}")).isFalse();
  }

  @Test
  void theFirstMatchingRuleWins() throws Exception {
    SourceMapping mapping =
        mapping(
            """
            rules:
              - {name: specific, kind: test, when: {path: a, equals: x}}
              - {name: general, kind: test}
              - {name: never_reached, kind: test}
            """);
    assertThat(mapping.apply(record("test", "{\"a\": \"x\"}")).rule()).isEqualTo("specific");
    assertThat(mapping.apply(record("test", "{\"a\": \"y\"}")).rule()).isEqualTo("general");
    assertThat(mapping.ruleNames()).containsExactly("specific", "general", "never_reached");
  }

  @Test
  void aRecordNoRuleMatchesIsIgnored() throws Exception {
    SourceMapping mapping =
        mapping("rules: [{name: only_x, kind: test, when: {path: a, equals: x}}]");
    MappingResult result = mapping.apply(record("test", "{\"a\": \"y\"}"));
    assertThat(result.isIgnored()).isTrue();
    assertThat(result.rule()).isNull();
    assertThat(result.observations()).isEmpty();
  }

  @Test
  void recordsOfAKindWithoutRulesAreIgnoredUnread() throws Exception {
    SourceMapping mapping = mapping("rules: [{name: any_test, kind: test}]");
    assertThat(mapping.apply(record("stripe.refund", "not even json")).isIgnored()).isTrue();
    assertThat(mapping.kinds()).containsExactly("test");
  }

  @Test
  void aMappedRecordThatIsNotJsonIsRejected() throws Exception {
    SourceMapping mapping = mapping("rules: [{name: any_test, kind: test}]");
    assertThatThrownBy(() -> mapping.apply(record("test", "{\"a\": ")))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageStartingWith("Cannot parse test test:1: not valid JSON");
  }

  @Test
  void aRuleWithoutEmitNamesTheRecordsItIgnoresOnPurpose() throws Exception {
    SourceMapping mapping =
        mapping("rules: [{name: newsletter, kind: test, when: {path: unsubscribe, exists: true}}]");
    MappingResult result = mapping.apply(record("test", "{\"unsubscribe\": \"<mailto:x>\"}"));
    assertThat(result.rule()).isEqualTo("newsletter");
    assertThat(result.isIgnored()).isFalse();
    assertThat(result.observations()).isEmpty();
  }
}
