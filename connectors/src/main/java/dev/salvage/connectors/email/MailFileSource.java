package dev.salvage.connectors.email;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.Option;
import dev.salvage.connectors.OptionSet;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.SourceFactory;
import dev.salvage.connectors.SourceReaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source of mail files (types {@code mbox} and {@code eml}): one partition per file under its
 * path, read by {@link MboxReader} or {@link EmlDirectoryReader}. Its one option, {@code
 * max_text_chars}, bounds the text kept of a mail (see {@code docs/mail.md}). Maildir {@code tmp/}
 * directories hold messages still being delivered: their files are not read, and said so.
 */
public final class MailFileSource implements PartitionedSource {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(MailFileSource.class);
  private static final int MIN_TEXT_CHARS = 1000;

  private final String sourceName;
  private final String type;
  private final String path;
  private final int maxTextChars;

  /**
   * @param type {@code mbox}, or {@code eml} (alias {@code eml-dir})
   */
  private MailFileSource(String sourceName, String type, String path, int maxTextChars) {
    this.sourceName = requireNonNull(sourceName, "sourceName");
    this.type = requireNonNull(type, "type");
    this.path = requireNonNull(path, "path");
    this.maxTextChars = maxTextChars;
  }

  @Override
  public String sourceName() {
    return sourceName;
  }

  /** The factory of the file type {@code type}; validates the options, reads nothing. */
  public static SourceFactory factory(String type) {
    return (sourceName, path, options) -> create(sourceName, type, path, options);
  }

  /** The mail-file types' one option; imap takes it too. */
  static final Option<Integer> MAX_TEXT_CHARS =
      Option.integer(MailParser.MAX_TEXT_CHARS_OPTION, MIN_TEXT_CHARS, MailParser.MAX_MAIL_BYTES)
          .withDefault(Integer.toString(MailParser.DEFAULT_MAX_TEXT_CHARS))
          .withDescription(
              "longest text, HTML body or header value kept of a mail, in characters; longer"
                  + " ones are cut with a note in the record");

  /** The options of a mail-file source of {@code type} ({@code mbox}, {@code eml}, ...). */
  public static OptionSet optionSet(String type) {
    return OptionSet.of(type, MAX_TEXT_CHARS);
  }

  private static MailFileSource create(
      String sourceName, String type, Path path, Map<String, String> options)
      throws InvalidSourceException {
    if (path == null) {
      throw InvalidSourceException.of(type, sourceName, "needs a path (a file or a directory)");
    }
    return optionSet(type)
        .configure(
            sourceName,
            options,
            values ->
                new MailFileSource(sourceName, type, path.toString(), values.get(MAX_TEXT_CHARS)));
  }

  @Override
  public List<String> partitions() throws IOException {
    List<String> files = new ArrayList<>();
    TreeSet<Path> skipped = new TreeSet<>();
    int skippedFiles = 0;
    for (String file : SourceReaders.filePartitions(Path.of(path))) {
      Path parent = Path.of(file).getParent();
      if (!type.equals("mbox") && isMaildirTmp(parent)) {
        skipped.add(parent);
        skippedFiles++;
      } else {
        files.add(file);
      }
    }
    if (skippedFiles > 0) {
      LOG.warn(
          "Source {}: {} file(s) in Maildir tmp/ not read (messages still being delivered"
              + " there; a finished delivery moves them to new/): {}",
          sourceName,
          skippedFiles,
          skipped);
    }
    return files;
  }

  /** A directory named tmp beside a cur or new directory: Maildir's delivery area. */
  static boolean isMaildirTmp(Path directory) {
    if (directory == null
        || directory.getFileName() == null
        || !directory.getFileName().toString().equals("tmp")
        || directory.getParent() == null) {
      return false;
    }
    Path maildir = directory.getParent();
    return Files.isDirectory(maildir.resolve("cur")) || Files.isDirectory(maildir.resolve("new"));
  }

  @Override
  public void read(String partition, RecordSink sink) throws IOException {
    (type.equals("mbox") ? new MboxReader(maxTextChars) : new EmlDirectoryReader(maxTextChars))
        .read(Path.of(partition), sourceName, sink);
  }
}
