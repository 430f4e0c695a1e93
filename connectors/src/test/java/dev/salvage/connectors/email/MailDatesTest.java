package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailDatesTest {
  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Fri, 21 Nov 1997 09:55:06 -0600               | 1997-11-21T15:55:06Z",
        // two-digit years: 00-49 are 20xx, 50-99 are 19xx; three digits are 1900+
        "21 Nov 97 09:55:06 GMT                        | 1997-11-21T09:55:06Z",
        "Sat, 1 Jan 04 10:00:00 +0100                  | 2004-01-01T09:00:00Z",
        "1 Jan 104 10:00:00 +0000                      | 2004-01-01T10:00:00Z",
        // missing seconds, named zones
        "Wed, 20 Dec 95 19:59 CST                      | 1995-12-21T01:59:00Z",
        "Thu, 13 Feb 1969 23:32 -0330                  | 1969-02-14T03:02:00Z",
        "Mon, 2 Mar 2026 10:00:00 EDT                  | 2026-03-02T14:00:00Z",
        // military zones and unknown names are an unknown offset: UTC (RFC 5322 4.3)
        "Mon, 2 Mar 2026 10:00:00 A                    | 2026-03-02T10:00:00Z",
        "Mon, 2 Mar 2026 10:00:00 CET                  | 2026-03-02T10:00:00Z",
        // comments anywhere, nested, and white space around the colons
        "Fri, 21 Nov 1997 09(comment):   55  :  06 -0600 | 1997-11-21T15:55:06Z",
        "Mon, 2 Mar 2026 10:00:00 +0100 (CET (Paris))  | 2026-03-02T09:00:00Z",
        // an offset missing its leading zero, a wrong day name, a full month name, no zone
        "Mon, 21 Aug 95 13:30:57 -600                  | 1995-08-21T19:30:57Z",
        "Tue, 2 Mar 2026 10:00:00 +0000                | 2026-03-02T10:00:00Z",
        "2 March 2026 10:00:00 +0000                   | 2026-03-02T10:00:00Z",
        "Wed, 15 Feb 1995 09:38:18                     | 1995-02-15T09:38:18Z",
        "2026-03-02T10:00:00+01:00                     | 2026-03-02T09:00:00Z",
      })
  void readsRfc5322AndItsObsoleteSyntax(String header, String expected) {
    assertThat(MailDates.parse(header)).contains(Instant.parse(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Tue, 31 Feb 2026 10:00:00 +0000",
        "Tue, 06 Jun 2017 27:39:33 +0600",
        "Wed, 15 Dec 2010    59:10 -0500",
        "Tue, 12 Oct 2010 16:21:05 H0500",
        "Pn, 29 paX 2007 21:13:00 +0100",
        "Malformed Date.",
        "<HR>",
      })
  void refusesWhatIsNotADate(String header) {
    assertThat(MailDates.parse(header)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Wed, 10 Jun 2026 12:00:00 UT  | 2026-06-10T12:00:00Z",
        "Wed, 10 Jun 2026 12:00:00 GMT | 2026-06-10T12:00:00Z",
        "Wed, 10 Jun 2026 12:00:00 EST | 2026-06-10T17:00:00Z",
        "Wed, 10 Jun 2026 12:00:00 EDT | 2026-06-10T16:00:00Z",
        "Wed, 10 Jun 2026 12:00:00 CST | 2026-06-10T18:00:00Z",
        "Wed, 10 Jun 2026 12:00:00 CDT | 2026-06-10T17:00:00Z",
        "Wed, 10 Jun 2026 12:00:00 MST | 2026-06-10T19:00:00Z",
        "Wed, 10 Jun 2026 12:00:00 MDT | 2026-06-10T18:00:00Z",
        "Wed, 10 Jun 2026 12:00:00 pst | 2026-06-10T20:00:00Z",
        "Wed, 10 Jun 2026 12:00:00 PDT | 2026-06-10T19:00:00Z",
      })
  void readsTheZonesRfc5322NamesAtTheirOffsetsWithoutANote(String header, String expected) {
    assertThat(MailDates.header(header, OSLO))
        .contains(new MailDates.DateHeader(Instant.parse(expected), null));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // a 12-hour clock, as hand-made senders write it: PM is 12 hours on, not a zone
        "Tuesday, March 10, 2026 10:15 PM        | 2026-03-10T21:15:00Z | true",
        "Tuesday, March 10, 2026 10:15 AM        | 2026-03-10T09:15:00Z | true",
        "Tue, 10 Mar 2026 10:15:30PM +0000       | 2026-03-10T22:15:30Z | false",
        "Tue, 10 Mar 2026 12:05 am +0000         | 2026-03-10T00:05:00Z | false",
        "Tue, 10 Mar 2026 12:05 pm GMT           | 2026-03-10T12:05:00Z | false",
      })
  void aTwelveHourClocksAmOrPmSetsTheHourAndIsNoZone(
      String header, String expected, boolean zoneAssumed) {
    Optional<MailDates.DateHeader> read = MailDates.header(header, OSLO);
    assertThat(read).map(MailDates.DateHeader::instant).contains(Instant.parse(expected));
    if (zoneAssumed) {
      assertThat(read.orElseThrow().assumption())
          .isEqualTo("Date header \"" + header.strip() + "\" has no zone: read in Europe/Oslo");
    } else {
      assertThat(read.orElseThrow().assumption()).isNull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"'Tue, 10 Mar 2026 22:15 PM +0000'", "'Tue, 10 Mar 2026 0:15 AM +0000'"})
  void anHourA12HourClockDoesNotHaveIsNoDate(String header) {
    assertThat(MailDates.parse(header)).isEmpty();
  }

  @Test
  void aZoneNameRfc5322DoesNotDefineIsReadInTheBusinessZoneAndSaid() {
    assertThat(MailDates.header("Wed, 10 Jun 2026 12:00:00 CEST", OSLO))
        .contains(
            new MailDates.DateHeader(
                Instant.parse("2026-06-10T10:00:00Z"),
                "Date header zone \"CEST\" is not one RFC 5322 defines: read in Europe/Oslo"));
    // CET in June is not Oslo's own abbreviation then, but no name is guessed: the business zone
    assertThat(MailDates.header("Wed, 10 Jun 2026 12:00:00 CET", OSLO))
        .map(MailDates.DateHeader::instant)
        .contains(Instant.parse("2026-06-10T10:00:00Z"));
  }

  @Test
  void aZoneNameRfc5322DoesNotDefineIsReadAsUtcAndSaidWhenNoBusinessZoneIsKnown() {
    assertThat(MailDates.header("Wed, 10 Jun 2026 12:00:00 CEST", null))
        .contains(
            new MailDates.DateHeader(
                Instant.parse("2026-06-10T12:00:00Z"),
                "Date header zone \"CEST\" is not one RFC 5322 defines: read as UTC"));
  }

  @Test
  void aDateHeaderWithoutAZoneIsReadInTheBusinessZoneElseUtcAndSaid() {
    assertThat(MailDates.header("Wed, 10 Jun 2026 12:00:00", OSLO))
        .contains(
            new MailDates.DateHeader(
                Instant.parse("2026-06-10T10:00:00Z"),
                "Date header \"Wed, 10 Jun 2026 12:00:00\" has no zone: read in Europe/Oslo"));
    assertThat(MailDates.header("Wed, 10 Jun 2026 12:00:00", null))
        .contains(
            new MailDates.DateHeader(
                Instant.parse("2026-06-10T12:00:00Z"),
                "Date header \"Wed, 10 Jun 2026 12:00:00\" has no zone: read as UTC"));
  }

  @Test
  void aLocalTimeTheBusinessZoneSkipsIsReadLaterByTheGap() {
    // 02:30 does not exist in Oslo on 2026-03-29: 03:30+02:00, as the other readers place it
    assertThat(MailDates.header("Sun, 29 Mar 2026 02:30:00", OSLO))
        .map(MailDates.DateHeader::instant)
        .contains(Instant.parse("2026-03-29T01:30:00Z"));
  }

  @Test
  void aMilitaryZoneIsMinusZeroZeroZeroZeroThatIsUtcEvenWithABusinessZoneAndSaid() {
    assertThat(MailDates.header("Wed, 10 Jun 2026 12:00:00 K", OSLO))
        .contains(
            new MailDates.DateHeader(
                Instant.parse("2026-06-10T12:00:00Z"),
                "Date header zone \"K\" is a military letter, which RFC 5322 reads as -0000 (no"
                    + " zone known): read as UTC"));
  }

  @Test
  void aMailWhoseDateHasAZoneRfc5322DoesNotDefineSaysHowItWasRead() throws Exception {
    JsonNode unknown = eml("Date: Wed, 10 Jun 2026 12:00:00 CEST\nSubject: summer\n\nbody\n");
    JsonNode none = eml("Date: Wed, 10 Jun 2026 12:00:00\nSubject: no zone\n\nbody\n");
    JsonNode offset = eml("Date: Wed, 10 Jun 2026 12:00:00 +0200\nSubject: exact\n\nbody\n");

    // the mail readers know no business zone: UTC, said
    assertThat(unknown.get("date").asText()).isEqualTo("2026-06-10T12:00:00Z");
    assertThat(unknown.get("date_source").asText()).isEqualTo("header");
    assertThat(unknown.get("notes"))
        .extracting(JsonNode::asText)
        .containsExactly("Date header zone \"CEST\" is not one RFC 5322 defines: read as UTC");
    assertThat(none.get("date").asText()).isEqualTo("2026-06-10T12:00:00Z");
    assertThat(none.get("notes"))
        .extracting(JsonNode::asText)
        .containsExactly("Date header \"Wed, 10 Jun 2026 12:00:00\" has no zone: read as UTC");
    assertThat(offset.get("date").asText()).isEqualTo("2026-06-10T10:00:00Z");
    assertThat(offset.get("notes")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2026-11-03 14:22:01 +0100      | 2026-11-03T13:22:01Z",
        "2026-11-03 14:22:01 +01:00     | 2026-11-03T13:22:01Z",
        "2026-11-03 14:22:01+0100       | 2026-11-03T13:22:01Z",
        "2026-11-03T14:22:01 -0500      | 2026-11-03T19:22:01Z",
        "2026-11-03 14:22:01.123456 UTC | 2026-11-03T14:22:01.123456Z",
        "2026-11-03 14:22 Z             | 2026-11-03T14:22:00Z",
        "2026-11-03 09:22:01 EST        | 2026-11-03T14:22:01Z",
      })
  void anIsoDateWrittenWithASpaceIsReadAndItsFormSaid(String header, String expected) {
    Optional<MailDates.DateHeader> read = MailDates.header(header, OSLO);

    assertThat(read).map(MailDates.DateHeader::instant).contains(Instant.parse(expected));
    assertThat(read.orElseThrow().assumption())
        .isEqualTo(
            "Date header \""
                + header.strip()
                + "\" is not an RFC 5322 date but an ISO 8601-style date and time (year-month-day,"
                + " as scripts and some servers write it): read as "
                + expected);
  }

  @Test
  void anIsoDateWrittenWithASpaceAndNoZoneIsReadInTheBusinessZoneAndSaid() {
    assertThat(MailDates.header("2026-11-03 14:22:01", OSLO))
        .contains(
            new MailDates.DateHeader(
                Instant.parse("2026-11-03T13:22:01Z"),
                "Date header \"2026-11-03 14:22:01\" is not an RFC 5322 date but an ISO 8601-style"
                    + " date and time (year-month-day, as scripts and some servers write it): read"
                    + " as 2026-11-03T13:22:01Z, in Europe/Oslo: it has no zone"));
    assertThat(MailDates.header("2026-11-03 14:22:01 CET", OSLO))
        .contains(
            new MailDates.DateHeader(
                Instant.parse("2026-11-03T13:22:01Z"),
                "Date header \"2026-11-03 14:22:01 CET\" is not an RFC 5322 date but an ISO"
                    + " 8601-style date and time (year-month-day, as scripts and some servers write"
                    + " it): read as 2026-11-03T13:22:01Z, in Europe/Oslo: its zone \"CET\" is not"
                    + " one RFC 5322 defines"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2026-02-30 10:00:00 +0100",
    "2026-11-03 25:00:00 +0100",
    "2026-11-03 10:00:00 +2500"
  })
  void anIsoDateWrittenWithASpaceThatIsNoRealMomentIsNoDate(String header) {
    assertThat(MailDates.parse(header)).isEmpty();
  }

  @Test
  void aScriptsMailDatedIsoWithASpaceAndNoReceivedHeaderKeepsItsDateWithANote() throws Exception {
    JsonNode mail =
        eml("Date: 2026-11-03 14:22:01 +0100\nSubject: Booking RW-1A2B3C\n\nConfirmed.\n");

    assertThat(mail.get("date").asText()).isEqualTo("2026-11-03T13:22:01Z");
    assertThat(mail.get("date_source").asText()).isEqualTo("header");
    assertThat(mail.get("notes"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "Date header \"2026-11-03 14:22:01 +0100\" is not an RFC 5322 date but an ISO"
                + " 8601-style date and time (year-month-day, as scripts and some servers write"
                + " it): read as 2026-11-03T13:22:01Z");
  }

  @Test
  void readsTheDateOfSeparatorLinesAndReceivedHeaders() {
    assertThat(MailDates.separator("From - Mon Jan  1 00:00:00 2024"))
        .contains(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(MailDates.separator("From 1844347792267117879@xxx Mon Jan 01 08:00:00 +0100 2024"))
        .contains(Instant.parse("2024-01-01T07:00:00Z"));
    assertThat(MailDates.separator("From MAILER-DAEMON Sun Aug  7 11:40:37 2022 extra info"))
        .contains(Instant.parse("2022-08-07T11:40:37Z"));
    assertThat(MailDates.separator("From sender@example.com")).isEmpty();
    assertThat(MailDates.separator("From - ")).isEmpty();
    assertThat(
            MailDates.received(
                "from mx.example.com (mx [192.0.2.1]) by mail.example.org; Tue, 15 Nov 1994"
                    + " 08:12:31 GMT"))
        .contains(Instant.parse("1994-11-15T08:12:31Z"));
    assertThat(MailDates.received("from somewhere by elsewhere")).isEqualTo(Optional.empty());
  }

  @Test
  void aFoldedDateWithATwoDigitYearIsTheMailsDate() throws Exception {
    JsonNode mail =
        eml("Date: Fri,\r\n 21 Nov 97\r\n\t09:55:06 GMT\r\nSubject: folded\r\n\r\nbody\r\n");

    assertThat(mail.get("date").asText()).isEqualTo("1997-11-21T09:55:06Z");
    assertThat(mail.get("date_source").asText()).isEqualTo("header");
    assertThat(mail.get("notes")).isEmpty();
  }

  @Test
  void withoutAUsableDateTheNewestReceivedDateIsUsedAndSaid() throws Exception {
    JsonNode mail =
        eml(
            "Received: from b by c; Tue, 3 Mar 2026 10:00:05 +0000\n"
                + "Received: from a by b;\n"
                + "  Tue, 3 Mar 2026 11:00:00 +0100\n"
                + "Received: from x by a; Mon, 2 Mar 2026 23:00:00 +0000\n"
                + "Date: someday\n"
                + "Subject: relayed\n"
                + "\n"
                + "body\n");

    assertThat(mail.get("date").asText()).isEqualTo("2026-03-03T10:00:05Z");
    assertThat(mail.get("date_source").asText()).isEqualTo("received");
    assertThat(mail.get("notes").get(0).asText())
        .isEqualTo("Date header \"someday\" is not a date");
  }

  @Test
  void aDateHeaderAfterTheMailWasReceivedIsAWrongClockAndTheReceivedDateIsUsed() throws Exception {
    // a phone set to the next year: its customer's reply would be the newest evidence for a year
    JsonNode mail =
        eml(
            "Received: from phone by mx; Tue, 3 Mar 2026 10:00:05 +0000\n"
                + "Date: Wed, 3 Mar 2027 09:59:00 +0000\n"
                + "Subject: my new address\n"
                + "\n"
                + "body\n");

    assertThat(mail.get("date").asText()).isEqualTo("2026-03-03T10:00:05Z");
    assertThat(mail.get("date_source").asText()).isEqualTo("received");
    assertThat(mail.get("notes").get(0).asText())
        .isEqualTo(
            "Date header 2027-03-03T09:59:00Z is after the last server received the mail"
                + " (2026-03-03T10:00:05Z): the sender's clock was wrong; dated by its Received"
                + " header");
  }

  @Test
  void anEpochZeroDateHeaderIsAWrongClockButMinutesOfSkewAndDaysInAnOutboxAreNot()
      throws Exception {
    JsonNode epoch =
        eml(
            "Received: from a by mx; Tue, 3 Mar 2026 10:00:05 +0000\n"
                + "Date: Thu, 1 Jan 1970 00:00:00 +0000\n"
                + "Subject: reset clock\n\nbody\n");
    assertThat(epoch.get("date").asText()).isEqualTo("2026-03-03T10:00:05Z");
    assertThat(epoch.get("notes").get(0).asText()).contains("more than a week before");
    JsonNode y2k =
        eml(
            "Received: from a by mx; Tue, 3 Mar 2026 10:00:05 +0000\n"
                + "Date: Sat, 1 Jan 2000 00:00:00 +0100\n"
                + "Subject: reset clock\n\nbody\n");
    assertThat(y2k.get("date").asText()).isEqualTo("2026-03-03T10:00:05Z");

    JsonNode skewed =
        eml(
            "Received: from a by mx; Tue, 3 Mar 2026 10:00:05 +0000\n"
                + "Date: Tue, 3 Mar 2026 10:40:00 +0000\n"
                + "Subject: fast clock\n\nbody\n");
    assertThat(skewed.get("date").asText()).isEqualTo("2026-03-03T10:40:00Z");
    assertThat(skewed.get("date_source").asText()).isEqualTo("header");

    JsonNode outbox =
        eml(
            "Received: from a by mx; Tue, 3 Mar 2026 10:00:05 +0000\n"
                + "Date: Sat, 28 Feb 2026 18:00:00 +0000\n"
                + "Subject: written offline\n\nbody\n");
    assertThat(outbox.get("date").asText()).isEqualTo("2026-02-28T18:00:00Z");
    assertThat(outbox.get("notes")).isEmpty();
  }

  @Test
  void aMailboxDeliveredAgainMonthsLaterKeepsEachMailsDateWithANote() throws Exception {
    // an exported mailbox re-sent by SMTP: the only Received header is of the day it came again
    JsonNode mail =
        eml(
            "Received: from import by mx; Sat, 5 Dec 2026 10:00:05 +0000\n"
                + "Date: Thu, 15 Jan 2026 10:00:00 +0000\n"
                + "Subject: booking confirmed\n\nbody\n");

    assertThat(mail.get("date").asText()).isEqualTo("2026-01-15T10:00:00Z");
    assertThat(mail.get("date_source").asText()).isEqualTo("header");
    assertThat(mail.get("notes").get(0).asText())
        .isEqualTo(
            "delivered late: Date header 2026-01-15T10:00:00Z is 324 days before the first server"
                + " received the mail (2026-12-05T10:00:05Z); dated by its Date header, as a mail"
                + " delivered again (a mailbox imported, re-sent or forwarded whole) keeps when it"
                + " was written");
  }

  @Test
  void aDateHeaderAfterTheMomentOfReadingWithNothingElseToDateTheMailLeavesItWithoutADate()
      throws Exception {
    // a single .eml: no Received header, no separator line; taken as written it beat every later
    // real change of its booking, unflagged
    JsonNode mail =
        eml(
            "Date: Fri, 24 Apr 2099 18:57:39 +0000\n"
                + "Message-ID: <future@example.com>\n"
                + "Subject: Booking confirmed\n\nbody\n");

    assertThat(mail.get("date").isNull()).isTrue();
    assertThat(mail.get("notes").get(0).asText())
        .isEqualTo(
            "no date: the Date header 2099-04-24T18:57:39Z is after the moment the mail is read"
                + " (the sender's clock was wrong), and no Received header or mbox separator line"
                + " dates it");
  }

  @Test
  void aDateHeaderYearsAfterItsMboxSeparatorWithoutReceivedIsAWrongClockDatedByTheSeparator()
      throws Exception {
    // the application's own confirmation, in its Sent mailbox: no Received header to tell
    Path mbox =
        Files.writeString(
            dir.resolve("sent.mbox"),
            "From bounces@example.com Fri Apr 24 18:57:39 2026\n"
                + "Date: Fri, 24 Apr 2031 18:57:39 +0000\n"
                + "Message-ID: <future@example.com>\n"
                + "Subject: Booking confirmed\n\nbody\n\n"
                + "From bounces@example.com Fri Apr 24 18:57:39 2026\n"
                + "Date: Sat, 25 Apr 2026 08:30:00 +1000\n"
                + "Message-ID: <zone-ahead@example.com>\n"
                + "Subject: Booking confirmed\n\nbody\n\n"
                + "From - Thu Jan  1 00:00:00 1970\n"
                + "Date: Fri, 24 Apr 2026 18:57:39 +0000\n"
                + "Message-ID: <epoch-separator@example.com>\n"
                + "Subject: Booking confirmed\n\nbody\n");

    CollectingSink read = MboxReads.read(mbox);

    JsonNode future = MailRefs.json(read, "email:future@example.com");
    assertThat(future.get("date").asText()).isEqualTo("2026-04-24T18:57:39Z");
    assertThat(future.get("date_source").asText()).isEqualTo("separator");
    assertThat(future.get("notes").get(0).asText())
        .isEqualTo(
            "Date header 2031-04-24T18:57:39Z is after the mbox separator line says the mailbox"
                + " stored the mail (2026-04-24T18:57:39Z): the sender's clock was wrong; dated by"
                + " its mbox separator line");
    assertThat(MailNotes.isRedated(future.get("notes").get(0).asText())).isTrue();
    // hours off, within the separator's unknown zone, and a separator no date of which is real
    JsonNode zoneAhead = MailRefs.json(read, "email:zone-ahead@example.com");
    assertThat(zoneAhead.get("date_source").asText()).isEqualTo("header");
    assertThat(zoneAhead.get("notes")).isEmpty();
    JsonNode epoch = MailRefs.json(read, "email:epoch-separator@example.com");
    assertThat(epoch.get("date").asText()).isEqualTo("2026-04-24T18:57:39Z");
    assertThat(epoch.get("notes")).isEmpty();
  }

  @Test
  void aSeparatorDateMostLinesOfTheFileRepeatIsAPlaceholderThatRedatesNoMail() throws Exception {
    StringBuilder content = new StringBuilder();
    for (int i = 1; i <= 4; i++) {
      content
          .append("From - Sun Mar 15 12:00:00 2020\n")
          .append("Date: Fri, 0" + i + " May 2026 10:00:00 +0000\n")
          .append("Message-ID: <m" + i + "@example.com>\n")
          .append("Subject: Booking confirmed\n\nbody\n\n");
    }
    Path mbox = Files.writeString(dir.resolve("Sent"), content.toString());

    CollectingSink read = MboxReads.read(mbox);

    assertThat(read.records).hasSize(4);
    JsonNode first = MailRefs.json(read, "email:m1@example.com");
    assertThat(first.get("date").asText()).isEqualTo("2026-05-01T10:00:00Z");
    assertThat(first.get("date_source").asText()).isEqualTo("header");
    assertThat(first.get("notes").get(0).asText())
        .isEqualTo(
            "the mbox separator line (\"From - Sun Mar 15 12:00:00 2020\") does not date the mail,"
                + " though its Date header is long after it: its date is 4 of the file's 4 dated"
                + " separator lines carry it, a placeholder of the program that wrote the file");
    assertThat(MailNotes.isRedated(first.get("notes").get(0).asText())).isFalse();
  }

  @Test
  void aSeparatorAtMidnightOnTheFirstOfJanuaryRedatesNoMailEvenAlone() throws Exception {
    // as some exporters write every line, and as a single mail's file cannot show by repeating
    Path mbox =
        Files.writeString(
            dir.resolve("Sent2024"),
            "From - Mon Jan  1 00:00:00 2024\n"
                + "Date: Fri, 04 Sep 2026 19:00:20 +1000\n"
                + "Message-ID: <alone@example.com>\n"
                + "Subject: Booking confirmed\n\nbody\n");

    JsonNode mail = CollectingSink.json(MboxReads.read(mbox).records.get(0));

    assertThat(mail.get("date").asText()).isEqualTo("2026-09-04T09:00:20Z");
    assertThat(mail.get("date_source").asText()).isEqualTo("header");
    assertThat(mail.get("notes").get(0).asText())
        .endsWith(
            "its date is midnight on the first of January, a placeholder exporters write"
                + " when they know no date");
  }

  @Test
  void withNeitherTheMboxSeparatorsDateIsUsed() throws Exception {
    Path mbox =
        Files.writeString(
            dir.resolve("old.mbox"),
            "From alice@example.com Mon Mar  2 10:00:00 2026\nSubject: undated\n\nbody\n");

    JsonNode mail = CollectingSink.json(MboxReads.read(mbox).records.get(0));

    assertThat(mail.get("date").asText()).isEqualTo("2026-03-02T10:00:00Z");
    assertThat(mail.get("date_source").asText()).isEqualTo("separator");
  }

  @Test
  void aMailWithNoDateAnywhereSaysSoInItsRecord() throws Exception {
    Path mbox =
        Files.writeString(
            dir.resolve("undated.mbox"),
            "From alice@example.com\nSubject: undated\nDate: 31 Feb 2026 10:00 +0000\n\nbody\n");

    CollectingSink read = MboxReads.read(mbox);
    JsonNode mail = CollectingSink.json(read.records.get(0));

    assertThat(read.quarantined).isEmpty();
    assertThat(mail.get("date").isNull()).isTrue();
    assertThat(mail.get("date_source").isNull()).isTrue();
    assertThat(mail.get("notes"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "Date header \"31 Feb 2026 10:00 +0000\" is not a date",
            "no date: the Date header is not a date, no Received header with a date, no date on"
                + " the mbox separator line");
    // the notes come before the text, so a quarantine excerpt of the record shows them
    assertThat(read.records.get(0).json().indexOf("\"notes\""))
        .isLessThan(read.records.get(0).json().indexOf("\"text\""));
  }

  private JsonNode eml(String content) throws Exception {
    Path file = Files.writeString(dir.resolve("mail.eml"), content, StandardCharsets.UTF_8);
    return CollectingSink.json(CollectingSink.read(new EmlDirectoryReader(), file).records.get(0));
  }
}
