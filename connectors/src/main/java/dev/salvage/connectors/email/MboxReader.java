package dev.salvage.connectors.email;

import dev.salvage.connectors.PartitionFailure;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.SourceReader;
import dev.salvage.connectors.UnreadPartitionException;
import dev.salvage.connectors.io.InputFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Reads an mbox file (source type {@code mbox}; gzip accepted) into {@code mail} records, one
 * message in memory at a time, whatever the size of the file. Each record's location is {@code
 * file:offset}, the byte offset of the message's {@code From } line; the folder is the file name. A
 * message that cannot be read as a mail is quarantined at that location. Where one message ends and
 * the next begins, in every mbox dialect, is {@link MboxSplitter}'s rule.
 */
public final class MboxReader implements SourceReader {
  private static final int BUFFER_SIZE = 1 << 16;

  private final MailReading reading;

  public MboxReader() {
    this(MailReading.DEFAULT);
  }

  /** A reader that reads a Date header without a zone in {@code zone} (null: UTC). */
  public MboxReader(ZoneId zone) {
    this(new MailReading(MailParser.DEFAULT_MAX_TEXT_CHARS, zone));
  }

  MboxReader(MailReading reading) {
    this.reading = reading;
  }

  @Override
  public void read(Path file, String sourceName, RecordSink sink) throws IOException {
    if (isMailFile(file)) {
      // one mail, as an eml source reads it: an .emlx without its length line and property list,
      // an .eml (or an mbox saved as one) as it is
      new EmlDirectoryReader(reading).read(file, sourceName, sink);
      return;
    }
    Counting counted = new Counting(sink);
    MboxSplitter.Message[] cut = {null};
    try (InputStream in = InputFiles.open(file)) {
      new MboxSplitter(MailParser.MAX_MAIL_BYTES)
          .split(in, message -> emitUnlessCut(file, message, sourceName, counted, cut));
    } catch (IOException e) {
      throw named(file, e);
    }
    failIfCut(file, file.toAbsolutePath().normalize().toString(), sourceName, counted, cut[0]);
  }

  /**
   * Whether a file of an mbox source is a single mail by its name ({@code .eml}, Apple Mail's
   * {@code .emlx}), dropped among the mailboxes (an Apple Mail library holds both). Read as an
   * mbox, an .emlx was its length line, the message and its property list, a copy of the message
   * elsewhere another piece of evidence; an .eml without a final line break was a mailbox cut
   * inside its last line (exit 3).
   */
  static boolean isMailFile(Path file) {
    Path name = file.getFileName();
    if (name == null) {
      return false;
    }
    String lower = name.toString().toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith(".eml") || lower.endsWith(".emlx");
  }

  /**
   * Emits a message; one that shows the file was cut inside it is held: its last line has no line
   * break (every mail client and export ends a message with one), or it is the file's last and its
   * body is shorter than its Content-Length header announced (mboxcl, mboxcl2).
   */
  private void emitUnlessCut(
      Path file,
      MboxSplitter.Message message,
      String sourceName,
      RecordSink sink,
      MboxSplitter.Message[] cut) {
    if (message.cut() != null) {
      cut[0] = message;
    } else {
      emit(file, message, sourceName, sink);
    }
  }

  /**
   * A cut message's values may be cut too (a price of 125 read as 12), so it is quarantined rather
   * than used, and its partition is reported not read to its end: the rest of that message, and any
   * message written after it, is not in the file.
   */
  private static void failIfCut(
      Path file, String partition, String sourceName, Counting sink, MboxSplitter.Message cut)
      throws UnreadPartitionException {
    if (cut == null) {
      return;
    }
    String reason =
        "Cannot read mail at byte "
            + cut.offset()
            + " of mbox file "
            + file
            + " to its end: "
            + cut.cut().what()
            + " (cut while it was written or copied); the end of this mail is missing";
    sink.quarantine(
        new Quarantined(
            sourceName, file + ":" + cut.offset(), reason, MailParser.excerpt(cut.bytes())));
    throw new UnreadPartitionException(
        new PartitionFailure(
            sourceName,
            partition,
            "the end of the mail at byte "
                + cut.offset()
                + " (quarantined) and any mail written after it",
            sink.count,
            reason + ". If the file is complete as it is, " + cut.cut().fix(),
            false),
        null);
  }

  /** Counts what a partition passed on, for its failure's account. */
  private static final class Counting implements RecordSink {
    private final RecordSink sink;
    private long count;

    Counting(RecordSink sink) {
      this.sink = sink;
    }

    @Override
    public void accept(RawRecord record) {
      count++;
      sink.accept(record);
    }

    @Override
    public void quarantine(Quarantined bad) {
      count++;
      sink.quarantine(bad);
    }
  }

