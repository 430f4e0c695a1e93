package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
  void anAppleMailMessageIsReadWithoutItsLengthLineAndPropertyListInItsMailboxFolder()
      throws IOException {
    String message =
        "Message-ID: <emlx@example.com>\r\nFrom: ana@example.com\r\nSubject: Booking R-7\r\n"
            + "\r\nYour car is booked.\r\n";
    Path file = dir.resolve("Bookings.mbox/4B1F/Data/3/Messages/1234.emlx");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        message.length()
            + "\n"
            + message
            + "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\"><dict><key>flags"
            + "</key><integer>8590195713</integer></dict></plist>\n",
        StandardCharsets.US_ASCII);
    Path broken = dir.resolve("Bookings.mbox/4B1F/Data/3/Messages/1235.emlx");
    Files.writeString(broken, message, StandardCharsets.US_ASCII);

    CollectingSink sink = CollectingSink.read(new EmlDirectoryReader(), file);
    CollectingSink brokenSink = CollectingSink.read(new EmlDirectoryReader(), broken);

    JsonNode mail = MailRefs.json(sink, "email:emlx@example.com");
    assertThat(mail.get("subject").asText()).isEqualTo("Booking R-7");
    assertThat(mail.get("folder").asText()).isEqualTo("Bookings");
    assertThat(mail.toString()).contains("Your car is booked.").doesNotContain("plist");
    assertThat(brokenSink.records).isEmpty();
    assertThat(brokenSink.quarantined)
        .singleElement()
        .satisfies(
            bad ->
                assertThat(bad.reason())
                    .isEqualTo(
                        "Cannot read Apple Mail message: its first line is not the length in bytes"
                            + " of the message that follows (an .emlx file)"));
  }

  @Test
  void aMailFileWhoseLinesEndInLoneCarriageReturnsIsReadPartByPartAsTheSameMailWithLineFeeds()
      throws IOException {
    String message =
        "Message-ID: <mac@example.com>\nFrom: bookings@example.com\nSubject: Booking R-8\n"
            + "MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"b1\"\n\n"
            + "--b1\nContent-Type: text/plain; charset=utf-8\n\nPrice: 85.00\n\n"
            + "--b1\nContent-Type: text/html; charset=utf-8\n\n<p>Price: 85.00</p>\n\n--b1--\n";
    Path mac = Files.writeString(dir.resolve("mac.eml"), message.replace('\n', '\r'));
    Path unix = Files.writeString(dir.resolve("unix.eml"), message);

    CollectingSink macSink = CollectingSink.read(new EmlDirectoryReader(), mac);
    CollectingSink unixSink = CollectingSink.read(new EmlDirectoryReader(), unix);

    assertThat(macSink.records).singleElement();
    JsonNode mail = MailRefs.json(macSink, "email:mac@example.com");
    assertThat(mail.get("text").asText()).startsWith("Price: 85.00").doesNotContain("--b1", "<p>");
    assertThat(mail.get("html").asText()).contains("<p>Price: 85.00</p>");
    assertThat(mail.get("notes").toString())
        .contains("its lines end in a lone carriage return (classic Mac OS)")
        .doesNotContain("boundary");
    // the same message as saved anywhere else: one piece of evidence
    assertThat(macSink.records.get(0).ref()).isEqualTo(unixSink.records.get(0).ref());
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

  @Test
  void anEmptyFileIsNoUnreadableMail() throws IOException {
    Path empty = Files.write(dir.resolve("leer.eml"), new byte[0]);
    Path bom =
        Files.write(dir.resolve("Trash"), new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});

    for (Path file : new Path[] {empty, bom}) {
      CollectingSink sink = CollectingSink.read(new EmlDirectoryReader(), file);
      assertThat(sink.records).as(file.toString()).isEmpty();
      assertThat(sink.quarantined).as(file.toString()).isEmpty();
    }
  }

  @Test
  void aMaildirPlusPlusTreeIsNamedAsItsImapServerShowsIt() throws IOException {
    Path top = write("Jana/cur/1.M1P1.host:2,S", "<top@example.com>");
    Path sub = write("Jana/.Bestätigungen/cur/2.M2P2.host:2,S", "<sub@example.com>");
    Path deep = write("Jana/.Archiv.2026/new/3.M3P3.host", "<deep@example.com>");
    Path plain = write("Maildir/new/4.M4P4.host", "<plain@example.com>");

    assertThat(folderOf(top, "email:top@example.com")).isEqualTo("INBOX");
    assertThat(folderOf(sub, "email:sub@example.com")).isEqualTo("Bestätigungen");
    assertThat(folderOf(deep, "email:deep@example.com")).isEqualTo("Archiv/2026");
    assertThat(folderOf(plain, "email:plain@example.com")).isEqualTo("INBOX");
  }

  private Path write(String path, String messageId) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    return Files.writeString(
        file, "Message-ID: " + messageId + "\nSubject: hi\n\nbody\n", StandardCharsets.UTF_8);
  }

  private static String folderOf(Path file, String ref) throws IOException {
    CollectingSink sink = CollectingSink.read(new EmlDirectoryReader(), file);
    return MailRefs.json(sink, ref).get("folder").asText();
  }
}
