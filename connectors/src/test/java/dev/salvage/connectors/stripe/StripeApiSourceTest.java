package dev.salvage.connectors.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.connectors.stripe.FakeStripeServer.Fault;
import dev.salvage.connectors.stripe.FakeStripeServer.Request;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StripeApiSourceTest {
  private static final String KEY = "rk_test_51HfakeRestrictedKeyForTests0123456789";
  private static final long START = 1_767_225_600L; // 2026-01-01T00:00:00Z
  private static final int COUNT = 250;

  @TempDir Path dir;
  private FakeStripeServer server;
  private Path keyFile;

  @BeforeEach
  void startServer() throws IOException {
    server = new FakeStripeServer(KEY);
    StripeFixtures.account(COUNT, START, 3_600).forEach(server::serve);
    keyFile = dir.resolve("stripe.key");
    Files.writeString(keyFile, KEY + "\n");
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private Map<String, String> options(String... pairs) {
    Map<String, String> options = new HashMap<>();
    options.put("api_base", server.baseUrl());
    options.put("api_key_file", keyFile.toString());
    options.put("created_from", Long.toString(START));
    options.put("created_to", Long.toString(START + COUNT * 3_600L));
    options.put("backoff_initial", "1");
    options.put("backoff_max", "5");
    options.put("timeout", "PT2S");
    for (int i = 0; i < pairs.length; i += 2) {
      options.put(pairs[i], pairs[i + 1]);
    }
    return options;
  }

  private PartitionedSource open(Map<String, String> options) throws InvalidSourceException {
    return SourceReaders.open("stripe", "stripe-api", null, options);
  }

  private static CollectingSink readAll(PartitionedSource source) throws Exception {
    CollectingSink collected = new CollectingSink();
    for (String partition : source.partitions()) {
      source.read(partition, collected);
    }
    return collected;
  }

  @Test
  void readsEveryListPageByPageWithGetRequestsOnly() throws Exception {
    CollectingSink read = readAll(open(options("slices", "2")));

    assertThat(read.quarantined).isEmpty();
    assertThat(refs(read)).doesNotHaveDuplicates().hasSize(6 * COUNT);
    assertThat(kinds(read))
        .containsOnlyKeys(
            "stripe.customer",
            "stripe.charge",
            "stripe.payment_intent",
            "stripe.refund",
            "stripe.checkout.session",
            "stripe.invoice");
    assertThat(kinds(read).values()).containsOnly((long) COUNT);
    List<Request> requests = server.requests();
    assertThat(requests).extracting(Request::method).containsOnly("GET");
    assertThat(requests).extracting(r -> r.query().get("limit")).containsOnly("1", "100");
    assertThat(requests).anyMatch(r -> r.query().containsKey("starting_after"));
    assertThat(requests)
        .filteredOn(r -> r.path().equals("/v1/charges") && r.query().get("limit").equals("100"))
        .allMatch(r -> "data.refunds".equals(r.query().get("expand[]")));
    assertThat(requests)
        .filteredOn(r -> !r.path().equals("/v1/charges"))
        .noneMatch(r -> r.query().containsKey("expand[]"));
  }

  @Test
  void slicesCoverTheWindowWithoutGapsOrOverlaps() {
    Instant from = Instant.ofEpochSecond(START);
    Instant to = Instant.ofEpochSecond(START + 1_000_003).plusMillis(1);
    for (int count : new int[] {1, 2, 3, 7, 8, 64}) {
      List<Slice> slices = Slice.split(StripeObjectType.CHARGES, from, to, count);
      assertThat(slices).hasSize(count);
      assertThat(slices.get(0).from()).isEqualTo(START);
      assertThat(slices.get(slices.size() - 1).to()).isEqualTo(START + 1_000_004);
      for (int i = 1; i < slices.size(); i++) {
        assertThat(slices.get(i).from()).isEqualTo(slices.get(i - 1).to());
      }
    }
    assertThat(Slice.split(StripeObjectType.CHARGES, from, from.plusSeconds(3), 8)).hasSize(3);
  }

  @Test
  void objectsOnSliceBoundariesAreReadExactlyOnce() throws Exception {
    // one object an hour, and 5 slices of 50 hours: every boundary holds an object
    CollectingSink read = readAll(open(options("slices", "5", "objects", "charges")));

    assertThat(refs(read)).doesNotHaveDuplicates().hasSize(COUNT);
    assertThat(server.requests().stream().map(r -> r.query().get("created[gte]")).distinct())
        .hasSize(1 + 5);
  }

  @Test
  void rateLimitsServerErrorsAndTimeoutsAreRetriedFromTheSameCursor() throws Exception {
    server.failAfterCursor("ch_3T000150", Fault.rateLimited("1"));
    PartitionedSource source = open(options("slices", "1", "objects", "charges,customers"));
    List<String> partitions = source.partitions();
    server.failNext(Fault.serverError(), Fault.slow(2_500), Fault.rateLimited("0"));
    CollectingSink read = new CollectingSink();
    String err =
        capturingStderr(
            () -> {
              for (String partition : partitions) {
                if (partition.startsWith("charges")) {
                  server.failAfterCursor("ch_3T000150", Fault.serverError());
                }
                source.read(partition, read);
              }
            });

    assertThat(read.quarantined).isEmpty();
    assertThat(refs(read)).doesNotHaveDuplicates().hasSize(2 * COUNT);
    assertThat(err).contains("HTTP 500", "HTTP 429", "network error");
    assertThat(server.requests()).extracting(Request::method).containsOnly("GET");
  }

  @Test
  void waitsAtLeastTheRetryAfterOfARateLimit() throws Exception {
    PartitionedSource source = open(options("slices", "1", "objects", "customers"));
    List<String> partitions = source.partitions();
    server.failNext(Fault.rateLimited("1"));
    int before = server.requests().size();

    capturingStderr(() -> source.read(partitions.get(0), new CollectingSink()));

    List<Request> requests = server.requests().subList(before, server.requests().size());
    long gapMillis = (requests.get(1).atNanos() - requests.get(0).atNanos()) / 1_000_000;
    assertThat(gapMillis).isGreaterThanOrEqualTo(950);
  }

  @Test
  void exhaustedRetriesFailThePartitionNamingWhereToResume() throws Exception {
    server.failAfterCursor(
        "ch_3T000150", Fault.serverError(), Fault.serverError(), Fault.serverError());
    PartitionedSource source =
        open(options("slices", "1", "objects", "charges", "max_retries", "2"));
    CollectingSink read = new CollectingSink();

    assertThatThrownBy(() -> capturingStderr(() -> source.read(source.partitions().get(0), read)))
        .isInstanceOf(StripeReadException.class)
        .hasMessageContaining("charges created")
        .hasMessageContaining("page after ch_3T000150")
        .hasMessageContaining("gave up after 3 attempt(s)")
        .hasMessageContaining("HTTP 500");
    assertThat(refs(read)).hasSize(100);
  }

  @Test
  void aMissingPermissionFailsBeforeReadingAndNamesIt() throws Exception {
    server.forbid("/v1/invoices", "rak_invoice_read");
    PartitionedSource source = open(options());

    assertThatThrownBy(source::partitions)
        .isInstanceOf(StripeAccessDeniedException.class)
        .hasMessageContaining("invoices")
        .hasMessageContaining("HTTP 403")
        .hasMessageContaining("rak_invoice_read")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void aRejectedKeyFailsClearly() throws Exception {
    Files.writeString(keyFile, "rk_test_someOtherKeyThatStripeDoesNotKnow");
    PartitionedSource source = open(options());

    assertThatThrownBy(source::partitions)
        .isInstanceOf(StripeAccessDeniedException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("Invalid API Key")
        .hasMessageNotContaining("someOtherKey");
  }

  @Test
  void aLiveSecretKeyIsRefusedUnlessAllowed() throws Exception {
    String live = "sk_live_51HliveSecretKeyNeverToBePrinted";
    Files.writeString(keyFile, live);

    String err =
        capturingStderr(
            () ->
                assertThatThrownBy(() -> open(options()))
                    .isInstanceOf(InvalidSourceException.class)
                    .hasMessageContaining("live secret key")
                    .hasMessageContaining("allow_secret_key")
                    .hasMessageNotContaining(live));
    String allowed = capturingStderr(() -> open(options("allow_secret_key", "true")));

    assertThat(err).doesNotContain(live);
    assertThat(allowed).contains("WARNING", "LIVE secret key").doesNotContain(live);
  }

  @Test
  void aTestSecretKeyIsUsedWithALoudWarning() throws Exception {
    String secret = "sk_test_51HtestSecretKeyNeverToBePrinted";
    Files.writeString(keyFile, secret);

    String err = capturingStderr(() -> open(options()));

    assertThat(err).contains("WARNING", "sk_test_", "restricted key").doesNotContain(secret);
  }

  @Test
  void aRestrictedKeyIsUsedSilently() throws Exception {
    assertThat(capturingStderr(() -> open(options()))).isEmpty();
  }

  @Test
  void snapshotPagesReadBackAsTheSameRecordsWithoutTheKey() throws Exception {
    Path snapshot = dir.resolve("snapshot");
    server.failAfterCursor("cus_T000150", Fault.serverError());
    PartitionedSource source = open(options("slices", "2", "snapshot_dir", snapshot.toString()));
    CollectingSink fromApi = new CollectingSink();
    String err =
        capturingStderr(
            () -> {
              for (String partition : source.partitions()) {
                source.read(partition, fromApi);
              }
            });

    CollectingSink fromFiles = new CollectingSink();
    List<Path> pages;
    try (Stream<Path> files = Files.walk(snapshot)) {
      pages = files.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path page : pages) {
      new StripeListJsonReader().read(page, "stripe", fromFiles);
    }

    assertThat(pages).allMatch(p -> p.getFileName().toString().matches("page-\\d+-\\d{4}\\.json"));
    assertThat(snapshot.resolve("checkout_sessions")).isDirectory();
    assertThat(fromFiles.quarantined).isEmpty();
    assertThat(jsonByRef(fromFiles)).isEqualTo(jsonByRef(fromApi)).hasSize(6 * COUNT);
    assertThat(err).contains("HTTP 500").doesNotContain(KEY);
    for (Path page : pages) {
      assertThat(Files.readString(page)).doesNotContain(KEY);
    }
    assertThat(fromApi.records).noneMatch(r -> r.location().contains(KEY));
  }

  @Test
  void badOptionsFailAtLoadNamingTheOption() {
    assertThatThrownBy(() -> open(options("slice", "4")))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("unknown option(s) slice");
    assertThatThrownBy(() -> open(options("objects", "charges,payouts")))
        .hasMessageContaining("option objects")
        .hasMessageContaining("unknown object 'payouts'");
    Map<String, String> noWindow = options();
    noWindow.remove("created_from");
    assertThatThrownBy(() -> open(noWindow)).hasMessageContaining("set created_from");
  }

  @Test
  void theWindowDefaultsToTheBackupTimeMinusAMargin() throws Exception {
    Map<String, String> options = options("backup_taken_at", "2026-03-01T00:00:00Z");
    options.remove("created_from");
    options.remove("created_to");
    StripeApiOptions parsed = StripeApiOptions.parse("stripe", null, options, Instant.now());

    assertThat(parsed.createdFrom()).isEqualTo(Instant.parse("2026-01-30T00:00:00Z"));
  }

  @Test
  void theBackupTimeTheRunPassesStartsTheWindowUnlessTheUserSetCreatedFrom() throws Exception {
    Instant backup = Instant.ofEpochSecond(START).plus(Duration.ofDays(40));
    Map<String, String> defaulted = options("slices", "1");
    defaulted.remove("created_from");

    readAll(open(SourceReaders.withBackupTime("stripe-api", defaulted, backup)));
    assertThat(windowStarts(server.requests()))
        .containsOnly(Long.toString(backup.minus(Duration.ofDays(30)).getEpochSecond()));

    int before = server.requests().size();
    readAll(open(SourceReaders.withBackupTime("stripe-api", options("slices", "1"), backup)));
    assertThat(windowStarts(server.requests().subList(before, server.requests().size())))
        .containsOnly(Long.toString(START));
  }

  /** The created[gte] of the list requests (the permission probes before them have none). */
  private static List<String> windowStarts(List<Request> requests) {
    List<String> starts =
        requests.stream().map(r -> r.query().get("created[gte]")).filter(s -> s != null).toList();
    assertThat(starts).isNotEmpty();
    return starts;
  }

  private interface Action {
    void run() throws Exception;
  }

  private static String capturingStderr(Action action) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static List<String> refs(CollectingSink sink) {
    return new ArrayList<>(sink.refs());
  }

  private static Map<String, Long> kinds(CollectingSink sink) {
    Map<String, Long> kinds = new HashMap<>();
    sink.records.forEach(r -> kinds.merge(r.kind(), 1L, Long::sum));
    return kinds;
  }

  private static Map<String, String> jsonByRef(CollectingSink sink) {
    Map<String, String> json = new HashMap<>();
    sink.records.forEach(r -> json.put(r.ref(), r.json()));
    return json;
  }
}
