package dev.salvage.connectors.backup;

import dev.salvage.connectors.Option;
import dev.salvage.connectors.OptionSet;
import dev.salvage.connectors.io.ExportEncoding;
import java.nio.charset.Charset;

/** The options of the {@code backup-csv} and {@code backup-jsonl} sources, each declared once. */
final class BackupExportOptions {
  static final Option<String> NULL =
      Option.string("null")
          .withDefault("empty")
          .withDescription(
              "which unquoted field is NULL: `empty` for an empty one (PostgreSQL's `COPY ... CSV`;"
                  + " a quoted `\"\"` stays an empty string), or a marker such as `\\N` (MySQL's"
                  + " `SELECT ... INTO OUTFILE`)");
  static final Option<Character> SEPARATOR =
      Option.of("separator", "one character", BackupExportOptions::separator)
          .withDefault(",")
          .withDescription("the field separator; `tab` (or `\\t`) for tab-separated files");

  // Excel on Japanese Windows saves CSV in Shift_JIS, on Chinese in GBK or Big5, on Korean in
  // EUC-KR: read as windows-1252 without a word, every value of such a file was mojibake
  static final Option<Charset> ENCODING =
      Option.of("encoding", "encoding name", ExportEncoding::named)
          .withDefaultDescribed("UTF-8, else windows-1252 or -1250, assumed and said")
          .withDescription(
              "the encoding of the files that are not UTF-8 (`Shift_JIS`, `GBK`, `Big5`, `EUC-KR`,"
                  + " `windows-1252`, `ISO-8859-2`, any name Java knows); a file that starts with"
                  + " the UTF-8 byte order mark or is all valid UTF-8 is read as UTF-8 whatever"
                  + " this says. Unset, a file not UTF-8 is read as windows-1252 or -1250 (what"
                  + " Excel on Windows saves CSV files in) and the run names it at its end, unless"
                  + " its bytes are text in a double-byte encoding: then nothing is read (exit 2)"
                  + " and the message says what each one reads. `Shift_JIS`, `EUC-KR`, `Big5` and"
                  + " `GB2312` are read as the Windows encodings extending them (cp932, cp949,"
                  + " cp950, GBK), what Excel writes");

  // A framework's own export (Django's dumpdata, Rails/Laravel fixtures) holds every table in one
  // file as nested records, {"model": "shop.customer", "pk": 1, "fields": {...}}: these say where a
  // record's table, key and columns are, so no converting script stands between it and the run
  static final Option<String> RECORD_TABLE =
      Option.string("record_table")
          .withDefaultDescribed("the file name")
          .withDescription(
              "the member of each record naming its table (Django's dumpdata: `model`, giving"
                  + " tables such as `shop.customer`); a record without it is quarantined");
  static final Option<String> RECORD_KEY =
      Option.string("record_key")
          .withDefaultDescribed("column `id`, else the first")
          .withDescription(
              "the member of each record holding its primary key (dumpdata: `pk`); it becomes the"
                  + " row's first column, under that name, and names the row in its ref");
  static final Option<String> RECORD_COLUMNS =
      Option.string("record_columns")
          .withDefaultDescribed("the record itself")
          .withDescription(
              "the member of each record holding the object of its column values (dumpdata:"
                  + " `fields`); the record's other members, but the table's, become columns too");

  static final OptionSet CSV = OptionSet.of("backup-csv", NULL, SEPARATOR, ENCODING);
  static final OptionSet JSONL =
      OptionSet.of("backup-jsonl", RECORD_TABLE, RECORD_KEY, RECORD_COLUMNS, ENCODING);

  private BackupExportOptions() {}

  private static Character separator(String text) {
    String separator = text.equals("\\t") || text.equalsIgnoreCase("tab") ? "\t" : text;
    if (separator.length() != 1 || separator.equals("\"")) {
      throw new IllegalArgumentException("must be one character other than \"");
    }
    return separator.charAt(0);
  }
}
