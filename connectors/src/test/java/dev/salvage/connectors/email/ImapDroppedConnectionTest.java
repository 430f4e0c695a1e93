package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.salvage.connectors.CapturedStderr;
import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.DroppingProxy;
import dev.salvage.connectors.PartitionFailure;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.UnreadPartitionException;
import jakarta.mail.Flags;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An IMAP server whose connection drops part-way through a folder (GreenMail behind a proxy that
 * cuts the stream): the reader reconnects and goes on after the last message read, and when the
 * server stays away it reports which UIDs it did not read.
 */
class ImapDroppedConnectionTest {
  private static final Instant START = Instant.parse("2026-01-05T12:00:00Z");
  private static final int MESSAGES = 60;

  @TempDir Path temp;
  private ImapTestServer server;
  private DroppingProxy proxy;
  private final List<String> ids = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = new ImapTestServer(temp);
    for (int i = 0; i < MESSAGES; i++) {
      String id = "drop-" + i + "@rentals.example";
      Instant date = START.plus(Duration.ofHours(i));
      server.append("INBOX", ImapTestServer.mail(id, "Booking R-" + i, date), date, new Flags());
      ids.add("email:" + id);
    }
    proxy = new DroppingProxy(server.port());
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    server.close();
  }

  /** The evidence id without the hash of the message that follows the Message-ID. */
  private static String messageRef(RawRecord record) {
    return record.ref().substring(0, record.ref().indexOf('#'));
  }

  private PartitionedSource source(Map<String, String> extra) throws Exception {
    Map<String, String> options = new HashMap<>(extra);
    options.put("port", Integer.toString(proxy.port()));
    options.put("batch_size", "10");
    options.put("backoff", "10ms");
    return server.source("INBOX", options);
  }

  @Test
  void aConnectionDroppedOnceIsResumedAfterTheLastMessageReadWithNothingTwice() throws Exception {
    PartitionedSource source = source(Map.of("snapshot_dir", temp.resolve("snap").toString()));
    List<String> folders = source.partitions();
    proxy.cutAfter(8_000, 1);
    CollectingSink sink = new CollectingSink();

    String console = CapturedStderr.of(() -> source.read(folders.get(0), sink));

    assertThat(proxy.cuts()).isEqualTo(1);
    assertThat(proxy.refused()).isEqualTo(1);
    assertThat(sink.records)
        .extracting(ImapDroppedConnectionTest::messageRef)
        .containsExactlyElementsOf(ids);
    assertThat(console)
        .contains("IMAP source mail: folder INBOX: ")
        .contains("reconnecting, retry 1/3 in ")
        .contains("reconnecting, retry 2/3 in ");
  }

  @Test
  void aFolderTheServerRefusesWithNopermIsReportedAsAPermissionRefusalWithoutRetries()
      throws Exception {
    Instant date = START.plus(Duration.ofDays(10));
    server.append(
        "Staff", ImapTestServer.mail("staff-1@rentals.example", "Rota", date), date, new Flags());
    Map<String, String> options = new HashMap<>();
    options.put("port", Integer.toString(proxy.port()));
    options.put("max_retries", "2");
    options.put("backoff", "10ms");
    PartitionedSource source = server.source("Staff", options);
    List<String> folders = source.partitions();
    proxy.refuseOpening("Staff");
    CollectingSink sink = new CollectingSink();

    UnreadPartitionException thrown =
        catchThrowableOfType(
            () -> CapturedStderr.of(() -> source.read(folders.get(0), sink)),
            UnreadPartitionException.class);

    // asked three times before: a refusal is the same answer each time
    assertThat(proxy.openingsRefused()).isEqualTo(1);
    PartitionFailure failure = thrown.failure();
    assertThat(failure.notRead()).isEqualTo("every message of folder Staff");
    assertThat(failure.lastError())
        .contains("the server refused access to folder Staff: a permission refusal (NOPERM)")
        .contains("not retried")
        .doesNotContain("retries)");
    assertThat(failure.describe())
        .doesNotContain("a rerun resumes where this one stopped")
        .contains("a rerun meets the same refusal until user " + ImapTestServer.USER);
  }

  @Test
  void aServerThatStaysAwayLeavesTheFolderUnreadWithTheUidsNotRead() throws Exception {
    PartitionedSource source = source(Map.of("max_retries", "2"));
    List<String> folders = source.partitions();
    proxy.cutAfter(8_000, Integer.MAX_VALUE);
    CollectingSink sink = new CollectingSink();

    UnreadPartitionException thrown =
        catchThrowableOfType(
            () -> CapturedStderr.of(() -> source.read(folders.get(0), sink)),
            UnreadPartitionException.class);

    PartitionFailure failure = thrown.failure();
    int read = sink.records.size();
    assertThat(read).isBetween(1, MESSAGES - 1);
    assertThat(sink.records)
        .extracting(ImapDroppedConnectionTest::messageRef)
        .containsExactlyElementsOf(ids.subList(0, read));
    assertThat(failure.source()).isEqualTo("mail");
    assertThat(failure.partition()).isEqualTo("INBOX");
    assertThat(failure.read()).isEqualTo(read);
    assertThat(failure.notRead())
        .startsWith("UIDs " + (read + 1) + ".." + MESSAGES + " of folder INBOX")
        .contains((MESSAGES - read) + " message(s) listed and not read; read up to UID " + read);
    assertThat(failure.lastError()).contains("(after 2 retries)");
    assertThat(failure.resumable()).isFalse();
    assertThat(proxy.refused()).isEqualTo(2);
  }

  @Test
  void onceAFolderGaveUpOnTheServerTheNextFolderMakesOneAttemptAndSaysWhy() throws Exception {
    server.append(
        "Archive", ImapTestServer.mail("old-1@rentals.example", "Old", START), START, new Flags());
    Map<String, String> options = new HashMap<>(Map.of("max_retries", "3"));
    options.put("port", Integer.toString(proxy.port()));
    options.put("backoff", "10ms");
    PartitionedSource source = server.source("INBOX, Archive", options);
    assertThat(source.partitions()).containsExactly("INBOX", "Archive");
    proxy.cutAfter(8_000, Integer.MAX_VALUE);

    UnreadPartitionException inbox =
        catchThrowableOfType(
            () -> CapturedStderr.of(() -> source.read("INBOX", new CollectingSink())),
            UnreadPartitionException.class);
    int refusedByInbox = proxy.refused();
    UnreadPartitionException archive =
        catchThrowableOfType(
            () -> CapturedStderr.of(() -> source.read("Archive", new CollectingSink())),
            UnreadPartitionException.class);

    assertThat(inbox.failure().lastError()).contains("(after 3 retries)");
    assertThat(refusedByInbox).isEqualTo(3);
    // the second folder does not spend three more retries (and their backoff) on a server that
    // has just stopped answering: one attempt, and its failure says why there was only one
    assertThat(proxy.refused() - refusedByInbox).isEqualTo(1);
    assertThat(archive.failure().partition()).isEqualTo("Archive");
    assertThat(archive.failure().notRead()).startsWith("every message of folder Archive");
    assertThat(archive.failure().lastError())
        .contains("(one attempt, no retries: the read of folder INBOX gave up on this server after")
        .contains("its 3 retries at ");
  }

  @Test
  void aFolderBegunWhileTheServerWasGivenUpGetsItsRetriesBackOnceItsReadAdvances()
      throws Exception {
    for (int i = 0; i < MESSAGES; i++) {
      Instant date = START.plus(Duration.ofHours(i));
      String id = "old-" + i + "@rentals.example";
      server.append("Archive", ImapTestServer.mail(id, "Old R-" + i, date), date, new Flags());
    }
    Map<String, String> options = new HashMap<>(Map.of("max_retries", "3"));
    options.put("port", Integer.toString(proxy.port()));
    options.put("backoff", "10ms");
    options.put("batch_size", "10");
    PartitionedSource source = server.source("INBOX, Archive", options);
    assertThat(source.partitions()).containsExactly("INBOX", "Archive");
    proxy.cutAfter(8_000, Integer.MAX_VALUE);
    catchThrowableOfType(
        () -> CapturedStderr.of(() -> source.read("INBOX", new CollectingSink())),
        UnreadPartitionException.class);

    // the server is back: Archive begins with the one attempt, reads, then its connection drops
    // once
    proxy.serverBack().cutAfter(8_000, 0);
    CollectingSink archive = new CollectingSink();
    CapturedStderr.of(() -> source.read("Archive", archive));

    assertThat(proxy.cuts()).isEqualTo(2);
    assertThat(archive.records).hasSize(MESSAGES);
  }

  @Test
  void aFolderWhoseListingOutgrowsWhatTheLinkCarriesIsListedAWindowAtATimeAndReadToItsEnd()
      throws Exception {
    // UID and size of 800 messages come to about 32 KB, more than a connection carries here
    int messages = 800;
    List<String> archived = new ArrayList<>();
    for (int i = 0; i < messages; i++) {
      Instant date = START.plus(Duration.ofMinutes(i));
      String id = "archived-" + i + "@rentals.example";
      server.append("Archive", ImapTestServer.mail(id, "Old R-" + i, date), date, new Flags());
      archived.add("email:" + id);
    }
    Map<String, String> options = new HashMap<>();
    options.put("port", Integer.toString(proxy.port()));
    options.put("backoff", "1ms");
    options.put("batch_size", "10");
    PartitionedSource source = server.source("Archive", options);
    source.partitions();
    proxy.cutEachConnectionAfter(24_000);
    CollectingSink sink = new CollectingSink();

    long t0 = System.nanoTime();
    String console = CapturedStderr.of(() -> source.read("Archive", sink));
    System.out.println(
        "DEBUG read ms "
            + (System.nanoTime() - t0) / 1_000_000
            + " cuts "
            + proxy.cuts()
            + "\n"
            + console.substring(0, Math.min(3000, console.length())));

    assertThat(proxy.cuts()).isGreaterThan(5);
    assertThat(sink.records)
        .extracting(ImapDroppedConnectionTest::messageRef)
        .containsExactlyElementsOf(archived);
  }

  @Test
  void aFolderReadInWindowsReportsTheUidsLeftWhenTheServerGoesAway() throws Exception {
    int messages = 450;
    for (int i = 0; i < messages; i++) {
      Instant date = START.plus(Duration.ofMinutes(i));
      String id = "archived-" + i + "@rentals.example";
      server.append("Archive", ImapTestServer.mail(id, "Old R-" + i, date), date, new Flags());
    }
    Map<String, String> options = new HashMap<>();
    options.put("port", Integer.toString(proxy.port()));
    options.put("backoff", "1ms");
    options.put("max_retries", "1");
    options.put("batch_size", "10");
    PartitionedSource source = server.source("Archive", options);
    source.partitions();
    // past the first window of 100: the read stops in a later window, the count is the folder's
    proxy.cutAfter(60_000, Integer.MAX_VALUE);
    CollectingSink sink = new CollectingSink();

    UnreadPartitionException thrown =
        catchThrowableOfType(
            () -> CapturedStderr.of(() -> source.read("Archive", sink)),
            UnreadPartitionException.class);

    int read = sink.records.size();
    assertThat(read).isBetween(101, messages - 1);
    assertThat(thrown.failure().notRead())
        .startsWith("UIDs " + (read + 1) + ".." + messages + " of folder Archive")
        .contains((messages - read) + " message(s) listed and not read; read up to UID " + read);
  }

  @Test
  void aLoginAnsweredNoLimitIsRetriedLikeABusyServerNotTakenForAWrongPassword() throws Exception {
    PartitionedSource source = source(Map.of("max_retries", "3"));
    proxy.refuseLoginsWithLimit(2);
    List<String> folders = new ArrayList<>();
    String listing = CapturedStderr.of(() -> folders.addAll(source.partitions()));
    assertThat(folders).containsExactly("INBOX");
    assertThat(listing).contains("[LIMIT] Maximum number of connections").contains("retry 2/3");

    proxy.refuseLoginsWithLimit(2);
    CollectingSink sink = new CollectingSink();
    String console = CapturedStderr.of(() -> source.read("INBOX", sink));

    assertThat(proxy.loginsRefused()).isEqualTo(4);
    assertThat(sink.records).hasSize(MESSAGES);
    assertThat(console).contains("[LIMIT] Maximum number of connections").contains("retry 2/3");
  }

  /** Ten small mails, one of 100 KB after them in UID order, ten small ones after it. */
  private String appendALargeMailAmongSmallOnes() throws Exception {
    String body = "x".repeat(99) + "\r\n";
    Instant date = START.plus(Duration.ofHours(MESSAGES));
    String large =
        ImapTestServer.mail("large@rentals.example", "Booking with scans", date)
            + body.repeat(1_000);
    server.append("INBOX", large, date, new Flags());
    for (int i = 0; i < 10; i++) {
      String id = "after-" + i + "@rentals.example";
      Instant at = date.plus(Duration.ofMinutes(i + 1));
      server.append("INBOX", ImapTestServer.mail(id, "Booking A-" + i, at), at, new Flags());
      ids.add("email:" + id);
    }
    return "email:large@rentals.example";
  }

  @Test
  void aMessageTheLinkCannotCarryIsLeftOutAndEveryOtherMessageIsRead() throws Exception {
    String large = appendALargeMailAmongSmallOnes();
    PartitionedSource source = source(Map.of());
    List<String> folders = source.partitions();
    proxy.cutEachConnectionAfter(60_000);
    CollectingSink sink = new CollectingSink();
    UnreadPartitionException[] thrown = new UnreadPartitionException[1];

    String console =
        CapturedStderr.of(
            () ->
                thrown[0] =
                    catchThrowableOfType(
                        () -> source.read(folders.get(0), sink), UnreadPartitionException.class));

    assertThat(sink.records)
        .extracting(ImapDroppedConnectionTest::messageRef)
        .containsExactlyElementsOf(ids)
        .doesNotContain(large);
    assertThat(console)
        .contains("fetching the 10 messages of the failed batch one at a time")
        .contains("leaving UID " + (MESSAGES + 1) + " (")
        .contains("unfetched after it failed twice on its own");
    PartitionFailure failure = thrown[0].failure();
    assertThat(failure.read()).isEqualTo(MESSAGES + 10);
    assertThat(failure.notRead())
        .startsWith("UID " + (MESSAGES + 1) + " (")
        .contains("of folder INBOX, which the server failed to send")
        .endsWith("every other message listed was read");
    assertThat(failure.lastError()).contains("failed to arrive each time they were fetched");
    assertThat(proxy.cuts()).isEqualTo(3);
  }

  @Test
  void aRerunWithASnapshotFetchesTheMessageLeftOutOnceTheLinkCarriesIt() throws Exception {
    String large = appendALargeMailAmongSmallOnes();
    Map<String, String> snapshot = Map.of("snapshot_dir", temp.resolve("snap").toString());
    PartitionedSource source = source(snapshot);
    proxy.cutEachConnectionAfter(60_000);
    catchThrowableOfType(
        () -> CapturedStderr.of(() -> source.read("INBOX", new CollectingSink())),
        UnreadPartitionException.class);

    proxy.cutEachConnectionAfter(Long.MAX_VALUE);
    CollectingSink again = new CollectingSink();
    CapturedStderr.of(() -> source(snapshot).read("INBOX", again));

    List<String> all = new ArrayList<>(ids.subList(0, MESSAGES));
    all.add(large);
    all.addAll(ids.subList(MESSAGES, ids.size()));
    assertThat(again.records)
        .extracting(ImapDroppedConnectionTest::messageRef)
        .containsExactlyElementsOf(all);
  }
}
