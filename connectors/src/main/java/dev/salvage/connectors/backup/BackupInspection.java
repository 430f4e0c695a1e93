package dev.salvage.connectors.backup;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.DecodingNote;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.connectors.io.InputFiles;
import dev.salvage.connectors.io.JsonInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a backup holds, for an operator to look at before mapping it: when it was taken (when
 * known), its tables with their columns and row counts, and optionally one table's rows written as
 * JSON Lines ({@code {column: text or null}}). Reads the backup once, streaming.
 */
public final class BackupInspection {
  /** One table: its columns in order and how many rows it has. */
  public record TableSummary(String table, List<String> columns, long rows) {
    public TableSummary {
      columns = List.copyOf(columns);
    }
  }

  /**
   * @param type the source type the backup was read as
   * @param takenAt when the backup was taken, when it says
   * @param completed when its dump says it was completed (mysqldump's last line), a hint shown when
   *     {@code takenAt} is unknown and never taken for it: its zone is unknown
   * @param unreadable how many rows could not be read
   * @param quarantined the first of them (up to 1000), each with its place and reason
   * @param decodingNotes the files read in an encoding assumed, or with bytes not valid in theirs,
   *     and the CSV files whose cells written NULL were read otherwise than said
   * @param layout the layout of files the backup was recognised as ({@code mysqldump --tab}), or
   *     empty
   */
  public record Report(
      String type,
      String layout,
      Optional<Instant> takenAt,
      Optional<DumpCompletion> completed,
      List<TableSummary> tables,
      long unreadable,
      List<Quarantined> quarantined,
      long rowsWritten,
      List<DecodingNote> decodingNotes) {
    public Report {
      requireNonNull(layout, "layout");
      requireNonNull(takenAt, "takenAt");
      requireNonNull(completed, "completed");
      tables = List.copyOf(tables);
      quarantined = List.copyOf(quarantined);
      decodingNotes = List.copyOf(decodingNotes);
    }
  }

  private BackupInspection() {}

