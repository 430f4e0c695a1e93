package dev.salvage.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import org.junit.jupiter.api.Test;

class FormatsTest {
  private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

  @Test
  void everyCountrysPhonesAreValidMobilesAndReadBackFromEveryWayTheyAreWritten() throws Exception {
    Rng rng = new Rng(3);
    for (Catalog.Country country : Catalog.COUNTRIES) {
      for (String prefix : country.mobilePrefixes()) {
        for (int i = 0; i < 20; i++) {
          String e164 =
              "+"
                  + country.dialCode()
                  + prefix
                  + rng.digits(country.nationalDigits() - prefix.length());
          var number = phones.parse(e164, "PT");
          assertThat(phones.isValidNumber(number)).as(e164).isTrue();
          assertThat(phones.getNumberType(number)).as(e164).isEqualTo(PhoneNumberType.MOBILE);
          for (String written :
              new String[] {
                Formats.phoneInternational(e164),
                Formats.phoneAsTyped(e164, 0),
                Formats.phoneAsTyped(e164, 1),
                Formats.phoneAsTyped(e164, 2),
                Formats.phoneAsTyped(e164, 3)
              }) {
            assertThat(phones.format(phones.parse(written, "PT"), PhoneNumberFormat.E164))
                .as(written)
                .isEqualTo(e164);
          }
        }
      }
    }
  }

  @Test
  void portugueseNumbersAreGroupedInThrees() {
    assertThat(Formats.phoneInternational("+351912345678")).isEqualTo("+351 912 345 678");
    assertThat(Formats.phoneAsTyped("+351912345678", 0)).isEqualTo("912 345 678");
    assertThat(Formats.phoneInternational("+34612345678")).isEqualTo("+34 612 34 56 78");
  }

  @Test
  void moneyHasTwoDecimalsAndASign() {
    assertThat(Formats.money(24550)).isEqualTo("245.50");
    assertThat(Formats.money(5)).isEqualTo("0.05");
    assertThat(Formats.money(-2400)).isEqualTo("-24.00");
  }

  @Test
  void copyTextEscapesWhatPgDumpEscapes() {
    assertThat(BackupWriter.copyText(null)).isEqualTo("\\N");
    assertThat(BackupWriter.copyText("a\tb\nc\\d\re")).isEqualTo("a\\tb\\nc\\\\d\\re");
    assertThat(BackupWriter.copyText("João")).isEqualTo("João");
  }

  @Test
  void icsLinesFoldAt75OctetsWithoutSplittingCharacters() throws Exception {
    java.io.StringWriter out = new java.io.StringWriter();
    String value = "SUMMARY:" + "é".repeat(50) + "🔧x";
    Ics.line(out, value);
    String[] lines = out.toString().split("\r\n");
    for (String line : lines) {
      assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
          .isLessThanOrEqualTo(75);
    }
    assertThat(out.toString().replace("\r\n ", "")).isEqualTo(value + "\r\n");
    assertThat(Ics.text("a,b;c\\d\ne")).isEqualTo("a\\,b\\;c\\\\d\\ne");
  }
}
