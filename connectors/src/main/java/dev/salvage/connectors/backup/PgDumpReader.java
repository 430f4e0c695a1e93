package dev.salvage.connectors.backup;

import dev.salvage.connectors.DecodingNote;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.Option;
import dev.salvage.connectors.OptionSet;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.SourceReader;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.connectors.backup.SqlTokenizer.SqlSyntaxException;
import dev.salvage.connectors.io.ByteLineReader;
import dev.salvage.connectors.io.InputFiles;
import dev.salvage.connectors.io.JsonInput;
import dev.salvage.connectors.io.TextDecoding;
import dev.salvage.connectors.io.UnpackFirstException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a plain-format pg_dump (source type {@code pgdump}; gzip accepted) into {@code backup.row}
 * records, streaming line by line: rows of {@code COPY ... FROM stdin} blocks (text format, all
 * escapes) and of {@code INSERT ... VALUES} statements (dumps made with {@code --inserts} or {@code
 * --column-inserts}). Each row's ref is {@code backup:<table>#<pk>}, the table without the {@code
 * public} schema and pk the value of the table's primary key (see {@link RowKey}), else of column
 * {@code id}, else of the first column; its JSON is {@code {"table": ..., "columns": {name: text or
 * null}}} in column order; its location {@code file:line}. A row that does not fit its columns is
 * quarantined and reading goes on, and so is a row of a table without a primary key whose ref an
 * earlier row of the table had.
 *
 * <p>pg_dump declares primary keys after the data ({@code ALTER TABLE ONLY ... ADD CONSTRAINT ...
 * PRIMARY KEY (...)}), so a dump is read twice: a first pass collects the keys (COPY lines are only
 * looked at for their end, nothing is decoded or kept but the key statements), the second reads the
 * rows.
 */
public final class PgDumpReader implements SourceReader {

  // the longest string a record may hold (JsonInput.MAX_STRING_CHARS): a longer row held whole
  // took a 1 GB heap (decoded, split and written as JSON beside the line), where it is quarantined
  private static final int MAX_LINE = JsonInput.MAX_STRING_CHARS;
  // the first bytes of a custom-format archive and of a directory-format archive's toc.dat
  private static final byte[] ARCHIVE_MAGIC = "PGDMP".getBytes(StandardCharsets.US_ASCII);
  private static final String DIRECTORY_TOC = "toc.dat";
  private static final int MAX_STATEMENT = JsonInput.MAX_STRING_CHARS;
  private static final int HEADER_LINES = 200;
  private static final Pattern CLIENT_ENCODING =
      Pattern.compile("(?i)^SET\\s+client_encoding\\s*=\\s*'([^']+)'");
  private static final Pattern STANDARD_STRINGS =
      Pattern.compile("(?i)^SET\\s+standard_conforming_strings\\s*=\\s*'?(on|off)'?");
  private static final Pattern COPY_FROM_STDIN =
      Pattern.compile("(?is)^COPY\\s.*\\bFROM\\s+stdin\\b.*;\\s*$");
  private static final Pattern CREATE_TABLE =
      Pattern.compile("^CREATE\\s+((UNLOGGED|TEMP|TEMPORARY|GLOBAL|LOCAL)\\s+)*TABLE\\b");
  // pg_dump starts these at column 0 and never inside another statement
  private static final Pattern ALTER_TABLE = Pattern.compile("^ALTER\\s+TABLE\\b");
  private static final Pattern CREATE_UNIQUE_INDEX =
      Pattern.compile("^CREATE\\s+UNIQUE\\s+INDEX\\b");
  private static final Pattern STATEMENT_START =
      Pattern.compile("^(COPY|INSERT INTO|CREATE TABLE|ALTER TABLE|SET) ");
  private static final Pattern STARTED =
      Pattern.compile(
          "^--\\s*(?:Started on|Dumped\\b.*?\\bon)\\s+(\\d{4}-\\d{2}-\\d{2}[ T].*?)\\s*$");

  static final Option<String> DATABASE =
      Option.string("database")
          .withDescription(
              "in a dump of several databases (pg_dumpall) whose tables share names, the one"
                  + " database to read; the others' rows are left out, with a warning");
  static final OptionSet OPTIONS = OptionSet.of("pgdump", DATABASE);

  // the database a dump's statements belong to before any \connect: a plain pg_dump's own
  private static final String FIRST = "";

  private static final Logger LOG = LoggerFactory.getLogger(PgDumpReader.class);

  private final String database;

  /** A reader of every database in the dump. */
  public PgDumpReader() {
    this(null);
  }

  /** A reader of {@code database} only (pg_dumpall's {@code \connect} names), or all when null. */
  PgDumpReader(String database) {
    this.database = database;
  }

