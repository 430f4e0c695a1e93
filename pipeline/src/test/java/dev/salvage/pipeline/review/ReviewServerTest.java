package dev.salvage.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewServerTest {
  @TempDir Path dir;
  private ReviewServer server;
  private ReviewApi api;

  @BeforeEach
  void start() throws Exception {
    RunFixture.write(dir);
    server = ReviewServer.start(dir, "127.0.0.1", 0, "tester");
    api = new ReviewApi(server);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void refusesApiCallsWithoutTheRightToken() throws Exception {
    String approve = "{\"record_id\":\"" + RunFixture.UNCHANGED_ID + "\",\"decision\":\"approve\"}";
    assertThat(api.postWithToken("/api/decisions", approve, null).status()).isEqualTo(403);
    assertThat(api.postWithToken("/api/decisions", approve, "wrong").status()).isEqualTo(403);
    assertThat(ReviewApi.decisions(dir)).isEmpty();
    assertThat(server.url().toString()).startsWith("http://127.0.0.1:").contains(server.token());
  }

  @Test
  void refusesADecisionAPageOfAnotherSiteSendsEvenWithTheToken() throws Exception {
    String approve = "{\"record_id\":\"" + RunFixture.UNCHANGED_ID + "\",\"decision\":\"approve\"}";

    ReviewApi.Answer forged = api.postFrom("http://evil.example", "/api/decisions", approve);

    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.json().path("error").asText()).contains("http://evil.example");
    assertThat(ReviewApi.decisions(dir)).isEmpty();
    // the UI's own page sends its origin too
    assertThat(
            api.postFrom("http://127.0.0.1:" + server.port(), "/api/decisions", approve).status())
        .isEqualTo(200);
    assertThat(ReviewApi.decisions(dir)).hasSize(1);
  }

  @Test
  void refusesARequestForAnotherHostEvenWithTheTokenAndOrigin() throws Exception {
    // DNS rebinding: a page of evil.example, its name now resolving to 127.0.0.1, sends its own
    // name as Host and as Origin, so they agree
    String approve = "{\"record_id\":\"" + RunFixture.FLAGGED_ID + "\",\"decision\":\"approve\"}";
    String host = "evil.example:" + server.port();

    String decided = raw("POST", "/api/decisions", host, "http://" + host, approve);
    String read = raw("GET", "/api/record?id=" + RunFixture.FLAGGED_ID, host, null, "");

    assertThat(decided).startsWith("HTTP/1.1 403").contains("a request for host " + host);
    assertThat(read).startsWith("HTTP/1.1 403").doesNotContain(RunFixture.FLAGGED_ID);
    assertThat(ReviewApi.decisions(dir)).isEmpty();
    // the names the printed URL and a browser on this machine use still work
    for (String own : List.of("127.0.0.1", "localhost", "LOCALHOST")) {
      String mine = own + ":" + server.port();
      assertThat(raw("GET", "/api/record?id=" + RunFixture.FLAGGED_ID, mine, null, ""))
          .startsWith("HTTP/1.1 200");
    }
    assertThat(raw("POST", "/api/decisions", "127.0.0.1:" + server.port(), null, approve))
        .startsWith("HTTP/1.1 200");
    assertThat(ReviewApi.decisions(dir)).hasSize(1);
  }

  /** An HTTP/1.1 request written by hand: Java's client does not let a caller set Host. */
  private String raw(String method, String path, String host, String origin, String body)
      throws java.io.IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      byte[] content = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      String head =
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: "
              + host
              + "\r\nX-Salvage-Token: "
              + server.token()
              + "\r\n"
              + (origin == null ? "" : "Origin: " + origin + "\r\n")
              + "Content-Type: application/json\r\nContent-Length: "
              + content.length
              + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      socket.getOutputStream().write(content);
      socket.getOutputStream().flush();
      return new String(
          socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void startsAfterAReviewKilledMidWriteSettingTheUnfinishedLineAsideAndSayingSo() throws Exception {
    assertThat(api.post("/api/decisions", approveOf(RunFixture.FLAGGED_ID)).status())
        .isEqualTo(200);
    server.close();
    // kill -9 during a bulk approval: the file ends in half a line
    Path decisions = dir.resolve("review/decisions.jsonl");
    String whole = Files.readString(decisions);
    String half = whole.substring(0, whole.length() / 2);
    Files.writeString(decisions, whole + half);

    server = ReviewServer.start(dir, "127.0.0.1", 0, "tester");
    api = new ReviewApi(server);

    assertThat(server.decisionsNotApplied())
        .singleElement()
        .asString()
        .contains(":2: decision of an unfinished line is not applied", "decisions.jsonl.torn");
    assertThat(Files.readString(dir.resolve("review/decisions.jsonl.torn"))).isEqualTo(half + "\n");
    assertThat(api.post("/api/decisions", approveOf(RunFixture.CONFLICT_ID)).status())
        .isEqualTo(200);
    assertThat(ReviewApi.decisions(dir))
        .extracting(line -> line.path("record_id").asText())
        .containsExactly(RunFixture.FLAGGED_ID, RunFixture.CONFLICT_ID);
  }

  private static String approveOf(String id) {
    return "{\"record_id\":\"" + id + "\",\"decision\":\"approve\"}";
  }

  @Test
  void refusesAnEditedValueThatDoesNotFitTheFieldType() throws Exception {
    ReviewApi.Answer word = api.post("/api/decisions", edit("total_cents", "twelve"));
    assertThat(word.status()).isEqualTo(400);
    assertThat(word.json().path("error").asText())
        .startsWith(
            "Cannot edit record "
                + RunFixture.FLAGGED_ID
                + ": field total_cents is integer: \"twelve\" is not an amount");
    assertThat(api.post("/api/decisions", edit("total_cents", " ")).json().path("error").asText())
        .contains("field total_cents cannot be empty");
    assertThat(ReviewApi.decisions(dir)).isEmpty();

    assertThat(api.post("/api/decisions", edit("total_cents", "1250")).status()).isEqualTo(200);
    assertThat(ReviewApi.decisions(dir)).hasSize(1);
    assertThat(server.typeCheckUnavailable()).isNull();
  }

  @Test
  void readsAnAmountInMajorUnitsForAFieldTheMappingsReadAsMoney() throws Exception {
    // the sample's entity model declares total_cents an integer; its mail mapping reads it with
    // type: money, so an amount as the mail writes it is what a mapping could have produced
    ReviewApi.Answer comma = api.post("/api/decisions", edit("total_cents", "€ 72,50"));
    assertThat(comma.status()).as(comma.json().toString()).isEqualTo(200);
    assertThat(comma.json().path("edits").path("total_cents").asText()).isEqualTo("7250");
    assertThat(comma.json().path("stored").path("total_cents").asText())
        .isEqualTo("\"€ 72,50\" is 72.50 EUR: stored as 7250 (minor units)");
    assertThat(api.post("/api/decisions", edit("total_cents", "72.50")).json().path("edits"))
        .hasToString("{\"total_cents\":\"7250\"}");

    ReviewApi.Answer ambiguous = api.post("/api/decisions", edit("total_cents", "1.234"));
    assertThat(ambiguous.status()).isEqualTo(400);
    assertThat(ambiguous.json().path("error").asText())
        .endsWith(
            ": field total_cents is integer: \"1.234\" is an ambiguous amount: \".\" before three"
                + " digits groups thousands (1234) or marks decimals (1.234); type it with its 2"
                + " decimals (1234.00 if thousands are meant)");
    assertThat(ReviewApi.decisions(dir)).hasSize(2);
  }

  @Test
  void storesAPhoneEditTypedWithoutCountryCodeAsTheBusinessRegionsNumber() throws Exception {
    // the run config names Portugal in business.phone_region
    String id = RunFixture.CONFLICT_ID;
    String edit =
        "{\"record_id\":\""
            + id
            + "\",\"decision\":\"edit\",\"edits\":{\"phone\":\"PHONE\"},\"reason\":\"called\"}";

    ReviewApi.Answer national = api.post("/api/decisions", edit.replace("PHONE", "933 333 333"));

    assertThat(national.status()).as(national.json().toString()).isEqualTo(200);
    assertThat(ReviewApi.decisions(dir).get(0).path("edits").path("phone").asText())
        .isEqualTo("+351933333333");
    ReviewApi.Answer unreadable = api.post("/api/decisions", edit.replace("PHONE", "933 33"));
    assertThat(unreadable.status()).isEqualTo(400);
    assertThat(unreadable.json().path("error").asText())
        .startsWith(
            "Cannot edit record "
                + id
                + ": field phone is phone: \"933 33\" is not a phone number of region PT"
                + " (business.phone_region of ")
        .contains("nor one with a country code");
    assertThat(ReviewApi.decisions(dir)).hasSize(1);
  }

  @Test
  void refusesAPhoneEditTooShortToBeANumberInUseAndSaysWhy() throws Exception {
    // a possible length for the Netherlands (the mappings keep such numbers), but no number
    ReviewApi.Answer short1 =
        api.post("/api/decisions", edit(RunFixture.CONFLICT_ID, "phone", "+31 6 1234"));

    assertThat(short1.status()).isEqualTo(400);
    assertThat(short1.json().path("error").asText())
        .isEqualTo(
            "Cannot edit record "
                + RunFixture.CONFLICT_ID
                + ": field phone is phone: \"+31 6 1234\" is not a valid NL number: too short"
                + " for a mobile number (06 12345678)");
    assertThat(ReviewApi.decisions(dir)).isEmpty();
    assertThat(
            api.post("/api/decisions", edit(RunFixture.CONFLICT_ID, "phone", "+31 6 1234 5678"))
                .status())
        .isEqualTo(200);
    assertThat(ReviewApi.decisions(dir).get(0).path("edits").path("phone").asText())
        .isEqualTo("+31612345678");
  }

  @Test
  void readsADateTimeEditWithAnOffsetOrInTheBusinessZoneAndSaysWhatItStored() throws Exception {
    // the sample's business is in Europe/Lisbon: UTC+0 until 29 March 2026 01:00, then +1
    ReviewApi.Answer offset =
        api.post("/api/decisions", edit("pickup_at", "2026-03-28T10:30+01:00"));
    assertThat(offset.status()).as(offset.json().toString()).isEqualTo(200);
    assertThat(offset.json().path("edits").path("pickup_at").asText())
        .isEqualTo("2026-03-28T09:30:00Z");
    assertThat(offset.json().path("stored").path("pickup_at").asText())
        .isEqualTo("\"2026-03-28T10:30+01:00\" is 2026-03-28T09:30:00Z");

    ReviewApi.Answer local = api.post("/api/decisions", edit("return_at", "2026-04-02 10:30"));
    assertThat(local.status()).as(local.json().toString()).isEqualTo(200);
    assertThat(local.json().path("edits").path("return_at").asText())
        .isEqualTo("2026-04-02T09:30:00Z");
    assertThat(local.json().path("stored").path("return_at").asText())
        .isEqualTo(
            "\"2026-04-02 10:30\" read in Europe/Lisbon (+01:00): stored as 2026-04-02T09:30:00Z");
    assertThat(ReviewApi.decisions(dir)).hasSize(2);

    ReviewApi.Answer gap = api.post("/api/decisions", edit("pickup_at", "2026-03-29 01:30"));
    assertThat(gap.status()).isEqualTo(400);
    assertThat(gap.json().path("error").asText())
        .contains(
            "\"2026-03-29 01:30\" is no time in Europe/Lisbon: clocks went from 01:00 to 02:00");
    ReviewApi.Answer twice = api.post("/api/decisions", edit("pickup_at", "2026-10-25 01:30"));
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.json().path("error").asText())
        .contains(
            "\"2026-10-25 01:30\" happened twice in Europe/Lisbon (clocks went back that night):"
                + " 2026-10-25T00:30:00Z (+01:00) and 2026-10-25T01:30:00Z (+00:00)");
    assertThat(api.post("/api/decisions", edit("pickup_at", "2026-10-25T01:30+01:00")).status())
        .as("an offset settles it")
        .isEqualTo(200);
    assertThat(ReviewApi.decisions(dir)).hasSize(3);
  }

  @Test
  void storesAnEmailEditTypedWithCapitalsAsTheMappingsWriteIt() throws Exception {
    ReviewApi.Answer capitals =
        api.post("/api/decisions", edit(RunFixture.CONFLICT_ID, "email", " Bob.Stone@Example.COM"));

    assertThat(capitals.status()).as(capitals.json().toString()).isEqualTo(200);
    assertThat(ReviewApi.decisions(dir).get(0).path("edits").path("email").asText())
        .isEqualTo("bob.stone@example.com");
    assertThat(capitals.json().path("stored").path("email").asText())
        .isEqualTo("stored as bob.stone@example.com");
    assertThat(
            api.post("/api/decisions", edit(RunFixture.CONFLICT_ID, "email", "bob at example"))
                .json()
                .path("error")
                .asText())
        .endsWith("field email is email: \"bob at example\" is not an e-mail address");
  }

  @Test
  void anEditMayFillAFieldTheEntityModelDeclaresAndTheRecordLacks() throws Exception {
    // customer:7 has no stripe_customer_id, which the sample's entity model declares
    assertThat(api.get("/api/record?id=" + RunFixture.CONFLICT_ID).json().path("declared_fields"))
        .extracting(JsonNode::asText)
        .contains("stripe_customer_id", "full_name");
    ReviewApi.Answer filled =
        api.post(
            "/api/decisions",
            "{\"record_id\":\""
                + RunFixture.CONFLICT_ID
                + "\",\"decision\":\"edit\",\"edits\":{\"stripe_customer_id\":\"cus_7\"},"
                + "\"reason\":\"from the card\"}");

    assertThat(filled.status()).as(filled.json().toString()).isEqualTo(200);
    assertThat(ReviewApi.decisions(dir).get(0).path("edits").path("stripe_customer_id").asText())
        .isEqualTo("cus_7");
  }

  @Test
  void answersAPageOfTheQueueWithTheNumberOfRecordsTheFiltersMatch() throws Exception {
    JsonNode whole = api.get("/api/queue").json();
    assertThat(whole.path("total").asInt()).isEqualTo(7);
    List<String> ids = new ArrayList<>();
    whole.path("entries").forEach(entry -> ids.add(entry.path("id").asText()));

    JsonNode page = api.get("/api/queue?offset=3&limit=2").json();
    assertThat(page.path("total").asInt()).isEqualTo(7);
    assertThat(page.path("offset").asInt()).isEqualTo(3);
    assertThat(page.path("entries"))
        .extracting(entry -> entry.path("id").asText())
        .containsExactlyElementsOf(ids.subList(3, 5));
    assertThat(page.path("entries").get(0)).isEqualTo(whole.path("entries").get(3));
    assertThat(api.get("/api/queue?offset=6&limit=2").json().path("entries")).hasSize(1);
    assertThat(api.get("/api/queue?offset=9").json().path("entries")).isEmpty();

    JsonNode unlinked = api.get("/api/unlinked?limit=0").json();
    assertThat(unlinked.path("entries")).isEmpty();
    assertThat(unlinked.path("total").asInt()).isEqualTo(1);
  }

  @Test
  void refusesAQueuePageThatIsNotAWholeNumberAndSaysWhich() throws Exception {
    ReviewApi.Answer negative = api.get("/api/queue?limit=-1");
    assertThat(negative.status()).isEqualTo(400);
    assertThat(negative.json().path("error").asText()).contains("limit '-1'");
    ReviewApi.Answer text = api.get("/api/unlinked?offset=first");
    assertThat(text.status()).isEqualTo(400);
    assertThat(text.json().path("error").asText()).contains("offset 'first'");
  }

  @Test
  void sendsTheQueueAsItIsWrittenRatherThanFromAWholeCopyInMemory() throws Exception {
    // a length sent before the body means the whole answer was held first: at 300k reservations
    // a queue is over 100 MB of JSON
    assertThat(api.header("/api/queue", "content-length")).isEmpty();
    assertThat(api.header("/api/unlinked", "content-length")).isEmpty();
    assertThat(api.header("/api/version", "content-length")).isPresent();
  }

  @Test
  void listsUnlinkedEvidenceApartFromTheQueueAndTakesNoDecisionOnIt() throws Exception {
    JsonNode unlinked = api.get("/api/unlinked?entity=payment").json();
    assertThat(unlinked.path("entries")).hasSize(1);
    assertThat(unlinked.path("entries").get(0).path("id").asText()).isEqualTo("unlinked:1");
    assertThat(api.get("/api/unlinked?entity=customer").json().path("entries")).isEmpty();

    JsonNode record = api.get("/api/record?id=unlinked:1").json();
    assertThat(record.path("unlinked").asBoolean()).isTrue();
    assertThat(record.path("record").path("evidence").get(0).path("ref").asText())
        .isEqualTo("stripe:ch_orphan");

    ReviewApi.Answer approve =
        api.post("/api/decisions", "{\"record_id\":\"unlinked:1\",\"decision\":\"approve\"}");
    assertThat(approve.status()).isEqualTo(404);
    assertThat(ReviewApi.decisions(dir)).isEmpty();
    assertThat(api.get("/api/queue").json().path("entries")).hasSize(7);
  }

  @Test
  void aDecisionHoldsForTheRecordItWasMadeOnAndARecordThatCameOutOtherwiseIsUndecidedAgain()
      throws Exception {
    String approve = "{\"record_id\":\"" + RunFixture.FLAGGED_ID + "\",\"decision\":\"approve\"}";
    assertThat(api.post("/api/decisions", approve).status()).isEqualTo(200);
    Path records = dir.resolve("review/records.jsonl");
    ReconstructedRecord seen = null;
    for (String line : Files.readAllLines(records)) {
      ReconstructedRecord record = Json.MAPPER.readValue(line, ReconstructedRecord.class);
      if (record.id().equals(RunFixture.FLAGGED_ID)) {
        seen = record;
      }
    }
    String digest = seen.digest();
    assertThat(ReviewApi.decisions(dir))
        .singleElement()
        .satisfies(d -> assertThat(d.path("record_digest").asText()).isEqualTo(digest));
    assertThat(api.get("/api/queue").json().path("progress").path("approve").asInt()).isOne();

    // the run made again into this directory: the same record, another total
    server.close();
    List<String> rewritten = new ArrayList<>();
    for (String line : Files.readAllLines(records)) {
      ReconstructedRecord record = Json.MAPPER.readValue(line, ReconstructedRecord.class);
      if (record.id().equals(RunFixture.FLAGGED_ID)) {
        record =
            record.withField(
                "total_cents",
                new ReconstructedRecord.FieldValue("99900", List.of("stripe:ch_new"), 1.0),
                "a later payment");
      }
      rewritten.add(Json.MAPPER.writeValueAsString(record));
    }
    Files.write(records, rewritten);
    server = ReviewServer.start(dir, "127.0.0.1", 0, "tester");
    api = new ReviewApi(server);

    JsonNode queue = api.get("/api/queue").json();
    assertThat(queue.path("progress").path("approve").asInt()).isZero();
    JsonNode record = api.get("/api/record?id=" + RunFixture.FLAGGED_ID).json();
    assertThat(record.path("decision").isNull()).isTrue();
    assertThat(record.path("history")).hasSize(1);
  }

  private static String edit(String field, String value) {
    return edit(RunFixture.FLAGGED_ID, field, value);
  }

  private static String edit(String id, String field, String value) {
    return "{\"record_id\":\""
        + id
        + "\",\"decision\":\"edit\",\"edits\":{\""
        + field
        + "\":\""
        + value
        + "\"},\"reason\":\"price on the receipt\"}";
  }

  @Test
  void saysHowManyPartitionsTheRunDidNotReadSoAReviewerKnowsEvidenceIsMissing() throws Exception {
    assertThat(api.get("/api/queue").json().path("partitions_not_read").asInt()).isZero();
    server.close();
    Path summary = dir.resolve("summary.json");
    String complete = Files.readString(summary);
    Files.writeString(
        summary,
        complete.substring(0, complete.length() - 1)
            + ",\"not_read\":{\"mail\":[{\"partition\":\"INBOX\",\"not_read\":\"all of it\","
            + "\"records_read\":0,\"last_error\":\"timeout\",\"resumable\":true},"
            + "{\"partition\":\"Sent\",\"not_read\":\"all of it\",\"records_read\":0,"
            + "\"last_error\":\"timeout\",\"resumable\":true}]}}");
    server = ReviewServer.start(dir, "127.0.0.1", 0, "tester");
    api = new ReviewApi(server);

    assertThat(api.get("/api/queue").json().path("partitions_not_read").asInt()).isEqualTo(2);
  }

  @Test
  void ordersTheQueueByNeed() throws Exception {
    List<String> ids = new ArrayList<>();
    api.get("/api/queue").json().path("entries").forEach(e -> ids.add(e.path("id").asText()));
    assertThat(ids.get(0)).isEqualTo(RunFixture.CONFLICT_ID);
    assertThat(ids.get(1)).isEqualTo(RunFixture.FLAGGED_ID);
    assertThat(ids.get(2)).isEqualTo(RunFixture.DOUBTFUL_NEW);
    assertThat(ids.indexOf(RunFixture.DOUBTFUL_NEW))
        .isLessThan(ids.indexOf(RunFixture.UNCHANGED_ID));
    assertThat(ids).hasSize(7);
  }

  @Test
  void putsUnchangedRecordsAfterTheOnesToDecideAtEqualConfidenceAndCountsOnlyThese()
      throws Exception {
    // a new customer as certain as the unchanged one, whose id sorts after it
    server.close();
    Path records = dir.resolve("review/records.jsonl");
    ReconstructedRecord unchanged = null;
    for (String line : Files.readAllLines(records)) {
      ReconstructedRecord record = Json.MAPPER.readValue(line, ReconstructedRecord.class);
      if (record.id().equals(RunFixture.UNCHANGED_ID)) {
        unchanged = record;
      }
    }
    ReconstructedRecord fresh =
        unchanged.toBuilder().id("customer:9").action(ReconstructedRecord.Action.NEW).build();
    Files.writeString(
        records,
        Json.MAPPER.writeValueAsString(fresh) + "\n",
        java.nio.file.StandardOpenOption.APPEND);
    server = ReviewServer.start(dir, "127.0.0.1", 0, "tester");
    api = new ReviewApi(server);

    JsonNode queue = api.get("/api/queue").json();
    List<String> ids = new ArrayList<>();
    queue.path("entries").forEach(e -> ids.add(e.path("id").asText()));
    assertThat(ids.get(ids.size() - 1)).isEqualTo(RunFixture.UNCHANGED_ID);
    assertThat(ids.indexOf("customer:9")).isLessThan(ids.indexOf(RunFixture.UNCHANGED_ID));
    assertThat(queue.path("progress").path("total").asInt()).isEqualTo(7);
    assertThat(queue.path("progress").path("undecided").asInt()).isEqualTo(7);
    assertThat(queue.path("progress").path("unchanged").asInt()).isOne();
  }

  @Test
  void writesDecisionsInTheAgreedFormat() throws Exception {
    api.post(
        "/api/decisions",
        "{\"record_id\":\""
            + RunFixture.UPDATED_ID
            + "\",\"decision\":\"reject\",\"reason\":\"dup\"}");
    JsonNode line = ReviewApi.decisions(dir).get(0);
    assertThat(line.path("id").asText()).matches("[0-9a-f-]{36}");
    assertThat(java.time.Instant.parse(line.path("at").asText())).isNotNull();
    assertThat(line.path("who").asText()).isEqualTo("tester");
    assertThat(line.path("record_id").asText()).isEqualTo(RunFixture.UPDATED_ID);
    assertThat(line.path("decision").asText()).isEqualTo("reject");
    assertThat(line.path("edits").isObject()).isTrue();
    assertThat(line.path("reason").asText()).isEqualTo("dup");
    assertThat(line.has("undoes")).isFalse();
  }

  @Test
  void anEditKeepsTheRecordsEarlierEditsAndNeedsAReason() throws Exception {
    String id = RunFixture.CONFLICT_ID;
    assertThat(
            api.post(
                    "/api/decisions",
                    "{\"record_id\":\""
                        + id
                        + "\",\"decision\":\"edit\",\"edits\":{\"phone\":\"+351933333333\"}}")
                .status())
        .isEqualTo(400);
    api.post(
        "/api/decisions",
        "{\"record_id\":\""
            + id
            + "\",\"decision\":\"edit\",\"edits\":{\"phone\":\"+351933333333\"},\"reason\":\"called\"}");
    api.post(
        "/api/decisions",
        "{\"record_id\":\""
            + id
            + "\",\"decision\":\"edit\",\"edits\":{\"full_name\":\"Bob Stone Jr\"},\"reason\":\"id card\"}");
    List<JsonNode> lines = ReviewApi.decisions(dir);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1).path("edits").path("phone").asText()).isEqualTo("+351933333333");
    assertThat(lines.get(1).path("edits").path("full_name").asText()).isEqualTo("Bob Stone Jr");
    assertThat(
            api.post(
                    "/api/decisions",
                    "{\"record_id\":\""
                        + id
                        + "\",\"decision\":\"edit\",\"edits\":{\"nope\":\"x\"},\"reason\":\"r\"}")
                .json()
                .path("error")
                .asText())
        .contains("no field nope");
  }

  @Test
  void undoCancelsTheLatestDecisionSoTheEarlierOneWinsAgain() throws Exception {
    String id = RunFixture.FLAGGED_ID;
    String first =
        api.post("/api/decisions", "{\"record_id\":\"" + id + "\",\"decision\":\"approve\"}")
            .json()
            .path("id")
            .asText();
    String second =
        api.post("/api/decisions", "{\"record_id\":\"" + id + "\",\"decision\":\"reject\"}")
            .json()
            .path("id")
            .asText();
    JsonNode undo =
        api.post("/api/undo", "{\"decisions\":[\"" + second + "\"]}")
            .json()
            .path("decisions")
            .get(0);
    assertThat(undo.path("undoes").asText()).isEqualTo(second);
    assertThat(undo.path("decision").asText()).isEqualTo("undo");
    assertThat(undo.path("record_id").asText()).isEqualTo(id);
    JsonNode record = api.get("/api/record?id=" + id).json();
    assertThat(record.path("decision").path("id").asText()).isEqualTo(first);
    assertThat(api.post("/api/undo", "{\"decisions\":[\"" + second + "\"]}").status())
        .isEqualTo(409);
  }

  @Test
  void anUndoThatNamesNoDecisionIsRefusedAndUndoesNothing() throws Exception {
    // another tab's approval under the same reviewer name
    api.post(
        "/api/decisions",
        "{\"record_id\":\"" + RunFixture.UPDATED_ID + "\",\"decision\":\"approve\"}");

    ReviewApi.Answer empty = api.post("/api/undo", "{\"decisions\":[]}");
    ReviewApi.Answer none = api.post("/api/undo", "{}");

    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().path("error").asText())
        .isEqualTo("Nothing to undo: name the decision(s) to undo in \"decisions\" (their ids)");
    assertThat(none.status()).isEqualTo(400);
    assertThat(ReviewApi.decisions(dir)).hasSize(1);
  }

  @Test
  void bulkApprovesOnlyUndecidedRecordsMatchingTheFilter() throws Exception {
    String doubtful =
        "{\"record_id\":\"" + RunFixture.CONFIDENT_NEW.get(1) + "\",\"decision\":\"reject\"}";
    api.post("/api/decisions", doubtful);
    JsonNode made =
        api.post(
                "/api/bulk-approve",
                "{\"filter\":{\"action\":\"NEW\",\"minConfidence\":\"0.99\"},\"reason\":\"bulk\"}")
            .json();
    assertThat(made.path("count").asInt()).isEqualTo(1);
    assertThat(made.path("decisions").get(0).path("record_id").asText())
        .isEqualTo(RunFixture.CONFIDENT_NEW.get(0));
  }

  @Test
  void bulkApprovalWithoutAnActionLeavesUnchangedRecordsOutAndSaysHowMany() throws Exception {
    JsonNode made = api.post("/api/bulk-approve", "{\"filter\":{},\"reason\":\"bulk\"}").json();

    List<String> approved = new ArrayList<>();
    made.path("decisions").forEach(decision -> approved.add(decision.path("record_id").asText()));
    assertThat(approved).isNotEmpty().doesNotContain(RunFixture.UNCHANGED_ID);
    assertThat(made.path("unchanged_left_out").asInt()).isEqualTo(1);
    assertThat(made.path("left_out").asText()).contains("1 unchanged record", "\"action\"");

    JsonNode asked =
        api.post("/api/bulk-approve", "{\"filter\":{\"action\":\"UNCHANGED\"},\"reason\":\"bulk\"}")
            .json();
    assertThat(asked.path("count").asInt()).isEqualTo(1);
    assertThat(asked.path("unchanged_left_out").asInt()).isZero();
  }

  @Test
  void aDecisionOnARecordDecidedOtherwiseSinceTheCallerLookedIsRefusedNamingTheNewerOne()
      throws Exception {
    String id = RunFixture.DOUBTFUL_NEW;
    // a colleague's script rejects while a tab still shows the record undecided
    ReviewApi.Answer reject =
        api.post(
            "/api/decisions",
            "{\"record_id\":\"" + id + "\",\"decision\":\"reject\",\"reason\":\"test booking\"}");
    String rejectId = reject.json().path("id").asText();

    ReviewApi.Answer stale =
        api.post(
            "/api/decisions",
            "{\"record_id\":\"" + id + "\",\"decision\":\"approve\",\"expected_decision\":null}");

    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.json().path("error").asText())
        .startsWith("Record " + id + " was decided meanwhile: reject by tester at ")
        .contains("(test booking)", rejectId, "nothing was saved");
    assertThat(ReviewApi.decisions(dir)).hasSize(1);

    ReviewApi.Answer staleEdit =
        api.post(
            "/api/decisions",
            "{\"record_id\":\""
                + id
                + "\",\"decision\":\"edit\",\"edits\":{\"total_cents\":\"100\"},"
                + "\"reason\":\"r\",\"expected_decision\":null}");
    assertThat(staleEdit.status()).isEqualTo(409);
    ReviewApi.Answer seen =
        api.post(
            "/api/decisions",
            "{\"record_id\":\""
                + id
                + "\",\"decision\":\"approve\",\"expected_decision\":\""
                + rejectId
                + "\"}");
    assertThat(seen.status()).as(seen.json().toString()).isEqualTo(200);
    ReviewApi.Answer again =
        api.post(
            "/api/decisions",
            "{\"record_id\":\""
                + id
                + "\",\"decision\":\"reject\",\"expected_decision\":\""
                + rejectId
                + "\"}");
    assertThat(again.status()).as("the reject it expected was replaced").isEqualTo(409);
    assertThat(again.json().path("error").asText()).contains("approve by tester");
    assertThat(ReviewApi.decisions(dir)).hasSize(2);
  }

  @Test
  void aDecisionsAnswerCarriesWhatTheQueueNeedsAndWhetherAnotherDecidedSinceThePageLooked()
      throws Exception {
    // the page updates its queue from a decision's answer instead of reloading all of it (3.6 MB
    // at 22k records, trial 89); the versions tell it when another tab decided in between
    long seen = api.get("/api/queue").json().path("version").asLong(-1);
    assertThat(seen).isZero();

    JsonNode approve =
        api.post(
                "/api/decisions",
                "{\"record_id\":\""
                    + RunFixture.UPDATED_ID
                    + "\",\"decision\":\"approve\",\"expected_decision\":null}")
            .json();

    JsonNode queue = approve.path("queue");
    assertThat(queue.path("version_before").asLong(-1)).isEqualTo(seen);
    assertThat(queue.path("version").asLong(-1)).isEqualTo(seen + 1);
    assertThat(queue.path("entry").path("id").asText()).isEqualTo(RunFixture.UPDATED_ID);
    assertThat(queue.path("entry").path("state").asText()).isEqualTo("decided");
    assertThat(queue.path("entry").path("decision").asText()).isEqualTo("approve");
    JsonNode reloaded = api.get("/api/queue").json();
    assertThat(queue.path("progress")).isEqualTo(reloaded.path("progress"));
    assertThat(reloaded.path("version").asLong(-1)).isEqualTo(seen + 1);
    assertThat(api.get("/api/version").json().path("version").asLong(-1)).isEqualTo(seen + 1);

    // another tab decides: the first tab's next decision names a version before it that is not
    // the one it showed, so it reloads
    api.post(
        "/api/decisions",
        "{\"record_id\":\"" + RunFixture.CONFLICT_ID + "\",\"decision\":\"reject\"}");
    JsonNode next =
        api.post(
                "/api/decisions",
                "{\"record_id\":\""
                    + RunFixture.DOUBTFUL_NEW
                    + "\",\"decision\":\"reject\",\"expected_decision\":null}")
            .json();
    assertThat(next.path("queue").path("version_before").asLong(-1)).isEqualTo(seen + 2);
    assertThat(next.path("queue").path("progress").path("reject").asInt()).isEqualTo(2);
    assertThat(api.get("/api/version").json().path("version").asLong(-1)).isEqualTo(seen + 3);
  }

  @Test
  void aDecisionWithoutAnExpectedDecisionWinsAsScriptsDid() throws Exception {
    String approve = "{\"record_id\":\"" + RunFixture.UPDATED_ID + "\",\"decision\":\"approve\"}";
    assertThat(api.post("/api/decisions", approve).status()).isEqualTo(200);
    assertThat(api.post("/api/decisions", approve.replace("approve", "reject")).status())
        .isEqualTo(200);
    assertThat(ReviewApi.decisions(dir)).hasSize(2);
  }

  @Test
  void aHandWrittenLineIsCheckedAsTheEditFormChecksAndOneThatFailsIsNotAppliedButNamed()
      throws Exception {
    server.close();
    Files.writeString(
        dir.resolve("review/decisions.jsonl"),
        String.join(
            "\n",
            handLine("h1", RunFixture.CONFLICT_ID, "{\"email\": \"<script>x</script>\"}"),
            handLine("h2", RunFixture.UPDATED_ID, "{\"full_name\": \"  lower case  name \"}"),
            handLine("h3", "customer:404", "{\"email\": \"a@example.com\"}"),
            handLine("h4", RunFixture.DOUBTFUL_NEW, "{\"colour\": \"red\"}"),
            handLine(
                "h5", RunFixture.FLAGGED_ID, "{\"total_cents\": \"12\", \"pickup_at\": \"soon\"}"),
            "{\"id\": \"h6\", \"decision\": \"undo\", \"undoes\": \"h1\"}",
            ""));
    server = ReviewServer.start(dir, "127.0.0.1", 0, "tester");
    api = new ReviewApi(server);

    JsonNode queue = api.get("/api/queue").json();

    List<String> notApplied = new ArrayList<>();
    queue.path("not_applied").forEach(line -> notApplied.add(line.asText()));
    String file = dir.resolve("review/decisions.jsonl").toString();
    assertThat(notApplied)
        .containsExactly(
            file
                + ":1: decision h1 (record customer:7, field email) is not applied: field email"
                + " is email: \"<script>x</script>\" is not an e-mail address",
            file
                + ":3: decision h3 (record customer:404) is not applied: the run has no record"
                + " customer:404",
            file
                + ":4: decision h4 (record reservation:n3, field colour) is not applied: it has no"
                + " field colour",
            file
                + ":5: decision h5 (record reservation:r-flagged, field pickup_at) is not applied:"
                + " field pickup_at is datetime: \"soon\" is not a date-time: type"
                + " 2026-03-13T10:00:00Z, 2026-03-13T11:00+01:00 or a local time in"
                + " Europe/Lisbon, 2026-03-13 11:00",
            file
                + ":6: decision h6 is not applied: it undoes decision h1 (line 1),"
                + " itself not applied");
    assertThat(server.decisionsNotApplied()).isEqualTo(notApplied);
    assertThat(api.get("/api/record?id=" + RunFixture.CONFLICT_ID).json().path("decision").isNull())
        .isTrue();
    assertThat(
            api.get("/api/record?id=" + RunFixture.UPDATED_ID)
                .json()
                .path("decision")
                .path("edits")
                .path("full_name")
                .asText())
        .as("applied as the edit form would have stored it")
        .isEqualTo("lower case name");
    assertThat(queue.path("progress").path("edit").asInt()).isOne();
  }

  private static String handLine(String id, String record, String edits) {
    return "{\"id\": \""
        + id
        + "\", \"who\": \"ines\", \"record_id\": \""
        + record
        + "\", \"decision\": \"edit\", \"edits\": "
        + edits
        + ", \"reason\": \"by hand\"}";
  }

  @Test
  void bulkApprovalLeavesFlaggedRecordsOutUnlessAskedAndSaysHowMany() throws Exception {
    // NEW matches the flagged reservation, the two confident ones and the doubtful one
    JsonNode made =
        api.post("/api/bulk-approve", "{\"filter\":{\"action\":\"NEW\"},\"reason\":\"bulk\"}")
            .json();

    assertThat(made.path("count").asInt()).isEqualTo(3);
    assertThat(made.path("flagged_left_out").asInt()).isOne();
    assertThat(api.get("/api/record?id=" + RunFixture.FLAGGED_ID).json().path("decision").isNull())
        .isTrue();
    JsonNode flagged =
        api.post(
                "/api/bulk-approve",
                "{\"filter\":{\"action\":\"NEW\"},\"reason\":\"bulk\",\"include_flagged\":true}")
            .json();
    assertThat(flagged.path("count").asInt()).isOne();
    assertThat(flagged.path("decisions").get(0).path("record_id").asText())
        .isEqualTo(RunFixture.FLAGGED_ID);
  }

  @Test
  void concurrentDecisionsAreAllKept() throws Exception {
    List<String> ids = new ArrayList<>();
    api.get("/api/queue").json().path("entries").forEach(e -> ids.add(e.path("id").asText()));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> posts = new ArrayList<>();
      for (int round = 0; round < 6; round++) {
        for (String id : ids) {
          posts.add(
              () ->
                  api.post(
                          "/api/decisions",
                          "{\"record_id\":\"" + id + "\",\"decision\":\"approve\"}")
                      .status());
        }
      }
      for (Future<Integer> status : pool.invokeAll(posts)) {
        assertThat(status.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    List<JsonNode> lines = ReviewApi.decisions(dir);
    assertThat(lines).hasSize(6 * ids.size());
    assertThat(lines.stream().map(l -> l.path("id").asText()).distinct()).hasSize(lines.size());
  }

  @Test
  void servesTheRawEvidenceByRef() throws Exception {
    JsonNode found =
        api.get("/api/evidence?ref=" + java.net.URLEncoder.encode(RunFixture.MAIL_REF, "UTF-8"))
            .json();
    assertThat(found.path("items").get(0).path("json").path("subject").asText())
        .contains("RW-NEW1");
    assertThat(api.get("/api/evidence?ref=stripe:none").status()).isEqualTo(404);
  }

  @Test
  void decisionsSurviveARestart() throws Exception {
    api.post(
        "/api/decisions",
        "{\"record_id\":\"" + RunFixture.UPDATED_ID + "\",\"decision\":\"approve\"}");
    server.close();
    server = ReviewServer.start(dir, "127.0.0.1", 0, "tester");
    api = new ReviewApi(server);
    assertThat(
            api.get("/api/queue?status=decided").json().path("entries").get(0).path("id").asText())
        .isEqualTo(RunFixture.UPDATED_ID);
  }
}
