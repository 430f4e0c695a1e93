package dev.salvage.connectors.backup;

import dev.salvage.connectors.ExcelSeparatorLine;
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

  /**
   * One record, the line it starts on and the line it ends on.
   *
   * @param swallowed when a quoted field holds a line break: the text after the record's first line
   *     (the lines a stray quote would have swallowed, to read again with {@link #reread}); else
   *     null
   */
  record Record(List<Field> fields, long line, long end, String swallowed) {
    /**
     * Whether this record looks like rows swallowed by a quote that was never meant to open a
     * field: a quoted field spans lines, and the record then has the wrong number of fields, or one
     * of the lines inside it (but the last, where the record's own fields resume) holds exactly the
     * separators of a row. A notes field with a line break in it has neither.
     */
    boolean swallowsRows(int columns, char separator) {
      if (swallowed == null) {
        return false;
      }
      if (fields.size() != columns) {
        return true;
      }
      if (columns < 3) {
        return false; // a note's line holding one separator is no sign of a row
      }
      String[] lines = swallowed.split("\r?\n|\r", -1);
      int last = (int) (end - line); // the line the record ends on: its own fields follow there
      for (int i = 0; i < Math.min(last, lines.length) - 1; i++) {
        if (lines[i].chars().filter(c -> c == separator).count() == columns - 1) {
          return true;
        }
      }
      return false;
    }
  }

  /** A record that cannot be read; reading goes on after it. */
  static final class BadRecordException extends IOException {
    final long line;

    BadRecordException(String message, long line) {
      super(message);
      this.line = line;
    }
  }

  private final Reader in;
  private char separator;
  private final int maxRecord;
  private final char[] buffer = new char[1 << 16];
  private int position;
  private int limit;
  private long line = 1;
  private boolean begun;
  // the text of the record's lines after its first, kept once a quoted field spans a line break
  private StringBuilder capture;
  // text given back by reread, read before the rest of the input
  private String pending = "";
  private int pendingAt;

  CsvRecords(Reader in, char separator, int maxRecord) {
    this.in = in;
    this.separator = separator;
    this.maxRecord = maxRecord;
  }

  /**
   * The field separator: the one given, or the one the file's first line declares as Excel reads it
   * ({@code sep=;}), known once the first record is read.
   */
  char separator() {
    return separator;
  }

  /** The next record, or null at the end of the input. */
  Record next() throws IOException {
    int c = read();
    boolean first = !begun;
    if (c == '\uFEFF' && line == 1 && !begun) {
      // a byte order mark is no part of the first field: before a quote, it made the quote text
      c = read();
    }
    begun = true;
    if (first) {
      c = skipSeparatorLine(c);
    }
    while (c == '\n' || c == '\r') { // blank lines hold no record
      c = read();
    }
    if (c < 0) {
      return null;
    }
    long start = line;
    capture = null;
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
          if (c == '\n' && capture == null) {
            capture = new StringBuilder();
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
      long end = c == '\n' ? line - 1 : line;
      String swallowed = capture == null ? null : capture.toString();
      capture = null;
      return new Record(fields, start, end, swallowed);
    }
  }

  /**
   * Reads the lines of {@code record} after its first again, as records of their own: its first
   * line opened a quote that swallowed them ({@link Record#swallowsRows}).
   */
  void reread(Record record) {
    pending = record.swallowed() + pending.substring(pendingAt);
    pendingAt = 0;
    line = record.line() + 1;
  }

  private static final int MAX_SEPARATOR_LINE = 1024;

  /**
   * Reads Excel's first line {@code sep=;} (also quoted, or with the separator repeated as a sheet
   * saved with it in its first cell writes it: {@code sep=;;;}), which names the file's separator
   * and is no header: the separator is taken from it and the first character after the line is
   * returned. Any other first line is given back whole, {@code c} first.
   */
  private int skipSeparatorLine(int c) throws IOException {
    if (c < 0 || c == '\n' || c == '\r') {
      return c;
    }
    StringBuilder first = new StringBuilder();
    int next = c;
    while (next >= 0 && next != '\n' && next != '\r' && first.length() < MAX_SEPARATOR_LINE) {
      first.append((char) next);
      next = read();
    }
    String text = first.toString();
    Character declared = ExcelSeparatorLine.declared(text).orElse(null);
    if (declared == null) {
      if (next == '\n') {
        line--; // read again from the pending text, where it is counted once more
      }
      String back = next < 0 ? text : text + (char) next;
      pending = back.substring(1) + pending.substring(pendingAt);
      pendingAt = 0;
      return c;
    }
    separator = declared;
    if (next == '\r' && peek() == '\n') {
      read();
    }
    return read();
  }

  private void skipLine() throws IOException {
    int c;
    do {
      c = read();
    } while (c >= 0 && c != '\n');
  }

  private int read() throws IOException {
    char c;
    if (pendingAt < pending.length()) {
      c = pending.charAt(pendingAt++);
    } else if (position == limit && !fill()) {
      return -1;
    } else {
      c = buffer[position++];
    }
    if (c == '\n') {
      line++;
    }
    if (capture != null) {
      capture.append(c);
    }
    return c;
  }

  private int peek() throws IOException {
    if (pendingAt < pending.length()) {
      return pending.charAt(pendingAt);
    }
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
