package dev.salvage.connectors.email;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.salvage.connectors.CapturedStderr;
import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.UnreadPartitionException;
import jakarta.mail.Flags;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImapSourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-01-05T12:00:00Z");

  @TempDir Path temp;
  private ImapTestServer server;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  @BeforeEach
  void startServer() throws Exception {
    server = new ImapTestServer(temp);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  /**
   * Appends {@code count} messages to a folder, one a day from {@code START}; returns their ids.
   */
  private List<String> fill(String folder, int count) throws Exception {
    return fill(folder, count, 0, new Flags());
  }

  private List<String> fill(String folder, int count, int first, Flags flags) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      String id = folder.replace('.', '-') + "-" + i + "@rentals.example";
      Instant date = START.plus(Duration.ofHours(i));
      server.append(folder, ImapTestServer.mail(id, "Booking R-" + i, date), date, flags);
      ids.add("email:" + id);
    }
    return ids;
  }

  private static CollectingSink readAll(PartitionedSource source) throws Exception {
    return CollectingSink.readAll(source);
  }

  @Test
  void readsThousandsOfMessagesFromTheFoldersTheGlobsSelect() throws Exception {
    List<String> expected = new ArrayList<>(fill("INBOX", 1500));
    expected.addAll(fill("Archive", 600));
    expected.addAll(fill("Archive.2025", 400));
    fill("Drafts", 40);
    server.folder("Archive.Empty");

    PartitionedSource source = server.source("INBOX, Arch*", Map.of("batch_size", "250"));
    assertThat(source.partitions())
        .containsExactly("INBOX", "Archive", "Archive.2025", "Archive.Empty");

    CollectingSink read = readAll(source);
    assertThat(read.quarantined).isEmpty();
    assertThat(MailRefs.of(read)).hasSize(2500).containsExactlyInAnyOrderElementsOf(expected);
    RawRecord last = read.records.get(read.records.size() - 1);
    assertThat(read.records.get(0).location()).isEqualTo("imap:INBOX#1");
    JsonNode json = JSON.readTree(last.json());
    assertThat(json.path("folder").asText()).isEqualTo("Archive.2025");
    assertThat(json.path("subject").asText()).isEqualTo("Booking R-399");
    assertThat(last.location()).isEqualTo("imap:Archive.2025#400");
    assertThat(last.kind()).isEqualTo("mail");
    assertThat(last.source()).isEqualTo("mail");
  }

  @Test
  void givesTheSameRecordAsTheEmlReaderOnTheSnapshot() throws Exception {
    List<String> ids = fill("INBOX", 30);
    Path snapshot = temp.resolve("snapshot");
    CollectingSink fromImap =
        readAll(server.source("INBOX", Map.of("snapshot_dir", snapshot.toString())));

    CollectingSink fromFiles = new CollectingSink();
    for (Path file : dev.salvage.connectors.SourceReaders.inputFiles(snapshot)) {
      new EmlDirectoryReader().read(file, "mail", fromFiles);
    }
    assertThat(MailRefs.of(fromFiles)).containsExactlyInAnyOrderElementsOf(ids);
    Map<String, String> imapJson = new HashMap<>();
    fromImap.records.forEach(r -> imapJson.put(r.ref(), r.json()));
    for (RawRecord file : fromFiles.records) {
      assertThat(JSON.readTree(file.json())).isEqualTo(JSON.readTree(imapJson.get(file.ref())));
    }
    assertThat(snapshot.resolve("INBOX").resolve("1.eml")).exists();
  }

  @Test
  void resumesAfterTheLastUidAndReplaysTheSnapshotForTheRest() throws Exception {
    List<String> first = fill("INBOX", 120);
    Path snapshot = temp.resolve("snapshot");
    Map<String, String> options = Map.of("snapshot_dir", snapshot.toString(), "batch_size", "50");

    assertThat(readFolder("INBOX", options).fetched()).isEqualTo(120);
    JsonNode state = JSON.readTree(snapshot.resolve(ImapOptions.DEFAULT_STATE_FILE).toFile());
    assertThat(state.path("folders").path("INBOX").path("last_uid").asLong()).isEqualTo(120);

    List<String> added = fill("INBOX", 15, 120, new Flags());
    CollectingSink again = new CollectingSink();
    ImapFolderReader.Outcome outcome = readFolder("INBOX", options, again);

    assertThat(outcome.resumed()).isTrue();
    assertThat(outcome.fetched()).isEqualTo(15);
    assertThat(outcome.replayed()).isEqualTo(120);
    List<String> all = new ArrayList<>(first);
    all.addAll(added);
    assertThat(MailRefs.of(again)).containsExactlyElementsOf(all);
    state = JSON.readTree(snapshot.resolve(ImapOptions.DEFAULT_STATE_FILE).toFile());
    assertThat(state.path("folders").path("INBOX").path("last_uid").asLong()).isEqualTo(135);
  }

  @Test
  void anInterruptedReadGoesOnFromItsLastCompleteBatch() throws Exception {
    List<String> ids = fill("INBOX", 100);
    Path snapshot = temp.resolve("snapshot");
    Map<String, String> options = Map.of("snapshot_dir", snapshot.toString(), "batch_size", "30");

    CollectingSink before = new CollectingSink();
    RecordSink dying =
        new RecordSink() {
          @Override
          public void accept(RawRecord record) {
            if (before.records.size() == 70) {
              throw new IllegalStateException("worker lost");
            }
            before.accept(record);
          }

          @Override
          public void quarantine(Quarantined bad) {
            before.quarantine(bad);
          }
        };
    assertThatThrownBy(() -> readFolder("INBOX", options, dying))
        .hasMessageContaining("worker lost");
    JsonNode state = JSON.readTree(snapshot.resolve(ImapOptions.DEFAULT_STATE_FILE).toFile());
    assertThat(state.path("folders").path("INBOX").path("last_uid").asLong()).isEqualTo(60);

    CollectingSink resumed = new CollectingSink();
    ImapFolderReader.Outcome outcome = readFolder("INBOX", options, resumed);
    assertThat(outcome.replayed()).isEqualTo(60);
    assertThat(outcome.fetched()).isEqualTo(40);
    assertThat(MailRefs.of(resumed)).containsExactlyElementsOf(ids);
  }

  @Test
  void aNewUidValidityForcesAFullReadAndReadsFromTheOldSnapshotOnlyWhatTheServerLost()
      throws Exception {
    List<String> before = fill("Archive", 20);
    Path snapshot = temp.resolve("snapshot");
    Map<String, String> options = Map.of("snapshot_dir", snapshot.toString());
    readFolder("Archive", options);
    long oldValidity = recreateWithANewUidValidity("Archive");
    // the server kept messages 8..19 (renumbered 1..12) and lost 0..7
    List<String> kept = fill("Archive", 12, 8, new Flags());
    List<String> lost = before.subList(0, 8);

    CollectingSink again = new CollectingSink();
    ImapFolderReader.Outcome outcome = readFolder("Archive", options, again);
    assertThat(outcome.resumed()).isFalse();
    assertThat(outcome.replayed()).isZero();
    assertThat(outcome.fetched()).isEqualTo(12);
    assertThat(outcome.fromEarlierSnapshot()).isEqualTo(8);
    assertThat(MailRefs.of(again).subList(0, 12)).containsExactlyElementsOf(kept);
    assertThat(MailRefs.of(again).subList(12, 20)).containsExactlyInAnyOrderElementsOf(lost);
    long newValidity = server.folder("Archive").getUidValidity();
    assertThat(console.toString(UTF_8))
        .contains(
            "IMAP source mail: folder Archive: UIDVALIDITY changed from "
                + oldValidity
                + " to "
                + newValidity)
        .contains("reading the whole folder again")
        .contains(
            "folder Archive: 8 message(s) of an earlier snapshot are no longer on the server; read"
                + " from the snapshot's set-aside files");

    CollectingSink fromFiles = new CollectingSink();
    for (Path file : dev.salvage.connectors.SourceReaders.inputFiles(snapshot)) {
      new EmlDirectoryReader().read(file, "mail", fromFiles);
    }
    assertThat(MailRefs.of(fromFiles)).containsExactlyInAnyOrderElementsOf(kept);
    try (Stream<Path> files = Files.list(snapshot.resolve("Archive"))) {
      assertThat(files.filter(f -> f.getFileName().toString().startsWith(".replaced-")))
          .hasSize(20);
    }
  }

  /**
   * The snapshot read as type eml, as fetch says to run it, reads the mail only its set-aside files
   * hold, as the IMAP source does: they were hidden files eml skips, and the mail the server lost
   * was lost again without a word.
   */
  @Test
  void theSnapshotReadAsEmlReadsOnceTheMailOnlyItsSetAsideFilesHold() throws Exception {
    List<String> before = fill("Archive", 20);
    Path snapshot = temp.resolve("snapshot");
    Map<String, String> options = Map.of("snapshot_dir", snapshot.toString());
    readFolder("Archive", options);
    recreateWithANewUidValidity("Archive");
    List<String> kept = fill("Archive", 12, 8, new Flags());
    readFolder("Archive", options);

    dev.salvage.connectors.PartitionedSource eml =
        dev.salvage.connectors.SourceReaders.open("mail", "eml", snapshot, Map.of());
    CollectingSink fromFiles = new CollectingSink();
    for (String partition : eml.partitions()) {
      eml.read(partition, fromFiles);
    }

    assertThat(MailRefs.of(fromFiles)).containsExactlyInAnyOrderElementsOf(before);
    assertThat(kept).isSubsetOf(before);
    assertThat(fromFiles.records)
        .filteredOn(record -> record.location().contains("/.replaced-"))
        .hasSize(8);
  }

  @Test
  void aRerunAfterARenumberingReadsTheSameMessagesAsTheReadThatSawIt() throws Exception {
    List<String> before = fill("Archive", 10);
    Path snapshot = temp.resolve("snapshot");
    Map<String, String> options =
        Map.of(
            "snapshot_dir",
            snapshot.toString(),
            "state_file",
            temp.resolve("state.json").toString());
    readFolder("Archive", options);
    recreateWithANewUidValidity("Archive");
    List<String> kept = fill("Archive", 6, 4, new Flags());

    CollectingSink renumbered = new CollectingSink();
    assertThat(readFolder("Archive", options, renumbered).fromEarlierSnapshot()).isEqualTo(4);
    CollectingSink rerun = new CollectingSink();
    ImapFolderReader.Outcome outcome = readFolder("Archive", options, rerun);

    assertThat(outcome.resumed()).isTrue();
    assertThat(outcome.fromEarlierSnapshot()).isEqualTo(4);
    assertThat(MailRefs.of(rerun)).containsExactlyInAnyOrderElementsOf(before);
    assertThat(MailRefs.of(renumbered)).containsExactlyInAnyOrderElementsOf(before);
    assertThat(MailRefs.of(rerun).subList(0, 6)).containsExactlyElementsOf(kept);
  }

  @Test
  void uidsRenumberedDownwardsWithoutANewUidValidityAreReportedAndTheFolderReadOnce()
      throws Exception {
    List<String> before = fill("INBOX", 20);
    Path snapshot = temp.resolve("snapshot");
    Map<String, String> options = Map.of("snapshot_dir", snapshot.toString(), "batch_size", "7");
    readFolder("INBOX", options);
    long validity = server.folder("INBOX").getUidValidity();

    // the server lost its UID list: UIDs start again at 1 (so UIDNEXT is not above the last UID
    // read, 20) and UIDVALIDITY stays
    server.renumber("INBOX");
    List<String> now = fill("INBOX", 12, 300, new Flags());
    assertThat(server.folder("INBOX").getUidValidity()).isEqualTo(validity);

    CollectingSink again = new CollectingSink();
    ImapFolderReader.Outcome outcome = readFolder("INBOX", options, again);

    assertThat(outcome.resumed()).isFalse();
    assertThat(outcome.fullReadBecause()).contains("UIDNEXT 13 is not above the last UID read, 20");
    // the server's messages once, then those it no longer holds from the earlier snapshot
    assertThat(MailRefs.of(again).subList(0, 12)).containsExactlyElementsOf(now);
    assertThat(MailRefs.of(again).subList(12, 32)).containsExactlyInAnyOrderElementsOf(before);
    assertThat(console.toString(UTF_8))
        .contains(
            "IMAP source mail: folder INBOX: UIDs were renumbered without a UIDVALIDITY change");
  }

  @Test
  void anotherMessageAtTheLastUidReadIsReportedInsteadOfReadingEverythingAsNew() throws Exception {
    List<String> before = fill("INBOX", 20);
    Path snapshot = temp.resolve("snapshot");
    Map<String, String> options = Map.of("snapshot_dir", snapshot.toString());
    readFolder("INBOX", options);

    // renumbered: UID 20 now holds another message, and UIDs 21-30 are not new mail
    server.renumber("INBOX");
    List<String> now = fill("INBOX", 30, 100, new Flags());

    CollectingSink again = new CollectingSink();
    ImapFolderReader.Outcome outcome = readFolder("INBOX", options, again);

    assertThat(outcome.resumed()).isFalse();
    assertThat(outcome.replayed()).isZero();
    assertThat(outcome.fullReadBecause())
        .contains("UID 20 was <" + before.get(19).substring("email:".length()) + ">")
        .contains("is now <" + now.get(19).substring("email:".length()) + ">");
    // each message of the folder once: the snapshot of the old numbering is not replayed, only
    // its messages the server no longer holds are read, after the server's
    assertThat(MailRefs.of(again).subList(0, 30)).containsExactlyElementsOf(now);
    assertThat(MailRefs.of(again).subList(30, 50)).containsExactlyInAnyOrderElementsOf(before);
    assertThat(console.toString(UTF_8)).contains("UIDs were renumbered");

    // and the next read trusts the new numbering again
    console.reset();
    fill("INBOX", 2, 130, new Flags());
    ImapFolderReader.Outcome next = readFolder("INBOX", options, new CollectingSink());
    assertThat(next.resumed()).isTrue();
    assertThat(next.fetched()).isEqualTo(2);
    assertThat(next.fromEarlierSnapshot()).isEqualTo(20);
    assertThat(console.toString(UTF_8)).doesNotContain("renumbered");
  }

  @Test
  void aDeletedLastMessageIsNotTakenForRenumbering() throws Exception {
    fill("INBOX", 10);
    Path snapshot = temp.resolve("snapshot");
    Map<String, String> options = Map.of("snapshot_dir", snapshot.toString());
    readFolder("INBOX", options);
    server.expunge("INBOX", 10);
    fill("INBOX", 3, 10, new Flags());

    ImapFolderReader.Outcome outcome = readFolder("INBOX", options, new CollectingSink());

    assertThat(outcome.resumed()).isTrue();
    assertThat(outcome.fetched()).isEqualTo(3);
    assertThat(console.toString(UTF_8)).isEmpty();
  }

  @Test
  void saysWhatAFolderReadAwaitsForTheFetchsProgressLine() throws Exception {
    PartitionedSource source =
        server.source("INBOX", Map.of("read_timeout_seconds", "120", "max_retries", "2"));

    assertThat(source.awaited("INBOX"))
        .isEqualTo(
            "127.0.0.1:"
                + server.port()
                + " to answer for folder INBOX; read timeout 120 s (read_timeout_seconds), then a"
                + " reconnect, up to 2 time(s)");
  }

  @Test
  void leavesEveryFlagAsItWas() throws Exception {
    fill("INBOX", 40);
    Flags flagged = new Flags(Flags.Flag.FLAGGED);
    fill("INBOX", 10, 40, flagged);
    Map<Long, Flags> before = flags("INBOX");

    CollectingSink read = readAll(server.source("INBOX", Map.of()));

    assertThat(read.records).hasSize(50);
    assertThat(flags("INBOX")).isEqualTo(before);
    assertThat(server.stored("INBOX"))
        .noneMatch(message -> message.getFlags().contains(Flags.Flag.SEEN));
  }

  private Map<Long, Flags> flags(String folder) throws Exception {
    Map<Long, Flags> flags = new HashMap<>();
    for (StoredMessage message : server.stored(folder)) {
      flags.put(message.getUid(), new Flags(message.getFlags()));
    }
    return flags;
  }

  @Test
  void readsOnlyTheMailReceivedInTheDateRange() throws Exception {
    // one message a day
    List<String> inRange = new ArrayList<>();
    for (int day = 0; day < 20; day++) {
      String id = "day-" + day + "@rentals.example";
      Instant date = START.plus(Duration.ofDays(day));
      server.append("INBOX", ImapTestServer.mail(id, "Day " + day, date), date, new Flags());
      if (day >= 5 && day < 12) {
        inRange.add("email:" + id);
      }
    }
    CollectingSink read =
        readAll(server.source("INBOX", Map.of("since", "2026-01-10", "before", "2026-01-17")));
    assertThat(MailRefs.of(read)).containsExactlyElementsOf(inRange);
  }

  @Test
  void aFolderThatDoesNotExistIsAConfigurationErrorNamingIt() throws Exception {
    fill("INBOX", 1);
    PartitionedSource source = server.source("INBOX,Sent Items", Map.of());
    assertThatThrownBy(source::partitions)
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("folder 'Sent Items' does not exist")
        .hasMessageContaining("INBOX");
  }

  @Test
  void aGlobThatMatchesNoFolderIsAConfigurationErrorNamingItAndTheFolders() throws Exception {
    fill("INBOX", 1);
    fill("Bookings", 1);
    PartitionedSource source = server.source("INBOX,Book*s/*", Map.of());
    assertThatThrownBy(source::partitions)
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageStartingWith("Source mail: folder pattern 'Book*s/*' matches no folder on ")
        .hasMessageContaining("folders: ")
        .hasMessageContaining("Bookings");
  }

  @Test
  void aFolderTheServerListsNoselectWithNothingBelowItIsReportedNotReadRatherThanLeftOut()
      throws Exception {
    fill("INBOX", 2);
    fill("Kurse", 3);
    fill("Projects.2026", 1);
    // Dovecot lists a folder whose directory it may not open as \Noselect \HasNoChildren
    server.unselectable("Kurse");
    server.unselectable("Projects");
    PartitionedSource source = server.source("*", Map.of());

    List<String> folders = source.partitions();
    UnreadPartitionException kurse =
        catchThrowableOfType(
            () -> source.read("Kurse", new CollectingSink()), UnreadPartitionException.class);

    // Projects holds a folder: a parent, as before; Kurse holds none: a folder not opened
    assertThat(folders).containsExactlyInAnyOrder("INBOX", "Kurse", "Projects.2026");
    assertThat(kurse.failure().notRead())
        .isEqualTo("every message of folder Kurse, if it holds any");
    assertThat(kurse.failure().lastError())
        .contains("lists folder Kurse as \\Noselect")
        .contains("a folder the server cannot open");
    assertThat(kurse.failure().resumable()).isFalse();
  }

  @Test
  void aFolderThatTurnsNoselectAfterTheListingIsReportedAtOnceInPlainWordsWithoutRetries()
      throws Exception {
    fill("INBOX", 1);
    fill("Kurse", 3);
    PartitionedSource source = server.source("*", Map.of("backoff", "2s"));
    assertThat(source.partitions()).containsExactlyInAnyOrder("INBOX", "Kurse");
    server.unselectable("Kurse"); // its directory made unreadable after the listing

    long start = System.nanoTime();
    UnreadPartitionException kurse =
        catchThrowableOfType(
            () -> CapturedStderr.of(() -> source.read("Kurse", new CollectingSink())),
            UnreadPartitionException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(kurse.failure().notRead()).isEqualTo("every message of folder Kurse");
    assertThat(kurse.failure().lastError())
        .contains("lists folder Kurse as \\Noselect (it cannot be opened) now")
        .doesNotContain("retries");
  }

  @Test
  void theFolderListingIsRetriedWhileTheServerIsDownAndListsOnceItIsBack() throws Exception {
    PartitionedSource source = server.source("INBOX", Map.of("backoff", "400ms"));
    server.stop();
    Thread restart =
        new Thread(
            () -> {
              try {
                Thread.sleep(600);
                server.restart();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    restart.start();

    List<String> folders = new ArrayList<>();
    String stderr = CapturedStderr.of(() -> folders.addAll(source.partitions()));
    restart.join();

    assertThat(folders).containsExactly("INBOX");
    assertThat(stderr)
        .contains("IMAP source mail: cannot list the folders on 127.0.0.1:" + server.port())
        .contains("reconnecting, retry 1/3 in 400 ms");
  }

  @Test
  void aServerDownThroughTheRetriesAtStartIsReportedWithTheAttemptsMade() throws Exception {
    PartitionedSource source =
        server.source("INBOX", Map.of("backoff", "10ms", "max_retries", "2"));
    server.stop();
    try {
      assertThatThrownBy(() -> CapturedStderr.of(() -> source.partitions()))
          .isInstanceOf(java.io.IOException.class)
          .hasMessageStartingWith(
              "Source mail: cannot list the folders on 127.0.0.1:"
                  + server.port()
                  + " (3 attempt(s): max_retries 2): ");
    } finally {
      server.restart();
    }
  }

  @Test
  void aServerThatRefusesTheConnectionIsNamedWithTheOptionsItCameFrom() throws Exception {
    PartitionedSource source =
        server.source("INBOX", Map.of("backoff", "10ms", "max_retries", "1"));
    server.stop();
    try {
      assertThatThrownBy(() -> CapturedStderr.of(() -> source.partitions()))
          .isInstanceOf(java.io.IOException.class)
          .hasMessageEndingWith(
              ": 127.0.0.1:"
                  + server.port()
                  + " refused the connection (host/port of source mail)");
    } finally {
      server.restart();
    }
  }

  @Test
  void aRefusedLoginIsAConfigurationErrorNamingTheSourceAndUserNotThePassword() throws Exception {
    Path wrong = temp.resolve("wrong-password");
    Files.writeString(wrong, "not-the-password");
    PartitionedSource source =
        dev.salvage.connectors.SourceReaders.open(
            "mail",
            "imap",
            null,
            withPasswordFile(server.options("INBOX", Map.of()), wrong.toString()));
    assertThatThrownBy(source::partitions)
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageStartingWith("Source mail: 127.0.0.1:")
        .hasMessageContaining("refused the login of user")
        .hasMessageContaining("check user and the password option")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-password"));
  }

  @Test
  void anUntrustedCertificateIsAConfigurationErrorThatNamesTheTrustStoreRemedy() throws Exception {
    GreenMail tls = new GreenMail(ServerSetupTest.IMAPS.dynamicPort());
    tls.start();
    try {
      Map<String, String> options = new HashMap<>(server.options("INBOX", Map.of()));
      options.put("port", Integer.toString(tls.getImaps().getPort()));
      options.put("security", "ssl");
      options.put("max_retries", "0");
      PartitionedSource source =
          dev.salvage.connectors.SourceReaders.open("mail", "imap", null, options);
      // GreenMail's own self-signed certificate is in no trust store of this JVM
      assertThatThrownBy(source::partitions)
          .isInstanceOf(InvalidSourceException.class)
          .hasMessageStartingWith("Source mail: 127.0.0.1:" + tls.getImaps().getPort())
          .hasMessageContaining("presented a certificate this JVM does not trust")
          .hasMessageContaining("-Djavax.net.ssl.trustStore=");
    } finally {
      tls.stop();
    }
  }

  /**
   * A folder deleted after the listing was retried three times, then promised a resume that a
   * folder gone cannot give.
   */
  @Test
  void aFolderDeletedAfterItWasListedIsNotReadAtOnceAndItsResumeIsPromisedIfItStillExists()
      throws Exception {
    fill("INBOX", 2);
    fill("Kunden", 3);
    PartitionedSource source =
        server.source(
            "INBOX,Kunden",
            Map.of("snapshot_dir", temp.resolve("snapshot").toString(), "backoff", "10s"));
    assertThat(source.partitions()).containsExactly("INBOX", "Kunden");
    server.deleteFolder("Kunden");

    long started = System.nanoTime();
    assertThatThrownBy(() -> source.read("Kunden", new CollectingSink()))
        .isInstanceOf(dev.salvage.connectors.UnreadPartitionException.class)
        .hasMessageContaining(
            "folder Kunden is no longer on the server (deleted since it was listed)")
        .hasMessageEndingWith("a rerun resumes where this one stopped if the folder still exists");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    CollectingSink inbox = new CollectingSink();
    source.read("INBOX", inbox);
    assertThat(inbox.records).hasSize(2);
  }

  /**
   * The rerun of a fetch into a snapshot that holds a folder the server has since lost refused the
   * configuration and fetched no folder; a folder never on the server is still refused.
   */
  @Test
  void aFolderTheSnapshotHoldsAndTheServerLostIsListedAndReportedGoneWithWhatWasSavedKept()
      throws Exception {
    fill("INBOX", 2);
    fill("Kunden", 3);
    Map<String, String> snapshot = Map.of("snapshot_dir", temp.resolve("snapshot").toString());
    assertThat(readAll(server.source("INBOX,Kunden", snapshot)).records).hasSize(5);
    server.deleteFolder("Kunden");
    fill("INBOX", 1, 2, new Flags());

    PartitionedSource rerun = server.source("INBOX,Kunden", snapshot);

    assertThat(rerun.partitions()).containsExactly("INBOX", "Kunden");
    assertThatThrownBy(() -> rerun.read("Kunden", new CollectingSink()))
        .isInstanceOf(dev.salvage.connectors.UnreadPartitionException.class)
        .hasMessageContaining(
            "the folder no longer exists on the server; what the earlier fetch saved of it is"
                + " kept")
        .hasMessageNotContaining("resumes");
    CollectingSink inbox = new CollectingSink();
    rerun.read("INBOX", inbox);
    assertThat(inbox.records).hasSize(3);
    assertThat(temp.resolve("snapshot/Kunden/3.eml")).exists();
    assertThatThrownBy(() -> server.source("INBOX,Kunden", Map.of()).partitions())
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("folder 'Kunden' does not exist");
  }

  @Test
  void aFolderAnEarlierFetchListedIsKeptWhenTheServerNoLongerHasIt() throws Exception {
    fill("INBOX", 1);
    PartitionedSource source = server.source("INBOX,Kunden", Map.of());

    assertThat(source.partitions(List.of("INBOX", "Kunden", "Other")))
        .containsExactly("INBOX", "Kunden");
    assertThatThrownBy(source::partitions)
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("folder 'Kunden' does not exist");
  }

  /**
   * A folder emptied between the listing and its read was read "to its end" with nothing said, then
   * with a note and exit 0; what it held is data not read.
   */
  @Test
  void aFolderEmptiedBetweenListingAndReadingIsNotReadSayingWhatItHeld() throws Exception {
    fill("INBOX", 2);
    fill("Sent", 6);
    PartitionedSource source = server.source("INBOX,Sent", Map.of());
    assertThat(source.partitions()).containsExactly("INBOX", "Sent");
    server.folder("Sent").deleteAllMessages();
    CollectingSink sink = new CollectingSink();

    UnreadPartitionException sent =
        catchThrowableOfType(() -> source.read("Sent", sink), UnreadPartitionException.class);
    source.read("INBOX", sink);

    assertThat(sent).isNotNull();
    assertThat(sent.failure().notRead()).startsWith("6 message(s) of folder Sent");
    assertThat(sent.failure().lastError()).contains("had 6 message(s) when listed and 0 when read");
    assertThat(sink.records).hasSize(2);
    assertThat(sink.notes).isEmpty();
  }

  private static Map<String, String> withPasswordFile(Map<String, String> options, String file) {
    Map<String, String> changed = new HashMap<>(options);
    changed.put("password_file", file);
    return changed;
  }

  /** Deletes the folder and makes it again, empty, until the server gives it a new UIDVALIDITY. */
  private long recreateWithANewUidValidity(String folder) throws Exception {
    long oldValidity = server.folder(folder).getUidValidity();
    server.deleteFolder(folder);
    // GreenMail derives UIDVALIDITY from the clock in seconds
    while (server.folder(folder).getUidValidity() == oldValidity) {
      server.deleteFolder(folder);
      Thread.sleep(100);
    }
    return oldValidity;
  }

  private ImapFolderReader.Outcome readFolder(String folder, Map<String, String> extra)
      throws Exception {
    return readFolder(folder, extra, new CollectingSink());
  }

  private ImapFolderReader.Outcome readFolder(
      String folder, Map<String, String> extra, RecordSink sink) throws Exception {
    ImapOptions options = ImapOptions.parse("mail", server.options(folder, extra));
    try (Store store = ImapSession.connect(options)) {
      return new ImapFolderReader(options, sink, new PrintStream(console, true, UTF_8))
          .read((IMAPFolder) store.getFolder(folder));
    }
  }

  @Test
  void snapshotFolderNamesStayInsideTheSnapshotAndVisible() {
    MailSnapshot snapshot = new MailSnapshot(temp);
    assertThat(snapshot.directory("[Gmail]/All Mail", '/'))
        .isEqualTo(temp.resolve("[Gmail]").resolve("All Mail"));
    Path trash = snapshot.directory("../.Trash", '.');
    assertThat(trash.getFileName().toString()).isEqualTo("Trash");
    assertThat(temp.relativize(trash).getNameCount()).isEqualTo(4);
    assertThat(temp.relativize(trash).toString()).doesNotContain("..").startsWith("_~");
    Set<Path> escaped = new HashSet<>();
    for (String name : List.of("..", ".hidden", "a\\b", "c:d")) {
      escaped.add(snapshot.directory(name, '/'));
    }
    assertThat(escaped).allSatisfy(path -> assertThat(path.getParent()).isEqualTo(temp));
  }
}
