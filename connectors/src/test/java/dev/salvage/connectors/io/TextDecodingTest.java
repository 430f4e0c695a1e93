package dev.salvage.connectors.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextDecodingTest {
  private static String mailCharset(String label) {
    return TextDecoding.mailCharset(label).name();
  }

  @Test
  void mailLabelsMapAsTheWhatwgEncodingStandardMapsThem() {
    assertThat(mailCharset("iso-8859-9")).isEqualTo("windows-1254");
    assertThat(mailCharset("latin5")).isEqualTo("windows-1254");
    assertThat(mailCharset("x-cp1254")).isEqualTo("windows-1254");
    assertThat(mailCharset("ISO-8859-1")).isEqualTo("windows-1252");
    assertThat(mailCharset("\"latin1\"")).isEqualTo("windows-1252");
    assertThat(mailCharset("iso-8859-11")).isEqualTo("x-windows-874");
    assertThat(mailCharset("tis-620")).isEqualTo("x-windows-874");
    assertThat(mailCharset("dos-874")).isEqualTo("x-windows-874");
    assertThat(mailCharset("ks_c_5601-1987")).isEqualTo("x-windows-949");
    assertThat(mailCharset("korean")).isEqualTo("x-windows-949");
    assertThat(mailCharset("gb2312")).isEqualTo("GBK");
    assertThat(mailCharset("cn-big5")).isEqualTo("x-windows-950");
    assertThat(mailCharset("Shift_JIS")).isEqualTo("windows-31j");
    assertThat(mailCharset("iso-8859-8-i")).isEqualTo("ISO-8859-8");
    assertThat(mailCharset("macintosh")).isEqualTo("x-MacRoman");
    // charsets WHATWG reads as themselves stay
    assertThat(mailCharset("iso-8859-2")).isEqualTo("ISO-8859-2");
    assertThat(mailCharset("koi8-r")).isEqualTo("KOI8-R");
  }

  @Test
  void usAsciiStaysStrictSoEightBitBytesFallBack() {
    assertThat(TextDecoding.mailCharset("us-ascii")).isEqualTo(StandardCharsets.US_ASCII);
    assertThat(TextDecoding.mailCharset("x-us-ascii")).isEqualTo(StandardCharsets.US_ASCII);
  }

  @Test
  void anUnknownOrMissingLabelIsNoCharset() {
    assertThat(TextDecoding.mailCharset("x-unknown")).isNull();
    assertThat(TextDecoding.mailCharset(" ")).isNull();
    assertThat(TextDecoding.mailCharset(null)).isNull();
  }

  private static String guessed(String text, String writtenIn) {
    byte[] bytes = text.getBytes(Charset.forName(writtenIn));
    return TextDecoding.undeclaredSingleByte(bytes, 0, bytes.length).name();
  }

  @Test
  void czechOrSlovakWhoseLettersWindows1252AlsoReadsIsToldByItsAlphabet() {
    // windows-1252 reads them as letters of no one Western language: Jiøí Dvoøák, Èerný
    assertThat(guessed("Jiří Dvořák", "windows-1250")).isEqualTo("windows-1250");
    assertThat(guessed("Rezervace, příjezd v úterý", "windows-1250")).isEqualTo("windows-1250");
    assertThat(guessed("Ľubomír Kováč", "windows-1250")).isEqualTo("windows-1250");
    // ž and ý: windows-1254 cannot read the ž, so it is no Turkish
    assertThat(guessed("Růžička Černý", "windows-1250")).isEqualTo("windows-1250");
    // two languages, each word of one: a German mail naming a Czech customer (Jiøí beside
    // Rückgabe is no one Western language's either)
    assertThat(guessed("Kunde: Jiří Dvořák\nRückgabe: 26.03.2026 09:00\n", "windows-1250"))
        .isEqualTo("windows-1250");
    // ISO-8859-2's ž (0xBE) is ľ in windows-1250, a letter too: Růľička is no one language's
    assertThat(guessed("Růžička", "ISO-8859-2")).isEqualTo("ISO-8859-2");
  }

  @Test
  void westernTextMixingLanguagesOrWithoutMarkedLettersStaysWindows1252() {
    for (String text :
        java.util.List.of(
            "Jørgen Ångström",
            "Grüße aus München, Hélène",
            "Søren Kierkegaard",
            "Niccolò Rizzo",
            "Zoë Brontë",
            "José Núñez",
            "François Müller, Øhlenschläger",
            "Caffè Ristoro, perché no, più tardi, città",
            "Bonjour Hélène, très bien. À bientôt !",
            "Takk fyrir bókunina. Þú ert velkomin á morgun. Góðan dag")) {
      assertThat(guessed(text, "windows-1252")).as(text).isEqualTo("windows-1252");
    }
    // Czech whose letters are Western ones too is the same bytes either way
    assertThat(guessed("Novák Procházková", "windows-1250")).isEqualTo("windows-1252");
  }
}
