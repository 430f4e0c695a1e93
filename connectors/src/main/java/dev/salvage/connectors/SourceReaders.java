package dev.salvage.connectors;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.backup.BackupExportSource;
import dev.salvage.connectors.backup.JdbcBackupSource;
import dev.salvage.connectors.backup.MysqlDumpReader;
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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The source types: the readers of file types, and the factories of sources read over the network,
 * each with its declared options.
 */
public final class SourceReaders {
  private static final Map<String, Supplier<SourceReader>> READERS = new LinkedHashMap<>();

  /** Sources that are not a set of files (IMAP, Stripe API, Google Calendar API, JDBC). */
  private static final Map<String, SourceFactory> FACTORIES = new LinkedHashMap<>();

  /**
   * The types among {@link #FACTORIES} that read files, so that their {@code include} and {@code
   * exclude} choose them as they do for a plain file type.
   */
  private static final Map<String, FileSelectingFactory> FILE_FACTORIES = new LinkedHashMap<>();

  /** The options of every type; a file type takes none. */
  private static final Map<String, OptionSet> OPTIONS = new LinkedHashMap<>();

  static {
    reader("mbox", MboxReader::new);
    reader("eml", EmlDirectoryReader::new);
    // the name the run config documentation uses for the same reader
    reader("eml-dir", EmlDirectoryReader::new);
    // mail files take an option (max_text_chars), so open() builds them with a factory; forType()
    // still gives their reader
    fileFactory("mbox", MailFileSource.factory("mbox"), MailFileSource.optionSet("mbox"));
    fileFactory("eml", MailFileSource.factory("eml"), MailFileSource.optionSet("eml"));
    fileFactory("eml-dir", MailFileSource.factory("eml"), MailFileSource.optionSet("eml-dir"));
    reader("stripe-json", StripeListJsonReader::new);
    reader("calendar-json", CalendarEventsJsonReader::new);
    reader("ics", IcsReader::new);
    // floating times and TZIDs naming nothing are read in the business's zone
    OPTIONS.put("ics", OptionSet.of("ics", IcsReader.TIMEZONE));
    reader("pgdump", PgDumpReader::new);
    factory("pgdump", PgDumpReader::source, PgDumpReader.optionSet());
    reader("mysqldump", MysqlDumpReader::new);
    factory("jdbc", JdbcBackupSource::create, JdbcBackupSource.optionSet());
    factory("backup-csv", BackupExportSource::csv, BackupExportSource.csvOptionSet());
    factory("backup-jsonl", BackupExportSource::jsonl, BackupExportSource.jsonlOptionSet());
    factory("imap", ImapSource::create, ImapSource.optionSet());
    factory("google-calendar", GoogleCalendarSource::create, GoogleCalendarSource.optionSet());
    reader("stripe-csv", StripeCsvReader::new);
    // a Dashboard export opened and saved again in Excel: its encoding, and the order of its
    // slashed dates, may need declaring
    OPTIONS.put(
        "stripe-csv",
        OptionSet.of("stripe-csv", ExportEncodings.ENCODING, StripeCsvReader.DATE_ORDER));
    factory("stripe-api", StripeApiSource.factory(), StripeApiSource.optionSet());
  }

  private static void reader(String type, Supplier<SourceReader> reader) {
    READERS.put(type, reader);
    OPTIONS.put(type, OptionSet.none(type));
  }

  private static void factory(String type, SourceFactory factory, OptionSet options) {
    if (!options.owner().equals(type)) {
      throw new IllegalStateException(
          "Source type " + type + " is registered with the options of " + options.owner());
    }
    FACTORIES.put(type, factory);
    OPTIONS.put(type, options);
  }

  private static void fileFactory(String type, FileSelectingFactory factory, OptionSet options) {
    factory(
        type,
        (sourceName, path, values) -> factory.create(sourceName, path, values, FileSelection.ALL),
        options);
    FILE_FACTORIES.put(type, factory);
  }

  // network sources whose path is where they keep what they fetch (a snapshot, IMAP state)
  private static final Set<String> FETCHING = Set.of("imap", "google-calendar", "stripe-api");

