package dev.salvage.connectors.backup;

import dev.salvage.connectors.io.TextDecoding;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;

/**
 * PostgreSQL's backslash escapes, as used by COPY text format and by E'' string constants: {@code
 * \b \f \n \r \t \v}, octal {@code \1}..{@code \377} and hex {@code \x7} or {@code \x7f} (bytes in
 * the dump's encoding, so a multi-byte character may be spelt as several escapes), {@code \}
 * followed by any other character stands for that character. E'' strings also have Unicode escapes:
 * backslash, u and four hex digits, or backslash, U and eight.
 */
final class BackslashEscapes {
  private BackslashEscapes() {}

  static String decode(String text, Charset charset, boolean unicodeEscapes) {
    if (text.indexOf('\\') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 >= text.length()) {
        flush(bytes, out, charset);
        out.append(c);
        i++;
        continue;
      }
      char next = text.charAt(i + 1);
      int digits;
      if (isOctal(next)) {
        digits = count(text, i + 1, 3, BackslashEscapes::isOctal);
        bytes.write(Integer.parseInt(text.substring(i + 1, i + 1 + digits), 8));
        i += 1 + digits;
        continue;
      }
      if (next == 'x' && i + 2 < text.length() && isHex(text.charAt(i + 2))) {
        digits = count(text, i + 2, 2, BackslashEscapes::isHex);
        bytes.write(Integer.parseInt(text.substring(i + 2, i + 2 + digits), 16));
        i += 2 + digits;
        continue;
      }
      flush(bytes, out, charset);
      if (unicodeEscapes && (next == 'u' || next == 'U')) {
        int length = next == 'u' ? 4 : 8;
        if (count(text, i + 2, length, BackslashEscapes::isHex) == length) {
          out.appendCodePoint(Integer.parseInt(text.substring(i + 2, i + 2 + length), 16));
          i += 2 + length;
          continue;
        }
      }
      out.append(
          switch (next) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> '\u000b';
            default -> next;
          });
      i += 2;
    }
    flush(bytes, out, charset);
    return out.toString();
  }

  private static void flush(ByteArrayOutputStream bytes, StringBuilder out, Charset charset) {
    if (bytes.size() > 0) {
      out.append(TextDecoding.decode(bytes.toByteArray(), charset));
      bytes.reset();
    }
  }

  private interface CharTest {
    boolean test(char c);
  }

  private static int count(String text, int from, int max, CharTest test) {
    int n = 0;
    while (n < max && from + n < text.length() && test.test(text.charAt(from + n))) {
      n++;
    }
    return n;
  }

  private static boolean isOctal(char c) {
    return c >= '0' && c <= '7';
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0 && c < 128;
  }
}
