package dev.salvage.mappings;

/** Small text helpers shared by the value types and error messages. */
final class Texts {
  private static final int MAX_QUOTED = 80;

  private Texts() {}

  /** Trims and collapses every run of white space (including no-break spaces) into one space. */
  static String collapse(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        pendingSpace = out.length() > 0;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * {@code text} with full-width punctuation ({@code （）：／－，}) as its ASCII form and the ideographic
   * space as a space, as NFKC folds them; letters, digits and the characters a {@code java.time}
   * pattern reserves ({@code ［］｛｝＃＇}) stay as written. A date and its pattern are both folded so,
   * so that {@code (E)} reads {@code （木）} and {@code （E）} reads {@code (木)}: one mail of a business
   * writes either. Until 2026-12-06 the brackets were matched as written and a ryokan's dates with
   * full-width brackets were quarantined under a pattern written with ASCII ones.
   */
  static String narrowPunctuation(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char plain = c;
      if (c == '\u3000') {
        plain = ' ';
      } else if (c >= '\uFF01' && c <= '\uFF5E') {
        char ascii = (char) (c - 0xFEE0);
        if (!Character.isLetterOrDigit(ascii) && "[]{}#'".indexOf(ascii) < 0) {
          plain = ascii;
        }
      }
      if (plain != c) {
        if (out == null) {
          out = new StringBuilder(text);
        }
        out.setCharAt(i, plain);
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * {@code text} with the decimal digits of every script as ASCII digits, everything else as it is:
   * full-width ({@code ２０２６}, as Japanese, Chinese and Korean text often writes numbers),
   * Arabic-Indic ({@code ٢٠٢٦}), Extended Arabic-Indic (Persian and Urdu, {@code ۲۰۲۶}), Devanagari
   * and the others Unicode counts as decimal digits.
   */
  static String asciiDigits(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c > '9' && Character.isDigit(c)) {
        if (out == null) {
          out = new StringBuilder(text);
        }
        out.setCharAt(i, (char) ('0' + Character.digit(c, 10)));
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * {@code text} with the full-width forms of ASCII ({@code １２，８００}, {@code －}) and of the currency
   * signs ({@code ￥}, {@code ￡}, {@code ￦}) as their ordinary characters, and the ideographic space
   * as a space: an amount reads the same however wide it was typed. Unlike NFKC, which does the
   * same, nothing else changes ({@code ½} stays one character).
   */
  static String halfWidth(String text) {
    return dev.salvage.connectors.io.CurrencySigns.halfWidth(text);
  }

  /**
   * {@code text} without the invisible marks that set the direction of text (U+200E, U+200F,
   * U+061C, U+202A to U+202E, U+2066 to U+2069), the byte order mark U+FEFF, and the marks that
   * only say where a line may or may not break (the zero-width space U+200B, the word joiner
   * U+2060, the soft hyphen U+00AD): Arabic and Hebrew mail writes the first around addresses,
   * amounts and dates, text copied from a web page brings the others inside names and addresses
   * ({@code Ren<U+200B>ee} was imported so, a name that no search for Renee finds), and a value is
   * the same with or without them. The joiners U+200C and U+200D stay: Persian and Indic words and
   * emoji are spelt with them.
   */
  static String withoutDirectionMarks(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isDirectionMark(c)) {
        if (out == null) {
          out = new StringBuilder(text.length()).append(text, 0, i);
        }
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * {@code text} with each C0 control character that is not white space (NUL, BEL, ESC) and DEL as
   * a space. No value means one: a NUL in a name from a booking form showed as nothing in review,
   * was approved, and PostgreSQL refused the row at apply ("invalid byte sequence for encoding
   * UTF8: 0x00"), rolling back the whole import; an ESC in a value printed on a console is a
   * terminal command. As a space it shows: {@code text} collapses it, and a type that allows no
   * space inside (an e-mail, a phone, a number) refuses the value, saying where. The C1 controls
   * (U+0080 to U+009F) stay: nobody types one, text read in the wrong charset gives them ({@code
   * Rù<U+009E>ièková}), and the value is kept for the merge to flag its record as misread text; as
   * a space it was a name that looked typed, unflagged.
   */
  static String withoutControls(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < ' ' || c == '\u007F') && !Character.isWhitespace(c)) {
        if (out == null) {
          out = new StringBuilder(text);
        }
        out.setCharAt(i, ' ');
      }
    }
    return out == null ? text : out.toString();
  }

  private static boolean isDirectionMark(char c) {
    return c == '\u200E'
        || c == '\u200F'
        || c == '\u061C'
        || c == '\uFEFF'
        || c == '\u200B'
        || c == '\u2060'
        || c == '\u00AD'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069');
  }

  /** Whether {@code text} holds nothing but white space. */
  static boolean isBlank(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A value quoted for an error message: escaped line breaks, invisible characters written as their
   * code point ({@code <U+200F>}: a date refused for one looked valid), cut after 80 characters.
   */
  static String quote(String value) {
    String shown = value.length() <= MAX_QUOTED ? value : value.substring(0, MAX_QUOTED) + "…";
    return '"'
        + invisibleEscaped(
            shown
                .replace("\\", "\\\\")
                .replace("\"", "\\\"")
                .replace("\n", "\\n")
                .replace("\r", "\\r"))
        + '"';
  }

  /** {@code text} with format characters (U+200F, U+FEFF, U+200B) written {@code <U+200F>}. */
  static String invisibleEscaped(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.getType(c) == Character.FORMAT) {
        if (out == null) {
          out = new StringBuilder(text.length() + 8).append(text, 0, i);
        }
        out.append(String.format("<U+%04X>", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }
}
