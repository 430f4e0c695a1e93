package dev.salvage.connectors.email;

import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.SourceReader;
import dev.salvage.connectors.io.InputFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one message file (source type {@code eml}): an {@code .eml} file, a Maildir {@code
 * cur}/{@code new} file or an Apple Mail {@code .emlx} file, as found when the pipeline walks a
 * directory (which leaves Maildir {@code tmp} out: see {@link MailFileSource}). One file gives one
 * {@code mail} record located at the file's path. The folder is the directory holding the file (for
 * Maildir, the folder as its IMAP server shows it: see {@link #maildirFolder}).
 */
public final class EmlDirectoryReader implements SourceReader {
  private static final Set<String> MAILDIR_SUBDIRECTORIES = Set.of("cur", "new");
  private static final byte[] MBOX_SEPARATOR = "From ".getBytes(StandardCharsets.US_ASCII);
  private static final Logger LOG = LoggerFactory.getLogger(EmlDirectoryReader.class);

  private final MailReading reading;

  public EmlDirectoryReader() {
    this(MailReading.DEFAULT);
  }

  /** A reader that reads a Date header without a zone in {@code zone} (null: UTC). */
  public EmlDirectoryReader(ZoneId zone) {
    this(new MailReading(MailParser.DEFAULT_MAX_TEXT_CHARS, zone));
  }

  EmlDirectoryReader(MailReading reading) {
    this.reading = reading;
  }

  @Override
  public void read(Path file, String sourceName, RecordSink sink) throws IOException {
    String location = file.toString();
    byte[] raw;
    try (InputStream in = InputFiles.open(file)) {
      raw = in.readNBytes(MailParser.MAX_MAIL_BYTES + 1);
    }
    if (MailParser.withoutByteOrderMark(raw).length == 0) {
      // an empty file holds no mail: the run names it once, among the empty files, where a
      // quarantined "mail" said a record could not be read
      return;
    }
    if (raw.length > MailParser.MAX_MAIL_BYTES) {
      sink.quarantine(
          new Quarantined(
              sourceName, location, MailParser.tooLarge(location), MailParser.excerpt(raw)));
      return;
    }
    if (isEmlx(file)) {
      byte[] message = emlxMessage(raw);
      if (message == null) {
        sink.quarantine(
            new Quarantined(
                sourceName,
                location,
                "Cannot read Apple Mail message: its first line is not the length in bytes of the"
                    + " message that follows (an .emlx file)",
                MailParser.excerpt(raw)));
        return;
      }
      raw = message;
    } else if (readAsMbox(file, raw, sourceName, sink)) {
      return;
    }
    List<String> notes = List.of();
    if (endsLinesInLoneCarriageReturns(raw)) {
      raw = carriageReturnsAsLineFeeds(raw);
      notes = List.of(CLASSIC_MAC_NOTE);
    }
    MailFiles.emit(
        raw, new MailParser.Origin(sourceName, folder(file), location, null, notes), reading, sink);
  }

  static final String CLASSIC_MAC_NOTE =
      "its lines end in a lone carriage return (classic Mac OS): read with each one as a line end";

  /**
   * Whether a mail file's lines end in a lone CR (classic Mac OS, and programs of its time): it
   * holds CRs and not one LF. Read as it is, its header lines were told apart but not its body's: a
   * multipart's boundary lines were never found and its parts were one text, the HTML's source in
   * it, the HTML body empty.
   */
  static boolean endsLinesInLoneCarriageReturns(byte[] raw) {
    boolean cr = false;
    for (byte b : raw) {
      if (b == '\n') {
        return false;
      }
      cr |= b == '\r';
    }
    return cr;
  }

  /** The mail with every CR an LF, as it would have been saved on any other system. */
  static byte[] carriageReturnsAsLineFeeds(byte[] raw) {
    byte[] lines = raw.clone();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i] == '\r') {
        lines[i] = '\n';
      }
    }
    return lines;
  }

  /**
   * Reads a file that is an mbox of several mails as one (an export dropped among .eml files), each
   * mail located at {@code file:offset} with a note: parsed as one mail, all but the first would be
   * lost inside its text without a word. A saved mail that starts with its {@code From } line is
   * one message and read as before.
   *
   * @return whether the file held several mails and was read so
   */
  private boolean readAsMbox(Path file, byte[] raw, String sourceName, RecordSink sink)
      throws IOException {
    byte[] mail = MailParser.withoutByteOrderMark(raw);
    int n = MBOX_SEPARATOR.length;
    if (mail.length < n || !Arrays.equals(mail, 0, n, MBOX_SEPARATOR, 0, n)) {
      return false;
    }
    List<MboxSplitter.Message> messages = new ArrayList<>();
    new MboxSplitter(MailParser.MAX_MAIL_BYTES).split(new ByteArrayInputStream(raw), messages::add);
    if (messages.size() < 2) {
      return false;
    }
    LOG.warn(
        "Source {}: {} holds {} mails in mbox form: each is read as a mail of an mbox",
        sourceName,
        file,
        messages.size());
    MboxReader mbox = new MboxReader(reading);
    for (int i = 0; i < messages.size(); i++) {
      MboxSplitter.Message message = messages.get(i);
      List<String> notes = new ArrayList<>(message.notes());
      notes.add(
          "read as mail " + (i + 1) + " of " + messages.size() + MailNotes.MBOX_AMONG_MAIL_FILES);
      mbox.emit(file, message, sourceName, sink, notes);
    }
    return true;
  }

  private static boolean isEmlx(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".emlx");
  }

  /**
   * The message of an Apple Mail {@code .emlx} file: a line holding the message's length in bytes,
   * the message, then an XML property list of its flags. Read whole as one mail, the count line
   * ended the headers before they began. Null when the first line is not such a length.
   */
  static byte[] emlxMessage(byte[] raw) {
    int end = 0;
    while (end < raw.length && raw[end] != '\n') {
      end++;
    }
    String count = new String(raw, 0, end, StandardCharsets.US_ASCII).strip();
    if (end == raw.length || count.isEmpty() || count.length() > 10 || !count.matches("\\d+")) {
      return null;
    }
    long length = Long.parseLong(count);
    int start = end + 1;
    if (length > raw.length - start) {
      return null;
    }
    return Arrays.copyOfRange(raw, start, start + (int) length);
  }

  private static String folder(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null || parent.getFileName() == null) {
      return "";
    }
    if (isEmlx(file)) {
      // Apple Mail keeps a mailbox's messages in INBOX.mbox/<uuid>/Data/.../Messages/
      for (Path up = parent; up != null && up.getFileName() != null; up = up.getParent()) {
        String name = up.getFileName().toString();
        if (name.endsWith(".mbox") && name.length() > ".mbox".length()) {
          return name.substring(0, name.length() - ".mbox".length());
        }
      }
    }
    if (MAILDIR_SUBDIRECTORIES.contains(parent.getFileName().toString())
        && parent.getParent() != null
        && parent.getParent().getFileName() != null) {
      return maildirFolder(parent.getParent());
    }
    return parent.getFileName().toString();
  }

  /**
   * The folder a Maildir holds, as its IMAP server shows it, so that a rule on {@code folder} reads
   * the same name from a Maildir copy as from the server: a Maildir++ folder {@code .a.b} beside
   * {@code cur} of its parent is {@code a/b}; the top of a Maildir++ tree (one holding such
   * folders, or named {@code Maildir}) is {@code INBOX}; any other Maildir is its directory's name.
   */
  private static String maildirFolder(Path maildir) {
    String name = maildir.getFileName().toString();
    Path above = maildir.getParent();
    if (name.length() > 1 && name.startsWith(".") && above != null && isMaildir(above)) {
      return name.substring(1).replace('.', '/');
    }
    if (name.equals("Maildir") || holdsMaildirPlusPlusFolders(maildir)) {
      return "INBOX";
    }
    return name;
  }

  private static boolean isMaildir(Path directory) {
    return java.nio.file.Files.isDirectory(directory.resolve("cur"))
        || java.nio.file.Files.isDirectory(directory.resolve("new"));
  }

  private static boolean holdsMaildirPlusPlusFolders(Path maildir) {
    try (java.util.stream.Stream<Path> children = java.nio.file.Files.list(maildir)) {
      return children.anyMatch(
          child ->
              child.getFileName().toString().startsWith(".")
                  && java.nio.file.Files.isDirectory(child)
                  && isMaildir(child));
    } catch (IOException e) {
      return false; // named as before: its mail is read all the same
    }
  }
}
