package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.RawRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evidence ids of mails: one per distinct message, whatever shares its Message-ID. */
class MailIdentityTest {
  private static final String BOOKING =
      "Message-ID: <shared@rentals.example>\n"
          + "From: bookings@rentals.example\n"
          + "Subject: Booking R-1\n"
          + "\n"
          + "Pickup on 3 May.\n";
  // a broken mailer reused the id for another mail
  private static final String CANCELLATION =
      "Message-ID: <shared@rentals.example>\n"
          + "From: bookings@rentals.example\n"
          + "Subject: Booking R-2 cancelled\n"
          + "\n"
          + "Cancelled.\n";

  @TempDir Path dir;

  @Test
  void distinctMailsSharingAMessageIdKeepDistinctIdsWhateverTheReadOrder() throws Exception {
    Path one = mbox("one.mbox", BOOKING, CANCELLATION);
    Path other = mbox("other.mbox", CANCELLATION, BOOKING);

    List<String> forward = MboxReads.read(one).refs();
    List<String> backward = MboxReads.read(other).refs();

    assertThat(forward).hasSize(2).doesNotHaveDuplicates();
    assertThat(forward)
        .allSatisfy(ref -> assertThat(ref).startsWith("email:shared@rentals.example#"));
    assertThat(backward).containsExactly(forward.get(1), forward.get(0));
  }

