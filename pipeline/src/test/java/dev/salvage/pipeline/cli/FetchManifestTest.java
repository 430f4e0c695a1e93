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

  @Test
  void aRunOfTheSnapshotSaysWhatTheFetchNotedBesideAFolder() throws Exception {
    Path mail = snapshot.resolve("mail");
    java.nio.file.Files.createDirectories(mail.resolve("INBOX"));
    java.nio.file.Files.writeString(
        mail.resolve("INBOX/1.eml"),
        "Message-ID: <m1@bikes.example>\r\nFrom: hire@bikes.example\r\n"
            + "To: ana@mail.example\r\nDate: Tue, 10 Mar 2026 09:30:00 +0100\r\n"
            + "Subject: Hire HX-1\r\n\r\nHire HX-1 confirmed\r\n");
    new FetchManifest(
            "mail",
            "imap",
            "2026-12-06T06:35:00Z",
            List.of(new FetchManifest.Entry("INBOX", "folder INBOX", null, true, GONE)))
        .write(mail);
    java.nio.file.Files.writeString(
        snapshot.resolve("entities.yaml"),
        """
        entities:
          hire:
            keys: [code]
            fields: {code: upper}
        """);
    java.nio.file.Files.writeString(
        snapshot.resolve("mail.yaml"),
        """
        rules:
          - name: confirmation
            kind: mail
            when: {path: text, matches: "HX-[0-9]+"}
            observed_at: {path: date}
            emit:
              - entity: hire
                fields:
                  code: {path: text, regex: '(HX-[0-9]+)', required: true}
        """);
    Path config =
        java.nio.file.Files.writeString(
            snapshot.resolve("salvage.yaml"),
            """
            business: {name: Bikes, timezone: Europe/Copenhagen}
            entities: entities.yaml
            as_of: 2026-04-01T00:00:00Z
            sources:
              - {name: mail, type: eml, path: mail, mapping: mail.yaml}
            """);
    Path out = snapshot.resolve("out");

    CliRun run = CliRun.of("run", "--config", config.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    com.fasterxml.jackson.databind.JsonNode notes =
        dev.salvage.pipeline.bundle.Json.MAPPER
            .readTree(out.resolve("summary.json").toFile())
            .at("/sources/mail/notes");
    assertThat(notes.toString()).contains("said: " + GONE);
    assertThat(run.err()).contains("Source mail: the fetch into ").contains(GONE);
  }
}
