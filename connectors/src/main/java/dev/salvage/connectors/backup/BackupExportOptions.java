package dev.salvage.connectors.backup;

import dev.salvage.connectors.ExportEncodings;
import dev.salvage.connectors.Option;
import dev.salvage.connectors.OptionSet;

/** The options of the {@code backup-csv} and {@code backup-jsonl} sources, each declared once. */
final class BackupExportOptions {
  static final Option<String> NULL =
      Option.string("null")
          .withDefault("empty")
          .withDescription(
              "which unquoted field is NULL: `empty` for an empty one (PostgreSQL's `COPY ... CSV`;"
                  + " a quoted `\"\"` stays an empty string), or a marker such as `\\N` (MySQL's"
                  + " `SELECT ... INTO OUTFILE`) or `NULL` (mysql's batch output, scripts). In a"
                  + " file whose values are all quoted (phpMyAdmin), an unquoted `NULL` is NULL"
                  + " whatever this says; in one whose values are not, a column holding the text"
                  + " `NULL` while this is `empty` is named at the run's end");
  static final Option<Character> SEPARATOR =
      Option.of("separator", "one character", BackupExportOptions::separator)
          .withDefault(",")
          .withDescription("the field separator; `tab` (or `\\t`) for tab-separated files");

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

  static final OptionSet CSV =
      OptionSet.of("backup-csv", NULL, SEPARATOR, ExportEncodings.ENCODING);
  static final OptionSet JSONL =
      OptionSet.of(
          "backup-jsonl", RECORD_TABLE, RECORD_KEY, RECORD_COLUMNS, ExportEncodings.ENCODING);

  private BackupExportOptions() {}

  private static Character separator(String text) {
    String separator = text.equals("\\t") || text.equalsIgnoreCase("tab") ? "\t" : text;
    if (separator.length() != 1 || separator.equals("\"")) {
      throw new IllegalArgumentException("must be one character other than \"");
    }
    return separator.charAt(0);
  }
}
