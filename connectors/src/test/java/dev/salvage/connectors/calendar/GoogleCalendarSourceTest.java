package dev.salvage.connectors.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CapturedStderr;
import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.RetryTally;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.connectors.UnreadPartitionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoogleCalendarSourceTest {
  private static final String LISBON = "rentwise.lisbon@group.calendar.google.com";
  private static final String MADRID = "rentwise.madrid@group.calendar.google.com";

  @TempDir Path dir;
  private FakeCalendarApi api;
  private Path key;

  @BeforeEach
  void startServer() throws Exception {
    api = new FakeCalendarApi();
    key = api.writeServiceAccountKey(dir.resolve("service-account.json"));
    api.calendar(LISBON, "Rentwise Lisboa", "Europe/Lisbon", lisbonEvents())
        .calendar(
            MADRID,
            "Rentwise Madrid",
            "Europe/Madrid",
            FakeCalendarApi.parseEvents(
                """
                {"kind": "calendar#event", "id": "mad1", "status": "confirmed",
                 "summary": "RW-MAD001 · Lucía Pérez · 1234 ABC",
                 "start": {"dateTime": "2026-10-24T10:00:00+02:00", "timeZone": "Europe/Madrid"},
                 "end": {"dateTime": "2026-10-26T10:00:00+01:00", "timeZone": "Europe/Madrid"},
                 "iCalUID": "mad1@google.com"}
                """));
  }

  @AfterEach
  void stopServer() {
    api.close();
  }

  /** A booking, a cancelled entry as Google sends it, two instances of a recurrence, an all-day. */
  private static List<JsonNode> lisbonEvents() throws IOException {
    return FakeCalendarApi.parseEvents(
        """
        {"kind": "calendar#event", "etag": "\\"1\\"", "id": "booking1", "status": "confirmed",
         "created": "2026-03-01T09:00:00.000Z", "updated": "2026-03-02T09:00:00.000Z",
         "summary": "RW-7K2M9Q · Jane Doe · AA-00-BB",
         "description": "Phone: +351 912 345 678\\nEmail: jane@example.com",
         "start": {"dateTime": "2026-03-28T10:00:00Z", "timeZone": "Europe/Lisbon"},
         "end": {"dateTime": "2026-03-30T10:00:00+01:00", "timeZone": "Europe/Lisbon"},
         "iCalUID": "booking1@google.com", "sequence": 1}
        """,
        """
        {"kind": "calendar#event", "etag": "\\"2\\"", "id": "gone2", "status": "cancelled"}
        """,
        """
        {"kind": "calendar#event", "id": "wash_20260401T080000Z", "status": "confirmed",
         "summary": "Service: AA-00-BB (wash)", "recurringEventId": "wash",
         "originalStartTime": {"dateTime": "2026-04-01T09:00:00+01:00", "timeZone": "Europe/Lisbon"},
         "start": {"dateTime": "2026-04-01T09:00:00+01:00", "timeZone": "Europe/Lisbon"},
         "end": {"dateTime": "2026-04-01T10:00:00+01:00", "timeZone": "Europe/Lisbon"},
         "iCalUID": "wash@google.com"}
        """,
        """
        {"kind": "calendar#event", "id": "wash_20260408T080000Z", "status": "cancelled",
         "recurringEventId": "wash",
         "originalStartTime": {"dateTime": "2026-04-08T09:00:00+01:00", "timeZone": "Europe/Lisbon"}}
        """,
        """
        {"kind": "calendar#event", "id": "closed5", "status": "confirmed",
         "summary": "Branch closed", "start": {"date": "2026-04-03"}, "end": {"date": "2026-04-04"},
         "iCalUID": "closed5@google.com"}
        """);
  }

  private Map<String, String> options(String... pairs) {
    Map<String, String> options = new HashMap<>();
    options.put("credentials_file", key.toString());
    options.put("calendars", LISBON + "," + MADRID);
    options.put("root_url", api.rootUrl());
    options.put("backoff", "1ms");
    options.put("max_backoff", "20ms");
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] == null) {
        options.remove(pairs[i]);
      } else {
        options.put(pairs[i], pairs[i + 1]);
      }
    }
    return options;
  }

  private static CollectingSink readAll(PartitionedSource source) throws Exception {
    CollectingSink sink = new CollectingSink();
    for (String partition : source.partitions()) {
      source.read(partition, sink);
    }
    return sink;
  }

  private static void readAll(PartitionedSource source, CollectingSink sink)
      throws IOException, InvalidSourceException {
    for (String partition : source.partitions()) {
      source.read(partition, sink);
    }
  }

  private PartitionedSource open(Map<String, String> options) throws InvalidSourceException {
    return SourceReaders.open("calendar", "google-calendar", null, options);
  }

  @Test
  void aPageTokenGivenTwiceStopsTheCalendarInsteadOfReadingItsPagesForever() throws Exception {
    Path pages = dir.resolve("pages").resolve(LISBON);
    Files.createDirectories(pages);
    Files.writeString(
        pages.resolve("events-0001.json"),
        "{\"kind\": \"calendar#events\", \"nextPageToken\": \"again\", \"items\":"
            + " [{\"id\": \"e1\", \"status\": \"confirmed\"}]}");
    Files.writeString(
        pages.resolve("events-0002.json"),
        "{\"kind\": \"calendar#events\", \"nextPageToken\": \"again\", \"items\":"
            + " [{\"id\": \"e2\", \"status\": \"confirmed\"}]}");
    api.calendarPages(dir.resolve("pages"));
    PartitionedSource source = open(options("calendars", LISBON));
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> readAll(source, sink))
        .hasMessageContaining("gives a nextPageToken an earlier page gave");
    assertThat(api.requests("rentwise.lisbon")).hasSizeLessThan(5);
    assertThat(sink.refs()).doesNotHaveDuplicates();
  }

  @Test
  void aQuarantinedItemQuotingABearerTokenIsKeptWithTheTokenMasked() throws Exception {
    Path pages = dir.resolve("pages").resolve(LISBON);
    Files.createDirectories(pages);
    Files.writeString(
        pages.resolve("events-0001.json"),
        "{\"kind\": \"calendar#events\", \"items\": [{\"id\": \"e1\", \"status\":"
            + " \"confirmed\"}, \"Authorization: Bearer ya29.leakedAccessToken42\"]}");
    api.calendarPages(dir.resolve("pages"));
    CollectingSink sink = new CollectingSink();

    readAll(open(options("calendars", LISBON)), sink);

    assertThat(sink.refs()).hasSize(1);
    assertThat(sink.quarantined).hasSize(1);
    assertThat(sink.quarantined.get(0).excerpt())
        .contains("Bearer ***")
        .doesNotContain("leakedAccessToken42");
  }

  @Test
  void readsEveryPageOfEveryCalendarAsCalendarEvents() throws Exception {
    api.pageSize(2);

    CollectingSink sink = readAll(open(options()));

    assertThat(sink.refs())
        .containsExactly(
            "calendar:" + LISBON + "/booking1",
            "calendar:" + LISBON + "/gone2",
            "calendar:" + LISBON + "/wash_20260401T080000Z",
            "calendar:" + LISBON + "/wash_20260408T080000Z",
            "calendar:" + LISBON + "/closed5",
            "calendar:" + MADRID + "/mad1");
    assertThat(sink.quarantined).isEmpty();
    assertThat(sink.records).extracting(RawRecord::kind).containsOnly("calendar.event");
    JsonNode booking = sink.json("calendar:" + LISBON + "/booking1");
    assertThat(booking.path("summary").asText()).isEqualTo("RW-7K2M9Q · Jane Doe · AA-00-BB");
    assertThat(booking.path("_calendar").toString())
        .isEqualTo(
            "{\"id\":\""
                + LISBON
                + "\",\"summary\":\"Rentwise Lisboa\",\"timeZone\":\"Europe/Lisbon\","
                + "\"updated\":\"2026-11-01T10:00:00.000Z\"}");
    JsonNode cancelled = sink.json("calendar:" + LISBON + "/gone2");
    assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
    assertThat(cancelled.has("summary")).isFalse();
    assertThat(
            sink.json("calendar:" + LISBON + "/wash_20260408T080000Z")
                .path("recurringEventId")
                .asText())
        .isEqualTo("wash");
    assertThat(sink.json("calendar:" + LISBON + "/closed5").path("start").path("date").asText())
        .isEqualTo("2026-04-03");
    assertThat(
            sink.json("calendar:" + MADRID + "/mad1").path("_calendar").path("timeZone").asText())
        .isEqualTo("Europe/Madrid");
    // one Lisbon event (the credentials check), 5 Lisbon events at 2 a page, Madrid's one page
    assertThat(api.requests("/events")).hasSize(1 + 4);
  }

  @Test
  void theBackupTimeMinusTheMarginIsTheDefaultTimeMinUnlessOneIsSet() throws Exception {
    Instant backup = Instant.parse("2026-03-02T03:00:00Z");

    readAll(open(SourceReaders.withBackupTime("google-calendar", options(), backup)));
    assertThat(api.requests("/events"))
        .isNotEmpty()
        .allSatisfy(
            r -> assertThat(r.query()).containsEntry("timeMin", "2026-01-31T03:00:00.000Z"));

    int before = api.requests("/events").size();
    readAll(
        open(
            SourceReaders.withBackupTime(
                "google-calendar",
                options("time_min", "2026-02-20", "time_margin", "P1D"),
                backup)));
    assertThat(api.requests("/events").subList(before, api.requests("/events").size()))
        .isNotEmpty()
        .allSatisfy(
            r -> assertThat(r.query()).containsEntry("timeMin", "2026-02-20T00:00:00.000Z"));
  }

  @Test
  void sendsOnlyGetsWithTheDocumentedQueryAndPageTokens() throws Exception {
    api.pageSize(2);

    readAll(
        open(options("time_min", "2026-03-01T00:00:00Z", "time_max", "2026-06-01T00:00+01:00")));

    assertThat(api.requests()).extracting(FakeCalendarApi.Request::method).containsOnly("GET");
    List<FakeCalendarApi.Request> all = api.requests("rentwise.lisbon");
    assertThat(all).hasSize(1 + 3);
    // the credentials check: one event, asked as the pages are
    assertThat(all.get(0).query())
        .containsEntry("maxResults", "1")
        .containsEntry("timeMin", "2026-03-01T00:00:00.000Z")
        .doesNotContainKey("pageToken");
    List<FakeCalendarApi.Request> lisbon = all.subList(1, all.size());
    for (FakeCalendarApi.Request request : all) {
      assertThat(request.query())
          .containsEntry("showDeleted", "true")
          .containsEntry("singleEvents", "true")
          .containsEntry("timeMin", "2026-03-01T00:00:00.000Z")
          .containsEntry("timeMax", "2026-05-31T23:00:00.000Z");
      assertThat(request.authorization()).startsWith("Bearer ya29.test-");
    }
    assertThat(lisbon).allSatisfy(r -> assertThat(r.query()).containsEntry("maxResults", "2500"));
    assertThat(lisbon.get(0).query()).doesNotContainKey("pageToken");
    assertThat(lisbon.get(1).query().get("pageToken")).endsWith("2");
    assertThat(lisbon.get(2).query().get("pageToken")).endsWith("4");
    assertThat(lisbon.get(0).path())
        .isEqualTo("/calendar/v3/calendars/rentwise.lisbon@group.calendar.google.com/events");
  }

  @Test
  void signsInWithTheServiceAccountForReadOnlyScopeAtGooglesAudience() throws Exception {
    readAll(open(options("subject", "fleet@rentwise.example")));

    assertThat(api.tokenRequests())
        .allSatisfy(
            form ->
                assertThat(form)
                    .containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"));
    assertThat(api.assertions()).isNotEmpty();
    JsonNode claims = api.assertions().get(0);
    assertThat(claims.path("scope").asText())
        .isEqualTo("https://www.googleapis.com/auth/calendar.events.readonly");
    // google-auth signs for Google's token endpoint whatever token_uri says
    assertThat(claims.path("aud").asText()).isEqualTo(FakeCalendarApi.GOOGLE_TOKEN_AUDIENCE);
    assertThat(claims.path("sub").asText()).isEqualTo("fleet@rentwise.example");
  }

  @Test
  void retriesRateLimitsAndServerErrorsAndMissesNothing() throws Exception {
    api.pageSize(2);
    PartitionedSource source = open(options());
    List<String> calendars = source.partitions();
    api.failNext(429, 503, 403, 500, 502);
    CollectingSink sink = new CollectingSink();

    String err =
        CapturedStderr.of(
            () -> {
              for (String calendar : calendars) {
                source.read(calendar, sink);
              }
            });

    assertThat(sink.records).hasSize(6);
    assertThat(sink.refs()).doesNotHaveDuplicates();
    assertThat(api.requests("/events")).hasSize(1 + 4 + 5);
    // one line per retry, like the Stripe connector's, with the status and the wait
    List<String> retries = err.lines().filter(l -> l.contains("; retry ")).toList();
    assertThat(retries).hasSize(5);
    assertThat(retries.get(0))
        .startsWith(
            "Calendar source calendar: HTTP 429 Rate Limit Exceeded (reason rateLimitExceeded)")
        .contains("on GET " + api.rootUrl(), "/events?", "; retry 1/6 in ")
        .endsWith(" ms");
    assertThat(retries.get(1)).contains("HTTP 503", "retry 2/6 in ");
    assertThat(retries.get(2)).contains("HTTP 403", "retry 3/6");
    assertThat(retries.get(4)).contains("HTTP 502", "retry 5/6");
  }

  @Test
  void totalsTheRetriesOfACalendarByStatusAndTheTimeWaited() throws Exception {
    PartitionedSource source = open(options());
    String calendar = source.partitions().get(0);
    api.failNext(429, 429, 503);
    CollectingSink sink = new CollectingSink();

    String err = CapturedStderr.of(() -> source.read(calendar, sink));

    long said =
        err.lines()
            .filter(l -> l.contains("; retry "))
            .mapToLong(l -> Long.parseLong(l.replaceAll(".* in ([0-9]+) ms$", "$1")))
            .sum();
    assertThat(sink.tallies)
        .containsEntry("retry(ies) after HTTP 429", 2L)
        .containsEntry("retry(ies) after HTTP 503", 1L)
        .containsEntry(RetryTally.WAITED, said)
        .hasSize(3);
  }

  @Test
  void waitsAsLongAsRetryAfterAsksEvenWhenItIsLongerThanMaxBackoff() throws Exception {
    PartitionedSource source = open(options());
    api.retryAfter("1").failNext(503);
    CollectingSink sink = new CollectingSink();

    String err = CapturedStderr.of(() -> source.read(LISBON, sink));

    // max_backoff (20 ms here) bounds our own backoff, not the wait the server asked for: asking
    // again sooner only spends the retries on answers that say the same
    List<String> retries = err.lines().filter(l -> l.contains("; retry ")).toList();
    assertThat(retries).hasSize(1);
    assertThat(retries.get(0))
        .contains("HTTP 503", "retry 1/6 in ", "Retry-After: 1")
        .matches(".* in 1[0-9]{3} ms$");
    assertThat(sink.records).hasSize(5);
  }

  @Test
  void readsARetryAfterGivenAsAnHttpDate() throws Exception {
    PartitionedSource source = open(options());
    String inThreeSeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3));
    api.retryAfter(inThreeSeconds).failNext(429);
    CollectingSink sink = new CollectingSink();

    String err = CapturedStderr.of(() -> source.read(LISBON, sink));

    long waited =
        err.lines()
            .filter(l -> l.contains("; retry "))
            .mapToLong(l -> Long.parseLong(l.replaceAll(".* in ([0-9]+) ms$", "$1")))
            .sum();
    // the date is whole seconds, so the wait left is over one second whenever this runs
    assertThat(waited).isGreaterThan(1000);
    assertThat(sink.records).hasSize(5);
  }

  @Test
  void givesACalendarUpAtOnceWhenRetryAfterIsLongerThanRetryAfterMaxSayingWhenToComeBack()
      throws Exception {
    PartitionedSource source = open(options());
    api.retryAfter("86400").failCalendar(LISBON, 429);
    int before = api.requests("/events").size();
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> CapturedStderr.of(() -> source.read(LISBON, sink)))
        .isInstanceOfSatisfying(
            UnreadPartitionException.class,
            e ->
                assertThat(e.failure().lastError())
                    .contains(
                        "answered 429",
                        "asked to come back in PT24H (Retry-After: 86400), at ",
                        "longer than retry_after_max (PT10M)",
                        "rerun after that time"));
    assertThat(api.requests("/events")).hasSize(before + 1);
  }

  @Test
  void aPageThatArrivesCutShortOrEmptyIsAskedForAgainNotTakenForTheCalendarsEnd() throws Exception {
    api.pageSize(2);
    Path snapshot = dir.resolve("snapshot");
    PartitionedSource source = open(options("snapshot_dir", snapshot.toString()));
    CollectingSink sink = new CollectingSink();
    api.failNextPages(FakeCalendarApi.CUT_SHORT, FakeCalendarApi.EMPTY, FakeCalendarApi.RESET);

    String err = CapturedStderr.of(() -> readAll(source, sink));

    assertThat(sink.quarantined).isEmpty();
    assertThat(sink.records).hasSize(6);
    assertThat(sink.refs()).doesNotHaveDuplicates();
    assertThat(err)
        .contains(
            "Calendar source calendar: an answer that is not the Calendar API's JSON (an empty body) on GET "
                + api.rootUrl(),
            "an answer that broke off",
            "retry 3/6 in ");
    // the snapshot holds the whole pages, not the broken answers
    CollectingSink fromSnapshot =
        CollectingSink.readAll(SourceReaders.open("calendar", "calendar-json", snapshot, Map.of()));
    assertThat(fromSnapshot.quarantined).isEmpty();
    assertThat(fromSnapshot.refs()).containsExactlyInAnyOrderElementsOf(sink.refs());
  }

  @Test
  void aPageRepeatingEventsAlreadyReadIsAskedAgainNeverPassedOnTwiceNorSaved() throws Exception {
    api.pageSize(2);
    Path snapshot = dir.resolve("snapshot");
    PartitionedSource source =
        open(options("calendars", LISBON, "snapshot_dir", snapshot.toString()));
    CollectingSink sink = new CollectingSink();
    // page 2 answered once with page 1's events and page 2's nextPageToken
    api.failNextPages(FakeCalendarApi.REPEAT_FIRST);

    String err = CapturedStderr.of(() -> readAll(source, sink));

    assertThat(sink.refs()).doesNotHaveDuplicates().hasSize(5);
    assertThat(err).contains("page 2 repeats 2 of its 2 event(s) already read", "retry 1/6");
    CollectingSink fromSnapshot =
        CollectingSink.readAll(SourceReaders.open("calendar", "calendar-json", snapshot, Map.of()));
    assertThat(fromSnapshot.refs()).doesNotHaveDuplicates().hasSize(5);
  }

  @Test
  void aServerRepeatingAPageEveryTimeLeavesTheCalendarNotRead() throws Exception {
    api.pageSize(2);
    PartitionedSource source = open(options("calendars", LISBON, "max_retries", "1"));
    CollectingSink sink = new CollectingSink();
    api.failNextPages(FakeCalendarApi.REPEAT_FIRST, FakeCalendarApi.REPEAT_FIRST);

    assertThatThrownBy(() -> CapturedStderr.of(() -> source.read(LISBON, sink)))
        .isInstanceOfSatisfying(
            UnreadPartitionException.class,
            e -> {
              assertThat(e.failure().read()).isEqualTo(2);
              assertThat(e.failure().notRead()).contains("after page 1 (pages 1-1 read)");
              assertThat(e.failure().lastError())
                  .contains("page 2 repeats 2 of its 2 event(s)", "after 1 retries");
            });
    assertThat(sink.refs()).doesNotHaveDuplicates().hasSize(2);
  }

  @Test
  void aProxyPageEchoingTheTokenIsNeitherSavedNorQuotedWithTheToken() throws Exception {
    api.pageSize(2);
    Path snapshot = dir.resolve("snapshot");
    PartitionedSource source =
        open(options("calendars", LISBON, "max_retries", "1", "snapshot_dir", snapshot.toString()));
    CollectingSink sink = new CollectingSink();
    api.failNextPages(FakeCalendarApi.ECHO_HTML, FakeCalendarApi.ECHO_HTML);

    String[] err = new String[1];
    assertThatThrownBy(() -> err[0] = CapturedStderr.of(() -> source.read(LISBON, sink)))
        .isInstanceOfSatisfying(
            UnreadPartitionException.class,
            e ->
                assertThat(e.failure().lastError())
                    .contains("an answer that is not the Calendar API's JSON (<html>", "Bearer ***")
                    .doesNotContain("ya29.test"));
    assertThat(sink.quarantined).isEmpty();
    try (Stream<Path> files = Files.walk(snapshot)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file)).doesNotContain("ya29.test", "<html>");
      }
    }
  }

  @Test
  void aPageTrickledByteByByteFailsAtTheRequestDeadlineAndIsAskedAgain() throws Exception {
    api.pageSize(2);
    PartitionedSource source =
        open(options("calendars", LISBON, "request_deadline", "500ms", "timeout", "2s"));
    CollectingSink sink = new CollectingSink();
    api.failNextPages(FakeCalendarApi.TRICKLE);
    long start = System.nanoTime();

    String err = CapturedStderr.of(() -> readAll(source, sink));

    assertThat(sink.refs()).doesNotHaveDuplicates().hasSize(5);
    assertThat(err).contains("no whole answer within request_deadline (PT0.5S)", "retry 1/6");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void emptyPagesWithNewTokensWithoutEndLeaveTheCalendarNotReadNamingIt() throws Exception {
    api.pageSize(2).endlessTokens();
    PartitionedSource source = open(options("calendars", LISBON, "max_empty_pages", "5"));
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> CapturedStderr.of(() -> source.read(LISBON, sink)))
        .isInstanceOfSatisfying(
            UnreadPartitionException.class,
            e -> {
              assertThat(e.failure().read()).isEqualTo(5);
              assertThat(e.failure().notRead()).contains("calendar " + LISBON, "after page 8");
              assertThat(e.failure().lastError())
                  .contains("pages 4-8 of calendar " + LISBON, "5 empty pages in a row");
            });
    assertThat(api.requests("/events").size()).isLessThan(12);
  }

  @Test
  void aPageThatKeepsBreakingOffIsSaidWithItsRetries() throws Exception {
    api.pageSize(2);
    PartitionedSource source = open(options("calendars", LISBON, "max_retries", "1"));
    api.failNextPages(FakeCalendarApi.RESET, FakeCalendarApi.RESET);

    assertThatThrownBy(() -> CapturedStderr.of(() -> source.read(LISBON, new CollectingSink())))
        .isInstanceOfSatisfying(
            UnreadPartitionException.class,
            e ->
                assertThat(e.failure().lastError())
                    .contains("an answer that broke off", "after 1 retries"));
  }

  @Test
  void rejectsTimeoutsThatCannotBeWaitedAndDefaultsThemSanely() throws Exception {
    assertThatThrownBy(() -> open(options("timeout", "0s")))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("option timeout")
        .hasMessageContaining("must be longer than zero");
    assertThatThrownBy(() -> open(options("request_deadline", "0s")))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("option request_deadline")
        .hasMessageContaining("must be longer than zero");
    CalendarApiOptions defaults = CalendarApiOptions.parse("calendar", options());
    assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(defaults.requestDeadline()).isEqualTo(Duration.ofMinutes(5));
    assertThat(defaults.maxEmptyPages()).isEqualTo(100);
  }

  @Test
  void aCalendarThatStopsPartWayIsReportedAsNotReadWithWhatWasRead() throws Exception {
    api.pageSize(2);
    PartitionedSource source = open(options("max_retries", "1"));
    CollectingSink sink = new CollectingSink();
    api.failNextPages(503, 503);

    assertThatThrownBy(() -> CapturedStderr.of(() -> source.read(LISBON, sink)))
        .isInstanceOfSatisfying(
            UnreadPartitionException.class,
            e -> {
              assertThat(e.failure().source()).isEqualTo("calendar");
              assertThat(e.failure().partition()).isEqualTo(LISBON);
              assertThat(e.failure().read()).isEqualTo(2);
              assertThat(e.failure().notRead()).contains("after page 1 (pages 1-1 read)");
              assertThat(e.failure().lastError()).contains("answered 503", "after 1 retries");
              assertThat(e.failure().resumable()).isFalse();
            });
    assertThat(sink.records).hasSize(2);
  }

  @Test
  void aPageTokenAnswered410RestartsTheListingOnceAndPassesEveryEventOnExactlyOnce()
      throws Exception {
    api.pageSize(2);
    Path snapshot = dir.resolve("snapshot");
    PartitionedSource source =
        open(options("calendars", LISBON, "snapshot_dir", snapshot.toString()));
    CollectingSink sink = new CollectingSink();
    api.failNextPages(410);

    String err = CapturedStderr.of(() -> source.read(LISBON, sink));

    assertThat(sink.refs())
        .containsExactly(
            "calendar:" + LISBON + "/booking1",
            "calendar:" + LISBON + "/gone2",
            "calendar:" + LISBON + "/wash_20260401T080000Z",
            "calendar:" + LISBON + "/wash_20260408T080000Z",
            "calendar:" + LISBON + "/closed5");
    assertThat(sink.quarantined).isEmpty();
    // page 1, page 2 answered 410, then pages 1-3 again
    List<FakeCalendarApi.Request> requests = api.requests("/events");
    assertThat(requests).hasSize(5);
    assertThat(requests.get(2).query()).doesNotContainKey("pageToken");
    assertThat(err)
        .contains(
            "Calendar source calendar: calendar " + LISBON + ": Google Calendar API answered 410",
            "reason fullSyncRequired",
            "listing the calendar again from page 1 (once), after 1 page(s) and 2 event(s) passed"
                + " on, which are not passed on again",
            "listed again to its end: 3 page(s), 5 event(s) passed on in all, 2 passed on by the"
                + " first listing and skipped");
    // the folder holds the second listing whole, the first one's page set aside
    CollectingSink fromSnapshot =
        CollectingSink.readAll(SourceReaders.open("calendar", "calendar-json", snapshot, Map.of()));
    assertThat(fromSnapshot.quarantined).isEmpty();
    assertThat(fromSnapshot.refs()).containsExactlyInAnyOrderElementsOf(sink.refs());
    assertThat(snapshot.resolve(LISBON).resolve(FetchState.FILE)).content().contains("complete");
    try (Stream<Path> files = Files.list(snapshot.resolve(LISBON))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .filteredOn(name -> name.startsWith(".superseded-"))
          .singleElement()
          .asString()
          .endsWith("-events-0001.json");
    }
  }

  @Test
  void aSecond410FailsTheCalendarAsNotReadWithTheEventsOfBothListingsPassedOnOnce()
      throws Exception {
    api.pageSize(2);
    PartitionedSource source = open(options("calendars", LISBON));
    CollectingSink sink = new CollectingSink();
    api.failNextPages(410, 410);

    assertThatThrownBy(() -> CapturedStderr.of(() -> source.read(LISBON, sink)))
        .isInstanceOfSatisfying(
            UnreadPartitionException.class,
            e -> {
              assertThat(e.failure().partition()).isEqualTo(LISBON);
              assertThat(e.failure().read()).isEqualTo(2);
              assertThat(e.failure().notRead())
                  .contains(
                      "after page 1 (pages 1-1 read) of its listing restarted after HTTP 410");
              assertThat(e.failure().lastError()).contains("answered 410");
              assertThat(e.failure().resumable()).isFalse();
            });
    assertThat(sink.refs())
        .containsExactly("calendar:" + LISBON + "/booking1", "calendar:" + LISBON + "/gone2");
    assertThat(api.requests("/events")).hasSize(4);
  }

  @Test
  void a410ToTheFirstPageIsNotRestartedIntoTheSameRequest() throws Exception {
    PartitionedSource source = open(options("calendars", LISBON));
    api.failNext(410);

    assertThatThrownBy(() -> CapturedStderr.of(() -> source.read(LISBON, new CollectingSink())))
        .isInstanceOf(UnreadPartitionException.class)
        .hasMessageContaining("all of them")
        .hasMessageContaining("answered 410");
    assertThat(api.requests("/events")).hasSize(1);
  }

  @Test
  void aServiceAccountKeyGoogleRefusesIsAConfigurationErrorBeforeAnythingIsRead() throws Exception {
    // a key Google no longer knows: its token endpoint answers 400 invalid_grant
    Files.writeString(
        key, Files.readString(key).replace(FakeCalendarApi.CLIENT_EMAIL, "deleted@x.example"));
    PartitionedSource source = open(options());

    assertThatThrownBy(source::partitions)
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageStartingWith(
            "Source calendar: Google refused the credentials of the service-account key " + key)
        .hasMessageContaining("the token endpoint answered 400 invalid_grant (Invalid grant)")
        .hasMessageEndingWith("Nothing was read.")
        .hasMessageNotContaining("PRIVATE KEY");
    assertThat(api.requests("/events")).isEmpty();
  }

  @Test
  void credentialsRevokedPartWayLeaveTheCalendarNotReadSayingSoOnOneLineWithoutTheLibrarysLog()
      throws Exception {
    api.pageSize(2);
    PartitionedSource source = open(options());
    List<String> calendars = source.partitions();
    List<RawRecord> read = new ArrayList<>();
    RecordSink sink =
        new RecordSink() {
          @Override
          public void accept(RawRecord record) {
            read.add(record);
            api.revokeCredentials(); // after the first page, as a key deleted mid-run
          }

          @Override
          public void quarantine(dev.salvage.connectors.Quarantined bad) {}
        };
    List<java.util.logging.LogRecord> logged = new ArrayList<>();
    java.util.logging.Logger library = java.util.logging.Logger.getLogger("com.google.auth");
    java.util.logging.Handler capture =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord record) {
            logged.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    library.addHandler(capture);
    List<UnreadPartitionException> unread = new ArrayList<>();
    try {
      CapturedStderr.of(
          () -> {
            for (String calendar : calendars) {
              try {
                source.read(calendar, sink);
              } catch (UnreadPartitionException e) {
                unread.add(e);
              }
            }
          });
    } finally {
      library.removeHandler(capture);
    }

    assertThat(unread).hasSize(2);
    // the first calendar's token refresh after a 401, the second one's first token
    assertThat(unread)
        .allSatisfy(
            e ->
                assertThat(e.failure().lastError())
                    .startsWith(
                        "Google refused the credentials during the run (invalid_grant: Invalid"
                            + " JWT Signature.): the key was revoked or rotated")
                    .contains("check the service-account key " + key)
                    .doesNotContain("\n")
                    .doesNotContain("got no answer"));
    assertThat(unread.get(0).failure().read()).isEqualTo(2);
    assertThat(logged).noneMatch(r -> r.getLevel() == java.util.logging.Level.SEVERE);
  }

  @Test
  void aKeyFileThatIsNotAKeyIsAConfigurationError() throws Exception {
    Files.writeString(key, "{\"type\": \"service_account\"}");
    PartitionedSource source = open(options());

    assertThatThrownBy(source::partitions)
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageStartingWith("Source calendar: cannot read the service-account key " + key)
        .hasMessageEndingWith("Nothing was read.");
    assertThat(api.tokenRequests()).isEmpty();
  }

  @Test
  void anOAuthTokenGoogleRefusesIsAConfigurationErrorWithoutTheTokenInTheMessage()
      throws Exception {
    Path token = FakeCalendarApi.writeUserToken(dir.resolve("token.json"));
    Files.writeString(
        token, Files.readString(token).replace("test-refresh-token", "revoked-refresh-token"));
    PartitionedSource source =
        open(
            options(
                "credentials_file",
                null,
                "oauth_token_file",
                token.toString(),
                "token_uri",
                api.tokenUri()));

    assertThatThrownBy(source::partitions)
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("Google refused the credentials of the OAuth user token " + token)
        .hasMessageContaining("400 invalid_grant")
        .hasMessageNotContaining("revoked-refresh-token")
        .hasMessageNotContaining("test-client-secret");
  }

  /** A port on this machine that nothing listens on. */
  private static int closedPort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aTokenEndpointOnAClosedPortIsNamedByItsAddressAndOption() throws Exception {
    int port = closedPort();
    Path token = FakeCalendarApi.writeUserToken(dir.resolve("token.json"));
    PartitionedSource source =
        open(
            options(
                "credentials_file",
                null,
                "oauth_token_file",
                token.toString(),
                "token_uri",
                "http://127.0.0.1:" + port + "/token?key=query-secret",
                "max_retries",
                "0"));

    assertThatThrownBy(() -> CapturedStderr.of(source::partitions))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("127.0.0.1:" + port + " refused the connection")
        .hasMessageContaining("the OAuth token endpoint of source calendar")
        .hasMessageNotContaining("query-secret")
        .hasMessageNotContaining("test-refresh-token");
  }

  @Test
  void anApiOnAClosedPortIsNamedByItsAddressAndRootUrl() throws Exception {
    int port = closedPort();
    PartitionedSource source =
        open(options("root_url", "http://127.0.0.1:" + port + "/", "max_retries", "0"));

    assertThatThrownBy(() -> CapturedStderr.of(source::partitions))
        .isInstanceOf(IOException.class)
        .hasMessage("127.0.0.1:" + port + " refused the connection (root_url of source calendar)");
  }

  @Test
  void aCalendarListAnswered401IsAConfigurationErrorNamingTheSource() throws Exception {
    PartitionedSource source = open(options("calendars", null, "calendar_pattern", "Rentwise"));
    // every request of the list is refused, also after the token is refreshed
    api.failNext(401, 401);

    assertThatThrownBy(source::partitions)
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageStartingWith("Source calendar: Google refused the credentials")
        .hasMessageContaining("answered 401")
        .hasMessageNotContaining("ya29.");
  }

  @Test
  void anEventsRequestAnswered401WithCalendarsListedIsAConfigurationErrorBeforeAnythingIsRead()
      throws Exception {
    // the token endpoint grants tokens, and the events API refuses them, also after a refresh
    api.failCalendar(LISBON, 401);
    PartitionedSource source = open(options());

    assertThatThrownBy(source::partitions)
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageStartingWith(
            "Source calendar: Google refused the credentials of the service-account key " + key)
        .hasMessageContaining("answered 401 to GET " + api.rootUrl())
        .hasMessageContaining("although the token endpoint granted a token")
        .hasMessageEndingWith("Nothing was read.")
        .hasMessageNotContaining("ya29.")
        .hasMessageNotContaining("PRIVATE KEY");
    assertThat(api.tokenRequests()).hasSize(2);
    assertThat(api.requests("/events")).hasSize(2);
  }

  @Test
  void aFirstCalendarUnknownOrNotSharedLeavesTheCredentialsCheckToTheOthers() throws Exception {
    api.failCalendar(LISBON, FakeCalendarApi.NO_ACCESS);

    assertThat(open(options()).partitions()).containsExactly(LISBON, MADRID);
    assertThat(
            open(options("calendars", "nobody@group.calendar.google.com," + MADRID)).partitions())
        .containsExactly("nobody@group.calendar.google.com", MADRID);
  }

  @Test
  void aCalendarNotSharedUnknownOrInAProjectWithoutTheApiFailsAloneSayingWhatToDo()
      throws Exception {
    PartitionedSource source = open(options());
    api.failCalendar(MADRID, FakeCalendarApi.NO_ACCESS);
    String account = "the service account " + FakeCalendarApi.CLIENT_EMAIL;

    assertThatThrownBy(() -> source.read(MADRID, new CollectingSink()))
        .isInstanceOf(UnreadPartitionException.class)
        .hasMessageContaining("answered 403")
        .hasMessageContaining(
            "; calendar "
                + MADRID
                + " may not be read by "
                + account
                + ": share it with that account (See all event details), or check option scope");
    assertThatThrownBy(() -> source.read("nobody@group.calendar.google.com", new CollectingSink()))
        .isInstanceOf(UnreadPartitionException.class)
        .hasMessageContaining(
            "; calendar nobody@group.calendar.google.com is unknown to Google or not shared with "
                + account
                + ": check the id in option calendars");
    api.failCalendar(MADRID, FakeCalendarApi.API_DISABLED);
    assertThatThrownBy(() -> source.read(MADRID, new CollectingSink()))
        .isInstanceOf(UnreadPartitionException.class)
        .hasMessageContaining("reason accessNotConfigured")
        .hasMessageContaining(
            "the Google Calendar API is not enabled in the Google Cloud project of the"
                + " credentials");
    // with domain-wide delegation the calendars are read as the subject
    assertThatThrownBy(
            () ->
                open(options("subject", "fleet@rentwise.example"))
                    .read("nobody@group.calendar.google.com", new CollectingSink()))
        .hasMessageContaining("not shared with fleet@rentwise.example:");
    // the other calendar is read
    CollectingSink lisbon = new CollectingSink();
    source.read(LISBON, lisbon);
    assertThat(lisbon.records).hasSize(5);
  }

  @Test
  void aTokenEndpointThatDoesNotAnswerIsNotTakenForRefusedCredentials() throws Exception {
    Path token = FakeCalendarApi.writeUserToken(dir.resolve("token.json"));
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    PartitionedSource source =
        open(
            options(
                "credentials_file",
                null,
                "oauth_token_file",
                token.toString(),
                "token_uri",
                "http://127.0.0.1:" + closedPort + "/token"));

    assertThatThrownBy(source::partitions)
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(UnreadPartitionException.class);
  }

  @Test
  void refreshesAnExpiredTokenAndStillRetriesAfterwards() throws Exception {
    api.pageSize(2);
    PartitionedSource source = open(options("calendars", LISBON));
    CollectingSink sink = new CollectingSink();
    // the first token is fetched by the first request; then it expires and a 429 follows the 401
    api.failNext(401, 429);

    source.read(LISBON, sink);

    assertThat(sink.records).hasSize(5);
    assertThat(api.tokenRequests()).hasSize(2);
    List<FakeCalendarApi.Request> events = api.requests("/events");
    assertThat(events.get(events.size() - 1).authorization()).isEqualTo("Bearer ya29.test-2");
  }

  @Test
  void givesUpAfterMaxRetriesNamingTheRequestAndTheStatus() throws Exception {
    api.failNext(503, 503, 503, 503);
    PartitionedSource source = open(options("max_retries", "2"));

    assertThatThrownBy(() -> CapturedStderr.of(() -> source.read(LISBON, new CollectingSink())))
        .isInstanceOf(UnreadPartitionException.class)
        .hasCauseInstanceOf(CalendarApiException.class)
        .hasMessageContaining("answered 503")
        .hasMessageContaining("after 2 retries")
        .hasMessageContaining("/calendars/rentwise.lisbon@group.calendar.google.com/events")
        .hasMessageContaining("reason backendError");
    assertThat(api.requests("/events")).hasSize(3);
  }

  @Test
  void aUsedUpQuotaIsSaidAsAQuotaNotAsACalendarNotShared() throws Exception {
    PartitionedSource source = open(options());
    api.failCalendar(LISBON, FakeCalendarApi.DAILY_QUOTA);
    int before = api.requests("/events").size();

    assertThatThrownBy(() -> CapturedStderr.of(() -> source.read(LISBON, new CollectingSink())))
        .isInstanceOfSatisfying(
            UnreadPartitionException.class,
            e ->
                assertThat(e.failure().lastError())
                    .contains(
                        "(reason dailyLimitExceeded)",
                        "a usage quota of Google",
                        "not a permission",
                        "Google Cloud console")
                    .doesNotContain("share it"));
    // a quota used up for the day is not waited for: a retry within minutes meets it again
    assertThat(api.requests("/events")).hasSize(before + 1);
  }

  @Test
  void doesNotRetryAnUnknownCalendar() throws Exception {
    PartitionedSource source = open(options());

    assertThatThrownBy(() -> source.read("nobody@group.calendar.google.com", new CollectingSink()))
        .isInstanceOf(UnreadPartitionException.class)
        .hasCauseInstanceOf(CalendarApiException.class)
        .hasMessageContaining("all of them")
        .hasMessageContaining("answered 404")
        .hasMessageContaining("reason notFound");
    assertThat(api.requests("/events")).hasSize(1);
  }

  @Test
  void listsTheCalendarsMatchingThePatternWithTheReadonlyScope() throws Exception {
    PartitionedSource source = open(options("calendars", null, "calendar_pattern", "(?i)madrid"));

    assertThat(source.partitions()).containsExactly(MADRID);
    assertThat(api.requests("/calendarList")).hasSize(1);
    assertThat(api.assertions().get(0).path("scope").asText())
        .isEqualTo("https://www.googleapis.com/auth/calendar.readonly");
  }

  @Test
  void aPatternMatchingNothingIsAnErrorNamingThePattern() throws Exception {
    PartitionedSource source = open(options("calendars", null, "calendar_pattern", "^Porto"));

    assertThatThrownBy(source::partitions)
        .hasMessageContaining(
            "none of the account's 2 calendar(s) matches calendar_pattern '^Porto'");
  }

  @Test
  void readsWithAStoredUserTokenRefreshedAtTheTokenEndpoint() throws Exception {
    Path token = FakeCalendarApi.writeUserToken(dir.resolve("token.json"));
    PartitionedSource source =
        open(
            options(
                "credentials_file",
                null,
                "oauth_token_file",
                token.toString(),
                "token_uri",
                api.tokenUri()));

    CollectingSink sink = new CollectingSink();
    source.read(MADRID, sink);

    assertThat(sink.refs()).containsExactly("calendar:" + MADRID + "/mad1");
    assertThat(api.tokenRequests())
        .singleElement()
        .satisfies(
            form ->
                assertThat(form)
                    .containsEntry("grant_type", "refresh_token")
                    .containsEntry("refresh_token", "test-refresh-token"));
  }

  @Test
  void writesEveryPageAsASnapshotThatCalendarJsonReadsTheSame() throws Exception {
    api.pageSize(2);
    Path snapshot = dir.resolve("snapshot");
    Files.createDirectories(snapshot.resolve(LISBON));
    Files.writeString(snapshot.resolve(LISBON).resolve("events-0009.json"), "{stale}");

    CollectingSink fromApi = readAll(open(options("snapshot_dir", snapshot.toString())));

    // an earlier read's page is set aside, not deleted: it may hold what the calendar lost since
    try (Stream<Path> aside = Files.list(snapshot.resolve(LISBON))) {
      assertThat(aside.filter(f -> f.getFileName().toString().startsWith(".superseded-")))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.getFileName().toString()).endsWith("-events-0009.json");
                assertThat(f).hasContent("{stale}");
              });
    }
    try (Stream<Path> files = Files.walk(snapshot)) {
      assertThat(
              files
                  .filter(Files::isRegularFile)
                  .map(f -> snapshot.relativize(f).toString())
                  .filter(f -> !f.contains("/.superseded-")))
          .containsExactlyInAnyOrder(
              LISBON + "/events-0001.json",
              LISBON + "/events-0002.json",
              LISBON + "/events-0003.json",
              LISBON + "/fetch-state.json",
              MADRID + "/events-0001.json",
              MADRID + "/fetch-state.json");
    }
    CollectingSink fromFiles = new CollectingSink();
    for (Path file : SourceReaders.inputFiles(snapshot)) {
      SourceReaders.forType("calendar-json").read(file, "calendar", fromFiles);
    }
    assertThat(fromFiles.records)
        .extracting(RawRecord::ref, RawRecord::json)
        .containsExactlyInAnyOrderElementsOf(
            fromApi.records.stream()
                .map(r -> org.assertj.core.groups.Tuple.tuple(r.ref(), r.json()))
                .toList());
    assertThat(fromApi.records.get(0).location())
        .startsWith(snapshot.resolve(LISBON).resolve("events-0001.json") + ":1:");
  }

  @Test
  void aCalendarFetchedToItsEndIsReadAgainFromItsSnapshotWithoutAskingGoogle() throws Exception {
    api.pageSize(2);
    Path snapshot = dir.resolve("snapshot");
    Map<String, String> options =
        options("snapshot_dir", snapshot.toString(), "time_min", "2026-02-01");
    CollectingSink fromApi = readAll(open(options));
    int requests = api.requests("/events").size();
    CollectingSink again = new CollectingSink();

    String err = CapturedStderr.of(() -> readAll(open(options), again));

    assertThat(api.requests("/events")).hasSize(requests);
    assertThat(again.quarantined).isEmpty();
    assertThat(again.records)
        .extracting(RawRecord::ref, RawRecord::json)
        .containsExactlyElementsOf(
            fromApi.records.stream()
                .map(r -> org.assertj.core.groups.Tuple.tuple(r.ref(), r.json()))
                .toList());
    assertThat(err)
        .contains(
            "Calendar source calendar: calendar "
                + LISBON
                + " read from its snapshot "
                + snapshot.resolve(LISBON)
                + " (3 page(s), fetched to its end at ",
            "not from Google; remove the folder to read it from Google again");
    // nothing was set aside or rewritten: the folder is the fetch's
    try (Stream<Path> files = Files.list(snapshot.resolve(LISBON))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .noneMatch(name -> name.startsWith(".superseded-"));
    }
  }

  @Test
  void aSnapshotOfAnotherWindowUnfinishedOrMissingAPageIsFetchedFromGoogleAgain() throws Exception {
    api.pageSize(2);
    Path snapshot = dir.resolve("snapshot");
    readAll(open(options("snapshot_dir", snapshot.toString(), "time_min", "2026-02-01")));
    int requests = api.requests("/events").size();

    // another window: the pages hold other events
    readAll(open(options("snapshot_dir", snapshot.toString(), "time_min", "2026-01-01")));
    assertThat(api.requests("/events")).hasSize(2 * requests);

    // a page gone since: the folder is no longer the whole calendar
    Files.delete(snapshot.resolve(LISBON).resolve("events-0002.json"));
    CollectingSink sink = new CollectingSink();
    readAll(open(options("snapshot_dir", snapshot.toString(), "time_min", "2026-01-01")), sink);
    // each read asks for one Lisbon event first (the credentials check), then for its 3 pages
    assertThat(api.requests("rentwise.lisbon")).hasSize(3 * 4);
    assertThat(api.requests("rentwise.madrid")).hasSize(2);
    assertThat(sink.records).hasSize(6);

    // a mark that does not say complete: fetched again
    Path mark = snapshot.resolve(LISBON).resolve(FetchState.FILE);
    Files.writeString(mark, Files.readString(mark).replace("\"complete\"", "\"fetching\""));
    readAll(open(options("snapshot_dir", snapshot.toString(), "time_min", "2026-01-01")));
    assertThat(api.requests("rentwise.lisbon")).hasSize(4 * 4);
  }

  @Test
  void aSnapshotLeftByAFetchThatFailedPartWayIsReadAsNotReadToItsEnd() throws Exception {
    api.pageSize(2);
    Path snapshot = dir.resolve("snapshot");
    PartitionedSource source =
        open(options("max_retries", "1", "snapshot_dir", snapshot.toString()));
    api.failNextPages(503, 503);
    assertThatThrownBy(() -> CapturedStderr.of(() -> source.read(LISBON, new CollectingSink())))
        .isInstanceOf(UnreadPartitionException.class);
    PartitionedSource saved = SourceReaders.open("calendar", "calendar-json", snapshot, Map.of());
    CollectingSink fromFiles = new CollectingSink();
    List<dev.salvage.connectors.PartitionFailure> notRead = new ArrayList<>();

    for (String partition : saved.partitions()) {
      try {
        saved.read(partition, fromFiles);
      } catch (UnreadPartitionException e) {
        notRead.add(e.failure());
      }
    }

    assertThat(fromFiles.records).hasSize(2);
    assertThat(notRead)
        .singleElement()
        .satisfies(
            failure -> {
              assertThat(failure.read()).isEqualTo(2);
              assertThat(failure.notRead()).endsWith(" after page 1 (pages 1-1 saved and read)");
              assertThat(failure.lastError())
                  .contains(snapshot.resolve(LISBON) + " was left by a fetch that did not finish");
            });
  }

  @Test
  void rejectsBadConfigurationNamingTheOption() {
    assertThatThrownBy(() -> open(options("oauth_token_file", key.toString())))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining(
            "needs exactly one of the options credentials_file, oauth_token_file; got"
                + " credentials_file, oauth_token_file");
    assertThatThrownBy(() -> open(options("calendar_pattern", ".*")))
        .hasMessageContaining(
            "needs exactly one of the options calendars, calendar_pattern; got calendars,"
                + " calendar_pattern");
    assertThatThrownBy(() -> open(options("scope", "calendar")))
        .hasMessageContaining("option scope must be calendar.readonly or calendar.events.readonly");
    assertThatThrownBy(
            () ->
                open(
                    options(
                        "calendars",
                        null,
                        "calendar_pattern",
                        "x",
                        "scope",
                        "calendar.events.readonly")))
        .hasMessageContaining("needs scope calendar.readonly");
    assertThatThrownBy(() -> open(options("time_min", "2026-05-01", "time_max", "2026-04-01")))
        .hasMessageContaining("time_min 2026-05-01T00:00:00Z is not before time_max");
    assertThatThrownBy(() -> open(options("time_min", "yesterday")))
        .hasMessageContaining("option time_min must be an instant");
    assertThatThrownBy(() -> open(options("backoff", "fast")))
        .hasMessageContaining("option backoff must be a duration");
    assertThatThrownBy(
            () -> open(options("credentials_file", dir.resolve("missing.json").toString())))
        .hasMessageContaining("option credentials_file must name a readable file, got")
        .hasMessageContaining("missing.json");
    assertThatThrownBy(() -> open(options("calender", "x")))
        .hasMessageContaining("unknown option(s) calender; known options: credentials_file");
    assertThatThrownBy(() -> SourceReaders.open("calendar", "google-calendar", dir, options()))
        .hasMessageContaining("takes no path");
  }

  @Test
  void theSourceIsSerializableWithoutItsSecrets() throws Exception {
    PartitionedSource source = open(options());
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(source);
    }
    String serialized = bytes.toString(StandardCharsets.ISO_8859_1);
    assertThat(serialized).contains(key.toString()).doesNotContain("PRIVATE KEY");
  }
}
