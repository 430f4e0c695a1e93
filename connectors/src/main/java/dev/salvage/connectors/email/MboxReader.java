package dev.salvage.connectors.email;

import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.SourceReader;
import dev.salvage.connectors.io.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Reads an mbox file (source type {@code mbox}; gzip accepted) into {@code mail} records, one
 * message in memory at a time, whatever the size of the file. Each record's location is {@code
 * file:offset}, the byte offset of the message's {@code From } line; the folder is the file name. A
 * message that cannot be read as a mail is quarantined at that location. Where one message ends and
 * the next begins, in every mbox dialect, is {@link MboxSplitter}'s rule.
 */
public final class MboxReader implements SourceReader {
  private final int maxTextChars;

  public MboxReader() {
    this(MailParser.DEFAULT_MAX_TEXT_CHARS);
  }

  MboxReader(int maxTextChars) {
    this.maxTextChars = maxTextChars;
  }

  @Override
  public void read(Path file, String sourceName, RecordSink sink) throws IOException {
    String folder = file.getFileName().toString();
    try (InputStream in = InputFiles.open(file)) {
      new MboxSplitter(MailParser.MAX_MAIL_BYTES)
          .split(
              in,
              message -> {
                String location = file + ":" + message.offset();
                if (message.tooLarge()) {
                  sink.quarantine(
                      new Quarantined(
                          sourceName,
                          location,
                          "Cannot parse mail: larger than " + MailParser.MAX_MAIL_BYTES + " bytes",
                          MailParser.excerpt(message.bytes())));
                  return;
                }
                MailFiles.emit(
                    message.bytes(),
                    new MailParser.Origin(
                        sourceName, folder, location, message.separator(), message.notes()),
                    maxTextChars,
                    sink);
              });
    }
  }
}
