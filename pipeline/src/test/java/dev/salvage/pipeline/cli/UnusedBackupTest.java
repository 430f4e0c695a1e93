package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.bundle.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup whose rows the backup mapping uses none of: every record is NEW, and an import would
 * insert copies of what the application holds. Before 2026-12-03 the run said nothing of it.
 */
class UnusedBackupTest {
  @TempDir Path dir;

  private static RunSummary summaryWithBackup(long read, long used, long ignored, long bad) {
    return summaryOf(
        Map.of(
            "mail",
            new RunSummary.SourceCounts(3, 3, 0, 0, Map.of("confirmation", 3L)),
            RunCommand.BACKUP_SOURCE,
            new RunSummary.SourceCounts(read, used, ignored, bad, Map.of())));
  }

  /** A finished run's summary with these sources' counts and nothing else. */
  static RunSummary summaryOf(Map<String, RunSummary.SourceCounts> sources) {
    return new RunSummary(
        Map.of(),
        sources,
        null,
        sources.values().stream().mapToLong(RunSummary.SourceCounts::read).sum(),
        Map.of(),
        null,
        Map.of(),
        null,
        null,
        Map.of(),
        List.of());
  }

  @Test
  void aBackupMappingThatFillsNoBackupIdOfAnEntityIsSaidAtTheStart() {
    Map<String, List<String>> fields =
        Map.of(
            "customer", List.of("backup_id", "email"),
            "rental", List.of("pickup_at", "rental_id"));

    assertThat(FieldNotes.withoutBackupKey(fields, "mappings/backup.yaml"))
        .singleElement()
        .asString()
        .startsWith("Note: mappings/backup.yaml fills no backup_id of rental: ")
        .contains("import cannot update them", "map the backup table's primary key to a field");
    assertThat(FieldNotes.withoutBackupKey(Map.of("customer", List.of("backup_id")), "b.yaml"))
        .isEmpty();
  }

  @Test
  void aBackupOfWhichNoRowWasUsedIsSaid() {
    assertThat(RuleNotes.unusedBackup(summaryWithBackup(58, 48, 10, 0), "backup.yaml")).isNull();
    // a backup that gave none is listed as not read instead, and said there
    assertThat(RuleNotes.unusedBackup(summaryWithBackup(0, 0, 0, 0), "backup.yaml")).isNull();
    assertThat(RuleNotes.unusedBackup(summaryWithBackup(5, 0, 3, 2), "backup.yaml"))
        .startsWith(
            "The backup's 5 row(s) were read and none was used: 3 matched no rule of backup.yaml,"
                + " 2 were quarantined (quarantine.jsonl says why).");
  }

  @Test
  void aSourceThatGaveNoRecordIsSaidAndOneThatGaveSomeIsNot() {
    RunSummary summary =
        summaryOf(
            Map.of(
                "mail",
                new RunSummary.SourceCounts(0, 0, 0, 0, Map.of()),
                "stripe",
                new RunSummary.SourceCounts(4, 0, 4, 0, Map.of()),
                RunCommand.BACKUP_SOURCE,
                new RunSummary.SourceCounts(0, 0, 0, 0, Map.of())));

    assertThat(SourceAccounting.sourcesThatGaveNothing(summary))
        .singleElement()
        .satisfies(said -> assertThat(said).startsWith("Source mail gave no record at all"));
  }

  /**
   * A network source that could not be read (a closed IMAP port, Stripe down) is listed not read
   * with its error; advice to check its files' path and type would be wrong for it.
   */
  @Test
  void aSourceThatGaveNoRecordBecauseItWasNotReadIsNotToldToCheckItsFiles() {
    RunSummary summary =
        summaryOf(
                Map.of(
                    "mail",
                    new RunSummary.SourceCounts(0, 0, 0, 0, Map.of()),
                    "calendar",
                    new RunSummary.SourceCounts(0, 0, 0, 0, Map.of())))
            .withNotRead(
                Map.of(
                    "mail",
                    List.of(
                        RunSummary.NotRead.wholeSource(
                            new java.net.ConnectException("Connection refused")))));

    assertThat(SourceAccounting.sourcesThatGaveNothing(summary))
        .singleElement()
        .satisfies(said -> assertThat(said).startsWith("Source calendar gave no record at all"));
  }

