package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.connectors.UnreadPartitionException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MboxReaderTest {
  private static final String FIRST_SEPARATOR = "From MAILER-DAEMON Fri Mar 13 10:00:00 2026\n";
  private static final String SECOND_SEPARATOR = "From b@example.com Sat Mar 14 11:00:00 2026\r\n";
  private static final String EMPTY_SEPARATOR = "From c@example.com Sun Mar 15 12:00:00 2026\n";
  private static final String LAST_SEPARATOR = "From d@example.com Mon Mar 16 13:00:00 2026\n";
  private static final String LAST_MESSAGE =
      "From: d@example.com\nSubject: three, no id\n\nLast line\n";
  private static final String MBOX =
      FIRST_SEPARATOR
          + "From: A <a@example.com>\n"
          + "Message-ID: <m1@example.com>\n"
          + "Subject: one\n"
          + "\n"
          + "Hello\n"
          + ">From the start of time\n"
          + ">>From quoted twice\n"
          + "From here on, no date.\n"
          + "\n"
          + SECOND_SEPARATOR
          + "From: b@example.com\r\n"
          + "Message-ID: <m2@example.com>\r\n"
          + "Subject: two\r\n"
          + "\r\n"
          + "Body two\r\n"
          + "\r\n"
          + EMPTY_SEPARATOR
          + "\n"
          + LAST_SEPARATOR
          + LAST_MESSAGE;

  @TempDir Path dir;

  @Test
  void mailFilesAmongTheMailboxesOfAnMboxSourceAreReadAsAnEmlSourceReadsThem() throws IOException {
    String message =
        "Message-ID: <lib@example.com>\nFrom: bookings@example.com\nSubject: Booking R-9\n\n"
            + "Price: 85.00\n";
    Path emlx = dir.resolve("Bookings.mbox/4B1F/Data/Messages/12.emlx");
    Files.createDirectories(emlx.getParent());
    Files.writeString(
        emlx,
        message.length()
            + "\n"
            + message
            + "<?xml version=\"1.0\"?>\n<plist version=\"1.0\"><dict/></plist>\n");
    // saved without a final line break: a single mail, not a mailbox cut inside its last line
    Path eml = Files.writeString(dir.resolve("saved.eml"), message.strip());

    CollectingSink fromEmlx = CollectingSink.read(new MboxReader(), emlx);
    CollectingSink fromEml = CollectingSink.read(new MboxReader(), eml);
    CollectingSink asEml = CollectingSink.read(new EmlDirectoryReader(), emlx);

    assertThat(fromEmlx.quarantined).isEmpty();
    assertThat(fromEmlx.refs()).isEqualTo(asEml.refs());
    assertThat(MailRefs.json(fromEmlx, "email:lib@example.com").get("text").asText())
        .startsWith("Price: 85.00")
        .doesNotContain("plist");
    assertThat(fromEml.quarantined).isEmpty();
    assertThat(fromEml.records).singleElement();
  }

  @Test
  void splitsMessagesAtSeparatorLinesAndRecordsTheirOffsets() throws Exception {
    Path mbox = write("inbox.mbox", MBOX.getBytes(StandardCharsets.UTF_8));
    CollectingSink sink = MboxReads.read(mbox);

    assertThat(sink.records).hasSize(3);
    assertThat(MailRefs.record(sink, "email:m1@example.com").location())
        .isEqualTo(mbox + ":" + offsetOf(FIRST_SEPARATOR));
    assertThat(MailRefs.record(sink, "email:m2@example.com").location())
        .isEqualTo(mbox + ":" + offsetOf(SECOND_SEPARATOR));
    assertThat(sink.records.get(2).location()).isEqualTo(mbox + ":" + offsetOf(LAST_SEPARATOR));
    assertThat(MailRefs.json(sink, "email:m1@example.com").get("folder").asText())
        .isEqualTo("inbox.mbox");
  }

  @Test
  void aThunderbirdSubfolderIsNamedThroughTheFoldersThatHoldIt() throws Exception {
    Files.createDirectories(dir.resolve("Local Folders/Archives.sbd/2026.sbd"));
    Path mbox =
        write("Local Folders/Archives.sbd/2026.sbd/March", MBOX.getBytes(StandardCharsets.UTF_8));

    CollectingSink sink = MboxReads.read(mbox);

    assertThat(MailRefs.json(sink, "email:m1@example.com").get("folder").asText())
        .isEqualTo("Archives/2026/March");
  }

  @Test
  void undoesFromQuotingAndKeepsUnquotedBodyLines() throws Exception {
    CollectingSink sink =
        MboxReads.read(write("inbox.mbox", MBOX.getBytes(StandardCharsets.UTF_8)));

    assertThat(MailRefs.json(sink, "email:m1@example.com").get("text").asText())
        .isEqualTo("Hello\nFrom the start of time\n>From quoted twice\nFrom here on, no date.\n");
    assertThat(MailRefs.json(sink, "email:m2@example.com").get("text").asText())
        .isEqualTo("Body two\r\n");
  }

  @Test
  void emptyMessageIsQuarantinedAtItsOffset() throws Exception {
    Path mbox = write("inbox.mbox", MBOX.getBytes(StandardCharsets.UTF_8));
    CollectingSink sink = MboxReads.read(mbox);

    assertThat(sink.quarantined).hasSize(1);
    assertThat(sink.quarantined.get(0).location())
        .isEqualTo(mbox + ":" + offsetOf(EMPTY_SEPARATOR));
    assertThat(sink.quarantined.get(0).source()).isEqualTo("test");
  }

  @Test
  void messageWithoutIdIsIdentifiedByTheHashOfItsBytes() throws Exception {
    CollectingSink sink =
        MboxReads.read(write("inbox.mbox", MBOX.getBytes(StandardCharsets.UTF_8)));
    String hash =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    // the line breaks at the end are not hashed (IMAP and files differ there)
                    .digest(LAST_MESSAGE.strip().getBytes(StandardCharsets.UTF_8)));

    JsonNode last = sink.json("email:sha256:" + hash);
    assertThat(last.get("subject").asText()).isEqualTo("three, no id");
    assertThat(last.get("text").asText()).isEqualTo("Last line\n");
  }

  @Test
  void readsGzippedMailboxes() throws Exception {
    Path mbox = dir.resolve("inbox.mbox.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(mbox))) {
      out.write(MBOX.getBytes(StandardCharsets.UTF_8));
    }
    CollectingSink sink = MboxReads.read(mbox);

    assertThat(MailRefs.of(sink)).contains("email:m1@example.com", "email:m2@example.com");
    assertThat(sink.records.size() + sink.quarantined.size()).isEqualTo(4);
  }

  @Test
  void aTruncatedGzippedMailboxGivesTheMailsBeforeTheCutThenFails() throws Exception {
    StringBuilder mails = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      mails.append("From a@example.com Fri Mar 13 10:00:00 2026\n");
      mails.append("Message-ID: <t").append(i).append("@example.com>\nSubject: mail ").append(i);
      mails.append("\n\n").append("Booking R-").append(i).append(" line\n".repeat(20)).append('\n');
    }
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(zipped)) {
      out.write(mails.toString().getBytes(StandardCharsets.US_ASCII));
    }
    byte[] whole = zipped.toByteArray();
    Path mbox = Files.write(dir.resolve("cut.mbox.gz"), Arrays.copyOf(whole, whole.length / 2));

    CollectingSink sink = new CollectingSink();
    assertThatThrownBy(() -> new MboxReader().read(mbox, "mail", sink))
        .isInstanceOf(IOException.class);

    // the first mails are decompressed and read before the cut, which the reader then reports
    assertThat(sink.records).hasSizeGreaterThan(10);
    assertThat(MailRefs.of(sink)).contains("email:t0@example.com", "email:t5@example.com");
  }

  @Test
  void aMailboxWithClassicMacLineEndsIsRefusedNamingTheFileNotReadAsOneMessage() throws Exception {
    Path mbox = write("mac.mbox", MBOX.replace("\r\n", "\n").replace('\n', '\r').getBytes());

    assertThatThrownBy(() -> MboxReads.read(mbox))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("Cannot read mbox file " + mbox)
        .hasMessageContaining("lone carriage return");
    assertThatThrownBy(() -> MboxReader.messageStarts(mbox, start -> {}))
        .hasMessageContaining("lone carriage return");
    // a file too big to read as one partition is still listed, so that its read fails alone
    PartitionedSource split = SourceReaders.open("mail", "mbox", mbox, Map.of("split_size", "1"));
    assertThat(split.partitions()).containsExactly(mbox.toString());
    assertThatThrownBy(() -> split.read(mbox.toString(), new CollectingSink()))
        .hasMessageContaining("lone carriage return");
  }

  @Test
  void messagesOverTheSizeLimitAreFlaggedWithoutBeingHeldWhole() throws Exception {
    String big =
        "From x@example.com Fri Mar 13 10:00:00 2026\nSubject: big\n\n"
            + "0123456789\n".repeat(100)
            + "From y@example.com Fri Mar 13 10:00:00 2026\nSubject: small\n\nok\n";
    List<MboxSplitter.Message> messages = new ArrayList<>();
    new MboxSplitter(200)
        .split(new ByteArrayInputStream(big.getBytes(StandardCharsets.US_ASCII)), messages::add);

    assertThat(messages).hasSize(2);
    assertThat(messages.get(0).tooLarge()).isTrue();
    assertThat(messages.get(0).bytes().length).isLessThanOrEqualTo(200);
    assertThat(messages.get(1).tooLarge()).isFalse();
    assertThat(new String(messages.get(1).bytes(), StandardCharsets.US_ASCII))
        .isEqualTo("Subject: small\n\nok\n");
  }

  @Test
  void aMessagePastTheLimitKeepsOnlyItsHeadForTheExcerptAndTheNextIsWhole() throws Exception {
    // an outside trial's 213 MB mail was held up to the 128 MB limit and copied at its end, which
    // a 384 MB heap did not survive; what is kept of it now is what its quarantine entry shows
    String line = "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01\n";
    String body = line.repeat(4000); // 300,000 bytes
    String mbox =
        "From x@example.com Fri Mar 13 10:00:00 2026\nSubject: big\n\n"
            + body
            + "From y@example.com Fri Mar 13 10:00:00 2026\nSubject: near the limit\n\n"
            + line.repeat(2600);
    List<MboxSplitter.Message> messages = new ArrayList<>();
    new MboxSplitter(200_000)
        .split(new ByteArrayInputStream(mbox.getBytes(StandardCharsets.US_ASCII)), messages::add);

    assertThat(messages).hasSize(2);
    assertThat(messages.get(0).tooLarge()).isTrue();
    assertThat(messages.get(0).bytes().length).isLessThanOrEqualTo(64 * 1024);
    assertThat(new String(messages.get(0).bytes(), 0, 13, StandardCharsets.US_ASCII))
        .isEqualTo("Subject: big\n");
    assertThat(messages.get(1).tooLarge()).isFalse();
    assertThat(messages.get(1).bytes())
        .hasSize("Subject: near the limit\n\n".length() + 2600 * line.length());
  }

  @Test
  void aMailCutByAZeroedBlockIsQuarantinedAndTheBlockIsNamedNotReadAsBodyText() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 4; i++) {
      text.append("From a@example.com Fri Mar 13 10:00:00 2026\n")
          .append("From: a@example.com\nMessage-ID: <z")
          .append(i)
          .append("@example.com>\nSubject: booking ")
          .append(i)
          .append("\n\nBooking R-")
          .append(i)
          .append(", total 123.45 EUR\n")
          .append("line of the body\n".repeat(20))
          .append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
    long second = text.lastIndexOf("From a@example.com", text.indexOf("<z2@"));
    long third = text.lastIndexOf("From a@example.com", text.indexOf("<z3@"));
    // a crash zeroed 512 bytes from the middle of the second mail's body over the third's start
    int zeroedFrom = text.indexOf("total", (int) second);
    Arrays.fill(bytes, zeroedFrom, zeroedFrom + 512, (byte) 0);
    assertThat((long) zeroedFrom + 512).isGreaterThan(third);
    Path mbox = write("zeroed.mbox", bytes);

    CollectingSink sink = MboxReads.read(mbox);

    // before: the second mail was read with the zeroed block as its text and its booking's total
    // lost, the third vanished inside it, and nothing was quarantined
    assertThat(MailRefs.of(sink)).containsExactly("email:z1@example.com", "email:z4@example.com");
    assertThat(sink.quarantined).hasSize(1);
    assertThat(sink.quarantined.get(0).location()).isEqualTo(mbox + ":" + second);
    assertThat(sink.quarantined.get(0).reason())
        .startsWith("Cannot read mail: 512 of its ")
        .contains("bytes are NUL", "zeroed", "the mails that started there");
  }

  @Test
  void aFewStrayNulBytesInAMailAreLeftToTheParser() throws Exception {
    String mail =
        "From a@example.com Fri Mar 13 10:00:00 2026\n"
            + "From: a@example.com\nMessage-ID: <nul@example.com>\nSubject: odd\n\n"
            + "a sender's bug: \0\0\0 here\n";
    CollectingSink sink =
        MboxReads.read(write("stray.mbox", mail.getBytes(StandardCharsets.UTF_8)));

    assertThat(MailRefs.of(sink)).containsExactly("email:nul@example.com");
    assertThat(sink.quarantined).isEmpty();
  }

  @Test
  void aFileCutInsideItsLastMailQuarantinesThatMailAndReportsTheFileNotReadToItsEnd()
      throws Exception {
    String whole = "From a@example.com Mon Jan  1 00:00:00 2024\nFrom: a@example.com\n\nbody\n";
    String cutMail = "From b@example.com Mon Jan  1 00:00:00 2024\nFrom: b@example.com\n\ntotal 12";
    for (String name : List.of("cut.mbox", "cut.mbox.gz")) {
      byte[] bytes = (whole + "\n" + whole + "\n" + cutMail).getBytes(StandardCharsets.UTF_8);
      Path mbox = dir.resolve(name);
      if (name.endsWith(".gz")) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(mbox))) {
          out.write(bytes);
        }
      } else {
        Files.write(mbox, bytes);
      }
      long cutAt = (whole + "\n" + whole + "\n").length();

      CollectingSink sink = new CollectingSink();
      assertThatThrownBy(() -> new MboxReader().read(mbox, "mail", sink))
          .isInstanceOfSatisfying(
              UnreadPartitionException.class,
              e -> {
                assertThat(e.failure().partition()).isEqualTo(mbox.toString());
                assertThat(e.failure().read()).isEqualTo(3);
                assertThat(e.failure().notRead())
                    .isEqualTo(
                        "the end of the mail at byte "
                            + cutAt
                            + " (quarantined) and any mail written after it");
                assertThat(e.failure().lastError())
                    .startsWith(
                        "Cannot read mail at byte "
                            + cutAt
                            + " of mbox file "
                            + mbox
                            + " to its end")
                    .contains("end it with a line break");
              });
      assertThat(sink.records).hasSize(2);
      assertThat(sink.quarantined)
          .singleElement()
          .satisfies(
              bad -> {
                assertThat(bad.location()).isEqualTo(mbox + ":" + cutAt);
                assertThat(bad.reason()).contains("the file ends inside its last line");
              });
    }

    // read in ranges, only the range holding the end fails, with the same quarantine
    Path mbox = dir.resolve("cut.mbox");
    CollectingSink sink = readInThreeRangesTheLastCut(mbox);
    assertThat(sink.records).hasSize(2);
    assertThat(sink.quarantined).hasSize(1);
  }

  @Test
  void aFileEndingInsideItsLastMailsHeadersQuarantinesThatMailAndReportsTheFileNotReadToItsEnd()
      throws Exception {
    String whole = "From a@example.com Mon Jan  1 00:00:00 2024\nFrom: a@example.com\n\nbody\n";
    String separator = "From b@example.com Mon Jan  1 00:00:00 2024\n";
    Map<String, String> cuts =
        Map.of(
            separator + "From: b@example.com\nSubject: Booking confirmed: RW-1\n",
            "the file ends inside this mail's headers: no blank line ends them and no body follows",
            separator,
            "the file ends inside this mail's headers: nothing follows its separator line");
    for (Map.Entry<String, String> cut : cuts.entrySet()) {
      Path mbox =
          write(
              "cut-headers.mbox",
              (whole + "\n" + whole + "\n" + cut.getKey()).getBytes(StandardCharsets.UTF_8));
      long cutAt = (whole + "\n" + whole + "\n").length();

      CollectingSink sink =
          readCutAt(mbox, cutAt, cut.getValue(), "end that mail's header block with a blank line");
      assertThat(sink.records).hasSize(2);
      CollectingSink ranges = readInThreeRangesTheLastCut(mbox);
      assertThat(ranges.records).hasSize(2);
      assertThat(ranges.quarantined).hasSize(1);
    }
  }

  @Test
  void aMailWithHeadersOnlyEndedByABlankLineAtTheEndOfTheFileIsNoCut() throws Exception {
    Path mbox =
        write(
            "headers-only.mbox",
            ("From a@example.com Mon Jan  1 00:00:00 2024\nFrom: a@example.com\n"
                    + "Message-ID: <h1@example.com>\nSubject: no body\n\n")
                .getBytes(StandardCharsets.UTF_8));

    CollectingSink sink = MboxReads.read(mbox);

    assertThat(MailRefs.of(sink)).containsExactly("email:h1@example.com");
  }

  /**
   * Reads {@code mbox} whole, checking that it is reported not read to its end from the mail at
   * {@code cutAt}, which is quarantined there for {@code what}, with {@code fix} as the way out.
   */
  private static CollectingSink readCutAt(Path mbox, long cutAt, String what, String fix) {
    CollectingSink sink = new CollectingSink();
    assertThatThrownBy(() -> new MboxReader().read(mbox, "mail", sink))
        .isInstanceOfSatisfying(
            UnreadPartitionException.class,
            e -> {
              assertThat(e.failure().notRead())
                  .isEqualTo(
                      "the end of the mail at byte "
                          + cutAt
                          + " (quarantined) and any mail written after it");
              assertThat(e.failure().lastError())
                  .startsWith("Cannot read mail at byte " + cutAt + " of mbox file " + mbox)
                  .contains(what)
                  .contains(fix);
            });
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(
            bad -> {
              assertThat(bad.location()).isEqualTo(mbox + ":" + cutAt);
              assertThat(bad.reason()).contains(what);
            });
    return sink;
  }

  /**
   * Reads {@code mbox} in byte ranges of one byte's split size (three ranges, one per mail),
   * checking that only the last is reported not read to its end.
   */
  private static CollectingSink readInThreeRangesTheLastCut(Path mbox) throws Exception {
    PartitionedSource split = SourceReaders.open("mail", "mbox", mbox, Map.of("split_size", "1"));
    List<String> partitions = split.partitions();
    assertThat(partitions).hasSize(3);
    CollectingSink sink = new CollectingSink();
    split.read(partitions.get(0), sink);
    split.read(partitions.get(1), sink);
    assertThatThrownBy(() -> split.read(partitions.get(2), sink))
        .isInstanceOfSatisfying(
            UnreadPartitionException.class,
            e -> assertThat(e.failure().partition()).isEqualTo(partitions.get(2)));
    return sink;
  }

  @Test
  void aFileCutAtALineBreakInsideTheContentLengthBodyOfItsLastMailIsReportedCut() throws Exception {
    // mboxcl2: every mail says how long its body is, so a cut at a line break still shows
    String whole =
        "From a@example.com Mon Jan  1 00:00:00 2024\nFrom: a@example.com\nContent-Length: 5\n\n"
            + "body\n\n";
    String cutMail =
        "From b@example.com Mon Jan  1 00:00:00 2024\nFrom: b@example.com\nContent-Length: 30\n\n"
            + "total 125\n";
    Path mbox = write("cut-cl2.mbox", (whole + whole + cutMail).getBytes(StandardCharsets.UTF_8));
    long cutAt = (whole + whole).length();

    CollectingSink sink =
        readCutAt(
            mbox,
            cutAt,
            "the file ends 20 byte(s) before the end of the body its Content-Length header"
                + " announced (30 bytes)",
            "correct or remove that mail's Content-Length header");
    assertThat(sink.records).hasSize(2);

    // read in ranges, only the range holding the end fails
    CollectingSink ranges = readInThreeRangesTheLastCut(mbox);
    assertThat(ranges.records).hasSize(2);
    assertThat(ranges.quarantined).hasSize(1);
  }

  @Test
  void aContentLengthPastTheEndOnAMailOthersFollowIsStaleNotACut() throws Exception {
    String stale =
        "From a@example.com Mon Jan  1 00:00:00 2024\nFrom: a@example.com\n"
            + "Content-Length: 10000\n\nbody\n\n";
    String last = "From b@example.com Mon Jan  1 00:00:00 2024\nFrom: b@example.com\n\nlast\n";
    Path mbox =
        write("stale-cl.mbox", (stale + last + "\n" + last).getBytes(StandardCharsets.UTF_8));

    CollectingSink sink = new CollectingSink();
    new MboxReader().read(mbox, "mail", sink);
    assertThat(sink.records).hasSize(3);
    assertThat(sink.quarantined).isEmpty();

    PartitionedSource split = SourceReaders.open("mail", "mbox", mbox, Map.of("split_size", "1"));
    CollectingSink ranges = new CollectingSink();
    for (String partition : split.partitions()) {
      split.read(partition, ranges);
    }
    assertThat(ranges.records).hasSize(3);
    assertThat(ranges.quarantined).isEmpty();
  }

  @Test
  void aSingleMailFileWithoutAFinalLineBreakIsReadWhole() throws Exception {
    // single .eml files often end without one: only an mbox's end says it was cut
    Path eml =
        Files.writeString(
            dir.resolve("one.eml"), "From: a@example.com\nMessage-ID: <e1@example.com>\n\nbody");

    CollectingSink sink = CollectingSink.read(new EmlDirectoryReader(), eml);

    assertThat(MailRefs.of(sink)).containsExactly("email:e1@example.com");
  }

  @Test
  void contentBeforeTheFirstSeparatorIsNotLost() throws Exception {
    String mbox =
        "Subject: orphan\nMessage-ID: <orphan@example.com>\n\nno separator before me\n\n"
            + FIRST_SEPARATOR
            + "Subject: next\nMessage-ID: <next@example.com>\n\nbody\n";
    CollectingSink sink = MboxReads.read(write("odd.mbox", mbox.getBytes(StandardCharsets.UTF_8)));

    assertThat(MailRefs.of(sink))
        .containsExactly("email:orphan@example.com", "email:next@example.com");
    assertThat(MailRefs.record(sink, "email:orphan@example.com").location()).endsWith("odd.mbox:0");
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private static long offsetOf(String separator) {
    return MBOX.substring(0, MBOX.indexOf(separator)).getBytes(StandardCharsets.UTF_8).length;
  }
}
