package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same mail in two mailboxes, its copies differing only in what the servers and mailboxes wrote
 * into each (Received, Delivered-To, X-Folder, ...), is one piece of evidence and one source: an
 * outside trial's colleague's mailbox made 780 mails count twice, and value resolution took the
 * duplicated old value over a newer one.
 */
class MailCopiesRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static String mail(String id, String date, String subject, String body) {
    return "Message-ID: <"
        + id
        + ">\nFrom: bookings@studio.example\nTo: desk@studio.example\nDate: "
        + date
        + "\nSubject: "
        + subject
        + "\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
        + body;
  }

  private static final String FIRST =
      mail(
          "bk1@studio.example",
          "Mon, 02 Mar 2026 10:00:00 +0000",
          "Booking BK-1",
          "Ref: BK-1\nEmail: old@guest.example\n");

  // what the colleague's mailbox holds of the same mail
  private static final String DELIVERED =
      "Return-Path: <bookings@studio.example>\nDelivered-To: desk@studio.example\n"
          + "Received: from mx.studio.example by imap.studio.example;\n"
          + " Mon, 02 Mar 2026 10:00:01 +0000\nX-Folder: Bookings\nX-Mozilla-Status: 0001\n"
          + FIRST;

  private static final String CORRECTION =
      mail(
          "bk1-fix@studio.example",
          "Mon, 02 Mar 2026 10:05:00 +0000",
          "Booking BK-1",
          "Ref: BK-1\nEmail: new@guest.example\n");

  @BeforeEach
  void writeConfig() throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("studio"));
    Files.createDirectories(dir.resolve("desk"));
    Files.writeString(
        dir.resolve("entities.yaml"),
        """
        entities:
          booking:
            keys: [reference]
            fields: {reference: upper, email: email}
        """);
    Files.writeString(
        dir.resolve("mappings/mail.yaml"),
        """
        rules:
          - name: confirmation
            kind: mail
            when:
              - {path: subject, matches: '^Booking '}
            observed_at: {path: date}
            emit:
              - entity: booking
                fields:
                  reference: {path: text, regex: 'Ref: (BK-[0-9]+)', required: true}
                  email: {path: text, regex: 'Email: (\\S+)'}
        """);
    Files.writeString(
        dir.resolve("salvage.yaml"),
        """
        business: {name: Studio, timezone: UTC}
        entities: entities.yaml
        as_of: 2026-04-01T00:00:00Z
        sources:
          - {name: studio, type: eml, path: studio, mapping: mappings/mail.yaml}
          - {name: desk, type: eml, path: desk, mapping: mappings/mail.yaml}
        """);
  }

  private CliRun run() {
    return CliRun.of(
        "run",
        "--config",
        dir.resolve("salvage.yaml").toString(),
        "--out",
        dir.resolve("out").toString());
  }

  private void write(String file, String content) throws Exception {
    Files.writeString(dir.resolve(file), content, StandardCharsets.UTF_8);
  }

  private List<JsonNode> lines(String file) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("out").resolve(file))) {
      nodes.add(JSON.readTree(line));
    }
    return nodes;
  }

  private List<String> evidenceRefs() throws Exception {
    return lines("review/evidence.jsonl").stream().map(e -> e.get("ref").asText()).toList();
  }

  @Test
  void copiesDifferingOnlyInDeliveryHeadersAreOnePieceAndOneSource() throws Exception {
    write("studio/sent.eml", FIRST);
    write("desk/copy.eml", DELIVERED);
    write("desk/correction.eml", CORRECTION);

    CliRun run = run();

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode booking = lines("review/records.jsonl").get(0);
    // one source each at one moment: the later claim wins, not the copied one
    assertThat(booking.at("/fields/email/value").asText()).isEqualTo("new@guest.example");
    assertThat(evidenceRefs())
        .filteredOn(ref -> ref.startsWith("email:bk1@"))
        .singleElement()
        .asString()
        .isEqualTo(
            lines("review/evidence.jsonl").stream()
                .filter(e -> e.get("source").asText().equals("studio"))
                .findFirst()
                .orElseThrow()
                .get("ref")
                .asText());
    JsonNode summary = JSON.readTree(dir.resolve("out/summary.json").toFile());
    assertThat(summary.at("/sources/desk/copies_of/studio").asLong()).isEqualTo(1);
    assertThat(summary.at("/sources/desk/read").asLong()).isEqualTo(2);
    assertThat(summary.at("/sources/desk/used").asLong()).isEqualTo(1);
    assertThat(run.err())
        .contains("Records read more than once (mails differing")
        .contains("desk 1 of studio");
    // the terminal's table adds up: read = used + ignored + quarantined + copies
    assertThat(run.out() + run.err())
        .containsPattern("quarantined +copies")
        .containsPattern("\\ndesk +2 +1 +0 +0 +1\\n");
  }

  @Test
  void ofTwoCopiesTheOneItsOwnerKeptWinsOverOneInTrashWhateverTheSourceOrder() throws Exception {
    // the source named first holds the copy Gmail labelled Trash; the other one the live copy
    write("studio/trash.eml", "X-Gmail-Labels: Trash\n" + FIRST);
    write("desk/sent.eml", FIRST);

    CliRun run = run();

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode booking = lines("review/records.jsonl").get(0);
    assertThat(booking.get("reasons").toString())
        .doesNotContain("discarded")
        .doesNotContain("all its evidence");
    JsonNode summary = JSON.readTree(dir.resolve("out/summary.json").toFile());
    assertThat(summary.at("/sources/studio/copies_of/desk").asLong()).isEqualTo(1);
    assertThat(summary.at("/sources/desk/used").asLong()).isEqualTo(1);
  }

  @Test
  void aMailSharingItsMessageIdWithOtherContentStaysApartAndIsNoted() throws Exception {
    write("studio/sent.eml", FIRST);
    write("desk/other.eml", FIRST.replace("old@guest.example", "other@guest.example"));

    CliRun run = run();

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> mails =
        lines("review/evidence.jsonl").stream()
            .filter(e -> e.get("ref").asText().startsWith("email:bk1@"))
            .toList();
    assertThat(mails).hasSize(2);
    assertThat(mails)
        .allSatisfy(
            m ->
                assertThat(m.at("/json/notes").toString())
                    .contains("shares its Message-ID with email:bk1@studio.example#"));
    JsonNode summary = JSON.readTree(dir.resolve("out/summary.json").toFile());
    assertThat(summary.at("/sources/desk/message_id_shared").asLong()).isEqualTo(1);
    assertThat(summary.at("/sources/desk/copies_of").isMissingNode()).isTrue();
  }

  @Test
  void aForwardedOriginalIsOnePieceWithTheOriginal() throws Exception {
    write("studio/sent.eml", FIRST);
    write(
        "desk/forward.eml",
        "Message-ID: <fwd1@desk.example>\nFrom: desk@studio.example\nTo: owner@studio.example\n"
            + "Date: Tue, 03 Mar 2026 09:00:00 +0000\nSubject: Fwd: Booking BK-1\n"
            + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"F\"\n\n"
            + "--F\nContent-Type: text/plain\n\nSee below.\n\n"
            + "--F\nContent-Type: message/rfc822\n\n"
            + DELIVERED
            + "\n--F--\n");

    CliRun run = run();

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(evidenceRefs()).filteredOn(ref -> ref.startsWith("email:bk1@")).hasSize(1);
    JsonNode booking = lines("review/records.jsonl").get(0);
    assertThat(booking.at("/fields/email/sources")).hasSize(1);
  }

  private static final String SENT =
      "From: bookings@studio.example\nTo: Ana Ruiz <ana@typo.example>\n"
          + "Date: Mon, 02 Mar 2026 10:00:00 +0000\nSubject: Booking BK-7\n"
          + "Message-ID: <bk7@studio.example>\nMIME-Version: 1.0\n"
          + "Content-Type: text/plain; charset=utf-8\n\nRef: BK-7\n";

  private static String bounceOf(String returnedType, String returned) {
    return "From: MAILER-DAEMON@mx.studio.example\nTo: bookings@studio.example\n"
        + "Date: Mon, 02 Mar 2026 10:00:09 +0000\nSubject: Undelivered Mail Returned to Sender\n"
        + "Message-ID: <dsn7@mx.studio.example>\nMIME-Version: 1.0\n"
        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"R\"\n\n"
        + "--R\nContent-Type: text/plain\n\nHost not found.\n\n"
        + "--R\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.studio.example\n\n"
        + "Final-Recipient: rfc822; ana@typo.example\nAction: failed\nStatus: 5.1.2\n\n"
        + "--R\nContent-Type: "
        + returnedType
        + "\n\n"
        + returned
        + "\n--R--\n";
  }

  private void writeBounceRun() throws Exception {
    Files.writeString(
        dir.resolve("mappings/mail.yaml"),
        """
        rules:
          - name: confirmation
            kind: mail
            when:
              - {path: subject, matches: '^Booking '}
            observed_at: {path: date}
            emit:
              - entity: booking
                fields:
                  reference: {path: text, regex: 'Ref: (BK-[0-9]+)', required: true}
                  email: {path: 'to[0]', type: email}
        """);
  }

  private void assertTheSentCopyLeavesTheBouncedAddressOut(CliRun run) throws Exception {
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode booking = lines("review/records.jsonl").get(0);
    assertThat(booking.at("/fields/email/value").asText("")).isNotEqualTo("ana@typo.example");
    JsonNode sent =
        lines("review/evidence.jsonl").stream()
            .filter(e -> e.get("ref").asText().startsWith("email:bk7@"))
            .collect(
                java.util.stream.Collectors.collectingAndThen(
                    java.util.stream.Collectors.toList(),
                    l -> {
                      assertThat(l).hasSize(1);
                      return l.get(0);
                    }));
    assertThat(sent.get("source").asText()).isEqualTo("studio");
    assertThat(sent.at("/json/to").toString()).isEqualTo("[]");
    assertThat(sent.at("/json/delivery_failed_to").toString()).isEqualTo("[\"ana@typo.example\"]");
    assertThat(sent.at("/json/notes").toString())
        .contains("returned undelivered: a bounce of this Message-ID read in this run (email:");
    JsonNode summary = JSON.readTree(dir.resolve("out/summary.json").toFile());
    assertThat(summary.at("/sources/studio/bounced_by_message_id").asLong()).isEqualTo(1);
    assertThat(run.err()).contains("Mails whose recipient a bounce of the same Message-ID");
  }

  @Test
  void aBounceReturningTheOriginalLeavesTheFailedAddressOutOfTheSendersOwnCopy() throws Exception {
    writeBounceRun();
    write("studio/sent.eml", SENT);
    write(
        "desk/bounce.eml",
        bounceOf(
            "message/rfc822",
            "Received: from app.studio.example by mx.studio.example;"
                + " Mon, 02 Mar 2026 10:00:01 +0000\n"
                + SENT));

    assertTheSentCopyLeavesTheBouncedAddressOut(run());
  }

  @Test
  void aBounceReturningOnlyTheHeadersLeavesTheFailedAddressOutOfTheSendersOwnCopy()
      throws Exception {
    writeBounceRun();
    write("studio/sent.eml", SENT);
    write(
        "desk/bounce.eml",
        bounceOf("text/rfc822-headers", SENT.substring(0, SENT.indexOf("\n\n") + 1)));

    assertTheSentCopyLeavesTheBouncedAddressOut(run());
  }
}