  @Test
  void aMailRuleThatMatchedNothingIsListedAtZeroAndSaid() {
    RunSummary summary =
        summaryOf(
                Map.of(
                    "mail",
                    new RunSummary.SourceCounts(1053, 944, 109, 0, Map.of("confirmation", 944L))))
            .withDeclaredRules(Map.of("mail", List.of("confirmation", "never_matches")));

    assertThat(summary.sources().get("mail").rules())
        .containsExactly(Map.entry("confirmation", 944L), Map.entry("never_matches", 0L));
    assertThat(RuleNotes.unmatchedRules(summary, "mail", List.of("confirmation", "never_matches")))
        .hasValue(
            "Source mail: rule(s) never_matches matched none of its 1053 record(s): a condition"
                + " that never holds (a subject or sender written otherwise), or nothing of that"
                + " kind in this run (salvage mappings test --input FILE shows which rule a record"
                + " meets).");
    assertThat(RuleNotes.unmatchedRules(summary, "mail", List.of("confirmation"))).isEmpty();
  }

  @Test
  void aRuleThatMatchedNothingBecauseAnEarlierRuleTookItsRecordsNamesThatRuleAndTheCount() {
    RunSummary summary =
        summaryOf(
                Map.of(
                    "mail",
                    RunSummary.SourceCounts.builder(9, 8, 1, 0)
                        .rules(Map.of("bekreftelse_no", 7L, "svar", 1L))
                        .rulesShadowed(
                            Map.of("endring_no/bekreftelse_no", 2L, "endring_no/svar", 1L))
                        .build()))
            .withDeclaredRules(
                Map.of("mail", List.of("svar", "bekreftelse_no", "endring_no", "never")));

    assertThat(
            RuleNotes.unmatchedRules(
                summary, "mail", List.of("svar", "bekreftelse_no", "endring_no", "never")))
        .hasValueSatisfying(
            said ->
                assertThat(said.lines())
                    .containsExactly(
                        "Source mail: rule endring_no matched none of its 9 record(s), but its"
                            + " conditions held for 3 that an earlier rule took (first match"
                            + " wins): bekreftelse_no 2, svar 1: if those are this rule's, put it"
                            + " above that rule or narrow that rule's conditions (salvage mappings"
                            + " test --mail FILE names the rules a record also matches).",
                        "Source mail: rule(s) never matched none of its 9 record(s): a condition"
                            + " that never holds (a subject or sender written otherwise), or"
                            + " nothing of that kind in this run (salvage mappings test --input"
                            + " FILE shows which rule a record meets)."));
  }

  @Test
  void aMailRuleWhoseRecordsWereAllQuarantinedIsSaidToHaveMatchedThemWithTheFirstReason() {
    RunSummary summary =
        summaryOf(
                Map.of(
                    "mail",
                    RunSummary.SourceCounts.builder(39, 30, 5, 4)
                        .rules(Map.of("booking_tr", 30L))
                        .rulesQuarantined(Map.of("booking_en", 4L))
                        .build()))
            .withDeclaredRules(Map.of("mail", List.of("booking_tr", "booking_en", "never")));
    String reason =
        "Cannot map mail email:<a@x>: rule booking_en field observed_at: \"Lunes\" is not a"
            + " date-time";

    assertThat(
            RuleNotes.unmatchedRules(
                summary,
                List.of("mail"),
                List.of("booking_tr", "booking_en", "never"),
                Map.of("booking_en", reason)))
        .hasValueSatisfying(
            said ->
                assertThat(said)
                    .startsWith(
                        "Source mail: rule(s) booking_en matched 4 record(s), all quarantined"
                            + " (first reason: "
                            + reason
                            + "): a value the rule could not map")
                    .contains(
                        System.lineSeparator()
                            + "Source mail: rule(s) never matched none of its 39 record(s)")
                    .doesNotContain("booking_en matched none"));
  }

