package dev.salvage.connectors.email;

import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
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

  static void emit(byte[] raw, MailParser.Origin origin, int maxTextChars, RecordSink sink) {
    boolean large = raw.length > LARGE_MAIL_BYTES;
    if (large) {
      LARGE_MAILS.acquireUninterruptibly();
    }
    RawRecord record;
    try {
      record = MailParser.parse(raw, origin, maxTextChars);
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
    sink.accept(record);
  }
}
