package dev.salvage.pipeline.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.pipeline.bundle.Decision.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionsTest {
  @TempDir Path dir;

  private Decisions read(String... lines) throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return Decisions.read(file);
  }

  private static String line(String id, String record, String decision) {
    return "{\"id\": \""
        + id
        + "\", \"at\": \"2026-04-01T12:00:00Z\", \"who\": \"rita\", \"record_id\": \""
        + record
        + "\", \"decision\": \""
        + decision
        + "\", \"reason\": \"seen the mail\"}";
  }

  private static String undo(String id, String undoes) {
    return "{\"id\": \""
        + id
        + "\", \"at\": \"2026-04-01T12:05:00Z\", \"who\": \"rita\", \"decision\": \"undo\", \"undoes\": \""
        + undoes
        + "\"}";
  }

  @Test
  void theLatestDecisionPerRecordWins() throws Exception {
    Decisions decisions =
        read(
            line("a", "customer:1", "approve"),
            line("b", "customer:2", "approve"),
            line("c", "customer:1", "reject"));

    assertThat(decisions.forRecord("customer:1")).map(Decision::kind).contains(Kind.REJECT);
    assertThat(decisions.forRecord("customer:1")).map(Decision::who).contains("rita");
    assertThat(decisions.forRecord("customer:2")).map(Decision::approves).contains(true);
    assertThat(decisions.forRecord("customer:3")).isEmpty();
  }

  @Test
  void anUndoBringsBackTheDecisionBeforeIt() throws Exception {
    Decisions decisions =
        read(line("a", "customer:1", "approve"), line("b", "customer:1", "reject"), undo("u", "b"));

    assertThat(decisions.forRecord("customer:1")).map(Decision::id).contains("a");
  }

  @Test
  void undoingTheOnlyDecisionLeavesNone() throws Exception {
    assertThat(read(line("a", "customer:1", "approve"), undo("u", "a")).forRecord("customer:1"))
        .isEmpty();
  }

  @Test
  void anUndoOfAnUndoRestoresTheDecision() throws Exception {
    Decisions decisions =
        read(line("a", "customer:1", "reject"), undo("u1", "a"), undo("u2", "u1"));

    assertThat(decisions.forRecord("customer:1")).map(Decision::kind).contains(Kind.REJECT);
  }

  @Test
  void anEditApprovesWithItsValues() throws Exception {
    Decisions decisions =
        read(
            "{\"id\": \"e\", \"record_id\": \"customer:1\", \"decision\": \"edit\", \"edits\": {\"full_name\": \"Fábio Lopes\"}}");

    Decision edit = decisions.forRecord("customer:1").orElseThrow();
    assertThat(edit.approves()).isTrue();
    assertThat(edit.edits()).isEqualTo(Map.of("full_name", "Fábio Lopes"));
  }

  @Test
  void aMissingFileMeansNoDecisions() throws Exception {
    assertThat(Decisions.read(dir.resolve("absent.jsonl")).size()).isZero();
  }

  @Test
  void aMalformedLineFailsNamingFileAndLine() {
    assertThatThrownBy(() -> read(line("a", "customer:1", "approve"), "{not json"))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageContaining("decisions.jsonl:2");
    assertThatThrownBy(() -> read(line("a", "customer:1", "maybe")))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageContaining("decisions.jsonl:1")
        .hasMessageContaining("unknown kind 'maybe'");
    assertThatThrownBy(() -> read(undo("u", "nope")))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageContaining("names unknown decision nope");
  }

  @Test
  void anUndoOfAnUndoOfAnUndoCancelsTheDecisionAgain() throws Exception {
    Decisions decisions =
        read(
            line("a", "customer:1", "approve"),
            undo("u1", "a"),
            undo("u2", "u1"),
            undo("u3", "u2"));

    assertThat(decisions.forRecord("customer:1")).isEmpty();
    assertThat(decisions.inForce("u1")).isTrue();
    assertThat(decisions.inForce("a")).isFalse();
  }

  @Test
  void anUndoWithoutItsRecordBelongsToTheRecordOfWhatItUndoes() throws Exception {
    Decisions decisions = read(line("a", "customer:1", "reject"), undo("u", "a"));

    assertThat(decisions.find("u").recordId()).isEqualTo("customer:1");
  }

  @Test
  void refusesAnUnknownDecisionKindNamingItsLine() {
    assertThatThrownBy(
            () -> read(line("a", "customer:1", "approve"), "", line("b", "customer:2", "accept")))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageEndingWith(
            "decisions.jsonl:3: decision b has unknown kind 'accept' (approve, reject, edit or"
                + " undo)");
  }

  @Test
  void refusesAnUndoOfALaterDecisionOrOfAnotherRecordsDecision() {
    assertThatThrownBy(() -> read(undo("u", "a"), line("a", "customer:1", "approve")))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageContaining("decisions.jsonl:1: undo u names unknown decision a");
    assertThatThrownBy(
            () ->
                read(
                    line("a", "customer:1", "approve"),
                    "{\"id\": \"u\", \"record_id\": \"customer:2\", \"decision\": \"undo\","
                        + " \"undoes\": \"a\"}"))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageContaining("decisions.jsonl:2: undo u is for record customer:2")
        .hasMessageContaining("is for record customer:1");
  }

  @Test
  void refusesARepeatedIdAndAnEditWithoutEdits() {
    assertThatThrownBy(
            () -> read(line("a", "customer:1", "approve"), line("a", "customer:2", "approve")))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageContaining("decisions.jsonl:2: decision id a appears twice");
    assertThatThrownBy(() -> read(line("e", "customer:1", "edit")))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageContaining("decisions.jsonl:1: edit decision e has no edits");
    assertThatThrownBy(
            () ->
                read(
                    "{\"id\": \"e\", \"record_id\": \"customer:1\", \"decision\": \"edit\","
                        + " \"edits\": {\"phone\": null}}"))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageContaining("decision e edits field phone to null");
  }

  @Test
  void addingDecisionsChecksThemAgainstTheEarlierOnes() throws Exception {
    Decisions decisions = read(line("a", "customer:1", "approve"));
    Decision again =
        new Decision("a", null, "bob", "customer:9", Decision.Kind.REJECT, null, null, null);
    Decision undo = new Decision("u", null, "bob", null, Decision.Kind.UNDO, null, null, "a");

    assertThatThrownBy(() -> decisions.plus(List.of(again)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("decision id a appears twice");
    assertThat(decisions.plus(List.of(undo)).forRecord("customer:1")).isEmpty();
    assertThat(decisions.forRecord("customer:1")).isPresent();
  }

  @Test
  void aRecordWhoseLatestLineIsRefusedIsUnsettledUnlessALaterLineDecidesItOrAnUndoTakesItBack()
      throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    Files.writeString(
        file,
        String.join(
                "\n",
                line("a", "customer:1", "approve"),
                line("b", "customer:1", "approve"),
                line("c", "customer:2", "approve"),
                line("d", "customer:2", "approve"),
                line("e", "customer:3", "approve"),
                undo("u", "e"),
                line("f", "customer:4", "reject"))
            + "\n");
    Decisions.LineCheck refuseB =
        decision -> {
          if (List.of("b", "c", "e").contains(decision.id())) {
            throw new Decisions.Refused(null, "refused for the test");
          }
          return decision;
        };

    Decisions.Checked checked = Decisions.read(new JsonlFile<>(file, Decision.class), refuseB);

    // customer:1's approve came before the refused line, so it does not say what was last meant
    assertThat(checked.unsettled()).containsExactly("customer:1");
    assertThat(checked.decisions().forRecord("customer:2")).map(Decision::id).contains("d");
    assertThat(checked.notApplied())
        .extracting(Decisions.NotApplied::decision)
        .containsExactly("b", "c", "e", "u");
  }

  @Test
  void aLastLineCutOffMidWriteIsNotAppliedAndTheWholeLinesBeforeItAre() throws Exception {
    // a review killed (kill -9) while it wrote a bulk approval left half a line at the end
    Path file = dir.resolve("decisions.jsonl");
    String cut = line("c", "customer:3", "approve");
    Files.writeString(
        file,
        line("a", "customer:1", "approve")
            + "\n"
            + line("b", "customer:2", "reject")
            + "\n"
            + cut.substring(0, cut.length() / 2));

    Decisions.Checked checked =
        Decisions.read(new JsonlFile<>(file, Decision.class), decision -> decision);

    assertThat(checked.decisions().all()).extracting(Decision::id).containsExactly("a", "b");
    assertThat(checked.notApplied()).hasSize(1);
    assertThat(checked.notApplied().get(0).describe())
        .startsWith(file + ":3: decision of an unfinished line is not applied: it lacks its line")
        .contains("a write cut off");
    assertThat(checked.unsettled()).isEmpty();
  }

  private Decisions.Checked readAgainst(Decisions.KeyIndex index, String... lines)
      throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return Decisions.read(
        new JsonlFile<>(file, Decision.class),
        decision -> {
          if (!decision.recordId().equals("customer:kept")) {
            throw Decisions.Refused.noRecord(decision.recordId());
          }
          if (!decision.edits().isEmpty()) {
            throw new Decisions.Refused("colour", "it has no field colour");
          }
          return decision;
        },
        index);
  }

  private static String keyed(String id, String record, String decision, String email) {
    return line(id, record, decision)
        .replace("}", ", \"record_keys\": {\"email\": [\"" + email + "\"]}}");
  }

  @Test
  void aDecisionWhoseRecordIsGoneHoldsTheRecordOfTheSameEntityThatHoldsItsKeyNow()
      throws Exception {
    Decisions.KeyIndex index = new Decisions.KeyIndex();
    index.add(
        "customer:new-2",
        "customer",
        Map.of("email", List.of("x@spam.example"), "stripe_customer_id", List.of("cus_1")));
    index.add("reservation:new-9", "reservation", Map.of("email", List.of("x@spam.example")));
    index.add("customer:kept", "customer", Map.of("email", List.of("kept@example.com")));

    Decisions.Checked checked =
        readAgainst(
            index,
            keyed("a", "customer:new-1", "reject", "x@spam.example"),
            keyed("b", "customer:gone", "approve", "nobody@example.com"));

    assertThat(checked.held()).containsOnlyKeys("customer:new-2");
    Decisions.Held held = checked.held().get("customer:new-2");
    assertThat(held.describe())
        .isEqualTo(
            "customer:new-2 is kept out: it holds email x@spam.example of customer:new-1, which was"
                + " rejected on 2026-04-01 by rita (decision a); the rerun gave it a new id (review"
                + " it again)");
    assertThat(checked.orphanLines()).isEqualTo(2);
  }

  @Test
  void anUndoneDecisionOrOneOfTheNewIdItselfHoldsNothing() throws Exception {
    Decisions.KeyIndex index = new Decisions.KeyIndex();
    index.add("customer:new-2", "customer", Map.of("email", List.of("x@spam.example")));
    index.add("customer:kept", "customer", Map.of("email", List.of("y@spam.example")));

    Decisions.Checked checked =
        readAgainst(
            index,
            keyed("a", "customer:new-1", "reject", "x@spam.example"),
            undo("u", "a"),
            keyed("b", "customer:new-3", "reject", "y@spam.example"),
            line("c", "customer:kept", "approve"));

    assertThat(checked.held()).isEmpty();
  }

  @Test
  void linesNamingRecordsTheRunLacksAreCountedOnOneLineWithTheFirstFewAndAllListedInAFile()
      throws Exception {
    String[] lines = new String[8];
    for (int i = 0; i < 7; i++) {
      lines[i] = line("o" + i, "customer:gone-" + i, "approve");
    }
    lines[7] =
        line("e", "customer:kept", "edit").replace("}", ", \"edits\": {\"colour\": \"red\"}}");
    Decisions.Checked checked = readAgainst(new Decisions.KeyIndex(), lines);

    List<String> shown = Decisions.summarize(checked.notApplied());

    Path file = dir.resolve("decisions.jsonl");
    Path all = dir.resolve("decisions-not-applied.txt");
    assertThat(shown)
        .containsExactly(
            file
                + ": 7 decision line(s) name a record this run does not have (gone, or given"
                + " another id by a rerun: a record holding its keys is held for review again):"
                + " customer:gone-0 (line 1), customer:gone-1 (line 2), customer:gone-2 (line 3),"
                + " customer:gone-3 (line 4), customer:gone-4 (line 5) and 2 more (all listed in "
                + all
                + "); they are not applied: fix or remove them",
            file
                + ":8: decision e (record customer:kept, field colour) is not applied: it has no"
                + " field colour");
    assertThat(Files.readAllLines(all))
        .hasSize(7)
        .last()
        .asString()
        .isEqualTo(
            file
                + ":7: decision o6 (record customer:gone-6) is not applied: the run has no record"
                + " customer:gone-6");
    assertThat(checked.lines()).isEqualTo(8);
  }
}
