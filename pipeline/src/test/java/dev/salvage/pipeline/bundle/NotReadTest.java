package dev.salvage.pipeline.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.salvage.connectors.PartitionFailure;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotReadTest {
  @TempDir Path dir;

  @Test
  void aNoteOfAFolderReadToItsEndIsInItsSourcesEntryOfTheSummaryAndNotAmongTheUnread()
      throws IOException {
    String note = "folder Sent had 6 message(s) when listed and 0 when read: deleted or moved";
    Path work =
        Files.write(
            dir.resolve("not-read.tsv"),
            List.of(
                RunSummary.notReadLine(PartitionFailure.readWithNote("mail", "Sent", 0, note)),
                RunSummary.notReadLine(
                    new PartitionFailure("mail", "INBOX", "all of it", 0, "timed out", true))));
    RunSummary summary =
        new RunSummary(
                Map.of(),
                Map.of(
                    "mail",
                    new RunSummary.SourceCounts(0, 0, 0, 0, Map.of()),
                    "stripe",
                    new RunSummary.SourceCounts(1, 1, 0, 0, Map.of())),
                null,
                1,
                Map.of(),
                null)
            .withNotRead(RunSummary.readNotRead(work))
            .withSourceNotes(RunSummary.readSourceNotes(work));

    JsonNode json = Json.MAPPER.valueToTree(summary);
    assertThat(json.path("sources").path("mail").path("notes")).containsExactly(new TextNode(note));
    assertThat(json.path("sources").path("stripe").has("notes")).isFalse();
    assertThat(json.path("not_read").path("mail").findValuesAsText("partition"))
        .containsExactly("INBOX");
  }

  @Test
  void aSourceWhoseFolderMayNotBeOpenedSaysPermissionDeniedNotThePathAlone() {
    RunSummary.NotRead denied =
        RunSummary.NotRead.wholeSource(new AccessDeniedException("/srv/mail/archive"));
    RunSummary.NotRead unanswered =
        RunSummary.NotRead.wholeSource(new IOException("imap.example.com did not answer"));

    assertThat(denied.lastError()).isEqualTo("Cannot list /srv/mail/archive: permission denied");
    assertThat(denied.notRead()).isEqualTo("the whole source: its partitions could not be listed");
    assertThat(unanswered.lastError()).isEqualTo("imap.example.com did not answer");
  }

  /**
   * The reader's rerun advice travels through the pipeline's work file to summary.json, where the
   * run's closing lines read it; an entry without one is written as before, without the key.
   */
  @Test
  void keepsTheReadersRerunAdviceThroughTheWorkFileAndLeavesItOutWhenThereIsNone()
      throws IOException {
    Path work =
        Files.write(
            dir.resolve("not-read.tsv"),
            List.of(
                RunSummary.notReadLine(
                    new PartitionFailure(
                        "stripe",
                        "refunds/1/2",
                        "refunds created 1..2, every object",
                        0,
                        "HTTP 403",
                        false,
                        "a rerun with the same key meets the same refusal")),
                RunSummary.notReadLine(
                    new PartitionFailure("mail", "INBOX", "all of it", 0, "timed out", true))));

    Map<String, List<RunSummary.NotRead>> notRead = RunSummary.readNotRead(work);

    assertThat(notRead.get("stripe").get(0).rerun())
        .isEqualTo("a rerun with the same key meets the same refusal");
    assertThat(notRead.get("mail").get(0).rerun()).isNull();
    assertThat(Json.line(notRead.get("mail").get(0))).doesNotContain("rerun");
  }
}
