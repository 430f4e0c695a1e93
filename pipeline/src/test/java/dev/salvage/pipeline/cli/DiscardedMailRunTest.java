package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run over mail its owner discarded (deleted in Thunderbird, not yet compacted; labelled Spam by
 * Gmail) and over out-of-office replies quoting a confirmation: still evidence, but counted, said
 * at the end with the condition that leaves them out, noted on each record built on them, and a
 * record that rests on nothing else is flagged.
 */
class DiscardedMailRunTest {
  @TempDir Path dir;

  private static final String MODEL =
      """
      entities:
        booking:
          keys: [code]
          fields: {code: upper, member_email: email}
      """;

  private static String mapping(String when) {
    return """
        rules:
          - name: confirmation
            kind: mail
            when: [{path: subject, contains: "LY-"}%s]
            observed_at: {path: date}
            emit:
              - entity: booking
                fields:
                  code: {path: subject, regex: '(LY-[0-9]+)', required: true}
                  member_email: {path: "to[0]"}
        """
        .formatted(when);
  }

  private static String mail(String headers, String to, String subject, String id, int hour) {
    return "From - Mon Mar  2 %02d:00:00 2026\n".formatted(hour)
        + headers
        + "From: Lotus <bookings@lotus.example>\n"
        + "To: "
        + to
        + "\n"
        + "Date: Mon, 02 Mar 2026 %02d:00:00 +0000\n".formatted(hour)
        + "Subject: "
        + subject
        + "\n"
        + "Message-ID: <"
        + id
        + "@lotus.example>\n\nYour booking is confirmed.\n\n";
  }

  private Path scenario(String when) throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("mail"));
    Files.writeString(dir.resolve("entities.yaml"), MODEL);
    Files.writeString(dir.resolve("mappings/mail.yaml"), mapping(when));
    Files.writeString(
        dir.resolve("mail/Sent"),
        // moved to Archives/2026: Thunderbird leaves it in Sent, flagged deleted, until compaction
        mail("X-Mozilla-Status: 0009\n", "ana@mail.example", "Booking LY-101", "a", 9)
            // a staff test, deleted after sending
            + mail("X-Mozilla-Status: 0009\n", "staff@lotus.example", "Booking LY-999", "b", 10));
    // Thunderbird's folder holding subfolders, its filter rules beside the mail
    Files.createDirectories(dir.resolve("mail/Archives.sbd"));
    Files.writeString(dir.resolve("mail/Archives"), "");
    Files.writeString(
        dir.resolve("mail/Archives.sbd/2026"),
        mail("X-Mozilla-Status: 0001\n", "ana@mail.example", "Booking LY-101", "a", 9));
    Files.writeString(dir.resolve("mail/msgFilterRules.dat"), "version=\"9\"\nlogging=\"no\"\n");
    Files.writeString(
        dir.resolve("mail/takeout.mbox"),
        mail("X-Gmail-Labels: Spam\n", "eve@mail.example", "Booking LY-888", "c", 11));
    Files.writeString(
        dir.resolve("mail/Inbox"),
        mail(
            "Auto-Submitted: auto-replied\n",
            "bookings@lotus.example",
            "Automatic reply: Booking LY-101",
            "d",
            12));
    return Files.writeString(
        dir.resolve("salvage.yaml"),
        """
        business: {name: Lotus, timezone: UTC}
        entities: entities.yaml
        as_of: 2026-04-01T00:00:00Z
        sources:
          - {name: mail, type: mbox, path: mail, mapping: mappings/mail.yaml}
        """);
  }

  @Test
  void discardedMailsAndAutoRepliesAreCountedNotedAndARecordOnlyTheyHoldIsFlagged()
      throws Exception {
    Path config = scenario("");
    Path out = dir.resolve("out");

    CliRun run = CliRun.of("run", "--config", config.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode mail = Json.MAPPER.readTree(out.resolve("summary.json").toFile()).at("/sources/mail");
    // the moved mail's deleted trace in Sent differs from its copy in Archives/2026 only in its
    // Thunderbird flags: one piece of evidence, the clean copy kept (docs/mail.md, Evidence ids)
    assertThat(mail.get("used").asLong()).isEqualTo(4);
    assertThat(mail.get("copies_of").toString()).isEqualTo("{\"mail\":1}");
    assertThat(mail.get("quarantined").asLong()).isZero();
    assertThat(mail.get("used_discarded").toString()).isEqualTo("{\"deleted\":1,\"spam\":1}");
    assertThat(mail.get("used_auto_replied").asLong()).isEqualTo(1);
    assertThat(run.err())
        .contains("Used mails their owner discarded")
        .contains(": mail 1 deleted, mail 1 spam.")
        .contains("1 mail client file(s) not read")
        .doesNotContain("empty file")
        .contains("not: {path: discarded, exists: true}")
        .contains("Used mails that a machine wrote in reply to another")
        .contains("not: {path: auto_submitted, equals: auto-replied}");
    Map<String, JsonNode> records = RunRecords.byCode(out);
    JsonNode test = records.get("LY-999");
    assertThat(test.get("flagged").asBoolean()).isTrue();
    assertThat(test.get("reasons").toString())
        .contains("deleted in Thunderbird, not yet compacted")
        .contains("all its evidence since the backup is mail discarded");
    assertThat(records.get("LY-888").get("flagged").asBoolean()).isTrue();
    assertThat(records.get("LY-888").get("reasons").toString()).contains("labelled Spam in Gmail");
    // the real confirmation is read where it was moved, and its deleted trace is no reason; the
    // auto-reply quoting it is noted
    JsonNode real = records.get("LY-101");
    assertThat(real.get("reasons").toString())
        .doesNotContain("discarded:")
        .doesNotContain("all its evidence")
        .contains("automatic reply: ");
    assertThat(Files.readString(out.resolve("review/evidence.jsonl")))
        .contains("\"folder\":\"Archives/2026\"");
  }

  @Test
  void theConditionTheRunSuggestsLeavesThemOut() throws Exception {
    Path config =
        scenario(
            ", {not: {path: discarded, exists: true}},"
                + " {not: {path: auto_submitted, equals: auto-replied}}");
    Path out = dir.resolve("out");

    CliRun run = CliRun.of("run", "--config", config.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(RunRecords.byCode(out).keySet()).isEqualTo(java.util.Set.of("LY-101"));
    assertThat(run.err()).doesNotContain("Used mails their owner discarded");
    List<JsonNode> ignored = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("review/ignored.jsonl"))) {
      ignored.add(Json.MAPPER.readTree(line));
    }
    // left out on purpose, they are no damage: listed with what they are, without notes
    assertThat(ignored)
        .isNotEmpty()
        .allSatisfy(entry -> assertThat(entry.has("notes")).as(entry.toString()).isFalse())
        .extracting(entry -> entry.get("why").asText())
        .containsOnly("discarded", "automatic_reply");
    JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.at("/sources/mail/ignored_noted").isMissingNode()).isTrue();
  }
}
