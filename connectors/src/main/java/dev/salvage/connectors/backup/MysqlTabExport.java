package dev.salvage.connectors.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code mysqldump --tab=DIR} writes: per table {@code t.sql} (its {@code CREATE TABLE}) and
 * {@code t.txt}, its rows as {@code SELECT ... INTO OUTFILE} writes them by default: fields
 * separated by tabs, rows ended by a line feed, no header, no quotes, {@code \N} for NULL, and a
 * backslash before a backslash, a tab or a line feed in a value ({@code \t}, {@code \n}, {@code \0}
 * and the other escapes {@code LOAD DATA} reads are read too).
 */
final class MysqlTabExport {
  /** The name of the layout, as messages and {@code backup inspect} say it. */
  static final String LAYOUT = "mysqldump --tab (t.sql + t.txt per table)";

  private MysqlTabExport() {}

  /**
   * One row as written: its fields' bytes, unescaped (null for {@code \N}), its raw bytes and the
   * line it starts on. Bytes, not text: a BLOB or VARBINARY column holds any bytes, which decoded
   * as text would be lost to replacement characters.
   */
  record Row(List<byte[]> values, byte[] raw, long line) {}

  /** Whether {@code file} is a {@code .sql} file (gzipped or not): SQL, never a table's rows. */
  static boolean isSql(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".sql") || name.endsWith(".sql.gz");
  }

  /**
   * The {@code t.sql} beside {@code file} when it is a {@code t.txt} (gzipped or not) and one is
   * there: then the pair is a table of a {@code mysqldump --tab} directory.
   */
  static Optional<Path> schemaOf(Path file) {
    String name = file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    String base;
    if (lower.endsWith(".txt")) {
      base = name.substring(0, name.length() - ".txt".length());
    } else if (lower.endsWith(".txt.gz")) {
      base = name.substring(0, name.length() - ".txt.gz".length());
    } else {
      return Optional.empty();
    }
    for (String extension : List.of(".sql", ".sql.gz")) {
      Path schema = file.resolveSibling(base + extension);
      if (Files.isRegularFile(schema)) {
        return Optional.of(schema);
      }
    }
    return Optional.empty();
  }

  /** Whether any of {@code files} is the data file of a {@code t.sql} + {@code t.txt} pair. */
  static boolean isLayout(List<Path> files) {
    return files.stream().anyMatch(file -> schemaOf(file).isPresent());
  }

  /** Splits a data file into rows as it streams. */
  static final class Rows {
    private final InputStream in;
    private final int maxRow;
    private long line = 1;

    Rows(InputStream in, int maxRow) {
      this.in = in;
      this.maxRow = maxRow;
    }

    /**
     * The next row, or null at the end.
     *
     * @throws CsvRecords.BadRecordException when a row is longer than the limit (it is skipped)
     */
    Row next() throws IOException {
      int c = read();
      if (c < 0) {
        return null;
      }
      long start = line;
      List<byte[]> values = new ArrayList<>();
      ByteArrayOutputStream value = new ByteArrayOutputStream();
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      // a field that is \N and nothing else is NULL; the text "\N" is written \\N
      boolean nullMarker = false;
      int size = 0;
      while (true) {
        if (c < 0 || c == '\n' || c == '\t') {
          values.add(nullMarker && value.size() == 1 ? null : value.toByteArray());
          value.reset();
          nullMarker = false;
          if (c != '\t') {
            return new Row(values, raw.toByteArray(), start);
          }
          raw.write(c);
        } else if (c == '\\') {
          int next = read();
          raw.write(c);
          if (next < 0) {
            value.write(c);
          } else {
            raw.write(next);
            nullMarker = next == 'N' && value.size() == 0;
            value.write(unescape(next));
          }
        } else {
          value.write(c);
          raw.write(c);
          nullMarker = false;
        }
        if (++size > maxRow) {
          skipRow();
          throw new CsvRecords.BadRecordException("longer than " + maxRow + " bytes", start);
        }
        c = read();
      }
    }

    /** What {@code LOAD DATA} reads a backslash and the byte {@code c} as. */
    private static int unescape(int c) {
      return switch (c) {
        case '0' -> 0;
        case 'b' -> '\b';
        case 'n' -> '\n';
        case 'r' -> '\r';
        case 't' -> '\t';
        case 'Z' -> 0x1a;
        default -> c; // \\, an escaped tab or line feed, and any other byte stand for it
      };
    }

    private void skipRow() throws IOException {
      int c;
      do {
        c = read();
        if (c == '\\') {
          c = read() < 0 ? -1 : 0;
        }
      } while (c >= 0 && c != '\n');
    }

    private int read() throws IOException {
      int c = in.read();
      if (c == '\n') {
        line++;
      }
      return c;
    }
  }
}
