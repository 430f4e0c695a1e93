package dev.salvage.connectors.backup;

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
                  + " `SELECT ... INTO OUTFILE`)");
  static final Option<Character> SEPARATOR =
      Option.of("separator", "one character", BackupExportOptions::separator)
          .withDefault(",")
          .withDescription("the field separator; `tab` (or `\\t`) for tab-separated files");

  static final OptionSet CSV = OptionSet.of("backup-csv", NULL, SEPARATOR);
  static final OptionSet JSONL = OptionSet.none("backup-jsonl");

  private BackupExportOptions() {}

  private static Character separator(String text) {
    String separator = text.equals("\\t") || text.equalsIgnoreCase("tab") ? "\t" : text;
    if (separator.length() != 1 || separator.equals("\"")) {
      throw new IllegalArgumentException("must be one character other than \"");
    }
    return separator.charAt(0);
  }
}
