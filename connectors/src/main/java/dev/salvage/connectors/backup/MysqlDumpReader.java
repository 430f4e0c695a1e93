package dev.salvage.connectors.backup;

import dev.salvage.connectors.DecodingNote;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.SourceReader;
import dev.salvage.connectors.io.InputFiles;
import dev.salvage.connectors.io.JsonInput;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a plain mysqldump or mariadb-dump file (source type {@code mysqldump}; gzip accepted) into
 * the same {@code backup.row} records {@link JdbcBackupSource} makes of the database: rows of
 * {@code INSERT [IGNORE] INTO} and {@code REPLACE INTO} statements, one or many rows each, with or
 * without a column list; without one, the columns of the table's {@code CREATE TABLE}. Strings are
 * read with MySQL's backslash escapes; {@code NULL} is null; binary values ({@code _binary '...'},
 * {@code 0x...}, {@code X'...'}, and strings in BINARY, VARBINARY and BLOB columns) become {@code
 * \x} and lower-case hex, as the JDBC source gives them; a BIT value ({@code b'101'}) its number.
 * Refs are {@code backup:<table>#<pk>}, pk the value of the primary key the table's {@code CREATE
 * TABLE} declares (see {@link RowKey}), else of {@code id}, else of the first column; a row of a
 * table without a primary key whose ref an earlier row had is quarantined. The table has its bare
 * name when it is in the dump's first database (the first {@code USE} or qualified name), {@code
 * <database>.<table>} in any other, as the JDBC source names them. A dump that ends inside a
 * statement is an error naming the line the statement starts on: a cut-off dump must not pass for a
 * shorter backup.
 */
public final class MysqlDumpReader implements SourceReader {
  // as long as the longest string a record may hold (JsonInput.MAX_STRING_CHARS): mysqldump's
  // extended inserts stay under net_buffer_length (1 MB), so only a row that long comes near it
  private static final int MAX_STATEMENT = JsonInput.MAX_STRING_CHARS;
  // mysqldump --all-databases writes these too: the server's accounts (password hashes among
  // them), help texts and time zones, never the business's rows
  private static final Set<String> SYSTEM_DATABASES =
      Set.of("mysql", "sys", "performance_schema", "information_schema");
  private static final Set<String> NOT_COLUMNS =
      Set.of(
          "PRIMARY",
          "KEY",
          "INDEX",
          "UNIQUE",
          "CONSTRAINT",
          "FOREIGN",
          "FULLTEXT",
          "SPATIAL",
          "CHECK",
          "PERIOD");

  @Override
  public void read(Path file, String sourceName, RecordSink sink) throws IOException {
    try (InputStream in = new BufferedInputStream(InputFiles.open(file), 1 << 16)) {
      new Dump(file, sourceName, sink).read(in);
    }
  }

  /**
   * Says, when {@code file} holds zero dates ({@code '0000-00-00'}, {@code '0000-00-00 00:00:00'}),
   * which columns of which tables hold how many: they are read as NULL, and the run says so at its
   * end. The file is searched for the text first and parsed only when it is there.
   */
  @Override
  public List<DecodingNote> readingNotes(Path file, String sourceName) throws IOException {
    if (!mentions(file, ZERO_DATE)) {
      return List.of();
    }
    Dump dump = new Dump(file, sourceName, IGNORED);
    try (InputStream in = new BufferedInputStream(InputFiles.open(file), 1 << 16)) {
      dump.read(in);
    } catch (IOException unreadable) {
      // the read fails too, and the run lists it as not read; the rows before it are counted
    }
    if (dump.zeroDates.isEmpty()) {
      return List.of();
    }
    List<String> columns = new ArrayList<>();
    long total = 0;
    for (Map.Entry<String, Long> column : dump.zeroDates.entrySet()) {
      columns.add(column.getKey() + " (" + column.getValue() + ")");
      total += column.getValue();
    }
    return List.of(
        new DecodingNote(
            sourceName,
            file.toString(),
            "UTF-8",
            file
                + " holds "
                + total
                + ZERO_DATES
                + String.join(", ", columns)
                + ": read as NULL (no value), which MariaDB and MySQL mean by them, so a first_of"
                + " falls through to its next part"));
  }

