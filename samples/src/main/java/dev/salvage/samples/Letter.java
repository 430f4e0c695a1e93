package dev.salvage.samples;

import static java.util.Objects.requireNonNull;

import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mail ready to be put into MIME form: who, what, and how its parts are encoded.
 *
 * @param sentAt the Date header, in the sender's zone
 * @param envelopeFrom the address of the mbox separator line
 * @param from the From header address
 * @param fromName the From header display name, or null
 * @param to the To addresses with display names (null names allowed)
 * @param subject the subject, any characters
 * @param messageId the Message-ID header, with angle brackets
 * @param inReplyTo the Message-ID this answers, or null
 * @param headers further headers, in order
 * @param text the plain text body
 * @param html the HTML alternative, or null for a text-only mail
 * @param attachment a file attached after the text, or null
 * @param charset the charset of the text parts
 * @param encoding the Content-Transfer-Encoding of the text parts
 * @param boundary the MIME boundary for multipart mails
 */
record Letter(
    ZonedDateTime sentAt,
    String envelopeFrom,
    String from,
    String fromName,
    List<Recipient> to,
    String subject,
    String messageId,
    String inReplyTo,
    Map<String, String> headers,
    String text,
    String html,
    Attachment attachment,
    String charset,
    String encoding,
    String boundary) {

  record Recipient(String address, String name) {}

  record Attachment(String fileName, String contentType, byte[] content) {}

  Letter {
    requireNonNull(sentAt, "sentAt");
    requireNonNull(from, "from");
    to = List.copyOf(to);
    requireNonNull(subject, "subject");
    requireNonNull(messageId, "messageId");
    // insertion order is the header order on the wire; Map.copyOf would randomise it per JVM
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    requireNonNull(text, "text");
  }
}
