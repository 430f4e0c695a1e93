package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.salvage.connectors.CapturedStderr;
import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.PartitionFailure;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.UnreadPartitionException;
import jakarta.mail.Flags;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message expunged on the server by another client after the reader listed the folder's UIDs and
 * before it fetched them: the batch's answer lacks it, and so does the answer to it asked alone.
 */
class ImapExpungedDuringFetchTest {
  private static final Instant START = Instant.parse("2026-01-05T12:00:00Z");

  @TempDir Path temp;
  private ImapTestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new ImapTestServer(temp);
    for (int i = 1; i <= 6; i++) {
      Instant date = START.plus(Duration.ofHours(i));
      server.append(
          "INBOX",
          ImapTestServer.mail("gone-" + i + "@rentals.example", "Booking R-" + i, date),
          date,
          new Flags());
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private PartitionedSource source(Map<String, String> extra) throws Exception {
    Map<String, String> options = new HashMap<>(extra);
    // batches of UIDs 1-2, 3-4, 5-6: the listing is done before the first batch is fetched
    options.put("batch_size", "2");
    return server.source("INBOX", options);
  }

  /**
   * A sink that keeps what it is given in {@code kept} and expunges {@code uid} on the server when
   * the first message reaches it, after the listing and before the next batch is fetched.
   */
  private RecordSink expungingOnFirstRecord(long uid, CollectingSink kept) {
    return new RecordSink() {
      @Override
      public void accept(RawRecord record) {
        if (kept.records.isEmpty()) {
          try {
            server.expunge("INBOX", uid);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
        kept.accept(record);
      }

      @Override
      public void quarantine(Quarantined bad) {
        kept.quarantine(bad);
      }

      @Override
      public void note(String note) {
        kept.note(note);
      }

      @Override
      public void tally(String what, long count) {
        kept.tally(what, count);
      }
    };
  }

  @Test
  void aMessageExpungedBetweenListingAndFetchIsSaidGoneAndTheFolderNotRead() throws Exception {
    PartitionedSource source = source(Map.of());
    List<String> folders = source.partitions();
    CollectingSink sink = new CollectingSink();

    UnreadPartitionException thrown =
        catchThrowableOfType(
            () ->
                CapturedStderr.of(
                    () -> source.read(folders.get(0), expungingOnFirstRecord(4, sink))),
            UnreadPartitionException.class);

    // the old reader quarantined it as a bad record and called the folder read to its end
    assertThat(thrown).as("a listed message the server no longer had is not read").isNotNull();
    assertThat(sink.records).hasSize(5);
    assertThat(sink.quarantined).isEmpty();
    String said =
        "1 message listed in INBOX (UID 4) was gone when fetched: expunged on the server during"
            + " the fetch";
    assertThat(sink.notes).containsExactly(said);
    PartitionFailure failure = thrown.failure();
    assertThat(failure.notRead())
        .startsWith("UID 4 of folder INBOX, gone from the server when fetched")
        .endsWith("every other message listed was read");
    assertThat(failure.read()).isEqualTo(5);
    assertThat(failure.describe()).contains("a rerun cannot fetch it");
  }

  @Test
  void saysTheGoneMessageOnTheConsoleNamingFolderAndUid() throws Exception {
    PartitionedSource source = source(Map.of());
    List<String> folders = source.partitions();

    String console =
        CapturedStderr.of(
            () -> {
              try {
                source.read(folders.get(0), expungingOnFirstRecord(5, new CollectingSink()));
              } catch (UnreadPartitionException expected) {
                // what it says is asserted in the test above
              }
            });

    assertThat(console)
        .contains(
            "IMAP source mail: 1 message listed in INBOX (UID 5) was gone when fetched: expunged"
                + " on the server during the fetch");
  }

  @Test
  void aRerunWithASnapshotResumesAfterTheGoneMessageAndReadsTheFolderToItsEnd() throws Exception {
    Map<String, String> snapshot = Map.of("snapshot_dir", temp.resolve("snapshot").toString());
    PartitionedSource first = source(snapshot);
    String folder = first.partitions().get(0);
    catchThrowableOfType(
        () ->
            CapturedStderr.of(
                () -> first.read(folder, expungingOnFirstRecord(4, new CollectingSink()))),
        UnreadPartitionException.class);

    PartitionedSource again = source(snapshot);
    again.partitions();
    CollectingSink rerun = new CollectingSink();
    String console = CapturedStderr.of(() -> again.read(folder, rerun));

    // the gone message cannot be fetched again: the rerun does not stop before it for ever
    assertThat(rerun.records).hasSize(5);
    assertThat(rerun.tallies).containsEntry(RecordSink.REPLAYED, 5L);
    assertThat(console).doesNotContain("was gone");
  }

  /**
   * Gone before the folder's own UID listing: no UID to name, only the count the listing gave.
   * Until 2026-12-06 it was a note of a folder read to its end, and the run exited 0.
   */
  @Test
  void aMessageDeletedBetweenTheFolderListingAndTheFoldersReadLeavesTheFolderNotRead()
      throws Exception {
    PartitionedSource source = source(Map.of());
    List<String> folders = source.partitions();
    server.expunge("INBOX", 3);
    CollectingSink sink = new CollectingSink();

    UnreadPartitionException thrown =
        catchThrowableOfType(
            () -> source.read(folders.get(0), sink), UnreadPartitionException.class);

    assertThat(thrown).as("a message the listing counted and the read did not find").isNotNull();
    assertThat(sink.records).hasSize(5);
    assertThat(sink.notes).isEmpty();
    PartitionFailure failure = thrown.failure();
    assertThat(failure.partition()).isEqualTo("INBOX");
    assertThat(failure.notRead())
        .startsWith("1 message(s) of folder INBOX that it held when listed and no longer held");
    assertThat(failure.read()).isEqualTo(5);
    assertThat(failure.lastError()).contains("had 6 message(s) when listed and 5 when read");
    assertThat(failure.rerun())
        .contains("moved to another folder (Trash, Archive)", "a copy of the mailbox");
  }

  @Test
  void aFolderReadWithEveryMessageItHeldWhenListedIsReadToItsEndWithoutANote() throws Exception {
    PartitionedSource source = source(Map.of());
    List<String> folders = source.partitions();
    CollectingSink sink = new CollectingSink();

    source.read(folders.get(0), sink);

    assertThat(sink.records).hasSize(6);
    assertThat(sink.notes).isEmpty();
  }

  @Test
  void aSearchWindowReadingFewerThanTheFolderHoldsIsNoShortfall() throws Exception {
    PartitionedSource source = source(Map.of("since", "2026-01-06"));
    List<String> folders = source.partitions();
    CollectingSink sink = new CollectingSink();

    source.read(folders.get(0), sink);

    assertThat(sink.records).hasSizeLessThan(6);
  }
}
