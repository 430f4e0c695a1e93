package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Booking systems send a booking's time as a calendar invitation (text/calendar, attached as
 * invite.ics or as the HTML's alternative): an outside trial's confirmations said "see the attached
 * invitation" in the HTML, and the lesson came out with no start because no rule could read the
 * part. The mail record now carries its events under {@code invitations}, read by the iCalendar
 * reader of {@code ics} sources.
 */
class MailInvitationTest {
  @TempDir Path dir;

  private static final String HEADERS =
      "Message-ID: <inv1@ski.example>\n"
          + "From: bookings@ski.example\n"
          + "To: guest@mail.example\n"
          + "Date: Mon, 02 Feb 2026 10:00:00 +0100\n"
          + "Subject: Ihre Buchung SK-1\n"
          + "MIME-Version: 1.0\n";

  private static final String ZURICH =
      "BEGIN:VTIMEZONE\r\n"
          + "TZID:Europe/Zurich\r\n"
          + "BEGIN:STANDARD\r\n"
          + "DTSTART:19701025T030000\r\n"
          + "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
          + "TZOFFSETFROM:+0200\r\n"
          + "TZOFFSETTO:+0100\r\n"
          + "END:STANDARD\r\n"
          + "BEGIN:DAYLIGHT\r\n"
          + "DTSTART:19700329T020000\r\n"
          + "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
          + "TZOFFSETFROM:+0100\r\n"
          + "TZOFFSETTO:+0200\r\n"
          + "END:DAYLIGHT\r\n"
          + "END:VTIMEZONE\r\n";

