package dev.salvage.mappings;

import static dev.salvage.mappings.TestSupport.extract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Digits of other scripts read as digits in every type that reads numbers: Arabic mail writes
 * Arabic-Indic digits and separators ({@code ١٢٫٥٠٠ د.ك}), Persian and Urdu the extended forms
 * (trial 32: amounts and dates so written were refused, where full-width ones were read).
 */
class DigitScriptsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String parse(String field, String extractor, String value) throws Exception {
    return extract(field, extractor, JSON.writeValueAsString(Map.of("id", "1", "v", value)));
  }

  private static String parse(String field, String extractor, Map<String, String> values)
      throws Exception {
    Map<String, String> json = new java.util.HashMap<>(values);
    json.put("id", "1");
    return extract(field, extractor, JSON.writeValueAsString(json));
  }

  @ParameterizedTest(name = "{0} [{1}] is {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "\u0661\u0662\u066B\u0665\u0660\u0660 \u062F.\u0643       | -             | 12500",
        "\u0661\u0662\u066B\u0665\u0660\u0660                   | currency: KWD | 12500",
        "\u0661\u0662\u066B\u0665\u0660                         | -             | 1250",
        "\u0661\u0662.\u0665\u0660\u0660                        | currency: KWD | 12500",
        "\u0661\u066C\u0662\u0665\u0660\u066B\u0665\u0660\u0660 \u062F.\u0643 | - | 1250500",
        "\u0661\u066C\u0662\u0665\u0660                         | currency: EUR | 125000",
        "\u06F1\u06F2\u066B\u06F5\u06F0                         | -             | 1250",
        "\u0967\u0968\u0969                                     | currency: INR | 12300",
        "\u0661\u0662\u066B\u0665\u0660                         | 'decimal: \",\"' | 1250",
      })
  void anAmountInArabicIndicOrPersianDigitsIsRead(String written, String options, String minor)
      throws Exception {
    String extractor = options == null ? "{path: v}" : "{path: v, " + options + "}";
    assertThat(parse("money", extractor, written)).isEqualTo(minor);
  }

  @Test
  void anIntegerInArabicIndicOrPersianDigitsIsRead() throws Exception {
    assertThat(parse("integer", "{path: v}", "\u0664\u0662")).isEqualTo("42");
    assertThat(parse("integer", "{path: v}", "-\u06F4\u06F2")).isEqualTo("-42");
  }

  @Test
  void aDateTimeInArabicIndicDigitsIsReadByAnArabicPattern() throws Exception {
    String arabic =
        "{path: v, format: \"d MMMM yyyy 'الساعة' h:mm a\", locale: ar, zone: Asia/Kuwait}";
    assertThat(parse("datetime", arabic, "١٤ مارس ٢٠٢٦ الساعة ٣:٠٠ م"))
        .isEqualTo("2026-03-14T12:00:00Z");
    assertThat(parse("datetime", arabic, "١٠ نوفمبر ٢٠٢٥ الساعة ٨:٣٠ ص"))
        .isEqualTo("2025-11-10T05:30:00Z");
    assertThat(parse("date", "{path: v, format: \"dd/MM/yyyy\"}", "۱۴/۰۳/۲۰۲۶"))
        .isEqualTo("2026-03-14");
  }

  @Test
  void aKeyWrittenInArabicIndicOrPersianDigitsIsTheKeyInAsciiDigits() throws Exception {
    // trial 82: a swimming club's Arabic mail wrote the member number ١٢٠١ and the Stripe
    // metadata 1201; kept as written, the key joined nothing, and 149 memberships came out twice
    Observation arabic = keyProbe("\u0661\u0662\u0660\u0661");
    assertThat(arabic.keys()).containsEntry("id", "1201");
    assertThat(arabic.fields()).containsEntry("id", "1201");
    assertThat(keyProbe("OSC-\u06F1\u06F2\u06F0\u06F1").keys()).containsEntry("id", "OSC-1201");
    assertThat(keyProbe("\u0967\u0968").keys()).containsEntry("id", "12");
  }

  @Test
  void aCodeWrittenInArabicIndicOrPersianDigitsKeepsItsLeadingZerosInAsciiDigits()
      throws Exception {
    // a card's last four digits in an Arabic mail: integer would read ٠٤٣٠ as 430
    assertThat(parse("upper", "{path: v}", "\u0660\u0664\u0663\u0660")).isEqualTo("0430");
    assertThat(parse("lower", "{path: v}", "OSC-\u06F0\u06F7")).isEqualTo("osc-07");
    assertThat(parse("upper", "{path: v}", "\uFF10\uFF17")).isEqualTo("07");
  }

  @Test
  void aFieldThatNamesAnotherEntitysKeyIsReadInAsciiDigitsToo() throws Exception {
    EntityModel model =
        EntityModel.parse(
            """
            entities:
              member:
                keys: [backup_id]
                fields: {backup_id: text, email: email}
              membership:
                keys: [backup_id]
                fields: {backup_id: text, member_id: text, member_email: email, note: text}
                resolve:
                  member_email: {entity: member, by: {member_id: backup_id}, take: email}
            """,
            "entities.yaml");
    SourceMapping mapping =
        SourceMapping.parse(
            """
            rules:
              - name: confirmation
                kind: test
                observed_at: {const: "2026-01-01T00:00:00Z"}
                emit:
                  - entity: membership
                    fields:
                      backup_id: {path: id}
                      member_id: {path: v}
                      note: {path: v}
            """,
            "test.yaml",
            model,
            TestSupport.RENTWISE);
    Observation membership =
        mapping
            .apply(TestSupport.record("test", json("\u0661\u0662\u0660\u0661")))
            .observations()
            .get(0);
    assertThat(membership.fields())
        .containsEntry("member_id", "1201")
        .containsEntry("note", "\u0661\u0662\u0660\u0661");
  }

  @Test
  void aDateOfAnotherCalendarIsRefusedRatherThanReadCenturiesAway() throws Exception {
    // trial 82: a Hijri date in Arabic-Indic digits read by yyyy/MM/dd was 1448-05-04, unsaid
    assertThatThrownBy(() -> parse("date", "{path: v, format: yyyy/MM/dd}", "١٤٤٨/٠٥/٠٤"))
        .hasMessageContaining("its year 1448 is a Hijri or Solar Hijri year");
    assertThatThrownBy(
            () -> parse("datetime", "{path: v, format: \"dd/MM/yyyy HH:mm\"}", "15/11/2569 10:00"))
        .hasMessageContaining("its year 2569 is a year of the Buddhist era");
    assertThat(parse("date", "{path: v, format: dd/MM/yyyy}", "03/07/1952"))
        .isEqualTo("1952-07-03");
    // sentinels applications write, which the import must give back as they were
    assertThat(parse("date", "{path: v, format: dd/MM/yyyy}", "31/12/9999"))
        .isEqualTo("9999-12-31");
    assertThat(parse("date", "{path: v, format: dd/MM/yyyy}", "01/01/1753"))
        .isEqualTo("1753-01-01");
    assertThat(parse("date", "{path: v, format: dd/MM/yyyy}", "31/12/2999"))
        .isEqualTo("2999-12-31");
    assertThat(
            parse(
                "date",
                "{first_of: [{path: v, format: yyyy/MM/dd}, {path: w, format: dd/MM/yyyy}]}",
                Map.of("v", "١٤٤٨/٠٥/٠٤", "w", "٢٥/١٠/٢٠٢٦")))
        .as("a place that reads the other calendar passes to the next")
        .isEqualTo("2026-10-25");
  }

  @Test
  void freeTextKeepsTheDigitsItWasWrittenIn() throws Exception {
    assertThat(parse("text", "{path: v}", "\u0634\u0627\u0631\u0639 \u0661\u0662"))
        .isEqualTo("\u0634\u0627\u0631\u0639 \u0661\u0662");
  }

  private static String json(String value) throws Exception {
    return JSON.writeValueAsString(Map.of("id", "1", "v", value));
  }

  private static Observation keyProbe(String written) throws Exception {
    SourceMapping mapping =
        TestSupport.mapping(
            """
            rules:
              - name: member_mail
                kind: test
                observed_at: {const: "2026-01-01T00:00:00Z"}
                emit:
                  - entity: probe
                    fields:
                      id: {path: v}
            """);
    return mapping.apply(TestSupport.record("test", json(written))).observations().get(0);
  }
}