  /** The factory of type {@code pgdump}. */
  public static PartitionedSource source(String sourceName, Path path, Map<String, String> options)
      throws InvalidSourceException {
    if (path == null) {
      throw InvalidSourceException.of("pgdump", sourceName, "needs a path (a file or a directory)");
    }
    return OPTIONS.configure(
        sourceName,
        options,
        values -> new DumpFiles(sourceName, path.toString(), values.get(DATABASE)));
  }

  /** The options of type {@code pgdump}. */
  public static OptionSet optionSet() {
    return OPTIONS;
  }

  /** The dump files of a {@code pgdump} source, each read by a reader of its chosen database. */
  private record DumpFiles(String sourceName, String path, String database)
      implements PartitionedSource {
    @Override
    public List<String> partitions() throws IOException {
      return SourceReaders.filePartitions(Path.of(path));
    }

    @Override
    public void read(String partition, RecordSink sink) throws IOException {
      new PgDumpReader(database).read(Path.of(partition), sourceName, sink);
    }

    /**
     * Refuses an archive only pg_restore reads before anything is read: read, it failed only at the
     * end of a whole run whose records were all NEW, since no backup row was read.
     */
    @Override
    public List<DecodingNote> checkEncodings(List<String> partitions)
        throws IOException, InvalidSourceException {
      for (String partition : partitions) {
        Path file = Path.of(partition);
        if (!Files.isRegularFile(file)) {
          continue;
        }
        checkPlain(file);
      }
      return List.of();
    }
  }

  /**
   * Refuses a file that is no plain SQL dump (an archive only pg_restore reads, another database's
   * dump) as bad input, before anything is read: the one check of a run and of {@code backup
   * inspect}, so both stop with the same exit code.
   *
   * @throws InvalidSourceException naming the file and the command that converts it
   */
  public static void checkPlain(Path file) throws IOException, InvalidSourceException {
    try (InputStream in = openPlain(file)) {
      // opening it is the check
    } catch (NotPlainException | UnpackFirstException e) {
      throw new InvalidSourceException(e.getMessage(), e);
    }
  }

  @Override
  public void read(Path file, String sourceName, RecordSink sink) throws IOException {
    read(file, sourceName, sink, (table, columns) -> {});
  }

  /** Reads like {@link #read(Path, String, RecordSink)}, also telling each CREATE TABLE seen. */
  void read(Path file, String sourceName, RecordSink sink, BiConsumer<String, List<String>> tables)
      throws IOException {
    FirstPass first = firstPass(file);
    String only = chooseDatabase(file, first.tablesByDatabase());
    try (InputStream in = openPlain(file);
        ByteLineReader lines = new ByteLineReader(in, MAX_LINE)) {
      Dump dump =
          new Dump(
              file, sourceName, sink, tables, first.primaryKeys(), null, first.partitionOf(), only);
      dump.read(lines);
      dump.leftOut.forEach(
          (name, rows) ->
              LOG.warn(
                  "Source {}: {} rows of database {} in {} left out (option database: {})",
                  sourceName,
                  rows,
                  name,
                  file,
                  only));
    }
  }

  /**
   * The database to read, or null for all: refuses a dump of several databases with same-named
   * tables unless the option names one of them, since their rows would share refs and merge.
   */
  private String chooseDatabase(Path file, Map<String, Set<String>> tablesByDatabase)
      throws IOException {
    Set<String> named = new TreeSet<>(tablesByDatabase.keySet());
    named.remove(FIRST);
    if (database != null) {
      if (!tablesByDatabase.containsKey(database)) {
        throw new IOException(
            "Cannot read pg_dump file "
                + file
                + ": it has no database \""
                + database
                + "\" (the option database); "
                + (named.isEmpty()
                    ? "it is the dump of one database, so leave the option out"
                    : "it holds " + String.join(", ", named)));
      }
      return database;
    }
    Map<String, List<String>> shared = new TreeMap<>();
    Map<String, String> firstHolder = new HashMap<>();
    tablesByDatabase.forEach(
        (name, tables) -> {
          for (String table : tables) {
            String earlier = firstHolder.putIfAbsent(table, name);
            if (earlier != null) {
              shared.computeIfAbsent(table, t -> new ArrayList<>(List.of(earlier))).add(name);
            }
          }
        });
    if (shared.isEmpty()) {
      return null;
    }
    StringBuilder which = new StringBuilder();
    shared.forEach(
        (table, in) ->
            which
                .append(which.length() == 0 ? "" : "; ")
                .append(table)
                .append(" in ")
                .append(String.join(" and ", in)));
    throw new IOException(
        "Cannot read pg_dump file "
            + file
            + ": it holds several databases (pg_dumpall) whose tables share names ("
            + which
            + "), whose rows would share refs and merge; set the backup option database to the"
            + " one to read (one of "
            + String.join(", ", named)
            + ")");
  }

  /**
   * What the first pass learns: primary keys by database and table, each database's tables, and the
   * partitioned table each partition belongs to (by database and partition).
   */
  private record FirstPass(
      Map<String, List<String>> primaryKeys,
      Map<String, Set<String>> tablesByDatabase,
      Map<String, String> partitionOf) {}

