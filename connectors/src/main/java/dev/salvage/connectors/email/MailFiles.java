package dev.salvage.connectors.email;

import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RecordSink;
import java.util.List;
import java.util.concurrent.Semaphore;

/** Hands one raw mail to the sink: a record, or a quarantine entry when it is not a mail. */
final class MailFiles {
  /**
   * Mails larger than this are parsed one at a time in a JVM. Parsing holds a few decoded copies of
   * a mail at once; two workers each parsing a 90 MB mail filled the default 1 GB heap, where one
   * 122 MB mail alone fits.
   */
  static final int LARGE_MAIL_BYTES = 32 << 20;

  private static final Semaphore LARGE_MAILS = new Semaphore(1);

  private MailFiles() {}

  /**
   * Messages attached to attached messages are read too, down to this depth: a forward of a forward
   * is usual, a deeper chain is not, and a hostile mail must not multiply its work.
   */
  static final int MAX_ATTACHED_DEPTH = 8;

  /**
   * A run of NUL bytes this long in a mail is damage, not content: a crash or a disk error leaves a
   * file's unwritten blocks (512 bytes, 4 KB) zeroed, and mail is text. Parsed, such a block passed
   * for body text: the mail it cut was used as if whole, and the mails whose bytes it replaced (in
   * an mbox, their From lines too) were gone without a word. A few stray NULs are a sender's bug,
   * left to the parser.
   */
  static final int MIN_ZEROED_RUN = 64;

  /**
   * Why {@code raw} cannot be read as a mail when it holds zeroed blocks (runs of at least {@link
   * #MIN_ZEROED_RUN} NUL bytes), with where the first starts counted from the mail's first byte;
   * null when it holds none.
   */
  static String zeroedBlocks(byte[] raw) {
    long first = -1;
    long zeroed = 0;
    int blocks = 0;
    int run = 0;
    for (int i = 0; i <= raw.length; i++) {
      if (i < raw.length && raw[i] == 0) {
        run++;
        continue;
      }
      if (run >= MIN_ZEROED_RUN) {
        blocks++;
        zeroed += run;
        if (first < 0) {
          first = i - run;
        }
      }
      run = 0;
    }
    if (blocks == 0) {
      return null;
    }
    return "Cannot read mail: "
        + zeroed
        + " of its "
        + raw.length
        + " bytes are NUL"
        + (blocks == 1 ? "" : " in " + blocks + " blocks")
        + ", the first from byte "
        + first
        + " of the mail (zeroed by a crash or a disk error: the file is damaged there); what stood there is"
        + " lost, and in an mbox so are the mails that started there";
  }

  static void emit(byte[] raw, MailParser.Origin origin, MailReading reading, RecordSink sink) {
    emit(raw, origin, reading, sink, 0);
  }

  private static void emit(
      byte[] raw, MailParser.Origin origin, MailReading reading, RecordSink sink, int depth) {
    String zeroed = zeroedBlocks(raw);
    if (zeroed != null) {
      sink.quarantine(
          new Quarantined(origin.source(), origin.location(), zeroed, MailParser.excerpt(raw)));
      return;
    }
    boolean large = raw.length > LARGE_MAIL_BYTES;
    if (large) {
      LARGE_MAILS.acquireUninterruptibly();
    }
    MailParser.Parsed parsed;
    try {
      parsed = MailParser.parseWithAttached(raw, origin, reading);
    } catch (UnreadableMailException e) {
      // the reader's notes say why the bytes may not be a mail (text before the first separator,
      // a merge refused): the quarantine is the only place they would be seen
      String reason =
          origin.notes().isEmpty()
              ? e.getMessage()
              : e.getMessage() + " (" + String.join("; ", origin.notes()) + ")";
      sink.quarantine(
          new Quarantined(origin.source(), origin.location(), reason, MailParser.excerpt(raw)));
      return;
    } finally {
      if (large) {
        LARGE_MAILS.release();
      }
    }
    sink.accept(parsed.record());
    // a mail forwarded as an attachment (Thunderbird's default) is evidence in its own right, often
    // the only copy left of what the application sent: read as a mail of its own, its original
    // bytes give it the id the original has, so the two are one piece of evidence
    List<byte[]> attached = parsed.attachedMessages();
    for (int i = 0; i < attached.size(); i++) {
      String location = origin.location() + " attached message " + (i + 1);
      if (depth + 1 > MAX_ATTACHED_DEPTH) {
        sink.quarantine(
            new Quarantined(
                origin.source(),
                location,
                "Cannot read attached mail: attached "
                    + (depth + 1)
                    + " levels deep, past the "
                    + MAX_ATTACHED_DEPTH
                    + " read",
                MailParser.excerpt(attached.get(i))));
        continue;
      }
      MailParser.Origin inner =
          new MailParser.Origin(
              origin.source(),
              origin.folder(),
              location,
              null,
              List.of(MailNotes.ATTACHED_TO + parsed.record().ref() + " at " + origin.location()),
              parsed.deliveryFailedTo());
      emit(attached.get(i), inner, reading, sink, depth + 1);
    }
  }
}
