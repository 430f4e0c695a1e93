package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mbox dialect splits where its writer put the messages, at exact byte offsets. */
class MboxDialectsTest {
  @TempDir Path dir;

  @Test
  void splitsAtSeparatorsWithoutADate() throws Exception {
    String mbox =
        "From alice@example.com\n"
            + mail("d1", "one")
            + "\n"
            + "From bob@example.com\n"
            + "Return-Path: <bob@example.com>\n"
            + mail("d2", "two");

    Read read = read("plain.mbox", mbox);

    read.assertMessagesAt("From alice@example.com\n", "From bob@example.com\n");
    assertThat(read.subjects()).containsExactly("one", "two");
  }

  @Test
  void splitsThunderbirdSeparatorsEvenRightAfterABodyLine() throws Exception {
    // Thunderbird writes "From - " (older versions) or "From - <asctime>", and does not always
    // leave a blank line before it
    String mbox =
        "From - \n"
            + "X-Mozilla-Status: 0001\n"
            + mail("t1", "first")
            + "last body line\n"
            + "From - Mon Jan  1 00:00:00 2024\n"
            + "X-Mozilla-Status: 0000\n"
            + "X-Mozilla-Status2: 00000000\n"
            + mail("t2", "second");

    Read read = read("Inbox", mbox);

    read.assertMessagesAt("From - \n", "From - Mon Jan  1 00:00:00 2024\n");
    assertThat(read.subjects()).containsExactly("first", "second");
    assertThat(read.json(0).get("text").asText()).endsWith("body t1\nlast body line\n");
  }

  @Test
  void textBeforeTheFirstSeparatorIsQuarantinedSayingItComesBeforeIt() throws Exception {
    String mbox =
        "Exported by the old helpdesk, copy 2 of 3\n"
            + "\n"
            + "From alice@example.com Tue Jan  2 09:00:00 2024\n"
            + mail("p1", "after the preamble");

    Read read = read("cut.mbox", mbox);

    assertThat(read.subjects()).containsExactly("after the preamble");
    assertThat(read.sink.quarantined).hasSize(1);
    assertThat(read.sink.quarantined.get(0).location()).isEqualTo(read.file() + ":0");
    assertThat(read.sink.quarantined.get(0).reason())
        .startsWith("Cannot parse mail: no mail header")
        .endsWith(
            " (the text from byte 0 (\"Exported by the old helpdesk, copy 2 of 3\") comes before"
                + " the file's first mbox separator (a From line): read as a message of its own;"
                + " a file cut at its start, or not an mbox, looks so)");
  }

  @Test
  void splitsGmailTakeoutSeparators() throws Exception {
    String first = "From 1844347792267117879@xxx Mon Jan 01 00:00:00 +0000 2024\n";
    String second = "From 1844347839636459560@xxx Tue Jan 02 10:30:00 +0000 2024\n";
    String mbox =
        first
            + "X-GM-THRID: 1844347792267117879\n"
            + "X-Gmail-Labels: Inbox,Opened\n"
            + mail("g1", "takeout one")
            + "\n"
            + second
            + "X-GM-THRID: 1844347839636459560\n"
            + "X-Gmail-Labels: Sent\n"
            + mail("g2", "takeout two");

    Read read = read("All mail Including Spam and Trash.mbox", mbox);

    read.assertMessagesAt(first, second);
    assertThat(read.json(1).get("headers").get("x-gmail-labels").asText()).isEqualTo("Sent");
  }

