package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.SourceReaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailFileSourceTest {
  @TempDir Path dir;

  @Test
  void readsMaildirCurAndNewButNotTmp() throws Exception {
    Path maildir = dir.resolve("Bookings");
    write(maildir.resolve("cur/1710324000.M1P2.host:2,S"), "seen");
    write(maildir.resolve("new/1710324100.M2P2.host"), "unseen");
    // a delivery in progress: maybe half written, and moved to new/ once complete
    write(maildir.resolve("tmp/1710324200.M3P2.host"), "being delivered");
    // a folder called tmp that is not a Maildir's is read like any other
    write(dir.resolve("exports/tmp/old.eml"), "exported");

    PartitionedSource source = SourceReaders.open("mail", "eml", dir, Map.of());
    CollectingSink read = CollectingSink.readAll(source);

    assertThat(source.partitions()).noneMatch(p -> p.contains("/Bookings/tmp/"));
    // what is left out is there for the run to name
    assertThat(SourceReaders.maildirDeliveries(dir))
        .containsExactly(maildir.resolve("tmp/1710324200.M3P2.host"));
    assertThat(MailRefs.of(read))
        .containsExactlyInAnyOrder(
            "email:seen@example.com", "email:unseen@example.com", "email:exported@example.com");
    assertThat(MailRefs.json(read, "email:unseen@example.com").get("folder").asText())
        .isEqualTo("Bookings");
  }

  @Test
  void anMboxSourceGivenAMaildirLeavesItsTmpOutLikeAnEmlSource() throws Exception {
    Path maildir = dir.resolve("Bookings");
    write(maildir.resolve("cur/1710324000.M1P2.host:2,S"), "seen");
    // half written: read as an mbox it was a mailbox cut inside its one mail, exit 3
    Files.createDirectories(maildir.resolve("tmp"));
    Files.writeString(
        maildir.resolve("tmp/1710324200.M3P2.host"), "Message-ID: <half@example.com>\nSubj");

    PartitionedSource source = SourceReaders.open("mail", "mbox", dir, Map.of());
    CollectingSink read = CollectingSink.readAll(source);

    assertThat(source.partitions()).noneMatch(p -> p.contains("/Bookings/tmp/"));
    assertThat(MailRefs.of(read)).containsExactly("email:seen@example.com");
    assertThat(read.quarantined).isEmpty();
  }

  @Test
  void maxTextCharsIsValidatedLikeEveryOption() {
    assertThatThrownBy(
            () -> SourceReaders.open("mail", "mbox", dir, Map.of("max_text_chars", "lots")))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessage(
            "Cannot configure mbox source \"mail\": option max_text_chars must be an integer from"
                + " 1000 to 134217728, got \"lots\"");
    assertThatThrownBy(() -> SourceReaders.open("mail", "eml", dir, Map.of("max_text_chars", "10")))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("must be an integer from 1000 to");
    assertThatThrownBy(() -> SourceReaders.open("mail", "eml", dir, Map.of("folders", "INBOX")))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("unknown option(s) folders")
        .hasMessageContaining("known options: max_text_chars");
    assertThatThrownBy(() -> SourceReaders.open("mail", "imap", null, imap("max_text_chars", "x")))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("option max_text_chars must be an integer");
    assertThat(SourceReaders.types()).doesNotHaveDuplicates().contains("mbox", "eml", "imap");
  }

  private static Map<String, String> imap(String key, String value) {
    return Map.of(
        "host", "imap.example.com", "user", "u", "password_env", "IMAP_PASSWORD", key, value);
  }

  private static void write(Path file, String id) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(
        file, "Message-ID: <" + id.replace(' ', '-') + "@example.com>\nSubject: " + id + "\n\nx\n");
  }
}
