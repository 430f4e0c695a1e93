package dev.salvage.connectors.email;

import dev.salvage.connectors.Option;
import java.io.Serializable;
import java.time.ZoneId;

/**
 * How a mail source reads its mails, the same for every reader (mbox, .eml, Maildir, IMAP).
 *
 * @param maxTextChars the longest text, HTML body or header value kept of a mail
 * @param zone the zone a Date header without a zone, or with a name RFC 5322 does not define
 *     ({@code CEST}), is read in: the business's; null reads it in UTC
 */
record MailReading(int maxTextChars, ZoneId zone) implements Serializable {
  static final MailReading DEFAULT = new MailReading(MailParser.DEFAULT_MAX_TEXT_CHARS, null);

  /**
   * The option every mail source takes; a run sets it to the business timezone of its config unless
   * the source sets it itself.
   */
  static final Option<ZoneId> TIMEZONE =
      Option.zone("timezone", "Europe/Oslo")
          .withDefaultDescribed("the run config's business `timezone`, else UTC")
          .withDescription(
              "zone a Date header without a zone, or with a name RFC 5322 does not define"
                  + " (`CEST`, `BST`), is read in; the record's notes say which was assumed");
}
