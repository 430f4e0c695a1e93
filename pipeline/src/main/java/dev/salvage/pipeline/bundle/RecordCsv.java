package dev.salvage.pipeline.bundle;

import java.util.List;

/**
 * {@code review/records.csv}: the flat form of {@link ReconstructedRecord}s for a spreadsheet. One
 * row a record: its id, entity, action, confidence, flag, backup row, evidence count and reasons,
 * then one column per entity field ({@code fields}, the same for every row). Quoted by RFC 4180,
 * the one CSV rule spreadsheets agree on; a value a spreadsheet would run as a formula gets a
 * leading {@code '}. Nothing reads it back: records.jsonl is the record. It starts with a UTF-8
 * byte order mark: without one, Excel reads a CSV file in the Windows code page of its locale, and
 * every accent, kanji or emoji of a name became mojibake.
 */
public final class RecordCsv {
  private RecordCsv() {}

  /** The header row (no line break), after the byte order mark that tells Excel it is UTF-8. */
  public static String header(List<String> fields) {
    StringBuilder header =
        new StringBuilder("\uFEFFid,entity,action,confidence,flagged,backup_ref,evidence,reasons");
    for (String field : fields) {
      header.append(',').append(escape(field));
    }
    return header.toString();
  }

  /** The row of {@code record} (no line break); an empty cell for a field it lacks. */
  public static String row(ReconstructedRecord record, List<String> fields) {
    StringBuilder line = new StringBuilder();
    line.append(escape(record.id())).append(',');
    line.append(record.entity()).append(',');
    line.append(record.action()).append(',');
    line.append(record.confidence()).append(',');
    line.append(record.flagged()).append(',');
    line.append(escape(record.backupRef())).append(',');
    line.append(record.evidence().size()).append(',');
    line.append(escape(String.join("; ", record.reasons())));
    for (String field : fields) {
      line.append(',').append(escape(record.value(field)));
    }
    return line.toString();
  }

  // a number or a phone as written, which a spreadsheet may read as one without running anything
  private static final java.util.regex.Pattern SIGNED_NUMBER =
      java.util.regex.Pattern.compile("[+-]?[0-9][0-9 ().-]*");

  static String escape(String value) {
    if (value == null) {
      return "";
    }
    if (formulaLike(value)) {
      // a value the mail's sender wrote ("=HYPERLINK(...)", "@SUM(...)") is a formula to Excel
      // and LibreOffice, run when the operator opens the file: the quote makes it text (trial 83)
      value = "'" + value;
    }
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }

  /**
   * Whether a spreadsheet takes {@code value} for a formula: it starts with {@code =}, {@code @}, a
   * tab or a carriage return, or with {@code +} or {@code -} and is not a plain signed number or
   * phone number ({@code +44 20 7946 0958}, {@code -12.50} stay as they are).
   */
  static boolean formulaLike(String value) {
    if (value.isEmpty()) {
      return false;
    }
    char first = value.charAt(0);
    return switch (first) {
      case '=', '@', '\t', '\r' -> true;
      case '+', '-' -> !SIGNED_NUMBER.matcher(value).matches();
      default -> false;
    };
  }
}
