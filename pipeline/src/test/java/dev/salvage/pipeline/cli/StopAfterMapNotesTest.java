package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --stop-after map} is how an operator tries a new mapping on a whole source without linking
 * and writing records. Until 2026-12-07 it left out what the run says of the mapping once every
 * record is mapped (a field no record gave a value, a rule that quarantined most of what it
 * matched), which only a whole run said.
 */
class StopAfterMapNotesTest {
  @TempDir Path dir;

  private Path business() throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("mail"));
    Files.writeString(
        dir.resolve("entities.yaml"),
        """
        entities:
          charter:
            keys: [reference]
            fields: {reference: text, phone: phone}
        """);
    for (int n = 0; n < 12; n++) {
      Files.writeString(
          dir.resolve("mail/m" + n + ".eml"),
          "Message-ID: <m"
              + n
              + "@boats.example>\r\nFrom: desk@boats.example\r\nTo: guest"
              + n
              + "@mail.example\r\nDate: Tue, 10 Nov 2026 09:30:00 +0000\r\nSubject: Charter VA-"
              + (100 + n)
              + "\r\n\r\nTelefono: 612 345 678\r\n");
    }
    Files.writeString(
        dir.resolve("mappings/mail.yaml"),
        """
        rules:
          - name: charter_confirmed
            kind: mail
            observed_at: {path: date}
            emit:
              - entity: charter
                fields:
                  reference: {path: subject, regex: "(VA-[0-9]+)", required: true}
                  phone: {path: headers.x-phone}
        """);
    return Files.writeString(
        dir.resolve("salvage.yaml"),
        """
        business: {name: Boats, timezone: Europe/Madrid, phone_region: ES}
        entities: entities.yaml
        as_of: 2026-12-01T00:00:00Z
        sources:
          - {name: mail, type: eml, path: mail, mapping: mappings/mail.yaml}
        """);
  }

  @Test
  void aRunStoppedAfterMapSaysWhichFieldNoRecordGaveAValue() throws Exception {
    Path config = business();

    CliRun run =
        CliRun.of(
            "run",
            "--config",
            config.toString(),
            "--out",
            dir.resolve("out").toString(),
            "--stop-after",
            "map");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Stopped after map");
    assertThat(run.err())
        .contains(
            "Source mail: no record gave a value to rule charter_confirmed field phone (12 records"
                + " matched)");
  }

  @Test
  void aRunStoppedAfterMapSaysWhichRuleQuarantinedMostOfWhatItMatched() throws Exception {
    Path config = business();
    Files.writeString(
        dir.resolve("mappings/mail.yaml"),
        """
        rules:
          - name: charter_confirmed
            kind: mail
            observed_at: {path: date}
            emit:
              - entity: charter
                fields:
                  reference: {path: subject, regex: "(VA-[0-9]+)", required: true}
                  phone: {path: text, regex: "Telefono: (.+)"}
        """);
    for (int n = 0; n < 8; n++) {
      Path mail = dir.resolve("mail/m" + n + ".eml");
      Files.writeString(
          mail, Files.readString(mail).replace("Telefono: 612 345 678", "Telefono: llamar"));
    }

    CliRun run =
        CliRun.of(
            "run",
            "--config",
            config.toString(),
            "--out",
            dir.resolve("out").toString(),
            "--stop-after",
            "map");

    assertThat(run.out()).contains("Stopped after map");
    assertThat(run.err())
        .contains(
            "Source mail: rule(s) charter_confirmed quarantined 8 of the 12 record(s) it matched"
                + " (67%)");
  }

  @Test
  void summaryJsonListsTheFieldsNoRecordGaveAValue() throws Exception {
    Path config = business();

    CliRun run =
        CliRun.of("run", "--config", config.toString(), "--out", dir.resolve("out").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    com.fasterxml.jackson.databind.JsonNode never =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(dir.resolve("out/summary.json").toFile())
            .at("/sources/mail/fields_never_filled");
    assertThat(never.size()).as(never.toString()).isEqualTo(1);
    assertThat(never.get("charter_confirmed/charter/phone").asLong()).isEqualTo(12);
  }
}
