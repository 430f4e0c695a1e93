package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A booking whose time is only in the confirmation's calendar invitation (invite.ics): an outside
 * trial's lessons came out NEW without a start, unflagged, because no rule could read the part. A
 * rule now reads it as {@code invitations[0].start.dateTime}, and a METHOD:CANCEL invitation says
 * the booking was cancelled.
 */
class MailInvitationRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static String invitation(String method, String sequence, String status) {
    return "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Booking//EN\nMETHOD:"
        + method
        + "\nBEGIN:VEVENT\nUID:sk-7@booking.example\nDTSTAMP:20260302T090000Z\n"
        + "SEQUENCE:"
        + sequence
        + "\nSTATUS:"
        + status
        + "\nDTSTART;TZID=Europe/Zurich:20260314T100000\n"
        + "DTEND;TZID=Europe/Zurich:20260314T120000\n"
        + "SUMMARY:Privatstunde SK-7\nEND:VEVENT\nEND:VCALENDAR\n";
  }

  private static String mail(String id, String date, String subject, String html, String ics) {
    return "Message-ID: <"
        + id
        + ">\nFrom: bookings@ski.example\nTo: guest@mail.example\nDate: "
        + date
        + "\nSubject: "
        + subject
        + "\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n"
        + "--b\nContent-Type: text/html; charset=utf-8\n\n"
        + html
        + "\n--b\nContent-Type: text/calendar; charset=utf-8; name=invite.ics\n"
        + "Content-Disposition: attachment; filename=invite.ics\n\n"
        + ics
        + "--b--\n";
  }

  private static final String MAPPING =
      """
      rules:
        - name: cancellation
          kind: mail
          when:
            - {path: "invitations[0].method", equals: CANCEL}
          observed_at: {path: date}
          emit:
            - entity: lesson
              fields:
                reference: {path: "invitations[0].summary", regex: '(SK-[0-9]+)', required: true}
                status: {const: cancelled}
        - name: confirmation
          kind: mail
          when:
            - {path: subject, matches: '^Buchung '}
          observed_at: {path: date}
          emit:
            - entity: lesson
              fields:
                reference: {path: subject, regex: '(SK-[0-9]+)', required: true}
                start_at: {path: "invitations[0].start.dateTime", type: datetime}
                end_at: {path: "invitations[0].end.dateTime", type: datetime}
                status: {path: "invitations[0].status"}
      """;

  @BeforeEach
  void writeConfig() throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("mail"));
    Files.writeString(
        dir.resolve("entities.yaml"),
        """
        entities:
          lesson:
            keys: [reference]
            fields: {reference: upper, start_at: datetime, end_at: datetime, status: lower}
        """);
    Files.writeString(dir.resolve("mappings/mail.yaml"), MAPPING);
    Files.writeString(
        dir.resolve("salvage.yaml"),
        """
        business: {name: Skischule, timezone: Europe/Zurich}
        entities: entities.yaml
        as_of: 2026-04-01T00:00:00Z
        sources:
          - {name: mail, type: eml, path: mail, mapping: mappings/mail.yaml}
        """);
    write(
        "mail/confirmation.eml",
        mail(
            "c7@ski.example",
            "Mon, 02 Mar 2026 10:00:00 +0100",
            "Buchung SK-7",
            "<p>Ihre Privatstunde SK-7: Zeit siehe Kalendereinladung im Anhang.</p>",
            invitation("REQUEST", "0", "CONFIRMED")));
  }

  private void write(String file, String content) throws Exception {
    Files.writeString(dir.resolve(file), content, StandardCharsets.UTF_8);
  }

  private JsonNode lesson() throws Exception {
    CliRun run =
        CliRun.of(
            "run",
            "--config",
            dir.resolve("salvage.yaml").toString(),
            "--out",
            dir.resolve("out").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("out/review/records.jsonl"))) {
      records.add(JSON.readTree(line));
    }
    assertThat(records).hasSize(1);
    return records.get(0);
  }

  @Test
  void aLessonTakesItsStartAndEndFromTheConfirmationsInvitation() throws Exception {
    JsonNode lesson = lesson();

    // 10:00 and 12:00 in Zurich in winter (UTC+1)
    assertThat(lesson.at("/fields/start_at/value").asText()).isEqualTo("2026-03-14T09:00:00Z");
    assertThat(lesson.at("/fields/end_at/value").asText()).isEqualTo("2026-03-14T11:00:00Z");
    assertThat(lesson.at("/fields/status/value").asText()).isEqualTo("confirmed");
  }

  @Test
  void aCancellingInvitationCancelsTheLesson() throws Exception {
    write(
        "mail/cancellation.eml",
        mail(
            "x7@ski.example",
            "Wed, 04 Mar 2026 10:00:00 +0100",
            "Abgesagt: Privatstunde",
            "<p>Ihre Stunde wurde abgesagt.</p>",
            invitation("CANCEL", "1", "CANCELLED")));

    JsonNode lesson = lesson();

    assertThat(lesson.at("/fields/status/value").asText()).isEqualTo("cancelled");
    assertThat(lesson.at("/fields/start_at/value").asText()).isEqualTo("2026-03-14T09:00:00Z");
  }

  @Test
  void countsSaysAndFlagsAMailWhoseInvitationCouldNotBeRead() throws Exception {
    // a lesson's invitation whose start is no date: the mail is read, its event is not
    write(
        "mail/confirmation.eml",
        mail(
            "c7@ski.example",
            "Mon, 02 Mar 2026 10:00:00 +0100",
            "Buchung SK-7",
            "<p>Ihre Privatstunde SK-7: Zeit siehe Kalendereinladung im Anhang.</p>",
            invitation("REQUEST", "0", "CONFIRMED")
                .replace("DTSTART;TZID=Europe/Zurich:20260314T100000", "DTSTART:14.03.2026")));
    // an ignored mail (no rule matches its subject) whose calendar part holds no calendar at all
    write(
        "mail/newsletter.eml",
        mail(
            "n1@ski.example",
            "Tue, 03 Mar 2026 10:00:00 +0100",
            "Winterprogramm",
            "<p>Unser Programm.</p>",
            "no calendar here\n"));

    CliRun run =
        CliRun.of(
            "run",
            "--config",
            dir.resolve("salvage.yaml").toString(),
            "--out",
            dir.resolve("out").toString());

    // a few damaged mails are counted and said, not an incomplete run
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .contains(
            "2 mails had a calendar invitation (text/calendar, application/ics) that could not be"
                + " read, whole or in part, and what it held is in no record: mail 2; first:"
                + " email:c7@ski.example#")
        .containsPattern(
            "first: email:c7@ski\\.example#\\w+ part 2 \\(text/calendar\\) invite\\.ics: .*'14\\.03\\.2026'"
                + " .*invite\\.ics:10\\)");
    JsonNode summary = JSON.readTree(dir.resolve("out/summary.json").toFile());
    assertThat(summary.at("/sources/mail/invitations_unread").asLong()).isEqualTo(2);
    JsonNode lesson =
        JSON.readTree(Files.readAllLines(dir.resolve("out/review/records.jsonl")).get(0));
    assertThat(lesson.get("flagged").asBoolean()).isTrue();
    assertThat(lesson.get("reasons").toString())
        .contains("a rule read the invitations of email:c7@ski.example#")
        .contains(
            ", but a calendar part of it could not be read (invitation in part 2 (text/calendar)"
                + " invite.ics: ");
    assertThat(Files.readString(dir.resolve("out/review/ignored.jsonl")))
        .contains("n1@ski.example")
        .contains("invitation in part 2 (text/calendar) invite.ics: Cannot read");
  }

  @Test
  void doesNotFlagARecordWhoseRuleReadsNoInvitationOfAMailWithAnUnreadOne() throws Exception {
    Files.writeString(
        dir.resolve("mappings/mail.yaml"),
        """
        rules:
          - name: confirmation
            kind: mail
            when:
              - {path: subject, matches: '^Buchung '}
            observed_at: {path: date}
            emit:
              - entity: lesson
                fields:
                  reference: {path: subject, regex: '(SK-[0-9]+)', required: true}
        """);
    write(
        "mail/confirmation.eml",
        mail(
            "c7@ski.example",
            "Mon, 02 Mar 2026 10:00:00 +0100",
            "Buchung SK-7",
            "<p>Ihre Privatstunde SK-7.</p>",
            "no calendar here\n"));

    JsonNode lesson = lesson();

    assertThat(lesson.get("reasons").toString()).doesNotContain("invitations of");
  }

  @Test
  void mappingsTestListsTheInvitationsPaths() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new SalvageCli());
    cli.setOut(new PrintWriter(out, true));

    int exit =
        cli.execute(
            "mappings",
            "test",
            "--mapping",
            dir.resolve("mappings/mail.yaml").toString(),
            "--mail",
            dir.resolve("mail/confirmation.eml").toString(),
            "--config",
            dir.resolve("salvage.yaml").toString());

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("Invitations (the mail's calendar events; a rule reads invitations[N].<path>):")
        .contains(
            "  invitations[0] method = REQUEST, status = confirmed, iCalUID = sk-7@booking.example,"
                + " sequence = 0, summary = Privatstunde SK-7,"
                + " start.dateTime = 2026-03-14T10:00:00+01:00,"
                + " end.dateTime = 2026-03-14T12:00:00+01:00,"
                + " part = part 2 (text/calendar) invite.ics")
        .contains("field start_at = 2026-03-14T09:00:00Z");
  }
}
