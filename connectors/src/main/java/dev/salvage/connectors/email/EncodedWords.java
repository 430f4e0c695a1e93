package dev.salvage.connectors.email;

import dev.salvage.connectors.io.TextDecoding;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes RFC 2047 encoded words ({@code =?charset?B|Q?text?=}) leniently: words glued to other
 * text are decoded too, adjacent words in the same charset are joined before decoding (senders
 * split multi-byte characters across words), and unknown charsets fall back like any other text. A
 * word whose text is not valid base64 or quoted-printable is kept as written: decoding it would
 * only give garbage.
 */
final class EncodedWords {
  private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?]*)\\?=");
  private static final Pattern BLANK = Pattern.compile("[ \\t\\r\\n]*");

  private EncodedWords() {}

  static String decode(String text) {
    if (text == null || !text.contains("=?")) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    Matcher word = WORD.matcher(text);
    int copiedUpTo = 0;
    String pendingCharset = null;
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    while (word.find()) {
      String between = text.substring(copiedUpTo, word.start());
      String charset = word.group(1);
      if (!isValid(word)) {
        if (pendingCharset != null) {
          out.append(flush(pending, pendingCharset));
          pendingCharset = null;
        }
        out.append(between).append(word.group());
        copiedUpTo = word.end();
        continue;
      }
      boolean joinsPrevious = pendingCharset != null && BLANK.matcher(between).matches();
      if (!joinsPrevious || !pendingCharset.equalsIgnoreCase(charset)) {
        if (pendingCharset != null) {
          out.append(flush(pending, pendingCharset));
        }
        // white space between two encoded words is not part of the text (RFC 2047 section 6.2)
        if (!joinsPrevious) {
          out.append(between);
        }
        pendingCharset = charset;
      }
      byte[] bytes =
          word.group(2).equalsIgnoreCase("B")
              ? LenientBase64.decode(word.group(3).getBytes(StandardCharsets.ISO_8859_1))
              : decodeQ(word.group(3));
      pending.writeBytes(bytes);
      copiedUpTo = word.end();
    }
    if (pendingCharset != null) {
      out.append(flush(pending, pendingCharset));
    }
    out.append(text, copiedUpTo, text.length());
    return out.toString();
  }

  // Checked by loops, not regular expressions: Java matches a repeated group recursively, so a
  // word of a few thousand characters overflowed the stack and failed the whole run.
  private static boolean isValid(Matcher word) {
    String encoded = word.group(3);
    return word.group(2).equalsIgnoreCase("B") ? isBase64(encoded) : isQuotedPrintable(encoded);
  }

  /**
   * Groups of four base64 characters; the last may be two or three, padded ({@code xx==}, {@code
   * xxx=}) or not: unpadded base64 is common enough to accept.
   */
  static boolean isBase64(String text) {
    int padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
    int length = text.length() - padding;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9')
          && c != '+'
          && c != '/') {
        return false;
      }
    }
    int last = length % 4;
    return padding == 0 ? last != 1 : last == 4 - padding;
  }

  /** Quoted-printable is invalid where an "=" is not followed by two hex digits. */
  static boolean isQuotedPrintable(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '=') {
        if (i + 2 >= text.length() || !isHex(text.charAt(i + 1)) || !isHex(text.charAt(i + 2))) {
          return false;
        }
        i += 2;
      }
    }
    return true;
  }

  private static String flush(ByteArrayOutputStream pending, String charsetName) {
    // RFC 2231 allows a language after the charset: utf-8*en
    int star = charsetName.indexOf('*');
    String name = star < 0 ? charsetName : charsetName.substring(0, star);
    Charset charset = TextDecoding.mailCharset(name);
    String decoded = TextDecoding.decode(pending.toByteArray(), charset);
    pending.reset();
    return decoded;
  }

  private static byte[] decodeQ(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '_') {
        out.write(' ');
      } else if (c == '='
          && i + 2 < text.length()
          && isHex(text.charAt(i + 1))
          && isHex(text.charAt(i + 2))) {
        out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
