package dev.salvage.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.FieldType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldComparisonTest {

  @Test
  void namesAgreeIgnoringCaseAccentsAndSpacing() {
    FieldComparison names = FieldComparison.NAME;
    assertThat(names.compare("Ana Sousa", " ana  sousa")).isZero();
    assertThat(names.compare("SERGIO NUNEZ SANCHEZ", "Sergio Núñez Sánchez")).isZero();
  }

  @Test
  void namesWithReorderedTokensOrATypoAreNearlyEqual() {
    FieldComparison names = FieldComparison.NAME;
    assertThat(names.compare("Ana Sousa", "Ana Souza")).isEqualTo(1);
    assertThat(names.compare("Sousa, Ana", "Ana Sousa")).isEqualTo(1);
  }

  @Test
  void aNameWithoutItsSecondSurnameIsContainedInTheFullName() {
    FieldComparison names = FieldComparison.NAME;
    assertThat(names.compare("María José García", "MARÍA JOSÉ GARCÍA FERNÁNDEZ")).isEqualTo(2);
    assertThat(names.compare("Oliver Jones Smith", "Oliver Jones")).isEqualTo(2);
  }

  @Test
  void namesSharingOnlyAFirstNameDisagree() {
    FieldComparison names = FieldComparison.NAME;
    // Jaro-Winkler puts these above 0.8; at 100k bookings they were wrongly linked
    assertThat(names.compare("Lukas Schröder", "Lukas Weiß")).isEqualTo(3);
    assertThat(names.compare("Álvaro Gómez", "Álvaro Jiménez Muñoz")).isEqualTo(3);
    assertThat(names.compare("Ana Sousa", "Ana Santos")).isEqualTo(3);
    assertThat(names.compare("Ana", "Ana Sousa")).isEqualTo(3);
    assertThat(names.compare("Ana Sousa", "Pedro Lima")).isEqualTo(3);
  }

  @Test
  void emailsAndPhonesAgreeOnlyWhenEqualAfterNormalisation() {
    FieldComparison exact = FieldComparison.EXACT;
    assertThat(exact.compare("Ana@Example.com ", "ana@example.com")).isZero();
    assertThat(exact.compare("ana@example.com", "ana1@example.com")).isEqualTo(1);
    assertThat(exact.compare("+351912345678", "+351912345678")).isZero();
  }

  @Test
  void emailsAgreeWhenTheyNameOneMailbox() {
    FieldComparison emails = FieldComparison.of(FieldType.EMAIL);
    assertThat(emails.compare("annamueller@googlemail.com", "anna.mueller@gmail.com")).isZero();
    assertThat(emails.compare("anna+ski@gmx.de", "anna@gmx.de")).isZero();
    assertThat(emails.termKey("anna+ski@gmx.de")).isEqualTo(emails.termKey("anna@gmx.de"));
    // GMX keeps the dots of a local part: two people
    assertThat(emails.compare("m.garcia@gmx.de", "mgarcia@gmx.de")).isEqualTo(1);
    // a code typed like an address is no email: exact as written
    assertThat(FieldComparison.of(FieldType.TEXT).compare("a.b@gmail.com", "ab@gmail.com"))
        .isNotZero();
  }

  @Test
  void anEmailBlocksWithTheOtherSpellingsOfItsMailbox() throws Exception {
    EntityModel model =
        EntityModel.parse(
            """
            entities:
              booking:
                keys: [number]
                fields:
                  number: text
                  client_email: email
            """,
            "entities.yaml");
    List<String> rule = List.of("client_email");
    assertThat(
            BlockingKeys.of(
                model.type("booking"),
                rule,
                profile(Map.of("client_email", "annamueller+ski@googlemail.com"))))
        .isEqualTo(
            BlockingKeys.of(
                model.type("booking"),
                rule,
                profile(Map.of("client_email", "anna.mueller@gmail.com"))));
    assertThat(
            BlockingKeys.of(
                model.type("booking"), rule, profile(Map.of("client_email", "mgarcia@gmx.de"))))
        .isNotEqualTo(
            BlockingKeys.of(
                model.type("booking"), rule, profile(Map.of("client_email", "m.garcia@gmx.de"))));
  }

  private static MatchProfile profile(Map<String, String> values) {
    return new MatchProfile("unlinked:booking:x", "booking", false, values, Map.of());
  }

  @Test
  void amountsAgreeExactlyOrWithinTolerance() {
    FieldComparison amounts = FieldComparison.AMOUNT;
    assertThat(amounts.compare("12000", "12000")).isZero();
    assertThat(amounts.compare("12000", "12200")).isEqualTo(1);
    assertThat(amounts.compare("12000", "15000")).isEqualTo(2);
  }

  @Test
  void timesFallIntoWindows() {
    FieldComparison times = FieldComparison.TIME;
    assertThat(times.compare("2026-04-01T10:00:00Z", "2026-04-01T11:00:00+01:00")).isZero();
    assertThat(times.compare("2026-04-01T10:00:00Z", "2026-04-01T10:40:00Z")).isEqualTo(1);
    assertThat(times.compare("2026-04-01T10:00:00Z", "2026-04-02T09:00:00Z")).isEqualTo(2);
    assertThat(times.compare("2026-04-01T10:00:00Z", "2026-04-03T10:00:00Z")).isEqualTo(3);
    assertThat(times.compare("2026-04-01T10:00:00Z", "2026-04-08T10:00:00Z")).isEqualTo(3);
    assertThat(times.compare("2026-04-01T10:00:00Z", "2026-04-08T10:01:00Z")).isEqualTo(4);
    assertThat(times.levels().get(4)).isEqualTo("further");
  }

  @Test
  void namesInDifferentScriptsAreNotComparable() {
    FieldComparison names = FieldComparison.NAME;
    assertThat(names.compare("近藤 葵", "Aoi Kondo")).isEqualTo(FieldComparison.NOT_COMPARABLE);
    assertThat(names.compare("近藤 葵", "コンドウ アオイ")).isEqualTo(FieldComparison.NOT_COMPARABLE);
    // kana against kana, half-width or full-width, hiragana or katakana: compared
    assertThat(names.compare("ｺﾝﾄﾞｳ ｱｵｲ", "こんどう あおい")).isZero();
  }

  @Test
  void aValueMissingOnEitherSideSaysNothing() {
    assertThat(FieldComparison.NAME.compare(null, "Ana")).isEqualTo(FieldComparison.MISSING);
    assertThat(FieldComparison.TIME.compare("2026-04-01T10:00:00Z", " "))
        .isEqualTo(FieldComparison.MISSING);
  }

  @Test
  void preparedValuesCompareToTheSameLevelAsTheirText() {
    // every pair of these, each comparison: the levels of all five kinds, blanks, values that are
    // not numbers or times, names with accents, reordered, with a typo, contained, by initials
    java.util.List<String> values =
        java.util.Arrays.asList(
            null,
            "",
            "  ",
            "Ana García López",
            "ana garcia  lopez",
            "López García Ana",
            "Ana Garcia",
            "Ana Garzia López",
            "A. García",
            "Anna Kowalski",
            "Anna K.",
            "Jürgen Weiß",
            "JURGEN WEISS",
            "x",
            "12.00",
            "12",
            " 12.10 ",
            "11.80",
            "-3",
            "0",
            "1e2",
            "100",
            "twelve",
            "2026-04-01T10:00:00Z",
            "2026-04-01T10:00:30Z",
            "2026-04-01T10:40:00Z",
            "2026-04-02T09:00:00Z",
            "2026-04-08T10:01:00Z",
            "2026-04-01T12:00:00+02:00",
            "2026-04-01",
            " 2026-04-01 ",
            "not a time",
            "a@b.example",
            "A@B.example ");
    int compared = 0;
    for (FieldComparison comparison : FieldComparison.values()) {
      for (String a : values) {
        for (String b : values) {
          assertThat(comparison.compare(comparison.prepare(a), comparison.prepare(b)))
              .as("%s of [%s] and [%s]", comparison, a, b)
              .isEqualTo(comparison.compare(a, b));
          compared++;
        }
      }
    }
    assertThat(compared).isEqualTo(FieldComparison.values().length * values.size() * values.size());
  }
}
