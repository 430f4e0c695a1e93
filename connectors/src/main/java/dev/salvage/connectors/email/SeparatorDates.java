package dev.salvage.connectors.email;

import dev.salvage.connectors.io.InputFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a placeholder among the dates of an mbox file's separator lines: exporters that know no
 * date write one constant on every line ({@code From - Mon Jan 1 00:00:00 2024}), which says
 * nothing of when a mail was stored and, taken for it, redated every mail of a file to that day.
 * The file's separator lines are read once, and only when a mail's date would depend on one.
 */
final class SeparatorDates {
  private static final Logger LOG = LoggerFactory.getLogger(SeparatorDates.class);

  /** Per file, each separator date and how many lines carry it, and how many lines are dated. */
  private record Counted(Map<Instant, Integer> byDate, int dated) {}

  // by path, size and modification time: a file written again is counted again
  private static final Map<String, Counted> FILES = new ConcurrentHashMap<>();

  private SeparatorDates() {}

  /**
   * Why {@code date}, read on a separator line of mbox {@code file}, is a placeholder rather than
   * when the mailbox stored the mail; null when it may be that. A placeholder is midnight on the
   * first of January (what exporters write when they know no date), or a date that at least three
   * and more than half of the file's dated separator lines carry (one mailbox stores mails one at a
   * time).
   */
  static String placeholder(Path file, Instant date) {
    ZonedDateTime utc = date.atZone(ZoneOffset.UTC);
    if (utc.getDayOfYear() == 1 && utc.toLocalTime().toSecondOfDay() == 0) {
      return "midnight on the first of January, a placeholder exporters write when they know no"
          + " date";
    }
    Counted counted = FILES.computeIfAbsent(version(file), key -> count(file));
    int same = counted.byDate().getOrDefault(date, 0);
    if (same >= 3 && same * 2 > counted.dated()) {
      return same
          + " of the file's "
          + counted.dated()
          + " dated separator lines carry it, a placeholder of the program that wrote the file";
    }
    return null;
  }

  private static String version(Path file) {
    try {
      return file.toAbsolutePath() + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return file.toAbsolutePath().toString();
    }
  }

  private static Counted count(Path file) {
    Map<Instant, Integer> byDate = new HashMap<>();
    int dated = 0;
    try (InputStream in = InputFiles.open(file);
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("From ")) {
          Optional<Instant> date = MailDates.separator(line);
          if (date.isPresent()) {
            byDate.merge(date.get(), 1, Integer::sum);
            dated++;
          }
        }
      }
    } catch (IOException e) {
      // the mails are read, and their failure reported, by the reader itself
      LOG.debug("Cannot count the separator dates of {}: {}", file, e.getMessage());
      return new Counted(Map.of(), 0);
    }
    int all = dated;
    byDate.forEach(
        (date, n) -> {
          if (n >= 3 && n * 2 > all) {
            LOG.warn(
                "mbox file {}: {} of its separator lines carry the date {}, a placeholder: it dates"
                    + " no mail of the file",
                file,
                n,
                date);
          }
        });
    return new Counted(Map.copyOf(byDate), dated);
  }
}
