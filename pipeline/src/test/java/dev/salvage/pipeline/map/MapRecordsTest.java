package dev.salvage.pipeline.map;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvage.connectors.RawRecord;
import dev.salvage.mappings.Business;
import dev.salvage.pipeline.beam.Coders;
import dev.salvage.pipeline.beam.RunCounts;
import dev.salvage.pipeline.beam.StepOutputs;
import dev.salvage.pipeline.bundle.IgnoredEntry;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;

class MapRecordsTest {
  static final String ENTITIES =
      """
      entities:
        customer:
          keys: [email]
          fields:
            email: email
            code: text
      """;

  // a repeated alternation: Java's regex engine recurses once per repetition
  static final String MAPPING =
      """
      rules:
        - name: coded
          kind: mail
          observed_at: {path: date, type: datetime}
          emit:
            - entity: customer
              fields:
                email: {path: from, type: email, required: true}
                code: {path: text, regex: '^((?:a|b)*)c'}
      """;

  static RawRecord mail(String ref, String text) {
    return new RawRecord(
        "mail",
        "mail",
        ref,
        "inbox.mbox:" + ref.length(),
        "{\"from\":\"ana@example.com\",\"date\":\"2026-04-01T10:00:00Z\",\"text\":\""
            + text
            + "\"}");
  }

  /** A plan of one source {@code source}, its mapping {@code <source>.yaml}, in UTC. */
  private static MappingPlan plan(String entities, String source, String mapping) {
    return new MappingPlan(
        new Business("test", ZoneId.of("UTC"), null),
        entities,
        "entities.yaml",
        Map.of(source, new MappingPlan.MappingText(source + ".yaml", mapping)));
  }

  @Test
  void theMappingStepSendsItsUsedRawRecordsBesideOneOutputOfIgnoredAndQuarantined() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    pipeline
        .apply(Create.empty(Coders.rawRecord()))
        .apply(new MapRecords(plan(ENTITIES, "mail", MAPPING)));

