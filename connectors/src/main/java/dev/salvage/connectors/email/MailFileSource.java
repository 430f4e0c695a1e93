package dev.salvage.connectors.email;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.InvalidSourceException;
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

  private static MailFileSource create(
      String sourceName, String type, Path path, Map<String, String> options)
      throws InvalidSourceException {
    if (path == null) {
      throw new InvalidSourceException(
          "Source " + sourceName + " of type " + type + " needs a path");
    }
    for (String key : options.keySet()) {
      if (!key.equals(MailParser.MAX_TEXT_CHARS_OPTION)) {
        throw new InvalidSourceException(
            "Source "
                + sourceName
                + " of type "
                + type
                + ": option "
                + key
                + " is not an option of type "
                + type
                + "; known options: "
                + MailParser.MAX_TEXT_CHARS_OPTION);
      }
    }
    int maxTextChars =
        maxTextChars(
            options.get(MailParser.MAX_TEXT_CHARS_OPTION),
            problem ->
                new InvalidSourceException(
                    "Source "
                        + sourceName
                        + " of type "
                        + type
                        + ": option "
                        + MailParser.MAX_TEXT_CHARS_OPTION
                        + " "
                        + problem));
    return new MailFileSource(sourceName, type, path.toString(), maxTextChars);
  }

  /** How a mail source reports a bad option value. */
  interface Invalid {
    InvalidSourceException of(String problem);
  }

  /** The value of {@code max_text_chars} (its default when absent), shared with the imap source. */
  static int maxTextChars(String value, Invalid invalid) throws InvalidSourceException {
    if (value == null || value.isBlank()) {
      return MailParser.DEFAULT_MAX_TEXT_CHARS;
    }
    int number;
    try {
      number = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw invalid.of("must be a whole number, got '" + value + "'");
    }
    if (number < MIN_TEXT_CHARS || number > MailParser.MAX_MAIL_BYTES) {
      throw invalid.of(
          "must be between "
              + MIN_TEXT_CHARS
              + " and "
              + MailParser.MAX_MAIL_BYTES
              + ", got "
              + number);
    }
    return number;
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
