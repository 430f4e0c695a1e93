package dev.salvage.connectors.email;

import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RecordSink;

/** Hands one raw mail to the sink: a record, or a quarantine entry when it is not a mail. */
final class MailFiles {
  private MailFiles() {}

  static void emit(byte[] raw, MailParser.Origin origin, int maxTextChars, RecordSink sink) {
    try {
      sink.accept(MailParser.parse(raw, origin, maxTextChars));
    } catch (UnreadableMailException e) {
      sink.quarantine(
          new Quarantined(
              origin.source(), origin.location(), e.getMessage(), MailParser.excerpt(raw)));
    }
  }
}
