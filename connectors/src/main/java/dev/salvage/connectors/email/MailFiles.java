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

  static void emit(byte[] raw, MailParser.Origin origin, int maxTextChars, RecordSink sink) {
    emit(raw, origin, maxTextChars, sink, 0);
  }

  private static void emit(
      byte[] raw, MailParser.Origin origin, int maxTextChars, RecordSink sink, int depth) {
    boolean large = raw.length > LARGE_MAIL_BYTES;
    if (large) {
      LARGE_MAILS.acquireUninterruptibly();
    }
    MailParser.Parsed parsed;
    try {
      parsed = MailParser.parseWithAttached(raw, origin, maxTextChars);
    } catch (UnreadableMailException e) {
      sink.quarantine(
          new Quarantined(
              origin.source(), origin.location(), e.getMessage(), MailParser.excerpt(raw)));
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
              List.of(
                  "attached (message/rfc822) to the mail "
                      + parsed.record().ref()
                      + " at "
                      + origin.location()));
      emit(attached.get(i), inner, maxTextChars, sink, depth + 1);
    }
  }
}
