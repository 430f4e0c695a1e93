package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.importer.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forged mail with the application's From (an attacker's, landed in the inbox) made a new
 * customer at confidence 1.0, unflagged, which the default import policy imported: nobody decided
 * on it. The receiving server had recorded that the sender was not authenticated (dmarc=fail); such
 * mail is now noted, counted, said at the end of the run, and a record resting on it alone is
 * flagged, so import plan leaves it for an explicit approve.
 */
class ForgedSenderRunTest {
  @TempDir Path dir;
  private TestDatabase db;

  private static final String FORGED =
      "Authentication-Results: mx.example.net; dmarc=fail (p=reject)"
          + " header.from=rentwise.example; spf=fail smtp.mailfrom=rentwise.example\n";
  private static final String PASSED =
      "Authentication-Results: mx.google.com; dkim=pass header.d=rentwise.example;"
          + " dmarc=pass header.from=rentwise.example\n";

  @AfterEach
  void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  private static String welcome(String headers, String id, String email, String name, int hour) {
    return "From hello@rentwise.example Mon Mar  2 %02d:00:00 2026\n".formatted(hour)
        + headers
        + "From: Rentwise <hello@rentwise.example>\n"
        + "To: "
        + email
        + "\n"
        + "Date: Mon, 02 Mar 2026 %02d:00:00 +0000\n".formatted(hour)
        + "Subject: Welcome to Rentwise, "
        + name
        + "\n"
        + "Message-ID: <"
        + id
        + "@rentwise.example>\n\nWelcome! Your account: "
        + email
        + "\n\n";
  }

  private Path scenario(String when) throws Exception {
    return scenario(when, "", "");
  }

  private Path scenario(String when, String rules, String inbox) throws Exception {
    Files.createDirectories(dir.resolve("mail"));
    Files.writeString(
        dir.resolve("entities.yaml"),
        """
        entities:
          customer:
            keys: [email]
            fields: {email: email, full_name: text, phone: text}
        """);
    Files.writeString(
        dir.resolve("mail.yaml"),
        """
        rules:
          - name: welcome
            kind: mail
            when: [{path: from, equals: hello@rentwise.example}, {path: subject, contains: Welcome}%s]
            observed_at: {path: date}
            emit:
              - entity: customer
                fields:
                  email: {path: "to[0]", required: true}
                  full_name: {path: subject, regex: 'Welcome to Rentwise, (?<value>.+)'}
        """
                .formatted(when)
            + rules);
    Files.writeString(
        dir.resolve("mail/INBOX"),
        // an attacker's mail with the application's From
        welcome(FORGED, "f1", "mallory@evil.example", "Mallory", 9)
            // the application's own mail, its copy to the office authenticated by Gmail
            + welcome(PASSED, "w1", "ana@mail.example", "Ana", 10)
            // a copy whose domain's DMARC was broken that day; the Sent folder holds it too
            + welcome(FORGED, "w3", "carla@mail.example", "Carla", 12)
            + inbox);
    Files.writeString(
        dir.resolve("mail/Sent"),
        welcome("", "w2", "bruno@mail.example", "Bruno", 11)
            + welcome("", "w3", "carla@mail.example", "Carla", 12));
    return Files.writeString(
        dir.resolve("salvage.yaml"),
        """
        business: {name: Rentwise, timezone: UTC}
        entities: entities.yaml
        as_of: 2026-04-01T00:00:00Z
        sources:
          - {name: mail, type: mbox, path: mail, mapping: mail.yaml,
             options: {trusted_authserv_ids: mx.google.com}}
        """);
  }

  private static Map<String, JsonNode> byEmail(Path out) throws Exception {
    Map<String, JsonNode> records = new HashMap<>();
    for (String line : Files.readAllLines(out.resolve("review/records.jsonl"))) {
      JsonNode record = Json.MAPPER.readTree(line);
      records.put(record.at("/fields/email/value").asText(), record);
    }
    return records;
  }

