package dev.salvage.connectors.email;

import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.SourceReader;
import dev.salvage.connectors.io.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads one message file (source type {@code eml}): an {@code .eml} file or a Maildir {@code
 * cur}/{@code new} file, as found when the pipeline walks a directory (which leaves Maildir {@code
 * tmp} out: see {@link MailFileSource}). One file gives one {@code mail} record located at the
 * file's path. The folder is the directory holding the file (for Maildir, the directory holding
 * {@code cur}/{@code new}).
 */
public final class EmlDirectoryReader implements SourceReader {
  private static final Set<String> MAILDIR_SUBDIRECTORIES = Set.of("cur", "new");

  private final int maxTextChars;

  public EmlDirectoryReader() {
    this(MailParser.DEFAULT_MAX_TEXT_CHARS);
  }

  EmlDirectoryReader(int maxTextChars) {
    this.maxTextChars = maxTextChars;
  }

  @Override
  public void read(Path file, String sourceName, RecordSink sink) throws IOException {
    String location = file.toString();
    byte[] raw;
    try (InputStream in = InputFiles.open(file)) {
      raw = in.readNBytes(MailParser.MAX_MAIL_BYTES + 1);
    }
    if (raw.length > MailParser.MAX_MAIL_BYTES) {
      sink.quarantine(
          new Quarantined(
              sourceName,
              location,
              "Cannot parse mail: larger than " + MailParser.MAX_MAIL_BYTES + " bytes",
              MailParser.excerpt(raw)));
      return;
    }
    MailFiles.emit(
        raw,
        new MailParser.Origin(sourceName, folder(file), location, null, List.of()),
        maxTextChars,
        sink);
  }

  private static String folder(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null || parent.getFileName() == null) {
      return "";
    }
    if (MAILDIR_SUBDIRECTORIES.contains(parent.getFileName().toString())
        && parent.getParent() != null
        && parent.getParent().getFileName() != null) {
      return parent.getParent().getFileName().toString();
    }
    return parent.getFileName().toString();
  }
}
