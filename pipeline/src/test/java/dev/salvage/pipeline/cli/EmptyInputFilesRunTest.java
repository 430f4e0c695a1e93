package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Empty input files (a folder exported empty, a copy that failed): a mail file of 0 bytes gives no
 * record and no other word, so the run names them, on the console and, since 2026-12-07, among the
 * source's notes in summary.json, which the operator reads after the console is gone.
 */
class EmptyInputFilesRunTest {
  @TempDir Path dir;

  @Test
  void emptyMailFilesAreNamedInSummaryJsonAsOnTheConsole() throws Exception {
    Files.createDirectories(dir.resolve("mail"));
    Files.writeString(
        dir.resolve("mail/booking.eml"),
        "Message-ID: <m1@rent.example>\r\nFrom: desk@rent.example\r\nTo: ana@mail.example\r\n"
            + "Date: Tue, 02 Jun 2026 09:30:00 +0000\r\nSubject: Booking SK-1001\r\n\r\nHello\r\n");
    Files.writeString(dir.resolve("mail/inbox-export.eml"), "");
    Files.write(
        dir.resolve("mail/sent-export.eml"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    Files.writeString(
        dir.resolve("entities.yaml"),
        """
        entities:
          reservation:
            keys: [reference]
            fields: {reference: text}
        """);
    Files.writeString(
        dir.resolve("mail.yaml"),
        """
        rules:
          - name: booking
            kind: mail
            observed_at: {path: date}
            emit:
              - entity: reservation
                fields:
                  reference: {path: subject, regex: "(SK-[0-9]+)", required: true}
        """);
    Path config =
        Files.writeString(
            dir.resolve("salvage.yaml"),
            """
            business: {name: Rent, timezone: Europe/Berlin}
            entities: entities.yaml
            as_of: 2026-06-20T00:00:00Z
            sources:
              - {name: mail, type: eml, path: mail, mapping: mail.yaml}
            """);
    Path out = dir.resolve("out");

    CliRun run = CliRun.of("run", "--config", config.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    String note =
        "2 empty file(s) (0 bytes, or a byte order mark alone: nothing in them to read: a folder"
            + " exported empty, or a copy that failed?): "
            + dir.resolve("mail/inbox-export.eml")
            + ", "
            + dir.resolve("mail/sent-export.eml");
    assertThat(run.err()).contains("Source mail: " + note);
    JsonNode mail = Json.MAPPER.readTree(out.resolve("summary.json").toFile()).at("/sources/mail");
    assertThat(mail.path("read").asLong()).isEqualTo(1);
    assertThat(mail.path("notes").toString()).contains(Json.MAPPER.writeValueAsString(note));
  }
}
