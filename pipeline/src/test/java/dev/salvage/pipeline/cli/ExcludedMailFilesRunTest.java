package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mail folder holding an Outlook data file: the run names it as not read and advises leaving it
 * out with the source's exclude, and that advice, followed, gives a complete run that counts the
 * file as left out. Until 2026-12-06 a mail source refused include and exclude (exit 2), so the
 * only way out was --allow-incomplete.
 */
class ExcludedMailFilesRunTest {
  @TempDir Path dir;

  @BeforeEach
  void deskFolder() throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("desk/old"));
    Files.writeString(
        dir.resolve("entities.yaml"),
        """
        entities:
          appointment:
            keys: [code]
            fields: {code: upper}
        """);
    Files.writeString(
        dir.resolve("mappings/mail.yaml"),
        """
        rules:
          - name: confirmation
            kind: mail
            when: {path: text, matches: "RDV-[0-9]+"}
            observed_at: {path: date}
            emit:
              - entity: appointment
                fields:
                  code: {path: text, regex: '(RDV-[0-9]+)', required: true}
        """);
    Files.writeString(
        dir.resolve("desk/confirmation.eml"),
        "Message-ID: <m1@kine.example>\r\nFrom: rdv@kine.example\r\n"
            + "To: ines@mail.example\r\nDate: Tue, 10 Mar 2026 09:30:00 +0100\r\n"
            + "Subject: Confirmation\r\n\r\nRDV-10234\r\n");
    // an Outlook data file's magic, then anything
    Files.write(dir.resolve("desk/old/archive.pst"), new byte[] {0x21, 0x42, 0x44, 0x4e, 0, 0});
  }

  private Path config(String source) throws Exception {
    return Files.writeString(
        dir.resolve("salvage.yaml"),
        """
        business: {name: Kine, timezone: Europe/Paris}
        entities: entities.yaml
        as_of: 2026-04-01T00:00:00Z
        sources:
        """
            + "  - "
            + source
            + "\n");
  }

  @Test
  void anExcludedOutlookFileInAMailFolderIsCountedAsLeftOutAndTheRunIsComplete() throws Exception {
    Path out = dir.resolve("out-all");
    CliRun all =
        CliRun.of(
            "run",
            "--config",
            config("{name: desk, type: eml, path: desk, mapping: mappings/mail.yaml}").toString(),
            "--out",
            out.toString());
    assertThat(all.exitCode()).as(all.err()).isEqualTo(SalvageCli.EXIT_INCOMPLETE);
    assertThat(all.err())
        .contains("archive.pst")
        .contains("leave the file out with the source's exclude option")
        .contains("leaving out with the source's exclude");

    Path excluded = dir.resolve("out-excluded");
    CliRun run =
        CliRun.of(
            "run",
            "--config",
            config(
                    "{name: desk, type: eml, path: desk, mapping: mappings/mail.yaml,"
                        + " exclude: [\"*.pst\"]}")
                .toString(),
            "--out",
            excluded.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .contains("Source desk: 1 file(s) left out by include/exclude (")
        .contains("archive.pst")
        .doesNotContain("Cannot read");
    JsonNode summary = Json.MAPPER.readTree(excluded.resolve("summary.json").toFile());
    assertThat(summary.at("/sources/desk/files_left_out").asLong()).isEqualTo(1);
    assertThat(summary.at("/sources/desk/used").asLong()).isEqualTo(1);
    assertThat(summary.path("not_read").isMissingNode() || summary.path("not_read").isEmpty())
        .as(summary.toString())
        .isTrue();
  }
}
