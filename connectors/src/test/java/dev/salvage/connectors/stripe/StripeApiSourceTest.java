package dev.salvage.connectors.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.connectors.CapturedStderr;
import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.PartitionFailure;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.RetryTally;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.connectors.UnreadPartitionException;
import dev.salvage.connectors.stripe.FakeStripeServer.Fault;
import dev.salvage.connectors.stripe.FakeStripeServer.Request;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
  void slicesCoverTheWindowWithoutGapsOrOverlapsOnAFixedGrid() {
    Instant from = Instant.ofEpochSecond(START + 1_234);
    Instant to = Instant.ofEpochSecond(START + 1_000_003).plusMillis(1);
    for (int count : new int[] {1, 2, 3, 7, 8, 64}) {
      List<Slice> slices = Slice.split(StripeObjectType.CHARGES, from, to, count);
      assertThat(slices).hasSizeBetween(Math.min(count, 2), count);
      assertThat(slices.get(0).from()).isEqualTo(START + 1_234);
      assertThat(slices.get(slices.size() - 1).to()).isEqualTo(START + 1_000_004);
      for (int i = 1; i < slices.size(); i++) {
        assertThat(slices.get(i).from()).isEqualTo(slices.get(i - 1).to());
        // cut at multiples of a power-of-two number of hours since 1970
        long cell = slices.size() > 2 ? slices.get(1).to() - slices.get(1).from() : 3_600;
        assertThat(Long.bitCount(cell / 3_600)).isEqualTo(1);
        assertThat(slices.get(i).from() % cell).isZero();
      }
    }
    assertThat(Slice.split(StripeObjectType.CHARGES, from, from.plusSeconds(3), 8)).hasSize(1);
  }

  @Test
  void aWindowEndingLaterCutsTheSameSlicesButTheLast() {
    Instant from = Instant.ofEpochSecond(START);
    Instant now = Instant.ofEpochSecond(START + 40 * 86_400L + 555);
    List<Slice> earlier = Slice.split(StripeObjectType.CHARGES, from, now, 8);
    List<Slice> later =
        Slice.split(StripeObjectType.CHARGES, from, now.plus(Duration.ofMinutes(7)), 8);

    assertThat(later).hasSameSizeAs(earlier);
    assertThat(later.subList(0, later.size() - 1))
        .isEqualTo(earlier.subList(0, earlier.size() - 1));
    assertThat(later.get(later.size() - 1).from())
        .isEqualTo(earlier.get(earlier.size() - 1).from());
  }

  @Test
  void objectsOnSliceBoundariesAreReadExactlyOnce() throws Exception {
    // one object an hour, cut on whole hours: every boundary holds an object
    PartitionedSource source = open(options("slices", "5", "objects", "charges"));
    List<String> partitions = source.partitions();
    CollectingSink read = readAll(source);

    assertThat(partitions).hasSizeBetween(3, 5);
    assertThat(refs(read)).doesNotHaveDuplicates().hasSize(COUNT);
    assertThat(server.requests().stream().map(r -> r.query().get("created[gte]")).distinct())
        .hasSize(1 + partitions.size());
  }

  @Test
  void rateLimitsServerErrorsAndTimeoutsAreRetriedFromTheSameCursor() throws Exception {
    server.failAfterCursor("ch_3T000150", Fault.rateLimited("1"));
    PartitionedSource source = open(options("slices", "1", "objects", "charges,customers"));
    List<String> partitions = source.partitions();
    server.failNext(Fault.serverError(), Fault.slow(2_500), Fault.rateLimited("0"));
    CollectingSink read = new CollectingSink();
    String err =
        CapturedStderr.of(
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
  void totalsTheRetriesOfASliceByStatusAndTheTimeWaited() throws Exception {
    PartitionedSource source = open(options("slices", "1", "objects", "customers"));
    String partition = source.partitions().get(0);
    server.failAfterCursor("cus_T000150", Fault.rateLimited("1"), Fault.fromProxy(503, ""));
    CollectingSink read = new CollectingSink();

    String err = CapturedStderr.of(() -> source.read(partition, read));

    assertThat(refs(read)).hasSize(COUNT);
    long said =
        err.lines()
            .filter(l -> l.contains("; retry "))
            .mapToLong(l -> Long.parseLong(l.replaceAll(".* in ([0-9]+) ms$", "$1")))
            .sum();
    assertThat(said).isGreaterThanOrEqualTo(1000);
    assertThat(read.tallies)
        .containsEntry("retry(ies) after HTTP 429", 1L)
        .containsEntry("retry(ies) after HTTP 503", 1L)
        .containsEntry(RetryTally.WAITED, said)
        .hasSize(3);
  }

  @Test
  void gatewayErrorsWithoutStripesJsonAreRetriedLikeOtherServerErrors() throws Exception {
    PartitionedSource source = open(options("slices", "1", "objects", "customers"));
    List<String> partitions = source.partitions();
    // a load balancer's gateway timeout has no body; a proxy's bad gateway is an HTML page
    server.failAfterCursor(
        "cus_T000150",
        Fault.fromProxy(504, ""),
        Fault.fromProxy(502, "<html><body><h1>502 Bad Gateway</h1></body></html>"),
        Fault.fromProxy(503, ""));
    CollectingSink read = new CollectingSink();

    String err = CapturedStderr.of(() -> source.read(partitions.get(0), read));

    assertThat(read.quarantined).isEmpty();
    assertThat(refs(read)).doesNotHaveDuplicates().hasSize(COUNT);
    assertThat(err)
        .contains("HTTP 504", "HTTP 502", "HTTP 503", "retry 3/8")
        .doesNotContain("gson", "NullPointerException");
  }

  @Test
  void waitsAtLeastTheRetryAfterOfARateLimit() throws Exception {
    PartitionedSource source = open(options("slices", "1", "objects", "customers"));
    List<String> partitions = source.partitions();
    server.failNext(Fault.rateLimited("1"));
    int before = server.requests().size();

    CapturedStderr.of(() -> source.read(partitions.get(0), new CollectingSink()));

    List<Request> requests = server.requests().subList(before, server.requests().size());
    long gapMillis = (requests.get(1).atNanos() - requests.get(0).atNanos()) / 1_000_000;
    assertThat(gapMillis).isGreaterThanOrEqualTo(950);
  }

  @Test
  void exhaustedRetriesFailThePartitionAsNotReadNamingWhereItStopped() throws Exception {
    server.failAfterCursor(
        "ch_3T000150", Fault.serverError(), Fault.serverError(), Fault.serverError());
    PartitionedSource source =
        open(options("slices", "1", "objects", "charges", "max_retries", "2"));
    String partition = source.partitions().get(0);
    CollectingSink read = new CollectingSink();

    assertThatThrownBy(() -> CapturedStderr.of(() -> source.read(partition, read)))
        .isInstanceOfSatisfying(
            UnreadPartitionException.class,
            e -> {
              PartitionFailure failure = e.failure();
              assertThat(failure.source()).isEqualTo("stripe");
              assertThat(failure.partition()).isEqualTo(partition);
              assertThat(failure.read()).isEqualTo(100);
              assertThat(failure.notRead())
                  .contains("charges created", "objects older than ch_3T000150");
              assertThat(failure.lastError()).contains("gave up after 3 attempt(s)", "HTTP 500");
              assertThat(failure.resumable()).isFalse();
              assertThat(e.getMessage()).contains("a rerun reads it again from its start");
            });
    assertThat(refs(read)).hasSize(100);
  }

  /** The charges as one slice, each failure final, its pages kept in {@code snapshot}. */
  private PartitionedSource snapshotSource(Path snapshot) throws InvalidSourceException {
    return open(
        options(
            "slices",
            "1",
            "objects",
            "charges",
            "max_retries",
            "0",
            "snapshot_dir",
            snapshot.toString()));
  }

  @Test
  void aRerunResumesAFailedSliceAfterItsLastStoredPage() throws Exception {
    Path snapshot = dir.resolve("snapshot");
    server.failAfterCursor("ch_3T000150", Fault.serverError());
    PartitionedSource source = snapshotSource(snapshot);
    String partition = source.partitions().get(0);
    CollectingSink first = new CollectingSink();
    assertThatThrownBy(() -> CapturedStderr.of(() -> source.read(partition, first)))
        .isInstanceOfSatisfying(
            UnreadPartitionException.class,
            e -> {
              assertThat(e.failure().resumable()).isTrue();
              assertThat(e.getMessage()).contains("a rerun resumes where this one stopped");
            });
    int before = server.requests().size();

    CollectingSink rerun = new CollectingSink();
    source.read(partition, rerun);

    List<Request> resumed = server.requests().subList(before, server.requests().size());
    assertThat(resumed).isNotEmpty();
    assertThat(resumed).allMatch(r -> r.query().containsKey("starting_after"));
    assertThat(resumed.get(0).query().get("starting_after")).isEqualTo("ch_3T000150");
    assertThat(refs(rerun)).doesNotHaveDuplicates().hasSize(COUNT);
    assertThat(refs(rerun).subList(0, 100)).isEqualTo(refs(first));
    // a fetch says the stored page's objects as the earlier fetch's, not as fetched now
    assertThat(first.tallies).doesNotContainKey(RecordSink.REPLAYED);
    assertThat(rerun.tallies).containsEntry(RecordSink.REPLAYED, 100L);

    int complete = server.requests().size();
    CollectingSink again = new CollectingSink();
    source.read(partition, again);
    assertThat(server.requests()).hasSize(complete).as("a slice stored to its end");
    assertThat(jsonByRef(again)).isEqualTo(jsonByRef(rerun));
  }

  @Test
  void refetchingWritesTheSamePagesAndTheFolderHoldsEveryObjectOnce() throws Exception {
    Path snapshot = dir.resolve("snapshot");
    // no created_to: the window ends "now", a little later at each fetch
    Map<String, String> options =
        options("slices", "4", "objects", "charges,customers", "snapshot_dir", snapshot.toString());
    options.remove("created_to");
    readAll(open(options));
    List<Path> firstPages = pages(snapshot);
    Thread.sleep(1_100);

    readAll(open(options));
    List<Path> secondPages = pages(snapshot);

    // same slices but the last, whose end moved: its pages are replaced, the others kept
    assertThat(secondPages).hasSameSizeAs(firstPages);
    assertThat(secondPages.stream().filter(firstPages::contains).count())
        .isEqualTo(firstPages.size() - 2);
    CollectingSink fromFiles = new CollectingSink();
    for (Path page : secondPages) {
      new StripeListJsonReader().read(page, "stripe", fromFiles);
    }
    assertThat(refs(fromFiles)).doesNotHaveDuplicates().hasSize(2 * COUNT);
    // the replaced pages are set aside, not deleted
    try (Stream<Path> files = Files.walk(snapshot)) {
      assertThat(
              files
                  .filter(f -> f.getFileName().toString().startsWith(".superseded-"))
                  .filter(Files::isRegularFile))
          .hasSize(2);
    }
  }

  @Test
  void aPermissionCheckThatCannotCompleteDoesNotClaimAnythingWasRead() throws Exception {
    PartitionedSource source = open(options("objects", "charges", "max_retries", "1"));
    server.failNext(Fault.serverError(), Fault.serverError());

    assertThatThrownBy(() -> CapturedStderr.of(source::partitions))
        .isInstanceOf(StripeReadException.class)
        .hasMessageContaining("Stripe did not answer the check that the key may list charges")
        .hasMessageContaining("HTTP 500")
        .hasMessageContaining("Nothing was read")
        .hasMessageNotContaining("were read")
        .hasMessageNotContaining("resume");
  }

  @Test
  void aServerErrorAtOneListsPermissionCheckLeavesThatListUnreadAndReadsTheOthers()
      throws Exception {
    PartitionedSource source =
        open(options("objects", "charges,refunds", "slices", "2", "max_retries", "1"));
    server.failAt("/v1/refunds", Fault.serverError(), Fault.serverError());

    List<String> partitions = new ArrayList<>();
    String said = CapturedStderr.of(() -> partitions.addAll(source.partitions()));
    PartitionedSource worker = workerCopy(source);
    CollectingSink read = new CollectingSink();
    List<PartitionFailure> notRead = new ArrayList<>();
    for (String partition : partitions) {
      try {
        worker.read(partition, read);
      } catch (UnreadPartitionException e) {
        notRead.add(e.failure());
      }
    }

    assertThat(kinds(read)).containsEntry("stripe.charge", (long) COUNT);
    assertThat(notRead).hasSize(2);
    assertThat(notRead)
        .allSatisfy(
            failure -> {
              assertThat(failure.partition()).startsWith("refunds");
              assertThat(failure.notRead()).startsWith("refunds created");
              assertThat(failure.read()).isZero();
              assertThat(failure.lastError())
                  .contains("HTTP 500")
                  .doesNotContain("Nothing was read");
            });
    assertThat(said).contains("refunds").contains("the other lists are read");
    // a list left unread for want of an answer is not asked for again slice by slice
    assertThat(server.requests())
        .filteredOn(r -> r.path().equals("/v1/refunds"))
        .allMatch(r -> !r.query().containsKey("created[gte]"));
  }

  @Test
  void anApiBaseOnAClosedPortIsNamedByItsAddressAndOption() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    PartitionedSource source =
        open(
            options(
                "api_base",
                "http://127.0.0.1:" + port,
                "objects",
                "customers",
                "max_retries",
                "0"));

    assertThatThrownBy(() -> CapturedStderr.of(source::partitions))
        .isInstanceOf(StripeReadException.class)
        .hasMessageContaining(
            "network error: 127.0.0.1:"
                + port
                + " refused the connection (api_base of source stripe)")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void noListAnsweringItsCheckLeavesTheWholeSourceUnreadNamingEveryList() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    PartitionedSource source =
        open(
            options(
                "api_base",
                "http://127.0.0.1:" + port,
                "objects",
                "charges,refunds",
                "max_retries",
                "0"));

    assertThatThrownBy(() -> CapturedStderr.of(source::partitions))
        .isInstanceOf(StripeReadException.class)
        .hasMessageStartingWith(
            "Stripe answered the permission check of none of the source's lists (charges,"
                + " refunds)")
        .hasMessageEndingWith("Nothing was read.");
  }

  @Test
  void aListTheKeyLacksThePermissionForIsLeftUnreadNamingItAndTheOtherListsAreRead()
      throws Exception {
    server.forbid("/v1/refunds", "rak_refund_read");
    PartitionedSource source = open(options("objects", "charges,refunds", "slices", "2"));

    List<String> partitions = new ArrayList<>();
    String said = CapturedStderr.of(() -> partitions.addAll(source.partitions()));
    PartitionedSource worker = workerCopy(source);
    CollectingSink read = new CollectingSink();
    List<PartitionFailure> notRead = new ArrayList<>();
    for (String partition : partitions) {
      try {
        worker.read(partition, read);
      } catch (UnreadPartitionException e) {
        notRead.add(e.failure());
      }
    }

    assertThat(kinds(read)).containsEntry("stripe.charge", (long) COUNT);
    assertThat(notRead).hasSize(2);
    assertThat(notRead)
        .allSatisfy(
            failure -> {
              assertThat(failure.notRead()).startsWith("refunds created");
              assertThat(failure.read()).isZero();
              assertThat(failure.resumable()).isFalse();
              assertThat(failure.lastError())
                  .contains(
                      "HTTP 403, the key lacks the permission rak_refund_read",
                      "Use a key with rak_refund_read, or leave refunds out of the source's"
                          + " objects")
                  .doesNotContain(KEY);
            });
    assertThat(said)
        .contains("Stripe refused to list refunds (permission check)", "the other lists are read");
    // a refusal is not asked again slice by slice
    assertThat(server.requests()).filteredOn(r -> r.path().equals("/v1/refunds")).hasSize(1);
  }

  @Test
  void aKeyRefusedEveryListStopsTheSourceBeforeAnythingIsReadNamingThem() throws Exception {
    server.forbid("/v1/charges", "rak_charge_read").forbid("/v1/refunds", "rak_refund_read");
    PartitionedSource source = open(options("objects", "charges,refunds"));

    assertThatThrownBy(source::partitions)
        .isInstanceOf(InvalidSourceException.class)
        .hasCauseInstanceOf(StripeAccessDeniedException.class)
        .hasMessageStartingWith(
            "Source stripe: the key may list none of the source's lists (charges, refunds)")
        .hasMessageContaining("rak_refund_read")
        .hasMessageEndingWith("Nothing was read.")
        .hasMessageNotContaining(KEY);
    assertThat(server.requests()).noneMatch(r -> r.query().containsKey("created[gte]"));
  }

  @Test
  void aRefusedListBesideListsThatDidNotAnswerLeavesNothingToReadNamingBoth() throws Exception {
    server.forbid("/v1/refunds", "rak_refund_read");
    server.failAt("/v1/charges", Fault.serverError(), Fault.serverError());
    PartitionedSource source = open(options("objects", "charges,refunds", "max_retries", "1"));

    assertThatThrownBy(() -> CapturedStderr.of(source::partitions))
        .isInstanceOf(StripeReadException.class)
        .hasMessageStartingWith(
            "Stripe answered the permission check of none of the source's lists (charges;"
                + " refused: refunds)")
        .hasMessageEndingWith("Nothing was read.");
  }

  /** The pages a stripe-json source over the snapshot reads (set-aside ones are hidden). */
  private static List<Path> pages(Path snapshot) throws IOException {
    return SourceReaders.inputFiles(snapshot).stream().sorted().toList();
  }

  @Test
  void aMissingPermissionOfTheOnlyListFailsBeforeReadingAndNamesIt() throws Exception {
    server.forbid("/v1/invoices", "rak_invoice_read");
    PartitionedSource source = open(options("objects", "invoices"));

    assertThatThrownBy(source::partitions)
        .isInstanceOf(InvalidSourceException.class)
        .hasCauseInstanceOf(StripeAccessDeniedException.class)
        .hasMessageStartingWith("Source stripe: Stripe refused to list invoices (permission check)")
        .hasMessageContaining("HTTP 403")
        .hasMessageEndingWith("Nothing was read.")
        .hasMessageContaining(
            "Use a key with rak_invoice_read, or leave invoices out of the source's objects")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void anApiBaseThatIsNotTheApiRootIsAConfigurationErrorNamingIt() throws Exception {
    String wrong = server.baseUrl() + "/v1";
    PartitionedSource source = open(options("objects", "charges", "api_base", wrong));

    assertThatThrownBy(() -> CapturedStderr.of(source::partitions))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageStartingWith("Source stripe: cannot check that the key may list charges")
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("Check api_base (now " + wrong + ")")
        .hasMessageEndingWith("Nothing was read.")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void aRejectedKeyFailsClearly() throws Exception {
    Files.writeString(keyFile, "rk_test_someOtherKeyThatStripeDoesNotKnow");
    PartitionedSource source = open(options());

    assertThatThrownBy(source::partitions)
        .isInstanceOf(InvalidSourceException.class)
        .hasCauseInstanceOf(StripeAccessDeniedException.class)
        .hasMessageStartingWith("Source stripe: Stripe refused the credentials (GET /v1/")
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("api_key_env or api_key_file")
        .hasMessageContaining("Invalid API Key")
        .hasMessageNotContaining("someOtherKey");
  }

  @Test
  void aLiveSecretKeyIsRefusedUnlessAllowed() throws Exception {
    String live = "sk_live_51HliveSecretKeyNeverToBePrinted";
    Files.writeString(keyFile, live);

    String err =
        CapturedStderr.of(
            () ->
                assertThatThrownBy(() -> open(options()))
                    .isInstanceOf(InvalidSourceException.class)
                    .hasMessageContaining("live secret key")
                    .hasMessageContaining("allow_secret_key")
                    .hasMessageNotContaining(live));
    String allowed = CapturedStderr.of(() -> open(options("allow_secret_key", "true")));

    assertThat(err).doesNotContain(live);
    assertThat(allowed).contains("WARNING", "LIVE secret key").doesNotContain(live);
  }

  @Test
  void aTestSecretKeyIsUsedWithALoudWarning() throws Exception {
    String secret = "sk_test_51HtestSecretKeyNeverToBePrinted";
    Files.writeString(keyFile, secret);

    String err = CapturedStderr.of(() -> open(options()));

    assertThat(err).contains("WARNING", "sk_test_", "restricted key").doesNotContain(secret);
  }

  @Test
  void aRestrictedKeyIsUsedSilently() throws Exception {
    assertThat(CapturedStderr.of(() -> open(options()))).isEmpty();
  }

  @Test
  void snapshotPagesReadBackAsTheSameRecordsWithoutTheKey() throws Exception {
    Path snapshot = dir.resolve("snapshot");
    server.failAfterCursor("cus_T000150", Fault.serverError());
    PartitionedSource source = open(options("slices", "2", "snapshot_dir", snapshot.toString()));
    CollectingSink fromApi = new CollectingSink();
    String err =
        CapturedStderr.of(
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

    assertThat(pages)
        .allMatch(p -> p.getFileName().toString().matches("page-\\d+-\\d+-\\d{4}\\.json"));
    assertThat(snapshot.resolve("checkout_sessions")).isDirectory();
    assertThat(fromFiles.quarantined).isEmpty();
    assertThat(jsonByRef(fromFiles)).isEqualTo(jsonByRef(fromApi)).hasSize(6 * COUNT);
    assertThat(err).contains("HTTP 500").doesNotContain(KEY);
    for (Path page : pages) {
      assertThat(Files.readString(page)).doesNotContain(KEY).doesNotContain("_secret_");
    }
    assertThat(fromApi.records).noneMatch(r -> r.location().contains(KEY));
    assertThat(fromApi.records)
        .as("a PaymentIntent's client_secret is kept out of records and snapshots")
        .noneMatch(r -> r.json().contains("_secret_"));
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

  @Test
  void aPageRepeatingObjectsAlreadyReadIsAskedAgainNeverPassedOnTwiceNorStored() throws Exception {
    Path snapshot = dir.resolve("snapshot");
    // page 2 answered once with page 1's objects, and a has_more that goes on after them
    server.failAfterCursor("ch_3T000150", Fault.fromStart());
    PartitionedSource source =
        open(options("slices", "1", "objects", "charges", "snapshot_dir", snapshot.toString()));
    String partition = source.partitions().get(0);
    CollectingSink read = new CollectingSink();

    String err = CapturedStderr.of(() -> source.read(partition, read));

    assertThat(refs(read)).doesNotHaveDuplicates().hasSize(COUNT);
    assertThat(err).contains("page 2 repeats 100 of its 100 object(s) already read", "retry 1/8");
    CollectingSink stored = new CollectingSink();
    for (Path page : pages(snapshot)) {
      new StripeListJsonReader().read(page, "stripe", stored);
    }
    assertThat(refs(stored)).doesNotHaveDuplicates().hasSize(COUNT);
  }

  @Test
  void aServerRepeatingAPageForeverLeavesTheSliceNotReadInsteadOfLooping() throws Exception {
    Fault[] always = new Fault[20];
    java.util.Arrays.fill(always, Fault.fromStart());
    server.failAfterCursor("ch_3T000150", always);
    PartitionedSource source =
        open(options("slices", "1", "objects", "charges", "max_retries", "2"));
    String partition = source.partitions().get(0);
    CollectingSink read = new CollectingSink();
    int before = server.requests().size();

    assertThatThrownBy(() -> CapturedStderr.of(() -> source.read(partition, read)))
        .isInstanceOfSatisfying(
            UnreadPartitionException.class,
            e -> {
              assertThat(e.failure().read()).isEqualTo(100);
              assertThat(e.failure().notRead()).contains("objects older than ch_3T000150");
              assertThat(e.failure().lastError())
                  .contains("gave up after 3 attempt(s)", "repeats 100 of its 100 object(s)");
            });
    assertThat(refs(read)).doesNotHaveDuplicates().hasSize(100);
    assertThat(server.requests().size() - before).isEqualTo(4);
  }

  @Test
  void aPageSayingHasMoreWithoutObjectsIsAskedAgainThenSaidSo() throws Exception {
    server.failAfterCursor(
        "ch_3T000150",
        Fault.fromProxy(200, "{\"object\": \"list\", \"data\": [], \"has_more\": true}"),
        Fault.fromProxy(200, "{\"object\": \"list\", \"data\": [], \"has_more\": true}"));
    PartitionedSource source =
        open(options("slices", "1", "objects", "charges", "max_retries", "1"));
    String partition = source.partitions().get(0);

    assertThatThrownBy(() -> CapturedStderr.of(() -> source.read(partition, new CollectingSink())))
        .isInstanceOfSatisfying(
            UnreadPartitionException.class,
            e ->
                assertThat(e.failure().lastError())
                    .contains("page 2 says has_more but holds no objects to go on after")
                    .doesNotContain("no id"));
  }

  @Test
  void aPageWithoutHasMoreIsAskedAgainRatherThanTakenForTheSlicesLastPage() throws Exception {
    // a list page that does not say whether more follow cannot end the slice: until 2026-12-07
    // it was read as has_more false, and the 50 charges after it were left out, exit 0
    server.failAfterCursor("ch_3T000150", Fault.withoutHasMore());
    PartitionedSource source = open(options("slices", "1", "objects", "charges"));
    String partition = source.partitions().get(0);
    CollectingSink read = new CollectingSink();

    String err = CapturedStderr.of(() -> source.read(partition, read));

    assertThat(refs(read)).doesNotHaveDuplicates().hasSize(COUNT);
    assertThat(err).contains("not Stripe's JSON").contains("page after ch_3T000150");
    assertThat(read.tallies)
        .as("the retry is totalled as after a malformed answer, not as after a plain HTTP 200")
        .containsEntry("retry(ies) after a malformed answer (HTTP 200)", 1L);
  }

  @Test
  void anAnswerTrickledByteByByteFailsAtTheRequestDeadlineAndIsAskedAgain() throws Exception {
    // every byte within the read timeout (2 s), the whole page never within the deadline
    server.failAfterCursor("ch_3T000150", Fault.trickle(50));
    PartitionedSource source =
        open(options("slices", "1", "objects", "charges", "request_deadline", "1500ms"));
    String partition = source.partitions().get(0);
    CollectingSink read = new CollectingSink();
    long start = System.nanoTime();

    String err = CapturedStderr.of(() -> source.read(partition, read));

    assertThat(refs(read)).doesNotHaveDuplicates().hasSize(COUNT);
    assertThat(err).contains("request_deadline (PT1.5S)", "retry 1/8");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aRetryAfterBeyondItsCapGivesTheSliceUpAtOnceSayingWhenToComeBack() throws Exception {
    server.failAfterCursor("ch_3T000150", Fault.rateLimited("86400"));
    PartitionedSource source = open(options("slices", "1", "objects", "charges"));
    String partition = source.partitions().get(0);
    long start = System.nanoTime();

    assertThatThrownBy(() -> CapturedStderr.of(() -> source.read(partition, new CollectingSink())))
        .isInstanceOfSatisfying(
            UnreadPartitionException.class,
            e -> {
              assertThat(e.failure().read()).isEqualTo(100);
              assertThat(e.failure().lastError())
                  .contains(
                      "HTTP 429",
                      "Retry-After: 86400",
                      "come back in PT24H",
                      "longer than retry_after_max (PT10M)",
                      "gave up at once")
                  .doesNotContain(".;", "quickly.");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aCursorObjectDeletedSinceItWasReadIsSteppedOverAndTheSliceReadToItsEnd() throws Exception {
    server.failAfterCursor("ch_3T000150", Fault.deleteCursor());
    PartitionedSource source = open(options("slices", "1", "objects", "charges"));
    String partition = source.partitions().get(0);
    CollectingSink read = new CollectingSink();

    String err = CapturedStderr.of(() -> source.read(partition, read));

    assertThat(refs(read)).doesNotHaveDuplicates().hasSize(COUNT);
    assertThat(err)
        .contains("Stripe no longer has ch_3T000150", "going on after ch_3T000151")
        .doesNotContain(KEY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"code", "param"})
  void aCursorObjectDeletedSinceIsSteppedOverWhenStripesErrorLeavesOutItsCodeOrParam(String leftOut)
      throws Exception {
    server.cursorErrorLeavesOut(leftOut).failAfterCursor("ch_3T000150", Fault.deleteCursor());
    PartitionedSource source = open(options("slices", "1", "objects", "charges"));
    String partition = source.partitions().get(0);
    CollectingSink read = new CollectingSink();

    String err = CapturedStderr.of(() -> source.read(partition, read));

    assertThat(refs(read)).doesNotHaveDuplicates().hasSize(COUNT);
    assertThat(err).contains("Stripe no longer has ch_3T000150", "going on after ch_3T000151");
  }

  @Test
  void aRerunResumesAfterTheLastStoredObjectThoughItWasDeletedSince() throws Exception {
    Path snapshot = dir.resolve("snapshot");
    server.failAfterCursor("ch_3T000050", Fault.serverError());
    PartitionedSource source = snapshotSource(snapshot);
    String partition = source.partitions().get(0);
    assertThatThrownBy(() -> CapturedStderr.of(() -> source.read(partition, new CollectingSink())))
        .isInstanceOf(UnreadPartitionException.class);
    server.delete("/v1/charges", "ch_3T000050");

    CollectingSink rerun = new CollectingSink();
    CapturedStderr.of(() -> source.read(partition, rerun));

    assertThat(refs(rerun)).doesNotHaveDuplicates().hasSize(COUNT);
    CollectingSink again = new CollectingSink();
    int complete = server.requests().size();
    source.read(partition, again);
    assertThat(server.requests()).hasSize(complete).as("stored to its end");
    assertThat(refs(again)).doesNotHaveDuplicates().hasSize(COUNT);
  }

  @Test
  void aProxyPageInsteadOfAListIsSaidNotStripesJsonWithoutTheKey() throws Exception {
    Path snapshot = dir.resolve("snapshot");
    server.failAfterCursor(
        "ch_3T000150",
        Fault.fromProxy(200, "<html><pre>Authorization: Bearer " + KEY + "</pre></html>"));
    PartitionedSource source =
        open(options("slices", "1", "objects", "charges", "snapshot_dir", snapshot.toString()));
    String partition = source.partitions().get(0);
    CollectingSink read = new CollectingSink();

    String err = CapturedStderr.of(() -> source.read(partition, read));

    assertThat(refs(read)).doesNotHaveDuplicates().hasSize(COUNT);
    assertThat(err)
        .contains("HTTP 200: an answer that is not Stripe's JSON (<html><pre>Authorization:")
        .doesNotContain(KEY, "rk_test_51Hfake");
    for (Path page : pages(snapshot)) {
      assertThat(Files.readString(page)).doesNotContain("<html>");
    }
  }

  /**
   * Every fifth customer created 40 days before the window (a returning customer), customer 7
   * deleted since, charge 3 naming a customer Stripe does not know, and charges 1 (in the window)
   * and 5 (before it) naming theirs expanded.
   */
  private void returningCustomers() {
    List<ObjectNode> customers = new ArrayList<>();
    List<ObjectNode> charges = new ArrayList<>();
    for (int n = 0; n < COUNT; n++) {
      long created = START + n * 3_600L;
      customers.add(StripeFixtures.customer(n, n % 5 == 0 ? START - 40 * 86_400L : created));
      charges.add(StripeFixtures.charge(n, created));
    }
    charges.get(3).put("customer", "cus_Tgone");
    charges.get(1).set("customer", customers.get(1));
    charges.get(5).set("customer", customers.get(5));
    server.serve("/v1/customers", customers).serve("/v1/charges", charges);
    server.deleteCustomer("cus_T000007");
  }

  @Test
  void customersTheChargesNameCreatedBeforeTheWindowAreFetchedByIdOnce() throws Exception {
    returningCustomers();
    Path snapshot = dir.resolve("snapshot");
    Map<String, String> options =
        options("slices", "2", "objects", "charges,customers", "snapshot_dir", snapshot.toString());
    PartitionedSource source = open(options);
    CollectingSink read = new CollectingSink();
    CapturedStderr.of(
        () -> {
          for (String partition : source.partitions()) {
            source.read(partition, read);
          }
        });

    // 199 listed (customer 7 is deleted), 50 created before the window, fetched by id
    assertThat(refs(read)).doesNotHaveDuplicates();
    assertThat(kinds(read)).containsEntry("stripe.customer", 249L);
    assertThat(read.json("stripe:cus_T000010").path("email").asText())
        .isEqualTo("customer10@example.com");
    assertThat(read.record("stripe:cus_T000010").location())
        .isEqualTo(server.baseUrl() + "/v1/customers/cus_T000010");
    assertThat(read.tallies).containsValue(50L);
    assertThat(read.quarantined)
        .extracting(Quarantined::reason)
        .satisfiesExactlyInAnyOrder(
            reason ->
                assertThat(reason)
                    .contains("cus_T000007", "charge ch_3T000007", "is deleted in Stripe"),
            reason ->
                assertThat(reason)
                    .contains("Stripe has no customer cus_Tgone", "charge ch_3T000003", "404"));
    List<String> byId =
        server.requests().stream()
            .map(Request::path)
            .filter(p -> p.startsWith("/v1/customers/"))
            .toList();
    assertThat(byId)
        .doesNotHaveDuplicates()
        .contains("/v1/customers/cus_T000010", "/v1/customers/cus_Tgone")
        .as("an expanded customer created in the window is the list's; one before it is asked for")
        .contains("/v1/customers/cus_T000005")
        .doesNotContain("/v1/customers/cus_T000001");
    assertThat(read.json("stripe:cus_T000005").path("email").asText())
        .isEqualTo("customer5@example.com");
    assertThat(server.requests()).extracting(Request::method).containsOnly("GET");

    // the snapshot holds them beside the customers listed, and a rerun asks Stripe nothing
    CollectingSink fromFiles = new CollectingSink();
    try (Stream<Path> files = Files.walk(snapshot)) {
      for (Path page :
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().startsWith("."))
              .toList()) {
        new StripeListJsonReader().read(page, "stripe", fromFiles);
      }
    }
    assertThat(jsonByRef(fromFiles)).isEqualTo(jsonByRef(read));
    PartitionedSource again = open(options);
    List<String> partitions = again.partitions();
    int before = server.requests().size();
    CollectingSink rerun = new CollectingSink();
    for (String partition : partitions) {
      again.read(partition, rerun);
    }
    assertThat(server.requests()).hasSize(before);
    assertThat(jsonByRef(rerun)).isEqualTo(jsonByRef(read));
    assertThat(rerun.quarantined).hasSize(2);
  }

  @Test
  void aCustomerFetchedByIdIsRetriedAndWhenItCannotBeHadTheSliceIsNotRead() throws Exception {
    returningCustomers();
    Path snapshot = dir.resolve("snapshot");
    PartitionedSource source =
        open(
            options(
                "slices",
                "1",
                "objects",
                "charges,customers",
                "max_retries",
                "1",
                "snapshot_dir",
                snapshot.toString()));
    String charges = source.partitions().get(0);
    server.failAt(
        "/v1/customers/cus_T000010",
        Fault.rateLimited("0"),
        Fault.serverError(),
        Fault.serverError());
    CollectingSink first = new CollectingSink();

    String err =
        CapturedStderr.of(
            () ->
                assertThatThrownBy(() -> source.read(charges, first))
                    .isInstanceOfSatisfying(
                        UnreadPartitionException.class,
                        e -> {
                          assertThat(e.failure().notRead())
                              .contains("customers charges created", "cus_T000010");
                          assertThat(e.failure().lastError()).contains("HTTP 500");
                          assertThat(e.failure().resumable()).isTrue();
                        }));
    assertThat(err).contains("HTTP 429", "customer cus_T000010 (named by charge ch_3T000010)");

    CollectingSink rerun = new CollectingSink();
    source.read(charges, rerun);
    assertThat(rerun.refs()).contains("stripe:cus_T000010");
  }

  /**
   * {@link #returningCustomers()}, and payment intents naming the same customers as the charges
   * half the window away, so that every customer is named by slices of two lists.
   */
  private void customersNamedByTwoLists() {
    returningCustomers();
    List<ObjectNode> intents = new ArrayList<>();
    for (int n = 0; n < COUNT; n++) {
      ObjectNode intent = StripeFixtures.other("pi", "payment_intent", n, START + n * 3_600L);
      intent.put("customer", String.format("cus_T%06d", (n + COUNT / 2) % COUNT));
      intents.add(intent);
    }
    server.serve("/v1/payment_intents", intents);
  }

  /** The source as a worker of the pipeline has it: a copy made from its serialized form. */
  private static PartitionedSource workerCopy(PartitionedSource source) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(source);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (PartitionedSource) in.readObject();
    }
  }

  private List<String> customersAskedById() {
    return server.requests().stream()
        .map(Request::path)
        .filter(p -> p.startsWith("/v1/customers/"))
        .toList();
  }

  @Test
  void aCustomerSlicesOfSeveralListsNameIsFetchedOnceThoughEachSliceIsReadByACopyOfTheSource()
      throws Exception {
    customersNamedByTwoLists();
    PartitionedSource source =
        open(options("slices", "4", "objects", "charges,payment_intents,customers"));
    CollectingSink read = new CollectingSink();
    CapturedStderr.of(
        () -> {
          for (String partition : source.partitions()) {
            workerCopy(source).read(partition, read);
          }
        });

    assertThat(customersAskedById()).doesNotHaveDuplicates().contains("/v1/customers/cus_T000010");
    assertThat(refs(read)).doesNotHaveDuplicates();
    assertThat(kinds(read)).containsEntry("stripe.customer", 249L);
    assertThat(read.tallies)
        .containsEntry(
            "customer(s) fetched by id, named by the objects read but created outside the window",
            50L);
  }

  @Test
  void aResumedFetchAsksForNoCustomerAnUnfinishedOneStoredAndStoresNoneTwice() throws Exception {
    customersNamedByTwoLists();
    Path snapshot = dir.resolve("snapshot");
    Map<String, String> options =
        options(
            "slices",
            "2",
            "objects",
            "charges,payment_intents,customers",
            "snapshot_dir",
            snapshot.toString());
    PartitionedSource killed = open(options);
    CapturedStderr.of(
        () -> {
          for (String partition : killed.partitions()) {
            if (partition.startsWith("charges")) {
              killed.read(partition, new CollectingSink());
            }
          }
        });
    List<String> askedBefore = customersAskedById();

    PartitionedSource resumed = open(options);
    CollectingSink read = new CollectingSink();
    CapturedStderr.of(
        () -> {
          // the slices of a fetch are read in parallel, in no set order
          List<String> partitions = new ArrayList<>(resumed.partitions());
          java.util.Collections.reverse(partitions);
          for (String partition : partitions) {
            resumed.read(partition, read);
          }
        });

    List<String> askedAgain =
        customersAskedById().subList(askedBefore.size(), customersAskedById().size());
    assertThat(askedAgain).doesNotContainAnyElementsOf(askedBefore);
    assertThat(refs(read)).doesNotHaveDuplicates();
    CollectingSink fromFiles = new CollectingSink();
    try (Stream<Path> files = Files.list(snapshot.resolve("customers"))) {
      for (Path page :
          files.filter(f -> f.getFileName().toString().startsWith("named-by-")).toList()) {
        new StripeListJsonReader().read(page, "stripe", fromFiles);
      }
    }
    assertThat(refs(fromFiles)).doesNotHaveDuplicates().hasSize(50);
  }

  /**
   * A fetch stopped after it stored the customers list's pages, resumed with the slices naming
   * customers read first: a customer those pages hold is the list's, and asking for it by id (the
   * charges and payment intents name it by id alone, without its created time) is a request for
   * data the snapshot holds. Until 2026-12-06 the resumed fetch asked for every such customer.
   */
  @Test
  void aResumedFetchAsksForNoCustomerTheStoredCustomersPagesHold() throws Exception {
    customersNamedByTwoLists();
    Path snapshot = dir.resolve("snapshot");
    Map<String, String> options =
        options(
            "slices",
            "2",
            "objects",
            "charges,payment_intents,customers",
            "snapshot_dir",
            snapshot.toString());
    PartitionedSource killed = open(options);
    CapturedStderr.of(
        () -> {
          for (String partition : killed.partitions()) {
            if (partition.startsWith("customers")) {
              killed.read(partition, new CollectingSink());
            }
          }
        });
    int before = customersAskedById().size();

    PartitionedSource resumed = open(options);
    CollectingSink read = new CollectingSink();
    CapturedStderr.of(
        () -> {
          List<String> partitions = new ArrayList<>(resumed.partitions());
          partitions.sort(java.util.Comparator.comparing((String p) -> p.startsWith("customers")));
          for (String partition : partitions) {
            workerCopy(resumed).read(partition, read);
          }
        });

    List<String> askedAgain = customersAskedById().subList(before, customersAskedById().size());
    // those created before the window, the deleted one and the one Stripe does not know
    assertThat(askedAgain)
        .doesNotHaveDuplicates()
        .hasSize(52)
        .allMatch(
            path ->
                path.endsWith("cus_Tgone")
                    || path.endsWith("cus_T000007")
                    || Integer.parseInt(path.substring(path.length() - 6)) % 5 == 0);
    assertThat(refs(read)).doesNotHaveDuplicates();
    assertThat(kinds(read)).containsEntry("stripe.customer", 249L);
  }

  /** The created[gte] of the list requests (the permission probes before them have none). */
  private static List<String> windowStarts(List<Request> requests) {
    List<String> starts =
        requests.stream().map(r -> r.query().get("created[gte]")).filter(s -> s != null).toList();
    assertThat(starts).isNotEmpty();
    return starts;
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
