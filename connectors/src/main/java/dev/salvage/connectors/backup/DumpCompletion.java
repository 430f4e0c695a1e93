package dev.salvage.connectors.backup;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.io.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time a dump's last comment says it was completed: mysqldump and mariadb-dump end with {@code
 * -- Dump completed on 2026-12-03 21:05:16}, pg_dump --verbose with {@code -- Completed on
 * 2026-03-02 03:00:01 UTC}. It is a hint for the operator, never the backup's time: mysqldump
 * writes the dumping host's local time with no zone (taking it as UTC would shift every "after the
 * backup" decision by the host's offset), and either line is written when the dump ended, after the
 * rows were read.
 *
 * @param completed the date and time as written, without a zone
 * @param zone the zone text written after it ({@code UTC}), or empty when there is none
 * @param line the comment as it is in the file, for messages
 */
public record DumpCompletion(LocalDateTime completed, String zone, String line) {
  // mysqldump prints the hour with %2d: "2026-12-04  0:29:48" (two blanks) before 10:00
  private static final Pattern COMPLETED =
      Pattern.compile(
          "^--\\s*(?:Dump completed|Completed) on\\s+(\\d{4}-\\d{2}-\\d{2})\\s+(\\d{1,2}):(\\d{2}):(\\d{2})"
              + "\\s*(.*?)\\s*$");
  // phpMyAdmin writes when it made the export at the top, in the server's zone, English months
  private static final Pattern GENERATED =
      Pattern.compile(
          "^--\\s*Generation Time:\\s+([A-Z][a-z]{2} \\d{1,2}, \\d{4}) at (\\d{1,2}:\\d{2}"
              + " [AP]M)\\s*$");
  private static final DateTimeFormatter GENERATED_FORMAT =
      DateTimeFormatter.ofPattern("MMM d, yyyy h:mm a", java.util.Locale.ENGLISH);
  // the trailer is the file's last lines; a few kB hold it whatever the platform's line ends
  private static final int TAIL_BYTES = 4096;
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  public DumpCompletion {
    requireNonNull(completed, "completed");
    requireNonNull(zone, "zone");
    requireNonNull(line, "line");
  }

  /** Whether the time is phpMyAdmin's generation time from the file's first lines. */
  public boolean fromHeader() {
    return GENERATED.matcher(line).matches();
  }

  /**
   * What the operator reads: {@code dump completed 2026-12-03 21:05:16 (dumping host's local time,
   * zone unknown)}.
   */
  public String describe() {
    if (fromHeader()) {
      return "phpMyAdmin generated it "
          + SHOWN.format(completed)
          + " (the database server's local time, zone unknown)";
    }
    return "dump completed "
        + SHOWN.format(completed)
        + (zone.isEmpty() ? " (dumping host's local time, zone unknown)" : " " + zone);
  }

  /**
   * What to do about it: set the run config's {@code backup.taken_at}, with the offset of the host
   * that dumped, to when the dump started.
   */
  public String advice() {
    String example = completed.withNano(0).toString();
    return "set backup.taken_at in the run config (salvage.yaml) to when the dump started, with the"
        + " dumping host's UTC offset, e.g. taken_at: "
        + (example.length() == 16 ? example + ":00" : example)
        + (zone.isEmpty() ? "+01:00 if that host ran at UTC+1" : "Z if that was UTC")
        + "; the dump started before this, so an earlier time is safer than a later one";
  }

  /**
   * The completion comment among the last lines of {@code file}, gzipped or not; empty when there
   * is none (a dump made with {@code --skip-comments}, or cut before its end).
   */
  public static Optional<DumpCompletion> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Optional<DumpCompletion> generated = generated(file);
    if (generated.isPresent()) {
      return generated;
    }
    String tail = InputFiles.isGzip(file) ? gzippedTail(file) : plainTail(file);
    Optional<DumpCompletion> found = Optional.empty();
    for (String line : tail.split("\r?\n|\r")) {
      Optional<DumpCompletion> parsed = parse(line);
      if (parsed.isPresent()) {
        found = parsed;
      }
    }
    return found;
  }

  /** phpMyAdmin's {@code -- Generation Time: Jan 20, 2026 at 04:00 AM} among the first lines. */
  private static Optional<DumpCompletion> generated(Path file) throws IOException {
    byte[] head;
    try (InputStream in = InputFiles.open(file)) {
      head = in.readNBytes(TAIL_BYTES);
    }
    for (String line : new String(head, StandardCharsets.ISO_8859_1).split("\r?\n|\r")) {
      Matcher matcher = GENERATED.matcher(line.strip());
      if (matcher.matches()) {
        try {
          return Optional.of(
              new DumpCompletion(
                  LocalDateTime.parse(matcher.group(1) + " " + matcher.group(2), GENERATED_FORMAT),
                  "",
                  line.strip()));
        } catch (DateTimeException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** The completion comment {@code line} is, or empty. */
  static Optional<DumpCompletion> parse(String line) {
    Matcher matcher = COMPLETED.matcher(line);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      LocalDateTime completed =
          LocalDateTime.parse(
              String.format(
                  "%sT%02d:%s:%s",
                  matcher.group(1),
                  Integer.parseInt(matcher.group(2)),
                  matcher.group(3),
                  matcher.group(4)));
      return Optional.of(new DumpCompletion(completed, matcher.group(5), line.strip()));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static String plainTail(Path file) throws IOException {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(0, in.length() - TAIL_BYTES);
      byte[] bytes = new byte[(int) (in.length() - start)];
      in.seek(start);
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  /** A gzip stream has no end to seek to: read through it, keeping the last bytes. */
  private static String gzippedTail(Path file) throws IOException {
    byte[] ring = new byte[2 * TAIL_BYTES];
    int kept = 0;
    try (InputStream in = InputFiles.open(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (n >= TAIL_BYTES) {
          System.arraycopy(buffer, n - TAIL_BYTES, ring, 0, TAIL_BYTES);
          kept = TAIL_BYTES;
        } else {
          if (kept + n > ring.length) {
            System.arraycopy(ring, kept + n - TAIL_BYTES, ring, 0, TAIL_BYTES - n);
            kept = TAIL_BYTES - n;
          }
          System.arraycopy(buffer, 0, ring, kept, n);
          kept += n;
        }
      }
    }
    return new String(ring, 0, kept, StandardCharsets.ISO_8859_1);
  }
}
