package dev.salvage.connectors.io;

import static org.assertj.core.api.Assertions.assertThat;

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
}