  /**
   * The primary key of each table the dump declares one for, by database and table name, and the
   * tables of each database: the first pass. Its problems (a damaged statement, a cut) are left to
   * the second pass to report, with the rows before them read.
   */
  private static FirstPass firstPass(Path file) throws IOException {
    DeclaredKeys declared = new DeclaredKeys();
    RecordSink discard =
        new RecordSink() {
          @Override
          public void accept(dev.salvage.connectors.RawRecord record) {}

          @Override
          public void quarantine(Quarantined bad) {}
        };
    Dump dump =
        new Dump(
            file,
            "",
            discard,
            (table, columns) -> {},
            new HashMap<>(),
            declared,
            new HashMap<>(),
            null);
    try (InputStream in = openPlain(file);
        ByteLineReader lines = new ByteLineReader(in, MAX_LINE)) {
      dump.read(lines);
    } catch (UnpackFirstException notADump) {
      throw notADump;
    } catch (IOException cut) {
      // the keys up to the cut are known; the second pass reads the rows before it and says so
    }
    return new FirstPass(declared.keys(), dump.tablesByDatabase, dump.partitionOf);
  }

  /**
   * When the dump was taken, from the {@code -- Started on ...} (pg_dump --verbose) or {@code --
   * Dumped ... on ...} header comment; empty when the header has none.
   *
   * @throws IOException when the file cannot be read or is not a plain-format dump
   */
  public static Optional<Instant> takenAt(Path file) throws IOException {
    try (InputStream in = openPlain(file);
        ByteLineReader lines = new ByteLineReader(in, 1 << 20)) {
      for (ByteLineReader.Line line = lines.next();
          line != null && line.number() <= HEADER_LINES;
          line = lines.next()) {
        String text = new String(line.bytes(), 0, line.contentLength(), StandardCharsets.UTF_8);
        Matcher started = STARTED.matcher(text);
        if (started.matches()) {
          Optional<Instant> instant = DumpTimestamps.parse(started.group(1));
          if (instant.isPresent()) {
            return instant;
          }
        }
        if (text.startsWith("CREATE") || text.startsWith("COPY") || text.startsWith("INSERT")) {
          break;
        }
      }
    }
    return Optional.empty();
  }

  /** Opens the dump, refusing the archive formats that only pg_restore can read. */
  private static InputStream openPlain(Path file) throws IOException {
    Path archive = directoryArchive(file);
    if (archive != null) {
      throw notPlain(archive, "a directory-format archive (its toc.dat)");
    }
    InputStream in;
    try {
      in = InputFiles.open(file);
    } catch (UnpackFirstException e) {
      if (e.format().equals("tar")) {
        // pg_dump -Ft: unpacked, its files are pg_restore's, not SQL
        throw notPlain(file, "a tar-format archive");
      }
      throw e;
    }
    try {
      if (InputFiles.startsWith(in, ARCHIVE_MAGIC)) {
        throw notPlain(file, "a custom-format archive");
      }
      in.mark(512);
      byte[] head = in.readNBytes(262);
      in.reset();
      if (head.length == 262
          && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
        throw notPlain(file, "a tar-format archive");
      }
      String start = new String(head, StandardCharsets.ISO_8859_1);
      if (start.startsWith("-- MySQL dump")
          || start.startsWith("-- MariaDB dump")
          || start.startsWith("-- phpMyAdmin SQL Dump")) {
        // read as PostgreSQL SQL it gave 0 rows and a few "unreadable" ones, exit 0
        throw new NotPlainException(
            "Cannot read pg_dump file "
                + file
                + ": it is a MySQL/MariaDB dump (its first line says so); read it with type"
                + " mysqldump");
      }
      return in;
    } catch (IOException e) {
      in.close();
      throw e;
    }
  }

  /**
   * The directory of a pg_dump -Fd archive {@code file} is part of (its toc.dat, or a table's data
   * file beside it), or null: pg_restore is given the directory, not one of its files.
   */
  private static Path directoryArchive(Path file) throws IOException {
    Path toc = file.resolveSibling(DIRECTORY_TOC);
    if (!Files.isRegularFile(toc)) {
      return null;
    }
    try (InputStream in = Files.newInputStream(toc)) {
      if (!Arrays.equals(in.readNBytes(ARCHIVE_MAGIC.length), ARCHIVE_MAGIC)) {
        return null;
      }
    }
    return file.toAbsolutePath().getParent();
  }

  /** A file that is no plain SQL dump: an archive, or another database's dump. */
  private static final class NotPlainException extends IOException {
    NotPlainException(String message) {
      super(message);
    }
  }

  private static IOException notPlain(Path file, String what) {
    return new NotPlainException(
        "Cannot read pg_dump file "
            + file
            + ": it is "
            + what
            + ", not plain SQL; convert it first with: pg_restore -f plain.sql "
            + file);
  }

