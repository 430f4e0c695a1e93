package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.connectors.UnreadPartitionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the mbox splitter uses a mail's own multipart: a file that ends inside it was cut, a mail
 * whose multipart is not closed before the next mail is noted, and a {@code From } line with a
 * header block inside an open part is text, not a separator.
 */
class MboxMultipartTest {
  @TempDir Path dir;

  /** A multipart mail with a text part holding {@code text}, closed unless {@code open}. */
  private static String multipart(String id, String boundary, String text, boolean open) {
    return "From: shop@example.com\n"
        + "Message-ID: <"
        + id
        + "@example.com>\n"
        + "Date: Tue, 2 Jan 2024 09:00:00 +0000\n"
        + "Subject: booking "
        + id
        + "\n"
        + "MIME-Version: 1.0\n"
        + "Content-Type: multipart/alternative;\n"
        + " boundary=\""
        + boundary
        + "\"\n"
        + "\n"
        + "--"
        + boundary
        + "\n"
        + "Content-Type: text/plain; charset=utf-8\n"
        + "\n"
        + text
        + (open ? "" : "--" + boundary + "--\n");
  }

  private static String separator(int day) {
    return "From shop@example.com Tue Jan  " + day + " 09:00:00 2024\n";
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void aFileEndingInsideTheMultipartOfItsLastMailIsReportedNotReadToItsEnd() throws Exception {
    String whole1 = separator(1) + multipart("m1", "b-1", "Booking R-1, total 100 EUR\n", false);
    String whole2 = separator(2) + multipart("m2", "b-2", "Booking R-2, total 200 EUR\n", false);
    // cut at a line break: no line is cut, but the total and the closing boundary are gone
    String cut = separator(3) + multipart("m3", "b-3", "Booking R-3\n", true);
    Path mbox = write("cut.mbox", whole1 + "\n" + whole2 + "\n" + cut);
    long cutAt = (whole1 + "\n" + whole2 + "\n").length();

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
                  .contains("the file ends inside the multipart of its last mail")
                  .contains("\"--b-3--\"");
            });
    assertThat(MailRefs.of(sink)).hasSize(2);
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(bad -> assertThat(bad.location()).isEqualTo(mbox + ":" + cutAt));

