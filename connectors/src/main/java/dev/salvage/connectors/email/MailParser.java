package dev.salvage.connectors.email;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.calendar.IcsReader;
import dev.salvage.connectors.io.TextDecoding;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the raw bytes of one mail into a {@code mail} raw record (shape in {@link RawRecord}).
 * Shared by the mbox and .eml readers so that a mail reads the same whatever file held it.
 */
final class MailParser {
  static final String KIND = "mail";

  /** Larger mails are quarantined rather than parsed: they would have to fit in the heap. */
  static final int MAX_MAIL_BYTES = 128 << 20;

  /** The option of every mail source that bounds text, HTML bodies and header values. */
  static final String MAX_TEXT_CHARS_OPTION = "max_text_chars";

  static final int DEFAULT_MAX_TEXT_CHARS = 1_000_000;

  private static final int EXCERPT_BYTES = 2000;
  private static final int REF_HASH_CHARS = 12;
  private static final Logger LOG = LoggerFactory.getLogger(MailParser.class);

  private static final ObjectMapper JSON = new ObjectMapper();
  // No network properties: this session only parses bytes already read.
  private static final Session SESSION = Session.getInstance(new Properties());
  private static final Set<String> MAIL_HEADERS =
      Set.of("from", "to", "cc", "date", "subject", "message-id", "received");
  private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]+");
  private static final Pattern FOLDING = Pattern.compile("\\r?\\n(?=[ \\t])");
  private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+)>");

  static {
    // Jakarta Mail 2.1 looks its StreamProvider up with a ServiceLoader scan of the whole class
    // path for every header block it parses (a third of the parse time on an mbox); naming the
    // provider, the one that scan finds anyway, turns that into a cheap reflective call.
    if (System.getProperty(StreamProvider.class.getName()) == null) {
      System.setProperty(StreamProvider.class.getName(), MailStreamProvider.class.getName());
    }
  }

  private MailParser() {}

  /**
   * Where a mail was found.
   *
   * @param folder the mailbox or folder it was found in
   * @param location where it is, for records and quarantine entries
   * @param separator the mbox separator line before it, or null
   * @param notes what the reader noted about it, copied into the record's notes
   * @param returnedFailedTo when it is the original a bounce returns, the addresses delivery to
   *     failed, which its {@code to} and {@code cc} leave out; else empty
   * @param placeholder why the separator line's date is a placeholder of the file's writer, not
   *     when the mailbox stored the mail, or null: asked only when that date would date the mail,
   *     since telling may read the whole file
   */
  record Origin(
      String source,
      String folder,
      String location,
      String separator,
      List<String> notes,
      List<String> returnedFailedTo,
      Function<Instant, String> placeholder) {
    Origin {
      notes = List.copyOf(notes);
      returnedFailedTo = List.copyOf(returnedFailedTo);
    }

    /** Where a mail was found whose separator line, if any, carries no placeholder date. */
    Origin(
        String source,
        String folder,
        String location,
        String separator,
        List<String> notes,
        List<String> returnedFailedTo) {
      this(source, folder, location, separator, notes, returnedFailedTo, date -> null);
    }

    /** Where a mail that no bounce returned was found. */
    Origin(String source, String folder, String location, String separator, List<String> notes) {
      this(source, folder, location, separator, notes, List.of());
    }
  }

  /**
   * Parses one mail.
   *
   * @param reading the longest text, HTML body or header value kept (longer ones are cut with a
   *     note in the record), and the zone of a Date header without one
   * @throws UnreadableMailException when the bytes carry none of the headers of a mail
   */
  static RawRecord parse(byte[] raw, Origin origin, MailReading reading)
      throws UnreadableMailException {
    return parseWithAttached(raw, origin, reading).record();
  }

  /**
   * A mail read, and the bytes of the messages attached to it (message/rfc822), each of which is a
   * mail of its own.
   *
   * @param deliveryFailedTo when the mail is a bounce, the addresses its delivery status report
   *     says delivery failed to, which the original it returns was sent to; else empty
   */
  record Parsed(RawRecord record, List<byte[]> attachedMessages, List<String> deliveryFailedTo) {
    Parsed {
      requireNonNull(record, "record");
      attachedMessages = List.copyOf(attachedMessages);
      deliveryFailedTo = List.copyOf(deliveryFailedTo);
    }
  }

  /** Parses one mail like {@link #parse}, keeping the messages attached to it. */
  static Parsed parseWithAttached(byte[] raw, Origin origin, MailReading reading)
      throws UnreadableMailException {
    raw = withoutByteOrderMark(raw);
    MimeMessage message;
    try {
      message = new MimeMessage(SESSION, new ByteArrayInputStream(withBodySeparated(raw)));
    } catch (MessagingException | RuntimeException e) {
      throw new UnreadableMailException(
          "Cannot parse mail: headers are unreadable: " + e.getMessage());
    }
    List<String> headerNotes = new ArrayList<>();
    Set<String> notUtf8 = new HashSet<>();
    Map<String, String> rawHeaders = rawHeaders(message, notUtf8);
    rawHeaders.replaceAll(
        (name, value) -> {
          String charset = RawIso2022.charsetOf(value);
          if (charset == null) {
            return value;
          }
          headerNotes.add(
              "header "
                  + name
                  + " holds "
                  + charset
                  + " escape sequences without an encoded word (=?...?=): read as "
                  + charset);
          return RawIso2022.decode(value, charset);
        });
    if (rawHeaders.keySet().stream().noneMatch(MAIL_HEADERS::contains)) {
      throw new UnreadableMailException(
          "Cannot parse mail: no mail header (From, To, Cc, Date, Subject, Message-ID, Received) found");
    }
    MimeBody body;
    try {
      body = MimeBody.of(message);
    } catch (StackOverflowError tooDeep) {
      // a parser library recursing per nested element or repeated token: one mail, not the run
      throw new UnreadableMailException(
          "Cannot parse mail: its body nests or repeats too deeply to read (stack overflow)");
    }
    EightBitHeaders.read(rawHeaders, notUtf8, body.textCharset(), headerNotes);
    rawHeaders.forEach(
        (name, value) -> {
          // an IMAP server that stored raw latin-1 as U+FFFD gave "Lukas M\uFFFDller" with no
          // word, while the same bytes from a file were noted and read right
          String decoded = EncodedWords.decode(value);
          if (decoded != null && decoded.indexOf('\uFFFD') >= 0) {
            headerNotes.add("header " + name + MailNotes.HEADER_BYTES_LOST);
          }
        });
    String messageId = messageId(rawHeaders.get("message-id"));
    List<Addresses.Mailbox> from = Addresses.parse(rawHeaders.get("from"));

    ObjectNode json = JSON.createObjectNode();
    json.put("message_id", messageId);
    json.put("folder", origin.folder());
    // notes come early so that a quarantine entry's excerpt of the record shows them
    List<String> notes = new ArrayList<>(origin.notes());
    notes.addAll(headerNotes);
    notes.addAll(body.notes());
    List<String> failedTo = bounced(body, origin, notes);
    MailDate date = date(rawHeaders.get("date"), message, origin, reading.zone(), notes);
    json.put("date", date == null ? null : date.instant().toString());
    json.put("date_source", date == null ? null : date.source());
    ArrayNode noteArray = json.putArray("notes");
    json.put("from", from.isEmpty() ? null : from.get(0).address());
    json.put("from_name", from.isEmpty() ? null : from.get(0).name());
    putAddresses(json.putArray("to"), rawHeaders.get("to"), origin.returnedFailedTo());
    putAddresses(json.putArray("cc"), rawHeaders.get("cc"), origin.returnedFailedTo());
    if (!failedTo.isEmpty()) {
      failedTo.forEach(json.putArray("delivery_failed_to")::add);
    }
    if (!body.deliveryFailedTo().isEmpty()) {
      // the run treats those addresses as failed on every copy of that mail, the sender's Sent
      // one included, which no bounce returns
      json.put("returned_message_id", returnedMessageId(body, rawHeaders.get("in-reply-to")));
    }
    Capper cap = new Capper(reading.maxTextChars(), notes);
    json.put("subject", cap.apply("subject", EncodedWords.decode(rawHeaders.get("subject"))));
    // the text of an HTML-only mail comes from the HTML as kept: a DOM of a 60 MB body alone
    // filled the heap, and the text would be cut to max_text_chars anyway
    String html = cap.apply("html", body.html());
    String text = body.plainText();
    // a template engine's empty text part beside the HTML that holds everything (an outside
    // trial's multipart/alternative mail) says nothing: the HTML's text stands for it
    boolean emptyPart = text != null && text.isBlank() && html != null;
    boolean fromHtml = (text == null || emptyPart) && html != null;
    if (fromHtml) {
      try {
        text = HtmlText.of(html);
        if (emptyPart && !text.isBlank()) {
          notes.add("the text/plain part is empty: text and text_new are taken from the html part");
        }
      } catch (StackOverflowError tooDeep) {
        notes.add("html too deeply nested to take its text from (stack overflow): text left empty");
      }
    }
    text = cap.apply("text", text);
    json.put("text", text);
    // what the writer wrote: a reply's rule reads the new value, not the quoted old one below it
    json.put(
        "text_new",
        cap.apply(
            "text_new",
            fromHtml && text != null
                ? QuotedText.ofHtml(html, text, json.path("subject").asText(null))
                : QuotedText.of(text, json.path("subject").asText(null))));
    json.put("html", html);
    ArrayNode attachments = json.putArray("attachments");
    for (MimeBody.Attachment attachment : body.attachments()) {
      attachments
          .addObject()
          .put("name", attachment.name())
          .put("type", attachment.type())
          .put("size", attachment.size());
    }
    putInvitations(json, body.calendars(), reading.zone(), notes);
    MailStanding standing =
        MailStanding.of(rawHeaders, origin.folder(), json.path("subject").asText(null));
    json.put("deleted", standing.deleted());
    standing.labels().forEach(json.putArray("labels")::add);
    json.put("discarded", standing.discarded());
    json.put("auto_submitted", standing.autoSubmitted());
    notes.addAll(standing.notes());
    SenderAuthentication authentication =
        SenderAuthentication.of(
            allValues(message, "Authentication-Results"),
            allValues(message, "Received-SPF"),
            json.path("from").asText(null),
            reading.trustedAuthservIds(),
            reading.requiredDomains());
    json.put("sender_authentication", authentication.verdict());
    if (authentication.note() != null) {
      notes.add(authentication.note());
    }
    ObjectNode headers = json.putObject("headers");
    rawHeaders.forEach(
        (name, value) ->
            headers.put(name, cap.apply("header " + name, EncodedWords.decode(value))));
    notes.forEach(noteArray::add);
    if (cap.cut()) {
      LOG.warn(
          "Source {}: mail {} at {}: {}",
          origin.source(),
          messageId == null ? "without Message-ID" : "<" + messageId + ">",
          origin.location(),
          String.join("; ", notes));
    }
    return new Parsed(
        record(origin, messageId, raw, json.toString()),
        body.attachedMessages(),
        body.deliveryFailedTo());
  }

  /**
   * The events of the mail's calendar parts as {@code invitations}, each an event in the shape an
   * {@code ics} source gives (read by the same reader) with the calendar's {@code method} and the
   * {@code part} it came from; left out for a mail without one, so other mail records keep their
   * shape. What a part holds that cannot be read is a note: the rest of the mail is read.
   */
  private static void putInvitations(
      ObjectNode json, List<MimeBody.CalendarPart> calendars, ZoneId zone, List<String> notes) {
    if (calendars.isEmpty()) {
      return;
    }
    ArrayNode invitations = json.putArray("invitations");
    for (MimeBody.CalendarPart calendar : calendars) {
      String part =
          calendar.fileName() == null
              ? calendar.part()
              : calendar.part() + " " + calendar.fileName();
      IcsReader.CalendarText read =
          IcsReader.readText(calendar.text(), part, calendar.fileName(), zone);
      for (ObjectNode event : read.events()) {
        ObjectNode invitation = invitations.addObject();
        invitation.put("method", read.method());
        invitation.put("part", part);
        invitation.setAll(event);
      }
      // MimeBody names every part "part N (type)", so each note starts MailNotes.INVITATION_IN,
      // which counts the mail and flags the values read from its invitations
      read.problems().forEach(problem -> notes.add("invitation in " + part + ": " + problem));
      if (read.events().isEmpty() && read.problems().isEmpty()) {
        notes.add("invitation in " + part + ": it holds no event (VEVENT), so nothing was read");
      }
    }
  }

  /**
   * The Message-ID of the mail a bounce returns: its attached original's, else that of the header
   * block it returns in place of the original, else its In-Reply-To; null when none says.
   */
  private static String returnedMessageId(MimeBody body, String inReplyTo) {
    for (byte[] attached : body.attachedMessages()) {
      String id = messageIdOf(attached);
      if (id != null) {
        return id;
      }
    }
    String id = messageIdOf(body.returnedHeaders());
    return id != null ? id : messageId(inReplyTo);
  }

  /**
   * The addresses delivery failed to, of a bounce or of the original it returns, with a note saying
   * so; empty for other mail.
   */
  private static List<String> bounced(MimeBody body, Origin origin, List<String> notes) {
    List<String> report = body.deliveryFailedTo();
    if (!report.isEmpty()) {
      notes.add(
          MailNotes.DELIVERY_REPORT
              + "delivery to "
              + String.join(", ", report)
              + " failed; the original it returns, when attached, is read as a mail of its own"
              + " with those addresses in delivery_failed_to, not in to or cc");
      return report;
    }
    List<String> returned = origin.returnedFailedTo();
    if (!returned.isEmpty()) {
      notes.add(
          MailNotes.RETURNED_UNDELIVERED
              + "the delivery status report it is attached to says delivery to "
              + String.join(", ", returned)
              + " failed: left out of to and cc (headers keeps them), in delivery_failed_to");
    }
    return returned;
  }

  /**
   * The mail with a blank line before its first line that is not a header field, when it has no
   * blank line at all: Jakarta Mail would read the body as more (broken) headers and lose it. A
   * mail that has a blank line keeps a broken line inside its header block as a broken header, so
   * that the headers after it (Message-ID, Date) are not lost.
   */
  static byte[] withBodySeparated(byte[] raw) {
    int start = 0;
    int firstOther = -1;
    while (start < raw.length) {
      int end = start;
      while (end < raw.length && raw[end] != '\n') {
        end++;
      }
      int text = end > start && raw[end - 1] == '\r' ? end - 1 : end;
      if (text == start) {
        return raw;
      }
      boolean continuation = raw[start] == ' ' || raw[start] == '\t';
      if (firstOther < 0 && !(continuation && start > 0) && !isField(raw, start, text)) {
        firstOther = start;
      }
      start = end + 1;
    }
    if (firstOther <= 0) {
      return raw;
    }
    byte[] separated = new byte[raw.length + 1];
    System.arraycopy(raw, 0, separated, 0, firstOther);
    separated[firstOther] = '\n';
    System.arraycopy(raw, firstOther, separated, firstOther + 1, raw.length - firstOther);
    return separated;
  }

  private static boolean isField(byte[] raw, int start, int end) {
    int colon = start;
    while (colon < end && raw[colon] != ':') {
      colon++;
    }
    if (colon == start || colon == end) {
      return false;
    }
    String name =
        new String(raw, start, colon - start, StandardCharsets.ISO_8859_1).stripTrailing();
    return HEADER_NAME.matcher(name).matches();
  }

  /**
   * The mail without the UTF-8 byte order mark some editors put at the start of a saved file: it
   * belongs to the file, and before the first header it would hide that header.
   */
  static byte[] withoutByteOrderMark(byte[] raw) {
    if (raw.length >= 3
        && raw[0] == (byte) 0xEF
        && raw[1] == (byte) 0xBB
        && raw[2] == (byte) 0xBF) {
      return Arrays.copyOfRange(raw, 3, raw.length);
    }
    return raw;
  }

  /**
   * The evidence id of a mail: {@code email:<Message-ID>#<content hash>}, or {@code
   * email:sha256:<content hash>} without a Message-ID. The same message gives the same id wherever
   * it was read (IMAP, a snapshot, an mbox, a Maildir); two different messages sharing a Message-ID
   * (broken mailers, forwards, test systems) keep different ids, whatever the order they are read
   * in. The hash is of the bytes with CRLF line ends read as LF and the line breaks at the end left
   * out: files store a message with their own line ends, IMAP sends CRLF.
   */
  static String ref(String messageId, byte[] raw) {
    return id(messageId, contentDigests(raw).mailbox());
  }

  /**
   * The record of a mail: its evidence id ({@link #ref}) and its copy key, the same id over the
   * content without {@link #TRACE_HEADERS}, which its copies in other mailboxes share.
   */
  private static RawRecord record(Origin origin, String messageId, byte[] raw, String json) {
    Digests digests = contentDigests(raw);
    return new RawRecord(
        origin.source(),
        KIND,
        id(messageId, digests.mailbox()),
        origin.location(),
        json,
        id(messageId, digests.trace()));
  }

  private static String id(String messageId, byte[] digest) {
    String hash = HexFormat.of().formatHex(digest);
    return messageId == null
        ? "email:sha256:" + hash
        : "email:" + messageId + "#" + hash.substring(0, REF_HASH_CHARS);
  }

  /**
   * Headers a mail client or mailbox format writes into its own copy of a message, not the sender:
   * Thunderbird's read/deleted flags and tags (rewritten in place when the mail is read, and a copy
   * moved to another folder keeps its old flags in the first until the folder is compacted), the
   * {@code Status}/{@code X-Status}/{@code X-Keywords}/{@code X-UID} of mbox clients and servers,
   * Gmail Takeout's thread id and labels, mboxcl2's {@code Content-Length}. With them in the hash,
   * one message read from two folders, or from a Thunderbird mbox and from IMAP, gave two evidence
   * ids: twice the evidence, and a sum over it counted twice.
   */
  private static final Set<String> MAILBOX_HEADERS =
      Set.of(
          "x-mozilla-status",
          "x-mozilla-status2",
          "x-mozilla-keys",
          "status",
          "x-status",
          "x-keywords",
          "x-uid",
          "x-gm-thrid",
          "x-gmail-labels",
          "content-length");

  /**
   * The trace headers: besides {@link #MAILBOX_HEADERS}, what the servers a copy passed through and
   * the mailbox that stores it wrote into that copy, not the sender. The same mail in the sender's
   * Sent folder and in a recipient's inbox, or in two colleagues' mailboxes, differs only in these;
   * left out of the copy key ({@link RawRecord#copyKey}), not of the evidence id, so that the ids
   * of mail read before they were defined stay as they were. Each is a header name, or a prefix
   * ending in {@code -} for a family ({@code arc-}, {@code x-apple-}).
   */
  static final Set<String> TRACE_HEADERS =
      Stream.concat(
              MAILBOX_HEADERS.stream(),
              Stream.of(
                  "received",
                  "x-received",
                  "return-path",
                  "delivered-to",
                  "x-original-to",
                  "envelope-to",
                  "x-envelope-to",
                  "x-folder",
                  "lines",
                  "authentication-results",
                  "received-spf",
                  "x-virus-scanned",
                  "x-original-arrivaltime",
                  "arc-",
                  "x-apple-",
                  "x-mozilla-",
                  "x-spam-"))
          .collect(Collectors.toUnmodifiableSet());

  private static boolean isTrace(String field) {
    if (TRACE_HEADERS.contains(field)) {
      return true;
    }
    int dash = field.indexOf('-', 2);
    while (dash > 0) {
      if (TRACE_HEADERS.contains(field.substring(0, dash + 1))) {
        return true;
      }
      dash = field.indexOf('-', dash + 1);
    }
    return false;
  }

  /**
   * The digest of a mail's content without {@link #MAILBOX_HEADERS} (its evidence id's), and
   * without {@link #TRACE_HEADERS} (its copy key's).
   */
  private record Digests(byte[] mailbox, byte[] trace) {}

  /**
   * The SHA-256 of the message with CRLF line ends read as LF, the line breaks at the end left out,
   * and the header fields of {@link #MAILBOX_HEADERS}, and of {@link #TRACE_HEADERS}, (with their
   * continuation lines) left out of the header block; a message without those hashes as its bytes
   * so read.
   */
  private static Digests contentDigests(byte[] raw) {
    MessageDigest mailbox = sha256();
    MessageDigest trace = sha256();
    int end = raw.length;
    while (end > 0 && (raw[end - 1] == '\n' || raw[end - 1] == '\r')) {
      end--;
    }
    boolean inHeaders = true;
    boolean skipMailbox = false;
    boolean skipTrace = false;
    int start = 0;
    while (start < end) {
      int newline = start;
      while (newline < end && raw[newline] != '\n') {
        newline++;
      }
      // the line's content, without the CR of a CRLF
      int contentEnd =
          newline < end && newline > start && raw[newline - 1] == '\r' ? newline - 1 : newline;
      if (inHeaders) {
        if (contentEnd == start) {
          inHeaders = false;
          skipMailbox = false;
          skipTrace = false;
        } else if (raw[start] != ' ' && raw[start] != '\t') {
          String field = fieldName(raw, start, contentEnd);
          skipMailbox = MAILBOX_HEADERS.contains(field);
          skipTrace = isTrace(field);
        }
      }
      if (!skipMailbox) {
        update(mailbox, raw, start, contentEnd, newline < end);
      }
      if (!skipTrace) {
        update(
            trace,
            raw,
            inHeaders ? start : unquotedFrom(raw, start, contentEnd),
            contentEnd,
            newline < end);
      }
      start = newline + 1;
    }
    return new Digests(mailbox.digest(), trace.digest());
  }

  private static final byte[] FROM_SPACE = "From ".getBytes(StandardCharsets.US_ASCII);

  /**
   * Where a body line starts once the {@code >} of mbox quoting are left out, when it is a quoted
   * {@code From } line ({@code >From }, {@code >>From }); else its start. mboxo quotes {@code From
   * } but not {@code >From }, mboxrd both, and every mbox is read the mboxrd way: a body line sent
   * as {@code >From } comes out of an mboxo file as {@code From }, and the copy of the same mail in
   * an mboxrd file, a Maildir or on a server keeps its {@code >}. Left out of the copy key only, so
   * that such copies are one piece of evidence; until 2026-12-07 they were two, sharing a
   * Message-ID.
   */
  private static int unquotedFrom(byte[] raw, int start, int contentEnd) {
    int at = start;
    while (at < contentEnd && raw[at] == '>') {
      at++;
    }
    if (at == start || contentEnd - at < FROM_SPACE.length) {
      return start;
    }
    for (int i = 0; i < FROM_SPACE.length; i++) {
      if (raw[at + i] != FROM_SPACE[i]) {
        return start;
      }
    }
    return at;
  }

  private static void update(
      MessageDigest digest, byte[] raw, int start, int contentEnd, boolean lineBreak) {
    digest.update(raw, start, contentEnd - start);
    if (lineBreak) {
      digest.update((byte) '\n');
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The lower-case name of the header field on the line, or "" when it is not a field. */
  private static String fieldName(byte[] raw, int start, int end) {
    for (int i = start; i < end && i - start < 64; i++) {
      if (raw[i] == ':') {
        return new String(raw, start, i - start, StandardCharsets.US_ASCII)
            .strip()
            .toLowerCase(Locale.ROOT);
      }
    }
    return "";
  }

  // clocks a little off are common; a mail may wait in an outbox for days
  private static final Duration WRONG_CLOCK_AFTER = Duration.ofHours(1);
  private static final Duration WRONG_CLOCK_BEFORE = Duration.ofDays(7);
  // a separator line's date is in its writer's zone, which it rarely names
  private static final Duration SEPARATOR_ZONE_MARGIN = Duration.ofHours(14);

  // a clock reset after its battery died starts at 1970, 1980, 2000 or 2001 (its first of
  // January, in any zone); a mail dated since then, long before a server received it, was
  // delivered again later (a mailbox imported, re-sent or forwarded whole), and its Date is still
  // when it was written
  private static final Instant RESET_CLOCK_BEFORE = Instant.parse("2001-01-02T12:00:00Z");

  // a Date this far after the moment of reading is no zone's error: the clock was wrong
  private static final Duration IN_THE_FUTURE = Duration.ofDays(1);

  /** The date of a mail and where it came from: header, received or separator. */
  private record MailDate(Instant instant, String source) {}

  /**
   * The Date header; when it is missing or not a date, or the sender's clock was plainly wrong (see
   * {@link #wrongClock}), the newest Received date; then the mbox separator's date. Null when there
   * is none, with a note saying why.
   */
  private static MailDate date(
      String header, MimeMessage message, Origin origin, ZoneId zone, List<String> notes) {
    String separator = origin.separator();
    // a Date header with a zone RFC 5322 does not define, or none, is read in the business's zone
    // (UTC when the reader knows none), and the record says which
    Optional<MailDates.DateHeader> read = MailDates.header(header, zone);
    read.map(MailDates.DateHeader::assumption).ifPresent(notes::add);
    Optional<Instant> date = read.map(MailDates.DateHeader::instant);
    List<Instant> receivedDates = receivedDates(message);
    Optional<Instant> envelope = MailDates.separator(separator);
    if (date.isPresent() && receivedDates.isEmpty() && envelope.isPresent()) {
      String wrong = wrongClockBySeparator(date.get(), envelope.get());
      String placeholder = wrong == null ? null : origin.placeholder().apply(envelope.get());
      if (placeholder != null) {
        // one constant on every line says nothing of when each mail was stored: until 2026-12-05
        // it redated every mail of such a file to that day
        notes.add(
            MailNotes.SEPARATOR_LINE
                + separator.strip()
                + MailNotes.SEPARATOR_NOT_DATING
                + placeholder);
        wrong = null;
      }
      if (wrong != null) {
        notes.add(wrong);
        return new MailDate(envelope.get(), "separator");
      }
    }
    if (date.isPresent()
        && receivedDates.isEmpty()
        && date.get().isAfter(Instant.now().plus(IN_THE_FUTURE))) {
      // no mail is written after the moment it is read, and nothing else dates this one: taken
      // as written, a confirmation dated years ahead would be the newest evidence of everything it
      // says, unflagged; without a date its rules quarantine it, said at the run's end
      notes.add(
          "no date: the Date header "
              + date.get()
              + " is after the moment the mail is read (the sender's clock was wrong), and no"
              + " Received header or mbox separator line dates it");
      return null;
    }
    if (date.isPresent()) {
      String wrong = wrongClock(date.get(), receivedDates);
      if (wrong == null) {
        String late = deliveredLate(date.get(), receivedDates);
        if (late != null) {
          notes.add(late);
        }
        return new MailDate(date.get(), "header");
      }
      notes.add(wrong);
    } else if (header != null) {
      notes.add("Date header \"" + header + "\" is not a date");
    }
    Optional<Instant> received = receivedDates.stream().max(Instant::compareTo);
    if (received.isPresent()) {
      return new MailDate(received.get(), "received");
    }
    if (envelope.isPresent()) {
      // the separator's date is when a mailbox stored the mail, in a zone the line rarely names:
      // a date of another kind than the sender's, said so the operator can weigh it
      notes.add(
          "date taken from the mbox separator line (\""
              + separator.strip()
              + "\"): "
              + (header == null ? "no Date header" : "the Date header is not a date")
              + " and no Received header with a date");
      return new MailDate(envelope.get(), "separator");
    }
    notes.add(
        "no date: "
            + (header == null ? "no Date header" : "the Date header is not a date")
            + ", no Received header with a date"
            + (separator == null ? "" : ", no date on the mbox separator line"));
    return null;
  }

  /**
   * Why the Date header, set by the sender's clock, cannot be when the mail was written, or null:
   * more than an hour after the last server received it (no mail arrives before it is written; a
   * phone set to the wrong year or zone does this), or by 2001-01-01 and more than a week before
   * the first server did (an epoch-zero date, a clock reset). Such a date would make the mail the
   * newest, or the oldest, evidence of whatever it says; the servers' clocks date it instead.
   */
  private static String wrongClock(Instant date, List<Instant> received) {
    if (received.isEmpty()) {
      return null;
    }
    return wrongClock(
        date,
        received.stream().min(Instant::compareTo).orElseThrow(),
        "the first server received the mail",
        received.stream().max(Instant::compareTo).orElseThrow(),
        "the last server received the mail",
        WRONG_CLOCK_AFTER,
        MailNotes.REDATED);
  }

  /**
   * Why the Date header cannot be when the mail was written, by the date of its mbox separator
   * line, when the mail has no Received header to tell: after the mailbox stored it (by more than
   * the 14 hours a separator's unknown zone may be off, and the hour {@link #wrongClock} allows),
   * or a reset clock's (by 2001-01-01 and more than a week before it). A mail sent from the
   * business's own application has no Received header in its Sent mailbox, and a Date years ahead
   * made its old values beat a later real change. Null when the Date header may be right.
   */
  private static String wrongClockBySeparator(Instant date, Instant stored) {
    if (stored.isBefore(RESET_CLOCK_BEFORE)) {
      // a converter that knew no date writes 1970 or so on every line: that dates nothing
      return null;
    }
    String when = "the mbox separator line says the mailbox stored the mail";
    return wrongClock(
        date,
        stored,
        when,
        stored,
        when,
        SEPARATOR_ZONE_MARGIN.plus(WRONG_CLOCK_AFTER),
        MailNotes.REDATED_BY_SEPARATOR);
  }

  /**
   * Why the Date header cannot be when the mail was written, or null: more than {@code margin}
   * after {@code last} (no mail is received or stored before it is written), or a reset clock's, by
   * 2001-01-01 and more than a week before {@code first}.
   */
  private static String wrongClock(
      Instant date,
      Instant first,
      String firstWhat,
      Instant last,
      String lastWhat,
      Duration margin,
      String dated) {
    if (date.isAfter(last.plus(margin))) {
      return "Date header " + date + " is after " + lastWhat + " (" + last + "): " + dated;
    }
    if (date.isBefore(first.minus(WRONG_CLOCK_BEFORE)) && date.isBefore(RESET_CLOCK_BEFORE)) {
      return "Date header "
          + date
          + " is more than a week before "
          + firstWhat
          + " ("
          + first
          + "): "
          + dated;
    }
    return null;
  }

  /**
   * What to say of a Date header of this century more than a week before the first server received
   * the mail, which is kept: a mailbox imported or re-sent by SMTP gets Received headers of the day
   * it was delivered again, and an outside trial's whole mailbox, so re-dated, made every old
   * confirmation the newest evidence, over later refunds and cancellations.
   */
  private static String deliveredLate(Instant date, List<Instant> received) {
    if (received.isEmpty()) {
      return null;
    }
    Instant first = received.stream().min(Instant::compareTo).orElseThrow();
    if (!date.isBefore(first.minus(WRONG_CLOCK_BEFORE))) {
      return null;
    }
    return MailNotes.DELIVERED_LATE
        + "Date header "
        + date
        + " is "
        + Duration.between(date, first).toDays()
        + " days before the first server received the mail ("
        + first
        + "); dated by its Date header, as a mail delivered again (a mailbox imported, re-sent or"
        + " forwarded whole) keeps when it was written";
  }

  private static List<Instant> receivedDates(MimeMessage message) {
    List<Instant> dates = new ArrayList<>();
    String[] received;
    try {
      received = message.getHeader("Received");
    } catch (MessagingException | RuntimeException unreadable) {
      return dates;
    }
    if (received != null) {
      for (String value : received) {
        MailDates.received(FOLDING.matcher(value).replaceAll("")).ifPresent(dates::add);
      }
    }
    return dates;
  }

  /** Cuts text longer than the limit, noting what it cut. */
  private static final class Capper {
    private final int max;
    private final List<String> notes;
    private boolean cut;

    Capper(int max, List<String> notes) {
      this.max = max;
      this.notes = notes;
    }

    String apply(String what, String value) {
      if (value == null || value.length() <= max) {
        return value;
      }
      int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
      notes.add(
          what
              + " cut to its first "
              + end
              + " of "
              + value.length()
              + " characters ("
              + MAX_TEXT_CHARS_OPTION
              + ")");
      cut = true;
      return value.substring(0, end);
    }

    boolean cut() {
      return cut;
    }
  }

  /**
   * First occurrence of each well-formed header, lower-case name, unfolded, 8-bit bytes read as
   * UTF-8 when they are valid UTF-8; the names of those whose 8-bit bytes are not go in {@code
   * notUtf8}, their values still ISO-8859-1 (a character a byte) for {@link EightBitHeaders} to
   * read once the body has said what charset the mail declares.
   */
  private static Map<String, String> rawHeaders(MimeMessage message, Set<String> notUtf8) {
    Map<String, String> headers = new LinkedHashMap<>();
    Enumeration<Header> all;
    try {
      all = message.getAllHeaders();
    } catch (MessagingException e) {
      return headers;
    }
    while (all.hasMoreElements()) {
      Header header = all.nextElement();
      String name = header.getName();
      if (name == null || !HEADER_NAME.matcher(name).matches() || header.getValue() == null) {
        continue;
      }
      String value = FOLDING.matcher(header.getValue()).replaceAll("").strip();
      String lower = name.toLowerCase(Locale.ROOT);
      if (headers.containsKey(lower)) {
        continue;
      }
      String repaired = TextDecoding.repairEightBit(value);
      headers.put(lower, repaired);
      if (repaired.equals(value) && EightBitHeaders.eightBitBytes(value)) {
        notUtf8.add(lower);
      }
    }
    return headers;
  }

  /** Every value of header {@code name}, topmost first, unfolded; empty when there is none. */
  private static List<String> allValues(MimeMessage message, String name) {
    String[] values;
    try {
      values = message.getHeader(name);
    } catch (MessagingException e) {
      return List.of();
    }
    if (values == null) {
      return List.of();
    }
    List<String> unfolded = new ArrayList<>();
    for (String value : values) {
      if (value != null) {
        unfolded.add(FOLDING.matcher(value).replaceAll("").strip());
      }
    }
    return unfolded;
  }

  /** The Message-ID of a raw mail (its header block only is read), or null. */
  static String messageIdOf(byte[] raw) {
    if (raw == null) {
      return null;
    }
    try {
      String[] values = new InternetHeaders(new ByteArrayInputStream(raw)).getHeader("Message-ID");
      return values == null ? null : messageId(values[0]);
    } catch (MessagingException | RuntimeException unreadable) {
      return null;
    }
  }

  /** The id inside a Message-ID header, without its angle brackets; null when there is none. */
  static String messageId(String header) {
    if (header == null) {
      return null;
    }
    Matcher angle = ANGLE_ID.matcher(header);
    String id = angle.find() ? angle.group(1) : header.strip().replaceAll("\\s+", "");
    return id.isEmpty() ? null : id;
  }

  /** The addresses of {@code header} but those delivery {@code failedTo}. */
  private static void putAddresses(ArrayNode array, String header, List<String> failedTo) {
    for (Addresses.Mailbox mailbox : Addresses.parse(header)) {
      if (!failedTo.contains(mailbox.address())) {
        array.add(mailbox.address());
      }
    }
  }

  /** The start of a raw mail as text, for a quarantine entry. */
  /** Why a mail past {@link #MAX_MAIL_BYTES} is quarantined, naming where it is. */
  static String tooLarge(String location) {
    return "Cannot parse mail "
        + location
        + ": larger than "
        + MAX_MAIL_BYTES
        + " bytes ("
        + MAX_MAIL_BYTES / (1024 * 1024)
        + " MB), "
        + MailNotes.TOO_LARGE
        + " (save its parts with a mail client if it holds evidence)";
  }

  static String excerpt(byte[] raw) {
    return TextDecoding.decode(raw, 0, Math.min(raw.length, EXCERPT_BYTES), null);
  }
}
