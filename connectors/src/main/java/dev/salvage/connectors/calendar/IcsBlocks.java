package dev.salvage.connectors.calendar;

import static java.util.Objects.requireNonNull;

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
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
   * UTF-8 but for a byte or a few, read with those replaced by U+FFFD. {@code lostFolds} are its
   * lines that start no property (see {@link LostFold}). {@code cutValues} are its content lines
   * longer than {@link #MAX_VALUE_CHARS}, held cut to that length.
   */
  record Block(
      String name,
      List<String> lines,
      List<Long> lineNumbers,
      int calendar,
      List<Long> badByteLines,
      List<LostFold> lostFolds,
      List<CutValue> cutValues) {
    Block {
      requireNonNull(name, "name");
      lines = List.copyOf(lines);
      lineNumbers = List.copyOf(lineNumbers);
      badByteLines = List.copyOf(badByteLines);
      lostFolds = List.copyOf(lostFolds);
      cutValues = List.copyOf(cutValues);
    }

    Block(
        String name,
        List<String> lines,
        List<Long> lineNumbers,
        int calendar,
        List<Long> badByteLines) {
      this(name, lines, lineNumbers, calendar, badByteLines, List.of(), List.of());
    }

    /** The component without its content lines that start on the file lines {@code drop}. */
    Block withoutLines(Set<Long> drop) {
      List<String> kept = new ArrayList<>();
      List<Long> keptLines = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        if (!drop.contains(lineNumbers.get(i))) {
          kept.add(lines.get(i));
          keptLines.add(lineNumbers.get(i));
        }
      }
      return new Block(name, kept, keptLines, calendar, badByteLines, lostFolds, cutValues);
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
      return new Block(name, own, ownLines, calendar, badByteLines, lostFolds, cutValues);
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

  /**
   * A line inside a VEVENT that does not start a property: most likely a folded line (RFC 5545 3.1)
   * whose leading space was lost, which read as a line of its own lost its text (a description cut
   * short) or, without a colon, garbled the property after it (its UID). When {@code why} says why
   * it cannot be a property (no colon; no property name and parameters before its colon; a name
   * iCalendar does not define after a line as long as writers fold at), it was read as the
   * continuation of the content line starting on file line {@code previous}; when {@code why} is
   * empty it reads {@code name:...} with a name iCalendar does not define, and either reading would
   * be a guess.
   */
  record LostFold(long line, long previous, String name, String why, String excerpt) {
    LostFold {
      requireNonNull(name, "name");
      requireNonNull(why, "why");
      requireNonNull(excerpt, "excerpt");
    }

    /** Whether the line was read as the continuation of the one before it. */
    boolean joined() {
      return !why.isEmpty();
    }
  }

  /**
   * The properties RFC 5545 and its extensions (RFC 7986, 7953, 9073, 9074, 9253) define, and those
   * of vCalendar 1.0: a line inside an event named otherwise (and not X-) is taken for a folded
   * line that lost its leading space.
   */
  private static final Set<String> PROPERTY_NAMES =
      Set.of(
          "BEGIN",
          "END",
          "CALSCALE",
          "METHOD",
          "PRODID",
          "VERSION",
          "ATTACH",
          "CATEGORIES",
          "CLASS",
          "COMMENT",
          "DESCRIPTION",
          "GEO",
          "LOCATION",
          "PERCENT-COMPLETE",
          "PRIORITY",
          "RESOURCES",
          "STATUS",
          "SUMMARY",
          "COMPLETED",
          "DTEND",
          "DUE",
          "DTSTART",
          "DURATION",
          "FREEBUSY",
          "TRANSP",
          "TZID",
          "TZNAME",
          "TZOFFSETFROM",
          "TZOFFSETTO",
          "TZURL",
          "TZUNTIL",
          "TZID-ALIAS-OF",
          "ATTENDEE",
          "CONTACT",
          "ORGANIZER",
          "RECURRENCE-ID",
          "RELATED-TO",
          "URL",
          "UID",
          "EXDATE",
          "EXRULE",
          "RDATE",
          "RRULE",
          "ACTION",
          "REPEAT",
          "TRIGGER",
          "CREATED",
          "DTSTAMP",
          "LAST-MODIFIED",
          "SEQUENCE",
          "REQUEST-STATUS",
          "NAME",
          "REFRESH-INTERVAL",
          "SOURCE",
          "COLOR",
          "IMAGE",
          "CONFERENCE",
          "BUSYTYPE",
          "LOCATION-TYPE",
          "PARTICIPANT-TYPE",
          "RESOURCE-TYPE",
          "CALENDAR-ADDRESS",
          "STYLED-DESCRIPTION",
          "STRUCTURED-DATA",
          "ACKNOWLEDGED",
          "PROXIMITY",
          "LINK",
          "CONCEPT",
          "REFID",
          "ESTIMATED-DURATION",
          "AALARM",
          "DALARM",
          "MALARM",
          "PALARM",
          "DCREATED",
          "RNUM",
          "TZ",
          "DAYLIGHT");

  /**
   * Why an unfolded line inside an event starts no property, read as bytes (names and parameter
   * names are ASCII): the empty string when it could start one but iCalendar defines no property of
   * its name (and it is no X- name), null when it starts one. A known name before a semicolon or
   * colon starts a property even when its parameters are not well written.
   */
  private static String notAProperty(byte[] bytes, int length) {
    int colon = 0;
    while (colon < length && bytes[colon] != ':') {
      colon++;
    }
    if (colon == length) {
      return "it has no colon";
    }
    int i = 0;
    while (i < length && isNameByte(bytes[i])) {
      i++;
    }
    if (i == 0 || (bytes[i] != ';' && bytes[i] != ':')) {
      return "what comes before its colon is not a property name";
    }
    String name = new String(bytes, 0, i, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
    if (name.startsWith("X-") || PROPERTY_NAMES.contains(name)) {
      return null;
    }
    return parametersEnd(bytes, i, length) < 0
        ? "what comes before its colon is not a property name and parameters"
        : "";
  }

  /**
   * The index of the colon after the parameters starting at {@code i} ({@code *(";" param-name "="
   * param-value *("," param-value))}, RFC 5545 3.1), or -1 when they are not parameters.
   */
  private static int parametersEnd(byte[] bytes, int i, int length) {
    while (i < length && bytes[i] == ';') {
      int parameter = ++i;
      while (i < length && isNameByte(bytes[i])) {
        i++;
      }
      if (i == parameter || i == length || bytes[i] != '=') {
        return -1;
      }
      do {
        i++;
        if (i < length && bytes[i] == '"') {
          i++;
          while (i < length && bytes[i] != '"' && !isControl(bytes[i])) {
            i++;
          }
          if (i == length || bytes[i] != '"') {
            return -1;
          }
          i++;
        } else {
          while (i < length
              && bytes[i] != ';'
              && bytes[i] != ':'
              && bytes[i] != ','
              && bytes[i] != '"'
              && !isControl(bytes[i])) {
            i++;
          }
        }
      } while (i < length && bytes[i] == ',');
    }
    return i < length && bytes[i] == ':' ? i : -1;
  }

  private static boolean isNameByte(byte b) {
    return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-';
  }

  private static boolean isControl(byte b) {
    return (b >= 0 && b < 0x20 && b != '\t') || b == 0x7F;
  }

  /**
   * A content line longer than {@link #MAX_VALUE_CHARS} (a 10 MB DESCRIPTION pasted into a
   * booking), held cut to its first {@code kept} characters: property {@code name}, starting on
   * file line {@code line}, was {@code bytes} bytes long unfolded.
   */
  record CutValue(long line, String name, long bytes, int kept) {
    CutValue {
      requireNonNull(name, "name");
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

    private static final Pattern URI_START = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://");

    /**
     * The line with each unquoted parameter value that is a URI put in quotes: Exchange writes
     * {@code DTSTART;TZID=tzone://Microsoft/Utc:20260316T090000}, whose first colon is not the one
     * before the value, and read so every such time was {@code //Microsoft/Utc:20260316T090000}.
     * RFC 5545 (3.1) wants a parameter value holding a colon quoted; nothing else changes.
     */
    static String quoteUriParameters(String line) {
      int semicolon = line.indexOf(';');
      if (semicolon < 0 || !line.contains("://") || semicolon > valueColon(line)) {
        return line;
      }
      StringBuilder quoted = new StringBuilder(line.length() + 4);
      boolean inQuotes = false;
      int i = 0;
      while (i < line.length()) {
        char c = line.charAt(i);
        if (c == '"') {
          inQuotes = !inQuotes;
        } else if (!inQuotes && c == ':') {
          return quoted.append(line, i, line.length()).toString();
        } else if (!inQuotes && (c == '=' || c == ',')) {
          Matcher uri = URI_START.matcher(line).region(i + 1, line.length());
          if (uri.lookingAt()) {
            int end = uri.end();
            while (end < line.length() && ";,:\"".indexOf(line.charAt(end)) < 0
                || isPort(line, end, uri.end())) {
              end++;
            }
            quoted.append(c).append('"').append(line, i + 1, end).append('"');
            i = end;
            continue;
          }
        }
        quoted.append(c);
        i++;
      }
      return line;
    }

    /**
     * Whether the colon at {@code at} starts the port of the URI whose authority begins at {@code
     * authority} ({@code ALTREP=http://host:8080/d.html}): in the authority (no '/' since), with
     * 1-5 digits after it and then a character that may follow a port. A value's colon is followed
     * by a date or a time, longer, or by digits that end the line.
     */
    private static boolean isPort(String line, int at, int authority) {
      int path = line.indexOf('/', authority);
      if (at >= line.length() || line.charAt(at) != ':' || (path >= 0 && path < at)) {
        return false;
      }
      int digits = at + 1;
      while (digits < line.length() && digits - at <= 6 && Character.isDigit(line.charAt(digits))) {
        digits++;
      }
      int count = digits - at - 1;
      return count >= 1
          && count <= 5
          && digits < line.length()
          && "/;,:\"?#".indexOf(line.charAt(digits)) >= 0;
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
     * no END:VCALENDAR, so it was cut short and whatever followed is missing. {@code
     * completeEvents} VEVENTs of the file were closed by their END; {@code ending} says where in
     * its last component the file ends ("right after a complete VEVENT (END:VEVENT at line 9)"), so
     * the operator can judge whether anything was lost.
     */
    void cutShort(long beginLine, long lastLine, int completeEvents, String ending);
  }

  private static final Set<String> TOP_LEVEL =
      Set.of("VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE", "VAVAILABILITY");
  private static final int MAX_BLOCK_CHARS = 8 << 20;

  /**
   * The longest content line held, in characters, as mail keeps its longest text by default
   * (max_text_chars): a longer value is cut there and its event read, with a note, where the whole
   * event was quarantined as too large and the booking lost its calendar evidence.
   */
  static final int MAX_VALUE_CHARS = 1_000_000;

  // a character is at most 4 bytes of UTF-8: enough bytes to decode the characters kept
  private static final int MAX_VALUE_BYTES = 4 * MAX_VALUE_CHARS;

  private IcsBlocks() {}

  /** Scans {@code file}; returns whether it holds a VCALENDAR at all. */
  static boolean scan(Path file, Visitor visitor) throws IOException {
    try (ByteLineReader reader = new ByteLineReader(open(file), MAX_BLOCK_CHARS)) {
      return new Scan(visitor).run(reader);
    }
  }

  /**
   * Scans a calendar held in memory as UTF-8 (a mail's text/calendar part, already decoded from its
   * transfer encoding and charset); returns whether it holds a VCALENDAR at all.
   */
  static boolean scan(byte[] utf8, Visitor visitor) throws IOException {
    try (ByteLineReader reader =
        new ByteLineReader(
            new LoneCarriageReturns(new ByteArrayInputStream(utf8)), MAX_BLOCK_CHARS)) {
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
    private final List<LostFold> lostFolds = new ArrayList<>();
    private final List<CutValue> cutValues = new ArrayList<>();

    /** The VEVENTs closed by their END, and the name and END line of the last component closed. */
    private int completeEvents;

    private String lastClosed;
    private long lastClosedLine;

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
      // the unfolded line's length in bytes, those not held included
      long logicalBytes = 0;
      int before = 0;
      int previousLength = 0;
      for (ByteLineReader.Line physical = reader.next();
          physical != null;
          physical = reader.next()) {
        byte[] bytes = physical.bytes();
        int length = physical.contentLength();
        // a line longer than the reader's limit was cut by it: its length is where the next starts
        long whole = physical.truncated() ? reader.offset() - physical.offset() : length;
        boolean continuation = length > 0 && (bytes[0] == ' ' || bytes[0] == '\t');
        if (continuation && logical != null) {
          logicalBytes += whole - 1;
          hold(logical, bytes, 1, length - 1);
          previousLength = length;
          continue;
        }
        if (logical != null) {
          logical(logical, logicalLine, before, logicalBytes);
        }
        logical = new ByteArrayOutputStream(Math.min(Math.max(length, 16), MAX_VALUE_BYTES));
        int start = physical.number() == 1 && startsWithByteOrderMark(bytes, length) ? 3 : 0;
        hold(logical, bytes, start, length - start);
        logicalBytes = whole - start;
        logicalLine = physical.number();
        before = previousLength;
        previousLength = length;
      }
      if (logical != null) {
        logical(logical, logicalLine, before, logicalBytes);
      }
      if (held != null) {
        line(decode(held, heldLine, heldBytes), heldLine);
      }
      String ending;
      if (blockName != null) {
        ending =
            "inside the "
                + blockName
                + " begun at line "
                + lineNumbers.get(0)
                + ", which is quarantined as not closed";
        unclosed("the end of the file");
      } else if (lastClosedLine == lastLine && lastClosed != null) {
        ending =
            "right after a complete "
                + lastClosed
                + " (END:"
                + lastClosed
                + " at line "
                + lastLine
                + ")";
      } else {
        ending =
            "after the VCALENDAR's own properties"
                + (lastClosed == null
                    ? ""
                    : ", past its last complete "
                        + lastClosed
                        + " (ending at line "
                        + lastClosedLine
                        + ")");
      }
      if (inCalendar) {
        visitor.cutShort(calendarLine, lastLine, completeEvents, ending);
      }
      return sawCalendar;
    }

    /** Appends bytes to an unfolded line up to the bytes held of one; the rest is cut. */
    private static void hold(ByteArrayOutputStream line, byte[] bytes, int offset, int length) {
      int room = MAX_VALUE_BYTES - line.size();
      if (room > 0) {
        line.write(bytes, offset, Math.min(length, room));
      }
    }

    /** The unfolded line before the one being read, held back in case that one continues it. */
    private ByteArrayOutputStream held;

    private long heldLine;

    /** The held line's length in bytes, those not held included. */
    private long heldBytes;

    /** Whether the held line is a property's (not BEGIN or END, not blank). */
    private boolean heldIsProperty;

    /**
     * Takes an unfolded line, starting on file line {@code number} after a physical line {@code
     * before} bytes long. A line inside a VEVENT that cannot start a property is read as the
     * continuation of the property line before it, whose folding space it lost; one that could be
     * an undefined property is remembered for the event to be quarantined (see {@link LostFold}).
     * Decided on whole unfolded lines: a property's colon may come after a fold.
     */
    private void logical(ByteArrayOutputStream logical, long number, int before, long total) {
      byte[] bytes = logical.toByteArray();
      if (held != null && heldIsProperty && "VEVENT".equals(blockName) && bytes.length > 0) {
        String why = notAProperty(bytes, bytes.length);
        if (why != null) {
          String excerpt = excerpt(bytes);
          String name = ContentLine.parse(excerpt).name();
          if (why.isEmpty() && before >= 72 && before <= 75) {
            why =
                "iCalendar defines no property "
                    + name
                    + ", and the line before it is "
                    + before
                    + " bytes long, where writers fold lines (at 75)";
          }
          lostFolds.add(new LostFold(number, heldLine, name, why, excerpt));
          if (!why.isEmpty()) {
            // the folding space RFC 5545 unfolding removes is the one that was lost
            hold(held, bytes, 0, bytes.length);
            heldBytes += total;
            return;
          }
        }
      }
      if (held != null) {
        line(decode(held, heldLine, heldBytes), heldLine);
      }
      held = logical;
      heldLine = number;
      heldBytes = total;
      heldIsProperty = bytes.length > 0 && !startsBlockLine(bytes);
    }

    /** Whether an unfolded line is a BEGIN or END line, which no line continues. */
    private static boolean startsBlockLine(byte[] bytes) {
      String head =
          new String(bytes, 0, Math.min(bytes.length, 6), StandardCharsets.ISO_8859_1)
              .toUpperCase(Locale.ROOT);
      return head.startsWith("BEGIN:") || head.startsWith("END:");
    }

    /** The start of an unfolded line, for a note. */
    private static String excerpt(byte[] bytes) {
      String text = new String(bytes, StandardCharsets.UTF_8);
      return text.length() > 60 ? text.substring(0, 60) + "..." : text;
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
    private String decode(ByteArrayOutputStream line, long number, long total) {
      byte[] bytes = line.toByteArray();
      if (total > bytes.length) {
        // cut where a character may have been cut in two: its first bytes are no bad bytes
        bytes = Arrays.copyOf(bytes, wholeUtf8Characters(bytes));
      }
      String text;
      var damaged = TextDecoding.utf8WithFewBadBytes(bytes, 0, bytes.length);
      if (damaged.isPresent()) {
        badByteLine = number;
        text = damaged.get();
      } else {
        text = TextDecoding.decode(bytes, StandardCharsets.UTF_8);
      }
      if (total > bytes.length || text.length() > MAX_VALUE_CHARS) {
        int end = Math.min(text.length(), MAX_VALUE_CHARS);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
          end--;
        }
        text = text.substring(0, end);
        cutValue = new CutValue(number, ContentLine.parse(text).name(), total, end);
      }
      return text;
    }

    /** The length of {@code bytes} without a UTF-8 character cut short at their end. */
    private static int wholeUtf8Characters(byte[] bytes) {
      int lead = bytes.length - 1;
      while (lead >= 0 && bytes.length - lead < 4 && (bytes[lead] & 0xC0) == 0x80) {
        lead--;
      }
      if (lead < 0) {
        return bytes.length;
      }
      int first = bytes[lead] & 0xFF;
      int needed = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
      return bytes.length - lead < needed ? lead : bytes.length;
    }

    /** The content line just decoded, when it was cut to {@link #MAX_VALUE_CHARS}. */
    private CutValue cutValue;

    /** The current component's UID and SUMMARY lines, for the reason when it is too large. */
    private final List<String> identifying = new ArrayList<>();

    private void line(String unquoted, long number) {
      if (unquoted.isBlank()) {
        return;
      }
      String text = ContentLine.quoteUriParameters(unquoted);
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
        lastClosed = blockName;
        lastClosedLine = number;
        if (blockName.equals("VEVENT")) {
          completeEvents++;
        }
        if (blockChars > MAX_BLOCK_CHARS) {
          List<String> excerpt = new ArrayList<>();
          excerpt.add(lines.get(0));
          excerpt.addAll(identifying);
          visitor.damaged(
              lineNumbers.get(0),
              blockName
                  + " at line "
                  + lineNumbers.get(0)
                  + (identifying.isEmpty()
                      ? ""
                      : " (" + String.join(", ", identifying).replace("\r\n", " ") + ")")
                  + " is larger than "
                  + MAX_BLOCK_CHARS
                  + " characters even with each property value cut to its first "
                  + MAX_VALUE_CHARS
                  + ": it is not read",
              String.join("\n", excerpt));
        } else {
          visitor.block(
              new Block(
                  blockName,
                  lines,
                  lineNumbers,
                  blockCalendar,
                  badByteLines,
                  lostFolds,
                  cutValues));
        }
        reset();
      }
    }

    private void add(String text, long number) {
      if (number == badByteLine && !badByteLines.contains(number)) {
        badByteLines.add(number);
      }
      if (cutValue != null && cutValue.line() == number && !cutValues.contains(cutValue)) {
        cutValues.add(cutValue);
      }
      if (nesting.size() == 1 && identifying.size() < 2) {
        String name = ContentLine.parse(text).name();
        if (name.equals("UID") || name.equals("SUMMARY")) {
          identifying.add(text.length() > 200 ? text.substring(0, 200) + "..." : text);
        }
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
      lostFolds.clear();
      cutValues.clear();
      identifying.clear();
      nesting.clear();
      blockChars = 0;
    }
  }
}
