package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.mappings.Observation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MappingsTestCommandTest {
  static final String ENTITIES =
      """
      entities:
        reservation:
          keys: [reference]
          fields:
            reference: upper
            status: lower
            total_cents: integer
      """;
  static final String MAPPING =
      """
      rules:
        - name: booking_confirmation
          kind: mail
          when:
            - {path: subject, matches: "^Booking confirmed"}
          observed_at: {path: date, type: datetime}
          emit:
            - entity: reservation
              fields:
                reference: {path: subject, regex: "(RW-[0-9A-Z]{6})", required: true}
                status: {const: confirmed}
                total_cents: {path: text, regex: "Total: ([0-9.,]+) EUR", type: money}
      """;

  @TempDir Path dir;
  private Path mapping;
  private final StringWriter out = new StringWriter();

  @BeforeEach
  void writeFiles() throws Exception {
    Files.writeString(dir.resolve("entities.yaml"), ENTITIES);
    Files.createDirectories(dir.resolve("mappings"));
    mapping = dir.resolve("mappings/mail.yaml");
    Files.writeString(mapping, MAPPING);
  }

  private int test(String subject, String body, String... options) throws Exception {
    Path mail = dir.resolve("mail.eml");
    Files.writeString(
        mail,
        "Message-ID: <m1@rentwise.example>\r\nFrom: bookings@rentwise.example\r\n"
            + "To: ana@mail.example\r\nDate: Tue, 10 Mar 2026 09:30:00 +0000\r\nSubject: "
            + subject
            + "\r\n\r\n"
            + body
            + "\r\n");
    CommandLine cli = new CommandLine(new SalvageCli());
    cli.setOut(new PrintWriter(out, true));
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "mappings", "test", "--mapping", mapping.toString(), "--mail", mail.toString()));
    args.addAll(java.util.List.of(options));
    return cli.execute(args.toArray(String[]::new));
  }

  private static final String TIMED_MAPPING =
      """
      rules:
        - name: booking_confirmation
          kind: mail
          observed_at: {path: date, type: datetime}
          emit:
            - entity: reservation
              fields:
                reference: {path: subject, regex: "(RW-[0-9A-Z]{6})", required: true}
                pickup_at: {path: text, regex: "Pickup: (.+)$", format: "dd.MM.yyyy HH:mm"}
                car_id: {path: text, regex: "Car: (.+)$", lookup: {table: cars, match: plate, take: id}}
      """;

  private Path timedConfig(String backup) throws Exception {
    Files.writeString(
        dir.resolve("entities.yaml"),
        ENTITIES.replace(
            "total_cents: integer",
            "total_cents: integer\n      pickup_at: datetime\n      car_id: text"));
    Files.writeString(mapping, TIMED_MAPPING);
    return Files.writeString(
        dir.resolve("salvage.yaml"),
        """
        business: {name: Hire, timezone: Europe/Berlin}
        entities: entities.yaml
        sources:
          - {name: mail, type: mbox, path: not-yet/mailbox.mbox, mapping: mappings/mail.yaml}
          - {name: stripe, type: stripe-json, path: not-yet/stripe, mapping: mappings/stripe.yaml}
        """
            + backup);
  }

  @Test
  void aMailIsShownWithTheLaterRulesWhoseConditionsAlsoHeld() throws Exception {
    Files.writeString(
        mapping,
        MAPPING
            + """
              - name: booking_changed
                kind: mail
                when:
                  - {path: text, matches: "changed"}
                observed_at: {path: date, type: datetime}
              - name: never
                kind: mail
                when:
                  - {path: subject, matches: "^Never"}
            """);

    int exit = test("Booking confirmed RW-7K2M9Q", "Your booking was changed.\nTotal: 120.00 EUR");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("Rule: booking_confirmation\n  also matches: booking_changed (first match wins)")
        .doesNotContain("never (first");
  }

  @Test
  void notesAKeyWrittenInGreekLettersThatReadsAsALatinOne() throws Exception {
    Files.writeString(mapping, MAPPING.replace("[0-9A-Z]{6}", "[^ ]{6}"));
    // Greek Kappa, Mu and Omicron among the Latin letters of the reference
    String subject = "Booking confirmed RW-7Κ2Μ9Ο";
    int exit =
        test(
            "=?UTF-8?B?"
                + java.util.Base64.getEncoder()
                    .encodeToString(subject.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "?=",
            "Total: 120.00 EUR");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains(
            "  key   reference = RW-7Κ2Μ9Ο\n  note  reference RW-7Κ2Μ9Ο is written with Greek Κ,"
                + " Μ, Ο; read as Latin letters it is RW-7K2M9O. Keys compare exactly: if other"
                + " sources write it in Latin letters, the two never link, and the run flags both"
                + " records");
  }

  @Test
  void aBouncesAttachedOriginalIsShownAndMappedAsARunReadsIt() throws Exception {
    String bounce =
        "Message-ID: <dsn1@mx.example>\r\nFrom: MAILER-DAEMON@mx.example\r\n"
            + "To: bookings@rentwise.example\r\nDate: Tue, 10 Mar 2026 09:31:00 +0000\r\n"
            + "Subject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
            + "--b\r\nContent-Type: message/delivery-status\r\n\r\nStatus: 5.1.1\r\n"
            + "--b\r\nContent-Type: message/rfc822\r\n\r\n"
            + "Message-ID: <m1@rentwise.example>\r\nFrom: bookings@rentwise.example\r\n"
            + "To: ana@mail.example\r\nDate: Tue, 10 Mar 2026 09:30:00 +0000\r\n"
            + "Subject: Booking confirmed RW-7K2M9Q\r\n\r\nTotal: 120.00 EUR\r\n"
            + "--b--\r\n";
    Path mail = Files.writeString(dir.resolve("bounce.eml"), bounce);
    CommandLine cli = new CommandLine(new SalvageCli());
    cli.setOut(new PrintWriter(out, true));

    int exit =
        cli.execute("mappings", "test", "--mapping", mapping.toString(), "--mail", mail.toString());

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("Mail: email:dsn1@mx.example")
        .contains("Mail: email:m1@rentwise.example")
        .contains("Rule: booking_confirmation")
        .contains("RW-7K2M9Q");
  }

  @Test
  void withoutAZoneOrAConfigItSaysItReadsLocalTimesAsUtc() throws Exception {
    timedConfig("");
    assertThat(test("Booking confirmed RW-7K2M9Q", "Pickup: 20.03.2026 09:00")).isZero();
    assertThat(out.toString())
        .contains(
            "Zone: UTC (no --zone or --config given: times written without an offset are read as"
                + " UTC)")
        .contains("field pickup_at = 2026-03-20T09:00:00Z");
  }

  @Test
  void aGivenZoneReadsLocalTimes() throws Exception {
    timedConfig("");
    assertThat(
            test(
                "Booking confirmed RW-7K2M9Q",
                "Pickup: 20.03.2026 09:00",
                "--zone",
                "Europe/Berlin"))
        .isZero();
    assertThat(out.toString())
        .contains("Zone: Europe/Berlin (--zone)")
        .contains("field pickup_at = 2026-03-20T08:00:00Z");
  }

  @Test
  void aConfigWhoseOtherFilesDoNotExistYetGivesTheBusinessZone() throws Exception {
    // regression: the config was refused until every mapping and path it names existed
    Path config = timedConfig("");
    assertThat(
            test(
                "Booking confirmed RW-7K2M9Q",
                "Pickup: 20.03.2026 09:00",
                "--config",
                config.toString()))
        .isZero();
    assertThat(out.toString())
        .contains("Zone: Europe/Berlin (the run config's business timezone)")
        .contains("field pickup_at = 2026-03-20T08:00:00Z")
        .contains("Lookups: not made (give --config with a backup to read its tables)");
  }

  @Test
  void lookupsAreMadeInTheTablesOfTheConfigsBackup() throws Exception {
    Files.writeString(
        dir.resolve("backup.sql"),
        "-- Started on 2026-03-02 03:00:00 UTC\n\n"
            + "COPY public.cars (id, plate) FROM stdin;\n7\tM-AB 123\n8\tHH-CD 45\n\\.\n");
    Files.writeString(
        dir.resolve("mappings/backup.yaml"), "rules:\n  - {name: row, kind: backup.row}\n");
    Path config =
        timedConfig("backup: {type: pgdump, path: backup.sql, mapping: mappings/backup.yaml}\n");
    assertThat(test("Booking confirmed RW-7K2M9Q", "Car: HH-CD 45", "--config", config.toString()))
        .isZero();
    assertThat(out.toString())
        .contains("Lookups: 2 row(s) of the looked-up tables read from the backup")
        .contains("field car_id = 8");
    out.getBuffer().setLength(0);
    assertThat(test("Booking confirmed RW-7K2M9Q", "Car: VW Golf", "--config", config.toString()))
        .isZero();
    assertThat(out.toString()).contains("note  car_id: no row of cars with plate \"VW Golf\"");
  }

  @Test
  void listsTheEntityModelsChecksAndWhetherTheRecordsValuesKeepThem() throws Exception {
    Files.writeString(
        dir.resolve("entities.yaml"),
        ENTITIES.replace("total_cents: integer", "total_cents: integer\n      paid_cents: integer")
            + """
                checks:
                  total_cents: {max: 100000}
                  paid_cents: {min: 0}
            """);

    assertThat(test("Booking confirmed RW-7K2M9Q", "Total: 1,234.50 EUR")).isZero();

    assertThat(out.toString())
        .contains(
            "  check total_cents max 100000: BROKEN by total_cents = 123450 (a run flags the"
                + " record)")
        .contains("  check paid_cents min 0: not judged here (paid_cents not given)");
  }

  @Test
  void printsTheRuleThatMatchedAndWhatItExtracted() throws Exception {
    assertThat(test("Booking confirmed RW-7K2M9Q", "Total: 1,234.50 EUR")).isZero();
    assertThat(out.toString())
        .contains("Mail: email:m1@rentwise.example")
        .contains("Rule: booking_confirmation")
        .contains("Observation: reservation at 2026-03-10T09:30:00Z")
        .contains("key   reference = RW-7K2M9Q")
        .contains("field status = confirmed")
        .contains("field total_cents = 123450");
  }

  @Test
  void aDirectoryOrAMissingFileGivenAsTheMailIsNamedWithWhatToGiveInstead() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("snapshot/INBOX"));
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new SalvageCli());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int directory =
        cli.execute(
            "mappings", "test", "--mapping", mapping.toString(), "--mail", folder.toString());
    int missing =
        cli.execute(
            "mappings",
            "test",
            "--mapping",
            mapping.toString(),
            "--mail",
            dir.resolve("nonexistent.eml").toString());

    assertThat(directory).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(missing).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(err.toString())
        .contains(
            "--mail "
                + folder
                + " is a directory; --mail takes one mail file (FILE.eml). To map every mail of a"
                + " directory (an IMAP snapshot folder, a Maildir): --input "
                + folder
                + " --type eml")
        .contains("--mail " + dir.resolve("nonexistent.eml") + ": no such file")
        .doesNotContain("Is a directory");
  }

  @Test
  void aMailIsReadWithTheOptionsGivenAsARunsSourceReadsIt() throws Exception {
    Files.writeString(
        mapping,
        MAPPING.replace(
            "- {path: subject, matches: \"^Booking confirmed\"}",
            "- {path: subject, matches: \"^Booking confirmed\"}\n"
                + "      - {path: sender_authentication, equals: pass}"));

    int exit =
        test(
            "Booking confirmed RW-7K2M9Q\r\nAuthentication-Results: mx.google.com;"
                + " dkim=pass header.d=rentwise.example; dmarc=pass header.from=rentwise.example",
            "Total: 120.00 EUR",
            "--option",
            "trusted_authserv_ids=mx.google.com");

    assertThat(exit).as(out.toString()).isZero();
    assertThat(out.toString()).contains("Rule: booking_confirmation");
  }

  @Test
  void anOptionTheMailReaderDoesNotTakeIsRefused() throws Exception {
    int exit = test("Booking confirmed RW-7K2M9Q", "Total: 120.00 EUR", "--option", "split=1");

    // refused as a run refuses it (the command line of SalvageCli.main says so with exit 2)
    assertThat(exit).isNotZero();
    assertThat(out.toString()).doesNotContain("Rule: booking_confirmation");
  }

  @Test
  void saysWhenNoRuleMatches() throws Exception {
    assertThat(test("Newsletter", "Hello")).isZero();
    assertThat(out.toString()).contains("Ignored: no rule").contains("booking_confirmation");
  }

  @Test
  void givesTheQuarantineReasonWhenARequiredValueIsMissing() throws Exception {
    assertThat(test("Booking confirmed", "Total: 10 EUR")).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(out.toString()).contains("Quarantined: ").contains("reference");
  }

  @Test
  void mapsTheRecordsOfAnyInputFileTheTypeReadsAndNamesTheQuarantinedOnes() throws Exception {
    String[] stripePage =
        stripeCharges(
            "{path: amount, type: integer}",
            "{\"id\":\"ch_1\",\"object\":\"charge\",\"created\":1773134100,\"amount\":5000,"
                + "\"metadata\":{\"booking_ref\":\"RW-7K2M9Q\"}},"
                + "{\"id\":\"ch_2\",\"object\":\"charge\",\"created\":1773134200,\"amount\":700,"
                + "\"metadata\":{}}");
    CommandLine cli = new CommandLine(new SalvageCli());
    cli.setOut(new PrintWriter(out, true));

    int all = cli.execute(stripePage);
    String printed = out.toString();
    out.getBuffer().setLength(0);
    int one =
        cli.execute(
            Stream.concat(Arrays.stream(stripePage), Stream.of("--ref", "stripe:ch_1"))
                .toArray(String[]::new));

    assertThat(all).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(printed)
        .contains("Record: stripe:ch_1")
        .contains("key   reference = RW-7K2M9Q")
        .contains("field total_cents = 5000")
        .contains("Record: stripe:ch_2")
        .contains("Quarantined: ");
    assertThat(one).isZero();
    assertThat(out.toString()).contains("Record: stripe:ch_1").doesNotContain("ch_2");
  }

  @Test
  void aStripeChargeWithARefundYieldsItsNetAmount() throws Exception {
    String[] stripePage =
        stripeCharges(
            "{path: amount, minus: {path: amount_refunded}}",
            "{\"id\":\"ch_1\",\"object\":\"charge\",\"created\":1773134100,"
                + "\"amount\":59500,\"amount_refunded\":12000,\"currency\":\"eur\","
                + "\"metadata\":{\"booking_ref\":\"RW-7K2M9Q\"}}");
    CommandLine cli = new CommandLine(new SalvageCli());
    cli.setOut(new PrintWriter(out, true));

    int exit = cli.execute(stripePage);

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("Record: stripe:ch_1")
        .contains("field total_cents = 47500")
        .doesNotContain("Quarantined");
  }

  @Test
  void countsEveryRecordReadAndFailsOnAQuarantinedOneBeyondTheLimit() throws Exception {
    String[] stripePage =
        stripeCharges(
            "{path: amount, type: integer}",
            "{\"id\":\"ch_1\",\"object\":\"charge\",\"created\":1773134100,\"amount\":5000,"
                + "\"metadata\":{\"booking_ref\":\"RW-7K2M9Q\"}},"
                + "{\"id\":\"ch_2\",\"object\":\"charge\",\"created\":1773134200,\"amount\":700,"
                + "\"metadata\":{}},"
                + "{\"id\":\"ch_3\",\"object\":\"charge\",\"created\":1773134300,\"amount\":900,"
                + "\"metadata\":{}},"
                + "{\"id\":\"cus_1\",\"object\":\"customer\",\"created\":1773134400}");
    CommandLine cli = SalvageCli.commandLine();
    cli.setOut(new PrintWriter(out, true));

    int exit =
        cli.execute(
            Stream.concat(Arrays.stream(stripePage), Stream.of("--limit", "1"))
                .toArray(String[]::new));

    assertThat(exit).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(out.toString())
        .contains("Record: stripe:ch_1")
        .doesNotContain("Record: stripe:ch_2")
        .contains("Totals over the 4 record(s) read:")
        .contains("rule charge: matched 3, emitted 1 observation(s), quarantined 2; the first: ")
        .contains("matched no rule (ignored): 1");
  }

  @Test
  void aRuleQuarantiningEveryRecordItMatchedIsSaidSo() throws Exception {
    String[] stripePage =
        stripeCharges(
            "{path: amount, type: integer}",
            "{\"id\":\"ch_2\",\"object\":\"charge\",\"created\":1773134200,\"amount\":700,"
                + "\"metadata\":{}}");
    CommandLine cli = SalvageCli.commandLine();
    cli.setOut(new PrintWriter(out, true));

    int exit = cli.execute(stripePage);

    assertThat(exit).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(out.toString())
        .contains("rule charge: matched 1, emitted 0 observation(s), quarantined 1 (every record");
  }

  /**
   * A format or type that fits none of the values: a whole run says MAPPING ERROR, and until
   * 2026-12-07 the totals here advised mending the source or declaring unreadable: leave_out, which
   * would drop the field from every record.
   */
  @Test
  void aFieldFailingOnEveryRecordItsRuleMatchedIsSaidToBeTheMappingsNotTheSources()
      throws Exception {
    StringBuilder charges = new StringBuilder();
    for (int n = 1; n <= 5; n++) {
      charges
          .append(n == 1 ? "" : ",")
          .append("{\"id\":\"ch_")
          .append(n)
          .append("\",\"object\":\"charge\",\"created\":1773134100,")
          .append("\"metadata\":{\"booking_ref\":\"RW-7K2M9")
          .append(n)
          .append("\",\"total\":\"")
          .append(n)
          .append("0.50\"}}");
    }
    String[] stripePage =
        stripeCharges("{path: metadata.total, type: integer}", charges.toString());
    CommandLine cli = SalvageCli.commandLine();
    cli.setOut(new PrintWriter(out, true));

    int exit = cli.execute(stripePage);

    assertThat(exit).isEqualTo(SalvageCli.EXIT_FAILURE);
    String totals = out.toString().substring(out.toString().indexOf("Totals over"));
    assertThat(totals)
        .contains("quarantined 5 (every record it matched)")
        .contains(
            "the rule's format or type, not the source, is likely wrong, as the rule failed on"
                + " every record it matched (a whole run says MAPPING ERROR and exits 3): mend the"
                + " mapping")
        .doesNotContain("leave_out");
  }

  @Test
  void refusesARuleOfAKindNoReaderMakesAsARunDoes() throws Exception {
    String[] stripePage =
        stripeCharges(
            "{path: amount, type: integer}",
            "{\"id\":\"ch_1\",\"object\":\"charge\",\"created\":1773134100,\"amount\":5000,"
                + "\"metadata\":{\"booking_ref\":\"RW-7K2M9Q\"}}");
    Path stripeMapping = Path.of(stripePage[3]);
    Files.writeString(
        stripeMapping,
        Files.readString(stripeMapping).replace("kind: stripe.charge", "kind: stripe.charges"));
    CommandLine cli = SalvageCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));

    int exit = cli.execute(stripePage);

    assertThat(exit).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(err.toString())
        .contains("rule charge: kind: no reader makes records of kind \"stripe.charges\"")
        .contains("did you mean \"stripe.charge\"?");
    assertThat(out.toString()).doesNotContain("Ignored");
  }

  /**
   * The arguments of {@code mappings test} on a Stripe list page of {@code charges} (JSON objects,
   * comma-separated), mapped by a rule whose {@code total_cents} extractor is {@code totalCents}.
   */
  private String[] stripeCharges(String totalCents, String charges) throws Exception {
    Path stripeMapping =
        Files.writeString(
            dir.resolve("mappings/stripe.yaml"),
            """
            rules:
              - name: charge
                kind: stripe.charge
                observed_at: {path: created, type: datetime, format: epoch_seconds}
                emit:
                  - entity: reservation
                    fields:
                      reference: {path: metadata.booking_ref, required: true}
                      total_cents: %s
            """
                .formatted(totalCents));
    Path page =
        Files.writeString(
            dir.resolve("charges.json"), "{\"object\":\"list\",\"data\":[" + charges + "]}");
    return new String[] {
      "mappings",
      "test",
      "--mapping",
      stripeMapping.toString(),
      "--input",
      page.toString(),
      "--type",
      "stripe-json"
    };
  }

  @Test
  void anInputNotReadToItsEndShowsWhatWasReadAndSaysWhatWasNot() throws Exception {
    String mail =
        "From bookings@rentwise.example Tue Mar 10 09:30:00 2026\n"
            + "Message-ID: <m%d@rentwise.example>\nFrom: bookings@rentwise.example\n"
            + "Date: Tue, 10 Mar 2026 09:30:00 +0000\nSubject: Booking confirmed RW-7K2M9%d\n\n"
            + "Total: 120.00 EUR\n";
    // the second mail cut inside its last line, as a copy that stopped leaves it
    Path mbox =
        Files.writeString(
            dir.resolve("cut.mbox"), mail.formatted(1, 1) + "\n" + mail.formatted(2, 2) + "Tot");
    CommandLine cli = new CommandLine(new SalvageCli());
    cli.setOut(new PrintWriter(out, true));

    int exit =
        cli.execute(
            "mappings",
            "test",
            "--mapping",
            mapping.toString(),
            "--input",
            mbox.toString(),
            "--type",
            "mbox");

    // the cut mail is quarantined, which this command reports as a failure before the cut
    assertThat(exit).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(out.toString())
        .contains("key   reference = RW-7K2M91")
        .contains("Quarantined by the reader at " + mbox.toAbsolutePath().normalize() + ":")
        .contains("Not read to its end (exit 3): Source test: partition ")
        .contains("the file ends inside its last line");
  }

  @Test
  void aStripePageCutShortShowsTheChargesBeforeTheCutAndSaysTheRestWasNotRead() throws Exception {
    String[] cutPage =
        stripeCharges(
            "{path: amount, type: integer}",
            "{\"id\":\"ch_1\",\"object\":\"charge\",\"created\":1773134100,\"amount\":5000,"
                + "\"metadata\":{\"booking_ref\":\"RW-7K2M9Q\"}},"
                + "{\"id\":\"ch_2\",\"object\":\"charge\",\"amou");
    CommandLine cli = new CommandLine(new SalvageCli());
    cli.setOut(new PrintWriter(out, true));

    int exit = cli.execute(cutPage);

    // the break is quarantined, which this command reports as a failure before the cut
    assertThat(exit).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(out.toString())
        .contains("Quarantined by the reader at ")
        .contains("Record: stripe:ch_1")
        .contains("field total_cents = 5000")
        .contains("Not read to its end (exit 3): ")
        .contains("broken JSON at ");
  }

  @Test
  void aDeclaredFieldThePatternFindsNothingForIsNamed() throws Exception {
    // the total written "EUR 120.00": the rule's pattern wants "120.00 EUR"
    int exit = test("Booking confirmed RW-7K2M9Q", "Total: EUR 120.00");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("key   reference = RW-7K2M9Q")
        .contains(
            "No value for reservation field(s) total_cents: the rule declares them, but their"
                + " paths or patterns found nothing in this record");
    out.getBuffer().setLength(0);
    test("Booking confirmed RW-7K2M9Q", "Total: 120.00 EUR");
    assertThat(out.toString()).contains("field total_cents = 12000").doesNotContain("No value");
  }

  @Test
  void aDeclaredFieldLeftOutAsUnreadableIsSaidToBeFoundButUnreadable() {
    // the pattern found "KWD 8-500", refused and left out: "found nothing" sent people to the
    // pattern
    Observation observation =
        new Observation(
            "reservation",
            Map.of("reference", "RW-7K2M9Q"),
            Map.of("reference", "RW-7K2M9Q"),
            Instant.parse("2026-03-01T00:00:00Z"),
            "backup",
            "backup:1",
            "p",
            Map.of(),
            List.of(
                "total_cents: left out, unreadable: \"KWD 8-500\" is not an amount: it writes"
                    + " \"-\" between its digits"),
            0);

    assertThat(
            MappingsTestCommand.noValue(
                Map.of("reservation", List.of("reference", "total_cents", "pickup_at")),
                List.of(),
                new dev.salvage.mappings.MappingResult("p", List.of(observation))))
        .containsExactly(
            "No value for reservation field(s) pickup_at: the rule declares them, but their paths"
                + " or patterns found nothing in this record",
            "No value for reservation field(s) total_cents: their paths or patterns found text,"
                + " but it was unreadable and left out (unreadable: leave_out): the notes above say"
                + " why");
  }

  @Test
  void aFieldDeclaredOnlyInAnEmitWhoseConditionDidNotHoldIsSaidSoNotAsFoundNothing() {
    java.time.Instant at = java.time.Instant.parse("2026-01-05T10:05:00Z");
    dev.salvage.mappings.Observation hire =
        new dev.salvage.mappings.Observation(
            "hire",
            java.util.Map.of("reference", "NVH-1002"),
            java.util.Map.of("reference", "NVH-1002"),
            at,
            "stripe",
            "stripe:ch_1",
            "payment",
            java.util.Map.of(),
            java.util.List.of(),
            0);
    var emits =
        java.util.List.of(
            new dev.salvage.mappings.SourceMapping.EmitFields(
                "hire", "hire[0]", 0, java.util.List.of("reference", "customer_email"), 0),
            new dev.salvage.mappings.SourceMapping.EmitFields(
                "hire", "hire[1]", 1, java.util.List.of("reference", "status"), 2));

    java.util.List<String> lines =
        MappingsTestCommand.noValue(
            java.util.Map.of("hire", java.util.List.of("reference", "customer_email", "status")),
            emits,
            new dev.salvage.mappings.MappingResult("payment", java.util.List.of(hire)));

    assertThat(lines)
        .containsExactly(
            "No value for hire field(s) customer_email: the rule declares them, but their paths"
                + " or patterns found nothing in this record",
            "No value for hire field(s) status: only emit hire[1] declares them, and its"
                + " condition (when) did not hold, so they were not looked for in this record");
  }

  @Test
  void refusesAnInputWithoutItsType() throws Exception {
    CommandLine cli = new CommandLine(new SalvageCli());
    cli.setOut(new PrintWriter(out, true));
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));

    int exit =
        cli.execute(
            "mappings", "test", "--mapping", mapping.toString(), "--input", mapping.toString());

    assertThat(exit).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(err.toString()).contains("--input needs --type");
  }

  @Test
  void readsTheBackupExportTypesWithTheirOptionsFromTheCommandLineOrTheConfigsBackup()
      throws Exception {
    // backup-csv and backup-jsonl are listed in --type's help and were refused as unknown types
    Path backupMapping =
        Files.writeString(
            dir.resolve("mappings/backup.yaml"),
            """
            rules:
              - name: booking_row
                kind: backup.row
                when: {path: table, equals: shop.booking}
                observed_at: {path: columns.modified, type: datetime}
                emit:
                  - entity: reservation
                    fields:
                      reference: {path: columns.reference, required: true}
                      total_cents: {path: columns.total, type: money}
            """);
    Path dump =
        Files.writeString(
            dir.resolve("dumpdata.json"),
            "[{\"model\": \"shop.booking\", \"pk\": 4, \"fields\": {\"reference\":"
                + " \"RW-7K2M9Q\", \"total\": \"164.00\", \"modified\":"
                + " \"2026-03-10T09:15:00Z\"}}]");
    Path csv =
        Files.writeString(
            dir.resolve("shop.booking.csv"),
            "id;reference;total;modified\n" + "4;RW-7K2M9Q;164.00;2026-03-10T09:15:00Z\n");
    Path config =
        Files.writeString(
            dir.resolve("salvage.yaml"),
            """
            business: {name: Shop, timezone: Europe/Berlin}
            entities: entities.yaml
            sources: []
            backup:
              type: backup-jsonl
              path: dumpdata.json
              mapping: mappings/backup.yaml
              taken_at: 2026-05-01T03:00:00Z
              options: {record_table: model, record_key: pk, record_columns: fields}
            """);
    CommandLine cli = new CommandLine(new SalvageCli());
    cli.setOut(new PrintWriter(out, true));

    int fromConfig =
        cli.execute(
            "mappings",
            "test",
            "--mapping",
            backupMapping.toString(),
            "--config",
            config.toString(),
            "--input",
            dump.toString(),
            "--type",
            "backup-jsonl");
    String printedFromConfig = out.toString();
    out.getBuffer().setLength(0);
    int fromOptions =
        cli.execute(
            "mappings",
            "test",
            "--mapping",
            backupMapping.toString(),
            "--input",
            csv.toString(),
            "--type",
            "backup-csv",
            "--option",
            "separator=;");

    assertThat(fromConfig).as(printedFromConfig).isZero();
    assertThat(printedFromConfig)
        .contains("Record: backup:shop.booking#4")
        .contains("key   reference = RW-7K2M9Q")
        .contains("field total_cents = 16400");
    assertThat(fromOptions).as(out.toString()).isZero();
    assertThat(out.toString())
        .contains("Record: backup:shop.booking#4")
        .contains("field total_cents = 16400");
  }
}
