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

  @Test
  void anMboxAmongMailFilesIsReadAsItsMailsEachWithANote() throws IOException {
    Path file = dir.resolve("export.eml");
    Files.writeString(
        file,
        "From ana@example.com Mon Mar  2 10:00:00 2026\n"
            + "Message-ID: <one@example.com>\n"
            + "Subject: first\n"
            + "\n"
            + "Booking R-1\n"
            + "\n"
            + "From rui@example.com Mon Mar  2 11:00:00 2026\n"
            + "Message-ID: <two@example.com>\n"
            + "Subject: second\n"
            + "\n"
            + "Booking R-2\n",
        StandardCharsets.UTF_8);

    CollectingSink sink = CollectingSink.read(new EmlDirectoryReader(), file);

    // parsed as one mail, the second would have been text of the first, without a word
    assertThat(sink.records).hasSize(2);
    assertThat(sink.quarantined).isEmpty();
    assertThat(MailRefs.record(sink, "email:two@example.com").location())
        .startsWith(file + ":")
        .isNotEqualTo(file + ":0");
    assertThat(MailRefs.json(sink, "email:one@example.com").get("text").asText())
        .doesNotContain("R-2");
    assertThat(MailRefs.json(sink, "email:two@example.com").get("notes").toString())
        .contains("read as mail 2 of 2 of an mbox file found where single mails were expected");
  }

  @Test
  void aSavedMailStartingWithItsFromLineIsStillOneMail() throws IOException {
    Path file = dir.resolve("saved.eml");
    Files.writeString(
        file,
        "From ana@example.com Mon Mar  2 10:00:00 2026\n"
            + "Message-ID: <saved@example.com>\n"
            + "Subject: saved\n"
            + "\n"
            + "Booking R-1\n",
        StandardCharsets.UTF_8);

    CollectingSink sink = CollectingSink.read(new EmlDirectoryReader(), file);

    assertThat(sink.records).hasSize(1);
    assertThat(MailRefs.record(sink, "email:saved@example.com").location())
        .isEqualTo(file.toString());
  }
}
