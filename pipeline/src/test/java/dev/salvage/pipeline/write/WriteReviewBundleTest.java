package dev.salvage.pipeline.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    part("records.csv-00000-of-00001", "\"a,customer\"\n");
    RunLayout layout = RunLayout.of(dir);

    WriteReviewBundle.assemble(layout, List.of("email", "phone"));

    assertThat(layout.records().path()).hasContent("{\"id\":\"a\"}\n{\"id\":\"b\"}");
    assertThat(Files.readAllLines(layout.recordsCsv()))
        .containsExactly(
            "\uFEFFid,entity,action,confidence,flagged,backup_ref,evidence,reasons,email,phone",
            "a,customer");
    // the byte order mark, which Excel needs to read the file as UTF-8, is written once
    assertThat(Files.readAllBytes(layout.recordsCsv()))
        .startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 'i');
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

  @Test
  void joinsInIdOrderWhateverOrderTheWorkersWroteTheirPartsIn() throws IOException {
    part("records.jsonl-00000-of-00002", "{\"id\":\"customer:9\"}\n{\"id\":\"customer:10\"}\n");
    part("records.jsonl-00001-of-00002", "{\"id\":\"customer:1\"}\n");
    part("records.csv-00000-of-00002", "\"b,customer,\\\"two\\nlines\\\"\"\n");
    part("records.csv-00001-of-00002", "\"a,customer\"\n");
    RunLayout layout = RunLayout.of(dir);

    WriteReviewBundle.assemble(layout, List.of());

    assertThat(Files.readAllLines(layout.records().path()))
        .containsExactly(
            "{\"id\":\"customer:1\"}", "{\"id\":\"customer:10\"}", "{\"id\":\"customer:9\"}");
    assertThat(Files.readString(layout.recordsCsv()))
        .endsWith("\na,customer\nb,customer,\"two\nlines\"\n");
  }

  @Test
  void sortsInputLargerThanOneRunThroughSortedRunsOnDisk() throws IOException {
    List<Path> parts = new java.util.ArrayList<>();
    List<String> expected = new java.util.ArrayList<>();
    for (int p = 0; p < 3; p++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 50; i++) {
        String line = "line-" + ((i * 7 + p * 13) % 97) + "-" + p + "-" + i;
        text.append(line).append('\n');
        expected.add(line);
      }
      parts.add(part("big.jsonl-0000" + p, text.toString()));
    }
    expected.sort(null);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    SortedLines.join(parts, dir, out, s -> s, 200);

    assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).isEqualTo(expected);
    assertThat(dir.resolve(".sorted-run-0")).doesNotExist();
  }

  @Test
  void anOutputWithAShardMissingIsRefusedNamingItRatherThanJoinedShort() throws IOException {
    // a TaskManager whose --out was another directory wrote shard 1 where this machine cannot see
    part("records.jsonl-00000-of-00002", "{\"id\":\"a\"}\n");
    RunLayout layout = RunLayout.of(dir);

    assertThatThrownBy(() -> WriteReviewBundle.assemble(layout, List.of()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("1 of its 2 parts are missing [1]")
        .hasMessageContaining("--out must be the same directory on every TaskManager");
    assertThat(layout.records().path()).doesNotExist();
  }
}
