package dev.salvage.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.connectors.SourceReaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunConfigTest {
  private static final String CONFIG =
      """
      business:
        name: Rentwise Cars
        timezone: Europe/Lisbon
        phone_region: pt
      entities: entities.yaml
      sources:
        - name: mail
          type: mbox
          path: mail/mailbox.mbox
          mapping: mappings/mail.yaml
        - name: stripe
          type: stripe-json
          path: stripe
          mapping: mappings/stripe.yaml
      backup:
        type: pgdump
        path: backup/backup.sql
        mapping: mappings/backup.yaml
        taken_at: 2026-05-01T03:00:00Z
      """;

  @TempDir Path dir;

  @BeforeEach
  void writeScenario() throws IOException {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("mail"));
    Files.createDirectories(dir.resolve("stripe"));
    Files.createDirectories(dir.resolve("backup"));
    Files.writeString(dir.resolve("entities.yaml"), TestSupport.resource("rentwise/entities.yaml"));
    for (String name : new String[] {"mail.yaml", "stripe.yaml", "backup.yaml"}) {
      Files.writeString(
          dir.resolve("mappings").resolve(name), TestSupport.resource("rentwise/" + name));
    }
    Files.writeString(dir.resolve("mail/mailbox.mbox"), "");
    Files.writeString(dir.resolve("backup/backup.sql"), "");
  }

  @Test
  void namesALinkedOrResolvedFieldThatNoRuleOfAnyMappingEmits() throws Exception {
    String entities = TestSupport.resource("rentwise/entities.yaml");
    Files.writeString(
        dir.resolve("entities.yaml"),
        entities.replace(
            "      stripe_customer_id: text\n    merge:",
            "      stripe_customer_id: text\n      phone_2: phone\n"
                + "    linking: {compare: [phone_2, full_name], block: [phone_2]}\n    merge:"));
    RunConfig withLinking = RunConfig.load(config(CONFIG));

    assertThat(withLinking.neverExtractedNotes())
        .filteredOn(note -> note.contains("customer."))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("Entity model (")
        .contains(
            "customer.phone_2 is named in linking.compare, linking.block but no rule of any"
                + " mapping emits it (did you mean phone, which rules do emit?)")
        .contains("mappings searched: ")
        .contains("mail.yaml");
    // this backup mapping reads no customer_id, so the resolve by it has nothing either
    assertThat(withLinking.neverExtractedNotes())
        .anySatisfy(
            note ->
                assertThat(note)
                    .contains(
                        "reservation.customer_backup_id is named in resolve.customer_email.by"));
    Files.writeString(dir.resolve("entities.yaml"), entities);
    assertThat(RunConfig.load(config(CONFIG)).neverExtractedNotes())
        .noneMatch(note -> note.contains("customer."));
  }

  @Test
  void namesAFieldClaimedNegatedThatTheEntityModelDoesNotSum() throws Exception {
    // a refund's amount taken off what was paid: with the default merge (latest) the refund,
    // newest, becomes the paid amount
    Path stripe = dir.resolve("mappings/stripe.yaml");
    Files.writeString(
        stripe,
        Files.readString(stripe)
            + """

              - name: refund
                kind: stripe.refund
                observed_at: {path: created, format: epoch_seconds}
                emit:
                  - entity: reservation
                    fields:
                      reference: {path: metadata.booking_ref}
                      total_cents: {path: amount, negate: true}
            """);

    assertThat(RunConfig.load(config(CONFIG)).negatedNotSummedNotes())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("Entity model (")
        .contains(
            "reservation.total_cents is merged latest (the default), while rule refund ("
                + dir.resolve("mappings/stripe.yaml")
                + ") claims it negated (negate: true): one claim wins, so a refund made after the"
                + " payment becomes the value, negative")
        .contains("merged with strategy: sum");

    Path entities = dir.resolve("entities.yaml");
    String model = Files.readString(entities);
    Files.writeString(
        entities,
        model.replace(
            "      calendar_uid: text\n    resolve:",
            "      calendar_uid: text\n    merge:\n      total_cents: {strategy: sum}\n"
                + "    resolve:"));
    assertThat(Files.readString(entities)).isNotEqualTo(model);
    assertThat(RunConfig.load(config(CONFIG)).negatedNotSummedNotes()).isEmpty();
  }

  /** A groomer's traces: widget mails naming no booking, hand-made charges, a backup. */
  private static final String GROOMING_MODEL =
      """
      entities:
        customer:
          keys: [email]
          fields: {email: email, full_name: text}
        appointment:
          keys: [backup_id, charge_id]
          fields: {backup_id: text, charge_id: text, customer_email: email, dog_name: text}
          resolve:
            customer_email: {entity: customer, by: {customer_email: email}, take: email}
      %s
      """;

  private static final String GROOMING_MAIL =
      """
      rules:
        - name: confirmation
          kind: mail
          observed_at: {path: date, type: datetime}
          emit:
            - entity: appointment
              fields:
                customer_email: {path: 'to[0]', type: email}
                dog_name: {path: text, regex: 'Dog: (.+)$'}
            - entity: customer
              fields:
                full_name: {path: text, regex: 'Hi (.+),$'}
      """;

  private static final String GROOMING_STRIPE =
      """
      rules:
        - name: charge
          kind: stripe.charge
          observed_at: {path: created, type: datetime, format: epoch_seconds}
          emit:
            - entity: appointment
              fields:
                charge_id: {path: id, required: true}
                %s
                customer_email: {path: receipt_email, type: email}
      """;

  private static final String GROOMING_BACKUP =
      """
      rules:
        - name: appointment_row
          kind: backup.row
          observed_at: {path: columns.updated_at, type: datetime}
          emit:
            - entity: appointment
              fields:
                backup_id: {path: columns.id, required: true}
                dog_name: {path: columns.dog_name}
        - name: customer_row
          kind: backup.row
          observed_at: {path: columns.updated_at, type: datetime}
          emit:
            - entity: customer
              fields:
                email: {path: columns.email, type: email}
      """;

  private RunConfig grooming(String linking, String stripeBackupId) throws Exception {
    Files.writeString(dir.resolve("entities.yaml"), GROOMING_MODEL.formatted(linking));
    Files.writeString(dir.resolve("mappings/mail.yaml"), GROOMING_MAIL);
    Files.writeString(
        dir.resolve("mappings/stripe.yaml"), GROOMING_STRIPE.formatted(stripeBackupId));
    Files.writeString(dir.resolve("mappings/backup.yaml"), GROOMING_BACKUP);
    return RunConfig.load(config(CONFIG));
  }

  @Test
  void namesTheSourcesOfAnEntityThatNoKeyJoinsWhenItHasNoLinkingSection() throws Exception {
    assertThat(grooming("", "").noSharedKeyNotes())
        .containsOnlyKeys("appointment")
        .extractingByKey("appointment", org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("Entity model (")
        .contains(
            "appointment: no key joins the evidence of these 3 groups of sources to each other:"
                + " mail (none of its keys); stripe (charge_id); backup (backup_id).")
        .contains("one appointment known to two of them comes out as two records")
        .contains("appointment has no linking: section")
        .contains("docs/linking.md, Configuration");
    // a key two sources write joins them; the mail still shares none
    assertThat(grooming("", "backup_id: {path: metadata.app_id}").noSharedKeyNotes())
        .extractingByKey("appointment", org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains(
            "these 2 groups of sources to each other: mail (none of its keys); stripe +"
                + " backup (backup_id, charge_id).");
  }

  @Test
  void namesAFieldLinkingUsesThatOnlyAResolveFillsAfterMatching() throws Exception {
    // the mail emits no customer_email now: only the resolve by it would fill it
    Files.writeString(
        dir.resolve("entities.yaml"),
        GROOMING_MODEL.formatted(
            """
            linking:
              compare: [customer_email, dog_name]
              block: [customer_email, dog_name]
        """));
    Files.writeString(
        dir.resolve("mappings/mail.yaml"),
        GROOMING_MAIL.replace("          customer_email: {path: 'to[0]', type: email}\n", ""));
    Files.writeString(
        dir.resolve("mappings/stripe.yaml"),
        GROOMING_STRIPE
            .formatted("")
            .replace("          customer_email: {path: receipt_email, type: email}\n", ""));
    Files.writeString(dir.resolve("mappings/backup.yaml"), GROOMING_BACKUP);

    assertThat(RunConfig.load(config(CONFIG)).neverExtractedNotes())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains(
            "appointment.customer_email is named in linking.compare, linking.block but no rule of"
                + " any mapping emits it: only resolve.customer_email fills it, and resolving runs"
                + " after matching, so linking gets nothing from it");
    // emitted by a rule, it is there when pieces are weighed
    assertThat(
            grooming(
                    """
                linking:
                  compare: [customer_email, dog_name]
                  block: [customer_email, dog_name]
            """,
                    "")
                .neverExtractedNotes())
        .isEmpty();
  }

  @Test
  void saysNothingOfSourcesNoKeyJoinsWhenTheTypeHasALinkingSectionOrAResolveJoinsThem()
      throws Exception {
    String linking =
        """
            linking:
              compare: [customer_email, dog_name]
              block: [customer_email]
        """;
    assertThat(RunConfig.load(config(CONFIG)).noSharedKeyNotes()).isEmpty();
    // the mail's customer holds no key, but its appointment resolves the customer: it joins that
    assertThat(grooming(linking, "").noSharedKeyNotes()).isEmpty();
  }

  private Path config(String text) throws IOException {
    return Files.writeString(dir.resolve("salvage.yaml"), text);
  }

  @Test
  void anOptionYamlReadsAsNoValueSaysToQuoteTheWord() throws Exception {
    // the docs' and the run's own advice for a CSV export writing SQL NULL as the word
    String csv =
        CONFIG
            .replace("type: pgdump", "type: backup-csv")
            .replace(
                "taken_at: 2026-05-01T03:00:00Z",
                "taken_at: 2026-05-01T03:00:00Z\n  options:\n    null: NULL");

    assertThatThrownBy(() -> RunConfig.load(config(csv)))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("backup: options: the value of \"null\" is empty")
        .hasMessageContaining("YAML reads nothing, ~, null and NULL as no value")
        .hasMessageContaining("quote it (null: \"NULL\")");
  }

  @Test
  void aMergeOrderNamingASourceStillToComeLoadsWithANoteAndAMisspeltOneFailsAtLoad()
      throws Exception {
    Path entities = dir.resolve("entities.yaml");
    String original = Files.readString(entities);
    // day 1 of a recovery: the calendar's export has not arrived yet
    Files.writeString(
        entities,
        original.replace(
            "order: [backup, mail, stripe]", "order: [backup, mail, stripe, calendar]"));
    RunConfig dayOne = RunConfig.load(config(CONFIG));
    assertThat(dayOne.mergeOrderNotes())
        .containsExactly(
            "Entity model: entity customer, merge of field full_name: order names calendar, which"
                + " this configuration does not read: skipped (a source still to come; if it is a"
                + " misspelling, correct it)");
    Files.writeString(entities, original);
    assertThat(RunConfig.load(config(CONFIG)).mergeOrderNotes()).isEmpty();
    // near a configured source the order names too: another source, not a misspelling
    Files.writeString(
        entities,
        original.replace("order: [backup, mail, stripe]", "order: [backup, mail, gmail, stripe]"));
    assertThat(RunConfig.load(config(CONFIG)).mergeOrderNotes())
        .singleElement()
        .satisfies(note -> assertThat(note).contains("order names gmail, which"));

    Files.writeString(
        entities,
        original.replace("order: [backup, mail, stripe]", "order: [backup, mail, stirpe]"));
    assertThatThrownBy(() -> RunConfig.load(config(CONFIG)))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining(
            "entity customer, merge of field full_name: order: \"stirpe\" is not a configured"
                + " source; did you mean \"stripe\"? (sources: backup, mail, stripe)");
  }

  @Test
  void theBusinessCurrencyIsReadAndOneThatIsNoCurrencyFailsAtLoad() throws Exception {
    RunConfig yen =
        RunConfig.load(
            config(CONFIG.replace("phone_region: pt", "phone_region: pt\n  currency: jpy")));
    assertThat(yen.business().currency()).isEqualTo("JPY");
    assertThat(RunConfig.load(config(CONFIG)).business().currency()).isNull();

    assertThatThrownBy(
            () ->
                RunConfig.load(
                    config(
                        CONFIG.replace("phone_region: pt", "phone_region: pt\n  currency: yen"))))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("currency: \"YEN\" is not an ISO 4217 currency code (e.g. EUR)");
  }

  @Test
  void aRuleOfAKindNoReaderMakesFailsAtLoadNamingTheRuleTheNearestKindAndTheLine()
      throws Exception {
    Path stripe = dir.resolve("mappings/stripe.yaml");
    Files.writeString(
        stripe,
        Files.readString(stripe).replaceFirst("kind: stripe.charge", "kind: stripe.charges"));

    assertThatThrownBy(() -> RunConfig.load(config(CONFIG)))
        .isInstanceOf(MappingException.class)
        .hasMessageStartingWith(stripe.toAbsolutePath().normalize() + ": rule ")
        .hasMessageContaining("kind: no reader makes records of kind \"stripe.charges\"")
        .hasMessageContaining("did you mean \"stripe.charge\"?")
        .hasMessageEndingWith("would be ignored (line 4)");
  }

  @Test
  void aMailRuleOfAMisspeltKindFailsAtLoadAndAStripeObjectNotListedHereIsAccepted()
      throws Exception {
    Path mail = dir.resolve("mappings/mail.yaml");
    String original = Files.readString(mail);
    Files.writeString(mail, original.replaceFirst("kind: mail", "kind: mails"));
    assertThatThrownBy(() -> RunConfig.load(config(CONFIG)))
        .hasMessageContaining("no reader makes records of kind \"mails\"; did you mean \"mail\"?");

    // an object Stripe has and this list does not know is not a typo of one it knows
    Files.writeString(
        mail, original.replaceFirst("kind: mail", "kind: stripe.billing_portal.session"));
    assertThat(RunConfig.load(config(CONFIG)).sources()).hasSize(2);
  }

  @Test
  void anEmptyConfigOrMappingFileIsSaidToBeEmptyNotToMissAKey() throws Exception {
    Path config = config(CONFIG);
    Files.writeString(config, "");
    assertThatThrownBy(() -> RunConfig.load(config))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            config.toAbsolutePath().normalize()
                + ": is empty (0 characters): no settings in it; was it copied or saved"
                + " completely?");

    Path config2 = config(CONFIG);
    Path stripe = dir.resolve("mappings/stripe.yaml");
    Files.writeString(stripe, "# rules to come\n\n");
    assertThatThrownBy(() -> RunConfig.load(config2))
        .hasMessageStartingWith(stripe.toAbsolutePath().normalize() + ": holds only comments");
  }

  @Test
  void loadsBusinessEntitiesSourcesAndBackupWithPathsRelativeToTheConfig() throws Exception {
    RunConfig config = RunConfig.load(config(CONFIG));

    assertThat(config.file()).isEqualTo(dir.resolve("salvage.yaml").toAbsolutePath().normalize());
    assertThat(config.business())
        .isEqualTo(new Business("Rentwise Cars", ZoneId.of("Europe/Lisbon"), "PT"));
    assertThat(config.entities().types()).containsOnlyKeys("customer", "reservation", "payment");
    assertThat(config.sources()).extracting(SourceConfig::name).containsExactly("mail", "stripe");
    SourceConfig mail = config.sources().get(0);
    assertThat(mail.type()).isEqualTo("mbox");
    assertThat(mail.path())
        .isEqualTo(dir.resolve("mail/mailbox.mbox").toAbsolutePath().normalize());
    assertThat(mail.mappingFile())
        .isEqualTo(dir.resolve("mappings/mail.yaml").toAbsolutePath().normalize());
    assertThat(mail.mappingText()).isEqualTo(TestSupport.resource("rentwise/mail.yaml"));
    assertThat(config.backup().type()).isEqualTo("pgdump");
    assertThat(config.backup().takenAt()).isEqualTo(Instant.parse("2026-05-01T03:00:00Z"));
    assertThat(
            SourceMapping.parse(
                    mail.mappingText(),
                    mail.mappingFile().toString(),
                    config.entities(),
                    config.business())
                .ruleNames())
        .contains("booking_confirmation");
  }

  @Test
  void optionPathsAreRelativeToTheConfigLikeThePathWhateverTheWorkingDirectory() throws Exception {
    Files.writeString(dir.resolve("mappings/calendar.yaml"), CALENDAR_MAPPING);
    Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(dir.resolve("secrets/service-account.json"), "{}");
    // an absolute path is kept as it is; the secret files must be there when the config loads
    Path absoluteKey = dir.toAbsolutePath().resolve("elsewhere/stripe.key");
    Files.createDirectories(absoluteKey.getParent());
    Files.writeString(absoluteKey, "rk_test_key\n");
    Files.writeString(dir.resolve("secrets/db"), "db-password\n");
    String config =
        CONFIG
            .replace(
                "backup:\n",
                """
                  - name: calendar
                    type: google-calendar
                    mapping: mappings/calendar.yaml
                    options:
                      credentials_file: secrets/service-account.json
                      calendars: branch@group.calendar.google.com
                      snapshot_dir: ../snapshots/calendar
                      time_min: 2026-01-01
                  - name: stripe-api
                    type: stripe-api
                    mapping: mappings/stripe.yaml
                    options:
                      api_key_file: %s
                      snapshot_dir: snapshots/stripe
                backup:
                """
                    .formatted(absoluteKey))
            // a restored database, whose options name a file too
            .replace("  type: pgdump\n  path: backup/backup.sql\n", "  type: jdbc\n")
            .replace(
                "  taken_at: 2026-05-01T03:00:00Z\n",
                "  taken_at: 2026-05-01T03:00:00Z\n  options: {url: \"jdbc:postgresql://db/restored\","
                    + " user: reader, password_file: secrets/db}\n");

    RunConfig loaded = RunConfig.load(config(config));

    Path base = dir.toAbsolutePath().normalize();
    // the tests run in the module directory, not in the config's
    assertThat(Path.of("").toAbsolutePath()).isNotEqualTo(base);
    SourceConfig calendar = loaded.sources().get(2);
    assertThat(calendar.options())
        .containsEntry("credentials_file", base.resolve("secrets/service-account.json").toString())
        .containsEntry("snapshot_dir", base.resolveSibling("snapshots/calendar").toString())
        .containsEntry("calendars", "branch@group.calendar.google.com")
        .containsEntry("time_min", "2026-01-01");
    assertThat(loaded.sources().get(3).options())
        .containsEntry("api_key_file", absoluteKey.toString())
        .containsEntry("snapshot_dir", base.resolve("snapshots/stripe").toString());
    assertThat(loaded.backup().options())
        .containsEntry("password_file", base.resolve("secrets/db").toString());
    // the connector finds the credentials file at the resolved path: opened, it reads it before
    // listing anything (and this one holds no key)
    assertThatThrownBy(
            () ->
                SourceReaders.open(
                        calendar.name(), calendar.type(), calendar.path(), calendar.options())
                    .partitions())
        .hasMessageContaining(
            "cannot read the service-account key " + base.resolve("secrets/service-account.json"));
  }

  @Test
  void aSecretThatIsNotThereFailsTheLoadAtItsOptionsLineBeforeAnythingIsRead() throws Exception {
    Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(dir.resolve("secrets/empty"), "\n");
    Files.writeString(dir.resolve("secrets/db"), "db-password\n");
    String jdbc = CONFIG.replace("  type: pgdump\n  path: backup/backup.sql\n", "  type: jdbc\n");
    java.util.function.Function<String, String> withSecret =
        option ->
            jdbc.replace(
                "  taken_at: 2026-05-01T03:00:00Z\n",
                "  taken_at: 2026-05-01T03:00:00Z\n  options:\n    url: jdbc:postgresql://db/app\n"
                    + "    user: reader\n    "
                    + option
                    + "\n");
    Path base = dir.toAbsolutePath().normalize();

    assertThatThrownBy(
            () -> RunConfig.load(config(withSecret.apply("password_env: SALVAGE_T78_NOT_SET"))))
        .isInstanceOf(MappingException.class)
        .hasMessageEndingWith(
            "salvage.yaml: backup: options: password_env: the environment variable"
                + " SALVAGE_T78_NOT_SET is not set (jdbc backup) (line 22)");
    assertThatThrownBy(
            () -> RunConfig.load(config(withSecret.apply("password_file: secrets/empty"))))
        .hasMessageEndingWith(
            "backup: options: password_file: "
                + base.resolve("secrets/empty")
                + " is empty: it must hold the secret (a trailing newline is left out)"
                + " (jdbc backup) (line 22)");
    assertThatThrownBy(
            () -> RunConfig.load(config(withSecret.apply("password_file: secrets/nothere"))))
        .hasMessageEndingWith(
            "password_file: "
                + base.resolve("secrets/nothere")
                + " does not exist"
                + " (jdbc backup) (line 22)");
    assertThatThrownBy(() -> RunConfig.load(config(withSecret.apply("password_file: secrets"))))
        .hasMessageContaining(
            "password_file: "
                + base.resolve("secrets")
                + " is a directory, not the file holding the secret");
    // one that is there loads, its trailing newline being no part of the secret
    assertThat(RunConfig.load(config(withSecret.apply("password_file: secrets/db"))).backup())
        .isNotNull();
    assertThat(RunConfig.load(config(withSecret.apply("password_env: PATH"))).backup()).isNotNull();
  }

  private static final String CALENDAR_MAPPING =
      """
      rules:
        - name: event
          kind: calendar.event
          observed_at: {path: updated, type: datetime}
          emit:
            - entity: reservation
              fields:
                reference: {path: summary}
      """;

  @Test
  void theBackupAndItsTakenAtAreOptional() throws Exception {
    RunConfig withoutBackup =
        RunConfig.load(config(CONFIG.substring(0, CONFIG.indexOf("backup:"))));
    assertThat(withoutBackup.backup()).isNull();
    RunConfig withoutTakenAt =
        RunConfig.load(config(CONFIG.replace("  taken_at: 2026-05-01T03:00:00Z\n", "")));
    assertThat(withoutTakenAt.backup().takenAt()).isNull();
  }

  @Test
  void aMistakeInAMappingFileFailsTheLoadNamingThatFile() throws Exception {
    Files.writeString(
        dir.resolve("mappings/stripe.yaml"),
        TestSupport.resource("rentwise/stripe.yaml")
            .replace("format: epoch_seconds}", "format: epoch_secs}"));
    assertThatThrownBy(() -> RunConfig.load(config(CONFIG)))
        .isInstanceOf(MappingException.class)
        .hasMessageStartingWith(
            dir.resolve("mappings/stripe.yaml").toAbsolutePath().normalize()
                + ": rule charge, field observed_at: format:");
  }

  @Test
  void aFetchingSourcesPathIsWhereItsSnapshotGoesAndNeedNotExistYet() throws Exception {
    String api =
        CONFIG.replace(
            "    type: stripe-json\n    path: stripe\n",
            "    type: stripe-api\n    path: stripe-snapshot\n");
    assertThat(api).isNotEqualTo(CONFIG);

    RunConfig config = RunConfig.load(config(api));

    assertThat(config.sources().get(1).path())
        .isEqualTo(dir.resolve("stripe-snapshot").toAbsolutePath().normalize());
    assertThat(dir.resolve("stripe-snapshot")).doesNotExist();
  }

  @Test
  void missingFilesFailTheLoad() throws Exception {
    Files.delete(dir.resolve("backup/backup.sql"));
    Path file = config(CONFIG);
    assertThatThrownBy(() -> RunConfig.load(file))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            file.toAbsolutePath().normalize()
                + ": backup: path: "
                + dir.resolve("backup/backup.sql").toAbsolutePath().normalize()
                + " does not exist (line 17)");
    assertThatThrownBy(() -> RunConfig.load(dir.resolve("nothing.yaml")))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "Cannot read run config "
                + dir.resolve("nothing.yaml").toAbsolutePath()
                + ": it does not exist");
    assertThatThrownBy(() -> RunConfig.load(dir.resolve("backup")))
        .hasMessage(
            "Cannot read run config "
                + dir.resolve("backup").toAbsolutePath()
                + ": it is a directory, not a file");
  }

  @Test
  void aMappingOrEntityModelThatIsADirectoryFailsAtTheLineOfTheKeyNamingIt() throws Exception {
    Files.delete(dir.resolve("mappings/stripe.yaml"));
    Files.createDirectories(dir.resolve("mappings/stripe.yaml"));
    Path file = config(CONFIG);
    assertThatThrownBy(() -> RunConfig.load(file))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            file.toAbsolutePath().normalize()
                + ": sources[1]: mapping: Cannot read mapping "
                + dir.resolve("mappings/stripe.yaml").toAbsolutePath().normalize()
                + ": it is a directory, not a file (line 14)");

    Files.delete(dir.resolve("entities.yaml"));
    Files.createDirectories(dir.resolve("entities.yaml"));
    assertThatThrownBy(() -> RunConfig.load(file))
        .hasMessage(
            file.toAbsolutePath().normalize()
                + ": entities: Cannot read entity model "
                + dir.resolve("entities.yaml").toAbsolutePath().normalize()
                + ": it is a directory, not a file (line 5)");
  }

  @Test
  void configMistakesNameThePlace() throws Exception {
    assertThatThrownBy(() -> RunConfig.load(config(CONFIG.replace("Europe/Lisbon", "Lisbon"))))
        .hasMessageEndingWith(
            "salvage.yaml: business: timezone: \"Lisbon\" is not a time-zone id (e.g. Europe/Lisbon)"
                + " (line 3)");
    assertThatThrownBy(() -> RunConfig.load(config(CONFIG.replace("name: stripe", "name: mail"))))
        .hasMessageEndingWith(
            "salvage.yaml: sources[1]: name: a source named \"mail\" already exists (line 11)");
    assertThatThrownBy(() -> RunConfig.load(config(CONFIG.replace("name: stripe", "name: backup"))))
        .hasMessageEndingWith("sources[1]: name: \"backup\" is reserved for the backup (line 11)");
    assertThatThrownBy(
            () ->
                RunConfig.load(
                    config(CONFIG.replace("    type: mbox", "    type: mbox\n    folder: INBOX"))))
        .hasMessageContaining("sources[0]: folder: unknown key");
  }

  @Test
  void aMergeOrderNamingASourceNearAConfiguredOneFailsTheLoadNamingTheLine() throws Exception {
    Files.writeString(
        dir.resolve("entities.yaml"),
        TestSupport.resource("rentwise/entities.yaml")
            .replace("[backup, mail, stripe]", "[backup, email, stripe]"));
    assertThatThrownBy(() -> RunConfig.load(config(CONFIG)))
        .isInstanceOf(MappingException.class)
        .hasMessageEndingWith(
            "entities.yaml: entity customer, merge of field full_name: order: \"email\" is not a"
                + " configured source; did you mean \"mail\"? (sources: backup, mail, stripe)"
                + " (line 12)");
  }
}
