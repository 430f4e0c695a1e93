package dev.salvage.pipeline.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.salvage.connectors.io.InputFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a partition that cannot be read says: the file, what is wrong with it, what to do. */
class ReadFailureWordsTest {
  @TempDir Path dir;

  @Test
  void aNameThatIsNotTextInTheFileSystemEncodingSaysToRenameTheFile() {
    // a listing decodes a name's invalid bytes as U+FFFD; opened by that name, it is no file
    String listed = dir.resolve("bad\uFFFD\uFFFDbytes.eml").toString();

    String said = ReadSources.ReadPartitionFn.describe(listed, new NoSuchFileException(listed));

    assertThat(said)
        .startsWith("Cannot read " + listed + ": its name is not valid in the file-system encoding")
        .contains("rename the file")
        .doesNotContain("no such file");
  }

  @Test
  void aLinkInACycleOfLinksSaysSo() throws IOException {
    Path x = dir.resolve("x.eml");
    Path y = dir.resolve("y.eml");
    Files.createSymbolicLink(x, y);
    Files.createSymbolicLink(y, x);
    IOException failure = catchThrowableOfType(() -> InputFiles.open(x), IOException.class);

    String said = ReadSources.ReadPartitionFn.describe(x.toString(), failure);

    assertThat(said)
        .isEqualTo(
            "Cannot read "
                + x
                + ": it is a symbolic link in a cycle of links (it leads, through links, back to"
                + " itself), so it leads to no file; point it at the file it stands for, or leave"
                + " it out with the source's exclude");
  }

  @Test
  void damagedGzipDataNamesTheFileAndSaysItIsNotValidGzip() throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(zipped)) {
      for (int i = 0; i < 2000; i++) {
        out.write(
            ("From a@b Mon Jan  1 00:00:00 2026\nSubject: " + i + "\n\nbody\n")
                .getBytes(StandardCharsets.US_ASCII));
      }
    }
    byte[] bytes = zipped.toByteArray();
    for (int i = 10; i < 60; i++) {
      bytes[i] = (byte) 0xff; // the deflate stream's first block, overwritten
    }
    Path file = Files.write(dir.resolve("corrupt.mbox.gz"), bytes);
    IOException failure =
        catchThrowableOfType(
            () -> {
              try (InputStream in = InputFiles.open(file)) {
                in.readAllBytes();
              }
            },
            IOException.class);

    String said = ReadSources.ReadPartitionFn.describe(file.toString(), failure);

    assertThat(said)
        .startsWith("Cannot read " + file + ": it is not valid gzip data (")
        .contains("the file is damaged");
  }
}
