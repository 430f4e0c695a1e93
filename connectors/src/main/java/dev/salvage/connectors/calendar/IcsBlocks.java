package dev.salvage.connectors.calendar;

import dev.salvage.connectors.io.ByteLineReader;
import dev.salvage.connectors.io.InputFiles;
import dev.salvage.connectors.io.TextDecoding;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Streams an iCalendar file as its top-level components (VEVENT, VTIMEZONE, ...), each with its
 * unfolded lines and the file line each starts on, plus the calendar's own properties. Only one
 * component is held at a time, and structural damage (a component never closed, a stray END) is
 * reported with its line instead of losing the rest of the file.
 */
final class IcsBlocks {
  /**
   * One top-level component: its name, its unfolded content lines with their file lines, and the
   * VCALENDAR it stood in, counted from 1 in file order; 0 when it stood in none (exports of single
   * events often leave the wrapper out). {@code badByteLines} are the file lines of its that are
   * UTF-8 but for a byte or a few, read with those replaced by U+FFFD.
   */
  record Block(
      String name,
      List<String> lines,
      List<Long> lineNumbers,
      int calendar,
      List<Long> badByteLines) {
    Block {
      lines = List.copyOf(lines);
      lineNumbers = List.copyOf(lineNumbers);
      badByteLines = List.copyOf(badByteLines);
    }

    boolean inCalendar() {
      return calendar > 0;
    }

    long firstLine() {
      return lineNumbers.get(0);
    }

    String text() {
      return String.join("\r\n", lines);
    }

    /** The value of the component's own property {@code name} (not a nested component's). */
    String property(String name) {
      return properties().stream()
          .filter(p -> p.content().name().equals(name))
          .map(p -> p.content().value())
          .findFirst()
          .orElse(null);
    }

    /**
     * The component without its nested components (a VEVENT's VALARMs): BEGIN, its own properties
     * and END, with their file lines. A missing END of a nested component closes it at the
     * component's END, as the scan does.
     */
    Block withoutNested() {
      List<String> own = new ArrayList<>();
      List<Long> ownLines = new ArrayList<>();
      Deque<String> open = new ArrayDeque<>();
      for (int i = 0; i < lines.size(); i++) {
        ContentLine content = ContentLine.parse(lines.get(i));
        String value = content.value().strip().toUpperCase(Locale.ROOT);
        boolean keep;
        if (content.name().equals("BEGIN")) {
          open.push(value);
          keep = open.size() == 1;
        } else if (content.name().equals("END") && open.contains(value)) {
          while (!open.pop().equals(value)) {
            // closing nested components left open
          }
          keep = open.isEmpty();
        } else {
          keep = open.size() == 1;
        }
        if (keep) {
          own.add(lines.get(i));
          ownLines.add(lineNumbers.get(i));
        }
      }
      return new Block(name, own, ownLines, calendar, badByteLines);
    }

    /**
     * The component's own content lines of property {@code name} (not those of nested components),
     * unfolded but otherwise as written: ical4j rewrites a TZID it knows an alias of (Europe/Oslo
     * becomes Europe/Berlin) and re-reads the time in its own rules of that zone.
     */
    List<String> propertyLines(String name) {
      return propertyLines().stream()
          .filter(line -> ContentLine.parse(line).name().equals(name))
          .toList();
    }

    /** All the component's own content lines (not those of nested components), as written. */
    List<String> propertyLines() {
      List<String> found = new ArrayList<>();
      int depth = 0;
      for (String line : lines) {
        String name = ContentLine.parse(line).name();
        if (name.equals("BEGIN")) {
          depth++;
        } else if (name.equals("END")) {
          depth--;
        } else if (depth == 1) {
          found.add(line);
        }
      }
      return found;
    }

    /** The component's own properties (not those of nested components) with their file lines. */
    List<LocatedLine> properties() {
      List<LocatedLine> properties = new ArrayList<>();
      int depth = 0;
      for (int i = 0; i < lines.size(); i++) {
        ContentLine content = ContentLine.parse(lines.get(i));
        if (content.name().equals("BEGIN")) {
          depth++;
        } else if (content.name().equals("END")) {
          depth--;
        } else if (depth == 1) {
          properties.add(new LocatedLine(content, lineNumbers.get(i)));
        }
      }
      return properties;
    }
  }

