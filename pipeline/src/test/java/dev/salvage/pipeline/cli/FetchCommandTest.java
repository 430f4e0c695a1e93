package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.connectors.CapturedStderr;
import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.connectors.calendar.FakeCalendarApi;
import dev.salvage.connectors.stripe.FakeStripeServer;
import dev.salvage.connectors.stripe.StripeFixtures;
import dev.salvage.pipeline.bundle.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code salvage fetch} of network sources configured the way a user writes them, and {@code
 * salvage run} where the two share a source's listing (refused credentials, a restarted calendar).
 */
class FetchCommandTest {
  /**
   * The backup of these fetch tests' configs, which are about other sources: one row of a table no
   * rule reads, as a backup that gives no row at all leaves the run incomplete (exit 3).
   */
  private static final String STAND_IN_BACKUP =
      "CREATE TABLE settings (id integer);\nCOPY settings (id) FROM stdin;\n1\n\\.\n";

  private static final String KEY = "rk_test_51HfetchCommandKeyForTests0123456789";
  private static final Path RENTWISE =
      Path.of("..", "mappings", "src", "test", "resources", "rentwise");
  private static final Instant TAKEN_AT = Instant.parse("2026-03-02T03:00:00Z");

  @TempDir Path dir;

  @Test
  void objectsReplayedFromPagesTheFetchBeforeStoredAreNotSaidAsFetchedNow() {
    Path directory = Path.of("fsnap/stripe");
    List<String> skipped = List.of("customers/1/2", "refunds/1/2", "payment_intents/1/2");

    assertThat(FetchCommand.inAll(219, 100, directory, skipped, 255L))
        .isEqualTo(
            "474 record(s) in fsnap/stripe: 119 fetched now, 100 replayed from what a fetch"
                + " before stored, 255 by the unfinished fetch before");
    assertThat(FetchCommand.inAll(219, 0, directory, skipped, 255L))
        .isEqualTo(
            "474 record(s) in fsnap/stripe: 219 fetched now, 255 by the unfinished fetch before");
    assertThat(FetchCommand.inAll(219, 0, directory, List.of(), 0L))
        .isEqualTo("219 record(s) in fsnap/stripe");
  }

  @Test
  void readsTheKeyFileBesideTheConfigAndStartsTheWindowAtTheBackupTimeMinusTheMargin()
      throws Exception {
    try (FakeStripeServer server = new FakeStripeServer(KEY)) {
      StripeFixtures.account(20, TAKEN_AT.getEpochSecond(), 3_600).forEach(server::serve);
      Path config = stripeConfig(server, "charges");
      StringWriter out = new StringWriter();
      CommandLine cli = new CommandLine(new SalvageCli());
      cli.setOut(new PrintWriter(out, true));

      int exit =
          cli.execute(
              "fetch",
              "--config",
              config.resolve("salvage.yaml").toString(),
              "--snapshot",
              dir.resolve("snapshot").toString());

      assertThat(exit).as(out.toString()).isZero();
      assertThat(out.toString()).containsPattern("stripe: [1-9][0-9]* record");
      // the permission probes before the list requests carry no window
      assertThat(server.requests())
          .extracting(r -> r.query().get("created[gte]"))
          .filteredOn(start -> start != null)
          .isNotEmpty()
          .containsOnly(Long.toString(TAKEN_AT.minus(Duration.ofDays(30)).getEpochSecond()));
    }
  }

  @Test
  void customersTheChargesNameCreatedBeforeTheWindowAreFetchedAndCountedInTheFetchLine()
      throws Exception {
    try (FakeStripeServer server = new FakeStripeServer(KEY)) {
      Map<String, List<ObjectNode>> account =
          StripeFixtures.account(20, TAKEN_AT.getEpochSecond(), 3_600);
      // returning customers: created long before the window the lists are read in
      account
          .get("/v1/customers")
          .forEach(c -> c.put("created", TAKEN_AT.minus(Duration.ofDays(400)).getEpochSecond()));
      account.forEach(server::serve);
      Path config = stripeConfig(server, "charges,customers");

      CliRun fetched = fetch(config, dir.resolve("snapshot"));

      assertThat(fetched.exitCode()).as(fetched.err()).isZero();
      assertThat(fetched.out())
          .contains(
              "stripe: 40 record(s)",
              "of them 20 customer(s) fetched by id, named by the objects read but created"
                  + " outside the window");
      assertThat(dir.resolve("snapshot/stripe/customers")).isDirectoryContaining("glob:**/named-*");
    }
  }

  /** A config reading {@code objects} of {@code server} with a key file beside it. */
  @Test
  void aRunSaysTheCustomersItFetchedByIdAndARerunWithAMovedWindowStillPassesThemOn()
      throws Exception {
    try (FakeStripeServer server = new FakeStripeServer(KEY)) {
      Map<String, List<ObjectNode>> account =
          StripeFixtures.account(20, TAKEN_AT.getEpochSecond(), 3_600);
      account
          .get("/v1/customers")
          .forEach(c -> c.put("created", TAKEN_AT.minus(Duration.ofDays(400)).getEpochSecond()));
      account.forEach(server::serve);
      Path config = stripeConfig(server, "charges,customers");
      String fixedWindow =
          Files.readString(config.resolve("salvage.yaml"))
              .replace(
                  "slices: 1\n",
                  "slices: 1\n      snapshot_dir: snap\n      created_to: 2026-04-01T00:00:00Z\n");
      Files.writeString(config.resolve("salvage.yaml"), fixedWindow);

      CliRun first = run(config, dir.resolve("out1"));
      CliRun again = run(config, dir.resolve("out2"));
      // created_to left to its default, now: another window than the snapshot's pages
      Files.writeString(
          config.resolve("salvage.yaml"),
          fixedWindow.replace("      created_to: 2026-04-01T00:00:00Z\n", ""));
      CliRun moved = run(config, dir.resolve("out3"));

      // fetch said these beside its record count; a run said nothing of them, so an operator
      // could not tell customers read outside the window, or a snapshot read instead of Stripe
      String fetchedById =
          "20 customer(s) fetched by id, named by the objects read but created outside the window";
      assertThat(first.exitCode()).as(first.err()).isZero();
      assertThat(first.out() + first.err()).contains("Source stripe: " + fetchedById + ".");
      assertThat(notes(dir.resolve("out1"))).containsExactly(fetchedById);
      assertThat(stripeRead(dir.resolve("out1"))).isEqualTo(40);
      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(notes(dir.resolve("out2")))
          .containsExactlyInAnyOrder(
              fetchedById, "40 record(s) replayed from what an earlier fetch stored");
      assertThat(stripeRead(dir.resolve("out2"))).isEqualTo(40);
      // the rerun's customers known were taken from the earlier window's pages, which it set
      // aside: it asked for none of the 20 and passed none on
      assertThat(moved.exitCode()).as(moved.err()).isZero();
      assertThat(stripeRead(dir.resolve("out3"))).isEqualTo(40);
      assertThat(notes(dir.resolve("out3"))).containsExactly(fetchedById);
    }
  }

