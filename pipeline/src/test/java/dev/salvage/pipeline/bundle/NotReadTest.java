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
            .withNotRead(RunSummary.readNotRead(work), false)
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
}