  @Test
  void honoursAConsistentContentLengthOverFromLinesInTheBody() throws Exception {
    // mboxcl2: bodies are not quoted, so a forwarded mail in a body looks like a separator and a
    // header block; the Content-Length says where the body really ends (here right before the
    // next separator, without a blank line)
    String body =
        "Forwarded below.\n"
            + "\n"
            + "From carol@example.com Mon Jan  1 10:00:00 2024\n"
            + "From: carol@example.com\n"
            + "Subject: the original\n"
            + "\n"
            + "Original text.\n";
    String mbox =
        "From alice@example.com Tue Jan  2 09:00:00 2024\n"
            + "From: alice@example.com\n"
            + "Message-ID: <cl1@example.com>\n"
            + "Subject: forward\n"
            + "Content-Length: "
            + body.length()
            + "\n"
            + "\n"
            + body
            + "From bob@example.com Tue Jan  2 10:00:00 2024\n"
            + "From: bob@example.com\n"
            + "Message-ID: <cl2@example.com>\n"
            + "Date: Tue, 2 Jan 2024 10:00:00 +0000\n"
            + "Subject: next\n"
            + "Content-Length: 3\n"
            + "\n"
            + "ok\n"
            + "\n"
            + "\n";

    Read read = read("mboxcl2", mbox);

    read.assertMessagesAt(
        "From alice@example.com Tue Jan  2 09:00:00 2024\n",
        "From bob@example.com Tue Jan  2 10:00:00 2024\n");
    assertThat(read.json(0).get("text").asText()).isEqualTo(body);
    assertThat(read.json(0).get("notes").get(0).asText())
        .startsWith(
            "the line at byte "
                + mbox.indexOf("From carol")
                + " (\"From carol@example.com Mon Jan  1 10:00:00 2024\") would start a message,"
                + " but it is inside the body the Content-Length header announced");
    // the body ends where its length says: the blank lines after it are the mbox's
    assertThat(read.json(1).get("text").asText()).isEqualTo("ok\n");
    assertThat(read.json(1).get("notes")).isEmpty();
  }

  @Test
  void anInconsistentContentLengthIsIgnoredAndHidesNoSeparator() throws Exception {
    String first = "From alice@example.com Tue Jan  2 09:00:00 2024\n";
    String second = "From bob@example.com Tue Jan  2 10:00:00 2024\n";
    String third = "From carol@example.com Tue Jan  2 11:00:00 2024\n";
    String mbox =
        first
            + "From: alice@example.com\n"
            + "Subject: stale length\n"
            + "Content-Length: 100\n" // too long: ends inside the next message
            + "\n"
            + "short body\n"
            + "\n"
            + second
            + "From: bob@example.com\n"
            + "Subject: two\n"
            + "Content-Length: 4\n" // too short: ends inside a line
            + "\n"
            + "a longer body than 4\n"
            + "\n"
            + third
            + mail("c3", "three");

    Read read = read("stale.mbox", mbox);

    read.assertMessagesAt(first, second, third);
    assertThat(read.json(0).get("text").asText()).isEqualTo("short body\n");
  }

  @Test
  void bodyLinesStartingWithFromAreNotSeparators() throws Exception {
    String mbox =
        "From alice@example.com Tue Jan  2 09:00:00 2024\n"
            + "From: alice@example.com\n"
            + "Date: Tue, 2 Jan 2024 09:00:00 +0000\n"
            + "Subject: films\n"
            + "\n"
            + "My favourite:\n"
            + "\n"
            + "From Russia with love\n"
            + "Year: 1963\n"
            + "\n"
            + "From here on, no header follows.\n"
            + "\n"
            + "From the office Tue Jan  2 09:00:00 2024 we moved\n"
            + "to the new address.\n"
            + "\n"
            + "From me\n";

    Read read = read("films.mbox", mbox);

    assertThat(read.sink.records).hasSize(1);
    assertThat(read.sink.quarantined).isEmpty();
    assertThat(read.json(0).get("text").asText())
        .contains("From Russia with love\nYear: 1963\n")
        .contains("From here on")
        .contains("From the office")
        .endsWith("From me\n");
    assertThat(read.json(0).get("notes")).isEmpty();
  }

