package dev.salvage.samples;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads an mboxrd file the way a mail client would, for tests. */
final class Mbox {
  private static final Session SESSION = Session.getInstance(new Properties());

  /** One stored message: its separator line, its bytes with {@code >From} unquoted, parsed. */
  record Stored(String separator, byte[] raw, MimeMessage message) {
    String header(String name) throws MessagingException {
      return message.getHeader(name, ",");
    }

    /** The text/plain body, or "" when there is none. */
    String text() throws IOException, MessagingException {
      return body(message, "text/plain");
    }

    String html() throws IOException, MessagingException {
      return body(message, "text/html");
    }
  }

  private Mbox() {}

  static List<Stored> read(Path file) throws IOException, MessagingException {
    byte[] bytes = Files.readAllBytes(file);
    List<Stored> messages = new ArrayList<>();
    String separator = null;
    ByteArrayOutputStream current = new ByteArrayOutputStream();
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] != '\n') {
        continue;
      }
      String line = new String(bytes, start, i - start, StandardCharsets.ISO_8859_1);
      if (line.startsWith("From ")) {
        if (separator != null) {
          messages.add(parse(separator, current.toByteArray()));
        }
        separator = line;
        current.reset();
      } else if (separator != null && i < bytes.length) {
        if (line.matches(">+From .*")) {
          line = line.substring(1);
        }
        current.write(line.getBytes(StandardCharsets.ISO_8859_1));
        current.write('\n');
      }
      start = i + 1;
    }
    if (separator != null) {
      messages.add(parse(separator, current.toByteArray()));
    }
    return messages;
  }

  private static Stored parse(String separator, byte[] withTrailingBlank)
      throws MessagingException {
    // the blank line before the next separator belongs to the mbox, not to the message
    int length = withTrailingBlank.length;
    if (length >= 2
        && withTrailingBlank[length - 1] == '\n'
        && withTrailingBlank[length - 2] == '\n') {
      length--;
    }
    byte[] raw = java.util.Arrays.copyOf(withTrailingBlank, length);
    return new Stored(separator, raw, new MimeMessage(SESSION, new ByteArrayInputStream(raw)));
  }

  private static String body(Part part, String type) throws IOException, MessagingException {
    if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      return (String) part.getContent();
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        String found = body(child, type);
        if (!found.isEmpty()) {
          return found;
        }
      }
    }
    return "";
  }
}
