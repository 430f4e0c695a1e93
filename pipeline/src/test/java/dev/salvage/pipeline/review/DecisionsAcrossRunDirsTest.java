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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Late evidence run into a new directory starts undecided: an outside trial's plan of the new
 * directory wrote a misspelling back over the name a reviewer had corrected in the first one, and
 * inserted a record the reviewer had rejected, under the policy and without a word. Plan reads the
 * decisions of the run directories the target's import log names; run carries them over on request.
 */
class DecisionsAcrossRunDirsTest {
  @TempDir Path dir;
  private TestDatabase db;
  private Path password;

  @BeforeEach
  void sources() throws Exception {
    Files.createDirectories(dir.resolve("mail"));
    Files.writeString(
        dir.resolve("entities.yaml"),
        """
        entities:
          customer:
            keys: [email]
            fields: {email: email, full_name: text}
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
          min_confidence: 0.0
        entities:
          customer:
            table: public.customers
            key: {column: id, type: integer}
            natural_key: email
            columns:
              email: {field: email, type: text}
              full_name: {field: full_name, type: text}
        """);
    mail("m1", "dora@example.com", "Dora Lima", "10 Mar 2026 09:30");
    mail("m2", "eva@example.com", "Eva Sosua", "10 Mar 2026 10:30");
    mail("m3", "rui@example.com", "Rui Costa", "10 Mar 2026 11:30");
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  private void mail(String id, String from, String name, String date) throws Exception {
    ShopMail.write(dir, id, from, name, "Booking question", date);
  }

  private Path run(String name, String... more) {
    Path out = dir.resolve(name);
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--config",
                dir.resolve("salvage.yaml").toString(),
                "--out",
                out.toString()));
    args.addAll(List.of(more));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return out;
  }

  /** The first day: Rui is rejected, Eva's misspelt name corrected, Dora left to the policy. */
  private void decide(Path out) throws Exception {
    try (ReviewServer server = ReviewServer.start(out, "127.0.0.1", 0, "op-anna")) {
      ReviewApi api = new ReviewApi(server);
      ReviewApi.Answer reject =
          api.post(
              "/api/decisions",
              "{\"record_id\": \""
                  + ShopMail.customerWith(out, "rui@example.com")
                  + "\", \"decision\": \"reject\", \"reason\": \"never a customer\"}");
      assertThat(reject.status()).as(reject.json().toString()).isEqualTo(200);
      ReviewApi.Answer edit =
          api.post(
              "/api/decisions",
              "{\"record_id\": \""
                  + ShopMail.customerWith(out, "eva@example.com")
                  + "\", \"decision\": \"edit\", \"edits\": {\"full_name\": \"Eva Sousa\"},"
                  + " \"reason\": \"typo in the mail\"}");
      assertThat(edit.status()).as(edit.json().toString()).isEqualTo(200);
    }
  }

  private CliRun plan(Path out) throws Exception {
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
    return plan;
  }

  /** The first directory run, decided, planned and applied into a new database. */
  private Path firstDayImported() throws Exception {
    Path out1 = run("out1");
    decide(out1);
    db = TestDatabase.create();
    Path schema =
        Files.writeString(
            dir.resolve("schema.sql"),
            "CREATE TABLE public.customers (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE,"
                + " full_name text NOT NULL);\n");
    assertThat(db.psql(schema)).isZero();
    password = Files.writeString(dir.resolve("password"), db.password + "\n");
    CliRun planned = plan(out1);
    Matcher digest = Pattern.compile("(?m)^digest ([0-9a-f]{64})$").matcher(planned.out());
    assertThat(digest.find()).as(planned.out()).isTrue();
    List<String> args = new ArrayList<>(List.of("import", "apply", "--run", out1.toString()));
    args.addAll(db.targetOptions(password));
    args.addAll(List.of("--plan-digest", digest.group(1)));
    CliRun applied = CliRun.of(args.toArray(String[]::new));
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    // late evidence: a new customer
    mail("m4", "ana@example.com", "Ana Reis", "12 Mar 2026 09:30");
    return out1;
  }

  private static List<String> planned(Path out) throws Exception {
    JsonNode plan = Json.MAPPER.readTree(out.resolve("import/plan.json").toFile());
    List<String> records = new ArrayList<>();
    plan.path("steps")
        .forEach(
            step -> records.add(step.path("op").asText() + " " + step.path("record").asText()));
    return records;
  }

  private static String skipReason(Path out, String record) throws Exception {
    JsonNode plan = Json.MAPPER.readTree(out.resolve("import/plan.json").toFile());
    for (JsonNode skip : plan.path("skipped")) {
      if (skip.path("record").asText().equals(record)) {
        return skip.path("reason").asText();
      }
    }
    return null;
  }

  @Test
  void keepsOutWhatAnEarlierRunDirectoryRejectedOrEditedWhenThisOneIsUndecided() throws Exception {
    Path out1 = firstDayImported();
    Path out2 = run("out2");

    CliRun plan = plan(out2);

    String eva = ShopMail.customerWith(out2, "eva@example.com");
    String rui = ShopMail.customerWith(out2, "rui@example.com");
    // only the late customer: Eva's corrected name stays, Rui stays out
    assertThat(planned(out2))
        .containsExactly("insert " + ShopMail.customerWith(out2, "ana@example.com"));
    assertThat(skipReason(out2, eva))
        .startsWith("edited in run out1 (decision ")
        .contains("by op-anna at ")
        .contains(
            ": typo in the mail), whose imports the target holds; this run's record would set"
                + " full_name Eva Sousa -> Eva Sosua over the reviewer's value; this run"
                + " directory has no decision for it: carry the earlier run's decisions (salvage"
                + " run --decisions-from "
                + out1
                + " --out "
                + out2
                + ")");
    assertThat(skipReason(out2, rui))
        .startsWith("rejected in run out1 (decision ")
        .contains(": never a customer), whose imports the target holds");
    assertThat(plan.err()).contains("Warning: the target holds imports from another run directory");
    assertThat(plan.out())
        .contains("Decided in another run directory:\n")
        .contains("  " + eva + ": edited in run out1")
        .contains("  " + rui + ": rejected in run out1")
        .containsPattern(
            "\\s+2  rejected or edited in another run directory whose imports the target holds");
  }

  @Test
  void carriesTheDecisionsOfAnEarlierRunDirectoryIntoANewOne() throws Exception {
    Path out1 = firstDayImported();
    Path out2 = run("out2", "--decisions-from", out1.toString());

    assertThat(out2.resolve("review/decisions.jsonl"))
        .hasSameTextualContentAs(out1.resolve("review/decisions.jsonl"));
    plan(out2);
    String eva = ShopMail.customerWith(out2, "eva@example.com");
    String rui = ShopMail.customerWith(out2, "rui@example.com");
    assertThat(planned(out2))
        .containsExactly("insert " + ShopMail.customerWith(out2, "ana@example.com"));
    // decided here now, as a rerun into out1 would be: the edit holds, the rejection too
    assertThat(skipReason(out2, rui)).isEqualTo("rejected by op-anna: never a customer");
    assertThat(skipReason(out2, eva)).doesNotContain("another run");
  }

  @Test
  void refusesToCarryDecisionsIntoADirectoryHoldingItsOwn() throws Exception {
    Path earlier = Files.createDirectories(dir.resolve("out1/review"));
    Files.writeString(earlier.resolve("decisions.jsonl"), "{}\n");
    Path own = Files.createDirectories(dir.resolve("out2/review"));
    Files.writeString(own.resolve("decisions.jsonl"), "{}\n");
    // a directory an earlier run wrote (every run leaves its lock file): not a foreign --out
    Files.writeString(dir.resolve("out2/.salvage-run.lock"), "");

    CliRun run =
        CliRun.of(
            "run",
            "--config",
            dir.resolve("salvage.yaml").toString(),
            "--out",
            dir.resolve("out2").toString(),
            "--decisions-from",
            dir.resolve("out1").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "--decisions-from "
                + dir.resolve("out1")
                + ": "
                + own.resolve("decisions.jsonl")
                + " already holds decisions of its own");
  }
}