  // pg_dump opens and closes each database's dump with these comments (pg_dumpall: once per
  // database), so a dump that opened one and never closed it was cut between two statements
  private static final String DUMP_OPENED = "-- PostgreSQL database dump";
  private static final String DUMP_COMPLETE = "-- PostgreSQL database dump complete";

  /** The state of one pass over a dump. */
  private static final class Dump {
    private final Path file;
    private final String source;
    private final RecordSink sink;
    private final BiConsumer<String, List<String>> tables;
    private final Map<String, List<String>> tableColumns = new HashMap<>();
    private final Map<String, List<String>> primaryKeys;
    // the first pass: nothing but the keys, collected here; null in the second
    private final DeclaredKeys declared;
    private final boolean keysOnly;
    private final RepeatedRefs seen = new RepeatedRefs();
    private Charset charset = StandardCharsets.UTF_8;
    private boolean convertedToCrlf;
    // pg_dump writes the server's setting; off means backslash escapes in '...' constants
    private boolean standardStrings = true;

    private SqlStatements.Table copy;
    private long copyLine;
    // the readable rows of the current COPY block and their bytes, to size what NUL bytes replaced
    private long copyRows;
    private long copyBytes;
    // per COPY block (by its header's line), the NUL bytes found in it
    private final Map<Long, NulDamage> nulDamage = new LinkedHashMap<>();
    private int dumpsOpened;
    private int dumpsCompleted;
    private Statement statement;
    // pg_dumpall's \connect: the database the statements that follow belong to
    private String database = FIRST;
    // the one database to read, or null for all
    private final String only;
    final Map<String, Set<String>> tablesByDatabase = new LinkedHashMap<>();
    final Map<String, Long> leftOut = new TreeMap<>();
    // by database and partition, the partitioned table it belongs to: pg_dump writes a
    // partitioned table's rows under its partitions' names only, and a rule naming the table
    // matched none of them
    final Map<String, String> partitionOf;
    // whether any COPY, INSERT or CREATE TABLE began: a file with none, and no pg_dump header, is
    // not a dump (a JSON or CSV export given the wrong type), and 0 rows from it would be a loss
    private boolean tableStatementSeen;
    private String firstText;

    Dump(
        Path file,
        String source,
        RecordSink sink,
        BiConsumer<String, List<String>> tables,
        Map<String, List<String>> primaryKeys,
        DeclaredKeys declared,
        Map<String, String> partitionOf,
        String only) {
      this.partitionOf = partitionOf;
      this.file = file;
      this.source = source;
      this.sink = sink;
      this.tables = tables;
      this.primaryKeys = primaryKeys;
      this.declared = declared;
      this.keysOnly = declared != null;
      this.only = only;
    }

    // the last name qualified: every row of a COPY block asks for the same one
    private String qualifiedTable;
    private String qualifiedDatabase;
    private String qualified;

    /** A table's name qualified by its database, for the maps that span the whole dump. */
    private String inDatabase(String table) {
      if (!table.equals(qualifiedTable) || !database.equals(qualifiedDatabase)) {
        qualifiedTable = table;
        qualifiedDatabase = database;
        qualified = database + "\u0000" + table;
      }
      return qualified;
    }

    private DeclaredKeys.Key inDatabase(DeclaredKeys.Key key) {
      return new DeclaredKeys.Key(
          inDatabase(key.table()), key.name(), key.columns(), key.primary());
    }

    // the last INSERT head read for its table: pg_dump --inserts repeats it on every row
    private String insertHead;
    private String insertHeadTable;

    /** The table an INSERT's first line names, or null when it cannot be told from that line. */
    private String insertTable(String line, String upper) {
      int values = upper.indexOf(" VALUES");
      String head = values < 0 ? line : line.substring(0, values);
      if (!head.equals(insertHead)) {
        insertHead = head;
        try {
          insertHeadTable = SqlStatements.insertTable(head, charset, standardStrings);
        } catch (SqlSyntaxException e) {
          insertHeadTable = null; // the second pass reads the statement whole, or quarantines it
        }
      }
      return insertHeadTable;
    }

    private void sawTable(String table) {
      if (table != null) {
        tablesByDatabase.computeIfAbsent(database, d -> new TreeSet<>()).add(table);
      }
    }

    private boolean leftOut() {
      return only != null && !only.equals(database);
    }

