package dev.salvage.connectors.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class CaseFoldingTest {
  @Test
  void dottedCapitalIBecomesAPlainIWithoutACombiningDot() {
    assertThat(CaseFolding.lower("İREM.AKSOY@GMAIL.COM")).isEqualTo("irem.aksoy@gmail.com");
    assertThat(CaseFolding.lower("İSMAİL.IŞIK@GMAIL.COM")).isEqualTo("ismail.işik@gmail.com");
    // decomposed İ: I and a combining dot above
    assertThat(CaseFolding.lower("I\u0307REM")).isEqualTo("irem");
    // a dot above on another letter is the letter's own
    assertThat(CaseFolding.lower("Ż")).isEqualTo("ż");
    assertThat(CaseFolding.lower("Z\u0307")).isEqualTo("z\u0307");
  }

  @Test
  void lowerIsTheSameUnderATurkishDefaultLocale() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("tr-TR"));
    try {
      assertThat(CaseFolding.lower("INFO@ISTANBUL.EXAMPLE")).isEqualTo("info@istanbul.example");
      assertThat(CaseFolding.lower("İzmir")).isEqualTo("izmir");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void lowerKeepsTheDotlessIAndOtherLettersBeyondAscii() {
    assertThat(CaseFolding.lower("KIZ.ıŞık@Örnek.example")).isEqualTo("kiz.ışık@örnek.example");
  }

  @Test
  void caselessTakesEveryTurkishIForTheSameLetter() {
    assertThat(CaseFolding.caseless("REZERVASYON İPTALİ"))
        .isEqualTo(CaseFolding.caseless("Rezervasyon İptali"))
        .isEqualTo(CaseFolding.caseless("rezervasyon iptali"))
        .isEqualTo(CaseFolding.caseless("REZERVASYON IPTALI"))
        .isEqualTo(CaseFolding.caseless("rezervasyon ıptalı"))
        .isEqualTo("rezervasyon iptali");
  }
}
