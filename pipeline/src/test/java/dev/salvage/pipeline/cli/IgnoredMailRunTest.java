package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.salvage.pipeline.bundle.Json;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ignored mail is said by why (a bounce, an automatic reply, a forward's outer mail, no rule
 * matched) in summary.json and at the run's end, and each is listed with its evidence id in
 * review/ignored.jsonl, read from .eml files, over IMAP and from an mbox alike.
 */
class IgnoredMailRunTest {
  @TempDir Path dir;

  private static final String MODEL =
      """
      entities:
        booking:
          keys: [code]
          fields: {code: upper, member_email: email}
      """;

  private static final String MAPPING =
      """
      rules:
        - name: confirmation
          kind: mail
          when:
            - {path: subject, matches: '^Booking LY-[0-9]+$'}
            - {not: {path: auto_submitted, equals: auto-replied}}
          observed_at: {path: date}
          emit:
            - entity: booking
              fields:
                code: {path: subject, regex: '(LY-[0-9]+)', required: true}
                member_email: {path: "to[0]"}
      """;

  private static final String CONFIRMATION =
      "From: Lotus <bookings@lotus.example>\r\nTo: ana@mail.example\r\n"
          + "Date: Mon, 02 Mar 2026 09:00:00 +0000\r\nSubject: Booking LY-101\r\n"
          + "Message-ID: <c1@lotus.example>\r\n\r\nYour booking is confirmed.\r\n";

  private static final String BOUNCE =
      "From: Mail Delivery System <MAILER-DAEMON@mx.lotus.example>\r\n"
          + "To: bookings@lotus.example\r\nDate: Mon, 02 Mar 2026 09:01:00 +0000\r\n"
          + "Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <dsn1@mx.lotus.example>\r\n"
          + "MIME-Version: 1.0\r\n"
          + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n"
          + "--B\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
          + "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
          + "Reporting-MTA: dns; mx.lotus.example\r\n\r\n"
          + "Final-Recipient: rfc822; ana@mial.example\r\nAction: failed\r\nStatus: 5.1.1\r\n"
          + "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
          + "From: Lotus <bookings@lotus.example>\r\nTo: ana@mial.example\r\n"
          + "Subject: Booking LY-100\r\nMessage-ID: <c0@lotus.example>\r\n"
          + "--B--\r\n";

  private static final String OUT_OF_OFFICE =
      "From: Ana <ana@mail.example>\r\nTo: bookings@lotus.example\r\n"
          + "Date: Mon, 02 Mar 2026 09:02:00 +0000\r\nSubject: Booking LY-101\r\n"
          + "Auto-Submitted: auto-replied\r\nMessage-ID: <ooo1@mail.example>\r\n\r\n"
          + "I am away until Friday. Office: +41 44 000 00 00\r\n";

  private static final String FORWARD =
      "From: Staff <desk@lotus.example>\r\nTo: bookings@lotus.example\r\n"
          + "Date: Mon, 02 Mar 2026 10:00:00 +0000\r\nSubject: Fw: see attached\r\n"
          + "Message-ID: <fw1@lotus.example>\r\nMIME-Version: 1.0\r\n"
          + "Content-Type: multipart/mixed; boundary=\"F\"\r\n\r\n"
          + "--F\r\nContent-Type: text/plain\r\n\r\nFYI\r\n"
          + "--F\r\nContent-Type: message/rfc822\r\n\r\n"
          + "From: Lotus <bookings@lotus.example>\r\nTo: ben@mail.example\r\n"
          + "Date: Mon, 02 Mar 2026 08:00:00 +0000\r\nSubject: Booking LY-102\r\n"
          + "Message-ID: <c2@lotus.example>\r\n\r\nYour booking is confirmed.\r\n"
          + "--F--\r\n";

  private static final String NEWSLETTER =
      "From: News <news@lotus.example>\r\nTo: ana@mail.example\r\n"
          + "Date: Mon, 02 Mar 2026 11:00:00 +0000\r\nSubject: Spring classes\r\n"
          + "Message-ID: <n1@lotus.example>\r\n\r\nNew classes this spring.\r\n";

  private static final List<String> MAILS =
      List.of(CONFIRMATION, BOUNCE, OUT_OF_OFFICE, FORWARD, NEWSLETTER);

  private static final Map<String, Long> BY_WHY =
      Map.of(
          "delivery_report",
          1L,
          "automatic_reply",
          1L,
          "forward_outer_mail",
          1L,
          "no_rule_matched",
          1L);