    // read in ranges, only the range holding the end fails, with the same quarantine
    PartitionedSource split = SourceReaders.open("mail", "mbox", mbox, Map.of("split_size", "1"));
    List<String> partitions = split.partitions();
    assertThat(partitions).hasSize(3);
    CollectingSink ranges = new CollectingSink();
    split.read(partitions.get(0), ranges);
    split.read(partitions.get(1), ranges);
    assertThatThrownBy(() -> split.read(partitions.get(2), ranges))
        .isInstanceOf(UnreadPartitionException.class);
    assertThat(ranges.records).isEqualTo(sink.records);
    assertThat(ranges.quarantined).isEqualTo(sink.quarantined);
  }

  @Test
  void aMailInTheMiddleWhoseMultipartIsNotClosedIsReadWithANoteNamingIt() throws Exception {
    String open = separator(1) + multipart("m1", "b-1", "Booking R-1\n", true);
    String next = separator(2) + multipart("m2", "b-2", "Booking R-2, total 200 EUR\n", false);
    Path mbox = write("open.mbox", open + "\n" + next);

    CollectingSink sink = MboxReads.read(mbox);

    assertThat(MailRefs.of(sink)).hasSize(2);
    assertThat(sink.quarantined).isEmpty();
    assertThat(CollectingSink.json(sink.records.get(0)).get("notes").toString())
        .contains(
            "the multipart of the mail at byte 0 (boundary \\\"b-1\\\") is not closed before the"
                + " next mail starts");
    assertThat(CollectingSink.json(sink.records.get(1)).get("notes")).isEmpty();
  }

  @Test
  void aMailWhoseDeclaredBoundaryNeverOccursIsReadByTheBoundaryItsPartsUseWithANote()
      throws Exception {
    String broken =
        multipart("m1", "b-1", "Booking R-1, total 100 EUR\n", false)
            .replace("boundary=\"b-1\"", "boundary=\"b-1-BROKEN\"");
    String noParts =
        multipart("m2", "b-2", "Booking R-2, total 200 EUR\n", false)
            .replace("boundary=\"b-2\"", "boundary=\"elsewhere\"")
            .replace("--b-2\nContent-Type: text/plain; charset=utf-8\n\n", "");
    String last = separator(2) + multipart("m3", "b-3", "Booking R-3\n", false);
    CollectingSink sink =
        MboxReads.read(
            write(
                "broken-boundary.mbox",
                separator(2) + broken + "\n" + separator(2) + noParts + "\n" + last));

    assertThat(sink.quarantined).isEmpty();
    JsonNode read = MailRefs.json(sink, "email:m1@example.com");
    assertThat(read.get("text").asText()).isEqualTo("Booking R-1, total 100 EUR");
    assertThat(read.get("notes"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "part 1 (multipart/alternative): its declared boundary \"b-1-BROKEN\" never occurs in"
                + " its body: its parts are read by the boundary they use (\"b-1\")");
    JsonNode asText = MailRefs.json(sink, "email:m2@example.com");
    assertThat(asText.get("text").asText()).contains("Booking R-2, total 200 EUR");
    assertThat(asText.get("notes"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "part 1 (multipart/alternative): its declared boundary \"elsewhere\" never occurs in"
                + " its body, so it has no parts to read: its body is read as one text part");
  }

  @Test
  void aMailCutInTheMiddleIsNotJoinedToTheNextMailsOfTheSameWriter() throws Exception {
    // a writer that uses one boundary for every mail: the cut mail's boundary lines come again,
    // but in mails of their own, each declaring it
    String cut = separator(1) + multipart("m1", "fixed", "Booking R-1\n", true);
    String next2 = separator(2) + multipart("m2", "fixed", "Booking R-2\n", false);
    String next3 = separator(3) + multipart("m3", "fixed", "Booking R-3\n", false);
    Path mbox = write("fixed.mbox", cut + "\n" + next2 + "\n" + next3);

    CollectingSink sink = MboxReads.read(mbox);

    assertThat(MailRefs.of(sink)).hasSize(3);
    assertThat(CollectingSink.json(sink.records.get(0)).get("notes").toString())
        .contains("is not closed before the next mail starts");
  }

  @Test
  void anUnquotedFromLineWithHeadersInsideAnOpenPartDoesNotSplitTheMail() throws Exception {
    String forwarded =
        "Forwarded below.\n"
            + "\n"
            + "From bob@example.com Mon Jan  1 10:00:00 2024\n"
            + "From: Bob <bob@example.com>\n"
            + "Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
            + "Subject: my booking\n"
            + "\n"
            + "Booking R-7, total 125 EUR\n";
    String first = separator(1) + multipart("m1", "b-1", forwarded, false);
    String second = separator(2) + multipart("m2", "b-2", "Booking R-2\n", false);
    Path mbox = write("unquoted.mbox", first + "\n" + second);

    CollectingSink sink = MboxReads.read(mbox);

    assertThat(MailRefs.of(sink)).hasSize(2);
    JsonNode mail = CollectingSink.json(sink.records.get(0));
    assertThat(mail.get("message_id").asText()).isEqualTo("m1@example.com");
    assertThat(mail.get("text").asText()).contains("Booking R-7, total 125 EUR");
    assertThat(mail.get("notes").get(0).asText())
        .isEqualTo(
            "the line at byte "
                + first.indexOf("From bob")
                + " (\"From bob@example.com Mon Jan  1 10:00:00 2024\") is followed by a header"
                + " block, but it lies inside this mail's multipart (boundary \"b-1\"), whose"
                + " boundary lines go on after it: an unquoted From line in a part, read as text"
                + " of this message");
    assertThat(CollectingSink.json(sink.records.get(1)).get("message_id").asText())
        .isEqualTo("m2@example.com");
  }

  @Test
  void aFromLineFollowedOnlyByToAndSubjectIsTextOfTheMail() throws Exception {
    String mbox =
        separator(1)
            + "From: anna@example.com\n"
            + "Message-ID: <memo@example.com>\n"
            + "Date: Mon, 1 Jan 2024 09:00:00 +0000\n"
            + "Subject: memo\n"
            + "\n"
            + "Copied from the notice board:\n"
            + "From the desk of the manager\n"
            + "To: all staff\n"
            + "Subject: holidays\n"
            + "\n"
            + "The office is closed on 2 January.\n";
    Path file = write("memo.mbox", mbox);

    CollectingSink sink = MboxReads.read(file);

    assertThat(MailRefs.of(sink)).hasSize(1);
    JsonNode mail = CollectingSink.json(sink.records.get(0));
    assertThat(mail.get("text").asText()).contains("The office is closed on 2 January.");
    assertThat(mail.get("notes").get(0).asText())
        .isEqualTo(
            "the line at byte "
                + mbox.indexOf("From the desk")
                + " (\"From the desk of the manager\") is followed by header fields, but by none a"
                + " stored mail has (From, Date, Message-ID, Received, Return-Path, Status...)"
                + " and it does not have the form of an mbox separator (From sender date): read"
                + " as text of this message");
  }

  @Test
  void realMailboxesOfManyMailsStillSplitEveryMail() throws Exception {
    // mboxo and mboxrd as writers write them: multipart and single-part mails, quoted From lines
    // inside parts, minimal mails (To and Subject only) after a classic separator, no blank line
    // before some separators, and one boundary shared by every multipart mail
    StringBuilder mboxo = new StringBuilder();
    StringBuilder mboxrd = new StringBuilder();
    int mails = 60;
    for (int i = 0; i < mails; i++) {
      String separator = "From sender" + i + "@example.com Tue Jan  2 09:00:00 2024\n";
      String text = "Line one of " + i + "\n>From the start\n";
      String mail =
          switch (i % 3) {
            case 0 -> multipart("m" + i, i % 2 == 0 ? "shared" : "own-" + i, text, false);
            case 1 -> "From: a@example.com\nMessage-ID: <m" + i + "@example.com>\n\n" + text;
            default -> "To: b@example.com\nSubject: minimal " + i + "\n\n" + text;
          };
      String gap = i % 7 == 6 ? "" : "\n";
      mboxo.append(separator).append(mail).append(gap);
      mboxrd.append(separator).append(mail.replace(">From", ">>From")).append(gap);
    }

    for (String[] file :
        List.of(
            new String[] {"many.mboxo", mboxo.toString()},
            new String[] {"many.mboxrd", mboxrd.toString()})) {
      CollectingSink sink = MboxReads.read(write(file[0], file[1]));

      assertThat(sink.records).as(file[0]).hasSize(mails);
      assertThat(sink.quarantined).as(file[0]).isEmpty();
      for (var record : sink.records) {
        JsonNode mail = CollectingSink.json(record);
        assertThat(mail.get("text").asText()).as(file[0]).contains("From the start");
        assertThat(mail.get("notes").toString())
            .as(file[0])
            .doesNotContain("not closed")
            .doesNotContain("read as text");
      }
    }
  }
}
