package dev.salvage.pipeline.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.RunLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteReviewBundleTest {
  @TempDir Path dir;

  private Path part(String name, String text) throws IOException {
    Path part = dir.resolve(".work/parts").resolve(name);
    Files.createDirectories(part.getParent());
    return Files.writeString(part, text, StandardCharsets.UTF_8);
  }

  @Test
  void joinsThePartsOfEachFileInOrderWithTheCsvHeaderOnce() throws IOException {
    part("records.jsonl-00001-of-00002", "{\"id\":\"b\"}\n");
    part("records.jsonl-00000-of-00002", "{\"id\":\"a\"}\n");
    part("records.csv-00000-of-00001", "a,customer\n");
    RunLayout layout = RunLayout.of(dir);

    WriteReviewBundle.assemble(layout, List.of("email", "phone"));

    assertThat(layout.records().path()).hasContent("{\"id\":\"a\"}\n{\"id\":\"b\"}");
    assertThat(Files.readAllLines(layout.recordsCsv()))
        .containsExactly(
            "id,entity,action,confidence,flagged,backup_ref,evidence,reasons,email,phone",
            "a,customer");
    assertThat(dir.resolve(".work/parts")).isEmptyDirectory();
  }

  @Test
  void writesAnEmptyFileForAnOutputWithoutParts() throws IOException {
    RunLayout layout = RunLayout.of(dir);

    WriteReviewBundle.assemble(layout, List.of());

    assertThat(layout.quarantine().path()).isEmptyFile();
    assertThat(layout.evidence().path()).isEmptyFile();
  }

  @Test
  void leavesNoPartOfAnEarlierRunToBeJoinedIntoTheNextOne() throws IOException {
    part("unlinked.jsonl-00002-of-00003", "{\"id\":\"stale\"}\n");
    RunLayout layout = RunLayout.of(dir);

    WriteReviewBundle.clearParts(layout);
    part("unlinked.jsonl-00000-of-00001", "{\"id\":\"fresh\"}\n");
    WriteReviewBundle.assemble(layout, List.of());

    assertThat(layout.unlinked().path()).hasContent("{\"id\":\"fresh\"}");
  }
}
