package dev.salvage.connectors.email;

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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The readable content of a MIME message: its text and HTML bodies and its attachments. Every step
 * degrades instead of failing: an unparseable multipart is read as text, an undecodable transfer
 * encoding gives the raw bytes, a wrong charset falls back to UTF-8 then ISO-8859-1. Attached
 * messages (message/rfc822) are listed as attachments, not descended into.
 */
final class MimeBody {
  /** An attachment as listed in the mail record. */
  record Attachment(String name, String type, long size) {}

  private static final int MAX_DEPTH = 32;
  private static final Pattern BASE_TYPE = Pattern.compile("^\\s*([\\w.+-]+)\\s*/\\s*([\\w.+-]+)");

  private final StringBuilder text = new StringBuilder();
  private boolean hasText;
  private String html;
  private final List<Attachment> attachments = new ArrayList<>();

  private MimeBody() {}

  static MimeBody of(MimeMessage message) {
    MimeBody body = new MimeBody();
    body.walk(message, 0);
    return body;
  }

  /** The text/plain body; when there is only HTML, the text of the HTML; null when neither. */
  String text() {
    if (hasText) {
      return text.toString();
    }
    return html == null ? null : HtmlText.of(html);
  }

  String html() {
    return html;
  }

  List<Attachment> attachments() {
    return List.copyOf(attachments);
  }

  private void walk(Part part, int depth) {
    String type = baseType(part);
    if (type.startsWith("multipart/") && depth < MAX_DEPTH) {
      List<BodyPart> children = children(part, type);
      if (children != null) {
        for (BodyPart child : children) {
          walk(child, depth + 1);
        }
        return;
      }
      type = "text/plain";
    }
    String fileName = fileName(part);
    byte[] content = decodedContent(part);
    boolean attached = "attachment".equalsIgnoreCase(disposition(part)) || fileName != null;
    if (type.equals("text/plain") && !attached) {
      if (hasText) {
        text.append('\n');
      }
      text.append(decode(content, part));
      hasText = true;
    } else if (type.equals("text/html") && !attached && html == null) {
      html = decode(content, part);
    } else {
      attachments.add(new Attachment(fileName, type, content.length));
    }
  }

  /** The parts of a multipart, or null when it cannot be split (then it is read as text). */
  private static List<BodyPart> children(Part part, String type) {
    try {
      MimeMultipart multipart =
          new MimeMultipart(
              new ByteArrayDataSource(decodedContent(part), contentTypeHeader(part, type)));
      List<BodyPart> children = new ArrayList<>();
      for (int i = 0; i < multipart.getCount(); i++) {
        children.add(multipart.getBodyPart(i));
      }
      return children.isEmpty() ? null : children;
    } catch (MessagingException | RuntimeException unsplittable) {
      return null;
    }
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

  private static String disposition(Part part) {
    try {
      return part.getDisposition();
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
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

  private static String decode(byte[] content, Part part) {
    return TextDecoding.decode(content, charset(part));
  }

  private static Charset charset(Part part) {
    try {
      String name = new ContentType(part.getContentType()).getParameter("charset");
      return name == null ? null : TextDecoding.charset(MimeUtility.javaCharset(name)).orElse(null);
    } catch (MessagingException | RuntimeException unreadableContentType) {
      return null;
    }
  }

  /** The content with its transfer encoding undone; the raw bytes when it cannot be undone. */
  private static byte[] decodedContent(Part part) {
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
      return LenientBase64.decode(raw);
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

  private static InputStream rawStream(Part part) throws MessagingException {
    if (part instanceof MimeBodyPart bodyPart) {
      return bodyPart.getRawInputStream();
    }
    return ((MimeMessage) part).getRawInputStream();
  }
}