    // observations, used raw records, and the ignored and quarantined as one: on Flink each more
    // output would be one more copy of every used raw record
    assertThat(StepOutputs.of(pipeline, "ApplyMappingRules")).isEqualTo(3);
  }

  @Test
  void aRecordOnWhichARulesPatternOverflowsTheStackIsQuarantinedAndTheOthersMapped() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    MappingPlan plan = plan(ENTITIES, "mail", MAPPING);
    PCollectionTuple mapped =
        pipeline
            .apply(
                Create.of(
                        List.of(
                            mail("email:short", "abc"), mail("email:long", "ab".repeat(200_000))))
                    .withCoder(Coders.rawRecord()))
            .apply(new MapRecords(plan));

    PAssert.that(mapped.get(MapRecords.QUARANTINED))
        .satisfies(
            quarantined -> {
              assertThat(quarantined)
                  .singleElement()
                  .satisfies(
                      q -> {
                        assertThat(q.location()).isEqualTo("inbox.mbox:10");
                        assertThat(q.reason())
                            .startsWith(
                                "Cannot map email:long: a rule's pattern recursed too deeply")
                            .contains("stack overflow");
                      });
              return null;
            });
    PAssert.that(mapped.get(MapRecords.USED))
        .satisfies(
            used -> {
              assertThat(used).extracting(RawRecord::ref).containsExactly("email:short");
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aRecordWhoseValuesWouldHoldMegabytesIsQuarantinedNamingTheFieldAndTheOthersMapped() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    // a text column holding a file: more than Flink's sort buffers take in one record
    String whole =
        """
        rules:
          - name: whole
            kind: mail
            observed_at: {path: date, type: datetime}
            emit:
              - entity: customer
                fields:
                  email: {path: from, type: email, required: true}
                  code: {path: text}
        """;
    MappingPlan plan = plan(ENTITIES, "mail", whole);
    PCollectionTuple mapped =
        pipeline
            .apply(
                Create.of(
                        List.of(
                            mail("email:small", "x".repeat(MapRecords.MAX_OBSERVATION_CHARS - 100)),
                            mail("email:huge", "y".repeat(3_000_000))))
                    .withCoder(Coders.rawRecord()))
            .apply(new MapRecords(plan));

    PAssert.that(mapped.get(MapRecords.QUARANTINED))
        .satisfies(
            quarantined -> {
              assertThat(quarantined)
                  .singleElement()
                  .satisfies(
                      q ->
                          assertThat(q.reason())
                              .isEqualTo(
                                  "Cannot map email:huge with rule whole: its customer's values"
                                      + " hold 3000015 characters, more than the 1000000 one"
                                      + " piece of evidence may hold (field code alone 3000000):"
                                      + " a file or binary data in a text column, or a whole text"
                                      + " mapped to a field? Map a part of it (a regex), or leave"
                                      + " the field out"));
              return null;
            });
    PAssert.that(mapped.get(MapRecords.USED))
        .satisfies(
            used -> {
              assertThat(used).extracting(RawRecord::ref).containsExactly("email:small");
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void anIgnoredMailIsListedForItsDamageNotForWhereItWasAttached() {
    String damaged = "{\"notes\":[\"part 1 (text/html): base64 body is misaligned\"]}";
    String attached =
        "{\"notes\":[\"attached (message/rfc822) to the mail email:a@example.com at inbox.mbox\"]}";
    String both =
        "{\"notes\":[\"attached (message/rfc822) to the mail email:a@example.com at x\","
            + "\"Date header \\\"Tue, 3 Mar 2026 10:00\\\" has no zone: read in Europe/Oslo\"]}";

    assertThat(ignored(mail(damaged)).notes())
        .containsExactly("part 1 (text/html): base64 body is misaligned");
    assertThat(ignored(mail(attached)).notes()).isEmpty();
    assertThat(MapRecords.notedForCount(ignored(mail(attached)))).isFalse();
    assertThat(ignored(mail(both)).notes())
        .containsExactly("Date header \"Tue, 3 Mar 2026 10:00\" has no zone: read in Europe/Oslo");
  }

  @Test
  void anIgnoredMailReadFromAnMboxAmongMailFilesIsListedWithThatNoteButNotCountedAsNoted() {
    String fromMbox =
        "{\"notes\":[\"read as mail 131 of 156 of an mbox file found where single mails were"
            + " expected\"]}";
    String alsoDamaged =
        "{\"notes\":[\"read as mail 2 of 3 of an mbox file found where single mails were"
            + " expected\",\"part 1 (text/html): base64 body is misaligned\"]}";

    assertThat(ignored(mail(fromMbox)).notes()).hasSize(1);
    assertThat(MapRecords.notedForCount(ignored(mail(fromMbox)))).isFalse();
    assertThat(MapRecords.notedForCount(ignored(mail(alsoDamaged)))).isTrue();
  }

  @Test
  void anIgnoredMailThatForwardsAnotherInlineIsListedAsAnInlineForwardNotAsMatchingNoRule()
      throws Exception {
    String gmail =
        "FYI\n\n---------- Forwarded message ---------\nFrom: Shop <bookings@shop.example>\n"
            + "Date: Tue, 8 Sep 2026 at 17:38\nSubject: Booking confirmed: B-1\n"
            + "To: Ann <ann@example.com>\n\nReference: B-1\n";
    String outlook =
        "Please add this one.\n\n-----Original Message-----\nFrom: Shop <bookings@shop.example>\n"
            + "Sent: Friday, September 11, 2026 4:52 PM\nTo: Ann <ann@example.com>\n"
            + "Subject: Booking confirmed: B-2\n\nReference: B-2\n";
    String apple =
        "Sent from my iPhone\n\nBegin forwarded message:\n\n> From: Shop <bookings@shop.example>\n"
            + "> Reference: B-3\n";

    assertThat(why("Fwd: Booking confirmed: B-1", gmail)).isEqualTo("inline_forward");
    assertThat(why("FW: Booking confirmed: B-2", outlook)).isEqualTo("inline_forward");
    assertThat(why("Fwd: Booking confirmed: B-3", apple)).isEqualTo("inline_forward");
    // a reply quotes the mail it answers; it forwards nothing
    assertThat(why("RE: Booking confirmed: B-2", outlook.replace("Please add", "Thanks for")))
        .isEqualTo("no_rule_matched");
    assertThat(why("Fwd: our price list", "See the attached list.\n")).isEqualTo("no_rule_matched");
  }

  private static String why(String subject, String text) throws Exception {
    ObjectMapper json = new ObjectMapper();
    String mail =
        json.writeValueAsString(Map.of("subject", subject, "text", text, "notes", List.of()));
    return ignored(new RawRecord("office", "mail", "email:f@example.com", "f.eml", mail)).why();
  }

  private static IgnoredEntry ignored(RawRecord record) {
    return MapRecords.ignoredEntry(record, null, false, true);
  }

  @Test
  void aNotedRecordThatARuleWithoutEmitMatchesIsListedAsThatRulesNotAsNoted() {
    String mapping =
        """
        rules:
          - name: closed
            kind: calendar
            when: [{path: summary, matches: '^CLOSED'}]
        """;
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    MappingPlan plan = plan(ENTITIES, "cal", mapping);
    String notes = ",\"notes\":[\"no LAST-MODIFIED: its DTSTAMP is when the feed was published\"]}";
    PCollectionTuple mapped =
        pipeline
            .apply(
                Create.of(
                        List.of(
                            new RawRecord(
                                "cal",
                                "calendar",
                                "calendar:room-1/a",
                                "room-1.ics:3",
                                "{\"summary\":\"CLOSED - Not available\"" + notes),
                            new RawRecord(
                                "cal",
                                "calendar",
                                "calendar:room-1/b",
                                "room-1.ics:9",
                                "{\"summary\":\"Reserved - J. Smith\"" + notes)))
                    .withCoder(Coders.rawRecord()))
            .apply(new MapRecords(plan));

    // the CLOSED event is the rule's, on purpose; the other one no rule took: its note may be why
    PAssert.that(mapped.get(MapRecords.IGNORED))
        .satisfies(
            lines -> {
              assertThat(lines)
                  .hasSize(2)
                  .anySatisfy(
                      line ->
                          assertThat(line)
                              .contains("calendar:room-1/a")
                              .contains("\"why\":\"rule_without_emit\",\"rule\":\"closed\""))
                  .anySatisfy(
                      line ->
                          assertThat(line)
                              .contains("calendar:room-1/b")
                              .contains("\"why\":\"no_rule_matched\"")
                              .contains("no LAST-MODIFIED"));
              return null;
            });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void usedMailsReadOnACharsetGuessOrSplitDoubtfullyAreCountedByTheirNotes() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    String mapping =
        """
        rules:
          - name: any
            kind: mail
            observed_at: {path: date, type: datetime}
            emit:
              - entity: customer
                fields:
                  email: {path: from, type: email, required: true}
        """;
    pipeline
        .apply(
            Create.of(
                    List.of(
                        noted(
                            "email:a",
                            "part 1 (text/plain) declares charset \\\"x-unknown\\\", unknown here,"
                                + " but holds 8-bit bytes: read as UTF-8"),
                        noted(
                            "email:b",
                            "part 1 (text/plain) declares no charset but holds 8-bit bytes: read"
                                + " as windows-1252"),
                        noted(
                            "email:c",
                            "doubtful mbox split: this mail's separator line (\\\"From x\\\") may"
                                + " be a body line of the mail at byte 0"),
                        noted("email:d", "Date header \\\"x\\\" is not a date"),
                        noted(
                            "email:e",
                            "Date header 2027-03-03T09:59:00Z is after the last server received"
                                + " the mail (2026-03-03T10:00:05Z): the sender's clock was wrong;"
                                + " dated by its Received header"),
                        noted(
                            "email:h",
                            "header subject holds 8-bit bytes that are not UTF-8, with no charset"
                                + " named (no encoded word): read as windows-1250, the charset part"
                                + " 1 (text/plain) declares"),
                        noted(
                            "email:g",
                            "Date header 2031-04-24T18:57:39Z is after the mbox separator line"
                                + " says the mailbox stored the mail (2026-04-24T18:57:39Z): the"
                                + " sender's clock was wrong; dated by its mbox separator line"),
                        noted(
                            "email:f",
                            "delivered late: Date header 2026-01-15T10:00:00Z is 324 days before"
                                + " the first server received the mail (2026-12-05T10:00:00Z);"
                                + " dated by its Date header, as a mail delivered again (a mailbox"
                                + " imported, re-sent or forwarded whole) keeps when it was"
                                + " written")))
                .withCoder(Coders.rawRecord()))
        .apply(new MapRecords(plan(ENTITIES, "mail", mapping)));

    assertThat(RunCounts.run(pipeline))
        .containsEntry("source.mail.used", 8L)
        .containsEntry(MapRecords.usedMisdecodedCounter("mail"), 3L)
        .containsEntry(MapRecords.usedSplitDoubtedCounter("mail"), 1L)
        .containsEntry(MapRecords.usedRedatedCounter("mail"), 2L);
  }

  @Test
  void aMailsCharsetGuessTravelsWithTheObservationsTakenFromIt() {
    // only the run's count said a used mail was read in a charset guessed, so a name misread
    // from it won a record unflagged: the merge can weigh it only if its evidence says so
    String guessed =
        "part 1 (text/plain) declares charset utf-8 but its bytes are not valid UTF-8: read as"
            + " windows-1250";

    assertThat(MapRecords.standingNotes(noted("email:a", guessed))).containsExactly(guessed);
    // a sender's name or subject read from a header's raw bytes in a charset guessed, the text
    // part's or its letters', rests on a guess as much
    String header =
        "header from holds 8-bit bytes that are not UTF-8, with no charset named (no encoded word):"
            + " read as windows-1250, guessed by its letters";
    assertThat(MapRecords.standingNotes(noted("email:c", header))).containsExactly(header);
    assertThat(MapRecords.standingNotes(noted("email:b", "Date header \\\"x\\\" is not a date")))
        .isEmpty();
  }

  @Test
  void aTimeGuessedAtAClockChangeIsNoLookupMiss() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    String entities =
        """
        entities:
          rental:
            keys: [email]
            fields:
              email: email
              pickup_at: datetime
        """;
    String mapping =
        """
        rules:
          - name: pickup
            kind: mail
            observed_at: {path: date, type: datetime}
            emit:
              - entity: rental
                fields:
                  email: {path: from, type: email, required: true}
                  pickup_at: {path: text, format: "yyyy-MM-dd HH:mm", zone: America/Chicago}
        """;
    pipeline
        .apply(
            Create.of(
                    new RawRecord(
                        "mail",
                        "mail",
                        "email:a",
                        "inbox.mbox:1",
                        "{\"from\":\"ana@example.com\",\"date\":\"2026-10-01T10:00:00Z\","
                            + "\"text\":\"2026-11-01 01:30\"}"))
                .withCoder(Coders.rawRecord()))
        .apply(new MapRecords(plan(entities, "mail", mapping)));

    assertThat(RunCounts.run(pipeline))
        .containsEntry("source.mail.used", 1L)
        .doesNotContainKey(MapRecords.missCounter("mail", "pickup"));
  }

  @Test
  void anIgnoredRecordOfAKindNoRuleNamesIsCountedByKindAndOneARuleLookedAtIsNot() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    RawRecord unknown =
        new RawRecord(
            "mail",
            "stripe.issuing.authorization",
            "stripe:iauth_1",
            "charges.json:3",
            "{\"id\":\"iauth_1\"}");
    // a mail the rule's condition-free emit drops for want of its required sender: a rule read it
    RawRecord unmatched =
        new RawRecord(
            "mail", "mail", "email:x", "inbox.mbox:1", "{\"date\":\"2026-04-01T10:00:00Z\"}");
    pipeline
        .apply(Create.of(unknown, unmatched).withCoder(Coders.rawRecord()))
        .apply(new MapRecords(plan(ENTITIES, "mail", MAPPING)));

    assertThat(RunCounts.run(pipeline))
        .containsEntry(MapRecords.ignoredKindCounter("mail", "stripe.issuing.authorization"), 1L)
        .doesNotContainKey(MapRecords.ignoredKindCounter("mail", "mail"));
  }

  @Test
  void aValueLeftOutAsUnreadableIsCountedByRuleAndIsNoLookupMiss() {
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    String mapping =
        """
        rules:
          - name: coded
            kind: mail
            observed_at: {path: date, type: datetime}
            emit:
              - entity: customer
                fields:
                  email: {path: from, type: email, required: true}
                  code: {path: text, type: integer, unreadable: leave_out}
        """;
    pipeline
        .apply(
            Create.of(mail("email:a", "n/a"), mail("email:b", "42")).withCoder(Coders.rawRecord()))
        .apply(new MapRecords(plan(ENTITIES, "mail", mapping)));

    assertThat(RunCounts.run(pipeline))
        .containsEntry("source.mail.used", 2L)
        .containsEntry(MapRecords.leftOutCounter("mail", "coded"), 1L)
        .doesNotContainKey(MapRecords.missCounter("mail", "coded"));
  }

  private static RawRecord noted(String ref, String note) {
    return new RawRecord(
        "mail",
        "mail",
        ref,
        "inbox.mbox:" + ref.length(),
        "{\"from\":\"ana@example.com\",\"date\":\"2026-04-01T10:00:00Z\",\"notes\":[\""
            + note
            + "\"]}");
  }

  @Test
  void aPartialNameCountsAsFoundByItsPathThoughItIsNoValue() {
    String entities =
        """
        entities:
          guest:
            keys: [email]
            fields:
              email: email
              full_name: name
        """;
    String mapping =
        """
        rules:
          - name: reserved
            kind: calendar
            observed_at: {path: at, type: datetime}
            emit:
              - entity: guest
                fields:
                  email: {path: email}
                  full_name: {path: summary, regex: '^Reserved - (.+)$'}
        """;
    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    MappingPlan plan = plan(entities, "cal", mapping);
    pipeline
        .apply(
            Create.of(
                    List.of(
                        new RawRecord(
                            "cal",
                            "calendar",
                            "calendar:room-1/a",
                            "room-1.ics:3",
                            "{\"summary\":\"Reserved - J. Smith\",\"email\":\"j@x.example\","
                                + "\"at\":\"2026-04-01T10:00:00Z\"}")))
                .withCoder(Coders.rawRecord()))
        .apply(new MapRecords(plan));

    // the run warns of a path that finds nothing by this counter: a partial name was found
    assertThat(RunCounts.run(pipeline))
        .containsEntry(MapRecords.filledCounter("cal", "reserved", "guest", "full_name"), 1L)
        .containsEntry(MapRecords.filledCounter("cal", "reserved", "guest", "email"), 1L);
  }

  private static RawRecord mail(String json) {
    return new RawRecord("mail", "email", "email:m1@example.com", "inbox.mbox:1", json);
  }

  private static RawRecord row(String columns) {
    return new RawRecord(
        "backup",
        "backup.row",
        "backup:students#9",
        "backup.sql:1",
        "{\"table\":\"students\",\"columns\":{" + columns + "}}");
  }

  @Test
  void aBackupRowMarkedDeletedIsNamedByTableAndColumnAndALiveOneIsNot() {
    assertThat(MapRecords.softDeleted(row("\"id\":\"9\",\"deleted_at\":\"2026-04-02 10:00:00\"")))
        .isEqualTo("students.deleted_at");
    assertThat(MapRecords.softDeleted(row("\"id\":\"9\",\"is_deleted\":\"1\"")))
        .isEqualTo("students.is_deleted");
    assertThat(MapRecords.softDeleted(row("\"id\":\"9\",\"deleted_at\":null"))).isNull();
    assertThat(MapRecords.softDeleted(row("\"id\":\"9\",\"deleted\":\"0\""))).isNull();
    assertThat(MapRecords.softDeleted(row("\"id\":\"9\",\"deleted_at\":\"0000-00-00 00:00:00\"")))
        .isNull();
  }
}
