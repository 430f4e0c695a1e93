package dev.salvage.connectors.backup;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.OptionSet;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.connectors.io.ByteLineReader;
import dev.salvage.connectors.io.InputFiles;
import dev.salvage.connectors.io.JsonInput;
import dev.salvage.connectors.io.TextDecoding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A backup exported as one file per table (source types {@code backup-csv} and {@code
 * backup-jsonl}; gzip accepted), read into the same {@code backup.row} records as a dump. The table
 * is the file name without its extensions ({@code customers.csv}, {@code
 * billing.payments.jsonl.gz}; a {@code public.} prefix is dropped as in dumps).
 *
 * <p>CSV: a header line with the column names, then one record per row; values are text. Its
 * options ({@code null}, {@code separator}) are declared in {@code BackupExportOptions}.
 *
 * <p>JSON Lines: one object per line, column name to value; strings are the text, JSON null is
 * NULL, booleans become {@code t}/{@code f} (as PostgreSQL writes them), numbers stay as written,
 * nested objects and arrays become their JSON text.
 *
 * @param format {@code csv} or {@code jsonl}
 * @param nullMarker the unquoted CSV field that stands for NULL; empty for an empty field
 */
public record BackupExportSource(
    String sourceName, String path, String format, String nullMarker, char separator)
    implements PartitionedSource {
  private static final int MAX_RECORD = 64 << 20;

  public BackupExportSource {
    requireNonNull(sourceName, "sourceName");
    requireNonNull(path, "path");
    requireNonNull(format, "format");
    requireNonNull(nullMarker, "nullMarker");
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
              values.get(BackupExportOptions.SEPARATOR));
        });
  }

  /** The factory of type {@code backup-jsonl}. */
  public static BackupExportSource jsonl(String sourceName, Path path, Map<String, String> options)
      throws InvalidSourceException {
    checkPath(sourceName, BackupExportOptions.JSONL, path);
    return BackupExportOptions.JSONL.configure(
        sourceName,
        options,
        values -> new BackupExportSource(sourceName, path.toString(), "jsonl", "", ','));
  }

  /** The options of type {@code backup-csv}. */
  public static OptionSet csvOptionSet() {
    return BackupExportOptions.CSV;
  }

  /** The options of type {@code backup-jsonl}: none. */
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

  @Override
  public List<String> partitions() throws IOException {
    return SourceReaders.filePartitions(Path.of(path));
  }

  @Override
  public void read(String partition, RecordSink sink) throws IOException {
    Path file = Path.of(partition);
    String table = tableOf(file);
    if (format.equals("csv")) {
      readCsv(file, table, sink);
    } else {
      readJsonLines(file, table, sink);
    }
  }

  /** The table a file holds: its name without compression and format extensions. */
  static String tableOf(Path file) {
    String name = file.getFileName().toString();
    for (String extension : List.of(".gz", ".csv", ".tsv", ".jsonl", ".ndjson", ".json")) {
      if (name.toLowerCase(Locale.ROOT).endsWith(extension)) {
        name = name.substring(0, name.length() - extension.length());
      }
    }
    return name.startsWith("public.") ? name.substring("public.".length()) : name;
  }

  private void readCsv(Path file, String table, RecordSink sink) throws IOException {
    Charset charset = TextDecoding.spreadsheetCharset(file, sourceName);
    try (Reader reader =
        new BufferedReader(new InputStreamReader(InputFiles.open(file), charset))) {
      CsvRecords records = new CsvRecords(reader, separator, MAX_RECORD);
      List<String> columns = null;
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
          columns = new ArrayList<>();
          for (CsvRecords.Field field : record.fields()) {
            String name = field.text();
            columns.add(columns.isEmpty() && name.startsWith("\uFEFF") ? name.substring(1) : name);
          }
          refuseAnotherSeparator(file, table, columns);
          continue;
        }
        List<String> values = new ArrayList<>(record.fields().size());
        for (CsvRecords.Field field : record.fields()) {
          values.add(!field.quoted() && field.text().equals(nullMarker) ? null : field.text());
        }
        String excerpt =
            String.join(
                String.valueOf(separator),
                record.fields().stream().map(CsvRecords.Field::text).toList());
        // an export says nothing of keys: rows are keyed by id or the first column, and checked
        BackupRows.emit(
            sink, sourceName, file, record.line(), table, columns, null, values, excerpt, seen);
      }
    }
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
                + ": set the backup option separator: \""
                + (other == '\t' ? "tab" : String.valueOf(other))
                + "\"");
      }
    }
  }

  private static String describe(char separator) {
    return separator == '\t' ? "tabs" : "'" + separator + "'";
  }

  private void readJsonLines(Path file, String table, RecordSink sink) throws IOException {
    try (InputStream in = InputFiles.open(file);
        ByteLineReader lines = new ByteLineReader(in, MAX_RECORD)) {
      RepeatedRefs seen = new RepeatedRefs();
      for (ByteLineReader.Line line = lines.next(); line != null; line = lines.next()) {
        String text =
            TextDecoding.decode(line.bytes(), 0, line.contentLength(), StandardCharsets.UTF_8)
                .strip();
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
          quarantine(
              sink,
              file,
              line.number(),
              "Cannot read JSON line of table " + table + ": " + e.getOriginalMessage(),
              text);
          continue;
        }
        if (row == null || !row.isObject()) {
          quarantine(
              sink,
              file,
              line.number(),
              "Cannot read JSON line of table " + table + ": not an object of column values",
              text);
          continue;
        }
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          columns.add(field.getKey());
          values.add(text(field.getValue()));
        }
        BackupRows.emit(
            sink, sourceName, file, line.number(), table, columns, null, values, text, seen);
      }
    }
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
