package dev.salvage.connectors;

import java.io.IOException;
import java.io.Reader;
import java.util.Optional;

/**
 * Excel's first line {@code sep=;}: a CSV file may start with it to tell Excel its separator, and
 * Excel reads it so, never as a row. Some exporters write it quoted ({@code "sep=;"}), and a sheet
 * saved with it in its first cell repeats the separator for the empty cells ({@code sep=;;;}). The
 * backup's and Stripe's CSV readers take the separator from it and read the header after it.
 */
public final class ExcelSeparatorLine {
  private ExcelSeparatorLine() {}

  /** The separator a first line (without its line break or byte order mark) declares, if any. */
  public static Optional<Character> declared(String firstLine) {
    if (firstLine == null) {
      return Optional.empty();
    }
    String text = firstLine.strip();
    boolean quoted = text.startsWith("\"");
    int at = quoted ? 5 : 4;
    if (text.length() <= at || !text.regionMatches(true, quoted ? 1 : 0, "sep=", 0, 4)) {
      return Optional.empty();
    }
    char named = text.charAt(at);
    String rest = text.substring(at + 1);
    if (quoted) {
      if (!rest.startsWith("\"")) {
        return Optional.empty();
      }
      rest = rest.substring(1);
    }
    if (named == '"' || Character.isLetterOrDigit(named)) {
      return Optional.empty();
    }
    return rest.chars().allMatch(c -> c == named) ? Optional.of(named) : Optional.empty();
  }

  /** Reads a reader's first line (up to its line break, taken too) and gives it. */
  public static String skipLine(Reader reader) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = reader.read()) >= 0 && c != '\n') {
      line.append((char) c);
    }
    int end = line.length();
    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
  }
}