    /**
     * Reads the dump's lines. A dump that ends where pg_dump never stops (inside a COPY block or a
     * statement, or without the closing comment of a dump it opened) is truncated: the rows before
     * the cut are passed on, then an exception says what is missing, so the run lists the backup as
     * not read to its end and exits accordingly instead of passing for a smaller backup.
     *
     * @throws IOException when the file cannot be read or is truncated
     */
    void read(ByteLineReader lines) throws IOException {
      long last = 0;
      for (ByteLineReader.Line line = next(lines, last); line != null; line = next(lines, last)) {
        last = line.number();
        if (keysOnly && copy != null) {
          byte[] bytes = line.bytes();
          if (line.contentLength() == 2 && bytes[0] == '\\' && bytes[1] == '.') {
            copy = null;
          }
          continue; // a row: nothing to learn in the first pass
        }
        if (line.number() == 1) {
          convertedToCrlf = line.contentLength() + 2 == line.bytes().length;
        }
        String text = TextDecoding.decode(line.bytes(), 0, line.contentLength(), charset);
        boolean ended = line.bytes().length > 0 && line.bytes()[line.bytes().length - 1] == '\n';
        if (line.truncated()) {
          quarantine(
              line.number(),
              (copy != null && copy.name() != null
                      ? "Cannot read row of table " + copy.name()
                      : "Cannot read pg_dump line")
                  + ": longer than "
                  + (MAX_LINE >> 20)
                  + " MB, the most one row may hold (a file or binary data kept in a column?)",
              text);
        } else if (copy != null) {
          if (!ended && !text.equals("\\.")) {
            // pg_dump ends every COPY row with a line end: this one was cut, its last value too
            throw cutInsideRow(line.number());
          }
          int nuls = nulBytes(line.bytes(), line.contentLength());
          if (nuls > 0) {
            nulLine(text, line.number(), nuls);
          } else {
            copyRows++;
            copyBytes += line.bytes().length;
            copyLine(text, line.number());
          }
        } else if (statement != null && !unterminated(text, line.number())) {
          continueStatement(text, withEnd(line, text));
        } else {
          if (statement == null) {
            countDumpComment(text);
          }
          startStatement(text, withEnd(line, text), line.number());
        }
      }
      if (copy != null) {
        throw truncated(
            "inside the COPY block of table " + copy.name() + " begun at line " + copyLine, last);
      }
      if (statement != null && statement.keeps()) {
        throw truncated("inside the statement begun at line " + statement.line, last);
      }
      if (dumpsOpened > dumpsCompleted) {
        throw truncated("without pg_dump's closing line \"" + DUMP_COMPLETE + "\"", last);
      }
      if (!nulDamage.isEmpty()) {
        throw new IOException(
            "Cannot read pg_dump file "
                + file
                + " to its end: "
                + nulDamage()
                + "; the rest of the dump was read");
      }
      if (!keysOnly && firstText != null && dumpsOpened == 0 && !tableStatementSeen) {
        throw notADump();
      }
    }

    private IOException notADump() {
      String shown = firstText.length() > 60 ? firstText.substring(0, 60) + "..." : firstText;
      boolean json = firstText.startsWith("[") || firstText.startsWith("{");
      return new IOException(
          "Cannot read pg_dump file "
              + file
              + ": it holds no CREATE TABLE, COPY or INSERT statement and no pg_dump header (its"
              + " first line is '"
              + shown
              + "')"
              + (json
                  ? "; it looks like JSON: read it with type backup-jsonl (an array of records, or"
                      + " one per line; docs/backup.md)"
                  : "; a plain-format dump is SQL text (pg_dump -Fp); for another export use its"
                      + " type (mysqldump, backup-csv, backup-jsonl)"));
    }

    private void countDumpComment(String text) {
      String comment = text.strip();
      if (comment.equals(DUMP_OPENED)) {
        dumpsOpened++;
      } else if (comment.equals(DUMP_COMPLETE)) {
        dumpsCompleted++;
      }
    }

    /**
     * The next line; a gzipped dump whose data stops early inside a COPY block says which table's
     * row was being read, which the inflater's own "Unexpected end of ZLIB input stream" does not.
     */
    private ByteLineReader.Line next(ByteLineReader lines, long last) throws IOException {
      try {
        return lines.next();
      } catch (EOFException stopped) {
        if (copy == null || copy.name() == null) {
          throw stopped;
        }
        throw new IOException(
            "Cannot read pg_dump file "
                + file
                + " to its end: the file ends inside a row of table "
                + copy.name()
                + ", after line "
                + last
                + " (its gzip data stops early: the dump was cut while it was written or copied);"
                + " that row is not read, and whatever followed it in the dump is missing",
            stopped);
      }
    }

    /**
     * A file that ends inside a COPY row: unlike a cut statement, the last line read is itself
     * lost, so the message names it and its table rather than "what follows" it.
     */
    private IOException cutInsideRow(long line) {
      return new IOException(
          "Cannot read pg_dump file "
              + file
              + " to its end: the file ends inside a row of "
              + (copy.name() == null
                  ? "the table whose COPY header is at line " + copyLine
                  : "table " + copy.name())
              + ", at line "
              + line
              + " (the row has no line end: the dump was cut while it was written or copied);"
              + " that row is not read, and whatever followed it in the dump is missing"
              + (nulDamage.isEmpty() ? "" : "; and before it, " + nulDamage()));
    }

