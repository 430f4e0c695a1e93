package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.connectors.CollectingSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmlDirectoryReaderTest {
  @TempDir Path dir;

  @Test
  void maildirFileBelongsToTheFolderHoldingCur() throws IOException {
    Path file = dir.resolve("Bookings/cur/1710324000.M1P2.host:2,S");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file, "Message-ID: <maildir@example.com>\nSubject: hi\n\nbody\n", StandardCharsets.UTF_8);

    CollectingSink sink = CollectingSink.read(new EmlDirectoryReader(), file);

    assertThat(MailRefs.record(sink, "email:maildir@example.com").location())
        .isEqualTo(file.toString());
    assertThat(MailRefs.json(sink, "email:maildir@example.com").get("folder").asText())
        .isEqualTo("Bookings");
  }
}