  /**
   * The splitter's own failures (plain IOExceptions) name no file; the operator needs it. Others
   * pass as they are: their type says what happened (a truncated gzip's EOFException, a missing
   * file's NoSuchFileException), which the run's report turns into its own words.
   */
  private static IOException named(Path file, IOException e) {
    String message = String.valueOf(e.getMessage());
    return e.getClass() != IOException.class || message.contains(file.toString())
        ? e
        : new IOException("Cannot read mbox file " + file + ": " + message, e);
  }

  /**
   * Reads the messages starting in one range of an uncompressed mbox file: exactly the records a
   * whole read gives for them, offsets included. The range's ends are message starts that {@link
   * #messageStarts} found in the same bytes.
   *
   * @throws IOException naming the file and the range, before any record is passed on, when the
   *     file's size or modification time changed since the starts were found; or when it has no
   *     message start at the range's ends any more
   */
  void readRange(MboxRange range, String sourceName, RecordSink sink) throws IOException {
    range.checkUnchanged();
    Path file = Path.of(range.file());
    Counting counted = new Counting(sink);
    MboxSplitter.Message[] cut = {null};
    long stopped;
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      channel.position(range.start());
      InputStream in = new BufferedInputStream(Channels.newInputStream(channel), BUFFER_SIZE);
      try {
        stopped =
            new MboxSplitter(MailParser.MAX_MAIL_BYTES)
                .splitRange(
                    in,
                    range.start(),
                    range.end(),
                    message -> emitUnlessCut(file, message, sourceName, counted, cut));
      } catch (IOException e) {
        throw new IOException("Cannot read " + range.describe() + ": " + e.getMessage(), e);
      }
    }
    if (stopped != range.end()) {
      throw new IOException(
          "Cannot read "
              + range.describe()
              + ": its messages ran to byte "
              + stopped
              + " instead of its end (the file changed since it was split)");
    }
    failIfCut(file, range.partition(), sourceName, counted, cut[0]);
    long sizeNow = Files.size(file);
    if (range.end() == range.size() && sizeNow > range.size()) {
      // the last range: what was appended after the run split the file is in no range; the range
      // itself was read whole, which "what follows the first N records" would have denied
      String appended = "bytes " + range.size() + "-" + sizeNow + " of " + file;
      throw new dev.salvage.connectors.UnreadPartitionException(
          new dev.salvage.connectors.PartitionFailure(
              sourceName,
              range.partition(),
              appended + ", appended after the run split the file into ranges",
              counted.count,
              "Cannot read "
                  + appended
                  + ": appended after the run split the file into ranges (mail delivered while"
                  + " the run read it); the "
                  + range.size()
                  + " bytes before them were read. Rerun to read them",
              false),
          null);
    }
  }

  /**
   * The folder of an mbox file: its name, below the folders that hold it as Thunderbird shows them
   * ({@code Archives.sbd/2026} is {@code Archives/2026}), where the file's name alone named a
   * subfolder as if it stood at the top.
   */
  static String folder(Path file) {
    StringBuilder folder = new StringBuilder(file.getFileName().toString());
    for (Path parent = file.getParent();
        parent != null
            && parent.getFileName() != null
            && parent.getFileName().toString().endsWith(".sbd")
            && parent.getFileName().toString().length() > ".sbd".length();
        parent = parent.getParent()) {
      String name = parent.getFileName().toString();
      folder.insert(0, name.substring(0, name.length() - ".sbd".length()) + "/");
    }
    return folder.toString();
  }

  /** The offsets where messages start in a whole mbox file, by the rule that splits it. */
  static void messageStarts(Path file, LongConsumer starts) throws IOException {
    try (InputStream in = InputFiles.open(file)) {
      new MboxSplitter(MailParser.MAX_MAIL_BYTES).messageStarts(in, starts);
    } catch (IOException e) {
      throw named(file, e);
    }
  }

  private void emit(Path file, MboxSplitter.Message message, String sourceName, RecordSink sink) {
    emit(file, message, sourceName, sink, message.notes());
  }

  /** Emits one message of an mbox with its own notes and the ones given. */
  void emit(
      Path file,
      MboxSplitter.Message message,
      String sourceName,
      RecordSink sink,
      List<String> notes) {
    String location = file + ":" + message.offset();
    if (message.tooLarge()) {
      sink.quarantine(
          new Quarantined(
              sourceName,
              location,
              MailParser.tooLarge(location),
              MailParser.excerpt(message.bytes())));
      return;
    }
    MailFiles.emit(
        message.bytes(),
        new MailParser.Origin(
            sourceName,
            folder(file),
            location,
            message.separator(),
            notes,
            List.of(),
            date -> SeparatorDates.placeholder(file, date)),
        reading,
        sink);
  }
}
