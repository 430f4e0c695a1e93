package dev.salvage.pipeline.bundle;

/** RFC 4180 quoting, the one CSV rule spreadsheets agree on. */
public final class Csv {
  private Csv() {}

  public static String escape(String value) {
    if (value == null) {
      return "";
    }
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }
}