  /**
   * Whether a source of {@code type} writes its configured path (a snapshot of what it fetched)
   * rather than reading it, so the path need not exist before the first run.
   */
  public static boolean writesItsPath(String type) {
    return FETCHING.contains(type);
  }

  /** The option that tells a source when the backup was taken. */
  private static final String BACKUP_TAKEN_AT = "backup_taken_at";

  private SourceReaders() {}

  /**
   * The options a source of {@code type} takes, as declared.
   *
   * @throws IllegalArgumentException naming the type and the known ones when it is unknown
   */
  public static OptionSet options(String type) {
    OptionSet options = type == null ? null : OPTIONS.get(type);
    if (options == null) {
      throw new IllegalArgumentException(
          "Unknown source type '" + type + "'; known types: " + String.join(", ", types()));
    }
    return options;
  }

  /**
   * The options of a source of {@code type} with the backup's time as {@code backup_taken_at} when
   * that type declares the option, to start its read window from it (Stripe's {@code created_from},
   * the calendars' {@code time_min}), and the user has not set it; otherwise the options unchanged.
   * A window start the user set still wins over the default.
   */
  public static Map<String, String> withBackupTime(
      String type, Map<String, String> options, Instant backupTakenAt) {
    requireNonNull(backupTakenAt, "backupTakenAt");
    String set = options.get(BACKUP_TAKEN_AT);
    boolean windowed =
        OPTIONS.containsKey(type) && options(type).option(BACKUP_TAKEN_AT).isPresent();
    if (!windowed || set != null && !set.isBlank()) {
      return options;
    }
    Map<String, String> withTime = new LinkedHashMap<>(options);
    withTime.put(BACKUP_TAKEN_AT, backupTakenAt.toString());
    return withTime;
  }

  /** The option of the sources that read local times written without a zone (mail, ics). */
  private static final String TIMEZONE = "timezone";

  /**
   * The options of a source of {@code type} with the business's zone as {@code timezone} when that
   * type declares the option (the mail types: a Date header without a zone, or with a name RFC 5322
   * does not define, is read in it; ics: a floating time, or a TZID naming no zone, when the
   * calendar names none) and the user has not set it; otherwise the options unchanged.
   */
  public static Map<String, String> withBusinessZone(
      String type, Map<String, String> options, ZoneId zone) {
    requireNonNull(zone, "zone");
    String set = options.get(TIMEZONE);
    boolean zoned = OPTIONS.containsKey(type) && options(type).option(TIMEZONE).isPresent();
    if (!zoned || set != null && !set.isBlank()) {
      return options;
    }
    Map<String, String> withZone = new LinkedHashMap<>(options);
    withZone.put(TIMEZONE, zone.getId());
    return withZone;
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
    return open(sourceName, type, path, options, FileSelection.ALL);
  }

  /**
   * Opens a configured source whose files are chosen by {@code selection} (its {@code include} and
   * {@code exclude} globs).
   *
   * @throws InvalidSourceException also when a source that reads no files is given a selection
   */
  public static PartitionedSource open(
      String sourceName,
      String type,
      Path path,
      Map<String, String> options,
      FileSelection selection)
      throws InvalidSourceException {
    FileSelectingFactory files = FILE_FACTORIES.get(type);
    if (files != null) {
      return files.create(sourceName, path, options, selection);
    }
    SourceFactory factory = FACTORIES.get(type);
    if (factory != null) {
      if (!selection.all()) {
        throw InvalidSourceException.of(
            type, sourceName, "include and exclude choose files; this type reads none");
      }
      return factory.create(sourceName, path, options);
    }
    if (!READERS.containsKey(type)) {
      throw new InvalidSourceException(
          "Cannot configure source \""
              + sourceName
              + "\": unknown type '"
              + type
              + "'; known types: "
              + String.join(", ", types()));
    }
    if (path == null) {
      throw InvalidSourceException.of(type, sourceName, "needs a path (a file or a directory)");
    }
    boolean exports = options(type).option(ExportEncodings.ENCODING.name()).isPresent();
    boolean zoned = options(type).option(IcsReader.TIMEZONE.name()).isPresent();
    boolean dated = options(type).option(StripeCsvReader.DATE_ORDER.name()).isPresent();
    return options(type)
        .configure(
            sourceName,
            options,
            values ->
                new FileSource(
                    sourceName,
                    type,
                    path.toString(),
                    selection,
                    exports ? ExportEncodings.name(values.get(ExportEncodings.ENCODING)) : "",
                    zoned ? values.get(IcsReader.TIMEZONE) : null,
                    dated ? values.get(StripeCsvReader.DATE_ORDER) : null));
  }