  private static final String ZERO_DATES = " zero date(s) ('0000-00-00 00:00:00') in ";
  private static final byte[] ZERO_DATE = "'0000-00-00".getBytes(StandardCharsets.US_ASCII);

  /** Whether {@code note} is one on zero dates read as NULL, not on an encoding. */
  public static boolean isAboutZeroDates(DecodingNote note) {
    return note.note().contains(ZERO_DATES);
  }

  /** Whether {@code file}'s bytes (gunzipped) hold {@code wanted}. */
  private static boolean mentions(Path file, byte[] wanted) throws IOException {
    try (InputStream in = InputFiles.open(file)) {
      byte[] chunk = new byte[(1 << 16) + wanted.length];
      int kept = 0; // bytes carried over from the chunk before, a match may straddle two
      for (int read = in.read(chunk, kept, chunk.length - kept);
          read >= 0;
          read = in.read(chunk, kept, chunk.length - kept)) {
        int end = kept + read;
        for (int i = 0; i + wanted.length <= end; i++) {
          if (chunk[i] == wanted[0]
              && Arrays.equals(chunk, i, i + wanted.length, wanted, 0, wanted.length)) {
            return true;
          }
        }
        kept = Math.min(end, wanted.length - 1);
        System.arraycopy(chunk, end - kept, chunk, 0, kept);
      }
    }
    return false;
  }

  private static final RecordSink IGNORED =
      new RecordSink() {
        @Override
        public void accept(RawRecord record) {}

        @Override
        public void quarantine(Quarantined bad) {}
      };

