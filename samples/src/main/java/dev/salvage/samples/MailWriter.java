package dev.salvage.samples;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Writes mails as an mboxrd file: each message as Jakarta Mail puts it on the wire, with LF line
 * ends, after a {@code From } separator line, with body lines that start with {@code >*From }
 * quoted by one more {@code >}.
 */
final class MailWriter {
  private static final byte[] FROM_QUOTE = {'>'};

  static {
    // Jakarta Mail looks its StreamProvider up through ServiceLoader for every body part unless
    // this names it; the lookup costs most of the time of writing a mail.
    if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
      System.setProperty(
          "jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  private final Session session = Session.getInstance(new Properties());
  private final OutputStream out;
  private long messages;

  MailWriter(OutputStream out) {
    this.out = out;
  }

  /** Appends the mail, twice when the mailbox holds a duplicate of it. */
  void write(Letter letter, boolean duplicate) throws IOException {
    byte[] message = mime(letter);
    for (int copy = 0; copy < (duplicate ? 2 : 1); copy++) {
      out.write(
          ("From " + letter.envelopeFrom() + " " + Formats.MBOX_DATE.format(letter.sentAt()) + "\n")
              .getBytes(StandardCharsets.US_ASCII));
      writeQuoted(message);
      out.write('\n');
      messages++;
    }
  }

  long messages() {
    return messages;
  }

  /** The message as Jakarta Mail writes it, with CRLF turned into LF as mbox files have it. */
  byte[] mime(Letter letter) throws IOException {
    try {
      MimeMessage message = new FixedIdMessage(session);
      message.setHeader("Date", Formats.MAIL_DATE.format(letter.sentAt()));
      message.setFrom(new InternetAddress(letter.from(), letter.fromName(), "UTF-8"));
      List<InternetAddress> to = new ArrayList<>();
      for (Letter.Recipient recipient : letter.to()) {
        to.add(new InternetAddress(recipient.address(), recipient.name(), "UTF-8"));
      }
      message.setRecipients(Message.RecipientType.TO, to.toArray(new InternetAddress[0]));
      message.setHeader("Message-ID", letter.messageId());
      if (letter.inReplyTo() != null) {
        message.setHeader("In-Reply-To", letter.inReplyTo());
      }
      message.setSubject(letter.subject(), "UTF-8");
      for (Map.Entry<String, String> header : letter.headers().entrySet()) {
        message.setHeader(header.getKey(), header.getValue());
      }
      if (letter.html() != null && letter.text().isEmpty()) {
        // an HTML-only mail: no text/plain alternative at all
        message.setText(letter.html(), letter.charset(), "html");
        message.setHeader("Content-Transfer-Encoding", letter.encoding());
      } else if (letter.html() != null) {
        MimeMultipart alternative = new FixedBoundaryMultipart("alternative", letter.boundary());
        alternative.addBodyPart(textPart(letter, letter.text(), "plain"));
        alternative.addBodyPart(textPart(letter, letter.html(), "html"));
        message.setContent(alternative);
      } else if (letter.attachment() != null) {
        MimeMultipart mixed = new FixedBoundaryMultipart("mixed", letter.boundary());
        mixed.addBodyPart(textPart(letter, letter.text(), "plain"));
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(
            new DataHandler(
                new ByteArrayDataSource(
                    letter.attachment().content(), letter.attachment().contentType())));
        file.setFileName(letter.attachment().fileName());
        file.setDisposition(MimeBodyPart.ATTACHMENT);
        file.setHeader("Content-Transfer-Encoding", "base64");
        mixed.addBodyPart(file);
        message.setContent(mixed);
      } else {
        message.setText(canonical(letter), letter.charset(), "plain");
        message.setHeader("Content-Transfer-Encoding", letter.encoding());
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
      message.writeTo(bytes);
      return toLf(bytes.toByteArray());
    } catch (MessagingException e) {
      throw new IOException("Cannot write mail " + letter.messageId() + ": " + e.getMessage(), e);
    }
  }

  private static MimeBodyPart textPart(Letter letter, String content, String subtype)
      throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setText(
        letter.encoding().equals("base64") ? content.replace("\n", "\r\n") : content,
        letter.charset(),
        subtype);
    part.setHeader("Content-Transfer-Encoding", letter.encoding());
    return part;
  }

  /** Base64 text is encoded in canonical form (CRLF); other encodings get CRLF on the wire. */
  private static String canonical(Letter letter) {
    return letter.encoding().equals("base64") ? letter.text().replace("\n", "\r\n") : letter.text();
  }

  private static byte[] toLf(byte[] crlf) {
    byte[] lf = new byte[crlf.length + 1];
    int size = 0;
    for (int i = 0; i < crlf.length; i++) {
      if (crlf[i] != '\r' || i + 1 == crlf.length || crlf[i + 1] != '\n') {
        lf[size++] = crlf[i];
      }
    }
    if (size == 0 || lf[size - 1] != '\n') {
      lf[size++] = '\n';
    }
    return Arrays.copyOf(lf, size);
  }

  /** mboxrd: a line matching {@code ^>*From } gets one more {@code >}. */
  private void writeQuoted(byte[] message) throws IOException {
    int lineStart = 0;
    for (int i = 0; i <= message.length; i++) {
      if (i == message.length || message[i] == '\n') {
        if (lineStart < message.length && isFromLine(message, lineStart, i)) {
          out.write(FROM_QUOTE);
        }
        int end = Math.min(i + 1, message.length);
        out.write(message, lineStart, end - lineStart);
        lineStart = i + 1;
      }
    }
  }

  private static boolean isFromLine(byte[] bytes, int start, int end) {
    int i = start;
    while (i < end && bytes[i] == '>') {
      i++;
    }
    return end - i >= 5
        && bytes[i] == 'F'
        && bytes[i + 1] == 'r'
        && bytes[i + 2] == 'o'
        && bytes[i + 3] == 'm'
        && bytes[i + 4] == ' ';
  }

  /** Keeps the Message-ID we set; Jakarta Mail would otherwise invent one when saving. */
  private static final class FixedIdMessage extends MimeMessage {
    FixedIdMessage(Session session) {
      super(session);
    }

    @Override
    protected void updateMessageID() {}
  }

  /** A multipart with a boundary of our choosing, so output does not depend on the clock. */
  private static final class FixedBoundaryMultipart extends MimeMultipart {
    FixedBoundaryMultipart(String subtype, String boundary) {
      super(subtype);
      contentType = "multipart/" + subtype + "; boundary=\"" + boundary + "\"";
    }
  }
}
