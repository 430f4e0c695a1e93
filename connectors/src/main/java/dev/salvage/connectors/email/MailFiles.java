package dev.salvage.connectors.email;

import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RecordSink;

/** Hands one raw mail to the sink: a record, or a quarantine entry when it is not a mail. */
final class MailFiles {
  private MailFiles() {}

  static void emit(byte[] raw, String folder, String source, String location, RecordSink sink) {
    try {
      sink.accept(MailParser.parse(raw, folder, source, location));
    } catch (UnreadableMailException e) {
      sink.quarantine(new Quarantined(source, location, e.getMessage(), MailParser.excerpt(raw)));
    }
  }
}
