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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A NEW customer's id is a hash of its key values when its entity names no require_keys, so a rerun
 * into the same directory with more evidence (a Stripe id beside the email) renames it. In an
 * outside trial two customers rejected as spam came back under their new ids as undecided, and the
 * policy imported them: a decision now follows its record's key values, and the renamed record is
 * held until someone decides it again.
 */
class RerunRenamedRecordTest {
  private static final String SPAM = "spam@junk.example";

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
            keys: [email, stripe_customer_id]
            fields: {email: email, full_name: text, stripe_customer_id: text}
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
                  stripe_customer_id: {path: subject, regex: "(cus_[A-Za-z0-9]+)"}
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
    Files.writeString(
        dir.resolve("target.yaml"),
        """
        policy:
          approve: [NEW, UPDATED]
          min_confidence: 1.0
        entities:
          customer:
            table: public.customers
            key: {column: id, type: integer}
            natural_key: email
            columns:
              email: {field: email, type: text}
              full_name: {field: full_name, type: text}
              stripe_customer_id: {field: stripe_customer_id, type: text}
        """);
    mail("m1", SPAM, "Win Big", "Hello");
    mail("m2", "dora@example.com", "Dora Lima", "Booking question");
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  private void mail(String id, String from, String name, String subject) throws Exception {
    ShopMail.write(dir, id, from, name, subject, "10 Mar 2026 09:30");
  }

  private Path run() {
    Path out = dir.resolve("out");
    CliRun run =
        CliRun.of(
            "run", "--config", dir.resolve("salvage.yaml").toString(), "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    return out;
  }

  private void reject(Path out, String id) throws Exception {
    try (ReviewServer server = ReviewServer.start(out, "127.0.0.1", 0, "op-day1")) {
      ReviewApi.Answer answer =
          new ReviewApi(server)
              .post(
                  "/api/decisions",
                  "{\"record_id\": \""
                      + id
                      + "\", \"decision\": \"reject\", \"reason\": \"spam\"}");
      assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
    }
  }

  @Test
  void aRecordRenamedByARerunWithMoreKeysIsHeldNotImportedAsUndecided() throws Exception {
    Path out = run();
    String before = ShopMail.customerWith(out, SPAM);
    reject(out, before);
    assertThat(ReviewApi.decisions(out).get(0).path("record_keys").path("email").get(0).asText())
        .isEqualTo(SPAM);
    // day 2: Stripe names the spammer's customer id, a second key of the same customer
    mail("m3", SPAM, "Win Big", "Payment cus_Spam42");
    run();
    String after = ShopMail.customerWith(out, SPAM);
    assertThat(after).as("the rerun renames the record").isNotEqualTo(before);

    db = TestDatabase.create();
    Path schema =
        Files.writeString(
            dir.resolve("schema.sql"),
            "CREATE TABLE public.customers (id bigserial PRIMARY KEY, email text NOT NULL,"
                + " full_name text NOT NULL, stripe_customer_id text);\n");
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
    assertThat(inserted).containsExactly(ShopMail.customerWith(out, "dora@example.com"));
    String held =
        after
            + " is kept out: it holds email "
            + SPAM
            + " of "
            + before
            + ", which was rejected on ";
    assertThat(planned.path("skipped"))
        .filteredOn(skip -> skip.path("record").asText().equals(after))
        .extracting(skip -> skip.path("reason").asText())
        .singleElement()
        .asString()
        .startsWith(held)
        .contains("by op-day1")
        .endsWith("the rerun gave it a new id (review it again)");
    assertThat(plan.out())
        .contains(held)
        .contains("(1 decision line(s) for 0 record(s))")
        .contains("is not applied: the run has no record " + before)
        .contains(
            "1 record(s) decided on another version (the run was made again since) are kept out")
        .containsPattern("\\s+1  decided on another version of the record \\(review it again\\)");
  }

  @Test
  void reviewShowsARenamedRecordAsDecidedOnAnotherVersionApartFromTheUndecided() throws Exception {
    Path out = run();
    String before = ShopMail.customerWith(out, SPAM);
    reject(out, before);
    mail("m3", SPAM, "Win Big", "Payment cus_Spam42");
    run();
    String after = ShopMail.customerWith(out, SPAM);

    try (ReviewServer server = ReviewServer.start(out, "127.0.0.1", 0, "op-day2")) {
      ReviewApi api = new ReviewApi(server);
      JsonNode again = api.get("/api/queue?status=another_version").json();
      assertThat(again.path("entries"))
          .extracting(e -> e.path("id").asText())
          .containsExactly(after);
      assertThat(again.path("entries").get(0).path("state").asText()).isEqualTo("another_version");
      assertThat(again.path("progress").path("another_version").asInt()).isEqualTo(1);
      assertThat(api.get("/api/queue?status=undecided").json().path("entries"))
          .extracting(e -> e.path("id").asText())
          .containsExactly(ShopMail.customerWith(out, "dora@example.com"));
      assertThat(server.decidedOnAnotherVersion()).isEqualTo(1);
      assertThat(api.get("/api/record?id=" + after).json().path("earlier").asText())
          .startsWith(after + " is kept out: it holds email " + SPAM + " of " + before)
          .endsWith("that decision is not in force on this record");
      // a sweep of the undecided leaves it out
      ReviewApi.Answer bulk =
          api.post("/api/bulk-approve", "{\"filter\": {}, \"reason\": \"all the rest\"}");
      assertThat(bulk.status()).as(bulk.json().toString()).isEqualTo(200);
      assertThat(ReviewApi.decisions(out))
          .extracting(d -> d.path("record_id").asText())
          .doesNotContain(after);
    }
  }
}