  @Test
  void theIdIsTheMessageIdAndAHashOfTheBytesIndependentOfLineEnds() throws Exception {
    CollectingSink lf = read("lf.eml", BOOKING);
    CollectingSink crlf = read("crlf.eml", BOOKING.replace("\n", "\r\n") + "\r\n");

    String expected =
        "email:shared@rentals.example#"
            + contentHash(BOOKING.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    assertThat(lf.refs()).containsExactly(expected);
    // IMAP sends CRLF and files store LF: the same message, the same evidence
    assertThat(crlf.refs()).containsExactly(expected);
  }

  @Test
  void byteIdenticalCopiesShareTheirIdAndNothingElseDoes() throws Exception {
    Path mbox = mbox("dups.mbox", BOOKING, BOOKING, BOOKING.replace("3 May", "4 May"));

    CollectingSink read = MboxReads.read(mbox);

    List<String> refs = read.refs();
    assertThat(refs).hasSize(3);
    assertThat(refs.get(0)).isEqualTo(refs.get(1));
    assertThat(refs.get(2)).isNotEqualTo(refs.get(0));
    RawRecord changed = read.records.get(2);
    assertThat(CollectingSink.json(changed).get("text").asText()).contains("4 May");
  }

  @Test
  void aMailWithoutMessageIdIsIdentifiedByItsWholeHash() throws Exception {
    String mail = "From: a@example.com\nSubject: no id\n\nbody\n";

    CollectingSink read = read("no-id.eml", mail);

    assertThat(read.refs())
        .containsExactly("email:sha256:" + contentHash(mail.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theHeadersAMailClientWritesIntoItsOwnCopyDoNotMakeAnotherMessage() throws Exception {
    // Thunderbird: the Inbox copy read, then moved to an archive; until the Inbox is compacted it
    // still holds the moved copy, flagged expunged (0x0008), and the archive holds it flagged read
    String inbox =
        "X-Mozilla-Status: 0009\nX-Mozilla-Status2: 00000000\nX-Mozilla-Keys:                  "
            + "                                                    \n"
            + BOOKING;
    String archive =
        "X-Mozilla-Status: 0001\nX-Mozilla-Status2: 00800000\nX-Mozilla-Keys: $label1\n" + BOOKING;
    // an mbox client's status and a Takeout export's labels, one of them folded
    String other =
        BOOKING.replace(
            "Subject: Booking R-1\n",
            "Subject: Booking R-1\nStatus: RO\nX-Gmail-Labels: Archived,\n Bookings\n");
    // a header the sender wrote is part of the message
    String differs = BOOKING.replace("Subject:", "X-Priority: 1\nSubject:");

    String original = read("original.eml", BOOKING).refs().get(0);
    List<String> mboxes = MboxReads.read(mbox("inbox.mbox", inbox, archive, other)).refs();

    assertThat(mboxes).containsExactly(original, original, original);
    assertThat(read("differs.eml", differs).refs()).doesNotContain(original);
    // such a header in the body is text, and counts
    assertThat(read("body.eml", BOOKING + "Status: RO\n").refs()).doesNotContain(original);
  }

  @Test
  void copiesDifferingOnlyInDeliveryHeadersShareACopyKeyButKeepTheirEvidenceIds() throws Exception {
    // the studio's Sent copy, and the colleague's inbox copy with what the servers and the
    // mailbox wrote into it
    String delivered =
        "Return-Path: <bookings@rentals.example>\n"
            + "Delivered-To: desk@rentals.example\n"
            + "Received: from mx.rentals.example by imap.rentals.example;\n"
            + " Mon, 2 Mar 2026 10:00:02 +0000\n"
            + "ARC-Seal: i=1; a=rsa-sha256; cv=none\n"
            + "Authentication-Results: mx.rentals.example; spf=pass\n"
            + "X-Folder: Desk\n"
            + "X-Apple-Base-Url: x-msg://4/\n"
            + "Lines: 1\n"
            + BOOKING;
    String otherBody = BOOKING.replace("3 May", "4 May");

    RawRecord sent = read("sent.eml", BOOKING).records.get(0);
    RawRecord copy = read("copy.eml", delivered).records.get(0);
    RawRecord other = read("other.eml", otherBody).records.get(0);

    assertThat(copy.copyKey()).isEqualTo(sent.copyKey());
    assertThat(other.copyKey()).isNotEqualTo(sent.copyKey());
    // a mail read alone keeps the id it had before copy keys existed
    assertThat(sent.ref())
        .isEqualTo(
            "email:shared@rentals.example#"
                + contentHash(BOOKING.getBytes(StandardCharsets.UTF_8)).substring(0, 12));
    assertThat(copy.ref()).isNotEqualTo(sent.ref());
    assertThat(sent.copyKey()).isEqualTo(sent.ref());
  }

  @Test
  void aCopyFromAnMboxoFileThatLostTheQuoteOfABodyLineIsACopyOfTheMailThatKeptIt()
      throws Exception {
    // the mail as sent holds a body line starting ">From "; an mboxo writer left it as it was and
    // the mboxrd reading takes its ">" for quoting, while the Maildir copy keeps it
    String sent = BOOKING + ">From our tuner's notebook: keep the lid closed.\n";
    RawRecord maildir = read("maildir.eml", sent).records.get(0);
    Path mboxo =
        Files.writeString(
            dir.resolve("Archives"), "From - Tue Mar 10 09:30:00 2026\n" + sent + "\n");
    RawRecord fromMboxo = MboxReads.read(mboxo).records.get(0);
    RawRecord other =
        read("other.eml", BOOKING + ">From our tuner's notebook: open the lid.\n").records.get(0);

    assertThat(fromMboxo.ref()).isNotEqualTo(maildir.ref());
    assertThat(fromMboxo.copyKey()).isEqualTo(maildir.copyKey());
    assertThat(other.copyKey()).isNotEqualTo(maildir.copyKey());
  }

  /**
   * SHA-256 of a message as docs/mail.md defines it: CRLF read as LF, the line breaks at the end
   * left out (written here independently of the reader's streaming implementation).
   */
  static String contentHash(byte[] raw) throws Exception {
    String text = new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
    text = text.replaceAll("[\r\n]+$", "");
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.ISO_8859_1)));
  }

  private CollectingSink read(String name, String content) throws Exception {
    return CollectingSink.read(
        new EmlDirectoryReader(),
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8));
  }

  private Path mbox(String name, String... mails) throws Exception {
    StringBuilder mbox = new StringBuilder();
    for (String mail : mails) {
      mbox.append("From bookings@rentals.example Mon Mar  2 10:00:00 2026\n")
          .append(mail)
          .append('\n');
    }
    return Files.writeString(dir.resolve(name), mbox, StandardCharsets.UTF_8);
  }
}
