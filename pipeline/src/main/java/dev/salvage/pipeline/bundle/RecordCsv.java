package dev.salvage.pipeline.bundle;

import java.util.List;

/**
 * {@code review/records.csv}: the flat form of {@link ReconstructedRecord}s for a spreadsheet. One
 * row a record: its id, entity, action, confidence, flag, backup row, evidence count and reasons,
 * then one column per entity field ({@code fields}, the same for every row). Quoted by RFC 4180,
 * the one CSV rule spreadsheets agree on. Nothing reads it back: records.jsonl is the record. It
 * starts with a UTF-8 byte order mark: without one, Excel reads a CSV file in the Windows code page
 * of its locale, and every accent, kanji or emoji of a name became mojibake.
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

  static String escape(String value) {
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