  /**
   * The files of {@code source} its {@code include} and {@code exclude} globs leave out, to be
   * reported; empty for a source that does not read files.
   */
  public static List<Path> filesLeftOut(PartitionedSource source) throws IOException {
    return source.filesLeftOut();
  }

  /**
   * The files under {@code path} (itself, if a file) that {@code selection} reads, and those it
   * leaves out: the one choice of files of every source type that reads files, whichever reader
   * reads them. A single file is read whatever the globs say.
   */
  public static FileSelection.Chosen choose(Path path, FileSelection selection) throws IOException {
    List<Path> files = inputFiles(path);
    return Files.isDirectory(path)
        ? selection.choose(path, files)
        : new FileSelection.Chosen(files, List.of());
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

  /**
   * The files a source reads under {@code path} (itself, if a file), as its {@code include} and
   * {@code exclude} choose them; the same list its partitions are made of, less Maildir's
   * unfinished deliveries, which no mail source reads.
   */
  public static List<Path> chosenFiles(Path path, FileSelection selection) throws IOException {
    return choose(path, selection).read().stream()
        .filter(file -> !isMaildirTmp(file.getParent()))
        .toList();
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
   * directory, recursively, sorted by path. Hidden files ({@code .DS_Store}) are left out (and
   * named by {@link #hiddenFiles}); hidden directories are not, since Maildir++ keeps its folders
   * in them ({@code .Sent/cur}). A symbolic link whose target is missing is kept: reading it fails
   * and the run names it as not read, where leaving it out would lose it without a word. So is an
   * entry that is neither a file nor a directory (a named pipe, a socket, a device): {@link
   * dev.salvage.connectors.io.InputFiles#open} refuses it, naming what it is, without waiting on
   * it.
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
    return below(
        fileOrDirectory,
        path ->
            !isHidden(path)
                && !isMorkIndex(path)
                && !isMailClientFile(path)
                && !isSystemFile(path));
  }

  /**
   * The files mail clients keep beside their mail below a directory, which {@link #inputFiles} does
   * not read: Thunderbird's filter rules ({@code msgFilterRules.dat}), POP state ({@code
   * popstate.dat}), filter log and virtual folders, Apple Mail's folder properties ({@code
   * Info.plist}), the message index of its exported mailbox ({@code table_of_contents} beside
   * {@code mbox} in a {@code NAME.mbox} directory) and its library's database ({@code Envelope
   * Index}, with its {@code -shm} and {@code -wal}), and in a Maildir its server's files (Dovecot's
   * {@code dovecot-uidlist} and {@code dovecot.index*}, {@code subscriptions}, {@code
   * maildirfolder}, Courier's {@code courierimapuiddb} and {@code courierimapkeywords/}). Empty for
   * a file. Read, each was a "mail" in quarantine, and the run's end said records could not be
   * read, as if mail were lost.
   */
  public static List<Path> mailClientFiles(Path fileOrDirectory) throws IOException {
    if (fileOrDirectory == null || !Files.isDirectory(fileOrDirectory)) {
      return List.of();
    }
    return below(fileOrDirectory, path -> !isHidden(path) && isMailClientFile(path));
  }

  private static final Set<String> MAIL_CLIENT_FILES =
      Set.of(
          "msgfilterrules.dat",
          "popstate.dat",
          "filterlog.html",
          "virtualfolders.dat",
          "panacea.dat",
          "info.plist",
          "envelope index",
          "envelope index-shm",
          "envelope index-wal");

  /**
   * Apple Mail's binary index of an exported mailbox, beside its {@code mbox} in the {@code
   * NAME.mbox} directory "Export Mailbox" writes. Read, it was an mbox whose one "mail" ended
   * inside its last line: quarantined as cut, and the run incomplete (exit 3).
   */
  private static final String APPLE_MAIL_EXPORT_INDEX = "table_of_contents";

  /**
   * The files an IMAP server keeps in a Maildir beside {@code cur}/{@code new}: Dovecot's UID list,
   * keywords and indexes, the folder list, Maildir++'s folder marker, Courier's UID database. Known
   * by their directory too, since a file named {@code subscriptions} elsewhere may be anything.
   */
  private static final Set<String> MAILDIR_SERVER_FILES =
      Set.of(
          "subscriptions",
          "maildirfolder",
          "courierimapuiddb",
          "courierimapsubscribed",
          "courierimapacl",
          "courierpop3dsizelist");

  /** Courier's folders of per-message state in a Maildir. */
  private static final Set<String> MAILDIR_SERVER_DIRECTORIES =
      Set.of("courierimapkeywords", "courierimaphieracl");

  private static final byte[] MBOX_START = "From ".getBytes(StandardCharsets.US_ASCII);

  /**
   * Whether a file bears the name of one a mail client or an IMAP server keeps beside its mail, and
   * is not an mbox (one so named by hand is read).
   */
  private static boolean isMailClientFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!MAIL_CLIENT_FILES.contains(name)
        && !isMaildirServerFile(file, name)
        && !isAppleMailExportIndex(file, name)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      return !Arrays.equals(in.readNBytes(MBOX_START.length), MBOX_START);
    } catch (IOException e) {
      return false; // read like any file, whose failure the run reports
    }
  }

  private static boolean isAppleMailExportIndex(Path file, String name) {
    Path directory = file.getParent();
    return name.equals(APPLE_MAIL_EXPORT_INDEX)
        && directory != null
        && directory.getFileName() != null
        && directory.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mbox");
  }

  private static boolean isMaildirServerFile(Path file, String name) {
    Path directory = file.getParent();
    if (directory == null) {
      return false;
    }
    if (directory.getFileName() != null
        && MAILDIR_SERVER_DIRECTORIES.contains(directory.getFileName().toString())) {
      directory = directory.getParent();
    } else if (!MAILDIR_SERVER_FILES.contains(name)
        && !name.startsWith("dovecot.")
        && !name.startsWith("dovecot-")) {
      return false;
    }
    return directory != null && isMaildir(directory);
  }

  /** A directory holding {@code cur} or {@code new}: a Maildir, or a Maildir++ folder. */
  private static boolean isMaildir(Path directory) {
    return Files.isDirectory(directory.resolve("cur"))
        || Files.isDirectory(directory.resolve("new"));
  }

  /**
   * The files an operating system leaves in any folder it showed (Windows' thumbnail caches and
   * folder settings), below a directory, which {@link #inputFiles} does not read: no evidence in
   * them. Read, a {@code Thumbs.db} was refused as an Outlook message and the run was incomplete.
   * Empty for a file. (macOS's {@code .DS_Store} is hidden, and left out as such.)
   */
  public static List<Path> systemFiles(Path fileOrDirectory) throws IOException {
    if (fileOrDirectory == null || !Files.isDirectory(fileOrDirectory)) {
      return List.of();
    }
    return below(fileOrDirectory, path -> !isHidden(path) && isSystemFile(path));
  }

  private static final Set<String> SYSTEM_FILES =
      Set.of("thumbs.db", "ehthumbs.db", "ehthumbs_vista.db", "desktop.ini");

  private static boolean isSystemFile(Path file) {
    return SYSTEM_FILES.contains(file.getFileName().toString().toLowerCase(Locale.ROOT));
  }

  /**
   * Thunderbird's folder indexes below a directory ({@code Inbox.msf} beside the mbox {@code
   * Inbox}: a Mork database of the folder's summary, no mail in it), which {@link #inputFiles} does
   * not read; empty for a file. Read, each was one more "mail" in quarantine per folder.
   */
  public static List<Path> mailIndexFiles(Path fileOrDirectory) throws IOException {
    if (fileOrDirectory == null || !Files.isDirectory(fileOrDirectory)) {
      return List.of();
    }
    return below(fileOrDirectory, path -> !isHidden(path) && isMorkIndex(path));
  }

  private static final byte[] MORK = "// <!-- <mdb:mork".getBytes(StandardCharsets.US_ASCII);

  /** Whether a file is named {@code *.msf} and starts as Thunderbird's Mork files do. */
  private static boolean isMorkIndex(Path file) {
    if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".msf")) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(MORK.length), MORK);
    } catch (IOException e) {
      return false; // read like any file, whose failure the run reports
    }
  }

  /**
   * The files of 0 bytes, or of a UTF-8 byte order mark alone, under a source's path (itself, if a
   * file): read, they give nothing, so the run names them (a folder exported empty, or a copy that
   * failed).
   */
  public static List<Path> emptyFiles(Path fileOrDirectory) throws IOException {
    if (fileOrDirectory == null || !Files.exists(fileOrDirectory)) {
      return List.of();
    }
    if (!Files.isDirectory(fileOrDirectory)) {
      return sizeIsZero(fileOrDirectory) ? List.of(fileOrDirectory) : List.of();
    }
    return below(
        fileOrDirectory,
        path ->
            !isHidden(path)
                && sizeIsZero(path)
                && !isThunderbirdParent(path)
                && !isMailClientFile(path)
                && !isSystemFile(path));
  }

  /**
   * Whether a file is the mbox of a Thunderbird folder that holds subfolders ({@code Archives}
   * beside {@code Archives.sbd/}): Thunderbird keeps it, empty when the folder holds only its
   * subfolders, which is no export gone wrong.
   */
  private static boolean isThunderbirdParent(Path file) {
    return Files.isDirectory(file.resolveSibling(file.getFileName() + ".sbd"));
  }

  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** Whether a file holds nothing: 0 bytes, or a UTF-8 byte order mark alone. */
  private static boolean sizeIsZero(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        return false;
      }
      long size = Files.size(file);
      return size == 0
          || (size == UTF8_BOM.length && Arrays.equals(Files.readAllBytes(file), UTF8_BOM));
    } catch (IOException e) {
      return false; // read like any file, whose failure the run reports
    }
  }

  /**
   * The hidden files below a directory, which {@link #inputFiles} does not read; empty for a file.
   */
  public static List<Path> hiddenFiles(Path fileOrDirectory) throws IOException {
    if (fileOrDirectory == null || !Files.isDirectory(fileOrDirectory)) {
      return List.of();
    }
    return below(fileOrDirectory, SourceReaders::isHidden);
  }

  /**
   * The files of Maildir delivery areas below {@code fileOrDirectory} ({@code tmp} beside {@code
   * cur} or {@code new}), which a mail source does not read: a delivery that had not finished when
   * the copy was made. Sorted; empty for a file.
   */
  public static List<Path> maildirDeliveries(Path fileOrDirectory) throws IOException {
    if (fileOrDirectory == null || !Files.isDirectory(fileOrDirectory)) {
      return List.of();
    }
    return below(fileOrDirectory, path -> isMaildirTmp(path.getParent()));
  }

  /** A directory named tmp beside a cur or new directory: Maildir's delivery area. */
  public static boolean isMaildirTmp(Path directory) {
    if (directory == null
        || directory.getFileName() == null
        || !directory.getFileName().toString().equals("tmp")
        || directory.getParent() == null) {
      return false;
    }
    Path maildir = directory.getParent();
    return Files.isDirectory(maildir.resolve("cur")) || Files.isDirectory(maildir.resolve("new"));
  }

  /**
   * The directories strictly below {@code directory} that hold nothing to read: no file and no
   * directory whose name does not start with '.'. Sorted; empty for a file.
   */
  public static List<Path> emptyDirectories(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<Path> empty = new ArrayList<>();
    for (Path path : walk(directory).paths()) {
      if (!path.equals(directory) && Files.isDirectory(path) && !isInHidden(directory, path)) {
        try (Stream<Path> children = Files.list(path)) {
          if (children.allMatch(SourceReaders::isHidden)) {
            empty.add(path);
          }
        }
      }
    }
    return List.copyOf(empty);
  }

  /**
   * The symbolic links below {@code fileOrDirectory} that lead back to a directory holding them (a
   * loop), which {@link #inputFiles} does not follow: what is under them is read once, through the
   * directory itself. Sorted; empty for a file.
   */
  public static List<Path> loopLinks(Path fileOrDirectory) throws IOException {
    if (fileOrDirectory == null || !Files.isDirectory(fileOrDirectory)) {
      return List.of();
    }
    return walk(fileOrDirectory).loops();
  }

  /**
   * {@code directory} and every directory below it that can be listed, sorted, through symbolic
   * links as {@link #inputFiles} walks them: a folder the run may not open is left out here and
   * named by {@link #unreadableDirectories}.
   */
  public static List<Path> directories(Path directory) throws IOException {
    return walk(directory).paths().stream().filter(Files::isDirectory).toList();
  }

  private static List<Path> below(Path directory, Predicate<Path> chosen) throws IOException {
    return walk(directory).paths().stream()
        .filter(path -> !Files.isDirectory(path))
        .filter(chosen)
        .toList();
  }

  /**
   * Every path below a directory, sorted, the links leading back above themselves, and the
   * directories below it that could not be listed, each with why.
   */
  private record Walk(List<Path> paths, List<Path> loops, Map<Path, String> unreadable) {}

  /**
   * The directories strictly below {@code fileOrDirectory} that could not be listed (permission
   * denied), with why: what is in them is not read, and the run says so for each, while the rest of
   * the source is read. Sorted; empty for a file.
   */
  public static Map<Path, String> unreadableDirectories(Path fileOrDirectory) throws IOException {
    if (fileOrDirectory == null || !Files.isDirectory(fileOrDirectory)) {
      return Map.of();
    }
    return walk(fileOrDirectory).unreadable();
  }

  /**
   * Every path below {@code directory}, through symbolic links: a source folder that is a link to
   * an export on another disk, or that holds one (mail/2025 -> /mnt/archive/2025). Walked without
   * following them, the first read nothing ("nothing to read under ...") and the files under the
   * second were left out without a word. A link leading back to a directory that holds it is not
   * followed but kept aside, so the run names it: following it would read the same files again
   * without end, and stopping there lost every other file of the source.
   */
  private static Walk walk(Path directory) throws IOException {
    List<Path> paths = new ArrayList<>();
    List<Path> loops = new ArrayList<>();
    Map<Path, String> unreadable = new java.util.TreeMap<>();
    Files.walkFileTree(
        directory,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            paths.add(dir);
            ListingProgress.fileMet();
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            paths.add(file);
            ListingProgress.fileMet();
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof FileSystemLoopException) {
              loops.add(file);
              return FileVisitResult.CONTINUE;
            }
            String why = unlistable(directory, file, e);
            if (why != null) {
              unreadable.put(file, why);
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
    Collections.sort(paths);
    Collections.sort(loops);
    return new Walk(List.copyOf(paths), List.copyOf(loops), unreadable);
  }

  /**
   * Why {@code file}, met walking {@code root}, is a folder left out rather than a failure of the
   * whole walk, or null: a folder below the root the run may not open. The rest of the source is
   * read and the run reports the folder as not read; until 2026-12-05 one such folder lost the
   * whole source. The root itself, and a file, still fail the walk.
   */
  static String unlistable(Path root, Path file, IOException failure) {
    if (failure instanceof java.nio.file.AccessDeniedException
        && !file.equals(root)
        && Files.isDirectory(file)) {
      return "Cannot list " + file + ": permission denied";
    }
    return null;
  }

  private static boolean isInHidden(Path root, Path path) {
    for (Path part : root.relativize(path)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isHidden(Path file) {
    return file.getFileName().toString().startsWith(".");
  }
}
