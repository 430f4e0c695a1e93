package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.Fixtures.fields;
import static dev.salvage.pipeline.importer.Fixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy for records without a decision says "not flagged, at least X", so records linked
 * probabilistically (confidence just under 1) can be imported without review, and plan says how
 * many records each clause of the policy skipped.
 */
class ImportPolicyClausesTest {
  @TempDir Path temp;
  private TestDatabase db;
  private Path run;
  private Path passwordFile;

  @BeforeEach
  void createDatabaseAndRun() throws Exception {
    db = TestDatabase.create();
    assertThat(db.psql(Fixtures.smallBackup(temp))).isZero();
    passwordFile = Files.writeString(temp.resolve("password"), db.password + "\n");
    List<ReconstructedRecord> records = new ArrayList<>();
    records.add(
        fresh(
            "customer:n-dora",
            "customer",
            1.0,
            false,
            fields("email", "dora@example.com", "full_name", "Dora Test")));
    // attached by probabilistic matching above the link threshold: not flagged, not certain
    records.add(
        fresh(
            "customer:n-fabio",
            "customer",
            0.9999995,
            false,
            fields("email", "fabio@example.com", "full_name", "Fabio Test")));
    records.add(
        fresh(
            "customer:n-eva",
            "customer",
            1.0,
            true,
            fields("email", "eva@example.com", "full_name", "Eva Test")));
    records.add(
        fresh(
            "customer:n-gil",
            "customer",
            0.5,
            true,
            fields("email", "gil@example.com", "full_name", "Gil Test")));
    records.add(
        fresh(
            "customer:n-hugo",
            "customer",
            0.95,
            false,
            fields("email", "hugo@example.com", "full_name", "Hugo Test")));
    records.add(
        fresh(
            "customer:n-rita",
            "customer",
            1.0,
            false,
            fields("email", "rita@example.com", "full_name", "Rita Test")));
    // the target already has this email
    records.add(
        fresh(
            "customer:n-ana",
            "customer",
            1.0,
            false,
            fields("email", "ana@example.com", "full_name", "Ana Silva")));
    records.add(
        Fixtures.record(
            "customer:1",
            "customer",
            Action.UNCHANGED,
            1.0,
            false,
            fields("email", "ana@example.com"),
            fields("email", "ana@example.com", "full_name", "Ana Test")));
    records.add(
        Fixtures.record(
            "customer:2",
            "customer",
            Action.CONFLICT,
            1.0,
            true,
            fields("email", "bruno@example.com"),
            fields("email", "bruno@example.net")));
    run = Fixtures.writeRun(temp.resolve("run"), records);
    Fixtures.decide(run, "d1", "customer:n-rita", "reject", null, null);
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  private CliRun plan(String policy) throws Exception {
    Path mapping = Fixtures.rentwiseMapping(temp);
    Files.writeString(
        mapping, Files.readString(mapping).replace("  min_confidence: 1.0\n", policy));
    List<String> args =
        new ArrayList<>(
            List.of("import", "plan", "--run", run.toString(), "--mapping", mapping.toString()));
    args.addAll(db.targetOptions(passwordFile));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static List<String> inserted(Path run) throws Exception {
    List<String> ids = new ArrayList<>();
    for (ImportPlan.Step step : ImportPlan.read(run.resolve("import/plan.json")).steps()) {
      if (step.insert()) {
        ids.add(step.record());
      }
    }
    return ids;
  }

  @Test
  void notFlaggedAndAtLeastXApprovesProbabilisticRecordsButNeverFlaggedOnes() throws Exception {
    CliRun plan = plan("  min_confidence: 0.99\n");
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(inserted(run)).containsExactlyInAnyOrder("customer:n-dora", "customer:n-fabio");
    assertThat(plan.out())
        .contains("Skipped, by clause:")
        .containsPattern("\\s+0  its latest decision line is not applied.*\\n")
        .containsPattern("\\s+1  rejected by a decision\\n")
        .containsPattern("\\s+1  unchanged \\(nothing to write\\)\\n")
        .containsPattern("\\s+1  conflict \\(needs an explicit approve\\)\\n")
        .containsPattern("\\s+2  flagged for review \\(needs an explicit approve\\)\\n")
        .containsPattern("\\s+0  action not in policy.approve\\n")
        .containsPattern("\\s+1  confidence below policy.min_confidence\\n")
        .containsPattern("\\s+1  already in the target \\(present, or up to date\\)\\n")
        .containsPattern(
            "\\s+0  by the target \\(missing parent, no value, duplicate, ...: listed below\\)\\n")
        .doesNotContain("Kept out by the target")
        // the one unflagged record below 0.99 is named, so nobody has to find it in plan.sql
        .contains(
            "Unflagged but below policy.min_confidence (matched probabilistically; approve each"
                + " in salvage review, or plan again with a lower --min-confidence):\n"
                + "  customer:n-hugo (NEW, confidence 0.9500): no piece attached by matching"
                + " explains it\n");
  }

  @Test
  void namesThePieceAttachedByMatchingThatKeepsARecordBelowMinConfidenceAndItsOdds()
      throws Exception {
    ReconstructedRecord mailed =
        fresh(
            "customer:n-ines",
            "customer",
            0.9999999987198145,
            false,
            fields("email", "ines@example.com", "full_name", "Ines Test"));
    List<ReconstructedRecord.Evidence> evidence = new ArrayList<>(mailed.evidence());
    evidence.add(
        new ReconstructedRecord.Evidence(
            "calendar:agenda/ev7", "agenda", "event", "2026-03-01T09:00:00Z"));
    evidence.add(
        new ReconstructedRecord.Evidence(
            "stripe:ch_1", "payments", "charge", "2026-03-01T09:30:00Z"));
    ReconstructedRecord record =
        mailed.toBuilder()
            .evidence(evidence)
            .links(
                List.of(
                    new ReconstructedRecord.Link(
                        List.of("stripe:ch_1"), 40.2, 1 - 8e-13, false, List.of()),
                    new ReconstructedRecord.Link(
                        List.of("calendar:agenda/ev7"),
                        29.5,
                        0.9999999987198145,
                        false,
                        List.of())))
            .build();
    Fixtures.writeRun(run, List.of(record));

    CliRun plan = plan("  min_confidence: 1.0\n");

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    // which attached piece cost the confidence, and the doubt as odds a person can read
    assertThat(plan.out())
        .contains(
            "  customer:n-ines (NEW, confidence 0.9999999987 (1 in 780 million against)):"
                + " calendar:agenda/ev7 (source agenda) attached by matching at weight +29.5; 1"
                + " more piece(s) attached by matching, stronger\n")
        .doesNotContain("0.9999999987198145");
  }

  @Test
  void aHandWrittenDecisionLineIsCheckedAsReviewChecksAnEditAndOneThatFailsIsNamedNotApplied()
      throws Exception {
    Fixtures.runConfig(
        run,
        temp.resolve("config"),
        "{name: Rentwise, timezone: Europe/Lisbon, phone_region: PT}",
        Files.readString(Path.of("../samples/scenario/entities.yaml")));
    Path decisions = run.resolve("review/decisions.jsonl");
    Files.writeString(
        decisions,
        "{\"id\": \"d5\", \"record_id\": \"customer:n-dora\", \"decision\": \"edit\","
            + " \"edits\": {\"email\": \"<script>x</script>\"}, \"reason\": \"by hand\"}\n"
            + "{\"id\": \"d6\", \"record_id\": \"customer:n-eva\", \"decision\": \"edit\","
            + " \"edits\": {\"full_name\": \"  Eva   Test \"}, \"reason\": \"by hand\"}\n"
            + "{\"id\": \"d7\", \"record_id\": \"customer:n-gil\", \"decision\": \"edit\","
            + " \"edits\": {\"phone\": \"12\"}, \"reason\": \"by hand\"}\n"
            + "{\"id\": \"d8\", \"record_id\": \"customer:n-nobody\", \"decision\": \"approve\"}\n",
        StandardOpenOption.APPEND);

    CliRun plan = plan("  min_confidence: 1.0\n");

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    String file = decisions.toString();
    assertThat(plan.out())
        .contains(
            "Decisions not applied:\n  "
                + file
                + ":2: decision d5 (record customer:n-dora, field email) is not applied: field"
                + " email is email: \"<script>x</script>\" is not an e-mail address\n  "
                + file
                + ":4: decision d7 (record customer:n-gil, field phone) is not applied: field"
                + " phone is phone: \"12\"")
        .contains(
            file
                + ":5: decision d8 (record customer:n-nobody) is not applied: the run has no"
                + " record customer:n-nobody\n");
    assertThat(plan.err()).contains("Warning: 3 decision line(s) are not applied");
    assertThat(Files.readString(run.resolve("import/plan.sql"))).doesNotContain("<script>");
    // Dora's edit is refused, so what was meant for her is unknown: kept out, where the policy
    // alone would insert her with the address the edit was to correct; Eva approved with the
    // name as review stores it; Gil kept out the same way
    assertThat(inserted(run)).containsExactly("customer:n-eva");
    assertThat(plan.out())
        .containsPattern(
            "\\s+2  its latest decision line is not applied \\(listed under Decisions not"
                + " applied\\)\\n");
    ImportPlan.Step eva =
        ImportPlan.read(run.resolve("import/plan.json")).steps().stream()
            .filter(step -> step.record().equals("customer:n-eva"))
            .findFirst()
            .orElseThrow();
    assertThat(eva.values()).anySatisfy(value -> assertThat(value.value()).isEqualTo("Eva Test"));
  }

  @Test
  void aDecisionMadeOnAnotherVersionOfItsRecordIsNotAppliedButOneOnThisVersionIs()
      throws Exception {
    // both flagged records approved in review; Eva's name read otherwise then, and the run was
    // made again into this directory since
    String evaThen =
        fresh(
                "customer:n-eva",
                "customer",
                1.0,
                true,
                fields("email", "eva@example.com", "full_name", "Eva Tset"))
            .digest();
    String gilNow =
        fresh(
                "customer:n-gil",
                "customer",
                0.5,
                true,
                fields("email", "gil@example.com", "full_name", "Gil Test"))
            .digest();
    Files.writeString(
        run.resolve("review/decisions.jsonl"),
        "{\"id\": \"d2\", \"at\": \"2026-04-01T12:05:00Z\", \"who\": \"ines\","
            + " \"record_id\": \"customer:n-eva\", \"decision\": \"approve\","
            + " \"record_digest\": \""
            + evaThen
            + "\"}\n"
            + "{\"id\": \"d3\", \"who\": \"ines\", \"record_id\": \"customer:n-gil\","
            + " \"decision\": \"approve\", \"record_digest\": \""
            + gilNow
            + "\"}\n",
        StandardOpenOption.APPEND);

    CliRun plan = plan("  min_confidence: 1.0\n");

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(inserted(run)).containsExactlyInAnyOrder("customer:n-dora", "customer:n-gil");
    assertThat(plan.out())
        .containsPattern(
            "\\s+1  decided on another version of the record \\(review it again\\)\\n");
    assertThat(ImportPlan.read(run.resolve("import/plan.json")).skipped())
        .filteredOn(skip -> skip.record().equals("customer:n-eva"))
        .extracting(ImportPlan.Skip::reason)
        .containsExactly(
            "approve by ines at 2026-04-01T12:05:00Z was made on another version of this record"
                + " (the run was made again since): review it again; changed since: what changed"
                + " cannot be told: the decision was recorded without the values it was made on (a"
                + " line written by hand or before Salvage kept them)");
  }

  @Test
  void anApprovalWhoseRecordChangedOnlyInUnwrittenFieldsIsVoidWhenItsActionChanged()
      throws Exception {
    // Eva approved as a CONFLICT holding a field the mapping does not write; Gil approved with the
    // same values and action plus that field; both records now lack it. Only Gil's stays in force
    Files.writeString(
        run.resolve("review/decisions.jsonl"),
        "{\"id\": \"d2\", \"at\": \"2026-04-01T12:05:00Z\", \"who\": \"ines\","
            + " \"record_id\": \"customer:n-eva\", \"decision\": \"approve\","
            + " \"record_digest\": \"0123456789ab\", \"record_action\": \"CONFLICT\","
            + " \"record_values\": {\"email\": \"eva@example.com\", \"full_name\": \"Eva Test\","
            + " \"campaign\": \"spring\"}}\n"
            + "{\"id\": \"d3\", \"at\": \"2026-04-01T12:06:00Z\", \"who\": \"ines\","
            + " \"record_id\": \"customer:n-gil\", \"decision\": \"approve\","
            + " \"record_digest\": \"0123456789ab\", \"record_action\": \"NEW\","
            + " \"record_values\": {\"email\": \"gil@example.com\", \"full_name\": \"Gil Test\","
            + " \"campaign\": \"spring\"}}\n",
        StandardOpenOption.APPEND);

    CliRun plan = plan("  min_confidence: 1.0\n");

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(inserted(run)).containsExactlyInAnyOrder("customer:n-dora", "customer:n-gil");
    assertThat(ImportPlan.read(run.resolve("import/plan.json")).skipped())
        .filteredOn(skip -> skip.record().equals("customer:n-eva"))
        .extracting(ImportPlan.Skip::reason)
        .singleElement()
        .asString()
        .endsWith("changed since: action CONFLICT → NEW; campaign: gone (was spring)");
    assertThat(plan.out())
        .contains(
            "1 approval(s) made on another version kept in force: their records changed only in"
                + " campaign, which the target mapping does not write.\n");
  }

  @Test
  void theDefaultPolicyWantsCertaintyAndSaysHowManyItSkippedForIt() throws Exception {
    CliRun plan = plan("  min_confidence: 1.0\n");
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(inserted(run)).containsExactly("customer:n-dora");
    assertThat(plan.out()).containsPattern("\\s+2  confidence below policy.min_confidence\\n");
  }
}
