package dev.salvage.connectors.email;

import java.util.regex.Pattern;

/**
 * The notes of a mail record that a run tells apart by their words: those that say where the mail
 * came from rather than what could not be read (a message attached to another, message/rfc822, is
 * read as a mail of its own, noting the mail that carried it: no damage), and those that say a text
 * part was read in a charset it does not declare (its values may be garbled, so a used one is
 * counted).
 */
public final class MailNotes {
  /** How the note of an attached message starts; the carrying mail's ref and place follow. */
  public static final String ATTACHED_TO = "attached (message/rfc822) to the mail ";

  /**
   * The words of the quarantine reason of a mail past the size a mail is read whole (128 MB): a run
   * lists such mails as not read (exit 3), since nothing of them is, not even the sender, date and
   * text beside the attachment that made them so large.
   */
  public static final String TOO_LARGE = "the most a mail is read whole: nothing in it is read";

  /** Whether {@code reason}, a quarantine entry's, is that of a mail too large to be read. */
  public static boolean isTooLarge(String reason) {
    return reason != null && reason.contains(TOO_LARGE);
  }

  /** How the note of a bounce starts: a mail holding a delivery status report. */
  public static final String DELIVERY_REPORT = "a delivery status report (a bounce): ";

  /**
   * How the note of the original a bounce returns starts: a mapping keeps it out with {@code not:
   * {path: notes, matches: '^returned undelivered'}}.
   */
  public static final String RETURNED_UNDELIVERED = "returned undelivered: ";

  /**
   * How the note of an mbox mail starts whose separator line may be a body line of the mail before
   * it, pasted there unquoted: a mapping keeps such mails out with {@code not: {path: notes,
   * matches: '^doubtful mbox split'}}.
   */
  public static final String DOUBTFUL_SPLIT = "doubtful mbox split: ";

  /**
   * How the note of a mail starts that its owner discarded: deleted in Thunderbird but not yet
   * compacted away, in a Trash or Spam folder, labelled Trash or Spam by Gmail. A mapping keeps
   * such mails out with {@code not: {path: discarded, exists: true}}.
   */
  public static final String DISCARDED = "discarded: ";

  /**
   * How the note of a machine's reply to a mail (an out-of-office reply) starts: what it quotes is
   * the mail it answers. A mapping keeps such mails out with {@code not: {path: auto_submitted,
   * equals: auto-replied}}.
   */
  public static final String AUTO_REPLIED = "automatic reply: ";

  /**
   * How the note of a mail starts whose From a receiving server found not authenticated (DMARC
   * fail, or an aligned SPF fail without a passing DKIM signature, as its Authentication-Results or
   * Received-SPF header says): anyone may have written it. A mapping keeps such mails out with
   * {@code not: {path: sender_authentication, equals: fail}}.
   */
  public static final String SENDER_NOT_AUTHENTICATED = "sender not authenticated: ";

  /**
   * How the note of a mail starts whose Date header is long before the first server received it:
   * delivered again later, it keeps its Date.
   */
  public static final String DELIVERED_LATE = "delivered late: ";

  /** How the note of a mail dated by its Received header, its sender's clock wrong, ends. */
  static final String REDATED = "the sender's clock was wrong; dated by its Received header";

  /**
   * How the note of a mail dated by its mbox separator line, its sender's clock wrong and no
   * Received header to date it, ends.
   */
  static final String REDATED_BY_SEPARATOR =
      "the sender's clock was wrong; dated by its mbox separator line";

  /** What every note of a mail dated otherwise than by its sender's wrong clock holds. */
  public static final String WRONG_CLOCK = "the sender's clock was wrong; dated by its ";

  private MailNotes() {}

  /**
   * Whether {@code note} says the mail was dated by a server or its mailbox, not by its sender's
   * wrong clock.
   */
  public static boolean isRedated(String note) {
    return note.startsWith("Date header ")
        && (note.endsWith(REDATED) || note.endsWith(REDATED_BY_SEPARATOR));
  }

