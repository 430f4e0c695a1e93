package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchManifestTest {
  private static final String GONE =
      "1 message listed in INBOX (UID 300) was gone when fetched: expunged on the server during"
          + " the fetch";

  @TempDir Path snapshot;

  private static FetchManifest listing(String... partitions) {
    return new FetchManifest(
        "mail",
        "imap",
        "2026-12-06T06:35:00Z",
        java.util.Arrays.stream(partitions)
            .map(p -> new FetchManifest.Entry(p, "folder " + p, null, false, null))
            .toList());
  }

  @Test
  void keepsTheNoteOfAFolderTheFetchFailedOnWhenARerunCompletesIt() throws Exception {
    listing("INBOX", "Archive")
        .withNote("INBOX", "2026-12-06T06:35:47Z", GONE)
        .withComplete("Archive", "2026-12-06T06:35:48Z")
        .write(snapshot);

    // what the rerun's fetch starts from: the notes of the manifest before it
    assertThat(FetchManifest.notes(snapshot))
        .containsExactlyEntriesOf(java.util.Map.of("INBOX", GONE));
    FetchManifest rerun =
        new FetchManifest(
                "mail",
                "imap",
                "2026-12-06T07:00:00Z",
                List.of(
                    new FetchManifest.Entry(
                        "INBOX",
                        "folder INBOX",
                        null,
                        false,
                        FetchManifest.notes(snapshot).get("INBOX")),
                    new FetchManifest.Entry("Archive", "folder Archive", null, true, null)))
            .withComplete("INBOX", "2026-12-06T07:00:01Z", null);

    assertThat(rerun.partitions().get(0).complete()).isTrue();
    assertThat(rerun.partitions().get(0).note()).isEqualTo(GONE);
  }

  @Test
  void aSnapshotWithoutManifestHasNoNotes() {
    assertThat(FetchManifest.notes(snapshot)).isEmpty();
  }
}
