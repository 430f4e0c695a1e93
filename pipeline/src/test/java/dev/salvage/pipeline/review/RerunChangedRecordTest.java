package dev.salvage.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.cli.CliRun;
import dev.salvage.pipeline.importer.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence arrives over days: the operator decides, the run is made again with more, and a decided
 * record that came out otherwise is decided on another version. In an outside trial nothing said
 * what had changed (an appointment's start moved three days), and 33 approvals were voided because
 * a source added fields the target mapping does not even write. A decision keeps the values it was
 * made on: review says per field what changed, and plan keeps an approval whose record changed only
 * where the target writes nothing.
 */
class RerunChangedRecordTest {
  @TempDir Path dir;
  private TestDatabase db;

  @BeforeEach
  void sources() throws Exception {
    Files.createDirectories(dir.resolve("mail"));
    Files.writeString(
        dir.resolve("entities.yaml"),
        """
        entities:
          customer:
            keys: [email]
            fields: {email: email, full_name: text, campaign: text}
        """);
    Files.writeString(
        dir.resolve("mail.yaml"),
        """
        rules:
          - name: any_mail
            kind: mail
            observed_at: {path: date}
            emit:
              - entity: customer
                fields:
                  email: {path: from}
                  full_name: {path: from_name}
                  campaign: {path: subject, regex: "(promo-[a-z0-9]+)"}
        """);
    Files.writeString(
        dir.resolve("salvage.yaml"),
        """
        business: {name: Shop, timezone: Europe/Lisbon, phone_region: PT}
        entities: entities.yaml
        as_of: 2026-06-20T00:00:00Z
        sources:
          - {name: mail, type: eml, path: mail, mapping: mail.yaml}
        """);
    // campaign is the shop's own bookkeeping: the application has no column for it; only
    // decisions import anything
    Files.writeString(
        dir.resolve("target.yaml"),
        """
        policy:
          approve: []
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
    mail("m1", "dora@example.com", "Dora Lima", "Booking question", "10 Mar 2026 09:30");
    mail("m2", "eva@example.com", "Eva Sousa", "Booking question", "10 Mar 2026 10:30");
    mail("m3", "rui@example.com", "Rui Costa", "Win big", "10 Mar 2026 11:30");
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  private void mail(String id, String from, String name, String subject, String date)
      throws Exception {
    ShopMail.write(dir, id, from, name, subject, date);
  }

  private Path run() {
    Path out = dir.resolve("out");
    CliRun run =
        CliRun.of(
            "run", "--config", dir.resolve("salvage.yaml").toString(), "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    return out;
  }

  /** Day 1: Rui rejected, every other record approved by one sweep. */
  private void decideDayOne(Path out) throws Exception {
    try (ReviewServer server = ReviewServer.start(out, "127.0.0.1", 0, "op-day1")) {
      ReviewApi api = new ReviewApi(server);
      ReviewApi.Answer reject =
          api.post(
              "/api/decisions",
              "{\"record_id\": \""
                  + ShopMail.customerWith(out, "rui@example.com")
                  + "\", \"decision\": \"reject\", \"reason\": \"spam\"}");
      assertThat(reject.status()).as(reject.json().toString()).isEqualTo(200);
      ReviewApi.Answer bulk =
          api.post(
              "/api/bulk-approve",
              "{\"filter\": {}, \"reason\": \"checked\", \"include_flagged\": true}");
      assertThat(bulk.status()).as(bulk.json().toString()).isEqualTo(200);
    }
  }

  /** Day 2: Dora's mail names a campaign (not written), Eva's a new name (written) and one. */
  private void dayTwoEvidence() throws Exception {
    mail("m4", "dora@example.com", "Dora Lima", "About promo-spring", "12 Mar 2026 09:30");
    mail("m5", "eva@example.com", "Eva Martins", "About promo-spring", "12 Mar 2026 10:30");
    mail("m6", "rui@example.com", "Rui Costa", "Win big promo-spring", "12 Mar 2026 11:30");
  }

  @Test
  void aDecisionKeepsTheValuesItWasMadeOn() throws Exception {
    Path out = run();
    decideDayOne(out);

    String eva = ShopMail.customerWith(out, "eva@example.com");
    assertThat(ReviewApi.decisions(out))
        .filteredOn(d -> d.path("record_id").asText().equals(eva))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.path("record_action").asText()).isEqualTo("NEW");
              assertThat(d.path("record_values").path("full_name").asText()).isEqualTo("Eva Sousa");
              assertThat(d.path("record_values").path("email").asText())
                  .isEqualTo("eva@example.com");
            });
  }

  @Test
  void reviewSaysPerFieldWhatChangedSinceADecisionOnAnotherVersion() throws Exception {
    Path out = run();
    decideDayOne(out);
    dayTwoEvidence();
    run();
    String eva = ShopMail.customerWith(out, "eva@example.com");

    try (ReviewServer server = ReviewServer.start(out, "127.0.0.1", 0, "op-day2")) {
      JsonNode answer = new ReviewApi(server).get("/api/record?id=" + eva).json();
      assertThat(answer.path("earlier").asText())
          .contains("was made on another version of this record")
          .endsWith(
              "Changed since: campaign: added promo-spring; full_name: Eva Sousa → Eva Martins");
      JsonNode changed = answer.path("changed_since_decision");
      assertThat(changed.path("known").asBoolean()).isTrue();
      assertThat(changed.has("action_before")).as("the action is the same").isFalse();
      assertThat(changed.path("fields").toString())
          .isEqualTo(
              "[{\"field\":\"campaign\",\"before\":null,\"after\":\"promo-spring\"},"
                  + "{\"field\":\"full_name\",\"before\":\"Eva Sousa\",\"after\":\"Eva Martins\"}]");
    }
  }

  @Test
  void planKeepsAnApprovalWhoseRecordChangedOnlyInFieldsTheTargetDoesNotWrite() throws Exception {
    Path out = run();
    decideDayOne(out);
    dayTwoEvidence();
    run();

    db = TestDatabase.create();
    Path schema =
        Files.writeString(
            dir.resolve("schema.sql"),
            "CREATE TABLE public.customers (id bigserial PRIMARY KEY, email text NOT NULL,"
                + " full_name text NOT NULL);\n");
    assertThat(db.psql(schema)).isZero();
    Path password = Files.writeString(dir.resolve("password"), db.password + "\n");
    List<String> args =
        new ArrayList<>(
            List.of(
                "import",
                "plan",
                "--run",
                out.toString(),
                "--mapping",
                dir.resolve("target.yaml").toString()));
    args.addAll(db.targetOptions(password));
    CliRun plan = CliRun.of(args.toArray(String[]::new));

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    JsonNode planned = Json.MAPPER.readTree(out.resolve("import/plan.json").toFile());
    List<String> inserted = new ArrayList<>();
    for (JsonNode step : planned.path("steps")) {
      if (step.path("op").asText().equals("insert")) {
        inserted.add(step.path("record").asText());
      }
    }
    // Dora's approval holds: only campaign changed; Eva's name is written, so hers is void; Rui's
    // rejection is never kept in force this way, however little changed
    assertThat(inserted).containsExactly(ShopMail.customerWith(out, "dora@example.com"));
    String eva = ShopMail.customerWith(out, "eva@example.com");
    String evaVoid =
        "was made on another version of this record (the run was made again since): review it"
            + " again; changed since: campaign: added promo-spring; full_name: Eva Sousa → Eva"
            + " Martins";
    assertThat(planned.path("skipped"))
        .filteredOn(skip -> skip.path("record").asText().equals(eva))
        .extracting(skip -> skip.path("reason").asText())
        .singleElement()
        .asString()
        .startsWith("approve by op-day1 at ")
        .endsWith(evaVoid);
    String rui = ShopMail.customerWith(out, "rui@example.com");
    assertThat(planned.path("skipped"))
        .filteredOn(skip -> skip.path("record").asText().equals(rui))
        .extracting(skip -> skip.path("reason").asText())
        .singleElement()
        .asString()
        .startsWith("reject by op-day1 at ")
        .endsWith("changed since: campaign: added promo-spring");
    assertThat(plan.out())
        .contains(
            "1 approval(s) made on another version kept in force: their records changed only in"
                + " campaign, which the target mapping does not write.\n")
        .contains("Decided on another version (what changed since the decision):\n")
        .containsPattern(
            "\n  " + eva + ": approve by op-day1 at \\S+ " + Pattern.quote(evaVoid) + "\n")
        .containsPattern("\\s+2  decided on another version of the record \\(review it again\\)");
  }
}