  private static long stripeRead(Path out) throws IOException {
    return Json.MAPPER
        .readTree(out.resolve("summary.json").toFile())
        .path("sources")
        .path("stripe")
        .path("read")
        .asLong();
  }

  private static List<String> notes(Path out) throws IOException {
    List<String> notes = new ArrayList<>();
    Json.MAPPER
        .readTree(out.resolve("summary.json").toFile())
        .path("sources")
        .path("stripe")
        .path("notes")
        .forEach(note -> notes.add(note.asText()));
    return notes;
  }

  private Path stripeConfig(FakeStripeServer server, String objects) throws IOException {
    Path config = dir.resolve("config");
    Files.createDirectories(config.resolve("secrets"));
    Files.createDirectories(config.resolve("mappings"));
    Files.writeString(config.resolve("secrets/stripe.key"), KEY);
    Files.writeString(
        config.resolve("entities.yaml"),
        Files.readString(RENTWISE.resolve("entities.yaml"))
            .replace("order: [backup, mail, stripe]", "order: [backup, stripe]"));
    Files.copy(RENTWISE.resolve("stripe.yaml"), config.resolve("mappings/stripe.yaml"));
    Files.copy(RENTWISE.resolve("backup.yaml"), config.resolve("mappings/backup.yaml"));
    Files.writeString(config.resolve("backup.sql"), STAND_IN_BACKUP);
    Files.writeString(
        config.resolve("salvage.yaml"),
        """
        business: {name: Rentwise Cars, timezone: Europe/Lisbon, phone_region: PT}
        entities: entities.yaml
        sources:
          - name: stripe
            type: stripe-api
            mapping: mappings/stripe.yaml
            options:
              api_base: %s
              api_key_file: secrets/stripe.key
              objects: %s
              slices: 1
        backup:
          type: pgdump
          path: backup.sql
          mapping: mappings/backup.yaml
          taken_at: %s
        """
            .formatted(server.baseUrl(), objects, TAKEN_AT));
    return config;
  }