    /**
     * A COPY line holding NUL bytes. pg_dump never writes one (PostgreSQL text cannot hold it): a
     * run of zeros overwrote the dump here (a disk, file system or copy fault), and where it
     * covered line ends the rows between are gone with them. Split into fields, the line was one
     * row of "7 fields for 8 columns" and the loss looked like one row; it is quarantined for what
     * it is, and the table is not read to its end, since the rows lost cannot be counted.
     */
    private void nulLine(String text, long number, int nuls) {
      NulDamage damage =
          nulDamage.computeIfAbsent(
              copyLine,
              header ->
                  new NulDamage(
                      copy.name() == null
                          ? "the table whose COPY header is at line " + header
                          : "table " + copy.name(),
                      header));
      damage.add(number, nuls);
      quarantine(
          number,
          "Cannot read COPY row of "
              + damage.table
              + ": the line holds "
              + nuls
              + " NUL byte(s), which pg_dump never writes: zeros overwrote the dump here (a disk or"
              + " copy fault), and the rows they covered, how many cannot be told"
              + estimate(nuls)
              + ", are lost with it",
          text.replace('\u0000', '\ufffd'));
    }

    /** ", about N row(s) by this block's average row length", or empty when nothing to go by. */
    private String estimate(long nuls) {
      if (copyRows == 0) {
        return "";
      }
      long average = Math.max(1, copyBytes / copyRows);
      long rows = Math.max(1, Math.round((double) nuls / average));
      return ", about " + rows + " row(s) of this block's average length (" + average + " bytes)";
    }

    private String nulDamage() {
      List<String> each = new ArrayList<>();
      for (NulDamage damage : nulDamage.values()) {
        each.add(
            "the COPY block of "
                + damage.table
                + " (begun at line "
                + damage.header
                + ") holds "
                + damage.nuls
                + " NUL byte(s) on "
                + damage.lines
                + " line(s) ("
                + damage.shownLines()
                + "), which pg_dump never writes: zeros overwrote the dump there (a disk or copy"
                + " fault), and the rows they covered cannot be counted; those lines are in the"
                + " quarantine, the block's other rows were read");
      }
      return String.join("; ", each);
    }

    private static int nulBytes(byte[] bytes, int length) {
      int count = 0;
      for (int i = 0; i < length; i++) {
        if (bytes[i] == 0) {
          count++;
        }
      }
      return count;
    }

    private IOException truncated(String where, long line) {
      return new IOException(
          "Cannot read pg_dump file "
              + file
              + " to its end: it ends "
              + where
              + " (the dump is truncated); what follows line "
              + line
              + " is missing"
              + (nulDamage.isEmpty() ? "" : "; and before it, " + nulDamage()));
    }

    /**
     * Whether the statement being read was cut off: the line starts a new statement while the
     * current one is outside any quote. Reported, and the new line is read as a new statement.
     */
    private boolean unterminated(String text, long number) {
      if (!statement.scanner.atTopLevel() || !STATEMENT_START.matcher(text).find()) {
        return false;
      }
      if (statement.keeps()) {
        quarantine(
            statement.line,
            "Cannot read statement: it has no ; before the next statement at line "
                + number
                + " (the dump is damaged)",
            statement.text.toString());
      }
      statement = null;
      return true;
    }

    /**
     * The line as the statement holds it, with its own line end: a string constant spanning lines
     * keeps its CR bytes exactly (pg_dump writes a value's CR LF as is in INSERTs). A dump whose
     * first line ends in CR LF was converted from LF by a transfer, and its line ends are LF.
     */
    private String withEnd(ByteLineReader.Line line, String text) {
      int end = line.bytes().length;
      if (end == line.contentLength()) {
        return text; // the last line, without a line end
      }
      if (convertedToCrlf) {
        return text + "\n";
      }
      return text
          + TextDecoding.decode(
              line.bytes(), line.contentLength(), end - line.contentLength(), charset);
    }

