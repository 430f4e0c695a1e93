package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run does with what its mail reader noted: a Date header without a zone is read in the
 * business timezone of the run config, and a damaged mail that no rule used is counted and listed
 * with its notes, where before it was in no output at all.
 */
class MailNotesRunTest {
  @TempDir Path dir;

  private static final String MODEL =
      """
      entities:
        appointment:
          keys: [code]
          fields: {code: upper, patient_email: email}
      """;

  private static final String MAPPING =
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
                patient_email: {path: "to[0]"}
      """;

  @Test
  void readsMailDatesInTheBusinessZoneAndListsIgnoredMailsWithNotes() throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("mail"));
    Files.writeString(dir.resolve("entities.yaml"), MODEL);
    Files.writeString(dir.resolve("mappings/mail.yaml"), MAPPING);
    // used: its Date header has no zone, so the business's applies
    Files.writeString(
        dir.resolve("mail/confirmation.eml"),
        "Message-ID: <m1@kine.example>\r\nFrom: rdv@kine.example\r\n"
            + "To: ines@mail.example\r\nDate: Tue, 10 Mar 2026 09:30:00\r\n"
            + "Subject: Confirmation\r\n\r\nRDV-10234, a bientot\r\n");
    // ignored, nothing noted
    Files.writeString(
        dir.resolve("mail/newsletter.eml"),
        "Message-ID: <m2@kine.example>\r\nFrom: news@kine.example\r\n"
            + "To: ines@mail.example\r\nDate: Tue, 10 Mar 2026 09:30:00 +0100\r\n"
            + "Subject: News\r\n\r\nHello\r\n");
    // ignored because its text lost the code to damage (a base64 character dropped): the notes
    // say what happened
    Files.writeString(
        dir.resolve("mail/damaged.eml"),
        "Message-ID: <m3@kine.example>\r\nFrom: rdv@kine.example\r\n"
            + "To: ines@mail.example\r\nDate: Tue, 10 Mar 2026 09:30:00 +0100\r\n"
            + "Subject: Confirmation\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nUkRWTEwMjM1\r\n");
    // used, though its part declares utf-8 and holds windows-1252: counted as read in another
    // charset, so the damage such text may carry is said beyond the record's own notes
    Files.writeString(
        dir.resolve("mail/latin.eml"),
        "Message-ID: <m4@kine.example>\r\nFrom: rdv@kine.example\r\n"
            + "To: rene@mail.example\r\nDate: Tue, 10 Mar 2026 11:30:00 +0100\r\n"
            + "Subject: Confirmation\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n\r\nRDV-10235, Ren=E9\r\n");
    // used, with 8-bit bytes in a part that declares a charset unknown here, and in one that
    // declares none: read as UTF-8 on a guess, counted too (the note quotes the unknown name, and
    // until 2026-12-05 a pattern over the record's JSON text missed both)
    Files.write(
        dir.resolve("mail/unknown-charset.eml"),
        ("Message-ID: <m5@kine.example>\r\nFrom: rdv@kine.example\r\n"
                + "To: zoe@mail.example\r\nDate: Tue, 10 Mar 2026 12:30:00 +0100\r\n"
                + "Subject: Confirmation\r\nContent-Type: text/plain; charset=\"x-unknown\"\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nRDV-10236, Zoé\r\n")
            .getBytes(StandardCharsets.UTF_8));
    Files.write(
        dir.resolve("mail/no-charset.eml"),
        ("Message-ID: <m6@kine.example>\r\nFrom: rdv@kine.example\r\n"
                + "To: leo@mail.example\r\nDate: Tue, 10 Mar 2026 13:30:00 +0100\r\n"
                + "Subject: Confirmation\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "RDV-10237, Léo\r\n")
            .getBytes(StandardCharsets.UTF_8));
    Path config =
        Files.writeString(
            dir.resolve("salvage.yaml"),
            """
            business: {name: Kine, timezone: Europe/Paris}
            entities: entities.yaml
            as_of: 2026-04-01T00:00:00Z
            sources:
              - {name: mail, type: eml, path: mail, mapping: mappings/mail.yaml}
            """);
    Path out = dir.resolve("out");

    CliRun run = CliRun.of("run", "--config", config.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode mail = Json.MAPPER.readTree(out.resolve("summary.json").toFile()).at("/sources/mail");
    assertThat(mail.get("read").asLong()).isEqualTo(6);
    assertThat(mail.get("used").asLong()).isEqualTo(4);
    assertThat(mail.get("used_misdecoded").asLong()).isEqualTo(3);
    assertThat(mail.get("ignored").asLong()).isEqualTo(2);
    assertThat(mail.get("ignored_noted").asLong()).isEqualTo(1);
    List<String> listed =
        Files.readAllLines(out.resolve("review/ignored.jsonl"), StandardCharsets.UTF_8).stream()
            .filter(line -> line.contains("\"notes\":["))
            .toList();
    assertThat(listed).hasSize(1);
    JsonNode entry = Json.MAPPER.readTree(listed.get(0));
    assertThat(entry.get("ref").asText()).startsWith("email:m3@kine.example#");
    assertThat(entry.get("location").asText()).endsWith("damaged.eml");
    assertThat(entry.get("notes").get(0).asText())
        .contains("base64 body is misaligned")
        .contains("its text may be garbled");
    assertThat(run.err())
        .contains("Ignored records with reader notes")
        .contains("mail 1")
        .contains("review/ignored.jsonl")
        .contains("Used records with text read in another charset than the one it declares")
        .contains(": mail 3. Each record's notes name the part");

    String evidence =
        Files.readString(out.resolve("review/evidence.jsonl"), StandardCharsets.UTF_8);
    // 09:30 in Paris in March (UTC+1), not 09:30 UTC
    assertThat(evidence)
        .contains("2026-03-10T08:30:00Z")
        .contains("has no zone: read in Europe/Paris")
        .doesNotContain("2026-03-10T09:30:00Z");
  }
}
