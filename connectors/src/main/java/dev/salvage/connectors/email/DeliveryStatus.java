package dev.salvage.connectors.email;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The body of a delivery status notification (RFC 3464 message/delivery-status, RFC 6533 its UTF-8
 * form): a block of fields about the message, then one block per recipient, blank lines between. A
 * bounce returns the original with it, whose To is the address that failed: what the reader must
 * not let stand as a working address.
 */
final class DeliveryStatus {
  private DeliveryStatus() {}

  /**
   * The addresses of the recipient blocks whose {@code Action} is {@code failed}: their
   * Final-Recipient and Original-Recipient ({@code rfc822; ana@example.com}), lower-case, in order.
   */
  static List<String> failedRecipients(byte[] content) {
    Set<String> failed = new LinkedHashSet<>();
    String text = new String(content, StandardCharsets.UTF_8).replace("\r\n", "\n");
    for (String block : text.split("\n[ \t]*\n")) {
      // continuation lines belong to the field above
      String unfolded = block.replaceAll("\n[ \t]+", " ");
      boolean actionFailed = false;
      Set<String> recipients = new LinkedHashSet<>();
      for (String line : unfolded.split("\n")) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
          continue;
        }
        String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).strip();
        if (name.equals("action")) {
          actionFailed = value.toLowerCase(Locale.ROOT).startsWith("failed");
        } else if (name.equals("final-recipient") || name.equals("original-recipient")) {
          String address = address(value);
          if (address != null) {
            recipients.add(address);
          }
        }
      }
      if (actionFailed) {
        failed.addAll(recipients);
      }
    }
    return List.copyOf(failed);
  }

  /** The address of {@code rfc822; ana@example.com}, or null when it names none of a mail's. */
  private static String address(String value) {
    int semicolon = value.indexOf(';');
    String type = semicolon < 0 ? "" : value.substring(0, semicolon).strip();
    if (!type.equalsIgnoreCase("rfc822") && !type.equalsIgnoreCase("utf-8")) {
      return null;
    }
    List<Addresses.Mailbox> parsed = Addresses.parse(value.substring(semicolon + 1).strip());
    return parsed.isEmpty() ? null : parsed.get(0).address();
  }
}
