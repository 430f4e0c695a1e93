package dev.salvage.connectors.email;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.io.TextDecoding;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.util.MailStreamProvider;

/**
 * Turns the raw bytes of one mail into a {@code mail} raw record (shape in {@link RawRecord}).
 * Shared by the mbox and .eml readers so that a mail reads the same whatever file held it.
 */
final class MailParser {
  static final String KIND = "mail";

  /** Larger mails are quarantined rather than parsed: they would have to fit in the heap. */
  static final int MAX_MAIL_BYTES = 128 << 20;

  private static final int EXCERPT_BYTES = 2000;

  private static final ObjectMapper JSON = new ObjectMapper();
  // No network properties: this session only parses bytes already read.
  private static final Session SESSION = Session.getInstance(new Properties());
  private static final Set<String> MAIL_HEADERS =
      Set.of("from", "to", "cc", "date", "subject", "message-id", "received");
  private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]+");
  private static final Pattern FOLDING = Pattern.compile("\\r?\\n(?=[ \\t])");
  private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+)>");
  private static final Pattern BARE_ADDRESS =
      Pattern.compile("[^\\s<>,;:\"()\\[\\]]+@[^\\s<>,;:\"()\\[\\]]+");

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
   * Parses one mail.
   *
   * @param folder the mailbox or folder it was found in
   * @throws UnreadableMailException when the bytes carry none of the headers of a mail
   */
  static RawRecord parse(byte[] raw, String folder, String source, String location)
      throws UnreadableMailException {
    MimeMessage message;
    try {
      message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    } catch (MessagingException | RuntimeException e) {
      throw new UnreadableMailException(
          "Cannot parse mail: headers are unreadable: " + e.getMessage());
    }
    Map<String, String> rawHeaders = rawHeaders(message);
    if (rawHeaders.keySet().stream().noneMatch(MAIL_HEADERS::contains)) {
      throw new UnreadableMailException(
          "Cannot parse mail: no mail header (From, To, Date, Subject, Message-ID) found");
    }
    MimeBody body = MimeBody.of(message);
    String messageId = messageId(rawHeaders.get("message-id"));
    List<Mailbox> from = addresses(rawHeaders.get("from"));

    ObjectNode json = JSON.createObjectNode();
    json.put("message_id", messageId);
    json.put("folder", folder);
    json.put("date", MailDates.parse(rawHeaders.get("date")).map(Object::toString).orElse(null));
    json.put("from", from.isEmpty() ? null : from.get(0).address());
    json.put("from_name", from.isEmpty() ? null : from.get(0).name());
    putAddresses(json.putArray("to"), rawHeaders.get("to"));
    putAddresses(json.putArray("cc"), rawHeaders.get("cc"));
    json.put("subject", EncodedWords.decode(rawHeaders.get("subject")));
    json.put("text", body.text());
    json.put("html", body.html());
    ArrayNode attachments = json.putArray("attachments");
    for (MimeBody.Attachment attachment : body.attachments()) {
      attachments
          .addObject()
          .put("name", attachment.name())
          .put("type", attachment.type())
          .put("size", attachment.size());
    }
    ObjectNode headers = json.putObject("headers");
    rawHeaders.forEach((name, value) -> headers.put(name, EncodedWords.decode(value)));

    String ref = messageId != null ? "email:" + messageId : "email:sha256:" + sha256(raw);
    return new RawRecord(source, KIND, ref, location, json.toString());
  }

  /** First occurrence of each well-formed header, lower-case name, unfolded, 8-bit repaired. */
  private static Map<String, String> rawHeaders(MimeMessage message) {
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
      headers.putIfAbsent(name.toLowerCase(Locale.ROOT), TextDecoding.repairEightBit(value));
    }
    return headers;
  }

  private static String messageId(String header) {
    if (header == null) {
      return null;
    }
    Matcher angle = ANGLE_ID.matcher(header);
    String id = angle.find() ? angle.group(1) : header.strip().replaceAll("\\s+", "");
    return id.isEmpty() ? null : id;
  }

  private record Mailbox(String address, String name) {}

  private static void putAddresses(ArrayNode array, String header) {
    addresses(header).forEach(mailbox -> array.add(mailbox.address()));
  }

  private static List<Mailbox> addresses(String header) {
    List<Mailbox> mailboxes = new ArrayList<>();
    if (header == null || header.isBlank()) {
      return mailboxes;
    }
    try {
      for (InternetAddress address : InternetAddress.parseHeader(header, false)) {
        addMailbox(mailboxes, address);
      }
    } catch (AddressException | RuntimeException unparseable) {
      mailboxes.clear();
      Matcher bare = BARE_ADDRESS.matcher(header);
      while (bare.find()) {
        mailboxes.add(new Mailbox(bare.group().toLowerCase(Locale.ROOT), null));
      }
    }
    return mailboxes;
  }

  private static void addMailbox(List<Mailbox> mailboxes, InternetAddress address)
      throws AddressException {
    if (address.isGroup()) {
      for (InternetAddress member : address.getGroup(false)) {
        addMailbox(mailboxes, member);
      }
      return;
    }
    String mail = address.getAddress();
    if (mail == null || mail.isBlank()) {
      return;
    }
    String name = address.getPersonal();
    name = name == null || name.isBlank() ? null : EncodedWords.decode(name).strip();
    mailboxes.add(new Mailbox(mail.strip().toLowerCase(Locale.ROOT), name));
  }

  /** The start of a raw mail as text, for a quarantine entry. */
  static String excerpt(byte[] raw) {
    return TextDecoding.decode(raw, 0, Math.min(raw.length, EXCERPT_BYTES), null);
  }

  private static String sha256(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
