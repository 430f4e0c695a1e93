package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mail pasted into a reply after a {@code From } line its writer did not quote: its header block
 * has no Message-ID nor the trace fields of the mail around it. Read as text of the reply when it
 * is dated well before it, else kept apart with a note on both; a real next mail, which has them,
 * is split as ever.
 */
class MboxPastedMailTest {
  @TempDir Path dir;

  private static final String REPLY_HEADERS =
      "From reservas@salon.example Sat Feb 28 19:00:00 2026\n"
          + "Date: Sat, 28 Feb 2026 13:00:00 -0600\n"
          + "From: Jose Luis <jl@mail.example>\n"
          + "To: reservas@salon.example\n"
          + "Subject: Re: folio SJC-0111\n"
          + "Message-ID: <reply-0111@mail.example>\n"
          + "\n"
          + "Seremos 60 invitados, el total acordado es $15,200.00 MXN.\n"
          + "\n"
          + "Les pego lo que me llego:\n"
          + "\n";

  private static String pasted(String separatorDate, String date) {
    return "From reservas@salon.example "
        + separatorDate
        + "\n"
        + "From: Salon <reservas@salon.example>\n"
        + "Date: "
        + date
        + "\n"
        + "Subject: Confirmacion SJC-0111\n"
        + "\n"
        + "Folio: SJC-0111\n"
        + "Total: $14,500.00 MXN\n"
        + "\n"
        + "Saludos,\n"
        + "Jose Luis\n";
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void anOlderMailPastedAfterAnUnquotedFromLineIsReadAsTextOfTheReply() throws Exception {
    String mbox =
        REPLY_HEADERS + pasted("Fri Feb 27 16:30:00 2026", "Fri, 27 Feb 2026 10:30:00 -0600");
    CollectingSink sink = MboxReads.read(write("pasted.mbox", mbox));

    assertThat(sink.records).hasSize(1);
    assertThat(sink.quarantined).isEmpty();
    JsonNode reply = CollectingSink.json(sink.records.get(0));
    assertThat(reply.get("message_id").asText()).isEqualTo("reply-0111@mail.example");
    assertThat(reply.get("text").asText())
        .contains("$15,200.00")
        .contains("Total: $14,500.00 MXN")
        .contains("Jose Luis");
    // the pasted mail's From:, Date: and Subject: lines open the quoted history
    assertThat(reply.get("text_new").asText()).contains("$15,200.00").doesNotContain("$14,500.00");
    assertThat(reply.get("notes").get(0).asText())
        .isEqualTo(
            "the line at byte "
                + mbox.indexOf("From reservas@salon.example Fri")
                + " (\"From reservas@salon.example Fri Feb 27 16:30:00 2026\") is followed by a"
                + " header block with no Message-ID and none of the other fields the mail before"
                + " it has (to), dated 2026-02-27T16:30:00Z, more than 14 hours before this mail"
                + " (2026-02-28T19:00:00Z): a mail pasted into this one after a From line its"
                + " writer failed to quote, read as text of this message");
  }

  @Test
  void aNextMailWithItsOwnMessageIdAndReceivedStaysSplitThoughItIsOlder() throws Exception {
    // mailboxes merged or exported out of order: an older mail after a newer one is no sign
    String next =
        "From office@salon.example Fri Feb 27 16:30:00 2026\n"
            + "Received: from mx.salon.example by mail.example; Fri, 27 Feb 2026 16:30:02 +0000\n"
            + "From: Salon <reservas@salon.example>\n"
            + "Date: Fri, 27 Feb 2026 10:30:00 -0600\n"
            + "Message-ID: <conf-0111@salon.example>\n"
            + "Subject: Confirmacion SJC-0111\n"
            + "\n"
            + "Total: $14,500.00 MXN\n";
    CollectingSink sink = MboxReads.read(write("two.mbox", REPLY_HEADERS + next));

    assertThat(MailRefs.of(sink)).hasSize(2);
    assertThat(MailRefs.json(sink, "email:reply-0111@mail.example").get("notes")).isEmpty();
    assertThat(MailRefs.json(sink, "email:conf-0111@salon.example").get("notes")).isEmpty();
  }

  @Test
  void aPastedLookingMailNotDatedBeforeTheReplyIsKeptWithANoteOnBothParts() throws Exception {
    // written the same day: as well a mail of its own whose writer set no Message-ID
    String mbox =
        REPLY_HEADERS + pasted("Sat Feb 28 18:00:00 2026", "Sat, 28 Feb 2026 12:00:00 -0600");
    CollectingSink sink = MboxReads.read(write("doubtful.mbox", mbox));

    assertThat(sink.records).hasSize(2);
    JsonNode reply = CollectingSink.json(sink.records.get(0));
    JsonNode splitOff = CollectingSink.json(sink.records.get(1));
    int at = mbox.indexOf("From reservas@salon.example Sat Feb 28 18");
    assertThat(reply.get("notes").get(0).asText())
        .isEqualTo(
            "the mail that starts at byte "
                + at
                + " (\"From reservas@salon.example Sat Feb 28 18:00:00 2026\"), right after this"
                + " one, may be a mail pasted into this one after a From line its writer failed to"
                + " quote: its header block has no Message-ID and none of the other fields the"
                + " mail before it has (to); kept as a mail of its own, and noted so");
    assertThat(splitOff.get("notes").get(0).asText())
        .startsWith("doubtful mbox split: this mail's separator line")
        .contains("may be a body line of the mail at byte 0");
    assertThat(splitOff.get("text").asText()).contains("Total: $14,500.00 MXN");
  }

  private static final String REPLY_HEADER_BLOCK =
      REPLY_HEADERS.substring(0, REPLY_HEADERS.indexOf("\n\n") + 1);

  @Test
  void anOlderMailPastedRightAfterTheLastHeaderLineIsReadAsTextOfTheReply() throws Exception {
    // no blank line between the reply's headers and the pasted From line: a mail with headers and
    // no body yet, whose whole text followed the pasted mail
    String mbox =
        REPLY_HEADER_BLOCK
            + pasted("Fri Feb 27 16:30:00 2026", "Fri, 27 Feb 2026 10:30:00 -0600")
            + "\nSeremos 60 invitados.\n";
    CollectingSink sink = MboxReads.read(write("pasted-in-headers.mbox", mbox));

    assertThat(sink.records).hasSize(1);
    JsonNode reply = CollectingSink.json(sink.records.get(0));
    assertThat(reply.get("message_id").asText()).isEqualTo("reply-0111@mail.example");
    assertThat(reply.get("subject").asText()).isEqualTo("Re: folio SJC-0111");
    assertThat(reply.get("date").asText()).isEqualTo("2026-02-28T19:00:00Z");
    assertThat(reply.get("text").asText())
        .startsWith("From reservas@salon.example Fri Feb 27 16:30:00 2026\nFrom: Salon")
        .contains("Total: $14,500.00 MXN")
        .contains("Seremos 60 invitados.");
    assertThat(reply.get("notes").get(0).asText())
        .contains("a mail pasted into this one after a From line its writer failed to quote")
        .endsWith(
            "; it comes before this mail's first blank line, so this mail's header block is"
                + " taken to end there");
  }

  @Test
  void aPastedLookingMailRightAfterTheLastHeaderLineNotDatedBeforeIsKeptWithANoteOnBoth()
      throws Exception {
    String mbox =
        REPLY_HEADER_BLOCK + pasted("Sat Feb 28 18:00:00 2026", "Sat, 28 Feb 2026 12:00:00 -0600");
    CollectingSink sink = MboxReads.read(write("doubtful-in-headers.mbox", mbox));

    assertThat(sink.records).hasSize(2);
    assertThat(CollectingSink.json(sink.records.get(0)).get("notes").get(0).asText())
        .startsWith("the mail that starts at byte " + REPLY_HEADER_BLOCK.length());
    assertThat(CollectingSink.json(sink.records.get(1)).get("notes").get(0).asText())
        .startsWith("doubtful mbox split: this mail's separator line");
  }
}