  /** Whether {@code note} says the mail's owner discarded it (deleted, in Trash or Spam). */
  public static boolean isDiscarded(String note) {
    return note.startsWith(DISCARDED);
  }

  /**
   * Whether {@code note} says the mail is in a junk folder or labelled Spam: where phishing lands,
   * unlike Trash, where a business puts the confirmations it has dealt with.
   */
  public static boolean isJunk(String note) {
    return note.startsWith(DISCARDED)
        && (note.endsWith(IN_JUNK_FOLDER) || note.startsWith(DISCARDED + LABELLED + "Spam "));
  }

  /** The end of the discarded note of a mail in a junk folder. */
  static final String IN_JUNK_FOLDER = ", where junk mail goes";

  /** The start, after {@link #DISCARDED}, of the note of a mail Gmail labelled Trash or Spam. */
  static final String LABELLED = "labelled ";

  /** Whether {@code note} says a receiving server did not authenticate the mail's From. */
  public static boolean isSenderNotAuthenticated(String note) {
    return note.startsWith(SENDER_NOT_AUTHENTICATED);
  }

  /** Whether {@code note} says the mail is a machine's reply to another (out of office). */
  public static boolean isAutoReplied(String note) {
    return note.startsWith(AUTO_REPLIED);
  }

  /** Whether {@code note} says the mail's mbox separator may be a body line of the mail before. */
  public static boolean isDoubtfulSplit(String note) {
    return note.startsWith(DOUBTFUL_SPLIT);
  }

  // the notes MimeBody writes of a part read in a charset it does not declare: "part 1
  // (text/plain) declares charset utf-8 but its bytes are not valid UTF-8: read as windows-1252",
  // "... declares charset us-ascii but holds 8-bit bytes: ...", "... declares no charset but holds
  // 8-bit bytes: ...", "... declares charset \"x-unknown\", unknown here, but holds 8-bit bytes:
  // ...", "... declares charset windows-1250 but its bytes are UTF-8 (read as windows-1250 they
  // give \"Ă©\"): read as UTF-8"
  private static final Pattern READ_IN_ANOTHER_CHARSET =
      Pattern.compile(
          "^part .*? declares (charset .*?|no charset) but"
              + " (its bytes are not valid .*|its bytes are UTF-8 .*|holds 8-bit bytes): read as"
              + " [^ ]+$",
          Pattern.DOTALL);

  /**
   * What the note of a header whose 8-bit bytes are not UTF-8 and name no charset says after {@code
   * header <name>}; the charset it was read in follows.
   */
  public static final String HEADER_CHARSET_GUESSED =
      " holds 8-bit bytes that are not UTF-8, with no charset named (no encoded word): read as ";

  /**
   * What the note of a header holding U+FFFD, the replacement character, says after {@code header
   * <name>}: a server or exporter before the run replaced bytes it could not read (GreenMail stores
   * a raw latin-1 {@code ü} so), or an encoded word's bytes are not valid in its charset. The
   * original characters are lost; no charset read now brings them back.
   */
  public static final String HEADER_BYTES_LOST =
      " holds U+FFFD (the replacement character): a server or exporter before this run could not"
          + " read some of its bytes and replaced them, or an encoded word's bytes are not valid in"
          + " its charset; those characters are lost";

  /**
   * Whether {@code note} says a text part was read in another charset than the one it declares, or
   * with 8-bit bytes and no charset (or one unknown here) declared, or a header's 8-bit bytes were
   * read in a charset guessed, or a header holds characters already lost (U+FFFD): the values taken
   * from that text may be garbled.
   */
  public static boolean isReadInAnotherCharset(String note) {
    return (note.contains(" declares ") && READ_IN_ANOTHER_CHARSET.matcher(note).matches())
        || (note.startsWith("header ")
            && (note.contains(HEADER_CHARSET_GUESSED) || note.endsWith(HEADER_BYTES_LOST)));
  }

