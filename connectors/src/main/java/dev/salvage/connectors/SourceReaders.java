package dev.salvage.connectors;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.backup.BackupExportSource;
import dev.salvage.connectors.backup.JdbcBackupSource;
import dev.salvage.connectors.backup.PgDumpReader;
import dev.salvage.connectors.calendar.CalendarEventsJsonReader;
import dev.salvage.connectors.calendar.GoogleCalendarSource;
import dev.salvage.connectors.calendar.IcsReader;
import dev.salvage.connectors.email.EmlDirectoryReader;
import dev.salvage.connectors.email.ImapSource;
import dev.salvage.connectors.email.MailFileSource;
import dev.salvage.connectors.email.MboxReader;
import dev.salvage.connectors.stripe.StripeApiSource;
import dev.salvage.connectors.stripe.StripeCsvReader;
import dev.salvage.connectors.stripe.StripeListJsonReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** The readers by source type: file readers, and the factories of sources read over the network. */
public final class SourceReaders {
  private static final Map<String, Supplier<SourceReader>> READERS = new LinkedHashMap<>();

  /** Sources that are not a set of files (IMAP, Stripe API, Google Calendar API, JDBC). */
  private static final Map<String, SourceFactory> FACTORIES = new LinkedHashMap<>();

  static {
    READERS.put("mbox", MboxReader::new);
    READERS.put("eml", EmlDirectoryReader::new);
    // the name the run config documentation uses for the same reader
    READERS.put("eml-dir", EmlDirectoryReader::new);
    READERS.put("stripe-json", StripeListJsonReader::new);
    READERS.put("calendar-json", CalendarEventsJsonReader::new);
    READERS.put("ics", IcsReader::new);
    READERS.put("pgdump", PgDumpReader::new);
    FACTORIES.put("jdbc", JdbcBackupSource::create);
    FACTORIES.put("backup-csv", BackupExportSource::csv);
    FACTORIES.put("backup-jsonl", BackupExportSource::jsonl);
    FACTORIES.put("imap", ImapSource::create);
    // mail files take an option (max_text_chars), so open() builds them with a factory; forType()
    // still gives their reader
    FACTORIES.put("mbox", MailFileSource.factory("mbox"));
    FACTORIES.put("eml", MailFileSource.factory("eml"));
    FACTORIES.put("eml-dir", MailFileSource.factory("eml"));
    FACTORIES.put("google-calendar", GoogleCalendarSource::create);
    READERS.put("stripe-csv", StripeCsvReader::new);
    FACTORIES.put("stripe-api", StripeApiSource.factory());
  }

  /** Source types whose read window starts from the backup's time (option backup_taken_at). */
  private static final Set<String> WINDOWED_BY_BACKUP_TIME =
      Set.of("stripe-api", "google-calendar");

  /** The option that tells a source when the backup was taken. */
  private static final String BACKUP_TAKEN_AT = "backup_taken_at";

  private SourceReaders() {}

  /**
   * The options of a source of {@code type} with the backup's time as {@code backup_taken_at} when
   * that type starts its read window from it (Stripe's {@code created_from}, the calendars' {@code
   * time_min}) and the user has not set it; otherwise the options unchanged. A window start the
   * user set still wins over the default.
   */
  public static Map<String, String> withBackupTime(
      String type, Map<String, String> options, Instant backupTakenAt) {
    requireNonNull(backupTakenAt, "backupTakenAt");
    String set = options.get(BACKUP_TAKEN_AT);
    if (!WINDOWED_BY_BACKUP_TIME.contains(type) || set != null && !set.isBlank()) {
      return options;
    }
    Map<String, String> withTime = new LinkedHashMap<>(options);
    withTime.put(BACKUP_TAKEN_AT, backupTakenAt.toString());
    return withTime;
  }

  /**
   * Opens a configured source: a file type reads every file under {@code path}; a network type is
   * built by its factory from the options.
   *
   * @throws InvalidSourceException naming the source when the type is unknown, a file type has no
   *     path, or the connector rejects an option
   */
  public static PartitionedSource open(
      String sourceName, String type, Path path, Map<String, String> options)
      throws InvalidSourceException {
    SourceFactory factory = FACTORIES.get(type);
    if (factory != null) {
      return factory.create(sourceName, path, options);
    }
    if (!READERS.containsKey(type)) {
      throw new InvalidSourceException(
          "Source "
              + sourceName
              + ": unknown type '"
              + type
              + "'; known types: "
              + String.join(", ", types()));
    }
    if (path == null) {
      throw new InvalidSourceException(
          "Source " + sourceName + " of type " + type + " needs a path");
    }
    if (!options.isEmpty()) {
      throw new InvalidSourceException(
          "Source "
              + sourceName
              + " of type "
              + type
              + " takes no options, got: "
              + String.join(", ", options.keySet()));
    }
    return new FileSource(sourceName, type, path.toString());
  }

  /**
   * The reader for a source type.
   *
   * @throws IllegalArgumentException naming the type and the known ones when it is unknown
   */
  public static SourceReader forType(String type) {
    Supplier<SourceReader> reader = type == null ? null : READERS.get(type);
    if (reader == null) {
      throw new IllegalArgumentException(
          "Unknown source type '" + type + "'; known types: " + String.join(", ", types()));
    }
    return reader.get();
  }

  /** The known source types. */
  public static List<String> types() {
    Set<String> types = new LinkedHashSet<>(READERS.keySet());
    types.addAll(FACTORIES.keySet());
    return List.copyOf(types);
  }

  /** The partitions of a source read file by file: the absolute paths of its input files. */
  public static List<String> filePartitions(Path fileOrDirectory) throws IOException {
    return inputFiles(fileOrDirectory).stream()
        .map(file -> file.toAbsolutePath().normalize().toString())
        .toList();
  }

  /**
   * The files to read for a configured path: the file itself, or every regular file below a
   * directory, recursively, sorted by path. Hidden files ({@code .DS_Store}) are left out; hidden
   * directories are not, since Maildir++ keeps its folders in them ({@code .Sent/cur}).
   *
   * @throws IOException naming the path when it does not exist or cannot be listed
   */
  public static List<Path> inputFiles(Path fileOrDirectory) throws IOException {
    if (!Files.exists(fileOrDirectory)) {
      throw new NoSuchFileException(fileOrDirectory.toString(), null, "Input path does not exist");
    }
    if (!Files.isDirectory(fileOrDirectory)) {
      return List.of(fileOrDirectory);
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(fileOrDirectory)) {
      walk.filter(Files::isRegularFile)
          .filter(path -> !path.getFileName().toString().startsWith("."))
          .sorted()
          .forEach(files::add);
    }
    return List.copyOf(files);
  }
}
