package dev.salvage.connectors.email;

import dev.salvage.connectors.io.TextDecoding;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Header values written in ISO-2022 with its bare escape sequences, no {@code =?...?=} around them
 * ({@code Subject: ESC$B!ZN94[ESC(B ...}), as old Japanese mailers write them: 7-bit, so nothing
 * else decodes them, and a rule testing the subject never matched (15 of an outside trial's 93
 * mails). The escape that opens the first double-byte set says which of the charsets it is: {@code
 * ESC $ ) C} ISO-2022-KR, {@code ESC $ ) A}, {@code ESC $ ) G} or {@code ESC $ * H} ISO-2022-CN,
 * any other ISO-2022-JP.
 */
final class RawIso2022 {
  private static final char ESC = '\u001B';

  private RawIso2022() {}

  /**
   * The name of the charset the escape sequences of {@code value} are in ({@code ISO-2022-JP}), or
   * null when it holds none.
   */
  static String charsetOf(String value) {
    int esc = value == null ? -1 : value.indexOf(ESC);
    while (esc >= 0) {
      if (esc + 2 < value.length() && value.charAt(esc + 1) == '$') {
        String designation = value.substring(esc + 2, Math.min(value.length(), esc + 4));
        return switch (designation) {
          case ")C" -> "ISO-2022-KR";
          case ")A", ")G", "*H" -> "ISO-2022-CN";
          default -> "ISO-2022-JP";
        };
      }
      esc = value.indexOf(ESC, esc + 1);
    }
    return null;
  }

  /**
   * {@code value} read in the charset named {@code charsetName} ({@link #charsetOf}) as mail
   * clients read it ({@link TextDecoding#mailCharset}); its ASCII stays as it is, and encoded words
   * in it are left for {@link EncodedWords}.
   */
  static String decode(String value, String charsetName) {
    Charset charset = TextDecoding.mailCharset(charsetName);
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) >= 0x80) {
        // not 7-bit: no ISO-2022 writer wrote it, and its bytes are no longer those written
        return value;
      }
    }
    return TextDecoding.decode(value.getBytes(StandardCharsets.US_ASCII), charset);
  }
}
