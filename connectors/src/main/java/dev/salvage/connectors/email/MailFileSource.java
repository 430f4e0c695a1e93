package dev.salvage.connectors.email;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.FileSelectingFactory;
import dev.salvage.connectors.FileSelection;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.ListingProgress;
import dev.salvage.connectors.Option;
import dev.salvage.connectors.OptionSet;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.connectors.io.InputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source of mail files (types {@code mbox} and {@code eml}): one partition per file under its
 * path, read by {@link MboxReader} or {@link EmlDirectoryReader}, except that an uncompressed mbox
 * file larger than {@code split_size} is several partitions, byte ranges cut at message starts
 * ({@link MboxRange}), so that one big export is read by several workers at once. {@code
 * max_text_chars} bounds the text kept of a mail (see {@code docs/mail.md}). Maildir {@code tmp/}
 * directories hold messages still being delivered: their files are not read, and said so.
 */
public final class MailFileSource implements PartitionedSource {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(MailFileSource.class);

  /** How many bytes of an mbox read for its message starts make the progress line move on. */
  private static final long PROGRESS_STEP = 16L << 20;

  private static final int MIN_TEXT_CHARS = 1000;

  private final String sourceName;
  private final String type;
  private final String path;
  private final FileSelection selection;
  private final MailReading reading;
  private final long splitSize;

  /**
   * @param type {@code mbox}, or {@code eml} (alias {@code eml-dir})
   * @param splitSize the size above which an mbox file is read in ranges of about that size
   */
  private MailFileSource(
      String sourceName,
      String type,
      String path,
      FileSelection selection,
      MailReading reading,
      long splitSize) {
    this.sourceName = requireNonNull(sourceName, "sourceName");
    this.type = requireNonNull(type, "type");
    this.path = requireNonNull(path, "path");
    this.selection = requireNonNull(selection, "selection");
    this.reading = requireNonNull(reading, "reading");
    this.splitSize = splitSize;
  }

  @Override
  public String sourceName() {
    return sourceName;
  }

  /** The factory of the file type {@code type}; validates the options, reads nothing. */
  public static FileSelectingFactory factory(String type) {
    return (sourceName, path, options, selection) ->
        create(sourceName, type, path, options, selection);
  }

  /** The mail-file types' one option; imap takes it too. */
  static final Option<Integer> MAX_TEXT_CHARS =
      Option.integer(MailParser.MAX_TEXT_CHARS_OPTION, MIN_TEXT_CHARS, MailParser.MAX_MAIL_BYTES)
          .withDefault(Integer.toString(MailParser.DEFAULT_MAX_TEXT_CHARS))
          .withDescription(
              "longest text, HTML body or header value kept of a mail, in characters; longer"
                  + " ones are cut with a note in the record");

  /** mbox only: the others' files are one message each. */
  static final Option<Long> SPLIT_SIZE =
      Option.byteSize("split_size", 1)
          .withDefault("64MB")
          .withDescription(
              "an uncompressed mbox file larger than this is read in parallel, in byte ranges of"
                  + " about this size cut at message starts (found by reading the file once when"
                  + " the run starts); the records are the same as read whole");

  /** The options of a mail-file source of {@code type} ({@code mbox}, {@code eml}, ...). */
  public static OptionSet optionSet(String type) {
    return type.equals("mbox")
        ? OptionSet.of(
                type,
                MAX_TEXT_CHARS,
                MailReading.TIMEZONE,
                MailReading.TRUSTED_AUTHSERV_IDS,
                MailReading.REQUIRE_AUTHENTICATED_FROM,
                SPLIT_SIZE)
            .requires(
                MailReading.REQUIRE_AUTHENTICATED_FROM,
                MailReading.TRUSTED_AUTHSERV_IDS,
                MailReading.REQUIRES_TRUSTED)
        : OptionSet.of(
                type,
                MAX_TEXT_CHARS,
                MailReading.TIMEZONE,
                MailReading.TRUSTED_AUTHSERV_IDS,
                MailReading.REQUIRE_AUTHENTICATED_FROM)
            .requires(
                MailReading.REQUIRE_AUTHENTICATED_FROM,
                MailReading.TRUSTED_AUTHSERV_IDS,
                MailReading.REQUIRES_TRUSTED);
  }

