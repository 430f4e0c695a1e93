package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run does with mail its reader notes may be cut: counted at the run's end and in
 * summary.json, and a value that rests on such mail alone is flagged. An outside trial's
 * confirmation cut inside its price cell gave a price of 100 for 1'050.00, and nothing said so.
 */
class CutMailRunTest {
  @TempDir Path dir;

  private static final String MODEL =
      """
      entities:
        appointment:
          keys: [code]
          fields: {code: upper, patient_email: email, price: text}
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
                price: {path: text, regex: 'Prix (EUR [0-9.]+)'}
      """;

  private static String headers(String id, String to, String time) {
    return "Message-ID: <"
        + id
        + "@kine.example>\r\nFrom: rdv@kine.example\r\nTo: "
        + to
        + "\r\nDate: Tue, 10 Mar 2026 "
        + time
        + " +0100\r\nSubject: Confirmation\r\n";
  }

  @Test
  void countsUsedMailThatMayBeCutAndFlagsTheValuesThatRestOnItAlone() throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("mail"));
    Files.writeString(dir.resolve("entities.yaml"), MODEL);
    Files.writeString(dir.resolve("mappings/mail.yaml"), MAPPING);
    // HTML-only, its base64 cut at a whole group inside the price cell, as a file cut on disk
    // leaves it: it decodes cleanly, and its price is cut short
    String page =
        "<html><body><table><tr><td>Rendez-vous</td><td>RDV-1</td></tr>"
            + "<tr><td>Prix</td><td>EUR 1050.00</td></tr></table></body></html>";
    int cutAt = page.indexOf("1050.00") + 3;
    String encoded =
        Base64.getEncoder()
            .encodeToString(page.substring(0, cutAt).getBytes(StandardCharsets.UTF_8));
    assertThat(cutAt % 3).as("a cut at a whole base64 group").isZero();
    Files.writeString(
        dir.resolve("mail/cut.eml"),
        headers("m1", "ines@mail.example", "09:30:00")
            + "Content-Type: text/html; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + encoded
            + "\r\n");
    // whole: RDV-2's code, address and price
    Files.writeString(
        dir.resolve("mail/whole.eml"),
        headers("m2", "leo@mail.example", "10:30:00") + "\r\nRDV-2 confirme. Prix EUR 80.00\r\n");
    // its closing boundary never comes; what it says of RDV-2 the whole mail says too
    Files.writeString(
        dir.resolve("mail/unclosed.eml"),
        headers("m3", "leo@mail.example", "11:30:00")
            + "Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\nRDV-2 confirme\r\n");
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
    assertThat(mail.get("used").asLong()).isEqualTo(3);
    assertThat(mail.get("used_possibly_cut").asLong()).isEqualTo(2);
    assertThat(run.err())
        .contains("Used mails their reader notes may be cut or have a part garbled")
        .contains(": mail 2; e.g. email:m")
        .contains("m1@kine.example")
        .contains("m3@kine.example")
        .contains("sources.<source>.used_possibly_cut");
    Map<String, JsonNode> records = RunRecords.byCode(out);
    JsonNode cut = records.get("RDV-1");
    assertThat(cut.at("/fields/price/value").asText()).isEqualTo("EUR 105");
    assertThat(cut.get("flagged").asBoolean()).isTrue();
    assertThat(cut.get("reasons").toString())
        .contains(
            "code \\\"RDV-1\\\", patient_email \\\"ines@mail.example\\\", price \\\"EUR 105\\\"")
        .contains("rest only on mail its reader notes may be cut or garbled (email:m1@kine.example")
        .contains("its HTML ends inside an open <table>");
    // every value of RDV-2 the unclosed mail gives, the whole one gives too
    assertThat(records.get("RDV-2").get("reasons").toString()).doesNotContain("rest only on mail");
  }
}