  @Test
  void aRuleThatQuarantinedALargeShareOfWhatItMatchedIsSaidWithTheFirstReason() {
    RunSummary summary =
        summaryOf(
            Map.of(
                "calendar",
                RunSummary.SourceCounts.builder(1515, 700, 0, 815)
                    .rules(Map.of("event", 660L, "holiday", 40L))
                    .rulesQuarantined(Map.of("event", 855L, "holiday", 2L))
                    .build()));
    String reason =
        "Cannot map calendar.event ev1: rule event emit owner field phone: required value not"
            + " found";

    assertThat(
            RuleNotes.mostlyQuarantinedRules(summary, List.of("calendar"), Map.of("event", reason)))
        .hasValueSatisfying(
            said ->
                assertThat(said)
                    .startsWith(
                        "Source calendar: rule(s) event quarantined 855 of the 1515 record(s) it"
                            + " matched (56%) (first reason: "
                            + reason
                            + "): a value one field could not map quarantines the whole record")
                    .as("2 of 42 is a bad record now and then, not a rule that reads wrong")
                    .doesNotContain("holiday"));
  }

  @Test
  void recordsQuarantinedBeforeAnyRuleAndByRulesAreEachSaidPerSourceWithTheFirstReason(
      @TempDir Path dir) throws Exception {
    RunLayout layout = RunLayout.of(dir);
    java.nio.file.Files.writeString(
        dir.resolve("quarantine.jsonl"),
        String.join(
            "\n",
            "{\"source\":\"mail\",\"location\":\"big.mbox@1024\",\"reason\":\"Cannot parse"
                + " mail big.mbox@1024: larger than 134217728 bytes\",\"excerpt\":\"\"}",
            "{\"source\":\"mail\",\"location\":\"big.mbox@9\",\"reason\":\"Cannot map mail"
                + " email:<a@x>: rule booking field total: \\\"x\\\" is not an amount\",\"excerpt\":\"\"}",
            "{\"source\":\"mail\",\"location\":\"big.mbox@77\",\"reason\":\"Cannot map mail"
                + " email:<b@x>: rule booking field observed_at: required value not found (path"
                + " date)\",\"excerpt\":\"\"}",
            ""));

    assertThat(RuleNotes.quarantinedRecords(layout))
        .containsExactly(
            "Source mail: 1 record(s) could not be read at all and are in no record"
                + " (quarantine.jsonl says why of each; first: Cannot parse mail big.mbox@1024:"
                + " larger than 134217728 bytes)",
            "Source mail: 2 record(s) were read but its rules could not map them, and are in no"
                + " record (quarantine.jsonl says why of each; first: Cannot map mail email:<a@x>:"
                + " rule booking field total: \"x\" is not an amount)");
  }

  /** Counts of a source whose reader quarantined {@code byReader} of the {@code read} records. */
  private static RunSummary.SourceCounts quarantinedByReader(
      long read, long ignored, long byReader) {
    return RunSummary.SourceCounts.builder(read, 0, ignored, byReader)
        .quarantinedByReader(byReader)
        .build();
  }

  @Test
  void aRuleIsNotBlamedForRecordsTheReaderQuarantinedBeforeAnyRuleRan() {
    RunSummary allUnread = summaryOf(Map.of("stripe", quarantinedByReader(9, 0, 9)));
    assertThat(RuleNotes.unmatchedRules(allUnread, "stripe", List.of("payment"))).isEmpty();

    RunSummary someUnread = summaryOf(Map.of("stripe", quarantinedByReader(10, 6, 4)));
    assertThat(RuleNotes.unmatchedRules(someUnread, "stripe", List.of("payment")))
        .hasValueSatisfying(
            said -> assertThat(said).contains("payment matched none of its 6 record(s)"));
  }