  private static String calendar(String method, String timezones, String... events) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Booking//EN\r\nMETHOD:"
        + method
        + "\r\n"
        + timezones
        + String.join("", events)
        + "END:VCALENDAR\r\n";
  }

  private static String event(String uid, String times, String extra) {
    return "BEGIN:VEVENT\r\n"
        + "UID:"
        + uid
        + "\r\n"
        + "DTSTAMP:20260202T090000Z\r\n"
        + times
        + "SUMMARY:Privatstunde SK-1\r\n"
        + extra
        + "END:VEVENT\r\n";
  }

  /** An HTML confirmation with {@code calendar} attached as invite.ics, in {@code encoding}. */
  private static String confirmationWithAttachedInvite(String calendar, String encoding) {
    String body =
        encoding.equals("base64")
            ? Base64.getMimeEncoder()
                    .encodeToString(calendar.getBytes(StandardCharsets.UTF_8))
                    .replace("\r\n", "\n")
                + "\n"
            : calendar.replace("\r\n", "\n");
    return HEADERS
        + "Content-Type: multipart/mixed; boundary=\"mix\"\n\n"
        + "--mix\n"
        + "Content-Type: text/html; charset=utf-8\n\n"
        + "<html><body><table><tr><td>Buchung</td><td>SK-1</td></tr>"
        + "<tr><td>Zeit</td><td>siehe Kalendereinladung im Anhang</td></tr></table></body></html>\n"
        + "--mix\n"
        + "Content-Type: text/calendar; charset=utf-8; method=REQUEST; name=invite.ics\n"
        + "Content-Disposition: attachment; filename=invite.ics\n"
        + "Content-Transfer-Encoding: "
        + encoding
        + "\n\n"
        + body
        + "--mix--\n";
  }

  private JsonNode eml(String content) throws Exception {
    Path file = Files.writeString(dir.resolve("mail.eml"), content, StandardCharsets.UTF_8);
    CollectingSink read = CollectingSink.read(new EmlDirectoryReader(), file);
    assertThat(read.quarantined).isEmpty();
    assertThat(read.records).hasSize(1);
    return CollectingSink.json(read.records.get(0));
  }

  private static OffsetDateTime at(JsonNode time) {
    return OffsetDateTime.parse(time.get("dateTime").asText());
  }

  @Test
  void readsTheStartAndEndOfAnAttachedInviteInItsOwnVtimezone() throws Exception {
    String ics =
        calendar(
            "REQUEST",
            ZURICH,
            event(
                "sk-1@booking.example",
                "DTSTART;TZID=Europe/Zurich:20260214T100000\r\n"
                    + "DTEND;TZID=Europe/Zurich:20260214T120000\r\n",
                "SEQUENCE:2\r\nSTATUS:CONFIRMED\r\nLOCATION:Treffpunkt Sunnegga\r\n"
                    + "ORGANIZER;CN=Skischule:mailto:bookings@ski.example\r\n"
                    + "ATTENDEE;CN=Anna Gast;PARTSTAT=NEEDS-ACTION:mailto:guest@mail.example\r\n"));

    JsonNode mail = eml(confirmationWithAttachedInvite(ics, "7bit"));

    JsonNode invitation = mail.get("invitations").get(0);
    assertThat(mail.get("invitations")).hasSize(1);
    assertThat(at(invitation.get("start")).toInstant()).hasToString("2026-02-14T09:00:00Z");
    assertThat(at(invitation.get("end")).toInstant()).hasToString("2026-02-14T11:00:00Z");
    assertThat(invitation.get("start").get("timeZone").asText()).isEqualTo("Europe/Zurich");
    assertThat(invitation.get("method").asText()).isEqualTo("REQUEST");
    assertThat(invitation.get("part").asText()).isEqualTo("part 2 (text/calendar) invite.ics");
    assertThat(invitation.get("iCalUID").asText()).isEqualTo("sk-1@booking.example");
    assertThat(invitation.get("sequence").asInt()).isEqualTo(2);
    assertThat(invitation.get("status").asText()).isEqualTo("confirmed");
    assertThat(invitation.get("summary").asText()).isEqualTo("Privatstunde SK-1");
    assertThat(invitation.get("location").asText()).isEqualTo("Treffpunkt Sunnegga");
    assertThat(invitation.get("organizer").get("email").asText()).isEqualTo("bookings@ski.example");
    assertThat(invitation.get("attendees").get(0).get("email").asText())
        .isEqualTo("guest@mail.example");
    // still listed as an attachment, as before
    assertThat(mail.get("attachments").get(0).get("name").asText()).isEqualTo("invite.ics");
    assertThat(mail.get("text").asText()).contains("siehe Kalendereinladung");
  }

  @Test
  void readsAnEventCrossingTheSpringChangeInTheOffsetOfEachEnd() throws Exception {
    // 01:30 CET to 03:30 CEST on the night clocks go forward: one hour, not two
    String ics =
        calendar(
            "REQUEST",
            ZURICH,
            event(
                "night@booking.example",
                "DTSTART;TZID=Europe/Zurich:20260329T013000\r\n"
                    + "DTEND;TZID=Europe/Zurich:20260329T033000\r\n",
                ""));

    JsonNode invitation =
        eml(confirmationWithAttachedInvite(ics, "7bit")).get("invitations").get(0);

    OffsetDateTime start = at(invitation.get("start"));
    OffsetDateTime end = at(invitation.get("end"));
    assertThat(start.toInstant()).hasToString("2026-03-29T00:30:00Z");
    assertThat(end.toInstant()).hasToString("2026-03-29T01:30:00Z");
    assertThat(start.getOffset()).hasToString("+01:00");
    assertThat(end.getOffset()).hasToString("+02:00");
    assertThat(Duration.between(start, end)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void readsAnAllDayInvitationAsItsDates() throws Exception {
    String ics =
        calendar(
            "REQUEST",
            "",
            event(
                "day@booking.example",
                "DTSTART;VALUE=DATE:20260301\r\nDTEND;VALUE=DATE:20260302\r\n",
                ""));

    JsonNode invitation =
        eml(confirmationWithAttachedInvite(ics, "7bit")).get("invitations").get(0);

    assertThat(invitation.get("start").get("date").asText()).isEqualTo("2026-03-01");
    assertThat(invitation.get("end").get("date").asText()).isEqualTo("2026-03-02");
    assertThat(invitation.get("start").has("dateTime")).isFalse();
  }

  @Test
  void readsABase64CancellationSentAsTheHtmlsAlternativeWithAnIanaZoneAndNoVtimezone()
      throws Exception {
    String ics =
        calendar(
            "CANCEL",
            "",
            event(
                "sk-1@booking.example",
                "DTSTART;TZID=Europe/Zurich:20260214T100000\r\n"
                    + "DTEND;TZID=Europe/Zurich:20260214T120000\r\n",
                "SEQUENCE:3\r\nSTATUS:CANCELLED\r\nCOMMENT:Abgesagt für Frau Müller\r\n"));
    String mail =
        HEADERS
            + "Content-Type: multipart/alternative; boundary=\"alt\"\n\n"
            + "--alt\n"
            + "Content-Type: text/html; charset=utf-8\n\n"
            + "<p>Ihre Buchung SK-1 wurde storniert.</p>\n"
            + "--alt\n"
            + "Content-Type: text/calendar; charset=\"UTF-8\"; method=CANCEL\n"
            + "Content-Transfer-Encoding: base64\n\n"
            + Base64.getMimeEncoder()
                .encodeToString(ics.getBytes(StandardCharsets.UTF_8))
                .replace("\r\n", "\n")
            + "\n--alt--\n";

    JsonNode record = eml(mail);

    JsonNode invitation = record.get("invitations").get(0);
    assertThat(invitation.get("method").asText()).isEqualTo("CANCEL");
    assertThat(invitation.get("status").asText()).isEqualTo("cancelled");
    assertThat(invitation.get("part").asText()).isEqualTo("part 2 (text/calendar)");
    assertThat(invitation.get("_calendar").get("id").asText()).isEqualTo("invitation");
    assertThat(at(invitation.get("start")).toInstant()).hasToString("2026-02-14T09:00:00Z");
    assertThat(record.get("notes").toString()).doesNotContain("invitation in");
  }

  @Test
  void notesABrokenEventOfAnInvitationAndStillReadsTheOtherEventsAndTheMail() throws Exception {
    String ics =
        calendar(
            "REQUEST",
            ZURICH,
            event(
                "broken@booking.example",
                "DTSTART;TZID=Europe/Zurich:2026-02-14 10:00\r\n"
                    + "DTEND;TZID=Europe/Zurich:20260214T120000\r\n",
                ""),
            event(
                "second@booking.example",
                "DTSTART;TZID=Europe/Zurich:20260215T100000\r\n"
                    + "DTEND;TZID=Europe/Zurich:20260215T110000\r\n",
                ""));

    JsonNode mail = eml(confirmationWithAttachedInvite(ics, "8bit"));

    assertThat(mail.get("invitations")).hasSize(1);
    assertThat(mail.get("invitations").get(0).get("iCalUID").asText())
        .isEqualTo("second@booking.example");
    assertThat(mail.get("notes").toString())
        .contains("invitation in part 2 (text/calendar) invite.ics: ")
        .contains("broken@booking.example")
        .contains("'2026-02-14 10:00' is not a date or date-time");
    assertThat(mail.get("text").asText()).contains("SK-1");
  }

  @Test
  void notesAnInvitationPartThatHoldsNoCalendarAtAll() throws Exception {
    JsonNode mail = eml(confirmationWithAttachedInvite("this is not a calendar\n", "7bit"));

    assertThat(mail.get("invitations")).isEmpty();
    assertThat(mail.get("notes").toString())
        .contains(
            "invitation in part 2 (text/calendar) invite.ics: Cannot read part 2 (text/calendar)"
                + " invite.ics: no BEGIN:VCALENDAR and no VEVENT found");
  }

  @Test
  void everyNoteOfAnInvitationPartNotReadIsOfTheCountedFamilyAndNamesItsPartAndLine()
      throws Exception {
    String ics =
        calendar(
            "REQUEST",
            "",
            event(
                "broken@booking.example", "DTSTART:14.02.2026\r\nDTEND:20260214T120000Z\r\n", ""));

    JsonNode mail = eml(confirmationWithAttachedInvite(ics, "base64"));

    assertThat(mail.get("invitations")).isEmpty();
    java.util.List<String> unread = new java.util.ArrayList<>();
    mail.get("notes").forEach(note -> unread.add(note.asText()));
    assertThat(unread).filteredOn(MailNotes::isInvitationUnread).hasSize(1);
    assertThat(unread.stream().filter(MailNotes::isInvitationUnread).findFirst().orElseThrow())
        .startsWith("invitation in part 2 (text/calendar) invite.ics: ")
        .contains("14.02.2026")
        .containsPattern("line \\d+|:\\d+\\)");
    // the notes of how the rest of the mail was read are not of that family
    assertThat(MailNotes.isInvitationUnread("part 1 (text/html) declares charset utf-8 but"))
        .isFalse();
  }

  @Test
  void leavesInvitationsOutOfAMailWithoutACalendarPart() throws Exception {
    JsonNode mail =
        eml(HEADERS + "Content-Type: text/plain; charset=utf-8\n\nSee you on Saturday.\n");

    assertThat(mail.has("invitations")).isFalse();
  }
}