  @Test
  void aCustomerOnlyAForgedMailSpeaksOfIsFlaggedAndImportPlanKeepsItOut() throws Exception {
    Path config = scenario("");
    Path out = dir.resolve("out");

    CliRun run = CliRun.of("run", "--config", config.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode mail = Json.MAPPER.readTree(out.resolve("summary.json").toFile()).at("/sources/mail");
    assertThat(mail.get("used").asLong()).isEqualTo(4);
    assertThat(mail.get("used_unauthenticated").asLong()).isEqualTo(1);
    assertThat(run.err())
        .contains("Used mails whose sender a receiving server did not authenticate")
        .contains(": mail 1. Each mail's notes start with \"sender not authenticated\"")
        .contains("not: {path: sender_authentication, equals: fail}");
    Map<String, JsonNode> records = byEmail(out);
    JsonNode forged = records.get("mallory@evil.example");
    assertThat(forged.get("flagged").asBoolean()).isTrue();
    assertThat(forged.get("reasons").toString())
        .contains(
            "sender not authenticated: dmarc=fail for rentwise.example (Authentication-Results of"
                + " mx.example.net)")
        .contains(
            "all its evidence since the backup is mail whose sender a receiving server did not"
                + " authenticate");
    for (String real : List.of("ana@mail.example", "bruno@mail.example", "carla@mail.example")) {
      assertThat(records.get(real).get("flagged").asBoolean()).as(real).isFalse();
      assertThat(records.get(real).get("reasons").toString())
          .as(real)
          .doesNotContain("sender not authenticated");
    }

    db = TestDatabase.create();
    Path schema =
        Files.writeString(
            dir.resolve("schema.sql"),
            "CREATE TABLE public.customers (id bigserial PRIMARY KEY, email text NOT NULL,"
                + " full_name text);\n");
    assertThat(db.psql(schema)).isZero();
    Path target =
        Files.writeString(
            dir.resolve("target.yaml"),
            """
            policy:
              approve: [NEW]
              min_confidence: 1.0
            entities:
              customer:
                table: public.customers
                key: {column: id, type: integer}
                natural_key: email
                columns:
                  email: {field: email, type: text}
                  full_name: {field: full_name, type: text}
            """);
    Path password = Files.writeString(dir.resolve("password"), db.password + "\n");
    List<String> args =
        new ArrayList<>(
            List.of("import", "plan", "--run", out.toString(), "--mapping", target.toString()));
    args.addAll(db.targetOptions(password));

    CliRun plan = CliRun.of(args.toArray(String[]::new));

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    JsonNode planned = Json.MAPPER.readTree(out.resolve("import/plan.json").toFile());
    List<String> inserted = new ArrayList<>();
    planned.path("steps").forEach(step -> inserted.add(step.path("record").asText()));
    assertThat(inserted)
        .containsExactlyInAnyOrder(
            records.get("ana@mail.example").get("id").asText(),
            records.get("bruno@mail.example").get("id").asText(),
            records.get("carla@mail.example").get("id").asText());
    assertThat(planned.path("skipped"))
        .filteredOn(skip -> skip.path("record").asText().equals(forged.get("id").asText()))
        .extracting(skip -> skip.path("reason").asText())
        .singleElement()
        .asString()
        .contains("flagged");
  }

  @Test
  void aValueOnlyAForgedMailGivesARecordWithOtherEvidenceIsFlagged() throws Exception {
    // the attacker gives a real customer his own phone number: "your details changed", with the
    // application's From
    String rule =
        """
          - name: details_changed
            kind: mail
            when: [{path: subject, equals: Your details changed}]
            observed_at: {path: date}
            emit:
              - entity: customer
                fields:
                  email: {path: "to[0]", required: true}
                  phone: {path: text, regex: 'New phone: (?<value>[0-9+ ]+)'}
        """;
    String renamed =
        "From hello@rentwise.example Mon Mar  2 15:00:00 2026\n"
            + FORGED
            + "From: Rentwise <hello@rentwise.example>\nTo: bruno@mail.example\n"
            + "Date: Mon, 02 Mar 2026 15:00:00 +0000\nSubject: Your details changed\n"
            + "Message-ID: <d1@rentwise.example>\n\nNew phone: +351 900 000 666\n\n";
    Path config = scenario("", rule, renamed);
    Path out = dir.resolve("out");

    CliRun run = CliRun.of("run", "--config", config.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode bruno = byEmail(out).get("bruno@mail.example");
    assertThat(bruno.at("/fields/phone/value").asText()).isEqualTo("+351 900 000 666");
    assertThat(bruno.get("flagged").asBoolean()).isTrue();
    assertThat(bruno.get("reasons").toString())
        .contains(
            "phone \\\"+351 900 000 666\\\" rest only on mail whose sender a receiving server"
                + " did not authenticate (email:d1@rentwise.example#")
        .contains("its From may be forged, check it")
        .doesNotContain("all its evidence since the backup");
  }

  @Test
  void aValueOnlyAMailInSpamGivesARecordWithOtherEvidenceIsFlagged() throws Exception {
    // the same attack caught by the spam filter, without a verdict a rule could test
    String rule =
        """
          - name: details_changed
            kind: mail
            when: [{path: subject, equals: Your details changed}]
            observed_at: {path: date}
            emit:
              - entity: customer
                fields:
                  email: {path: "to[0]", required: true}
                  phone: {path: text, regex: 'New phone: (?<value>[0-9+ ]+)'}
        """;
    String spam =
        "From hello@rentwise.example Mon Mar  2 15:00:00 2026\n"
            + "X-Gmail-Labels: Spam,Unread\n"
            + "From: Rentwise <hello@rentwise.example>\nTo: bruno@mail.example\n"
            + "Date: Mon, 02 Mar 2026 15:00:00 +0000\nSubject: Your details changed\n"
            + "Message-ID: <d1@rentwise.example>\n\nNew phone: +351 900 000 666\n\n";
    Path config = scenario("", rule, spam);
    Path out = dir.resolve("out");

    CliRun run = CliRun.of("run", "--config", config.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode bruno = byEmail(out).get("bruno@mail.example");
    assertThat(bruno.at("/fields/phone/value").asText()).isEqualTo("+351 900 000 666");
    assertThat(bruno.get("flagged").asBoolean()).isTrue();
    assertThat(bruno.get("reasons").toString())
        .contains(
            "phone \\\"+351 900 000 666\\\" rest only on mail in a junk folder"
                + " (email:d1@rentwise.example#")
        .contains("discarded: labelled Spam in Gmail (X-Gmail-Labels)): spam or phishing")
        .doesNotContain("all its evidence since the backup");
  }

  @Test
  void theConditionTheRunSuggestsLeavesForgedMailOutAndListsItAsSuch() throws Exception {
    Path config = scenario(", {not: {path: sender_authentication, equals: fail}}");
    Path out = dir.resolve("out");

    CliRun run = CliRun.of("run", "--config", config.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(byEmail(out).keySet())
        .containsExactlyInAnyOrder("ana@mail.example", "bruno@mail.example", "carla@mail.example");
    assertThat(run.err())
        .doesNotContain("Used mails whose sender")
        .contains("1 mail whose sender a receiving server did not authenticate");
    List<JsonNode> ignored = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("review/ignored.jsonl"))) {
      ignored.add(Json.MAPPER.readTree(line));
    }
    assertThat(ignored)
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.get("why").asText()).isEqualTo("sender_not_authenticated");
              assertThat(entry.has("notes")).as(entry.toString()).isFalse();
            });
    JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.at("/sources/mail/ignored_noted").isMissingNode()).isTrue();
  }
}
