package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.RunLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The closing note on many unlinked pieces of one rule, told by what matching made of them. */
class UnlinkedGroupsTest {
  @TempDir Path dir;

  private static String piece(int i, String matching) {
    return """
        {"id":"lesson:new-%04d","entity":"lesson","action":"NEW","confidence":0.0,"flagged":true,\
        "reasons":["no reference in any of its evidence: cannot identify the lesson","%s"],\
        "fields":{"currency":{"value":"EUR","sources":["stripe:pi_%d"],"confidence":1.0}},\
        "changes":[],"keys":{},"evidence":[{"ref":"stripe:pi_%d","source":"stripe",\
        "rule":"payment","observedAt":"2026-10-01T10:00:00Z","claims":{"currency":"EUR"}}]}"""
        .formatted(i, matching, i, i);
  }

  private List<String> notes(int ambiguous, int below, int noCandidate) throws Exception {
    return notes(ambiguous, 0, below, noCandidate);
  }

  private List<String> notes(int ambiguous, int matched, int below, int noCandidate)
      throws Exception {
    List<String> lines = new ArrayList<>();
    int i = 0;
    for (int n = 0; n < matched; n++) {
      lines.add(
          piece(
              i++,
              "matched lesson:new-d (weight 2.1) but names another customer_email than evidence"
                  + " already attached"));
    }
    for (int n = 0; n < ambiguous; n++) {
      lines.add(
          piece(
              i++,
              "ambiguous: lesson:new-a (weight 10.1) and lesson:new-b (weight 10.1) match about"
                  + " equally"));
    }
    for (int n = 0; n < below; n++) {
      lines.add(
          piece(i++, "no match above the review threshold 0.0 (best weight -12.5, lesson:new-c)"));
    }
    for (int n = 0; n < noCandidate; n++) {
      lines.add(piece(i++, "no match above the review threshold 0.0 (no candidate)"));
    }
    Path unlinked = dir.resolve("review/unlinked.jsonl");
    Files.createDirectories(unlinked.getParent());
    Files.write(unlinked, lines);
    return UnlinkedGroups.notes(RunLayout.of(dir).unlinked());
  }

  @Test
  void doesNotAdviseNarrowingTheRuleWhenPiecesMatchedRecordsOfTheirTypeAmbiguously()
      throws Exception {
    List<String> notes = notes(12, 10, 3);

    assertThat(notes).hasSize(1);
    assertThat(notes.get(0))
        .contains("25 of the 25 unlinked piece(s) came from rule payment of source stripe")
        .contains("12 ambiguous between two lesson records")
        .contains("10 weighed below the review threshold")
        .contains("3 sharing no block with any record")
        .doesNotContain("likely records the rule should not take")
        .contains("narrow the rule's when: only if they are another kind of payment or event");
  }

  @Test
  void piecesThatMatchedARecordButWereKeptOutAlsoSpeakForTheRule() throws Exception {
    List<String> notes = notes(0, 3, 20, 0);

    assertThat(notes).hasSize(1);
    assertThat(notes.get(0))
        .contains("3 matching a lesson record or another unlinked piece but kept out")
        .contains("20 weighed below the review threshold")
        .doesNotContain("likely records the rule should not take");
  }

  @Test
  void stillAdvisesNarrowingTheRuleWhenNoPieceMatchedARecord() throws Exception {
    List<String> notes = notes(0, 15, 10);

    assertThat(notes).hasSize(1);
    assertThat(notes.get(0))
        .contains("likely records the rule should not take as a lesson")
        .contains("narrow its when:");
  }

  @Test
  void doesNotAdviseNarrowingTheRuleWhenNoKeyCouldJoinTheSourcesOfTheType() throws Exception {
    notes(0, 0, 25);
    List<String> notes =
        UnlinkedGroups.notes(RunLayout.of(dir).unlinked(), java.util.Set.of("lesson"));

    assertThat(notes)
        .singleElement()
        .asString()
        .contains("25 of the 25 unlinked piece(s) came from rule payment of source stripe")
        .contains("No key joins the sources of lesson (said above)")
        .contains("lesson pieces nothing could join, not records the rule should leave out")
        .contains("add a linking: section (docs/linking.md, Configuration)")
        .doesNotContain("narrow its when:");
  }
}
