package dev.salvage.connectors.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Base64 decoding that never fails: characters outside the alphabet (line breaks, garbage) are
 * skipped, padding closes a group wherever it is, and a truncated group yields the bytes it can.
 */
final class LenientBase64 {
  private static final int[] VALUES = new int[256];

  static {
    Arrays.fill(VALUES, -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      VALUES[alphabet.charAt(i)] = i;
    }
    // URL-safe variants are seen in the wild too
    VALUES['-'] = 62;
    VALUES['_'] = 63;
  }

  private LenientBase64() {}

  /**
   * The first line of {@code encoded}, quoted and shortened, when it is plainly not base64: that
   * line holds characters outside the alphabet (HTML's {@code <}, a sentence's comma) and they are
   * at least 1 % of the non-blank characters; null when it may well be base64 (a stray character or
   * a footer after real base64 is skipped by {@link #decode} as before).
   */
  static String notBase64(byte[] encoded) {
    int start = 0;
    while (start < encoded.length && isBlank(encoded[start])) {
      start++;
    }
    int end = start;
    boolean firstLineForeign = false;
    while (end < encoded.length && encoded[end] != '\n' && encoded[end] != '\r') {
      firstLineForeign |= foreign(encoded[end]);
      end++;
    }
    if (!firstLineForeign) {
      return null;
    }
    long foreign = 0;
    long nonBlank = 0;
    for (byte b : encoded) {
      if (!isBlank(b)) {
        nonBlank++;
        if (foreign(b)) {
          foreign++;
        }
      }
    }
    if (foreign * 100 < nonBlank) {
      return null;
    }
    String line = new String(encoded, start, Math.min(end - start, 60), StandardCharsets.UTF_8);
    return "\"" + line + (end - start > 60 ? "…" : "") + "\"";
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  private static boolean foreign(byte b) {
    return b != '=' && !isBlank(b) && VALUES[b & 0xff] < 0;
  }

  /**
   * What in {@code encoded} makes its decoding suspect, in words (for a note), or null when it is
   * well-formed: characters outside the alphabet (besides line breaks and blanks), which {@link
   * #decode} skips, so that whatever they replaced is lost or what follows them shifts; or data
   * that does not end on a whole 4-character group, or padding where no group ends, the trace of
   * lost or added characters, after which every byte decodes shifted. Well-formed chunks joined
   * together (padding, then more data) are not suspect: {@link #decode} reads each as it was
   * written.
   */
  static String damage(byte[] encoded) {
    long foreign = 0;
    int firstForeignLine = 0;
    int misplacedPaddingLine = 0;
    long characters = 0;
    int line = 1;
    int count = 0;
    int padsExpected = 0;
    for (byte b : encoded) {
      if (b == '\n') {
        line++;
        continue;
      }
      if (isBlank(b)) {
        continue;
      }
      if (b == '=') {
        characters++;
        if (count == 2 || count == 3) {
          padsExpected = 4 - count - 1;
          count = 0;
        } else if (padsExpected > 0) {
          padsExpected--;
        } else if (misplacedPaddingLine == 0) {
          misplacedPaddingLine = line;
        }
        continue;
      }
      if (VALUES[b & 0xff] < 0) {
        foreign++;
        if (firstForeignLine == 0) {
          firstForeignLine = line;
        }
        continue;
      }
      characters++;
      if (padsExpected > 0 && misplacedPaddingLine == 0) {
        // "QQ=Q": a group closed by half its padding, then data
        misplacedPaddingLine = line;
      }
      padsExpected = 0;
      count = (count + 1) % 4;
    }
    List<String> problems = new ArrayList<>();
    if (foreign > 0) {
      problems.add(
          "has "
              + foreign
              + (foreign == 1 ? " character" : " characters")
              + " outside the base64 alphabet (first at line "
              + firstForeignLine
              + " of the part)");
    }
    if (misplacedPaddingLine > 0) {
      problems.add(
          "has padding (=) where no 4-character group ends (first at line "
              + misplacedPaddingLine
              + " of the part)");
    }
    if (count != 0 || padsExpected > 0) {
      problems.add(
          "is misaligned (its "
              + characters
              + " base64 characters are not a whole number of 4-character groups)");
    }
    return problems.isEmpty() ? null : String.join(" and ", problems);
  }

  static byte[] decode(byte[] encoded) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length * 3 / 4 + 3);
    int group = 0;
    int count = 0;
    for (byte b : encoded) {
      if (b == '=') {
        // padding ends a group: what follows is a new chunk (senders concatenate encoded parts)
        writePartial(out, group, count);
        group = 0;
        count = 0;
        continue;
      }
      int value = VALUES[b & 0xff];
      if (value < 0) {
        continue;
      }
      group = (group << 6) | value;
      count++;
      if (count == 4) {
        out.write(group >> 16);
        out.write(group >> 8);
        out.write(group);
        group = 0;
        count = 0;
      }
    }
    writePartial(out, group, count);
    return out.toByteArray();
  }

  private static void writePartial(ByteArrayOutputStream out, int group, int count) {
    if (count == 3) {
      out.write(group >> 10);
      out.write(group >> 2);
    } else if (count == 2) {
      out.write(group >> 4);
    }
  }
}