  /**
   * The tables the {@code CREATE TABLE} statements of {@code file} declare, by name: what {@code
   * mysqldump --tab} writes beside each table's data file ({@code t.sql} beside {@code t.txt}),
   * which has no header of its own. Rows of {@code INSERT} statements in it are not read.
   */
  static Map<String, Table> createdTables(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(InputFiles.open(file), 1 << 16)) {
      Dump dump = new Dump(file, "", IGNORED);
      dump.read(in);
      return Map.copyOf(dump.tables);
    }
  }

  /** A token of a statement: a word, a `quoted` name, a string, a number or a symbol. */
  private record Token(Kind kind, String text, byte[] bytes) {}

  private enum Kind {
    WORD,
    NAME,
    STRING,
    HEX,
    NUMBER,
    SYMBOL
  }

  /**
   * A table's columns in order, which of them hold bytes rather than text, and its primary key
   * (empty when its CREATE TABLE declares none).
   */
  record Table(List<String> columns, Set<String> binary, List<String> primaryKey) {
    Table {
      primaryKey = List.copyOf(primaryKey);
    }
  }

  /** The file ends inside a statement or a comment: the dump was cut short. */
  private static final class CutShortException extends IOException {
    private static final long serialVersionUID = 1L;

    CutShortException(String message) {
      super(message);
    }
  }

  private static final class Dump {
    private final Path file;
    private final String source;
    private final RecordSink sink;
    private final Map<String, Table> tables = new HashMap<>();
    private final RepeatedRefs seen = new RepeatedRefs();
    // zero dates read as NULL, by table.column, in the order met
    private final Map<String, Long> zeroDates = new LinkedHashMap<>();
    private int line = 1;
    // mysqldump --databases a b: USE `a`; ... USE `b`; a second database's tables are not the
    // first's, even when they share a name
    private String database;
    private String firstDatabase;

    Dump(Path file, String source, RecordSink sink) {
      this.file = file;
      this.source = source;
      this.sink = sink;
    }

    // the statement being read and the line it starts on (0 between statements)
    private final ByteArrayOutputStream statement = new ByteArrayOutputStream();
    private int startLine;

    /**
     * Reads the statements; when the file is cut inside a multi-row INSERT, the rows of it that are
     * whole before the cut are read before the file is reported truncated. Dropped with the cut
     * statement, they were lost although they were there: mysqldump writes a table's rows in a few
     * INSERTs of up to a megabyte each, so one cut took thousands of them (a Nordwind dump cut in
     * its bookings gave none of the 150 bookings before the cut, where a pg_dump cut in its COPY
     * gives every row before it).
     */
    void read(InputStream in) throws IOException {
      try {
        split(in);
      } catch (CutShortException e) {
        int rows = rowsBeforeTheCut();
        if (rows == 0) {
          throw e;
        }
        throw new IOException(
            e.getMessage()
                + "; the "
                + rows
                + " whole row(s) of that statement before the cut were read, what followed is"
                + " missing",
            e);
      }
    }

    /** Reads the whole rows of the INSERT or REPLACE the input ends in; how many there were. */
    private int rowsBeforeTheCut() throws IOException {
      byte[] partial = statement.toByteArray();
      int[] rows = new int[1];
      int end = endOfLastWholeRow(partial, rows);
      if (end < 0) {
        return 0;
      }
      handle(Arrays.copyOf(partial, end), startLine);
      return rows[0];
    }

    /**
     * Where the last row of an INSERT or REPLACE that is whole ends (after its closing parenthesis)
     * in a statement cut short, counting the whole rows into {@code rows[0]}; -1 when the statement
     * is not one or has no whole row. Quotes are followed as the statement splitter does (MySQL's
     * backslash escapes, doubled quotes), so a parenthesis inside a value closes nothing.
     */
    static int endOfLastWholeRow(byte[] statement, int[] rows) {
      String head =
          new String(statement, 0, Math.min(statement.length, 16), StandardCharsets.ISO_8859_1)
              .stripLeading()
              .toUpperCase(Locale.ROOT);
      if (!head.startsWith("INSERT") && !head.startsWith("REPLACE")) {
        return -1;
      }
      int quote = 0;
      int depth = 0;
      boolean values = false;
      int end = -1;
      for (int i = 0; i < statement.length; i++) {
        int c = statement[i] & 0xff;
        if (quote != 0) {
          if (c == '\\' && quote != '`') {
            i++;
          } else if (c == quote) {
            quote = 0;
          }
        } else if (c == '\'' || c == '"' || c == '`') {
          quote = c;
        } else if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
          if (depth == 0 && values) {
            rows[0]++;
            end = i + 1;
          }
        } else if (depth == 0 && !values && (c == 'V' || c == 'v') && isWordAt(statement, i)) {
          values = true;
        }
      }
      return end;
    }

    /** Whether the word VALUES or VALUE starts at {@code i}, standing alone. */
    private static boolean isWordAt(byte[] bytes, int i) {
      for (String word : List.of("VALUES", "VALUE")) {
        int end = i + word.length();
        if (end <= bytes.length
            && new String(bytes, i, word.length(), StandardCharsets.ISO_8859_1)
                .equalsIgnoreCase(word)
            && (i == 0 || !isWordByte(bytes[i - 1]))
            && (end == bytes.length || !isWordByte(bytes[end]))) {
          return true;
        }
      }
      return false;
    }

    private static boolean isWordByte(byte b) {
      return Character.isLetterOrDigit(b) || b == '_';
    }

    /** Splits the input into statements at top-level semicolons, skipping comments. */
    private void split(InputStream in) throws IOException {
      statement.reset();
      startLine = 0;
      int c = in.read();
      while (c != -1) {
        if (statement.size() == 0 && startLine == 0 && !Character.isWhitespace(c)) {
          startLine = line;
        }
        if (c == '\n') {
          line++;
        }
        if (c == '-' || c == '#' || c == '/') {
          in.mark(2);
          int next = in.read();
          int third = in.read();
          boolean lineComment =
              c == '#'
                  || (c == '-'
                      && next == '-'
                      && (third == -1
                          || third == ' '
                          || third == '\t'
                          || third == '\n'
                          || third == '\r'));
          if (lineComment) {
            in.reset();
            int skipped = in.read();
            while (skipped != -1 && skipped != '\n') {
              skipped = in.read();
            }
            if (skipped == '\n') {
              line++;
            }
            if (statement.size() == 0) {
              startLine = 0;
            }
            c = in.read();
            continue;
          }
          if (c == '/' && next == '*') {
            int previous = 0;
            int inside = third;
            while (inside != -1 && !(previous == '*' && inside == '/')) {
              if (inside == '\n') {
                line++;
              }
              previous = inside;
              inside = in.read();
            }
            if (inside == -1) {
              throw truncated(startLine == 0 ? line : startLine, "inside a /* comment */");
            }
            if (statement.size() == 0) {
              startLine = 0;
            }
            c = in.read();
            continue;
          }
          in.reset();
        }
        if ((c == 'D' || c == 'd') && statement.size() == 0 && delimiterCommand(in)) {
          startLine = 0;
          c = in.read();
          continue;
        }
        if (c == '\'' || c == '"' || c == '`') {
          statement.write(c);
          quoted(in, c, statement, startLine);
          c = in.read();
          continue;
        }
        if (c == ';') {
          handle(statement.toByteArray(), startLine);
          statement.reset();
          startLine = 0;
          c = in.read();
          continue;
        }
        if (statement.size() > 0 || !Character.isWhitespace(c)) {
          statement.write(c);
          if (statement.size() > MAX_STATEMENT) {
            throw new IOException(
                "Cannot read mysqldump file "
                    + file
                    + ": the statement starting at line "
                    + startLine
                    + " is longer than "
                    + (MAX_STATEMENT >> 20)
                    + " MiB");
          }
        }
        c = in.read();
      }
      if (statement.size() > 0) {
        throw truncated(startLine, "before its closing ;");
      }
    }

    /**
     * At a statement's start after a {@code D}: whether this is the mysql client's {@code
     * DELIMITER} command, and if so reads past it. mysqldump writes one around each stored routine
     * ({@code DELIMITER ;;} ... {@code DELIMITER ;}); the body's statements are code, not rows (an
     * {@code INSERT} in a procedure read as data made up a customer), so everything up to the
     * command that sets {@code ;} again is skipped. The stream is left at the end of the line that
     * ends the block.
     *
     * @throws IOException naming the line when the file ends inside such a block
     */
    private boolean delimiterCommand(InputStream in) throws IOException {
      in.mark(16);
      byte[] rest = in.readNBytes(9);
      String word = new String(rest, StandardCharsets.US_ASCII);
      if (rest.length < 9
          || !word.substring(0, 8).equalsIgnoreCase("ELIMITER")
          || !(word.charAt(8) == ' ' || word.charAt(8) == '\t')) {
        in.reset();
        return false;
      }
      int begun = line;
      String delimiter = restOfLine(in).strip();
      while (!delimiter.equals(";")) {
        String next = restOfLine(in);
        if (next == null) {
          throw truncated(
              begun, "inside the DELIMITER " + delimiter + " block of a stored routine");
        }
        String command = next.strip();
        if (command.regionMatches(true, 0, "DELIMITER", 0, 9)
            && command.length() > 9
            && Character.isWhitespace(command.charAt(9))) {
          delimiter = command.substring(10).strip();
        }
      }
      return true;
    }

    /** The bytes up to the next line end (read and counted), as Latin-1 text; null at the end. */
    private String restOfLine(InputStream in) throws IOException {
      StringBuilder text = new StringBuilder();
      int c = in.read();
      if (c == -1) {
        return null;
      }
      while (c != -1 && c != '\n') {
        text.append((char) c);
        c = in.read();
      }
      if (c == '\n') {
        line++;
      }
      return text.toString();
    }

    /** Copies a quoted string or name, up to and with its closing quote. */
    private void quoted(InputStream in, int quote, ByteArrayOutputStream out, int startLine)
        throws IOException {
      while (true) {
        int c = in.read();
        if (c == -1) {
          throw truncated(startLine, "inside a quoted " + (quote == '`' ? "name" : "string"));
        }
        if (c == '\n') {
          line++;
        }
        out.write(c);
        if (c == '\\' && quote != '`') {
          int escaped = in.read();
          if (escaped == -1) {
            throw truncated(startLine, "inside a quoted string");
          }
          if (escaped == '\n') {
            line++;
          }
          out.write(escaped);
          continue;
        }
        if (c == quote) {
          in.mark(1);
          int next = in.read();
          if (next == quote) {
            out.write(next); // a doubled quote stands for one
            continue;
          }
          in.reset();
          return;
        }
      }
    }

    private CutShortException truncated(int startLine, String where) {
      return new CutShortException(
          "Cannot read mysqldump file "
              + file
              + ": it ends "
              + where
              + " in the statement starting at line "
              + startLine
              + " (a truncated dump?)");
    }

    private void handle(byte[] statement, int startLine) throws IOException {
      List<Token> tokens = tokenize(statement, startLine);
      if (tokens.isEmpty()) {
        return;
      }
      String first = upper(tokens.get(0));
      if (first.equals("USE") && tokens.size() > 1) {
        database = tokens.get(1).text();
        if (firstDatabase == null
            && !SYSTEM_DATABASES.contains(database.toLowerCase(Locale.ROOT))) {
          firstDatabase = database;
        }
      } else if (first.equals("CREATE")) {
        createTable(tokens, startLine);
      } else if (first.equals("INSERT") || first.equals("REPLACE")) {
        insert(tokens, startLine, new String(statement, StandardCharsets.UTF_8));
      }
    }

    private static String upper(Token token) {
      return token.kind() == Kind.WORD ? token.text().toUpperCase(Locale.ROOT) : "";
    }

    private void createTable(List<Token> tokens, int startLine) throws IOException {
      int i = 1;
      while (i < tokens.size() && !upper(tokens.get(i)).equals("TABLE")) {
        if (tokens.get(i).kind() != Kind.WORD) {
          return; // CREATE VIEW, CREATE FUNCTION ...: nothing to learn
        }
        i++;
      }
      if (i >= tokens.size()) {
        return; // CREATE DATABASE, CREATE SCHEMA, CREATE USER ...: no table
      }
      i++;
      while (i < tokens.size() && List.of("IF", "NOT", "EXISTS").contains(upper(tokens.get(i)))) {
        i++;
      }
      int[] at = {i};
      String table = name(tokens, at, startLine);
      i = at[0];
      if (table == null || i >= tokens.size() || !tokens.get(i).text().equals("(")) {
        return; // CREATE TABLE ... LIKE / AS SELECT
      }
      List<String> columns = new ArrayList<>();
      Set<String> binary = new HashSet<>();
      List<String> primaryKey = List.of();
      List<DeclaredKeys.Key> uniqueKeys = new ArrayList<>();
      Set<String> notNull = new HashSet<>();
      int depth = 0;
      boolean atItemStart = true;
      String itemColumn = null;
      for (i++; i < tokens.size(); i++) {
        Token token = tokens.get(i);
        if (token.kind() == Kind.SYMBOL && token.text().equals("(")) {
          depth++;
        } else if (token.kind() == Kind.SYMBOL && token.text().equals(")")) {
          if (depth == 0) {
            break;
          }
          depth--;
        } else if (depth == 0 && token.kind() == Kind.SYMBOL && token.text().equals(",")) {
          atItemStart = true;
          itemColumn = null;
          continue;
        } else if (depth == 0
            && upper(token).equals("PRIMARY")
            && i + 1 < tokens.size()
            && upper(tokens.get(i + 1)).equals("KEY")) {
          // PRIMARY KEY (`a`,`b`), as mysqldump writes it, or `id` int PRIMARY KEY
          if (!atItemStart && itemColumn != null) {
            primaryKey = List.of(itemColumn);
          } else {
            primaryKey = keyColumns(tokens, i + 2);
          }
          atItemStart = false;
        } else if (atItemStart && depth == 0 && upper(token).equals("UNIQUE")) {
          // UNIQUE KEY `name` (`a`,`b`), as mysqldump writes a unique index
          int open = i + 1;
          String index = "";
          while (open < tokens.size() && !tokens.get(open).text().equals("(")) {
            if (tokens.get(open).kind() == Kind.NAME) {
              index = tokens.get(open).text();
            }
            open++;
          }
          uniqueKeys.add(new DeclaredKeys.Key(table, index, keyColumns(tokens, open), false));
          atItemStart = false;
          itemColumn = null;
        } else if (depth == 0
            && itemColumn != null
            && upper(token).equals("NOT")
            && i + 1 < tokens.size()
            && upper(tokens.get(i + 1)).equals("NULL")) {
          notNull.add(itemColumn);
        } else if (atItemStart && depth == 0) {
          atItemStart = false;
          boolean column =
              token.kind() == Kind.NAME
                  || (token.kind() == Kind.WORD && !NOT_COLUMNS.contains(upper(token)));
          itemColumn = column ? token.text() : null;
          if (column) {
            columns.add(token.text());
            String type = i + 1 < tokens.size() ? upper(tokens.get(i + 1)) : "";
            if (type.endsWith("BINARY") || type.endsWith("BLOB")) {
              binary.add(token.text());
            }
          }
        }
      }
      if (primaryKey.isEmpty()) {
        // no primary key: a unique key over NOT NULL columns names the rows, as for PostgreSQL
        primaryKey = DeclaredKeys.preferred(uniqueKeys, notNull);
      }
      tables.put(table, new Table(columns, binary, primaryKey));
    }

    /**
     * The columns of a key's list starting at {@code at} ({@code (`a`,`b`(10))}): the first name of
     * each item, a prefix length or {@code USING BTREE} left out.
     */
    private static List<String> keyColumns(List<Token> tokens, int at) {
      List<String> names = new ArrayList<>();
      if (at >= tokens.size() || !tokens.get(at).text().equals("(")) {
        return names;
      }
      int depth = 0;
      boolean atItemStart = true;
      for (int i = at + 1; i < tokens.size(); i++) {
        Token token = tokens.get(i);
        if (token.kind() == Kind.SYMBOL && token.text().equals("(")) {
          depth++;
        } else if (token.kind() == Kind.SYMBOL && token.text().equals(")")) {
          if (depth == 0) {
            return names;
          }
          depth--;
        } else if (depth == 0 && token.kind() == Kind.SYMBOL && token.text().equals(",")) {
          atItemStart = true;
        } else if (atItemStart && depth == 0) {
          atItemStart = false;
          names.add(token.text());
        }
      }
      return names;
    }

    private void insert(List<Token> tokens, int startLine, String excerpt) throws IOException {
      int i = 1;
      while (i < tokens.size() && !upper(tokens.get(i)).equals("INTO")) {
        i++;
      }
      i++;
      int[] at = {i};
      String table = name(tokens, at, startLine);
      if (table == null) {
        return;
      }
      i = at[0];
      Table known = tables.get(table);
      List<String> columns = known == null ? null : known.columns();
      Set<String> binary = known == null ? Set.of() : known.binary();
      List<String> primaryKey = known == null ? List.of() : known.primaryKey();
      if (i < tokens.size() && tokens.get(i).text().equals("(")) {
        columns = new ArrayList<>();
        for (i++; i < tokens.size() && !tokens.get(i).text().equals(")"); i++) {
          if (tokens.get(i).kind() == Kind.NAME || tokens.get(i).kind() == Kind.WORD) {
            columns.add(tokens.get(i).text());
          }
        }
        i++;
      }
      if (i >= tokens.size() || !List.of("VALUES", "VALUE").contains(upper(tokens.get(i)))) {
        return; // INSERT ... SELECT or SET: no rows written out in the dump
      }
      i++;
      String shortExcerpt = excerpt.length() > 200 ? excerpt.substring(0, 200) : excerpt;
      while (i < tokens.size()) {
        if (!tokens.get(i).text().equals("(")) {
          throw syntax(startLine, "expected ( before a row of " + table);
        }
        List<String> values = new ArrayList<>();
        i++;
        while (i < tokens.size() && !tokens.get(i).text().equals(")")) {
          Token token = tokens.get(i);
          String column =
              columns != null && values.size() < columns.size() ? columns.get(values.size()) : null;
          boolean negative = false;
          if (token.kind() == Kind.SYMBOL
              && (token.text().equals("-") || token.text().equals("+"))) {
            negative = token.text().equals("-");
            i++;
            token = tokens.get(i);
          }
          if (upper(token).equals("_BINARY") && i + 1 < tokens.size()) {
            i++;
            values.add(hex(tokens.get(i).bytes()));
          } else if (upper(token).equals("NULL")) {
            values.add(null);
          } else if (token.kind() == Kind.STRING) {
            String text =
                column != null && binary.contains(column)
                    ? hex(token.bytes())
                    : new String(token.bytes(), StandardCharsets.UTF_8);
            if (BackupRows.isZeroDate(text)) {
              zeroDates.merge(
                  table + "." + (column != null ? column : "column " + (values.size() + 1)),
                  1L,
                  Long::sum);
              text = null;
            }
            values.add(text);
          } else if (token.kind() == Kind.HEX) {
            values.add(hex(token.bytes()));
          } else if (token.kind() == Kind.NUMBER) {
            values.add(negative ? "-" + token.text() : token.text());
          } else if (token.kind() == Kind.WORD) {
            values.add(token.text()); // TRUE, FALSE and the like, as written
          } else {
            throw syntax(startLine, "unexpected " + token.text() + " in a row of " + table);
          }
          i++;
          if (i < tokens.size() && tokens.get(i).text().equals(",")) {
            i++;
          }
        }
        if (i >= tokens.size()) {
          throw syntax(startLine, "a row of " + table + " has no closing )");
        }
        i++;
        BackupRows.emit(
            sink, source, file, startLine, table, columns, primaryKey, values, shortExcerpt, seen);
        if (i < tokens.size() && tokens.get(i).text().equals(",")) {
          i++;
        } else {
          break; // ON DUPLICATE KEY UPDATE and the like follow the rows
        }
      }
    }

    private static String hex(byte[] bytes) {
      return "\\x" + HexFormat.of().formatHex(bytes);
    }

    /**
     * A table name, `db`.`table` or table, as the JDBC source names it: bare in the dump's first
     * database, with its database in another; null in a MySQL system database.
     */
    private String name(List<Token> tokens, int[] at, int startLine) throws IOException {
      if (at[0] >= tokens.size()) {
        throw syntax(startLine, "expected a table name");
      }
      String qualifier = null;
      String name = tokens.get(at[0]++).text();
      while (at[0] + 1 < tokens.size() && tokens.get(at[0]).text().equals(".")) {
        qualifier = name;
        name = tokens.get(at[0] + 1).text();
        at[0] += 2;
      }
      String in = qualifier != null ? qualifier : database;
      if (in != null && SYSTEM_DATABASES.contains(in.toLowerCase(Locale.ROOT))) {
        return null;
      }
      if (firstDatabase == null) {
        firstDatabase = in;
      }
      return in == null || in.equals(firstDatabase) ? name : in + "." + name;
    }

    private IOException syntax(int startLine, String problem) {
      return new IOException(
          "Cannot read mysqldump file " + file + ": line " + startLine + ": " + problem);
    }

    private List<Token> tokenize(byte[] sql, int startLine) throws IOException {
      List<Token> tokens = new ArrayList<>();
      int i = 0;
      while (i < sql.length) {
        int c = sql[i] & 0xff;
        if (Character.isWhitespace(c)) {
          i++;
        } else if ((c == 'N' || c == 'n') && i + 1 < sql.length && sql[i + 1] == '\'') {
          // N'...': a national character string, the same text (Chinook's MySQL script)
          i++;
        } else if (c == '\'' || c == '"') {
          ByteArrayOutputStream value = new ByteArrayOutputStream();
          i = string(sql, i, value);
          tokens.add(new Token(Kind.STRING, "", value.toByteArray()));
        } else if (c == '`') {
          StringBuilder name = new StringBuilder();
          int j = i + 1;
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          while (j < sql.length) {
            if (sql[j] == '`' && j + 1 < sql.length && sql[j + 1] == '`') {
              bytes.write('`');
              j += 2;
            } else if (sql[j] == '`') {
              break;
            } else {
              bytes.write(sql[j++]);
            }
          }
          name.append(bytes.toString(StandardCharsets.UTF_8));
          tokens.add(new Token(Kind.NAME, name.toString(), null));
          i = j + 1;
        } else if ((c == 'b' || c == 'B') && i + 1 < sql.length && sql[i + 1] == '\'') {
          // a BIT column's value, b'0101': its number, as a flag or bit set is compared
          int end = indexOf(sql, (byte) '\'', i + 2);
          String bits = new String(sql, i + 2, end - i - 2, StandardCharsets.US_ASCII);
          if (bits.isEmpty() || !bits.chars().allMatch(b -> b == '0' || b == '1')) {
            throw syntax(startLine, "b'" + bits + "' is not a bit value");
          }
          tokens.add(new Token(Kind.NUMBER, new BigInteger(bits, 2).toString(), null));
          i = end + 1;
        } else if ((c == 'x' || c == 'X') && i + 1 < sql.length && sql[i + 1] == '\'') {
          int end = indexOf(sql, (byte) '\'', i + 2);
          tokens.add(
              new Token(
                  Kind.HEX,
                  "",
                  HexFormat.of()
                      .parseHex(new String(sql, i + 2, end - i - 2, StandardCharsets.US_ASCII))));
          i = end + 1;
        } else if (c == '0' && i + 1 < sql.length && (sql[i + 1] == 'x' || sql[i + 1] == 'X')) {
          int j = i + 2;
          while (j < sql.length && Character.digit(sql[j], 16) >= 0) {
            j++;
          }
          String digits = new String(sql, i + 2, j - i - 2, StandardCharsets.US_ASCII);
          tokens.add(
              new Token(
                  Kind.HEX,
                  "",
                  HexFormat.of().parseHex(digits.length() % 2 == 1 ? "0" + digits : digits)));
          i = j;
        } else if (Character.isDigit(c)
            || (c == '.' && i + 1 < sql.length && Character.isDigit(sql[i + 1]))) {
          int j = i;
          while (j < sql.length
              && (Character.isDigit(sql[j])
                  || sql[j] == '.'
                  || sql[j] == 'e'
                  || sql[j] == 'E'
                  || ((sql[j] == '-' || sql[j] == '+')
                      && (sql[j - 1] == 'e' || sql[j - 1] == 'E')))) {
            j++;
          }
          tokens.add(
              new Token(Kind.NUMBER, new String(sql, i, j - i, StandardCharsets.US_ASCII), null));
          i = j;
        } else if (Character.isLetter(c) || c == '_' || c == '@' || c >= 0x80) {
          int j = i;
          while (j < sql.length
              && (Character.isLetterOrDigit(sql[j] & 0xff)
                  || sql[j] == '_'
                  || sql[j] == '@'
                  || sql[j] == '$'
                  || (sql[j] & 0xff) >= 0x80)) {
            j++;
          }
          tokens.add(new Token(Kind.WORD, new String(sql, i, j - i, StandardCharsets.UTF_8), null));
          i = j;
        } else {
          tokens.add(new Token(Kind.SYMBOL, String.valueOf((char) c), null));
          i++;
        }
      }
      return tokens;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
      for (int i = from; i < bytes.length; i++) {
        if (bytes[i] == b) {
          return i;
        }
      }
      return bytes.length;
    }

    /** Decodes a '...' or "..." string with MySQL's escapes; returns the index after it. */
    private static int string(byte[] sql, int start, ByteArrayOutputStream out) {
      byte quote = sql[start];
      int i = start + 1;
      while (i < sql.length) {
        byte c = sql[i];
        if (c == '\\' && i + 1 < sql.length) {
          byte e = sql[i + 1];
          switch (e) {
            case '0' -> out.write(0);
            case 'n' -> out.write('\n');
            case 'r' -> out.write('\r');
            case 't' -> out.write('\t');
            case 'b' -> out.write('\b');
            case 'Z' -> out.write(26);
            // \% and \_ keep their backslash (they matter only in LIKE patterns)
            case '%', '_' -> {
              out.write('\\');
              out.write(e);
            }
            default -> out.write(e);
          }
          i += 2;
        } else if (c == quote && i + 1 < sql.length && sql[i + 1] == quote) {
          out.write(quote);
          i += 2;
        } else if (c == quote) {
          return i + 1;
        } else {
          out.write(c);
          i++;
        }
      }
      return i;
    }
  }
}