  /** A content line and the file line it starts on. */
  record LocatedLine(ContentLine content, long line) {}

  /** A content line split into upper-case name and raw value (parameters dropped). */
  record ContentLine(String name, String value) {
    static ContentLine parse(String line) {
      int colon = valueColon(line);
      if (colon < 0) {
        return new ContentLine(line.strip().toUpperCase(Locale.ROOT), "");
      }
      int nameEnd = colon;
      for (int i = 0; i < colon; i++) {
        if (line.charAt(i) == ';') {
          nameEnd = i;
          break;
        }
      }
      return new ContentLine(
          line.substring(0, nameEnd).strip().toUpperCase(Locale.ROOT), line.substring(colon + 1));
    }

    /**
     * The value of parameter {@code parameter} of a content line as written, without the quotes
     * around it (RFC 5545 3.2); null when the line has none.
     */
    static String parameter(String line, String parameter) {
      int colon = valueColon(line);
      int end = colon < 0 ? line.length() : colon;
      boolean quoted = false;
      int start = -1;
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < end; i++) {
        char c = line.charAt(i);
        if (c == '"') {
          quoted = !quoted;
        } else if (c == ';' && !quoted) {
          if (start >= 0) {
            parts.add(line.substring(start, i));
          }
          start = i + 1;
        }
      }
      if (start >= 0) {
        parts.add(line.substring(start, end));
      }
      for (String part : parts) {
        int equals = part.indexOf('=');
        if (equals > 0 && part.substring(0, equals).strip().equalsIgnoreCase(parameter)) {
          String value = part.substring(equals + 1).strip();
          return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
              ? value.substring(1, value.length() - 1)
              : value;
        }
      }
      return null;
    }

