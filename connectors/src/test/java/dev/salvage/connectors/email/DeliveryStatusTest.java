package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounce (multipart/report, a message/delivery-status part) returns the original it could not
 * deliver: the records of both say which addresses failed, and the original's {@code to} and {@code
 * cc} leave them out, so that no rule reading {@code to[0]} takes a bounced address for the
 * customer's.
 */
class DeliveryStatusTest {
  @TempDir Path dir;

  private static final String ORIGINAL =
      "Received: from app.shop.example by mx.shop.example; Wed, 25 Feb 2026 10:00:01 -0600\n"
          + "Date: Wed, 25 Feb 2026 10:00:00 -0600\n"
          + "From: Shop <bookings@shop.example>\n"
          + "To: Ana Ruiz <ana.ruiz@typo.example>, office@shop.example\n"
          + "Cc: ana@other.example\n"
          + "Subject: Booking B-0109 confirmed\n"
          + "Message-ID: <conf-0109@shop.example>\n"
          + "\n"
          + "Booking B-0109, total 215.00 EUR\n";

  private static String bounce(String status) {
    return "Date: Wed, 25 Feb 2026 10:00:05 -0600\n"
        + "From: Mail Delivery System <MAILER-DAEMON@mx.shop.example>\n"
        + "To: bookings@shop.example\n"
        + "Subject: Undelivered Mail Returned to Sender\n"
        + "Message-ID: <dsn-0109@mx.shop.example>\n"
        + "MIME-Version: 1.0\n"
        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"DSN\"\n"
        + "\n"
        + "--DSN\n"
        + "Content-Type: text/plain; charset=us-ascii\n"
        + "\n"
        + "Your message could not be delivered.\n"
        + "\n"
        + "--DSN\n"
        + "Content-Type: message/delivery-status\n"
        + "\n"
        + status
        + "\n"
        + "--DSN\n"
        + "Content-Type: message/rfc822\n"
        + "\n"
        + ORIGINAL
        + "\n"
        + "--DSN--\n";
  }

  private CollectingSink read(String name, String content) throws Exception {
    Path file = Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    return CollectingSink.read(new EmlDirectoryReader(), file);
  }

  @Test
  void aBounceAndTheOriginalItReturnsNameTheFailedAddressWhichTheOriginalsToLeavesOut()
      throws Exception {
    String status =
        "Reporting-MTA: dns; mx.shop.example\n"
            + "\n"
            + "Final-Recipient: rfc822; ana.ruiz@typo.example\n"
            + "Original-Recipient: rfc822;Ana.Ruiz@typo.example\n"
            + "Action: failed\n"
            + "Status: 5.1.2\n"
            + "\n"
            + "Final-Recipient: rfc822; office@shop.example\n"
            + "Action: delivered\n"
            + "Status: 2.0.0\n";

    CollectingSink sink = read("bounce.eml", bounce(status));

    JsonNode report = MailRefs.json(sink, "email:dsn-0109@mx.shop.example");
    assertThat(report.get("delivery_failed_to").toString())
        .isEqualTo("[\"ana.ruiz@typo.example\"]");
    assertThat(report.get("notes").toString())
        .contains("a delivery status report (a bounce): delivery to ana.ruiz@typo.example failed");
    JsonNode original = MailRefs.json(sink, "email:conf-0109@shop.example");
    assertThat(original.get("delivery_failed_to").toString())
        .isEqualTo("[\"ana.ruiz@typo.example\"]");
    assertThat(original.get("to").toString()).isEqualTo("[\"office@shop.example\"]");
    assertThat(original.get("cc").toString()).isEqualTo("[\"ana@other.example\"]");
    assertThat(original.get("headers").get("to").asText()).contains("ana.ruiz@typo.example");
    assertThat(original.get("text").asText()).contains("total 215.00 EUR");
    assertThat(original.get("notes").get(1).asText())
        .isEqualTo(
            "returned undelivered: the delivery status report it is attached to says delivery to"
                + " ana.ruiz@typo.example failed: left out of to and cc (headers keeps them), in"
                + " delivery_failed_to");
  }

  @Test
  void aReportWhoseDeliveriesDidNotFailLeavesTheOriginalAsItWas() throws Exception {
    // a delay warning: the mail may yet arrive
    String status =
        "Reporting-MTA: dns; mx.shop.example\n"
            + "\n"
            + "Final-Recipient: rfc822; ana.ruiz@typo.example\n"
            + "Action: delayed\n"
            + "Status: 4.4.1\n";

    CollectingSink sink = read("delayed.eml", bounce(status));

    assertThat(MailRefs.json(sink, "email:dsn-0109@mx.shop.example").has("delivery_failed_to"))
        .isFalse();
    JsonNode original = MailRefs.json(sink, "email:conf-0109@shop.example");
    assertThat(original.has("delivery_failed_to")).isFalse();
    assertThat(original.get("to").toString())
        .isEqualTo("[\"ana.ruiz@typo.example\",\"office@shop.example\"]");
  }

  @Test
  void aBounceNamesTheMessageIdItReturnsFromItsOriginalItsHeaderBlockOrItsInReplyTo()
      throws Exception {
    String failed =
        "Reporting-MTA: dns; mx.shop.example\n\nFinal-Recipient: rfc822; ana.ruiz@typo.example\n"
            + "Action: failed\nStatus: 5.1.2\n";
    // only the original's header block returned (text/rfc822-headers), no whole original
    String headersOnly =
        bounce(failed)
            .replace("Content-Type: message/rfc822\n", "Content-Type: text/rfc822-headers\n")
            .replace("\nBooking B-0109, total 215.00 EUR\n", "");
    // nothing returned, the report answering the mail by In-Reply-To
    String answering =
        bounce(failed)
            .replace(
                "Message-ID: <dsn-0109@mx.shop.example>\n",
                "Message-ID: <dsn-0109@mx.shop.example>\nIn-Reply-To: <conf-0109@shop.example>\n")
            .replace("--DSN\nContent-Type: message/rfc822\n\n" + ORIGINAL + "\n", "");

    for (CollectingSink sink :
        new CollectingSink[] {
          read("whole.eml", bounce(failed)),
          read("headers.eml", headersOnly),
          read("answer.eml", answering)
        }) {
      assertThat(
              MailRefs.json(sink, "email:dsn-0109@mx.shop.example")
                  .get("returned_message_id")
                  .asText())
          .isEqualTo("conf-0109@shop.example");
    }
    assertThat(
            MailRefs.json(read("plain.eml", ORIGINAL), "email:conf-0109@shop.example")
                .has("returned_message_id"))
        .isFalse();
  }
}
