package dev.salvage.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of mixed exports: the include and exclude globs choose what a source reads. */
class FileSelectionTest {
  @TempDir Path dir;

  @BeforeEach
  void mixedExports() throws IOException {
    for (String name :
        List.of(
            "charges-0001.json",
            "charges-0002.json",
            "payouts.csv",
            "2026/refunds-0001.json",
            "2026/notes.txt",
            "old/charges-0001.json")) {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "{}");
    }
  }

  private List<String> read(List<String> include, List<String> exclude) throws Exception {
    PartitionedSource source =
        SourceReaders.open(
            "stripe", "stripe-json", dir, Map.of(), new FileSelection(include, exclude));
    return source.partitions().stream()
        .map(partition -> dir.relativize(Path.of(partition)).toString())
        .toList();
  }

  @Test
  void aGlobWithoutASlashMatchesFileNamesAtAnyDepth() throws Exception {
    assertThat(read(List.of("*.json"), List.of()))
        .containsExactly(
            "2026/refunds-0001.json",
            "charges-0001.json",
            "charges-0002.json",
            "old/charges-0001.json");
  }

  @Test
  void aGlobWithASlashMatchesThePathInTheDirectory() throws Exception {
    assertThat(read(List.of("*.json"), List.of("old/**")))
        .containsExactly("2026/refunds-0001.json", "charges-0001.json", "charges-0002.json");
    assertThat(read(List.of("2026/*"), List.of()))
        .containsExactly("2026/notes.txt", "2026/refunds-0001.json");
  }

  @Test
  void withoutGlobsEveryFileIsReadAndTheLeftOutOnesAreListed() throws Exception {
    assertThat(read(List.of(), List.of())).hasSize(6);
    PartitionedSource source =
        SourceReaders.open(
            "stripe",
            "stripe-json",
            dir,
            Map.of(),
            new FileSelection(List.of("*.json"), List.of()));
    assertThat(SourceReaders.filesLeftOut(source))
        .containsExactly(dir.resolve("2026/notes.txt"), dir.resolve("payouts.csv"));
  }

  @Test
  void mailFileTypesChooseTheirFilesWithTheSameGlobs() throws Exception {
    Path mail = dir.resolve("mail");
    for (String name : List.of("a.eml", "notes.txt", "old/b.eml", "old/archive.pst")) {
      Files.createDirectories(mail.resolve(name).getParent());
      Files.writeString(mail.resolve(name), "Subject: x\r\n\r\nx\r\n");
    }
    for (String type : List.of("eml", "eml-dir", "mbox")) {
      PartitionedSource source =
          SourceReaders.open(
              "desk",
              type,
              mail,
              Map.of(),
              new FileSelection(List.of(), List.of("notes.txt", "*.pst")));
      assertThat(source.partitions())
          .as(type)
          .containsExactly(mail.resolve("a.eml").toString(), mail.resolve("old/b.eml").toString());
      assertThat(SourceReaders.filesLeftOut(source))
          .as(type)
          .containsExactly(mail.resolve("notes.txt"), mail.resolve("old/archive.pst"));
    }
    PartitionedSource included =
        SourceReaders.open(
            "desk", "mbox", mail, Map.of(), new FileSelection(List.of("old/*"), List.of()));
    assertThat(included.partitions())
        .containsExactly(
            mail.resolve("old/archive.pst").toString(), mail.resolve("old/b.eml").toString());
  }

  @Test
  void aBadGlobOrAGlobOnASourceWithoutFilesIsRefused() {
    assertThatThrownBy(() -> FileSelection.check("*.{json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("\"*.{json\" is not a glob");
    assertThatThrownBy(
            () ->
                SourceReaders.open(
                    "mail",
                    "imap",
                    null,
                    Map.of("host", "imap.example"),
                    new FileSelection(List.of("*.eml"), List.of())))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("include and exclude choose files; this type reads none");
  }
}
