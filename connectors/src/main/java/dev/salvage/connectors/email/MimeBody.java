package dev.salvage.connectors.email;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.io.TextDecoding;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The readable content of a MIME message: its text and HTML bodies and its attachments. A
 * text/plain or text/html part is body text unless its Content-Disposition is {@code attachment} (a
 * {@code name=} or {@code filename=} alone does not make it one); every other part, and every part
 * whose disposition is {@code attachment}, is an attachment. Every step degrades instead of
 * failing: an unparseable multipart is read as text, an undecodable transfer encoding gives the raw
 * bytes, bytes not valid in the declared charset (or with none declared) are read as UTF-8, else
 * windows-1252 (windows-1254 for Turkish text with none declared), else ISO-8859-1, with a note;
 * damaged base64 is decoded as far as it goes, with a note. Attached messages (message/rfc822) are
 * listed as attachments, not descended into; their bytes are kept ({@link #attachedMessages}) for
 * the reader to read each as a mail of its own.
 */
final class MimeBody {
  /** An attachment as listed in the mail record. */
  record Attachment(String name, String type, long size) {}

  /**
   * A calendar part (an invitation): how a note names it, its file name or null, and its text,
   * decoded from its transfer encoding and charset.
   */
  record CalendarPart(String part, String fileName, String text) {
    CalendarPart {
      requireNonNull(part, "part");
      requireNonNull(text, "text");
    }
  }

  /** The charset a body text part declares and was read in, and how a note names the part. */
  record TextCharset(String part, Charset charset) {
    TextCharset {
      requireNonNull(part, "part");
      requireNonNull(charset, "charset");
    }
  }

  /**
   * Multiparts nested deeper are read as text. Each level re-reads the bytes of the level above, so
   * the bound keeps a hostile mail's cost linear; real mail nests a handful of levels.
   */
  static final int MAX_DEPTH = 256;

  private static final Set<String> DELIVERY_STATUS =
      Set.of("message/delivery-status", "message/global-delivery-status");

  // what a bounce returns when it returns only the original's header block (RFC 6522, RFC 6533)
  private static final Set<String> RETURNED_HEADERS =
      Set.of("text/rfc822-headers", "message/rfc822-headers", "message/global-headers");

  // booking systems send the time of a booking as an iTIP invitation (RFC 6047): text/calendar,
  // attached (invite.ics) or as an alternative to the HTML; some label it application/ics
  private static final Set<String> CALENDAR = Set.of("text/calendar", "application/ics");

  private static final Set<String> TNEF = Set.of("application/ms-tnef", "application/vnd.ms-tnef");

  private static final Pattern BASE_TYPE = Pattern.compile("^\\s*([\\w.+-]+)\\s*/\\s*([\\w.+-]+)");

  private final StringBuilder text = new StringBuilder();
  private boolean hasText;
  private String html;
  private final List<Attachment> attachments = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<byte[]> attachedMessages = new ArrayList<>();
  private final List<CalendarPart> calendars = new ArrayList<>();
  private final Set<String> deliveryFailedTo = new LinkedHashSet<>();
  private byte[] returnedHeaders;
  private TextCharset textCharset;

  private MimeBody() {}

  static MimeBody of(MimeMessage message) {
    MimeBody body = new MimeBody();
    body.walk(message);
    return body;
  }

  /** The text/plain body, or null when there is none (see {@link HtmlText} for HTML-only mail). */
  String plainText() {
    return hasText ? text.toString() : null;
  }

  String html() {
    return html;
  }

  List<Attachment> attachments() {
    return List.copyOf(attachments);
  }

  /**
   * The charset the first body text part (text/plain or text/html, not an attachment) that declares
   * one known here declares, when its bytes were valid in it; empty otherwise. The mail's writer
   * most likely wrote its raw 8-bit headers in it too, as mail clients assume.
   */
  Optional<TextCharset> textCharset() {
    return Optional.ofNullable(textCharset);
  }

  /** What could not be read as the message says, for the record's notes. */
  List<String> notes() {
    return List.copyOf(notes);
  }

  /** The calendar parts (text/calendar), attached or not, in order. */
  List<CalendarPart> calendars() {
    return List.copyOf(calendars);
  }

  /**
   * The bytes of each attached message (message/rfc822), in order: a mail forwarded as an
   * attachment (Thunderbird's default way to forward) holds the whole original there.
   */
  List<byte[]> attachedMessages() {
    return List.copyOf(attachedMessages);
  }

  /**
   * The recipients a delivery status report in the mail (message/delivery-status, RFC 3464) says
   * delivery failed to ({@code Action: failed}), by their Final-Recipient and Original-Recipient
   * addresses: empty unless the mail is a bounce.
   */
  List<String> deliveryFailedTo() {
    return List.copyOf(deliveryFailedTo);
  }

  /**
   * The header block a bounce returns of the original in place of the whole (text/rfc822-headers),
   * or null.
   */
  byte[] returnedHeaders() {
    return returnedHeaders;
  }

  private void walk(Part message) {
    // depth first, in order, without recursion: nesting depth does not reach the call stack
    Deque<Nested> pending = new ArrayDeque<>();
    pending.push(new Nested(message, 0, ""));
    while (!pending.isEmpty()) {
      Nested next = pending.pop();
      Part part = next.part();
      String type = baseType(part);
      boolean attached = isAttachment(part);
      if (type.startsWith("multipart/") && !attached) {
        List<BodyPart> children =
            next.depth() < MAX_DEPTH ? children(part, type, next.name(type)) : null;
        if (children != null) {
          for (int i = children.size() - 1; i >= 0; i--) {
            pending.push(new Nested(children.get(i), next.depth() + 1, next.childSection(i)));
          }
          continue;
        }
        type = "text/plain";
      }
      String name = next.name(type);
      byte[] content = decodedContent(part, type, name);
      if (type.equals("text/plain") && !attached) {
        if (hasText) {
          text.append('\n');
        }
        text.append(flowedAsShown(decode(content, part, name), part));
        hasText = true;
      } else if (type.equals("text/html") && !attached && html == null) {
        html = decode(content, part, name);
        // an HTML-only mail cut on disk or in transit, at a whole base64 group or line, decodes
        // cleanly and its last cell reads as a value cut short: the markup is the only sign left
        String cut = HtmlText.cutInside(html);
        if (cut != null) {
          notes.add(name + ": its HTML " + cut + ": " + MailNotes.MAY_BE_CUT);
        }
      } else {
        attachments.add(new Attachment(fileName(part), type, content.length));
        if (type.equals("message/rfc822") && content.length > 0) {
          attachedMessages.add(content);
        }
        if (CALENDAR.contains(type)) {
          // an invitation's charset says nothing of the mail's headers, as a body part's does
          TextCharset bodyCharset = textCharset;
          calendars.add(new CalendarPart(name, fileName(part), decode(content, part, name)));
          textCharset = bodyCharset;
        }
        if (RETURNED_HEADERS.contains(type) && returnedHeaders == null) {
          returnedHeaders = content;
        }
        if (DELIVERY_STATUS.contains(type)) {
          deliveryFailedTo.addAll(DeliveryStatus.failedRecipients(content));
        }
        if (TNEF.contains(type) || "winmail.dat".equalsIgnoreCase(fileName(part))) {
          // Outlook's rich text: often the mail's real body and attachments, which no rule sees
          notes.add(
              name
                  + ": content in an application/ms-tnef attachment (winmail.dat, "
                  + content.length
                  + " bytes) is not read: Outlook often puts the mail's real body and its"
                  + " attachments there; extract it with a TNEF tool such as tnef or ytnef");
        }
      }
    }
  }

  /**
   * A part to read, with its section number as IMAP numbers parts (RFC 3501 6.4.5: {@code 1},
   * {@code 2.1}; empty for the message itself) for the notes to name it by.
   */
  private record Nested(Part part, int depth, String section) {
    String childSection(int index) {
      return section.isEmpty() ? Integer.toString(index + 1) : section + "." + (index + 1);
    }

    /** How a note names this part: {@code part 2.1 (text/html)}; a single-part mail is part 1. */
    String name(String type) {
      return "part " + (section.isEmpty() ? "1" : section) + " (" + type + ")";
    }
  }

  /** Whether the part's Content-Disposition says attachment (read as written: never fails). */
  private static boolean isAttachment(Part part) {
    String[] header;
    try {
      header = part.getHeader("Content-Disposition");
    } catch (MessagingException | RuntimeException unreadable) {
      return false;
    }
    return header != null
        && header.length > 0
        && header[0] != null
        && header[0].strip().toLowerCase(Locale.ROOT).startsWith("attachment");
  }

  /** The parts of a multipart, or null when it cannot be split (then it is read as text). */
  private List<BodyPart> children(Part part, String type, String name) {
    try {
      String contentType = contentTypeHeader(part, type);
      byte[] decoded = decodedContent(part, type, name);
      String declared = boundary(contentType);
      if (declared != null && !hasBoundaryLine(decoded, "--" + declared)) {
        String used = boundaryInUse(decoded);
        if (used == null) {
          notes.add(
              name
                  + ": its declared boundary \""
                  + shown(declared)
                  + "\" never occurs in its body, so it has no parts to read: its body is read as"
                  + " one text part");
          return null;
        }
        // a writer that broke its own Content-Type (a suffix added, a boundary regenerated) still
        // wrote parts: read by the boundary they use, no part is lost
        notes.add(
            name
                + ": its declared boundary \""
                + shown(declared)
                + "\" never occurs in its body: its parts are read by the boundary they use (\""
                + shown(used)
                + "\")");
        ContentType withUsed = new ContentType(contentType);
        withUsed.setParameter("boundary", used);
        contentType = withUsed.toString();
        declared = used;
      }
      byte[] content = headersClosedBeforeBoundaries(decoded, declared);
      MimeMultipart multipart = new MimeMultipart(new ByteArrayDataSource(content, contentType));
      List<BodyPart> children = new ArrayList<>();
      for (int i = 0; i < multipart.getCount(); i++) {
        children.add(multipart.getBodyPart(i));
      }
      if (!children.isEmpty() && !multipart.isComplete()) {
        // Jakarta Mail reads the last part to the end of the bytes: a mail cut while written or
        // copied, or a writer that broke its boundaries, reads as whole without this
        notes.add(
            name
                + ": its closing boundary line never comes, so its last part runs to the end of"
                + " the mail: "
                + MailNotes.MAY_BE_CUT
                + ", or its parts not where it says");
      }
      return children.isEmpty() ? null : children;
    } catch (MessagingException | RuntimeException unsplittable) {
      return null;
    }
  }

  /** Whether a line of {@code content} is {@code marker} or its closing form (trailing blanks). */
  private static boolean hasBoundaryLine(byte[] content, String marker) {
    for (int start = 0; start < content.length; ) {
      int end = start;
      while (end < content.length && content[end] != '\n') {
        end++;
      }
      int text = end > start && content[end - 1] == '\r' ? end - 1 : end;
      if (isBoundary(content, start, text, marker)) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  /**
   * The boundary the parts of a multipart use when it is not the declared one: that of the first
   * line {@code --X} followed at once by a {@code Content-} header field, as a part starts. Null
   * when there is none.
   */
  private static String boundaryInUse(byte[] content) {
    String previous = null;
    for (int start = 0; start < content.length; ) {
      int end = start;
      while (end < content.length && content[end] != '\n') {
        end++;
      }
      int text = end > start && content[end - 1] == '\r' ? end - 1 : end;
      String line = new String(content, start, text - start, StandardCharsets.ISO_8859_1);
      if (previous != null && line.regionMatches(true, 0, "Content-", 0, "Content-".length())) {
        return previous;
      }
      String candidate = line.stripTrailing();
      previous =
          candidate.startsWith("--") && candidate.length() > 2 && candidate.length() <= 72
              ? candidate.substring(2)
              : null;
      start = end + 1;
    }
    return null;
  }

  private static String boundary(String contentType) {
    try {
      return new ContentType(contentType).getParameter("boundary");
    } catch (MessagingException | RuntimeException unreadable) {
      return null;
    }
  }

  /**
   * The multipart's bytes with a blank line inserted where a part's header block runs into the next
   * boundary line: Jakarta Mail would read that boundary as one more header and drop the part with
   * all its headers. Without a boundary parameter, the first {@code --} line is the boundary (as
   * Jakarta Mail takes it).
   */
  static byte[] headersClosedBeforeBoundaries(byte[] content, String boundary) {
    String marker = boundary == null ? null : "--" + boundary;
    ByteArrayOutputStream out = null;
    boolean inHeaders = false;
    int copied = 0;
    int start = 0;
    while (start < content.length) {
      int end = start;
      while (end < content.length && content[end] != '\n') {
        end++;
      }
      int next = end < content.length ? end + 1 : end;
      int text = end > start && content[end - 1] == '\r' ? end - 1 : end;
      if (marker == null && startsWith(content, start, text, "--")) {
        marker = new String(content, start, text - start, StandardCharsets.ISO_8859_1).strip();
      }
      boolean isBoundary = marker != null && isBoundary(content, start, text, marker);
      if (isBoundary && inHeaders) {
        if (out == null) {
          out = new ByteArrayOutputStream(content.length + 16);
        }
        out.write(content, copied, start - copied);
        // a blank line with the boundary line's own line end
        if (next > text) {
          out.write(content, text, next - text);
        } else {
          out.write('\n');
        }
        copied = start;
      }
      if (isBoundary) {
        inHeaders = true;
      } else if (text == start) {
        inHeaders = false;
      }
      start = next;
    }
    if (out == null) {
      return content;
    }
    out.write(content, copied, content.length - copied);
    return out.toByteArray();
  }

  /** {@code --boundary} or {@code --boundary--}, with trailing white space (RFC 2046 5.1.1). */
  private static boolean isBoundary(byte[] content, int start, int end, String marker) {
    if (!startsWith(content, start, end, marker)) {
      return false;
    }
    int rest = start + marker.length();
    if (end - rest >= 2 && content[rest] == '-' && content[rest + 1] == '-') {
      rest += 2;
    }
    for (int i = rest; i < end; i++) {
      if (content[i] != ' ' && content[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] content, int start, int end, String prefix) {
    if (end - start < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (content[start + i] != (byte) prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static String contentTypeHeader(Part part, String type) {
    try {
      String header = part.getContentType();
      return header == null ? type : header;
    } catch (MessagingException e) {
      return type;
    }
  }

  /** The lower-case type/subtype, text/plain when absent or unreadable. */
  private static String baseType(Part part) {
    String header;
    try {
      header = part.getContentType();
    } catch (MessagingException e) {
      return "text/plain";
    }
    if (header == null) {
      return "text/plain";
    }
    Matcher matcher = BASE_TYPE.matcher(header);
    return matcher.find()
        ? (matcher.group(1) + "/" + matcher.group(2)).toLowerCase(Locale.ROOT)
        : "text/plain";
  }

  private static String fileName(Part part) {
    String name;
    try {
      name = part.getFileName();
    } catch (MessagingException | RuntimeException e) {
      name = null;
    }
    if (name == null || name.isBlank()) {
      return null;
    }
    return EncodedWords.decode(TextDecoding.repairEightBit(name)).strip();
  }

  /**
   * The part's text, read in the charset it declares when its bytes are valid in it, else as {@link
   * TextDecoding} falls back; a note names the part when they were read in another charset than the
   * declared one, or when 8-bit bytes were read with no charset (or an unknown one) declared.
   */
  private String decode(byte[] content, Part part, String name) {
    String declaredName = charsetName(part);
    Charset declared = TextDecoding.mailCharset(declaredName);
    Optional<String> mojibake =
        declared == null ? Optional.empty() : TextDecoding.utf8UnderSingleByte(content, declared);
    if (mojibake.isPresent()) {
      notes.add(
          name
              + " declares charset "
              + shown(declaredName)
              + " but its bytes are UTF-8 (read as "
              + declared.name()
              + " they give \""
              + mojibake.get()
              + "\"): read as UTF-8");
      return new String(content, StandardCharsets.UTF_8);
    }
    TextDecoding.Decoded decoded =
        TextDecoding.decodeGuessing(content, 0, content.length, declared);
    if (textCharset == null && declared != null && decoded.charset().equals(declared)) {
      textCharset = new TextCharset(name, declared);
    }
    String readAs = decoded.charset().name();
    Optional<TextDecoding.Replaced> fewBad =
        declared == null
                || decoded.charset().equals(declared)
                || decoded.charset().equals(StandardCharsets.UTF_8)
            ? Optional.empty()
            : TextDecoding.withFewBadBytes(content, declared);
    if (fewBad.isPresent()) {
      // a stray byte in a Japanese part: one character lost, not the whole part as mojibake
      int bytes = fewBad.get().bytes();
      notes.add(
          name
              + " declares charset "
              + shown(declaredName)
              + " but its bytes are not valid "
              + readAsClientsDo(declaredName, declared)
              + " ("
              + bytes
              + (bytes == 1 ? " byte" : " bytes")
              + " replaced by U+FFFD): read as "
              + declared.name());
      return fewBad.get().text();
    }
    if (declared != null && !decoded.charset().equals(declared)) {
      notes.add(
          name
              + " declares charset "
              + shown(declaredName)
              + (declared.equals(StandardCharsets.US_ASCII)
                  ? " but holds 8-bit bytes"
                  : " but its bytes are not valid " + readAsClientsDo(declaredName, declared))
              + ": read as "
              + readAs);
    } else if (declared == null && hasEightBit(content)) {
      notes.add(
          name
              + (declaredName == null
                  ? " declares no charset"
                  : " declares charset \"" + shown(declaredName) + "\", unknown here,")
              + " but holds 8-bit bytes: read as "
              + readAs);
    }
    return decoded.text();
  }

  /**
   * The charset a part was checked in, and, when mail clients read the declared one as another (a
   * label iso-8859-1 as windows-1252), that it is how they read it: "declares charset iso-8859-1
   * but its bytes are not valid windows-1252" puzzled an outside trial's QA.
   */
  private static String readAsClientsDo(String declaredName, Charset declared) {
    boolean same;
    try {
      same = Charset.forName(declaredName.strip()).equals(declared);
    } catch (IllegalArgumentException e) {
      same = false;
    }
    return same
        ? declared.name()
        : declared.name() + ", as mail clients read " + shown(declaredName);
  }

  /**
   * A charset name or boundary as a note shows it: a hostile mail's parameter may be megabytes
   * long.
   */
  private static String shown(String charsetNameOrBoundary) {
    String name = charsetNameOrBoundary.strip();
    return name.length() <= 40 ? name : name.substring(0, 40) + "…";
  }

  private static boolean hasEightBit(byte[] content) {
    for (byte b : content) {
      if (b < 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * A text part's lines as a mail client shows them: joined where {@code format=flowed} broke them
   * (RFC 3676), as written otherwise.
   */
  private static String flowedAsShown(String text, Part part) {
    ContentType contentType;
    try {
      contentType = new ContentType(part.getContentType());
    } catch (MessagingException | RuntimeException unreadableContentType) {
      return text;
    }
    String format = contentType.getParameter("format");
    if (format == null || !format.strip().equalsIgnoreCase("flowed")) {
      return text;
    }
    String delSp = contentType.getParameter("delsp");
    return FlowedText.unflow(text, delSp != null && delSp.strip().equalsIgnoreCase("yes"));
  }

  /** The charset parameter as written, null when absent or unreadable. */
  private static String charsetName(Part part) {
    try {
      String name = new ContentType(part.getContentType()).getParameter("charset");
      return name == null || name.isBlank() ? null : name;
    } catch (MessagingException | RuntimeException unreadableContentType) {
      return null;
    }
  }

  /** The content with its transfer encoding undone; the raw bytes when it cannot be undone. */
  private byte[] decodedContent(Part part, String type, String partName) {
    byte[] raw;
    String encoding;
    try (InputStream in = rawStream(part)) {
      raw = in.readAllBytes();
      encoding =
          part instanceof MimeBodyPart bodyPart
              ? bodyPart.getEncoding()
              : ((MimeMessage) part).getEncoding();
    } catch (MessagingException | IOException | RuntimeException unreadable) {
      return new byte[0];
    }
    if (encoding == null) {
      return raw;
    }
    String name = encoding.trim().toLowerCase(Locale.ROOT);
    if (name.equals("base64")) {
      String notBase64 = LenientBase64.notBase64(raw);
      if (notBase64 != null) {
        // a template or a relay that labels plain HTML base64: decoding skips the characters
        // outside the alphabet and turns the rest into bytes of garbage, so every value of the
        // mail was lost without a word
        notes.add(
            "a "
                + type
                + " part says Content-Transfer-Encoding base64 but is not base64 (its first line: "
                + notBase64
                + "): read as written");
        return raw;
      }
      String damage = LenientBase64.damage(raw);
      if (damage != null) {
        // decoded as before (what a stray character spares is still read), but a value read from
        // it may be shifted or cut: "Tu reserva" read as "Tuserva", and no rule matched
        notes.add(
            partName
                + ": base64 body "
                + damage
                + (type.startsWith("text/") ? ": its text" : ": its content")
                + MailNotes.BASE64_MAY_BE_GARBLED);
      }
      return LenientBase64.decode(raw);
    }
    if (name.equals("quoted-printable")) {
      String escape = halfWrittenEscape(raw);
      if (escape != null) {
        // "=3" at the very end is an escape whose second digit was lost: the text was cut there
        notes.add(
            partName
                + ": quoted-printable body ends inside an escape (\""
                + escape
                + "\"): "
                + MailNotes.MAY_BE_CUT);
      }
    }
    if (name.equals("quoted-printable") || name.contains("uue")) {
      try (InputStream decoded = MimeUtility.decode(new ByteArrayInputStream(raw), name)) {
        return decoded.readAllBytes();
      } catch (MessagingException | IOException | RuntimeException undecodable) {
        return raw;
      }
    }
    return raw;
  }

  /**
   * The escape a quoted-printable body ends in, {@code =} and one hex digit, or null. A lone {@code
   * =} at the end is not one: it is a soft line break whose line break the boundary after it took,
   * as writers end a text that does not end in a line break.
   */
  static String halfWrittenEscape(byte[] raw) {
    int end = raw.length;
    while (end > 0 && (raw[end - 1] == ' ' || raw[end - 1] == '\t')) {
      end--;
    }
    if (end >= 2 && raw[end - 2] == '=' && Character.digit(raw[end - 1], 16) >= 0) {
      return "=" + (char) raw[end - 1];
    }
    return null;
  }

  private static InputStream rawStream(Part part) throws MessagingException {
    if (part instanceof MimeBodyPart bodyPart) {
      return bodyPart.getRawInputStream();
    }
    return ((MimeMessage) part).getRawInputStream();
  }
}