  @Test
  void aSourceEveryRecordOfWhichItsReaderQuarantinedIsListedAsNotRead() {
    RunSummary summary =
        summaryOf(
            Map.of(
                "stripe",
                quarantinedByReader(9, 0, 9),
                "mail",
                quarantinedByReader(5, 4, 1),
                "calendar",
                new RunSummary.SourceCounts(0, 0, 0, 0, Map.of())));
    String reason = "Cannot read Stripe payments export row 1 (ch_1): column created date (utc)";

    Map<String, List<RunSummary.NotRead>> notRead =
        SourceAccounting.withSourcesReadToNothing(
            summary, Map.of(), Map.of("stripe", reason), Map.of());

    assertThat(notRead).containsOnlyKeys("stripe");
    assertThat(notRead.get("stripe"))
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.partition()).isEqualTo("(every record)");
              assertThat(entry.notRead())
                  .contains("its reader quarantined every one of its 9 record(s)");
              assertThat(entry.lastError()).isEqualTo(reason);
            });
    // listed, the run is incomplete: exit 3 unless --allow-incomplete
    assertThat(summary.withNotRead(notRead).incomplete()).isTrue();
  }

  @Test
  void aSourceMostOfWhoseRecordsItsReaderQuarantinedIsListedAsNotReadAndAFewBadOnesAreNot() {
    // a payments export whose dates the reader could read on 40 rows of 179 (a format problem),
    // beside a mail source with a few bad mails and one with exactly half of them bad
    RunSummary summary =
        summaryOf(
            Map.of(
                "stripecsv",
                quarantinedByReader(179, 0, 139),
                "mail",
                quarantinedByReader(160, 0, 3),
                "eml",
                quarantinedByReader(4, 0, 2)));
    String reason = "Cannot read Stripe payments export row 1 (ch_1): column created date (utc)";

    Map<String, List<RunSummary.NotRead>> notRead =
        SourceAccounting.withSourcesReadToNothing(
            summary, Map.of(), Map.of("stripecsv", reason), Map.of());

    assertThat(notRead).containsOnlyKeys("stripecsv");
    assertThat(notRead.get("stripecsv"))
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.partition()).isEqualTo("(most records)");
              assertThat(entry.notRead())
                  .contains("its reader quarantined 139 of its 179 record(s)", "more than half");
              assertThat(entry.recordsRead()).isEqualTo(179);
              assertThat(entry.lastError()).isEqualTo(reason);
            });
    // listed, the run is incomplete: exit 3 unless --allow-incomplete
    assertThat(summary.withNotRead(notRead).incomplete()).isTrue();
  }

  @Test
  void aFileEveryRecordOfWhichItsReaderQuarantinedIsNotReadThoughItsSourceMostlyWas() {
    // three room calendars: Exchange's feed of one (13 events) refused whole, 30 events read
    RunSummary summary =
        summaryOf(
            Map.of(
                "calendar", quarantinedByReader(45, 2, 15), "mail", quarantinedByReader(9, 0, 4)));
    Map<String, Map<String, Long>> places =
        Map.of(
            "calendar",
            Map.of("/in/ics/kamer1.ics", 13L, "/in/ics/kamer2.ics", 2L),
            "mail",
            Map.of("/in/mail/a.mbox", 4L));
    SourceAccounting.PlaceReads reads =
        new SourceAccounting.PlaceReads(
            Map.of(
                "calendar", Set.of("/in/ics/kamer2.ics", "/in/ics/brussel.ics"),
                "mail", Set.of("/in/mail/a.mbox")),
            Map.of("/in/ics/kamer1.ics", "Cannot read calendar event x: field DTSTART ..."));

    Map<String, List<RunSummary.NotRead>> notRead =
        SourceAccounting.withSourcesReadToNothing(summary, Map.of(), Map.of(), places, reads);

    assertThat(notRead.get("calendar"))
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.partition()).isEqualTo("/in/ics/kamer1.ics");
              assertThat(entry.notRead())
                  .contains("its reader quarantined every one of its 13 record(s)");
              assertThat(entry.lastError()).startsWith("Cannot read calendar event x");
            });
    // a file with records read beside its refused ones, and two refused records, are a few
    // damaged records: exit 0 as before
    assertThat(notRead).doesNotContainKey("mail");
    assertThat(summary.withNotRead(notRead).incomplete()).isTrue();
  }

  @Test
  void theEvidenceIsReadForTheFilesThatGaveRecordsOnlyWhenAFileHadEnoughRecordsRefused()
      throws Exception {
    RunLayout layout = RunLayout.of(dir.resolve("run"));
    Path evidence = dir.resolve("run/review/evidence.jsonl");
    Files.createDirectories(evidence.getParent());
    Files.writeString(
        evidence,
        "{\"ref\":\"calendar:e1\",\"source\":\"calendar\",\"kind\":\"ics.event\","
            + "\"location\":\"/in/ics/kamer2.ics:12\",\"json\":{}}\n");

    // two records refused in one file cannot make it a file not read: nothing to look up
    assertThat(
            SourceAccounting.PlaceReads.ofWhereRefused(
                layout, Map.of("calendar", Map.of("/in/ics/kamer2.ics", 2L))))
        .isNull();
    SourceAccounting.PlaceReads reads =
        SourceAccounting.PlaceReads.ofWhereRefused(
            layout, Map.of("calendar", Map.of("/in/ics/kamer1.ics", 3L)));
    assertThat(reads).isNotNull();
    assertThat(reads.gaveRecords("calendar", "/in/ics/kamer2.ics")).isTrue();
    assertThat(reads.gaveRecords("calendar", "/in/ics/kamer1.ics")).isFalse();
  }

  @Test
  void aSourceMostOfWhoseRecordsItsReaderQuarantinedNamesTheFilesTheyCameFrom() {
    RunSummary summary =
        summaryOf(
            Map.of(
                "stripecsv", quarantinedByReader(20, 0, 15), "eml", quarantinedByReader(4, 0, 4)));
    Map<String, Map<String, Long>> places =
        Map.of(
            "stripecsv",
            Map.of("/in/exports/payments-b.csv", 3L, "/in/exports/payments-a.csv", 12L),
            "eml",
            Map.of("/in/mail/one.eml", 4L));

    Map<String, List<RunSummary.NotRead>> notRead =
        SourceAccounting.withSourcesReadToNothing(summary, Map.of(), Map.of(), places);

    assertThat(notRead.get("stripecsv"))
        .singleElement()
        .satisfies(
            entry ->
                assertThat(entry.notRead())
                    .contains(
                        "its reader quarantined 15 of its 20 record(s) before any rule read them"
                            + " in /in/exports/payments-a.csv (12), /in/exports/payments-b.csv"
                            + " (3), more than half"));
    assertThat(notRead.get("eml"))
        .singleElement()
        .satisfies(
            entry ->
                assertThat(entry.notRead())
                    .contains(
                        "every one of its 4 record(s) before any rule read them in"
                            + " /in/mail/one.eml ("));
  }

  @Test
  void thePlaceOfAQuarantinedRecordIsItsLocationWithoutLineOffsetOrUid() {
    assertThat(SourceAccounting.placeOf("/in/payments.csv:12")).isEqualTo("/in/payments.csv");
    assertThat(SourceAccounting.placeOf("/in/backup.json:3:17")).isEqualTo("/in/backup.json");
    assertThat(SourceAccounting.placeOf("imap:INBOX/Old#42")).isEqualTo("imap:INBOX/Old");
    assertThat(SourceAccounting.placeOf("/in/mail/one.eml")).isEqualTo("/in/mail/one.eml");
  }

  @Test
  void aBackupThatGaveNoRowAtAllIsListedAsNotRead() {
    RunSummary summary = summaryWithBackup(0, 0, 0, 0);

    Map<String, List<RunSummary.NotRead>> notRead =
        SourceAccounting.withSourcesReadToNothing(summary, Map.of(), Map.of(), Map.of());

    assertThat(notRead).containsOnlyKeys(RunCommand.BACKUP_SOURCE);
    assertThat(notRead.get(RunCommand.BACKUP_SOURCE))
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.notRead()).startsWith("any row: the backup gave none");
              assertThat(entry.lastError())
                  .startsWith("The backup gave no row at all")
                  .contains("an import would insert copies")
                  .endsWith("--allow-incomplete accepts the run.");
            });
    // exit 3 unless --allow-incomplete, as for an empty Stripe page
    assertThat(summary.withNotRead(notRead).incomplete()).isTrue();
    assertThat(
            SourceAccounting.withSourcesReadToNothing(
                summaryWithBackup(5, 5, 0, 0), Map.of(), Map.of(), Map.of()))
        .isEmpty();
  }

  @Test
  void emitsDroppedForARequiredValueAreSaidPerRuleAndEmit() {
    Map<String, Long> counters =
        Map.of(
            dev.salvage.pipeline.map.MapRecords.droppedEmitCounter("stripe", "payment", "hire"),
            3L,
            dev.salvage.pipeline.map.MapRecords.droppedEmitCounter("mail", "booking", "pet[1]"),
            1L);

    assertThat(FieldNotes.droppedEmits("stripe", counters))
        .hasValueSatisfying(
            said ->
                assertThat(said)
                    .startsWith(
                        "Source stripe: a required value missing dropped rule payment emit hire in"
                            + " 3 record(s); the records' other emits stand")
                    .doesNotContain("booking"));
    assertThat(FieldNotes.droppedEmits("calendar", counters)).isEmpty();
  }

  @Test
  void recordsOfAKindNoRuleReadsAreSaidPerKind() {
    Map<String, Long> counters =
        Map.of(
            dev.salvage.pipeline.map.MapRecords.ignoredKindCounter(
                "stripe", "stripe.issuing.authorization"),
            2L,
            dev.salvage.pipeline.map.MapRecords.ignoredKindCounter("mail2", "mail"),
            1L);

    assertThat(FieldNotes.ignoredKinds("stripe", "mappings/stripe.yaml", counters))
        .hasValue(
            "Source stripe: record(s) of kind(s) stripe.issuing.authorization (2) were ignored: no"
                + " rule of mappings/stripe.yaml reads that kind (for Stripe, an object type the"
                + " mappings do not read). If they are evidence, add a rule with that kind; else"
                + " leave them out of the source.");
    assertThat(FieldNotes.ignoredKinds("mail", "mappings/mail.yaml", counters)).isEmpty();
  }

  @Test
  void ignoredStripeWebhookEventsAreSaidWithHowToMapThem() {
    Map<String, Long> counters =
        Map.of(
            dev.salvage.pipeline.map.MapRecords.ignoredKindCounter("hooks", "stripe.event"), 14L);

    assertThat(FieldNotes.ignoredKinds("hooks", "mappings/hooks.yaml", counters))
        .hasValueSatisfying(
            said ->
                assertThat(said)
                    .startsWith(
                        "Source hooks: record(s) of kind(s) stripe.event (14) were ignored: no rule"
                            + " of mappings/hooks.yaml reads that kind")
                    .contains("webhook events: each holds its object as it was then at data.object")
                    .contains(
                        "observed_at: {path: created, format: epoch_seconds}, the event's own")
                    .endsWith("(docs/stripe.md, Webhook events)."));
  }

  @Test
  void aRuleOfAMappingSharedBySourcesIsSaidOnlyWhenItMatchedInNoneOfThem() {
    RunSummary summary =
        summaryOf(
            Map.of(
                "stripe_api",
                new RunSummary.SourceCounts(41, 41, 0, 0, Map.of("charge", 41L)),
                "stripe_csv",
                new RunSummary.SourceCounts(30, 30, 0, 0, Map.of("payment_row", 30L))));

    assertThat(
            RuleNotes.unmatchedRules(
                summary, List.of("stripe_api", "stripe_csv"), List.of("charge", "payment_row")))
        .isEmpty();
    assertThat(
            RuleNotes.unmatchedRules(
                summary, List.of("stripe_api", "stripe_csv"), List.of("charge", "dispute")))
        .hasValueSatisfying(
            said ->
                assertThat(said)
                    .startsWith(
                        "Sources stripe_api, stripe_csv: rule(s) dispute matched none of their 71"
                            + " record(s) (one mapping file for them all)"));
  }

  @Test
  void aBackupRuleThatMatchedNoRowIsSaidWhenOtherRulesMatched() {
    RunSummary summary =
        summaryOf(
            Map.of(
                RunCommand.BACKUP_SOURCE,
                new RunSummary.SourceCounts(62, 28, 34, 0, Map.of("rental_row", 28L))));

    assertThat(
            RuleNotes.unmatchedBackupRules(
                summary, List.of("client_row", "rental_row"), "backup.yaml"))
        .startsWith(
            "Backup rule(s) client_row of backup.yaml matched none of the backup's 62 row(s).");
    assertThat(RuleNotes.unmatchedBackupRules(summary, List.of("rental_row"), "backup.yaml"))
        .isNull();
  }

  @Test
  void aBackupRuleWhoseRowsWereAllQuarantinedIsSaidToHaveMatchedThemNotToHaveMatchedNone() {
    RunSummary summary =
        summaryOf(
            Map.of(
                RunCommand.BACKUP_SOURCE,
                RunSummary.SourceCounts.builder(49, 23, 0, 26)
                    .rules(Map.of("customer_row", 23L))
                    .rulesQuarantined(Map.of("reservation_row", 26L))
                    .build()));

    assertThat(
            RuleNotes.unmatchedBackupRules(
                summary, List.of("customer_row", "reservation_row", "vehicle_row"), "backup.yaml"))
        .startsWith(
            "Backup rule(s) reservation_row matched 26 row(s) of backup.yaml, and every one of"
                + " them was quarantined (quarantine.jsonl says why of each")
        .contains(
            System.lineSeparator()
                + "Backup rule(s) vehicle_row of backup.yaml matched none of the backup's 49"
                + " row(s).")
        .doesNotContain("reservation_row of backup.yaml matched none");
  }

  @Test
  void aFieldWhosePathNoRecordHasIsSaidOnceItsRuleMatchedEnoughRecords() {
    RunSummary summary =
        summaryOf(
            Map.of(
                RunCommand.BACKUP_SOURCE,
                new RunSummary.SourceCounts(
                    40, 40, 0, 0, Map.of("guest_row", 30L, "tent_row", 3L, "site_row", 7L))));
    Map<String, Map<String, List<String>>> declared =
        Map.of(
            "guest_row", Map.of("guest", List.of("backup_id", "email")),
            "tent_row", Map.of("tent", List.of("size")));
    Map<String, Long> counters =
        Map.of(
            dev.salvage.pipeline.map.MapRecords.filledCounter(
                RunCommand.BACKUP_SOURCE, "guest_row", "guest", "backup_id"),
            4L);

    assertThat(FieldNotes.neverFilled(RunCommand.BACKUP_SOURCE, declared, summary, counters))
        .hasValueSatisfying(
            said ->
                assertThat(said)
                    .startsWith(
                        "Source backup: no record gave a value to rule guest_row field email (30"
                            + " records matched).")
                    // three matches are too few to tell a typo from a field that is rarely there
                    .doesNotContain("tent_row"));
    assertThat(FieldNotes.neverFilled("mail", declared, summary, counters)).isEmpty();
  }

  @Test
  void aRunWhoseBackupMappingNamesTablesTheBackupDoesNotHaveSaysSoLast() throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("mail"));
    Files.writeString(
        dir.resolve("entities.yaml"),
        """
        entities:
          guest:
            keys: [email, backup_id]
            fields: {backup_id: text, email: email}
        """);
    Files.writeString(
        dir.resolve("mail/one.eml"),
        "Message-ID: <m1@camping.example>\r\nFrom: buchung@camping.example\r\n"
            + "To: ana@mail.example\r\nDate: Tue, 10 Mar 2026 09:30:00 +0000\r\n"
            + "Subject: Buchung\r\n\r\nHallo\r\n");
    Files.writeString(
        dir.resolve("mappings/mail.yaml"),
        """
        rules:
          - name: booking
            kind: mail
            observed_at: {path: date}
            emit:
              - entity: guest
                fields: {email: {path: "to[0]", required: true}}
        """);
    // Django's dumpdata names the table camping.guest; the rule says camping_guest (pg_dump's)
    Files.writeString(
        dir.resolve("dumpdata.json"),
        "[{\"model\": \"camping.guest\", \"pk\": 1, \"fields\": {\"email\":"
            + " \"ana@mail.example\", \"updated_at\": \"2026-01-05T09:12:07Z\"}}]");
    Files.writeString(
        dir.resolve("mappings/backup.yaml"),
        """
        rules:
          - name: guest_row
            kind: backup.row
            when: {path: table, equals: camping_guest}
            observed_at: {path: columns.updated_at}
            emit:
              - entity: guest
                fields: {backup_id: {path: columns.pk, required: true}, email: {path: columns.email}}
        """);
    Path config =
        Files.writeString(
            dir.resolve("salvage.yaml"),
            """
            business: {name: Camping, timezone: Europe/Berlin}
            entities: entities.yaml
            as_of: 2026-06-20T00:00:00Z
            sources:
              - {name: mail, type: eml, path: mail, mapping: mappings/mail.yaml}
            backup:
              type: backup-jsonl
              path: dumpdata.json
              mapping: mappings/backup.yaml
              taken_at: 2026-05-01T03:00:00Z
              options: {record_table: model, record_key: pk, record_columns: fields}
            """);

    CliRun run =
        CliRun.of("run", "--config", config.toString(), "--out", dir.resolve("out").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err().strip())
        .endsWith(
            "The backup's 1 row(s) were read and none was used: no rule of "
                + dir.resolve("mappings/backup.yaml")
                + " matched any of them. No record has a backup counterpart, so every one is NEW"
                + " and an import would insert copies of rows the application holds. Compare the"
                + " tables the rules name with those the backup holds (salvage backup inspect lists"
                + " them, as the rules see them).");
  }
}
