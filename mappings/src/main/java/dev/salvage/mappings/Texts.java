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
   * {@code text} with full-width digits ({@code ２０２６}, as Japanese, Chinese and Korean text often
   * writes numbers) as ASCII digits, everything else as it is: a date pattern keeps its own
   * full-width brackets ({@code （E）}).
   */
  static String asciiDigits(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '\uFF10' && c <= '\uFF19') {
        if (out == null) {
          out = new StringBuilder(text);
        }
        out.setCharAt(i, (char) (c - '\uFF10' + '0'));
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

  /** A value quoted for an error message: escaped line breaks, cut after 80 characters. */
  static String quote(String value) {
    String shown = value.length() <= MAX_QUOTED ? value : value.substring(0, MAX_QUOTED) + "…";
    return '"'
        + shown
            .replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        + '"';
  }
}