  /**
   * The source type of a backup named on the command line: {@code jdbc} for a JDBC URL, else from
   * the file extensions ({@code .csv}, {@code .jsonl}/{@code .ndjson}/{@code .json}), else {@code
   * mysqldump} for a file that starts as mysqldump and mariadb-dump write, else {@code pgdump}; for
   * a directory, from the files in it.
   */
  public static String guessType(String backup) throws IOException {
    if (backup.startsWith("jdbc:")) {
      return "jdbc";
    }
    Path path = Path.of(backup);
    List<Path> files = SourceReaders.inputFiles(path);
    if (MysqlTabExport.isLayout(files)) {
      // t.sql + t.txt per table: the .sql files are CREATE TABLE statements (headed "-- MySQL
      // dump" as a dump is) and the rows are in the .txt files, which backup-csv reads
      return "backup-csv";
    }
    // backup-csv reads a directory's .json and .jsonl files as JSON too: a directory holding any
    // CSV is one for it, whichever file comes first
    String json = null;
    for (Path file : files) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "");
      if (name.endsWith(".csv")) {
        return "backup-csv";
      }
      if (json == null
          && (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json"))) {
        json = "backup-jsonl";
      }
    }
    if (json != null) {
      return json;
    }
    for (Path file : files) {
      if (isMysqlDump(file)) {
        return "mysqldump";
      }
    }
    return "pgdump";
  }

  // The first lines mysqldump and mariadb-dump always write ("-- MySQL dump 10.13  Distrib ...",
  // "-- MariaDB dump 10.19  Distrib ...", since MariaDB 10.5.25/10.11.8 after a sandbox-mode
  // comment), and phpMyAdmin's SQL export ("-- phpMyAdmin SQL Dump"). Read as a pg_dump, such a
  // file gave no table and exit 0.
  private static final int HEADER_BYTES = 4096;

  private static boolean isMysqlDump(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    byte[] head;
    try (InputStream in = InputFiles.open(file)) {
      head = in.readNBytes(HEADER_BYTES);
    } catch (IOException notReadable) {
      // an archive or a broken gzip: left to the reader, which says what it is
      return false;
    }
    String text = new String(head, StandardCharsets.ISO_8859_1);
    return text.contains("-- MySQL dump ")
        || text.contains("-- MariaDB dump ")
        || text.contains("-- phpMyAdmin SQL Dump");
  }

  /**
   * Reads the whole backup.
   *
   * @param type a source type (see {@link #guessType})
   * @param path the backup file or directory; null for {@code jdbc}
   * @param options the source's options ({@code url}, {@code user}, {@code password_env}... for
   *     {@code jdbc})
   * @param table the table to write as JSON Lines, or null
   * @param out where to write it (ignored when {@code table} is null)
   * @throws InvalidSourceException when the type or an option is bad, or a file must not be read
   *     before its encoding is declared
   * @throws IOException when the backup cannot be read or the output cannot be written
   */
  public static Report inspect(
      String type, Path path, Map<String, String> options, String table, Writer out)
      throws InvalidSourceException, IOException {
    Inspector inspector = new Inspector(table, out);
    Optional<Instant> takenAt = Optional.empty();
    Optional<DumpCompletion> completed = Optional.empty();
    List<DecodingNote> decodingNotes = List.of();
    if (type.equals("pgdump") || type.equals("mysqldump")) {
      for (Path file : SourceReaders.inputFiles(path)) {
        if (completed.isEmpty()) {
          completed = DumpCompletion.read(file);
        }
      }
    }
    if (type.equals("pgdump")) {
      // the option database chooses among a pg_dumpall's databases, as in a run
      String database =
          PgDumpReader.OPTIONS.configure(
              "backup", options, values -> values.get(PgDumpReader.DATABASE));
      for (Path file : SourceReaders.inputFiles(path)) {
        PgDumpReader.checkPlain(file);
      }
      for (Path file : SourceReaders.inputFiles(path)) {
        if (takenAt.isEmpty()) {
          takenAt = PgDumpReader.takenAt(file);
        }
        new PgDumpReader(database).read(file, "backup", inspector, inspector::table);
      }
    } else {
      PartitionedSource source = SourceReaders.open("backup", type, path, options);
      if (source instanceof JdbcBackupSource jdbc) {
        for (JdbcBackupSource.TableShape shape : jdbc.tables()) {
          inspector.table(shape.refName(), shape.columns());
        }
      }
      List<String> partitions = source.partitions();
      // as a run does, before reading: a file whose encoding must be declared stops it here
      decodingNotes = source.checkEncodings(partitions);
      for (String partition : partitions) {
        source.read(partition, inspector);
      }
    }
    try {
      inspector.flush();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    List<TableSummary> tables = new ArrayList<>();
    inspector.tables.forEach(
        (name, seen) -> tables.add(new TableSummary(name, seen.columns, seen.rows)));
    String layout =
        type.equals("backup-csv")
                && path != null
                && MysqlTabExport.isLayout(SourceReaders.inputFiles(path))
            ? MysqlTabExport.LAYOUT
            : "";
    return new Report(
        type,
        layout,
        takenAt,
        completed,
        tables,
        inspector.unreadable,
        inspector.quarantined,
        inspector.written,
        decodingNotes);
  }

  /** Writes {@code report} for a terminal. */
  public static void print(Report report, String backup, Appendable out) throws IOException {
    out.append("Backup: ")
        .append(backup)
        .append(" (")
        .append(report.type())
        .append(report.layout().isEmpty() ? "" : ", " + report.layout())
        .append(")\n");
    out.append("Taken at: ").append(takenAt(report)).append('\n');
    long rows = report.tables().stream().mapToLong(TableSummary::rows).sum();
    out.append(
        String.format(
            Locale.ROOT,
            "Tables: %d, rows: %d, unreadable rows: %d%n",
            report.tables().size(),
            rows,
            report.unreadable()));
    for (TableSummary table : report.tables()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-30s %10d rows  %s%n",
              table.table(),
              table.rows(),
              String.join(", ", table.columns())));
    }
    for (DecodingNote note : report.decodingNotes()) {
      // the notes on NULL cells are said under their own word: they are not about the encoding
      String label =
          BackupExportSource.isAboutNulls(note)
              ? "nulls"
              : MysqlDumpReader.isAboutZeroDates(note)
                  ? "zero dates"
                  : BackupExportSource.isAboutTrailingComma(note) ? "json" : "encoding";
      out.append("  ").append(label).append(": ").append(note.note()).append('\n');
    }
    int shown = 0;
    for (Quarantined bad : report.quarantined()) {
      if (shown++ == 10) {
        out.append("  ... and ")
            .append(String.valueOf(report.quarantined().size() - 10))
            .append(" more\n");
        break;
      }
      out.append("  unreadable: ")
          .append(bad.location())
          .append(": ")
          .append(bad.reason())
          .append('\n');
    }
  }

  /**
   * When the backup was taken, or why that is unknown: with the completion time the dump gives
   * (mysqldump's, in the dumping host's local time) as a hint and how to set it.
   */
  static String takenAt(Report report) {
    if (report.takenAt().isPresent()) {
      return report.takenAt().get().toString();
    }
    return report
        .completed()
        .map(hint -> "unknown; " + hint.describe() + ": " + hint.advice())
        .orElse("unknown (set backup.taken_at in the run config)");
  }

  /** Counts rows per table and writes the chosen table's rows. */
  private static final class Inspector implements RecordSink {
    private static final class Seen {
      List<String> columns;
      long rows;

      Seen(List<String> columns) {
        this.columns = columns;
      }
    }

    final Map<String, Seen> tables = new LinkedHashMap<>();
    final List<Quarantined> quarantined = new ArrayList<>();
    private final String wanted;
    private final Writer out;
    long written;
    long unreadable;

    Inspector(String wanted, Writer out) {
      this.wanted = wanted;
      this.out = out;
    }

    void table(String name, List<String> columns) {
      Seen seen = tables.computeIfAbsent(name, n -> new Seen(columns));
      if (seen.columns == null || seen.columns.isEmpty()) {
        seen.columns = columns;
      }
    }

    @Override
    public void accept(RawRecord record) {
      try {
        String name = tableOf(record.json());
        Seen seen = tables.get(name);
        boolean wantedRow = name.equals(wanted);
        if (seen == null || seen.columns == null || wantedRow) {
          JsonNode columns = JsonInput.MAPPER.readTree(record.json()).get("columns");
          if (seen == null || seen.columns == null) {
            List<String> names = new ArrayList<>();
            columns.fieldNames().forEachRemaining(names::add);
            table(name, names);
            seen = tables.get(name);
          }
          if (wantedRow) {
            out.write(columns.toString());
            out.write('\n');
            written++;
          }
        }
        seen.rows++;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void quarantine(Quarantined bad) {
      unreadable++;
      if (quarantined.size() < 1000) {
        quarantined.add(bad);
      }
    }

    void flush() {
      try {
        if (out != null) {
          out.flush();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The table name, the first field backup rows carry; read without parsing the rest. */
    private static String tableOf(String json) throws IOException {
      try (JsonParser parser = JsonInput.MAPPER.createParser(json)) {
        parser.nextToken();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          parser.nextToken();
          if (field.equals("table")) {
            return parser.getText();
          }
          parser.skipChildren();
        }
      }
      throw new IOException("backup row without a table: " + json);
    }
  }

  /** Opens {@code out} for the JSON Lines of one table, creating its directory. */
  public static Writer jsonLinesWriter(Path out) throws IOException {
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    return Files.newBufferedWriter(out);
  }
}