    /** The index of the colon before the value (not one inside a quoted parameter), else -1. */
    static int valueColon(String line) {
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '"') {
          quoted = !quoted;
        } else if (c == ':' && !quoted) {
          return i;
        }
      }
      return -1;
    }
  }

  /** What the scan finds, in file order. */
  interface Visitor {
    void calendarProperty(ContentLine property);

    void block(Block block);

    /** A part of the file that cannot be read as a component. */
    void damaged(long line, String reason, String excerpt);

    /**
     * The file ends, at {@code lastLine}, inside the VCALENDAR begun at {@code beginLine}: it has
     * no END:VCALENDAR, so it was cut short and whatever followed is missing.
     */
    void cutShort(long beginLine, long lastLine);
  }

  private static final Set<String> TOP_LEVEL =
      Set.of("VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE", "VAVAILABILITY");
  private static final int MAX_BLOCK_CHARS = 8 << 20;

  private IcsBlocks() {}

  /** Scans {@code file}; returns whether it holds a VCALENDAR at all. */
  static boolean scan(Path file, Visitor visitor) throws IOException {
    try (ByteLineReader reader = new ByteLineReader(open(file), MAX_BLOCK_CHARS)) {
      return new Scan(visitor).run(reader);
    }
  }

  private static final byte[] UTF_16_LE = {(byte) 0xFF, (byte) 0xFE};
  private static final byte[] UTF_16_BE = {(byte) 0xFE, (byte) 0xFF};
  private static final long MAX_UTF_16_BYTES = 256L << 20;

  /**
   * The file's bytes as lines of UTF-8 text: a file saved as UTF-16 (its byte-order mark says so:
   * Windows tools write them) is converted, and a lone CR (classic Mac line ends) ends a line as
   * CRLF and LF do. Read as they are, either gave one unreadable line and the whole file was
   * quarantined as holding no calendar.
   */
  private static InputStream open(Path file) throws IOException {
    InputStream opened = InputFiles.open(file);
    InputStream in = opened.markSupported() ? opened : new BufferedInputStream(opened);
    Charset utf16 =
        InputFiles.startsWith(in, UTF_16_LE)
            ? StandardCharsets.UTF_16LE
            : InputFiles.startsWith(in, UTF_16_BE) ? StandardCharsets.UTF_16BE : null;
    if (utf16 != null) {
      try (in) {
        in.skipNBytes(2);
        byte[] bytes = in.readNBytes((int) Math.min(MAX_UTF_16_BYTES, Integer.MAX_VALUE - 8));
        if (in.read() >= 0) {
          throw new IOException(
              "Cannot read "
                  + file
                  + ": a UTF-16 calendar larger than 256 MB; convert it to UTF-8");
        }
        return new ByteArrayInputStream(new String(bytes, utf16).getBytes(StandardCharsets.UTF_8));
      }
    }
    return new LoneCarriageReturns(in);
  }

  /** Passes bytes on, turning a CR not followed by LF into LF. */
  private static final class LoneCarriageReturns extends FilterInputStream {
    private int pending = -1;

    LoneCarriageReturns(InputStream in) {
      super(new BufferedInputStream(in));
    }

    @Override
    public int read() throws IOException {
      int b;
      if (pending >= 0) {
        b = pending;
        pending = -1;
      } else {
        b = in.read();
      }
      if (b != '\r') {
        return b;
      }
      int next = in.read();
      if (next == '\n') {
        pending = next;
        return '\r'; // CRLF stays as it is
      }
      pending = next; // -1 at the end: nothing pending
      return '\n';
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      int count = 0;
      while (count < length) {
        int b = read();
        if (b < 0) {
          return count == 0 ? -1 : count;
        }
        buffer[offset + count++] = (byte) b;
      }
      return count;
    }
  }

  private static final class Scan {
    private final Visitor visitor;
    private boolean sawCalendar;
    private boolean inCalendar;
    private long calendarLine;
    private long lastLine;
    private int calendars;
    private String blockName;
    private int blockCalendar;
    private final List<String> lines = new ArrayList<>();
    private final List<Long> lineNumbers = new ArrayList<>();
    private final List<Long> badByteLines = new ArrayList<>();

    /** The file line just decoded, when it held bytes that are not UTF-8 and were replaced. */
    private long badByteLine = -1;

    private final Deque<String> nesting = new ArrayDeque<>();
    private long blockChars;

    Scan(Visitor visitor) {
      this.visitor = visitor;
    }

    /**
     * Unfolds the physical lines as bytes and decodes each logical line whole: writers that fold at
     * 75 octets may cut a UTF-8 character in two.
     */
    boolean run(ByteLineReader reader) throws IOException {
      ByteArrayOutputStream logical = null;
      long logicalLine = 0;
      for (ByteLineReader.Line physical = reader.next();
          physical != null;
          physical = reader.next()) {
        byte[] bytes = physical.bytes();
        int length = physical.contentLength();
        boolean continuation = length > 0 && (bytes[0] == ' ' || bytes[0] == '\t');
        if (continuation && logical != null) {
          if (logical.size() < MAX_BLOCK_CHARS) {
            logical.write(bytes, 1, length - 1);
          }
          continue;
        }
        if (logical != null) {
          line(decode(logical, logicalLine), logicalLine);
        }
        logical = new ByteArrayOutputStream(Math.max(length, 16));
        int start = physical.number() == 1 && startsWithByteOrderMark(bytes, length) ? 3 : 0;
        logical.write(bytes, start, length - start);
        logicalLine = physical.number();
      }
      if (logical != null) {
        line(decode(logical, logicalLine), logicalLine);
      }
      if (blockName != null) {
        unclosed("the end of the file");
      }
      if (inCalendar) {
        visitor.cutShort(calendarLine, lastLine);
      }
      return sawCalendar;
    }

    private static boolean startsWithByteOrderMark(byte[] bytes, int length) {
      return length >= 3
          && bytes[0] == (byte) 0xEF
          && bytes[1] == (byte) 0xBB
          && bytes[2] == (byte) 0xBF;
    }

    /**
     * UTF-8 as RFC 5545 says, or windows-1252 from writers that ignore it. A UTF-8 line with a bad
     * byte or two is read as UTF-8 with those replaced (and the line remembered, for the event's
     * {@code _notes}): read whole as windows-1252, each of its valid accents became two symbols.
     */
    private String decode(ByteArrayOutputStream line, long number) {
      byte[] bytes = line.toByteArray();
      var damaged = TextDecoding.utf8WithFewBadBytes(bytes, 0, bytes.length);
      if (damaged.isPresent()) {
        badByteLine = number;
        return damaged.get();
      }
      return TextDecoding.decode(bytes, StandardCharsets.UTF_8);
    }

    private void line(String text, long number) {
      if (text.isBlank()) {
        return;
      }
      lastLine = number;
      ContentLine content = ContentLine.parse(text);
      String value = content.value().strip().toUpperCase(Locale.ROOT);
      if (content.name().equals("BEGIN")) {
        begin(value, text, number);
      } else if (content.name().equals("END")) {
        end(value, text, number);
      } else if (blockName != null) {
        add(text, number);
      } else if (inCalendar) {
        visitor.calendarProperty(content);
      }
    }

    private void begin(String name, String text, long number) {
      if (blockName == null && name.equals("VCALENDAR")) {
        openCalendar(number);
        return;
      }
      if (blockName != null && (TOP_LEVEL.contains(name) || name.equals("VCALENDAR"))) {
        unclosed("BEGIN:" + name + " at line " + number);
      }
      if (name.equals("VCALENDAR")) {
        openCalendar(number);
        return;
      }
      if (blockName == null) {
        blockName = name;
        blockCalendar = inCalendar ? calendars : 0;
      }
      nesting.push(name);
      add(text, number);
    }

    private void openCalendar(long number) {
      sawCalendar = true;
      inCalendar = true;
      calendarLine = number;
      calendars++;
    }

    private void end(String name, String text, long number) {
      if (blockName == null) {
        if (name.equals("VCALENDAR")) {
          inCalendar = false;
        } else {
          visitor.damaged(number, "END:" + name + " without a matching BEGIN", text);
        }
        return;
      }
      if (name.equals("VCALENDAR")) {
        unclosed("END:VCALENDAR at line " + number);
        inCalendar = false;
        return;
      }
      add(text, number);
      // tolerate a missing END of a nested component: close up to the matching BEGIN
      if (nesting.contains(name)) {
        while (!nesting.pop().equals(name)) {
          // popping the unclosed nested components
        }
      }
      if (nesting.isEmpty()) {
        if (blockChars > MAX_BLOCK_CHARS) {
          visitor.damaged(
              lineNumbers.get(0),
              blockName + " is larger than " + MAX_BLOCK_CHARS + " characters",
              lines.get(0));
        } else {
          visitor.block(new Block(blockName, lines, lineNumbers, blockCalendar, badByteLines));
        }
        reset();
      }
    }

    private void add(String text, long number) {
      if (number == badByteLine && !badByteLines.contains(number)) {
        badByteLines.add(number);
      }
      blockChars += text.length();
      if (blockChars <= MAX_BLOCK_CHARS) {
        lines.add(text);
        lineNumbers.add(number);
      }
    }

    private void unclosed(String before) {
      visitor.damaged(
          lineNumbers.get(0),
          "BEGIN:"
              + blockName
              + " at line "
              + lineNumbers.get(0)
              + " is not closed before "
              + before,
          String.join("\n", lines));
      reset();
    }

    private void reset() {
      blockName = null;
      lines.clear();
      lineNumbers.clear();
      badByteLines.clear();
      nesting.clear();
      blockChars = 0;
    }
  }
}