  /**
   * What every note of a mail that may be cut says (an unclosed multipart, HTML that stops inside
   * an element, a quoted-printable escape left half written): the end of the mail, and of the value
   * it stopped in, may be missing.
   */
  public static final String MAY_BE_CUT = "the mail may be cut";

  /** How the note of a part whose base64 is damaged ends, after what the damage is. */
  static final String BASE64_MAY_BE_GARBLED = " may be garbled";

  /**
   * Whether {@code note} says the mail may be cut or a part of it garbled (its base64 damaged): a
   * value read from it may be cut short ("CHF 1'050.00" read as 100) or shifted, and a used one is
   * counted and the values resting on it alone flagged.
   */
  public static boolean isPossiblyCut(String note) {
    return note.contains(MAY_BE_CUT)
        || (note.startsWith("part ")
            && note.contains(": base64 body ")
            && note.endsWith(BASE64_MAY_BE_GARBLED));
  }

  /**
   * How the note of a calendar part of a mail (text/calendar, application/ics) starts, its part
   * ({@code part 2 (text/calendar) invite.ics}) and what of it could not be read following: an
   * event, or the whole calendar, that is in no invitation of the mail.
   */
  public static final String INVITATION_IN = "invitation in part ";

  /**
   * Whether {@code note} says an event of a calendar part of the mail, or the whole part, could not
   * be read: the rest of the mail was read, but that evidence is in no record, so such mails are
   * counted and a value read from the mail's invitations flagged.
   */
  public static boolean isInvitationUnread(String note) {
    return note.startsWith(INVITATION_IN);
  }

  /** How the note of an mbox separator line that does not date its mail starts. */
  static final String SEPARATOR_LINE = "the mbox separator line (\"";

  /**
   * What the note says, after the separator line, of a separator whose date is a placeholder (the
   * first of January) exporters write on every mail, the mail being dated by its Date header.
   */
  static final String SEPARATOR_NOT_DATING =
      "\") does not date the mail, though its Date header is long after it: its date is ";

  /**
   * Whether {@code note} says only that the mbox separator line does not date the mail, which its
   * Date header dates: true of every mail of such a file, and no damage to the mail.
   */
  public static boolean isSeparatorNotDating(String note) {
    return note.startsWith(SEPARATOR_LINE) && note.contains(SEPARATOR_NOT_DATING);
  }

  /**
   * How the note of a mail read from an mbox file found among single mail files ends (after {@code
   * read as mail N of M}).
   */
  public static final String MBOX_AMONG_MAIL_FILES =
      " of an mbox file found where single mails were expected";

  /**
   * Whether {@code note} says only that the mail was read from an mbox file found among mail files
   * (an export dropped among them, a whole mailbox given to an eml source): true of every mail of
   * such a file, and no damage to the mail.
   */
  public static boolean isMboxAmongMailFiles(String note) {
    return note.startsWith("read as mail ") && note.endsWith(MBOX_AMONG_MAIL_FILES);
  }

  /**
   * Whether a mail's {@code text} forwards another mail inline (a forward marker, or a forward's
   * subject over quoted history): what it forwards is text of it, read by no rule unless one reads
   * the forward's {@code text}, where an attached original is read as a mail of its own.
   */
  public static boolean forwardsInline(String text, String subject) {
    return QuotedText.forwardsInline(text, subject);
  }

  /**
   * Whether {@code note} says where the mail came from or what it is (a bounce, the original one
   * returns, discarded by its owner, a machine's reply, a sender not authenticated), not what could
   * not be read of it.
   */
  public static boolean isProvenance(String note) {
    return note.startsWith(ATTACHED_TO)
        || note.startsWith(DISCARDED)
        || note.startsWith(AUTO_REPLIED)
        || note.startsWith(SENDER_NOT_AUTHENTICATED)
        || note.startsWith(DELIVERY_REPORT)
        || note.startsWith(RETURNED_UNDELIVERED);
  }
}
