package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reply rule reading text_new, whose values are only in the quoted confirmation below the reply.
 * Before 2026-12-06 the run's end said to check the path; an operator who switched it to text got
 * the old, quoted times as the records' values, unflagged.
 */
class QuotedOnlyHintRunTest {
  @TempDir Path dir;

  @Test
  void saysAFieldFoundOnlyInQuotedTextIsLeftOutOnPurposeAndDoesNotSendToThePath() throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("mail"));
    Files.writeString(
        dir.resolve("entities.yaml"),
        """
        entities:
          visit:
            keys: [reference]
            fields: {reference: text, note: text, when: text}
        """);
    for (int i = 1; i <= 12; i++) {
      Files.writeString(
          dir.resolve("mail/reply" + i + ".eml"),
          "Message-ID: <r"
              + i
              + "@mail.example>\r\nFrom: ana@mail.example\r\nTo: desk@shop.example\r\n"
              + "Date: Tue, 10 Mar 2026 09:30:00 +0000\r\n"
              + "Subject: Re: Visit VB-"
              + (1000 + i)
              + "\r\n\r\nCan we make it later that week?\r\n\r\n"
              + "On Mon, 9 Mar 2026 at 10:00, Shop <desk@shop.example> wrote:\r\n"
              + "> Your visit is confirmed.\r\n> When: 2026-03-12 10:00\r\n");
    }
    Files.writeString(
        dir.resolve("mappings/mail.yaml"),
        """
        rules:
          - name: reply
            kind: mail
            observed_at: {path: date}
            emit:
              - entity: visit
                fields:
                  reference: {path: subject, regex: "(VB-[0-9]+)", required: true}
                  note: {path: text_new, regex: "Can we (.+)"}
                  when: {path: text_new, regex: "When: (.+)"}
        """);
    Path config =
        Files.writeString(
            dir.resolve("salvage.yaml"),
            """
            business: {name: Shop, timezone: Europe/Berlin}
            entities: entities.yaml
            as_of: 2026-06-20T00:00:00Z
            sources:
              - {name: mail, type: eml, path: mail, mapping: mappings/mail.yaml}
            """);

    CliRun run =
        CliRun.of("run", "--config", config.toString(), "--out", dir.resolve("out").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .contains(
            "Source mail: no record gave a value to rule reply field when (12 records matched):"
                + " found only in quoted text, which text_new leaves out on purpose: a reply"
                + " restating the old booking.")
        .doesNotContain("check these paths");
  }
}
