package dev.salvage.mappings;

import static dev.salvage.mappings.TestSupport.extract;
import static dev.salvage.mappings.TestSupport.mapping;
import static dev.salvage.mappings.TestSupport.probe;
import static dev.salvage.mappings.TestSupport.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One money rule reads amounts as German, English and Portuguese mail write them, to minor units by
 * the currency's exponent.
 */
class MoneyLocalesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String money(String extractor, Object value) throws Exception {
    return extract("money", extractor, JSON.writeValueAsString(Map.of("id", "1", "v", value)));
  }

  @Test
  void oneRuleReadsEveryWayTheAmountsAreWritten() throws Exception {
    assertThat(money("{path: v}", "188,00 €")).isEqualTo("18800");
    assertThat(money("{path: v}", "EUR 213.00")).isEqualTo("21300");
    assertThat(money("{path: v}", "1.234,56 €")).isEqualTo("123456");
    assertThat(money("{path: v}", "€ 59")).isEqualTo("5900");
    assertThat(money("{path: v}", "59,-")).isEqualTo("5900");
    assertThat(money("{path: v}", "59,– €")).isEqualTo("5900");
    assertThat(money("{path: v}", "1,234.50 EUR")).isEqualTo("123450");
    assertThat(money("{path: v}", "-12,5 €")).isEqualTo("-1250");
  }

  @Test
  void theCurrencyGivesTheExponent() throws Exception {
    assertThat(money("{path: v}", "¥1,200")).isEqualTo("1200");
    assertThat(money("{path: v}", "JPY 1200")).isEqualTo("1200");
    assertThat(money("{path: v}", "BHD 1.250")).isEqualTo("1250");
    assertThat(money("{path: v, currency: JPY}", "1200")).isEqualTo("1200");
    assertThat(money("{path: v, minor_digits: 2}", "¥12")).isEqualTo("1200");
    assertThat(
            extract(
                "money",
                "{path: v, currency: {path: c}}",
                "{\"id\": \"1\", \"v\": \"1200\", \"c\": \"jpy\"}"))
        .isEqualTo("1200");
  }

  @Test
  void aDeclaredLocaleGivesTheDecimalSeparator() throws Exception {
    // a dot before three digits groups thousands in German and marks decimals in English: without
    // a locale (or decimal) it could be either, and is refused
    assertThat(money("{path: v, locale: de-DE}", "1.234 €")).isEqualTo("123400");
    assertThat(money("{path: v, locale: de-DE}", "12,50")).isEqualTo("1250");
    assertThatThrownBy(() -> money("{path: v}", "1.234 €"))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageEndingWith(
            "\"1.234 €\" is an ambiguous amount: \".\" before three digits groups thousands"
                + " (1234) or marks decimals (1.234); declare decimal: \",\" for thousands or"
                + " decimal: \".\" for decimals (or a locale)"
                + ": mend the value in the source, or declare unreadable: leave_out on field money to keep the record without it");
    assertThatThrownBy(() -> money("{path: v, locale: en-GB}", "12,50"))
        .isInstanceOf(RecordRejectedException.class);
  }

  @Test
  void theLocaleIsDeclaredPerRuleOrPerFile() throws Exception {
    String perRule =
        """
        rules:
          - name: r
            kind: test
            locale: de-DE
            observed_at: {const: "2026-01-01T00:00:00Z"}
            emit:
              - entity: probe
                fields:
                  id: {path: id}
                  money: {path: v}
        """;
    String perFile = "locale: de-DE\n" + perRule.replace("    locale: de-DE\n", "");
    String overridden = perFile.replace("money: {path: v}", "money: {path: v, locale: en}");
    String json = "{\"id\": \"1\", \"v\": \"1.234\"}";
    assertThat(mapping(perRule).apply(record("test", json)).observations().get(0).fields())
        .containsEntry("money", "123400");
    assertThat(mapping(perFile).apply(record("test", json)).observations().get(0).fields())
        .containsEntry("money", "123400");
    assertThatThrownBy(() -> mapping(overridden).apply(record("test", json)))
        .isInstanceOf(RecordRejectedException.class);
  }

  @Test
  void negateTurnsAPositiveRefundIntoANegativeClaim() throws Exception {
    assertThat(money("{path: v, negate: true}", "25.00")).isEqualTo("-2500");
    assertThat(money("{path: v, negate: true}", "-25.00")).isEqualTo("2500");
    assertThat(extract("integer", "{path: v, negate: true}", "{\"id\": \"1\", \"v\": 0}"))
        .isEqualTo("0");
    assertThatThrownBy(() -> probe("text", "{path: v, negate: true}"))
        .hasMessageContaining("negate: applies to money and integer values only");
  }

  @Test
  void moneyOptionMistakesFailTheLoad() {
    assertThatThrownBy(() -> probe("money", "{path: v, currency: EURO}"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("currency: \"EURO\" is not an ISO 4217 currency code");
    assertThatThrownBy(() -> probe("money", "{path: v, locale: de, decimal: \",\"}"))
        .hasMessageContaining("decimal: cannot be combined with locale");
    assertThatThrownBy(() -> mapping("locale: xx-YY\nrules: [{name: r, kind: test}]"))
        .hasMessageContaining("locale: \"xx-YY\" is not a language tag");
  }
}