  @Test
  void aCalendarThatKeepsFailingLeavesTheOthersFetchedExitsIncompleteAndARerunFetchesOnlyIt()
      throws Exception {
    Path config = configDir(List.of("calendar.yaml"), "order: [backup, calendar]");
    try (FakeCalendarApi api = new FakeCalendarApi()) {
      List<String> calendars = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String id = "branch" + i + "@group.calendar.google.com";
        calendars.add(id);
        api.calendar(
            id,
            "Branch " + i,
            "Europe/Lisbon",
            FakeCalendarApi.parseEvents(
                """
                {"kind": "calendar#event", "id": "ev%d", "status": "confirmed",
                 "summary": "RW-00000%d · Jane Doe · AA-00-BB",
                 "start": {"dateTime": "2026-03-28T10:00:00Z"},
                 "end": {"dateTime": "2026-03-30T10:00:00Z"}, "iCalUID": "ev%d@google.com"}
                """
                    .formatted(i, i, i)));
      }
      String broken = calendars.get(1);
      api.failCalendar(broken, 500);
      Path key = api.writeServiceAccountKey(config.resolve("secrets/calendar.json"));
      writeConfig(
          config,
          """
            - name: calendar
              type: google-calendar
              mapping: mappings/calendar.yaml
              options:
                credentials_file: %s
                root_url: %s
                calendars: %s
                max_retries: 2
                backoff: 1ms
                max_backoff: 5ms
          """
              .formatted(key, api.rootUrl(), String.join(",", calendars)));
      Path snapshot = dir.resolve("snapshot");

      CliRun first = fetch(config, snapshot);

      assertThat(first.exitCode()).as(first.err()).isEqualTo(SalvageCli.EXIT_INCOMPLETE);
      assertThat(first.out()).contains("calendar: 3 record(s)", "1 of 4 partition(s) not fetched");
      for (String id : calendars) {
        assertThat(snapshot.resolve("calendar").resolve(id).resolve("events-0001.json"))
            .as(id)
            .matches(page -> Files.exists(page) != id.equals(broken));
      }
      List<String> console = first.err().strip().lines().toList();
      assertThat(String.join("\n", console))
          .contains("INCOMPLETE: 1 partition(s) of 1 source(s) were not read to their end")
          .contains("  calendar: partition " + broken + ", 0 record(s) read; not read: ")
          .contains("it fetches only what is missing");
      assertThat(console.get(console.size() - 1)).startsWith("Exit code 3 (finished, incomplete)");

      api.repair(broken);
      int requestsBefore = api.requests("/events").size();
      CliRun rerun = fetch(config, snapshot);

      assertThat(rerun.exitCode()).as(rerun.err()).isZero();
      assertThat(rerun.out())
          .contains(
              // the snapshot's records, not only those of the calendar fetched now
              "calendar: 4 record(s) in ",
              ": 1 fetched now, 3 by the unfinished fetch before (0 quarantined)",
              "3 partition(s) fetched by the unfinished fetch before, skipped");
      List<FakeCalendarApi.Request> rerunRequests =
          api.requests("/events").subList(requestsBefore, api.requests("/events").size());
      assertThat(rerunRequests).isNotEmpty().allSatisfy(r -> assertThat(r.path()).contains(broken));
      assertThat(snapshot.resolve("calendar").resolve(broken).resolve("events-0001.json")).exists();
      assertThat(snapshot.resolve(".fetch-progress-calendar.json")).doesNotExist();
    }
  }

  @Test
  void aPageTokenAnswered410IsListedAgainFromPage1OnceAndFetchesEveryEventOnce() throws Exception {
    Path config = configDir(List.of("calendar.yaml"), "order: [backup, calendar]");
    String id = "branch@group.calendar.google.com";
    try (FakeCalendarApi api = new FakeCalendarApi()) {
      List<String> events = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        events.add(
            """
            {"kind": "calendar#event", "id": "ev%d", "status": "confirmed",
             "summary": "RW-00000%d · Jane Doe · AA-00-BB",
             "start": {"dateTime": "2026-03-28T10:00:00Z"},
             "end": {"dateTime": "2026-03-30T10:00:00Z"}, "iCalUID": "ev%d@google.com"}
            """
                .formatted(i, i, i));
      }
      api.calendar(
              id,
              "Branch",
              "Europe/Lisbon",
              FakeCalendarApi.parseEvents(events.toArray(String[]::new)))
          .pageSize(2);
      Path key = api.writeServiceAccountKey(config.resolve("secrets/calendar.json"));
      writeConfig(
          config,
          """
            - name: calendar
              type: google-calendar
              mapping: mappings/calendar.yaml
              options:
                credentials_file: %s
                root_url: %s
                calendars: %s
                max_retries: 2
                backoff: 1ms
                max_backoff: 5ms
          """
              .formatted(key, api.rootUrl(), id));

      api.failNextPages(410);
      CliRun[] restarted = new CliRun[1];
      // the connector says it on the process's stderr, as it says its retries
      String stderr = CapturedStderr.of(() -> restarted[0] = fetch(config, dir.resolve("once")));

      assertThat(restarted[0].exitCode()).as(restarted[0].err()).isZero();
      assertThat(restarted[0].out()).contains("calendar: 5 record(s)", "(0 quarantined)");
      assertThat(stderr)
          .contains("calendar " + id + ": Google Calendar API answered 410")
          .contains("listing the calendar again from page 1 (once)");
      CollectingSink fromSnapshot =
          CollectingSink.readAll(
              SourceReaders.open(
                  "calendar", "calendar-json", dir.resolve("once/calendar"), Map.of()));
      assertThat(fromSnapshot.quarantined).isEmpty();
      assertThat(fromSnapshot.refs())
          .containsExactlyInAnyOrder(
              "calendar:" + id + "/ev0",
              "calendar:" + id + "/ev1",
              "calendar:" + id + "/ev2",
              "calendar:" + id + "/ev3",
              "calendar:" + id + "/ev4");

      api.failNextPages(410, 410);
      CliRun twice = fetch(config, dir.resolve("twice"));

      assertThat(twice.exitCode()).as(twice.err()).isEqualTo(SalvageCli.EXIT_INCOMPLETE);
      assertThat(twice.err())
          .contains("  calendar: partition " + id + ", 2 record(s) read; not read: ")
          .contains("of its listing restarted after HTTP 410");
    }
  }

  /**
   * The same restart in a run, through the pipeline: every event counted read once, the accounting
   * exact, exit 0; a second 410 leaves the calendar not read with what the first listing passed on.
   */
  @Test
  void aRunWhoseCalendarIsAnswered410ReadsEveryEventOnceAndASecond410IsIncomplete()
      throws Exception {
    Path config = configDir(List.of("calendar.yaml"), "order: [backup, calendar]");
    String id = "branch@group.calendar.google.com";
    try (FakeCalendarApi api = new FakeCalendarApi()) {
      List<String> events = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        events.add(
            """
            {"kind": "calendar#event", "id": "ev%d", "status": "confirmed",
             "updated": "2026-03-20T10:00:00.000Z",
             "summary": "RW-00000%d · Jane Doe · AA-00-BB",
             "start": {"dateTime": "2026-03-28T10:00:00Z"},
             "end": {"dateTime": "2026-03-30T10:00:00Z"}, "iCalUID": "ev%d@google.com"}
            """
                .formatted(i, i, i));
      }
      api.calendar(
              id,
              "Branch",
              "Europe/Lisbon",
              FakeCalendarApi.parseEvents(events.toArray(String[]::new)))
          .pageSize(2);
      Path key = api.writeServiceAccountKey(config.resolve("secrets/calendar.json"));
      writeConfig(config, calendarSource(api, key));

      api.failNextPages(410);
      CliRun once = run(config, dir.resolve("once"));

      assertThat(once.exitCode()).as(once.err()).isZero();
      JsonNode counts =
          Json.MAPPER
              .readTree(dir.resolve("once/summary.json").toFile())
              .path("sources")
              .path("calendar");
      assertThat(counts.path("read").asLong()).isEqualTo(5);
      assertThat(
              counts.path("used").asLong()
                  + counts.path("ignored").asLong()
                  + counts.path("quarantined").asLong())
          .isEqualTo(5);
      assertThat(counts.path("quarantined").asLong()).isZero();

      api.failNextPages(410, 410);
      CliRun twice = run(config, dir.resolve("twice"));

      assertThat(twice.exitCode()).as(twice.err()).isEqualTo(SalvageCli.EXIT_INCOMPLETE);
      JsonNode summary = Json.MAPPER.readTree(dir.resolve("twice/summary.json").toFile());
      assertThat(summary.path("sources").path("calendar").path("read").asLong()).isEqualTo(2);
      JsonNode notRead = summary.path("not_read").path("calendar").get(0);
      assertThat(notRead.path("partition").asText()).isEqualTo(id);
      assertThat(notRead.path("records_read").asLong()).isEqualTo(2);
      assertThat(notRead.path("not_read").asText())
          .contains("of its listing restarted after HTTP 410");
    }
  }

  /**
   * A fetch that could not fetch a Stripe list leaves a snapshot without its pages: a run reading
   * the snapshot as stripe-json took it for complete (exit 0, charges never mentioned) until the
   * fetch's manifest named the slices it lacks.
   */
  @Test
  void aStripeSliceTheFetchDidNotFetchIsReportedNotReadByARunOfTheSnapshotUntilFetched()
      throws Exception {
    Path config = configDir(List.of("stripe.yaml"), "order: [backup, stripe]");
    Files.writeString(config.resolve("secrets/stripe.key"), KEY);
    try (FakeStripeServer server = new FakeStripeServer(KEY)) {
      StripeFixtures.account(6, TAKEN_AT.getEpochSecond(), 3_600).forEach(server::serve);
      server.failList("/v1/charges", 500);
      writeConfig(
          config,
          """
            - name: stripe
              type: stripe-api
              mapping: mappings/stripe.yaml
              options:
                api_base: %s
                api_key_file: secrets/stripe.key
                objects: charges,refunds
                slices: 1
                max_retries: 1
                backoff_initial: 1ms
          """
              .formatted(server.baseUrl()));
      Path snapshot = dir.resolve("snapshot");
      Path snapshotConfig = config.resolve("snapshot.yaml");

      CliRun fetch = fetch(config, snapshot);

      assertThat(fetch.exitCode()).as(fetch.err()).isEqualTo(SalvageCli.EXIT_INCOMPLETE);
      assertThat(fetch.out())
          .contains("The snapshot lacks the partitions listed below")
          .contains("reports them as not read (exit 3)");
      assertThat(fetch.err())
          .contains("salvage run over the snapshot reports these partitions as not read")
          .doesNotContain("(finished, incomplete); --allow-incomplete accepts");
      Files.writeString(
          snapshotConfig,
          Files.readString(config.resolve("salvage.yaml"))
              .replaceAll(
                  "(?s)  - name: stripe.*?(?=backup:)",
                  """
                    - name: stripe
                      type: stripe-json
                      path: %s
                      mapping: mappings/stripe.yaml
                  """
                      .formatted(snapshot.resolve("stripe"))));

      CliRun incomplete = runOf(snapshotConfig, dir.resolve("incomplete"));

      assertThat(incomplete.exitCode()).as(incomplete.err()).isEqualTo(SalvageCli.EXIT_INCOMPLETE);
      JsonNode notRead =
          Json.MAPPER
              .readTree(dir.resolve("incomplete/summary.json").toFile())
              .path("not_read")
              .path("stripe");
      assertThat(notRead).hasSize(1);
      assertThat(notRead.get(0).path("partition").asText())
          .startsWith("charges created ")
          .doesNotContain("refunds");
      assertThat(notRead.get(0).path("last_error").asText()).contains("run salvage fetch");
      assertThat(incomplete.err())
          .contains("Source stripe: 1 partition(s) listed by the fetch into")
          .contains("  stripe: partition charges created ")
          // the charges were not read, not missed by the rules
          .doesNotContain("matched none");

      server.failList("/v1/charges", 0);
      CliRun refetch = fetch(config, snapshot);
      CliRun complete = runOf(snapshotConfig, dir.resolve("complete"));

      assertThat(refetch.exitCode()).as(refetch.err()).isZero();
      assertThat(refetch.out()).doesNotContain("The snapshot lacks");
      assertThat(complete.exitCode()).as(complete.err()).isZero();
      assertThat(complete.err()).doesNotContain("not fetched");
      assertThat(
              Json.MAPPER
                  .readTree(dir.resolve("complete/summary.json").toFile())
                  .path("not_read")
                  .isEmpty())
          .isTrue();
    }
  }

  /**
   * A fetch killed while on its first source had left no directory for the second, and a run of the
   * snapshot called that path a configuration error: every source's manifest is written before the
   * first is fetched, so the snapshot says what it lacks from the start.
   */
  @Test
  void everySourcesManifestIsInTheSnapshotBeforeTheFirstSourceIsFetched() throws Exception {
    Path config = configDir(List.of("stripe.yaml"), "order: [backup, first, second]");
    Files.writeString(config.resolve("secrets/stripe.key"), KEY);
    try (FakeStripeServer server = new FakeStripeServer(KEY)) {
      StripeFixtures.account(6, TAKEN_AT.getEpochSecond(), 3_600).forEach(server::serve);
      String source =
          """
            - name: %s
              type: stripe-api
              mapping: mappings/stripe.yaml
              options:
                api_base: %s
                api_key_file: secrets/stripe.key
                objects: %s
                slices: 1
          """;
      writeConfig(
          config,
          source.formatted("first", server.baseUrl(), "charges")
              + source.formatted("second", server.baseUrl(), "refunds"));
      Path snapshot = dir.resolve("snapshot");
      Path second = snapshot.resolve("second/.salvage-fetch.json");
      Path first = snapshot.resolve("first/.salvage-fetch.json");
      server.latency(400);

      Thread fetching = new Thread(() -> fetch(config, snapshot));
      fetching.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!Files.exists(second) && fetching.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      String firstWhenSecondAppeared = Files.exists(first) ? Files.readString(first) : "";
      fetching.join(Duration.ofSeconds(120).toMillis());

      assertThat(firstWhenSecondAppeared)
          .as("the second source's manifest was written while the first was still to fetch")
          .contains("\"complete\" : false");
      assertThat(
              Json.MAPPER
                  .readTree(second.toFile())
                  .path("partitions")
                  .get(0)
                  .path("complete")
                  .asBoolean())
          .as("fetched to its end afterwards")
          .isTrue();
    }
  }

  /**
   * A calendar whose folder a fetch marked is reported by calendar-json itself, once; one whose
   * folder was never made (a fetch killed before it) only the manifest knows of.
   */
  @Test
  void aCalendarTheFetchDidNotFinishIsReportedNotReadOnceWithOrWithoutItsFolder() throws Exception {
    Path config = configDir(List.of("calendar.yaml"), "order: [backup, calendar]");
    try (FakeCalendarApi api = new FakeCalendarApi()) {
      List<String> calendars = List.of("tech-rosa", "tech-joao");
      for (String id : calendars) {
        api.calendar(
            id,
            id,
            "Europe/Lisbon",
            FakeCalendarApi.parseEvents(
                """
                {"kind": "calendar#event", "id": "ev-%s", "status": "confirmed",
                 "summary": "RW-000001 · Jane Doe · AA-00-BB",
                 "start": {"dateTime": "2026-03-28T10:00:00Z"},
                 "end": {"dateTime": "2026-03-30T10:00:00Z"}, "iCalUID": "ev-%s@google.com"}
                """
                    .formatted(id, id)));
      }
      api.failCalendar("tech-rosa", 500);
      Path key = api.writeServiceAccountKey(config.resolve("secrets/calendar.json"));
      writeConfig(
          config,
          """
            - name: calendar
              type: google-calendar
              mapping: mappings/calendar.yaml
              options:
                credentials_file: %s
                root_url: %s
                calendars: tech-rosa,tech-joao
                max_retries: 1
                backoff: 1ms
                max_backoff: 5ms
          """
              .formatted(key, api.rootUrl()));
      Path snapshot = dir.resolve("snapshot");
      Path snapshotConfig = config.resolve("snapshot.yaml");

      CliRun fetch = fetch(config, snapshot);
      assertThat(fetch.exitCode()).as(fetch.err()).isEqualTo(SalvageCli.EXIT_INCOMPLETE);
      Files.writeString(
          snapshotConfig,
          Files.readString(config.resolve("salvage.yaml"))
              .replaceAll(
                  "(?s)  - name: calendar.*?(?=backup:)",
                  """
                    - name: calendar
                      type: calendar-json
                      path: %s
                      mapping: mappings/calendar.yaml
                  """
                      .formatted(snapshot.resolve("calendar"))));

      CliRun marked = runOf(snapshotConfig, dir.resolve("marked"));

      assertThat(marked.exitCode()).as(marked.err()).isEqualTo(SalvageCli.EXIT_INCOMPLETE);
      assertThat(notReadOf(dir.resolve("marked"), "calendar"))
          .singleElement()
          .satisfies(partition -> assertThat(partition).contains("tech-rosa"));

      // as a fetch killed before it came to the calendar leaves it
      deleteTree(snapshot.resolve("calendar/tech-rosa"));
      CliRun unmarked = runOf(snapshotConfig, dir.resolve("unmarked"));

      assertThat(unmarked.exitCode()).as(unmarked.err()).isEqualTo(SalvageCli.EXIT_INCOMPLETE);
      assertThat(notReadOf(dir.resolve("unmarked"), "calendar"))
          .containsExactly("calendar tech-rosa");

      api.repair("tech-rosa");
      assertThat(fetch(config, snapshot).exitCode()).isZero();
      CliRun complete = runOf(snapshotConfig, dir.resolve("complete"));

      assertThat(complete.exitCode()).as(complete.err()).isZero();
      assertThat(notReadOf(dir.resolve("complete"), "calendar")).isEmpty();
    }
  }

  /**
   * A fetch killed before it came to a source leaves only that source's manifest: a run of the
   * snapshot called the directory "nothing to read" (exit 2) and read none of the other sources.
   */
  @Test
  void aSnapshotSourceHoldingOnlyAManifestOfUnfinishedPartitionsIsNotReadAndTheOthersAre()
      throws Exception {
    Path config =
        configDir(List.of("stripe.yaml", "calendar.yaml"), "order: [backup, stripe, calendar]");
    Files.writeString(config.resolve("secrets/stripe.key"), KEY);
    try (FakeStripeServer server = new FakeStripeServer(KEY);
        FakeCalendarApi api = new FakeCalendarApi()) {
      StripeFixtures.account(6, TAKEN_AT.getEpochSecond(), 3_600).forEach(server::serve);
      api.calendar("tech-rosa", "tech-rosa", "Europe/Lisbon", List.of());
      Path key = api.writeServiceAccountKey(config.resolve("secrets/calendar.json"));
      writeConfig(
          config,
          stripeSource(server)
              + calendarSource(api, key).replace("branch@group.calendar.google.com", "tech-rosa"));
      Path snapshot = dir.resolve("snapshot");
      assertThat(fetch(config, snapshot).exitCode()).isZero();
      // as a fetch killed before it came to the calendar leaves it
      Path calendar = snapshot.resolve("calendar");
      FetchManifest fetched =
          Json.MAPPER.readValue(calendar.resolve(FetchManifest.FILE).toFile(), FetchManifest.class);
      deleteTree(calendar);
      new FetchManifest(
              fetched.source(),
              fetched.type(),
              fetched.written(),
              fetched.partitions().stream()
                  .map(
                      entry ->
                          new FetchManifest.Entry(
                              entry.partition(), entry.description(), entry.mark(), false, null))
                  .toList())
          .write(calendar);
      Path snapshotConfig = config.resolve("snapshot.yaml");
      writeConfig(
          config,
          """
            - name: stripe
              type: stripe-json
              path: %s
              mapping: mappings/stripe.yaml
            - name: calendar
              type: calendar-json
              path: %s
              mapping: mappings/calendar.yaml
          """
              .formatted(snapshot.resolve("stripe"), calendar));
      Files.move(config.resolve("salvage.yaml"), snapshotConfig);

      CliRun killed = runOf(snapshotConfig, dir.resolve("killed"));

      assertThat(killed.exitCode()).as(killed.err()).isEqualTo(SalvageCli.EXIT_INCOMPLETE);
      assertThat(killed.err())
          .contains("Source calendar: 1 partition(s) listed by the fetch into")
          .contains("(the snapshot holds nothing else of the source)")
          .doesNotContain("nothing to read");
      assertThat(notReadOf(dir.resolve("killed"), "calendar"))
          .containsExactly("calendar tech-rosa");
      assertThat(
              Json.MAPPER
                  .readTree(dir.resolve("killed/summary.json").toFile())
                  .path("sources")
                  .path("stripe")
                  .path("read")
                  .asLong())
          .isPositive();

      Files.delete(calendar.resolve(FetchManifest.FILE));
      CliRun noManifest = runOf(snapshotConfig, dir.resolve("no-manifest"));

      assertThat(noManifest.exitCode()).as(noManifest.err()).isEqualTo(SalvageCli.EXIT_USAGE);
      assertThat(noManifest.err()).contains("Source calendar: nothing to read under " + calendar);
    }
  }

  /**
   * Every run of a snapshot named the fetch's own files as the user's: two Stripe answers with no
   * customer to fetch by id as "a copy kept twice?", the IMAP resume state as hidden files not
   * read.
   */
  @Test
  void aRunOfASnapshotNamesNoneOfTheFetchsOwnFilesAsCopiesOrHiddenFiles() throws Exception {
    Path config = configDir(List.of("stripe.yaml", "mail.yaml"), "order: [backup, mail, stripe]");
    Path snapshot = dir.resolve("snapshot");
    Path customers = snapshot.resolve("stripe/customers");
    Files.createDirectories(customers);
    String noneNamed =
        "{\"object\":\"list\",\"data\":[],\"has_more\":false,\"url\":\"/v1/customers\","
            + "\"salvage_gone\":[]}";
    Files.writeString(
        customers.resolve("named-by-payment_intents-1769472000-1776844800.json"), noneNamed);
    Files.writeString(
        customers.resolve("named-by-payment_intents-1776844800-1782864000.json"), noneNamed);
    Path inbox = snapshot.resolve("mail/INBOX");
    Files.createDirectories(inbox);
    Files.writeString(
        inbox.resolve("1.eml"),
        "Message-ID: <m1@rentwise.example>\nFrom: a@mail.example\nSubject: Hello\n"
            + "Date: Tue, 10 Mar 2026 09:30:00 +0000\n\nHi\n");
    Files.writeString(snapshot.resolve("mail/.imap-state.json"), "{\"folders\": {}}");
    Files.writeString(snapshot.resolve("mail/..imap-state.json.lock"), "");
    for (String source : List.of("stripe", "mail")) {
      new FetchManifest(source, "imap", TAKEN_AT.toString(), List.of())
          .write(snapshot.resolve(source));
    }
    writeConfig(
        config,
        """
          - name: stripe
            type: stripe-json
            path: %s
            mapping: mappings/stripe.yaml
          - name: mail
            type: eml
            path: %s
            mapping: mappings/mail.yaml
        """
            .formatted(snapshot.resolve("stripe"), snapshot.resolve("mail")));

    CliRun run = run(config, dir.resolve("out"));

    assertThat(run.out()).as(run.err()).contains("Wrote");
    assertThat(run.err()).doesNotContain("hold the same", "hidden file");
  }

  @Test
  void pagesSalvageSetAsideAreCountedOnceNotNamedAmongTheHiddenFilesNotRead() throws Exception {
    Path config = configDir(List.of("stripe.yaml", "mail.yaml"), "order: [backup, mail, stripe]");
    Path snapshot = dir.resolve("snapshot");
    Path customers = snapshot.resolve("stripe/customers");
    Files.createDirectories(customers);
    String empty = "{\"object\":\"list\",\"data\":[],\"has_more\":false,\"url\":\"/v1/customers\"}";
    Files.writeString(customers.resolve("page-1769472000-1776844800-0001.json"), empty);
    // what a read again of the slice left: Salvage's own, not the user's
    Files.writeString(
        customers.resolve(".superseded-1796538312634-page-1769472000-1776844800-0001.json"), empty);
    Files.writeString(
        customers.resolve(".superseded-1796538312634-page-1769472000-1776844800-0002.json"), empty);
    // the user's own hidden file is still named
    Files.writeString(customers.resolve(".notes.txt"), "mine");
    Path inbox = snapshot.resolve("mail/INBOX");
    Files.createDirectories(inbox);
    Files.writeString(
        inbox.resolve("1.eml"),
        "Message-ID: <m1@rentwise.example>\nFrom: a@mail.example\nSubject: Hello\n"
            + "Date: Tue, 10 Mar 2026 09:30:00 +0000\n\nHi\n");
    for (String source : List.of("stripe", "mail")) {
      new FetchManifest(source, "imap", TAKEN_AT.toString(), List.of())
          .write(snapshot.resolve(source));
    }
    writeConfig(
        config,
        """
          - name: stripe
            type: stripe-json
            path: %s
            mapping: mappings/stripe.yaml
          - name: mail
            type: eml
            path: %s
            mapping: mappings/mail.yaml
        """
            .formatted(snapshot.resolve("stripe"), snapshot.resolve("mail")));

    CliRun run = run(config, dir.resolve("out"));

    assertThat(run.out()).as(run.err()).contains("Wrote");
    assertThat(run.err())
        .contains("Source stripe: 1 hidden file(s) not read")
        .contains(".notes.txt")
        .doesNotContain(".superseded-1796538312634")
        .contains("Source stripe: 2 file(s) Salvage set aside");
  }

  private static List<String> notReadOf(Path out, String source) throws IOException {
    List<String> partitions = new ArrayList<>();
    Json.MAPPER
        .readTree(out.resolve("summary.json").toFile())
        .path("not_read")
        .path(source)
        .forEach(entry -> partitions.add(entry.path("partition").asText()));
    return partitions;
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static CliRun runOf(Path config, Path out) {
    return CliRun.of(
        "run", "--config", config.toString(), "--out", out.toString(), "--parallelism", "1");
  }

  private static CliRun run(Path config, Path out) {
    return CliRun.of(
        "run",
        "--config",
        config.resolve("salvage.yaml").toString(),
        "--out",
        out.toString(),
        "--parallelism",
        "1");
  }

  @Test
  void aSecondFetchReadsACalendarFetchedToItsEndFromTheSnapshotNotFromGoogle() throws Exception {
    Path config = configDir(List.of("calendar.yaml"), "order: [backup, calendar]");
    String id = "branch@group.calendar.google.com";
    try (FakeCalendarApi api = new FakeCalendarApi()) {
      api.calendar(
          id,
          "Branch",
          "Europe/Lisbon",
          FakeCalendarApi.parseEvents(
              """
              {"kind": "calendar#event", "id": "ev1", "status": "confirmed",
               "summary": "RW-000001 · Jane Doe · AA-00-BB",
               "start": {"dateTime": "2026-03-28T10:00:00Z"},
               "end": {"dateTime": "2026-03-30T10:00:00Z"}, "iCalUID": "ev1@google.com"}
              """));
      Path key = api.writeServiceAccountKey(config.resolve("secrets/calendar.json"));
      writeConfig(config, calendarSource(api, key));
      Path snapshot = dir.resolve("snapshot");
      CliRun first = fetch(config, snapshot);
      assertThat(first.exitCode()).as(first.err()).isZero();
      int requests = api.requests("/events").size();

      CliRun[] second = new CliRun[1];
      String stderr = CapturedStderr.of(() -> second[0] = fetch(config, snapshot));

      assertThat(second[0].exitCode()).as(second[0].err()).isZero();
      assertThat(second[0].out()).contains("calendar: 1 record(s)");
      assertThat(api.requests("/events")).hasSize(requests);
      assertThat(stderr)
          .contains(
              "calendar " + id + " read from its snapshot " + snapshot.resolve("calendar/" + id));
    }
  }

  @Test
  void fetchAcceptsAllowSecretKeyAsRunDoes() throws Exception {
    String liveKey = "sk_live_51HfetchCommandLiveKeyForTests012345";
    Path config = configDir(List.of("stripe.yaml"), "order: [backup, stripe]");
    Files.writeString(config.resolve("secrets/stripe.key"), liveKey);
    try (FakeStripeServer server = new FakeStripeServer(liveKey)) {
      StripeFixtures.account(5, TAKEN_AT.getEpochSecond(), 3_600).forEach(server::serve);
      writeConfig(config, stripeSource(server));

      CliRun refused = fetch(config, dir.resolve("snapshot"));
      CliRun allowed = fetch(config, dir.resolve("snapshot"), "--allow-secret-key");

      assertThat(refused.exitCode()).as(refused.err()).isEqualTo(SalvageCli.EXIT_USAGE);
      assertThat(refused.err()).contains("live secret key", "--allow-secret-key");
      assertThat(allowed.exitCode()).as(allowed.err()).isZero();
      assertThat(allowed.out()).containsPattern("stripe: [1-9][0-9]* record");
      assertThat(allowed.out() + allowed.err()).doesNotContain(liveKey);
    }
  }

  /**
   * A restricted key made without one list's permission reads the others: the refused list is not
   * read (exit 3), naming the permission and what to do. Until 2026-12-06 the whole source stopped
   * with exit 2 and nothing was fetched, charges the key may read included.
   */
  @Test
  void aPermissionTheKeyLacksForOneListLeavesThatListNotFetchedAndFetchesTheOthers()
      throws Exception {
    Path config = configDir(List.of("stripe.yaml"), "order: [backup, stripe]");
    Files.writeString(config.resolve("secrets/stripe.key"), KEY);
    try (FakeStripeServer server = new FakeStripeServer(KEY)) {
      StripeFixtures.account(5, TAKEN_AT.getEpochSecond(), 3_600).forEach(server::serve);
      server.forbid("/v1/refunds", "rak_refund_read");
      writeConfig(
          config, stripeSource(server).replace("objects: charges", "objects: charges,refunds"));

      CliRun fetch = fetch(config, dir.resolve("snapshot"));

      assertThat(fetch.exitCode()).as(fetch.err()).isEqualTo(SalvageCli.EXIT_INCOMPLETE);
      assertThat(fetch.err())
          .contains(
              "partition refunds/",
              "not read: refunds created",
              "HTTP 403, the key lacks the permission rak_refund_read",
              "Use a key with rak_refund_read, or leave refunds out of the source's objects")
          .doesNotContain("Invalid configuration")
          .doesNotContain(KEY);
      assertThat(fetch.out()).containsPattern("stripe: [1-9][0-9]* record");
      try (var pages = Files.list(dir.resolve("snapshot/stripe/charges"))) {
        assertThat(pages.toList()).isNotEmpty();
      }
      assertThat(dir.resolve("snapshot/stripe/refunds")).doesNotExist();
    }
  }

  /**
   * After a 403 the closing advice is the refusal's: a rerun with the same key meets the same 403.
   * Until 2026-12-06 it said to rerun the same fetch, which fetches only what is missing.
   */
  @Test
  void theClosingAdviceAfterAListStripeRefusedNamesThePermissionNotARerunOfTheSameFetch()
      throws Exception {
    Path config = configDir(List.of("stripe.yaml"), "order: [backup, stripe]");
    Files.writeString(config.resolve("secrets/stripe.key"), KEY);
    try (FakeStripeServer server = new FakeStripeServer(KEY)) {
      StripeFixtures.account(5, TAKEN_AT.getEpochSecond(), 3_600).forEach(server::serve);
      server.forbid("/v1/refunds", "rak_refund_read");
      writeConfig(
          config, stripeSource(server).replace("objects: charges", "objects: charges,refunds"));
      Path snapshot = dir.resolve("snapshot");

      CliRun fetch = fetch(config, snapshot);

      assertThat(fetch.exitCode()).as(fetch.err()).isEqualTo(SalvageCli.EXIT_INCOMPLETE);
      List<String> console = fetch.err().strip().lines().toList();
      assertThat(console.get(console.size() - 2))
          .isEqualTo(
              "A rerun with the same key meets the same refusal: use a key with rak_refund_read,"
                  + " or leave refunds out of the source's objects; then a fetch into "
                  + snapshot
                  + " fetches only what is missing.");
      assertThat(fetch.err()).doesNotContain("Rerun the same fetch");
    }
  }

  /**
   * A run reading Stripe directly closes with the same advice as fetch after a 403 on one list.
   * Until 2026-12-06 it told the operator to rerun when the server answers, which the same key
   * answers with the same 403.
   */
  @Test
  void aRunReadingStripeDirectlyClosesWithTheRefusalsAdviceNotARerunAfterA403() throws Exception {
    try (FakeStripeServer server = new FakeStripeServer(KEY)) {
      StripeFixtures.account(5, TAKEN_AT.getEpochSecond(), 3_600).forEach(server::serve);
      server.forbid("/v1/refunds", "rak_refund_read");
      Path config = stripeConfig(server, "charges,refunds");

      CliRun run = run(config, dir.resolve("out"));

      assertThat(run.exitCode()).as(run.err()).isEqualTo(SalvageCli.EXIT_INCOMPLETE);
      List<String> console = run.err().strip().lines().toList();
      assertThat(console.get(console.size() - 2))
          .isEqualTo(
              "summary.json lists them under not_read. A rerun with the same key meets the same"
                  + " refusal: use a key with rak_refund_read, or leave refunds out of the"
                  + " source's objects; then run again.");
      assertThat(run.err()).doesNotContain("for a server that did not answer, rerun");
      JsonNode refunds =
          Json.MAPPER
              .readTree(dir.resolve("out/summary.json").toFile())
              .path("not_read")
              .path("stripe")
              .get(0);
      assertThat(refunds.path("rerun").asText()).contains("use a key with rak_refund_read");
    }
  }

  /** A key that may list none of the source's lists leaves nothing to read: configuration. */
  @Test
  void aKeyLackingThePermissionOfEveryListIsAConfigurationErrorAndNothingIsFetched()
      throws Exception {
    Path config = configDir(List.of("stripe.yaml"), "order: [backup, stripe]");
    Files.writeString(config.resolve("secrets/stripe.key"), KEY);
    try (FakeStripeServer server = new FakeStripeServer(KEY)) {
      StripeFixtures.account(5, TAKEN_AT.getEpochSecond(), 3_600).forEach(server::serve);
      server.forbid("/v1/charges", "rak_charge_read").forbid("/v1/refunds", "rak_refund_read");
      writeConfig(
          config, stripeSource(server).replace("objects: charges", "objects: charges,refunds"));

      CliRun fetch = fetch(config, dir.resolve("snapshot"));

      assertThat(fetch.exitCode()).as(fetch.err()).isEqualTo(SalvageCli.EXIT_USAGE);
      assertThat(fetch.err())
          .contains(
              "Invalid configuration: Source stripe: the key may list none of the source's lists"
                  + " (charges, refunds)",
              "HTTP 403",
              "Nothing was read.")
          .doesNotContain(KEY);
      assertThat(fetch.out()).doesNotContain("record(s)");
      assertThat(dir.resolve("snapshot/stripe/charges")).doesNotExist();
    }
  }

  @Test
  void aPermissionCheckThatCannotCompleteSaysNothingWasReadClaimsNoObjectsAndExitsIncomplete()
      throws Exception {
    Path config = configDir(List.of("stripe.yaml"), "order: [backup, stripe]");
    Files.writeString(config.resolve("secrets/stripe.key"), KEY);
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    writeConfig(
        config,
        """
          - name: stripe
            type: stripe-api
            mapping: mappings/stripe.yaml
            options:
              api_base: http://127.0.0.1:%d
              api_key_file: secrets/stripe.key
              objects: charges
              slices: 1
              max_retries: 1
              backoff_initial: 1ms
        """
            .formatted(closedPort));

    CliRun fetch = fetch(config, dir.resolve("snapshot"));

    assertThat(fetch.exitCode()).as(fetch.err()).isEqualTo(SalvageCli.EXIT_INCOMPLETE);
    assertThat(fetch.err())
        .contains(
            "Cannot fetch source stripe: Stripe did not answer the check that the key may list charges")
        .contains("Nothing was read.")
        .contains("not read: the whole source: its partitions could not be listed");
    assertThat(fetch.out()).doesNotContain("stripe: ").doesNotContain("record(s)");
  }

  /**
   * A key Stripe refuses (401) is a configuration error in fetch and in run, as a refused IMAP
   * login is; fetch lists every source before fetching any, so the calendar before it in the config
   * is not fetched either.
   */
  @Test
  void aStripeKeyRefusedIsAConfigurationErrorInFetchAndRunAndNothingIsFetched() throws Exception {
    Path config = configDir(List.of("stripe.yaml", "calendar.yaml"), "order: [backup, stripe]");
    String refusedKey = "rk_test_51HrefusedKeyStripeDoesNotKnow0123456789";
    Files.writeString(config.resolve("secrets/stripe.key"), refusedKey);
    try (FakeStripeServer server = new FakeStripeServer(KEY);
        FakeCalendarApi api = new FakeCalendarApi()) {
      StripeFixtures.account(5, TAKEN_AT.getEpochSecond(), 3_600).forEach(server::serve);
      api.calendar("branch@group.calendar.google.com", "Branch", "Europe/Lisbon", List.of());
      Path key = api.writeServiceAccountKey(config.resolve("secrets/calendar.json"));
      writeConfig(config, calendarSource(api, key) + stripeSource(server));

      for (CliRun refused : fetchAndRun(config)) {
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(SalvageCli.EXIT_USAGE);
        assertThat(refused.err())
            .contains(
                "Invalid configuration: Source stripe: Stripe refused the credentials (GET"
                    + " /v1/charges, HTTP 401",
                "api_key_env or api_key_file",
                "Nothing was read.")
            .doesNotContain(refusedKey)
            .doesNotContain("refusedKeyStripe");
        assertThat(refused.out()).doesNotContain(refusedKey);
      }
      assertThat(dir.resolve("snapshot/calendar")).doesNotExist();
      // the calendar's credentials check asked for one event; no page was read
      assertThat(api.requests("/events"))
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.query()).containsEntry("maxResults", "1"));
    }
  }

  @Test
  void aCalendarKeyGoogleRefusesIsAConfigurationErrorInFetchAndRun() throws Exception {
    Path config = configDir(List.of("calendar.yaml"), "order: [backup, calendar]");
    try (FakeCalendarApi api = new FakeCalendarApi()) {
      api.calendar("branch@group.calendar.google.com", "Branch", "Europe/Lisbon", List.of());
      Path key = api.writeServiceAccountKey(config.resolve("secrets/calendar.json"));
      // a key of a service account that no longer exists: Google's token endpoint refuses it
      Files.writeString(
          key,
          Files.readString(key)
              .replace("salvage-reader@test-project", "deleted-reader@test-project"));
      writeConfig(config, calendarSource(api, key));

      for (CliRun refused : fetchAndRun(config)) {
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(SalvageCli.EXIT_USAGE);
        assertThat(refused.err())
            .contains(
                "Invalid configuration: Source calendar: Google refused the credentials of the"
                    + " service-account key "
                    + key,
                "400 invalid_grant",
                "Nothing was read.")
            .doesNotContain("PRIVATE KEY");
      }
      assertThat(api.requests("/events")).isEmpty();
      assertThat(dir.resolve("snapshot/calendar")).doesNotExist();
    }
  }

  @Test
  void anEventsRequestAnswered401IsAConfigurationErrorInFetchAndRun() throws Exception {
    Path config = configDir(List.of("calendar.yaml"), "order: [backup, calendar]");
    try (FakeCalendarApi api = new FakeCalendarApi()) {
      api.calendar("branch@group.calendar.google.com", "Branch", "Europe/Lisbon", List.of());
      // the token endpoint grants tokens that the events API refuses, also after a refresh
      api.failCalendar("branch@group.calendar.google.com", 401);
      Path key = api.writeServiceAccountKey(config.resolve("secrets/calendar.json"));
      writeConfig(config, calendarSource(api, key));

      for (CliRun refused : fetchAndRun(config)) {
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(SalvageCli.EXIT_USAGE);
        assertThat(refused.err())
            .contains(
                "Invalid configuration: Source calendar: Google refused the credentials of the"
                    + " service-account key "
                    + key,
                "answered 401",
                "although the token endpoint granted a token",
                "Nothing was read.")
            .doesNotContain("PRIVATE KEY")
            .doesNotContain("ya29.")
            .doesNotContain("not read");
      }
      assertThat(dir.resolve("snapshot/calendar")).doesNotExist();
    }
  }

  private static String calendarSource(FakeCalendarApi api, Path key) {
    return """
          - name: calendar
            type: google-calendar
            mapping: mappings/calendar.yaml
            options:
              credentials_file: %s
              root_url: %s
              calendars: branch@group.calendar.google.com
              max_retries: 1
              backoff: 1ms
              max_backoff: 5ms
        """
        .formatted(key, api.rootUrl());
  }

  private Path configDir(List<String> mappings, String order) throws IOException {
    Path config = dir.resolve("config");
    Files.createDirectories(config.resolve("secrets"));
    Files.createDirectories(config.resolve("mappings"));
    Files.writeString(
        config.resolve("entities.yaml"),
        Files.readString(RENTWISE.resolve("entities.yaml"))
            .replace("order: [backup, mail, stripe]", order));
    for (String mapping : mappings) {
      Files.copy(RENTWISE.resolve(mapping), config.resolve("mappings").resolve(mapping));
    }
    Files.copy(RENTWISE.resolve("backup.yaml"), config.resolve("mappings/backup.yaml"));
    Files.writeString(config.resolve("backup.sql"), STAND_IN_BACKUP);
    return config;
  }

  private static String stripeSource(FakeStripeServer server) {
    return """
          - name: stripe
            type: stripe-api
            mapping: mappings/stripe.yaml
            options:
              api_base: %s
              api_key_file: secrets/stripe.key
              objects: charges
              slices: 1
        """
        .formatted(server.baseUrl());
  }

  private static void writeConfig(Path config, String sources) throws IOException {
    Files.writeString(
        config.resolve("salvage.yaml"),
        """
        business: {name: Rentwise Cars, timezone: Europe/Lisbon, phone_region: PT}
        entities: entities.yaml
        sources:
        %s
        backup:
          type: pgdump
          path: backup.sql
          mapping: mappings/backup.yaml
          taken_at: %s
        """
            .formatted(sources.stripTrailing(), TAKEN_AT));
  }

  /** A fetch of the config into {@code snapshot}, then a run of it: each is to stop the same. */
  private List<CliRun> fetchAndRun(Path config) {
    CliRun fetch = fetch(config, dir.resolve("snapshot"));
    CliRun run =
        CliRun.of(
            "run",
            "--config",
            config.resolve("salvage.yaml").toString(),
            "--out",
            dir.resolve("out").toString());
    return List.of(fetch, run);
  }

  private static CliRun fetch(Path config, Path snapshot, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "fetch",
                "--config",
                config.resolve("salvage.yaml").toString(),
                "--snapshot",
                snapshot.toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }
}