  @Test
  void countsIgnoredEmlMailByWhatTheReaderRecognisedAndListsEachWithItsEvidenceId()
      throws Exception {
    Files.createDirectories(dir.resolve("mail"));
    for (int i = 0; i < MAILS.size(); i++) {
      Files.writeString(dir.resolve("mail/" + i + ".eml"), MAILS.get(i));
    }

    CliRun run = run("{name: mail, type: eml, path: mail, mapping: mappings/mail.yaml}");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode mail = summary().at("/sources/mail");
    assertThat(mail.get("read").asLong()).isEqualTo(6);
    assertThat(mail.get("used").asLong()).isEqualTo(2);
    assertThat(mail.get("ignored").asLong()).isEqualTo(4);
    assertThat(byWhy(mail)).isEqualTo(BY_WHY);
    assertThat(mail.has("ignored_noted")).isFalse();
    Map<String, JsonNode> listed = listed();
    assertThat(listed.keySet())
        .containsExactlyInAnyOrder("dsn1", "ooo1", "fw1", "n1")
        .allSatisfy(id -> assertThat(listed.get(id).get("source").asText()).isEqualTo("mail"));
    assertThat(listed.get("dsn1").get("why").asText()).isEqualTo("delivery_report");
    assertThat(listed.get("dsn1").get("from").asText()).isEqualTo("mailer-daemon@mx.lotus.example");
    assertThat(listed.get("ooo1").get("why").asText()).isEqualTo("automatic_reply");
    assertThat(listed.get("fw1").get("why").asText()).isEqualTo("forward_outer_mail");
    assertThat(listed.get("fw1").get("subject").asText()).isEqualTo("Fw: see attached");
    assertThat(listed.get("n1").get("why").asText()).isEqualTo("no_rule_matched");
    assertThat(listed.get("n1").get("location").asText()).endsWith("4.eml");
    assertThat(run.err())
        .contains(
            "Ignored records by why: mail 4 ignored: 1 delivery report (bounce), 1 automatic"
                + " reply, 1 forward's outer mail (the attached mail read apart), 1 matched no"
                + " rule. Each is listed with its evidence id and why in review/ignored.jsonl");
  }

  @Test
  void countsIgnoredMailReadOverImapAsFromFiles() throws Exception {
    GreenMail server = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
    server.start();
    try {
      String password = UUID.randomUUID().toString();
      GreenMailUser user = server.setUser("bookings@lotus.example", "office", password);
      MailFolder inbox = server.getManagers().getImapHostManager().getInbox(user);
      Session session = Session.getInstance(new Properties());
      for (String raw : MAILS) {
        inbox.appendMessage(
            new MimeMessage(
                session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))),
            new Flags(),
            new Date());
      }
      Path passwordFile = Files.writeString(dir.resolve("imap-password"), password);

      CliRun run =
          run(
              "{name: mail, type: imap, mapping: mappings/mail.yaml, options: {host: 127.0.0.1,"
                  + " port: '"
                  + server.getImap().getPort()
                  + "', security: none, user: office, password_file: '"
                  + passwordFile
                  + "', folders: INBOX, snapshot_dir: '"
                  + dir.resolve("snapshot")
                  + "'}}");