    private void startStatement(String text, String withEnd, long number) {
      String trimmed = text.strip();
      if (trimmed.startsWith("\\connect ") || trimmed.startsWith("\\c ")) {
        database = connectedDatabase(trimmed);
        return;
      }
      if (trimmed.isEmpty() || trimmed.startsWith("--") || trimmed.startsWith("\\")) {
        return; // comments and psql meta-commands such as restrict and unrestrict
      }
      if (firstText == null) {
        firstText = trimmed.startsWith("\uFEFF") ? trimmed.substring(1) : trimmed;
      }
      if (COPY_FROM_STDIN.matcher(trimmed).matches()) {
        tableStatementSeen = true;
        startCopy(trimmed, number);
        return;
      }
      Matcher encoding = CLIENT_ENCODING.matcher(trimmed);
      if (encoding.find()) {
        charset = PostgresEncodings.charset(encoding.group(1));
      }
      Matcher strings = STANDARD_STRINGS.matcher(trimmed);
      if (strings.find()) {
        standardStrings = strings.group(1).equalsIgnoreCase("on");
      }
      String upper = trimmed.toUpperCase(Locale.ROOT);
      Kind kind;
      if (upper.startsWith("INSERT")) {
        kind = keysOnly ? Kind.OTHER : Kind.INSERT;
        tableStatementSeen = true;
        // a data-only dump of several databases has no CREATE TABLE or COPY to tell their tables
        if (keysOnly && !database.equals(FIRST)) {
          sawTable(insertTable(trimmed, upper));
        }
      } else if (CREATE_TABLE.matcher(upper).find()) {
        kind = Kind.CREATE_TABLE;
        tableStatementSeen = true;
      } else if (keysOnly && ALTER_TABLE.matcher(upper).find()) {
        kind = Kind.ALTER_TABLE;
      } else if (keysOnly && CREATE_UNIQUE_INDEX.matcher(upper).find()) {
        kind = Kind.CREATE_INDEX;
      } else {
        kind = Kind.OTHER;
      }
      statement = new Statement(kind, number, standardStrings);
      continueStatement(text, withEnd);
    }

    private void continueStatement(String text, String withEnd) {
      boolean ended = statement.scanner.endsIn(text);
      if (statement.keeps()) {
        if (statement.text.length() + withEnd.length() > MAX_STATEMENT) {
          statement.tooLong = true;
        } else {
          statement.text.append(withEnd);
        }
      }
      if (ended) {
        Statement done = statement;
        statement = null;
        finish(done);
      }
    }

    private void finish(Statement done) {
      if (!done.keeps()) {
        return;
      }
      String sql = done.text.toString();
      if (done.tooLong) {
        quarantine(
            done.line, "Cannot read statement: longer than " + MAX_STATEMENT + " characters", sql);
        return;
      }
      try {
        if (done.kind == Kind.ALTER_TABLE) {
          DeclaredKeys.Key key = SqlStatements.alterTableKey(sql, charset, standardStrings);
          if (key != null) {
            declared.add(inDatabase(key));
          }
          notePartition(sql);
        } else if (done.kind == Kind.CREATE_INDEX) {
          DeclaredKeys.Key key = SqlStatements.uniqueIndex(sql, charset, standardStrings);
          if (key != null) {
            declared.add(inDatabase(key));
          }
        } else if (done.kind == Kind.CREATE_TABLE) {
          SqlStatements.Table table = SqlStatements.createTable(sql, charset, standardStrings);
          if (keysOnly) {
            notePartition(sql);
          }
          if (table != null && keysOnly) {
            sawTable(table.name());
            if (!table.primaryKey().isEmpty()) {
              declared.add(
                  new DeclaredKeys.Key(inDatabase(table.name()), "", table.primaryKey(), true));
            }
            declared.notNull(inDatabase(table.name()), table.notNull());
          } else if (table != null && !leftOut()) {
            tableColumns.put(inDatabase(table.name()), table.columns());
            if (!partitionOf.containsKey(inDatabase(table.name()))) {
              // a partition's rows are its table's: listed apart, it would show none
              tables.accept(table.name(), table.columns());
            }
          }
        } else {
          insert(sql, done.line);
        }
      } catch (SqlSyntaxException e) {
        if (keysOnly) {
          return; // not a key; the second pass quarantines what it cannot read
        }
        long line = done.line + newlines(sql, e.offset());
        String what = done.kind == Kind.CREATE_TABLE ? "CREATE TABLE" : "INSERT";
        quarantine(line, "Cannot read " + what + " statement: " + e.getMessage(), sql);
      }
    }

    private void insert(String sql, long firstLine) throws SqlSyntaxException {
      SqlStatements.Insert insert = SqlStatements.insert(sql, charset, standardStrings);
      List<String> columns =
          insert.columns() != null
              ? insert.columns()
              : tableColumns.get(inDatabase(insert.table()));
      for (SqlStatements.Row row : insert.rows()) {
        long line = firstLine + newlines(sql, row.offset());
        String excerpt = sql.substring(row.offset(), Math.min(sql.length(), row.offset() + 2000));
        emit(insert.table(), columns, row.values(), line, excerpt);
      }
    }

    private void startCopy(String header, long number) {
      try {
        SqlStatements.Table table = SqlStatements.copy(header, charset, standardStrings);
        sawTable(table.name());
        List<String> columns =
            table.columns() != null ? table.columns() : tableColumns.get(inDatabase(table.name()));
        copy = new SqlStatements.Table(table.name(), columns);
      } catch (SqlSyntaxException e) {
        quarantine(number, "Cannot read COPY header: " + e.getMessage(), header);
        // its data lines still end at \. and must not be read as SQL
        copy = new SqlStatements.Table(null, null);
      }
      copyLine = number;
      copyRows = 0;
      copyBytes = 0;
    }

