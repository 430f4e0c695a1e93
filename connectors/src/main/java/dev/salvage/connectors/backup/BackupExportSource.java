package dev.salvage.connectors.backup;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.DecodingNote;
import dev.salvage.connectors.ExportEncodings;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.OptionSet;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.connectors.io.ByteLineReader;
import dev.salvage.connectors.io.InputFiles;
import dev.salvage.connectors.io.JsonInput;
import dev.salvage.connectors.io.TextDecoding;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A backup exported as one file per table (source types {@code backup-csv} and {@code
 * backup-jsonl}; gzip accepted), read into the same {@code backup.row} records as a dump. The table
 * is the file name without its extensions ({@code customers.csv}, {@code
 * billing.payments.jsonl.gz}; a {@code public.} prefix is dropped as in dumps).
 *
 * <p>CSV: a header line with the column names, then one record per row; values are text. Its
 * options ({@code null}, {@code separator}) are declared in {@code BackupExportOptions}. In a file
 * whose values are all quoted, an unquoted {@code NULL} is NULL (see {@link #quotesValues}). A
 * {@code t.txt} beside a {@code t.sql} is a table of {@code mysqldump --tab} ({@link
 * MysqlTabExport}): no header, its columns from the {@code CREATE TABLE} in {@code t.sql}.
 *
 * <p>JSON: one object per line (JSON Lines), or a file holding one array of objects (what {@code
 * json.dump}, Django's {@code dumpdata} and most exporters write, pretty-printed or not), streamed
 * one element at a time. An object is column name to value, unless {@link JsonLayout} says where a
 * nested record keeps its table, key and columns; strings are the text, JSON null is NULL, booleans
 * become {@code t}/{@code f} (as PostgreSQL writes them), numbers stay as written, nested objects
 * and arrays become their JSON text.
 *
 * @param format {@code csv} or {@code jsonl}
 * @param nullMarker the unquoted CSV field that stands for NULL; empty for an empty field
 * @param layout where a JSON record's table, key and columns are
 * @param encoding the name of the encoding declared for the files that are not UTF-8 (the option
 *     {@code encoding}), or empty: see {@link ExportEncodings}
 */
public record BackupExportSource(
    String sourceName,
    String path,
    String format,
    String nullMarker,
    char separator,
    JsonLayout layout,
    String encoding)
    implements PartitionedSource {
  private static final int MAX_RECORD = JsonInput.MAX_STRING_CHARS;

  public BackupExportSource {
    requireNonNull(sourceName, "sourceName");
    requireNonNull(path, "path");
    requireNonNull(format, "format");
    requireNonNull(nullMarker, "nullMarker");
    requireNonNull(layout, "layout");
    requireNonNull(encoding, "encoding");
  }

  /**
   * Where each JSON record keeps its table, its key and its columns, as the options {@code
   * record_table}, {@code record_key} and {@code record_columns} name them; an empty name: the file
   * name is the table, the key is column {@code id} or the first, the record itself is the columns.
   * Django's dumpdata is {@code ("model", "pk", "fields")}.
   */
  public record JsonLayout(String table, String key, String columns) implements Serializable {
    public static final JsonLayout FLAT = new JsonLayout("", "", "");

    public JsonLayout {
      requireNonNull(table, "table");
      requireNonNull(key, "key");
      requireNonNull(columns, "columns");
    }
  }

  /** The factory of type {@code backup-csv}. */
  public static BackupExportSource csv(String sourceName, Path path, Map<String, String> options)
      throws InvalidSourceException {
    checkPath(sourceName, BackupExportOptions.CSV, path);
    return BackupExportOptions.CSV.configure(
        sourceName,
        options,
        values -> {
          String nullOption = values.get(BackupExportOptions.NULL);
          return new BackupExportSource(
              sourceName,
              path.toString(),
              "csv",
              nullOption.equals("empty") ? "" : nullOption,
              values.get(BackupExportOptions.SEPARATOR),
              JsonLayout.FLAT,
              ExportEncodings.name(values.get(ExportEncodings.ENCODING)));
        });
  }

  /** The factory of type {@code backup-jsonl}. */
  public static BackupExportSource jsonl(String sourceName, Path path, Map<String, String> options)
      throws InvalidSourceException {
    checkPath(sourceName, BackupExportOptions.JSONL, path);
    return BackupExportOptions.JSONL.configure(
        sourceName,
        options,
        values ->
            new BackupExportSource(
                sourceName,
                path.toString(),
                "jsonl",
                "",
                ',',
                new JsonLayout(
                    orEmpty(values.get(BackupExportOptions.RECORD_TABLE)),
                    orEmpty(values.get(BackupExportOptions.RECORD_KEY)),
                    orEmpty(values.get(BackupExportOptions.RECORD_COLUMNS))),
                ExportEncodings.name(values.get(ExportEncodings.ENCODING))));
  }

  /**
   * Decides every file's encoding before the run reads any: a file whose bytes are text in a
   * double-byte encoding, with none declared, stops the run here (exit 2) instead of being read as
   * windows-1252 into mojibake; a file read in an encoding assumed gets a note.
   */
  @Override
  public List<DecodingNote> checkEncodings(List<String> partitions)
      throws IOException, InvalidSourceException {
    // a mysqldump --tab data file is in mysqldump's character set, not a spreadsheet's guess, and
    // its binary columns' raw bytes would read as another encoding's text
    List<String> exports =
        partitions.stream()
            .filter(partition -> MysqlTabExport.schemaOf(Path.of(partition)).isEmpty())
            .toList();
    List<DecodingNote> notes =
        new ArrayList<>(
            ExportEncodings.check(
                format.equals("csv") ? "backup-csv" : "backup-jsonl",
                sourceName,
                exports,
                ExportEncodings.declared(encoding)));
    for (String partition : exports) {
      Path file = Path.of(partition);
      if (!Files.isRegularFile(file) || InputFiles.isArchive(file)) {
        continue;
      }
      if (format.equals("csv") && !isJsonFile(file)) {
        nullNote(file).ifPresent(notes::add);
      } else if (startsWithArray(file) && trailingCommaAt(file) != null) {
        notes.add(
            new DecodingNote(
                sourceName,
                file.toString(),
                ExportEncodings.of(file, ExportEncodings.declared(encoding)).name(),
                file
                    + TRAILING_COMMA
                    + " (\"},\" then \"]\"), which JSON does not allow: read as the array's end,"
                    + " every record before it read"));
      }
    }
    return notes;
  }

  private static final String TRAILING_COMMA = " ends its array with a comma before the closing ]";

  /** Whether {@code note} is one of this source's notes on an array's trailing comma. */
  public static boolean isAboutTrailingComma(DecodingNote note) {
    return note.note().contains(TRAILING_COMMA);
  }

  /**
   * Where ({@code line:column}) the closing {@code ]} that ends the file is when a comma comes
   * right before it (white space aside), as many hand-edited and script-written arrays have it
   * ({@code },\n]}); else null. Only the tail of an uncompressed file is looked at unless it ends
   * so.
   */
  static String trailingCommaAt(Path file) throws IOException {
    if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
      try (var channel = Files.newByteChannel(file)) {
        long size = channel.size();
        java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate((int) Math.min(size, 4096));
        channel.position(size - tail.capacity());
        while (tail.hasRemaining() && channel.read(tail) > 0) {}
        if (!endsWithTrailingComma(new String(tail.array(), StandardCharsets.ISO_8859_1))) {
          return null;
        }
      }
    }
    long line = 1;
    long column = 0;
    String closing = null;
    int last = -1;
    int beforeLast = -1;
    try (InputStream in = new BufferedInputStream(InputFiles.open(file), 1 << 16)) {
      for (int b = in.read(); b >= 0; b = in.read()) {
        column++;
        if (b == '\n') {
          line++;
          column = 0;
        } else if (!Character.isWhitespace(b)) {
          beforeLast = last;
          last = b;
          closing = line + ":" + column;
        }
      }
    }
    return last == ']' && beforeLast == ',' ? closing : null;
  }

  private static boolean endsWithTrailingComma(String tail) {
    String text = tail.stripTrailing();
    return text.endsWith("]") && text.substring(0, text.length() - 1).stripTrailing().endsWith(",");
  }

  /**
   * What to say of the cells written {@code NULL} without quotes in a CSV file, once, before the
   * run: read as NULL in a file whose values are quoted, or, in a file whose values are not and
   * with no {@code null} option naming it, read as the text NULL although the exporter may have
   * meant SQL NULL (read so without a word, a phpMyAdmin export gave every NULL name the text
   * "NULL" and quarantined every NULL phone as "not a phone number").
   */
  private Optional<DecodingNote> nullNote(Path file) throws IOException {
    Charset charset;
    try {
      charset = ExportEncodings.of(file, ExportEncodings.declared(encoding));
    } catch (IOException unreadable) {
      return Optional.empty(); // its read fails too, and the run lists it as not read
    }
    // per marker (NULL, \N) that is not the option's, the columns holding it alone, and how often
    Map<String, Map<String, Long>> textNulls = new LinkedHashMap<>();
    long nulls = 0;
    Boolean quoted = null;
    try (Reader reader =
        new BufferedReader(new InputStreamReader(InputFiles.open(file), charset))) {
      CsvRecords records = new CsvRecords(reader, separator, MAX_RECORD);
      List<CsvRecords.Field> header = null;
      while (true) {
        CsvRecords.Record record;
        try {
          record = records.next();
        } catch (CsvRecords.BadRecordException e) {
          if (e.getMessage().contains("not closed")) {
            break;
          }
          continue;
        }
        if (record == null) {
          break;
        }
        if (header == null) {
          header = record.fields();
          continue;
        }
        if (record.swallowsRows(header.size(), records.separator())) {
          records.reread(record); // as the read will
          continue;
        }
        if (quoted == null) {
          quoted = quotesValues(header, record.fields());
        }
        List<CsvRecords.Field> fields = record.fields();
        for (int i = 0; i < fields.size(); i++) {
          CsvRecords.Field field = fields.get(i);
          if (field.quoted() || !NULL_MARKERS.contains(field.text())) {
            continue;
          }
          if (quoted && field.text().equals(BARE_NULL)) {
            nulls++;
          } else if (!quoted && !field.text().equals(nullMarker)) {
            String column = i < header.size() ? header.get(i).text() : "field " + (i + 1);
            textNulls
                .computeIfAbsent(field.text(), marker -> new LinkedHashMap<>())
                .merge(column, 1L, Long::sum);
          }
        }
      }
    } catch (IOException unreadable) {
      return Optional.empty(); // its read fails too, and the run lists it as not read
    }
    if (nulls > 0) {
      return Optional.of(
          new DecodingNote(
              sourceName,
              file.toString(),
              charset.name(),
              file
                  + " quotes its values, and "
                  + nulls
                  + QUOTED_NULLS
                  + " were read as NULL (no value): the"
                  + " exporter would have quoted the text NULL like every other value, as"
                  + " phpMyAdmin does; a quoted \"NULL\" stays text"));
    }
    if (!textNulls.isEmpty()) {
      List<String> said = new ArrayList<>();
      textNulls.forEach(
          (marker, byColumn) -> {
            List<String> columns = new ArrayList<>();
            byColumn.forEach((column, rows) -> columns.add(column + " (" + rows + " row(s))"));
            said.add(marker + " stands alone in column(s) " + String.join(", ", columns));
          });
      String markers = String.join(" and ", textNulls.keySet());
      String option = nullMarker.isEmpty() ? "empty (unset)" : nullMarker;
      String advice;
      if (textNulls.size() > 1 || !nullMarker.isEmpty()) {
        // one marker is all the option names: a file writing NULL two ways cannot be read right
        advice =
            ". The option null names one marker, and this file writes SQL NULL as "
                + (nullMarker.isEmpty() ? "" : nullMarker + " and as ")
                + markers
                + " as well: mend the file to one marker, or declare unreadable: leave_out on"
                + " the typed fields, else a typed field quarantines each such row and a text"
                + " field takes the word as its value";
      } else if (textNulls.containsKey(BARE_NULL)) {
        advice =
            ". If the exporter wrote SQL NULL so (mysql's batch output, many scripts), set the"
                + " backup option null: \"NULL\" (salvage backup inspect: --option null=NULL";
      } else {
        advice =
            ". If the exporter wrote SQL NULL so (MySQL's SELECT ... INTO OUTFILE), set the"
                + " backup option null: '\\N' (salvage backup inspect: --option 'null=\\N'";
      }
      return Optional.of(
          new DecodingNote(
              sourceName,
              file.toString(),
              charset.name(),
              "Warning: "
                  + file
                  + TEXT_NULLS
                  + String.join("; the text ", said)
                  + ": read as the text "
                  + markers
                  + ", as the option null is "
                  + option
                  + advice
                  + (advice.contains("(salvage backup inspect") ? "; " : " (")
                  + "docs/backup.md)"));
    }
    return Optional.empty();
  }

  // how phpMyAdmin, mysql's batch output and many scripts write SQL NULL
  private static final String BARE_NULL = "NULL";
  private static final String QUOTED_NULLS = " cell(s) written NULL without quotes";
  // what exporters write for SQL NULL: mysql's batch output and scripts, SELECT ... INTO OUTFILE
  private static final java.util.Set<String> NULL_MARKERS = java.util.Set.of(BARE_NULL, "\\N");
  private static final String TEXT_NULLS = " does not quote its values, and the text ";

  /** Whether {@code note} is one of this source's notes on cells written NULL, not on encodings. */
  public static boolean isAboutNulls(DecodingNote note) {
    return note.note().contains(QUOTED_NULLS) || note.note().contains(TEXT_NULLS);
  }

  /**
   * Whether a file's values are quoted, decided from its header and first row: every field of both
   * is quoted but for cells written {@code NULL} or nothing. Such an exporter (phpMyAdmin's CSV,
   * Python's {@code QUOTE_ALL}) quotes every text it writes, so a {@code NULL} it left unquoted is
   * no text: it is SQL NULL. A file quoting only what needs it (PostgreSQL, Excel) is not one.
   */
  static boolean quotesValues(List<CsvRecords.Field> header, List<CsvRecords.Field> first) {
    if (header.stream().anyMatch(field -> !field.quoted())) {
      return false;
    }
    return first.stream()
        .allMatch(
            field -> field.quoted() || field.text().equals(BARE_NULL) || field.text().isEmpty());
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /** The options of type {@code backup-csv}. */
  public static OptionSet csvOptionSet() {
    return BackupExportOptions.CSV;
  }

  /** The options of type {@code backup-jsonl}: where nested records keep their parts. */
  public static OptionSet jsonlOptionSet() {
    return BackupExportOptions.JSONL;
  }

  private static void checkPath(String sourceName, OptionSet type, Path path)
      throws InvalidSourceException {
    if (path == null) {
      throw InvalidSourceException.of(
          type.owner(), sourceName, "needs a path (a file or a directory)");
    }
  }

  /**
   * The files to read. For CSV, a {@code .sql} file is SQL, never a table's rows: in a {@code
   * mysqldump --tab} directory it is the {@code CREATE TABLE} of the {@code .txt} beside it (or a
   * view's, which has no rows), and it is left out; in any other directory the backup is a dump, or
   * holds one, and is refused with the type to read it with.
   */
  @Override
  public List<String> partitions() throws IOException, InvalidSourceException {
    List<String> files = SourceReaders.filePartitions(Path.of(path));
    if (!format.equals("csv")) {
      return files;
    }
    List<Path> paths = files.stream().map(Path::of).toList();
    List<String> sql = new ArrayList<>();
    List<String> read = new ArrayList<>();
    for (Path file : paths) {
      (MysqlTabExport.isSql(file) ? sql : read).add(file.toString());
    }
    if (!sql.isEmpty() && !MysqlTabExport.isLayout(paths)) {
      throw InvalidSourceException.of(
          "backup-csv",
          sourceName,
          "Cannot read "
              + path
              + " as CSV exports: it holds SQL ("
              + String.join(", ", sql.stream().limit(3).toList())
              + (sql.size() > 3 ? ", ..." : "")
              + "), not a table's rows, and no .txt data file of mysqldump --tab beside it. Read a"
              + " dump with type mysqldump or pgdump (salvage backup inspect guesses which), or"
              + " move it out of the directory");
    }
    return read;
  }

  @Override
  public void read(String partition, RecordSink sink) throws IOException {
    Path file = Path.of(partition);
    String table = tableOf(file);
    if (format.equals("csv") && !isJsonFile(file)) {
      Optional<Path> schema = MysqlTabExport.schemaOf(file);
      if (schema.isPresent()) {
        readTab(file, schema.get(), table, sink);
      } else {
        readCsv(file, table, sink);
      }
    } else {
      readJsonLines(file, table, sink);
    }
  }

  /**
   * Reads a {@code t.txt} of {@code mysqldump --tab}: no header, so its columns and primary key are
   * those of the {@code CREATE TABLE} in {@code t.sql}, and its rows are refs keyed as the {@code
   * mysqldump} reader keys the same table's.
   */
  private void readTab(Path file, Path schema, String table, RecordSink sink) throws IOException {
    MysqlDumpReader.Table created = MysqlDumpReader.createdTables(schema).get(table);
    if (created == null) {
      throw new IOException(
          "Cannot read "
              + file
              + " of table "
              + table
              + ": it is the data file of a mysqldump --tab directory, but "
              + schema
              + " beside it has no CREATE TABLE "
              + table
              + " to take its columns from (the data file has no header)");
    }
    // mysqldump writes the data in its --default-character-set, utf8mb4 unless told otherwise;
    // binary columns hold raw bytes, so the file is not guessed at as a spreadsheet's would be
    Charset declared = ExportEncodings.declared(encoding);
    Charset charset = declared == null ? StandardCharsets.UTF_8 : declared;
    List<String> columns = created.columns();
    RepeatedRefs seen = new RepeatedRefs();
    try (InputStream in = new BufferedInputStream(InputFiles.open(file), 1 << 16)) {
      MysqlTabExport.Rows rows = new MysqlTabExport.Rows(in, MAX_RECORD);
      while (true) {
        MysqlTabExport.Row row;
        try {
          row = rows.next();
        } catch (CsvRecords.BadRecordException e) {
          quarantine(
              sink, file, e.line, "Cannot read row of table " + table + ": " + e.getMessage(), "");
          continue;
        }
        if (row == null) {
          return;
        }
        List<String> values = new ArrayList<>(row.values().size());
        for (int i = 0; i < row.values().size(); i++) {
          byte[] value = row.values().get(i);
          boolean binary = i < columns.size() && created.binary().contains(columns.get(i));
          // a BLOB or VARBINARY value as \x and hex, as the mysqldump and jdbc readers give it
          values.add(
              value == null
                  ? null
                  : binary
                      ? "\\x" + HexFormat.of().formatHex(value)
                      : TextDecoding.decode(value, charset));
        }
        BackupRows.emit(
            sink,
            sourceName,
            file,
            row.line(),
            table,
            columns,
            created.primaryKey(),
            values,
            TextDecoding.decode(row.raw(), charset),
            seen);
      }
    }
  }

  /**
   * Whether a file's name says it holds JSON ({@code .json}, {@code .jsonl}, {@code .ndjson}, each
   * also gzipped): such a file in a {@code backup-csv} directory is read as JSON, as {@code
   * backup-jsonl} reads it, since a hand-made export often writes some tables as CSV and others as
   * JSON. Read as CSV, its first line was taken for a header and the file refused as separated by
   * {@code ,} (exit 3), with advice to set the separator.
   */
  static boolean isJsonFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - ".gz".length());
    }
    return name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson");
  }

  /** The table a file holds: its name without compression and format extensions. */
  static String tableOf(Path file) {
    String name = file.getFileName().toString();
    for (String extension : List.of(".gz", ".csv", ".tsv", ".txt", ".jsonl", ".ndjson", ".json")) {
      if (name.toLowerCase(Locale.ROOT).endsWith(extension)) {
        name = name.substring(0, name.length() - extension.length());
      }
    }
    return name.startsWith("public.") ? name.substring("public.".length()) : name;
  }

  private void readCsv(Path file, String table, RecordSink sink) throws IOException {
    Charset charset = ExportEncodings.of(file, ExportEncodings.declared(encoding));
    try (Reader reader =
        new BufferedReader(new InputStreamReader(InputFiles.open(file), charset))) {
      CsvRecords records = new CsvRecords(reader, separator, MAX_RECORD);
      List<String> columns = null;
      List<CsvRecords.Field> header = null;
      Boolean quoted = null;
      RepeatedRefs seen = new RepeatedRefs();
      while (true) {
        CsvRecords.Record record;
        try {
          record = records.next();
        } catch (CsvRecords.BadRecordException e) {
          quarantine(
              sink,
              file,
              e.line,
              "Cannot read CSV record of table " + table + ": " + e.getMessage(),
              "");
          if (e.getMessage().contains("not closed")) {
            // the rest of the file is inside the quote: it is not read, and the run must say so
            throw new IOException(
                "Cannot read CSV file "
                    + file
                    + " of table "
                    + table
                    + " to its end: the quoted field at line "
                    + e.line
                    + " is never closed, so every row after it is inside it; the rows before it"
                    + " were read");
          }
          continue;
        }
        if (record == null) {
          return;
        }
        if (columns == null) {
          header = record.fields();
          columns = new ArrayList<>();
          for (CsvRecords.Field field : record.fields()) {
            String name = field.text();
            columns.add(columns.isEmpty() && name.startsWith("\uFEFF") ? name.substring(1) : name);
          }
          refuseAnotherSeparator(file, table, columns);
          refuseDataAsHeader(file, table, header);
          continue;
        }
        if (record.swallowsRows(columns.size(), records.separator())) {
          quarantine(
              sink,
              file,
              record.line(),
              "Cannot read row of table "
                  + table
                  + ": "
                  + swallowedRows(record, columns.size())
                  + "; that line is kept out, and the lines after it were read again as rows",
              firstLine(record, records.separator()));
          records.reread(record);
          continue;
        }
        if (quoted == null) {
          // decided once per file, as checkEncodings decided it to say so before the run
          quoted = quotesValues(header, record.fields());
        }
        List<String> values = new ArrayList<>(record.fields().size());
        for (CsvRecords.Field field : record.fields()) {
          boolean isNull =
              !field.quoted()
                  && (field.text().equals(nullMarker) || quoted && field.text().equals(BARE_NULL));
          values.add(isNull ? null : field.text());
        }
        String excerpt =
            String.join(
                String.valueOf(records.separator()),
                record.fields().stream().map(CsvRecords.Field::text).toList());
        // an export says nothing of keys: rows are keyed by id or the first column, and checked
        BackupRows.emit(
            sink, sourceName, file, record.line(), table, columns, null, values, excerpt, seen);
      }
    }
  }

  /**
   * What a stray quote at the start of {@code record} did: the lines it swallowed into one record,
   * and how many fields that record came out with.
   */
  private static String swallowedRows(CsvRecords.Record record, int columns) {
    return "an unclosed quote at line "
        + record.line()
        + " swallowed lines "
        + record.line()
        + "-"
        + record.end()
        + " ("
        + (record.end() - record.line() + 1)
        + " lines) into one record of "
        + record.fields().size()
        + " field(s) for "
        + columns
        + " columns";
  }

  /** The text of a record's first line, its fields joined, as its excerpt. */
  private static String firstLine(CsvRecords.Record record, char separator) {
    String text =
        String.join(
            String.valueOf(separator),
            record.fields().stream().map(CsvRecords.Field::text).toList());
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end).stripTrailing();
  }

  /**
   * Refuses a file whose header came out as one column holding another usual separator: a CSV saved
   * by a spreadsheet in a locale whose decimal mark is the comma is separated by {@code ;}, and
   * read with {@code ,} each of its rows would be one value that no mapping finds a column in.
   */
  private void refuseAnotherSeparator(Path file, String table, List<String> columns)
      throws IOException {
    if (columns.size() != 1) {
      return;
    }
    String header = columns.get(0);
    for (char other : new char[] {',', ';', '\t', '|'}) {
      if (other != separator && header.indexOf(other) >= 0) {
        throw new IOException(
            "Cannot read CSV file "
                + file
                + " of table "
                + table
                + ": its header is one column, '"
                + header
                + "', holding "
                + describe(other)
                + "; the file seems to be separated by "
                + describe(other)
                + ", not "
                + describe(separator)
                + ": set the option separator: \""
                + (other == '\t' ? "tab" : String.valueOf(other))
                + "\"");
      }
    }
  }

  /**
   * Refuses a file whose first line holds {@code \N}, a NULL, where column names belong: it has no
   * header (a {@code mysqldump --tab} data file whose {@code t.sql} is missing), and its first row
   * would have named the columns while the rest were read under those names.
   */
  private static void refuseDataAsHeader(Path file, String table, List<CsvRecords.Field> header)
      throws IOException {
    for (CsvRecords.Field field : header) {
      if (!field.quoted() && field.text().equals("\\N")) {
        throw new IOException(
            "Cannot read CSV file "
                + file
                + " of table "
                + table
                + ": its first line holds \\N, a NULL, where the column names belong, so it has"
                + " no header: it looks like a data file of mysqldump --tab, whose columns are in"
                + " the CREATE TABLE of "
                + table
                + ".sql beside it. Put "
                + table
                + ".sql (from the same mysqldump --tab run) next to it, or add a header line");
      }
    }
  }

  private static String describe(char separator) {
    return separator == '\t' ? "tabs" : "'" + separator + "'";
  }

  private void readJsonLines(Path file, String table, RecordSink sink) throws IOException {
    try {
      if (startsWithArray(file)) {
        readJsonArray(file, table, sink);
      } else {
        readJsonLinesOnly(file, table, sink);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private void readJsonLinesOnly(Path file, String table, RecordSink sink) throws IOException {
    // a file not UTF-8 may still hold lines that are (appended by another writer): each line is
    // read as UTF-8 when it is valid UTF-8, else in the file's encoding
    Charset charset = ExportEncodings.of(file, ExportEncodings.declared(encoding));
    try (InputStream in = InputFiles.open(file);
        ByteLineReader lines = new ByteLineReader(in, MAX_RECORD)) {
      RepeatedRefs seen = new RepeatedRefs();
      MissingKeys missing = new MissingKeys();
      for (ByteLineReader.Line line = lines.next(); line != null; line = lines.next()) {
        String text =
            TextDecoding.decodeUtf8Else(line.bytes(), 0, line.contentLength(), charset).strip();
        if (line.number() == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1).strip();
        }
        if (text.isEmpty()) {
          continue;
        }
        if (line.truncated()) {
          quarantine(
              sink,
              file,
              line.number(),
              "Cannot read JSON line of table " + table + ": longer than " + MAX_RECORD + " bytes",
              text);
          continue;
        }
        JsonNode row;
        try {
          row = JsonInput.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
          String problem = JsonInput.problem(e);
          if (line.number() == 1 && text.equals("{")) {
            // a pretty-printed object is no JSON Lines: each of its lines would be quarantined;
            // one that wraps the tables gets the message the same export on one line gets
            JsonNode whole = wholeObject(file, charset);
            if (whole != null && layout.equals(JsonLayout.FLAT) && isWrapper(whole)) {
              throw new IOException(wrapperProblem(file, file + ":1", whole));
            }
            throw new IOException(
                "Cannot read JSON file "
                    + file
                    + " of table "
                    + table
                    + ": it is one JSON object written over several lines, not one object per"
                    + " line (JSON Lines) nor an array of objects; write its records as an array or"
                    + " one per line");
          }
          quarantine(
              sink,
              file,
              line.number(),
              "Cannot read JSON line of table " + table + ": " + problem,
              text);
          continue;
        }
        accept(
            sink,
            file,
            file + ":" + line.number(),
            "line" + line.number(),
            table,
            row,
            text,
            seen,
            missing);
      }
      missing.notes(file.toString()).forEach(sink::note);
    }
  }

  /**
   * What to say of an export that wraps its tables in one object, its record at {@code location}.
   */
  private static String wrapperProblem(Path file, String location, JsonNode record) {
    return "Cannot read JSON file "
        + file
        + ": its record at "
        + location
        + " holds nothing but arrays of objects ("
        + String.join(", ", (Iterable<String>) record::fieldNames)
        + "): it looks like an export wrapping its tables in one object, which would be"
        + " read as one row; write each table's records to a file of its own (named"
        + " after the table), as an array or one per line";
  }

  /**
   * The file read whole as one JSON object, or null when it is larger than a record may be or is no
   * JSON object: what a pretty-printed file is, to say what kind of export it is.
   */
  private static JsonNode wholeObject(Path file, Charset charset) throws IOException {
    if (Files.size(file) > MAX_RECORD) {
      return null;
    }
    try (InputStream in = InputFiles.open(file)) {
      String text = new String(in.readAllBytes(), charset);
      JsonNode node =
          JsonInput.MAPPER.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /**
   * Whether the file's first character other than white space (and a byte order mark) is {@code [}.
   */
  private static boolean startsWithArray(Path file) throws IOException {
    try (InputStream in = InputFiles.open(file)) {
      byte[] head = in.readNBytes(4096);
      int i = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB ? 3 : 0;
      while (i < head.length && Character.isWhitespace(head[i])) {
        i++;
      }
      return i < head.length && head[i] == '[';
    }
  }

  /**
   * Reads a file holding one array of records, one element in memory at a time. Where the JSON
   * breaks, the break is quarantined and the file is not read to its end: the elements before it
   * are passed on, and the run lists the file as not read (exit 3) instead of a smaller backup.
   */
  private void readJsonArray(Path file, String table, RecordSink sink) throws IOException {
    RepeatedRefs seen = new RepeatedRefs();
    MissingKeys missing = new MissingKeys();
    Charset charset = ExportEncodings.of(file, ExportEncodings.declared(encoding));
    try (InputStream in = InputFiles.open(file);
        JsonParser parser =
            charset.equals(StandardCharsets.UTF_8)
                ? JsonInput.MAPPER.createParser(in)
                : JsonInput.MAPPER.createParser(new InputStreamReader(in, charset))) {
      try {
        parser.nextToken();
        JsonInput.forEachElement(
            parser,
            file,
            (element, location, index) ->
                accept(
                    sink,
                    file,
                    location,
                    "element" + index,
                    table,
                    element,
                    element.toString(),
                    seen,
                    missing));
        missing.notes(file.toString()).forEach(sink::note);
        if (parser.nextToken() != null) {
          throw new JsonParseException(
              parser, "more JSON after the array's end", parser.currentTokenLocation());
        }
      } catch (JsonProcessingException e) {
        if (e.getLocation() != null
            && (e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr())
                .equals(trailingCommaAt(file))) {
          // every element was read: only the comma before the closing ] is amiss, and the run
          // says so of the file (checkEncodings)
          missing.notes(file.toString()).forEach(sink::note);
          return;
        }
        String where = JsonInput.location(file, e);
        sink.quarantine(
            new Quarantined(
                sourceName,
                where,
                "Cannot read JSON array of table " + table + ": " + JsonInput.problem(e),
                ""));
        throw new IOException(
            "Cannot read JSON file "
                + file
                + " of table "
                + table
                + " to its end: its JSON breaks at "
                + where
                + " ("
                + JsonInput.problem(e)
                + "); the records before it were read",
            e);
      }
    }
  }

  /**
   * Passes one JSON record on as a row, or quarantines it with {@code excerpt} when it is no object
   * or lacks a member the layout names.
   *
   * @param fallbackKey what stands in for the pk in the ref when the pk is null
   */
  private void accept(
      RecordSink sink,
      Path file,
      String location,
      String fallbackKey,
      String fileTable,
      JsonNode record,
      String excerpt,
      RepeatedRefs seen,
      MissingKeys missing) {
    String problem = null;
    String table = fileTable;
    List<String> columns = new ArrayList<>();
    List<String> values = new ArrayList<>();
    if (record == null || !record.isObject()) {
      problem = "not an object of column values";
    } else if (layout.equals(JsonLayout.FLAT) && isDumpdata(record)) {
      // read flat, every record would be a row of three columns keyed by its model: all but one
      // per model quarantined as repeats, the rest matched by no rule, and the backup empty
      throw new UncheckedIOException(
          new IOException(
              "Cannot read JSON file "
                  + file
                  + ": its records are Django dumpdata's {\"model\", \"pk\", \"fields\"} (the"
                  + " first at "
                  + location
                  + "); set the backup options record_table: model, record_key: pk,"
                  + " record_columns: fields (salvage backup inspect: --option record_table=model"
                  + " --option record_key=pk --option record_columns=fields; docs/backup.md)"));
    } else if (layout.equals(JsonLayout.FLAT) && isWrapper(record)) {
      // read flat, the whole export would be one row whose columns hold every table as JSON text
      throw new UncheckedIOException(new IOException(wrapperProblem(file, location, record)));
    } else {
      if (!layout.table().isEmpty()) {
        JsonNode named = record.get(layout.table());
        if (named == null || !named.isValueNode() || named.isNull() || named.asText().isBlank()) {
          problem = "it has no member \"" + layout.table() + "\" naming its table (record_table)";
        } else {
          table = named.asText();
        }
      }
      JsonNode fields = record;
      if (problem == null && !layout.columns().isEmpty()) {
        fields = record.get(layout.columns());
        if (fields == null || !fields.isObject()) {
          problem =
              "it has no object \"" + layout.columns() + "\" of column values (record_columns)";
        }
      }
      if (problem == null && !layout.key().isEmpty() && !record.has(layout.key())) {
        problem = "it has no member \"" + layout.key() + "\" holding its key (record_key)";
      }
      if (problem == null) {
        problem = columnsOf(record, fields, columns, values);
      }
    }
    if (problem != null) {
      sink.quarantine(
          new Quarantined(
              sourceName,
              location,
              "Cannot read JSON record of table " + table + ": " + problem,
              excerpt));
      return;
    }
    missing.add(table, columns, location);
    // the key member names the row; nothing says it is unique, so repeats are still checked
    RowKey key =
        layout.key().isEmpty()
            ? RowKey.of(null, columns)
            : new RowKey(List.of(layout.key()), false);
    RawRecord row = BackupRows.row(sourceName, table, columns, key, values, location, fallbackKey);
    if (layout.key().isEmpty()) {
      BackupRows.accept(sink, row, table, key, seen);
    } else {
      BackupRows.accept(
          sink,
          row,
          table,
          key,
          seen,
          "its records are keyed by their member \""
              + layout.key()
              + "\" (the option record_key), and two share its value");
    }
  }

  /** Whether every member of the record is an array, and one holds objects: tables, not values. */
  private static boolean isWrapper(JsonNode record) {
    boolean objects = false;
    for (JsonNode member : record) {
      if (!member.isArray()) {
        return false;
      }
      objects |= member.size() > 0 && member.get(0).isObject();
    }
    return objects;
  }

  private static boolean isDumpdata(JsonNode record) {
    return record.size() == 3
        && record.path("model").isTextual()
        && record.has("pk")
        && record.path("fields").isObject();
  }

  /**
   * Fills {@code columns} and {@code values}: the key member first, then the record's other members
   * (but the table's and the columns' own), then the nested columns; null when they fit, else why
   * not (a member and a column of one name: which one the row holds is not for the reader to pick).
   */
  private String columnsOf(
      JsonNode record, JsonNode fields, List<String> columns, List<String> values) {
    if (fields != record) {
      if (!layout.key().isEmpty()) {
        columns.add(layout.key());
        values.add(text(record.get(layout.key())));
      }
      Iterator<Map.Entry<String, JsonNode>> members = record.fields();
      while (members.hasNext()) {
        Map.Entry<String, JsonNode> member = members.next();
        String name = member.getKey();
        if (!name.equals(layout.table())
            && !name.equals(layout.columns())
            && !name.equals(layout.key())) {
          columns.add(name);
          values.add(text(member.getValue()));
        }
      }
    }
    Iterator<Map.Entry<String, JsonNode>> entries = fields.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> field = entries.next();
      String name = field.getKey();
      if (fields == record && name.equals(layout.table())) {
        continue; // it named the table
      }
      if (columns.contains(name)) {
        return "its member \"" + name + "\" is also a column of \"" + layout.columns() + "\"";
      }
      columns.add(name);
      values.add(text(field.getValue()));
    }
    if (fields == record && !layout.key().isEmpty()) {
      // a flat record: the key member is one of its columns; it leads, as in a nested one
      int at = columns.indexOf(layout.key());
      columns.add(0, columns.remove(at));
      values.add(0, values.remove(at));
    }
    return null;
  }

  private static String text(JsonNode value) {
    if (value.isNull()) {
      return null;
    }
    if (value.isBoolean()) {
      return value.booleanValue() ? "t" : "f";
    }
    if (value.isContainerNode()) {
      return value.toString();
    }
    return value.asText();
  }

  private void quarantine(RecordSink sink, Path file, long line, String reason, String excerpt) {
    sink.quarantine(new Quarantined(sourceName, file + ":" + line, reason, excerpt));
  }
}
