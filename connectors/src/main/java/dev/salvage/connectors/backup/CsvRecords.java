package dev.salvage.connectors.backup;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 CSV into records as it streams: quoted fields may hold separators, doubled quotes
 * and line breaks; each field remembers whether it was quoted, which is how PostgreSQL's CSV tells
 * an empty string ({@code ""}) from NULL (nothing).
 */
final class CsvRecords {
  /** One field as written. */
  record Field(String text, boolean quoted) {}

  /** One record and the line it starts on. */
  record Record(List<Field> fields, long line) {}

  /** A record that cannot be read; reading goes on after it. */
  static final class BadRecordException extends IOException {
    final long line;

    BadRecordException(String message, long line) {
      super(message);
      this.line = line;
    }
  }

  private final Reader in;
  private final char separator;
  private final int maxRecord;
  private final char[] buffer = new char[1 << 16];
  private int position;
  private int limit;
  private long line = 1;
  private boolean begun;

  CsvRecords(Reader in, char separator, int maxRecord) {
    this.in = in;
    this.separator = separator;
    this.maxRecord = maxRecord;
  }

  /** The next record, or null at the end of the input. */
  Record next() throws IOException {
    int c = read();
    if (c == '\uFEFF' && line == 1 && !begun) {
      // a byte order mark is no part of the first field: before a quote, it made the quote text
      c = read();
    }
    begun = true;
    while (c == '\n' || c == '\r') { // blank lines hold no record
      c = read();
    }
    if (c < 0) {
      return null;
    }
    long start = line;
    List<Field> fields = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int size = 0;
    while (true) {
      boolean quoted = false;
      text.setLength(0);
      if (c == '"') {
        quoted = true;
        while (true) {
          c = read();
          if (c < 0) {
            throw new BadRecordException("a quoted field is not closed before the end", start);
          }
          if (c == '"') {
            c = read();
            if (c != '"') {
              break;
            }
          }
          text.append((char) c);
          if (++size > maxRecord) {
            skipLine();
            throw new BadRecordException("longer than " + maxRecord + " characters", start);
          }
        }
      }
      while (c >= 0 && c != separator && c != '\n' && c != '\r') {
        text.append((char) c); // text after a closing quote is kept, as lenient readers do
        if (++size > maxRecord) {
          skipLine();
          throw new BadRecordException("longer than " + maxRecord + " characters", start);
        }
        c = read();
      }
      fields.add(new Field(text.toString(), quoted));
      if (c == separator) {
        c = read();
        continue;
      }
      if (c == '\r') {
        c = peek() == '\n' ? read() : c;
      }
      return new Record(fields, start);
    }
  }

  private void skipLine() throws IOException {
    int c;
    do {
      c = read();
    } while (c >= 0 && c != '\n');
  }

  private int read() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    char c = buffer[position++];
    if (c == '\n') {
      line++;
    }
    return c;
  }

  private int peek() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    return buffer[position];
  }

  private boolean fill() throws IOException {
    limit = Math.max(0, in.read(buffer, 0, buffer.length));
    position = 0;
    return limit > 0;
  }
}