    private void copyLine(String text, long number) {
      if (text.equals("\\.")) {
        copy = null;
        return;
      }
      if (copy.name() == null) {
        quarantine(number, "Cannot read COPY row: its COPY header is unreadable", text);
        return;
      }
      String[] fields = text.split("\t", -1);
      String[] values = new String[fields.length];
      for (int i = 0; i < fields.length; i++) {
        values[i] =
            fields[i].equals("\\N") ? null : BackslashEscapes.decode(fields[i], charset, false);
      }
      emit(copy.name(), copy.columns(), java.util.Arrays.asList(values), number, text);
    }

    private void emit(
        String table, List<String> columns, List<String> values, long line, String excerpt) {
      if (leftOut()) {
        leftOut.merge(database, 1L, Long::sum);
        return;
      }
      String whole = partitioned(table);
      BackupRows.emit(
          sink,
          source,
          file,
          line,
          whole,
          columns,
          primaryKeys.get(inDatabase(whole)),
          values,
          excerpt,
          seen);
    }

    private void notePartition(String sql) throws SqlSyntaxException {
      SqlStatements.Partition partition = SqlStatements.partition(sql, charset, standardStrings);
      if (partition != null) {
        partitionOf.put(inDatabase(partition.table()), partition.parent());
      }
    }

    /**
     * The partitioned table whose rows {@code table} holds (the topmost, for a partition of a
     * partition), or {@code table} itself when it is no partition.
     */
    private String partitioned(String table) {
      if (partitionOf.isEmpty()) {
        return table;
      }
      String whole = table;
      for (int depth = 0; depth < 64; depth++) {
        String parent = partitionOf.get(inDatabase(whole));
        if (parent == null) {
          break;
        }
        whole = parent;
      }
      return whole;
    }

    private void quarantine(long line, String reason, String excerpt) {
      sink.quarantine(new Quarantined(source, file + ":" + line, reason, excerpt));
    }

    private static long newlines(String text, int end) {
      long count = 0;
      for (int i = 0; i < Math.min(end, text.length()); i++) {
        if (text.charAt(i) == '\n') {
          count++;
        }
      }
      return count;
    }
  }

  /**
   * The database a psql {@code \connect} line names: {@code \connect app}, {@code \connect "my
   * app"}, or pg_dumpall's {@code \connect -reuse-previous=on "dbname='my app'"}.
   */
  static String connectedDatabase(String line) {
    String rest = line.substring(line.indexOf(' ') + 1).strip();
    if (rest.startsWith("-reuse-previous")) {
      int space = rest.indexOf(' ');
      rest = space < 0 ? "" : rest.substring(space + 1).strip();
    }
    String target = unquotePsql(rest);
    Matcher conninfo = DBNAME.matcher(target);
    if (conninfo.find()) {
      String value = conninfo.group(1) != null ? conninfo.group(1) : conninfo.group(2);
      return value.replace("\\'", "'").replace("\\\\", "\\");
    }
    return target;
  }

  private static final Pattern DBNAME =
      Pattern.compile("(?:^|\\s)dbname\\s*=\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|(\\S+))");

  /** The first word of a psql meta-command's arguments, its double quotes undone. */
  private static String unquotePsql(String text) {
    if (!text.startsWith("\"")) {
      int space = text.indexOf(' ');
      return space < 0 ? text : text.substring(0, space);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
          out.append('"');
          i++;
        } else {
          break;
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private enum Kind {
    CREATE_TABLE,
    ALTER_TABLE,
    CREATE_INDEX,
    INSERT,
    OTHER
  }

  /** The NUL bytes found in one COPY block: how many, on how many lines, and the first lines. */
  private static final class NulDamage {
    private static final int SHOWN = 5;
    final String table;
    final long header;
    final List<Long> firstLines = new ArrayList<>();
    long lines;
    long nuls;

    NulDamage(String table, long header) {
      this.table = table;
      this.header = header;
    }

    void add(long line, int count) {
      lines++;
      nuls += count;
      if (firstLines.size() < SHOWN) {
        firstLines.add(line);
      }
    }

    String shownLines() {
      String shown =
          firstLines.stream()
              .map(String::valueOf)
              .collect(java.util.stream.Collectors.joining(", "));
      return (lines == 1 ? "line " : "lines ") + shown + (lines > SHOWN ? ", ..." : "");
    }
  }

  /** A statement being read; only CREATE TABLE, ALTER TABLE and INSERT statements keep text. */
  private static final class Statement {
    final Kind kind;
    final long line;
    final StatementScanner scanner;
    final StringBuilder text = new StringBuilder();
    boolean tooLong;

    Statement(Kind kind, long line, boolean standardStrings) {
      this.kind = kind;
      this.line = line;
      this.scanner = new StatementScanner(standardStrings);
    }

    boolean keeps() {
      return kind != Kind.OTHER;
    }
  }
}
