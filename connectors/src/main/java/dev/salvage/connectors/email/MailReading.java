package dev.salvage.connectors.email;

import dev.salvage.connectors.Option;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a mail source reads its mails, the same for every reader (mbox, .eml, Maildir, IMAP).
 *
 * @param maxTextChars the longest text, HTML body or header value kept of a mail
 * @param zone the zone a Date header without a zone, or with a name RFC 5322 does not define
 *     ({@code CEST}), is read in: the business's; null reads it in UTC
 * @param trustedAuthservIds the authserv-ids (lower-case) of the business's own receiving servers,
 *     whose topmost Authentication-Results may say a sender passed ({@link SenderAuthentication})
 * @param requiredDomains the From domains (lower-case) whose mail is {@code fail} unless a trusted
 *     server's header says it passed
 */
record MailReading(
    int maxTextChars, ZoneId zone, Set<String> trustedAuthservIds, Set<String> requiredDomains)
    implements Serializable {
  static final MailReading DEFAULT = new MailReading(MailParser.DEFAULT_MAX_TEXT_CHARS, null);

  MailReading {
    trustedAuthservIds = Set.copyOf(trustedAuthservIds);
    requiredDomains = Set.copyOf(requiredDomains);
  }

  /** How mail is read trusting no server's pass. */
  MailReading(int maxTextChars, ZoneId zone) {
    this(maxTextChars, zone, Set.of(), Set.of());
  }

  /** {@link #TRUSTED_AUTHSERV_IDS}' value as the set this record holds. */
  static Set<String> trusted(List<String> ids) {
    return ids == null
        ? Set.of()
        : Set.copyOf(ids.stream().map(id -> id.toLowerCase(Locale.ROOT)).toList());
  }

  private static final Pattern DOMAIN =
      Pattern.compile("(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?");

  /** The option every mail source takes: From domains whose mail must pass to be no fail. */
  static final Option<List<String>> REQUIRE_AUTHENTICATED_FROM =
      Option.listOf(
              "require_authenticated_from",
              "list of domains (`rentwise.example`)",
              domain -> {
                String lower = domain.toLowerCase(Locale.ROOT);
                if (!DOMAIN.matcher(lower).matches()) {
                  throw new IllegalArgumentException(
                      "must be domains as a From address ends (rentwise.example), without @");
                }
                return lower;
              })
          .withDefaultDescribed("none")
          .withDescription(
              "mail whose From is of one of these domains (or one below them) is"
                  + " `sender_authentication: fail`, noted and flagged like a forged one, unless"
                  + " the topmost `Authentication-Results` of a `trusted_authserv_ids` server says"
                  + " it passed: for a source that reads only mail the business received, from a"
                  + " server that writes a verdict on every mail (its own Sent mail has none, and"
                  + " would fail)");

  /** Why {@link #REQUIRE_AUTHENTICATED_FROM} needs {@link #TRUSTED_AUTHSERV_IDS}. */
  static final String REQUIRES_TRUSTED =
      "a pass is taken only from the headers of the servers it names, so without it every mail"
          + " of those domains would fail";

  private static final Pattern AUTHSERV_ID = Pattern.compile("[^\\s;()\"=]+");

  /** The option every mail source takes: whose Authentication-Results may say a sender passed. */
  static final Option<List<String>> TRUSTED_AUTHSERV_IDS =
      Option.listOf(
              "trusted_authserv_ids",
              "list of authserv-ids (`mx.google.com`)",
              id -> {
                if (!AUTHSERV_ID.matcher(id).matches()) {
                  throw new IllegalArgumentException(
                      "must be authserv-ids as the first word of an Authentication-Results header"
                          + " writes them (mx.google.com), without spaces, ';', '=' or parentheses");
                }
                return id;
              })
          .withDefaultDescribed("none: no header's pass is trusted")
          .withDescription(
              "the authserv-ids (the first word of an `Authentication-Results` header) of the"
                  + " business's own receiving servers: the topmost such header may say a mail's"
                  + " From passed (`sender_authentication: pass`); a fail is read from any such"
                  + " header (docs/mail.md, Forged senders)");

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