  private static MailFileSource create(
      String sourceName,
      String type,
      Path path,
      Map<String, String> options,
      FileSelection selection)
      throws InvalidSourceException {
    if (path == null) {
      throw InvalidSourceException.of(type, sourceName, "needs a path (a file or a directory)");
    }
    return optionSet(type)
        .configure(
            sourceName,
            options,
            values ->
                new MailFileSource(
                    sourceName,
                    type,
                    path.toString(),
                    selection,
                    new MailReading(
                        values.get(MAX_TEXT_CHARS),
                        values.get(MailReading.TIMEZONE),
                        MailReading.trusted(values.get(MailReading.TRUSTED_AUTHSERV_IDS)),
                        MailReading.trusted(values.get(MailReading.REQUIRE_AUTHENTICATED_FROM))),
                    type.equals("mbox") ? values.get(SPLIT_SIZE) : Long.MAX_VALUE));
  }

  @Override
  public List<String> partitions() throws IOException {
    List<String> files = new ArrayList<>();
    for (Path chosen : SourceReaders.choose(Path.of(path), selection).read()) {
      String file = chosen.toAbsolutePath().normalize().toString();
      // Maildir's tmp/ holds deliveries not finished: not read, and the run names them
      if (SourceReaders.isMaildirTmp(Path.of(file).getParent())) {
        continue;
      }
      if (type.equals("mbox")) {
        files.addAll(mboxPartitions(Path.of(file)));
      } else {
        files.add(file);
      }
    }
    if (!type.equals("mbox")) {
      // an IMAP snapshot's hidden set-aside files may hold the only copy of mail the server lost
      for (Path file : MailSnapshot.onlySetAside(Path.of(path))) {
        files.add(file.toString());
      }
    }
    return files;
  }

  @Override
  public List<Path> filesLeftOut() throws IOException {
    return SourceReaders.choose(Path.of(path), selection).left();
  }

  /**
   * The partitions of one mbox file: the file itself when it is at most {@code split_size} bytes or
   * gzipped (a gzip stream cannot be entered in the middle) or an archive (its read fails, saying
   * how to unpack it), else byte ranges of about {@code split_size} cut at the message starts the
   * splitter finds when it reads the file through once, without keeping any message.
   */
  private List<String> mboxPartitions(Path file) throws IOException {
    long size = Files.size(file);
    if (size <= splitSize || InputFiles.isGzip(file) || InputFiles.isArchive(file)) {
      return List.of(file.toString());
    }
    Instant modified = Files.getLastModifiedTime(file).toInstant();
    long started = System.nanoTime();
    List<Long> cuts = new ArrayList<>();
    long[] last = {0};
    long[] told = {0};
    ListingProgress.scanning(file, 0, size);
    try {
      MboxReader.messageStarts(
          file,
          start -> {
            // the first range always starts at 0: what precedes the first message is read with it;
            // a start in what was appended meanwhile is past the ranges
            if (start - last[0] >= splitSize && start < size) {
              cuts.add(start);
              last[0] = start;
            }
            if (start - told[0] >= PROGRESS_STEP) {
              ListingProgress.scanning(file, start, size);
              told[0] = start;
            }
          });
    } catch (IOException unsplittable) {
      // one partition whose read fails with the same message: the file is listed as not read
      // and the other sources are still read, instead of the whole run stopping here
      return List.of(file.toString());
    } finally {
      ListingProgress.scanned();
    }
    long sizeNow = Files.size(file);
    if (sizeNow < size
        || (sizeNow == size && !Files.getLastModifiedTime(file).toInstant().equals(modified))) {
      // changed otherwise than by mail appended, which leaves the starts found before it alone
      throw new IOException(
          "Cannot split the mbox file "
              + file
              + " into ranges: it changed while it was read for its message starts");
    }
    if (cuts.isEmpty()) {
      return List.of(file.toString());
    }
    List<String> ranges = new ArrayList<>();
    long start = 0;
    for (long end : cuts) {
      ranges.add(new MboxRange(file.toString(), start, end, size, modified).partition());
      start = end;
    }
    ranges.add(new MboxRange(file.toString(), start, size, size, modified).partition());
    LOG.info(
        "Source {}: {} ({} bytes) is read in {} ranges cut at message starts (found in {} ms)",
        sourceName,
        file,
        size,
        ranges.size(),
        (System.nanoTime() - started) / 1_000_000);
    return ranges;
  }

  @Override
  public void read(String partition, RecordSink sink) throws IOException {
    if (!type.equals("mbox")) {
      new EmlDirectoryReader(reading).read(Path.of(partition), sourceName, sink);
      return;
    }
    Optional<MboxRange> range = MboxRange.parse(partition);
    if (range.isPresent()) {
      new MboxReader(reading).readRange(range.get(), sourceName, sink);
    } else {
      new MboxReader(reading).read(Path.of(partition), sourceName, sink);
    }
  }
}