      assertThat(run.exitCode()).as(run.err()).isZero();
      JsonNode mail = summary().at("/sources/mail");
      assertThat(mail.get("ignored").asLong()).isEqualTo(4);
      assertThat(byWhy(mail)).isEqualTo(BY_WHY);
      assertThat(listed().keySet()).containsExactlyInAnyOrder("dsn1", "ooo1", "fw1", "n1");
      assertThat(run.err()).contains("Ignored records by why: mail 4 ignored: ");
    } finally {
      server.stop();
    }
  }

  @Test
  void anMboxSeparatorThatDoesNotDateItsMailIsNoNoteThatCountsAnIgnoredMail() throws Exception {
    // an exporter wrote a placeholder date on every separator line; each mail has its Date header
    StringBuilder mbox = new StringBuilder();
    for (String raw : List.of(CONFIRMATION, NEWSLETTER)) {
      mbox.append("From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n")
          .append(raw.replace("\r\n", "\n"))
          .append("\n");
    }
    Files.createDirectories(dir.resolve("mail"));
    Files.writeString(dir.resolve("mail/Inbox"), mbox);

    CliRun run = run("{name: mail, type: mbox, path: mail, mapping: mappings/mail.yaml}");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode mail = summary().at("/sources/mail");
    assertThat(mail.get("ignored").asLong()).isEqualTo(1);
    assertThat(mail.has("ignored_noted")).as(mail.toString()).isFalse();
    assertThat(run.err()).doesNotContain("Ignored records with reader notes");
    // still there for whoever looks at the mail, below the count
    assertThat(listed().get("n1").get("notes").get(0).asText())
        .startsWith("the mbox separator line (\"From MAILER-DAEMON Thu Jan  1 00:00:00 2026\")")
        .contains("does not date the mail");
  }

  @Test
  void anApplicationsAutoGeneratedMailThatNoRuleMatchedIsNoAutomaticReply() throws Exception {
    // RFC 3834 asks an application to mark its own mail auto-generated; a confirmation whose
    // subject the rule does not match is a rule to mend, not an out-of-office reply
    Files.createDirectories(dir.resolve("mail"));
    Files.writeString(
        dir.resolve("mail/0.eml"),
        CONFIRMATION
            .replace("Subject: Booking LY-101", "Subject: Booking LY-101 (changed)")
            .replace("Message-ID: <c1@", "Auto-Submitted: auto-generated\r\nMessage-ID: <ag1@"));
    Files.writeString(dir.resolve("mail/1.eml"), OUT_OF_OFFICE);

    CliRun run = run("{name: mail, type: eml, path: mail, mapping: mappings/mail.yaml}");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(listed().get("ag1").get("why").asText()).isEqualTo("no_rule_matched");
    assertThat(listed().get("ooo1").get("why").asText()).isEqualTo("automatic_reply");
    assertThat(run.err()).contains("1 automatic reply, 1 matched no rule");
  }

  @Test
  void theOriginalABounceReturnsAttachedIsCountedAsReturnedUndeliveredNotAsASecondBounce()
      throws Exception {
    // a bounce that returns the whole original (message/rfc822), as Postfix and Exim do: the
    // original is a mail of its own, whose failed address is left out of its to and put in its
    // delivery_failed_to; it was counted as a second delivery report, so a mailbox with 60 bounces
    // said "120 delivery reports (bounces)" and no original returned
    String bounce =
        BOUNCE
            .replace(
                "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n",
                "--B\r\nContent-Type: message/rfc822\r\n\r\n")
            .replace(
                "Message-ID: <c0@lotus.example>\r\n--B--",
                "Message-ID: <c0@lotus.example>\r\nDate: Mon, 02 Mar 2026 08:59:00 +0000\r\n"
                    + "\r\nSpring newsletter.\r\n--B--")
            .replace("Subject: Booking LY-100", "Subject: Spring newsletter");
    Files.createDirectories(dir.resolve("mail"));
    Files.writeString(dir.resolve("mail/0.eml"), CONFIRMATION);
    Files.writeString(dir.resolve("mail/1.eml"), bounce);

    CliRun run = run("{name: mail, type: eml, path: mail, mapping: mappings/mail.yaml}");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode mail = summary().at("/sources/mail");
    assertThat(mail.get("read").asLong()).isEqualTo(3);
    assertThat(byWhy(mail)).isEqualTo(Map.of("delivery_report", 1L, "returned_undelivered", 1L));
    assertThat(listed().get("dsn1").get("why").asText()).isEqualTo("delivery_report");
    assertThat(listed().get("c0").get("why").asText()).isEqualTo("returned_undelivered");
    assertThat(run.err())
        .contains("mail 2 ignored: 1 delivery report (bounce), 1 original a bounce returned.");
  }

  private CliRun run(String source) throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.writeString(dir.resolve("entities.yaml"), MODEL);
    Files.writeString(dir.resolve("mappings/mail.yaml"), MAPPING);
    Path config =
        Files.writeString(
            dir.resolve("salvage.yaml"),
            """
            business: {name: Lotus, timezone: Europe/Zurich}
            entities: entities.yaml
            as_of: 2026-04-01T00:00:00Z
            sources:
              - %s
            """
                .formatted(source));
    return CliRun.of("run", "--config", config.toString(), "--out", dir.resolve("out").toString());
  }

  private JsonNode summary() throws Exception {
    return Json.MAPPER.readTree(dir.resolve("out/summary.json").toFile());
  }

  private static Map<String, Long> byWhy(JsonNode source) {
    Map<String, Long> counts = new LinkedHashMap<>();
    source
        .path("ignored_why")
        .fields()
        .forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
    return counts;
  }

  /** The lines of review/ignored.jsonl by their mail's Message-ID. */
  private Map<String, JsonNode> listed() throws Exception {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    List<String> lines =
        new ArrayList<>(Files.readAllLines(dir.resolve("out/review/ignored.jsonl")));
    for (String line : lines) {
      JsonNode entry = Json.MAPPER.readTree(line);
      String ref = entry.get("ref").asText();
      byId.put(ref.substring("email:".length(), ref.indexOf('@')), entry);
    }
    return byId;
  }
}