  @Test
  void aSeparatorShapedLineWithoutHeadersIsReadAsTextAndSaidSo() throws Exception {
    // a message without any header after a classic separator, or a body line an unquoting
    // writer left: the rule reads it as text, and the record says where
    String suspect = "From bob@example.com Tue Jan  2 10:00:00 2024";
    String mbox =
        "From alice@example.com Tue Jan  2 09:00:00 2024\n"
            + mail("s1", "with a suspect line")
            + "\n"
            + suspect
            + "\n"
            + "No header here.\n";

    Read read = read("suspect.mbox", mbox);

    assertThat(read.sink.records).hasSize(1);
    assertThat(read.json(0).get("text").asText()).endsWith(suspect + "\nNo header here.\n");
    assertThat(read.json(0).get("notes").get(0).asText())
        .isEqualTo(
            "the line at byte "
                + mbox.indexOf(suspect)
                + " (\""
                + suspect
                + "\") has the form of an mbox separator but no header block follows it: read as"
                + " text of this message");
  }

  @Test
  void readsCrlfFilesWithAByteOrderMarkAtExactOffsets() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    String text =
        ("From - \n"
                + mail("w1", "windows one")
                + "\n"
                + "From - Mon Jan  1 00:00:00 2024\n"
                + mail("w2", "windows two")
                + ">From quoted\n"
                + "\n")
            .replace("\n", "\r\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(bom);
    bytes.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    Path file = Files.write(dir.resolve("windows.mbox"), bytes.toByteArray());

    CollectingSink sink = MboxReads.read(file);

    assertThat(sink.records)
        .extracting(RawRecord::location)
        .containsExactly(file + ":0", file + ":" + (bom.length + text.indexOf("From - Mon Jan")));
    assertThat(CollectingSink.json(sink.records.get(1)).get("text").asText())
        .isEqualTo("body w2\r\nFrom quoted\r\n");
  }

  @Test
  void anEmptyMessageBetweenClassicSeparatorsIsQuarantinedAtItsOffset() throws Exception {
    String empty = "From nobody@example.com Mon Jan  1 00:00:00 2024\n";
    String mbox =
        "From alice@example.com Mon Jan  1 00:00:00 2024\n"
            + mail("e1", "before")
            + "\n"
            + empty
            + "\n"
            + "From bob@example.com Mon Jan  1 00:00:00 2024\n"
            + mail("e2", "after");

    Read read = read("gap.mbox", mbox);

    assertThat(read.subjects()).containsExactly("before", "after");
    assertThat(read.sink.quarantined)
        .extracting(Quarantined::location)
        .containsExactly(read.file + ":" + mbox.indexOf(empty));
  }

  private static String mail(String id, String subject) {
    return "From: sender@example.com\n"
        + "Message-ID: <"
        + id
        + "@example.com>\n"
        + "Subject: "
        + subject
        + "\n"
        + "\n"
        + "body "
        + id
        + "\n";
  }

  private Read read(String name, String mbox) throws Exception {
    Path file = Files.writeString(dir.resolve(name), mbox, StandardCharsets.ISO_8859_1);
    return new Read(file, mbox, MboxReads.read(file));
  }

  private record Read(Path file, String mbox, CollectingSink sink) {
    /** One record per separator, located at the separator's byte offset, and nothing else. */
    void assertMessagesAt(String... separators) {
      List<String> expected = new ArrayList<>();
      int from = 0;
      for (String separator : separators) {
        int at = mbox.indexOf(separator, from);
        expected.add(file + ":" + at);
        from = at + 1;
      }
      assertThat(sink.quarantined).isEmpty();
      assertThat(sink.records).extracting(RawRecord::location).containsExactlyElementsOf(expected);
    }

    List<String> subjects() {
      return sink.records.stream()
          .map(r -> CollectingSink.json(r).get("subject").asText())
          .toList();
    }

    com.fasterxml.jackson.databind.JsonNode json(int i) {
      return CollectingSink.json(sink.records.get(i));
    }
  }
}
