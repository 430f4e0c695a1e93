package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a mailbox says of a mail beyond its text: deleted in Thunderbird and not yet compacted,
 * filed in Trash or Spam, labelled so by Gmail, or a machine's reply. Each is read, with fields a
 * rule can test and a note, where before a deleted staff test or a phishing mail in Spam was plain
 * evidence.
 */
class MailStandingTest {
  @TempDir Path dir;

  private static String mail(String separator, String extraHeaders, String subject, String id) {
    return separator
        + "\n"
        + extraHeaders
        + "From: Studio <bookings@lotus.example>\n"
        + "To: ana@mail.example\n"
        + "Date: Mon, 02 Mar 2026 10:00:00 +0000\n"
        + "Subject: "
        + subject
        + "\n"
        + "Message-ID: <"
        + id
        + "@lotus.example>\n"
        + "\n"
        + "Booking LY-100 confirmed\n"
        + "\n";
  }

  private List<JsonNode> read(String name, String content) throws Exception {
    Path file = Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    CollectingSink sink = MboxReads.read(file);
    assertThat(sink.quarantined).isEmpty();
    List<JsonNode> records = new ArrayList<>();
    sink.records.forEach(record -> records.add(CollectingSink.json(record)));
    return records;
  }

  @Test
  void aMailThunderbirdMarkedDeletedIsReadAsDeletedWithANote() throws Exception {
    List<JsonNode> mails =
        read(
            "Sent",
            mail("From - Mon Mar  2 10:00:00 2026", "X-Mozilla-Status: 0009\n", "Booking", "a")
                + mail(
                    "From - Mon Mar  2 11:00:00 2026", "X-Mozilla-Status: 0001\n", "Booking", "b"));

    JsonNode deleted = mails.get(0);
    assertThat(deleted.get("deleted").asBoolean()).isTrue();
    assertThat(deleted.get("discarded").asText()).isEqualTo("deleted");
    assertThat(deleted.get("notes").toString())
        .contains("discarded: deleted in Thunderbird, not yet compacted (X-Mozilla-Status 0009)");
    JsonNode kept = mails.get(1);
    assertThat(kept.get("deleted").asBoolean()).isFalse();
    assertThat(kept.get("discarded").isNull()).isTrue();
    assertThat(kept.get("notes")).isEmpty();
  }

  @Test
  void gmailLabelsAreListedAndSpamOrTrashOnesAreDiscarded() throws Exception {
    String takeout = "From 1844347792267117879@xxx Mon Mar 02 10:00:00 +0000 2026";
    List<JsonNode> mails =
        read(
            "All mail Including Spam and Trash.mbox",
            mail(takeout, "X-Gmail-Labels: Spam,Opened\n", "Booking", "a")
                + mail(takeout, "X-Gmail-Labels: Trash,\"Clients, 2026\"\n", "Booking", "b")
                + mail(takeout, "X-Gmail-Labels: Inbox,Important\n", "Booking", "c"));

    assertThat(mails.get(0).get("labels").toString()).isEqualTo("[\"Spam\",\"Opened\"]");
    assertThat(mails.get(0).get("discarded").asText()).isEqualTo("spam");
    assertThat(mails.get(0).get("notes").toString())
        .contains("discarded: labelled Spam in Gmail (X-Gmail-Labels)");
    assertThat(mails.get(1).get("labels").toString()).isEqualTo("[\"Trash\",\"Clients, 2026\"]");
    assertThat(mails.get(1).get("discarded").asText()).isEqualTo("trash");
    // the file's name holds "Spam and Trash": it is the labels that say where a mail was
    assertThat(mails.get(2).get("discarded").isNull()).isTrue();
    assertThat(mails.get(2).get("notes")).isEmpty();
  }

  @Test
  void aMailInATrashOrJunkFolderIsDiscarded() throws Exception {
    Files.createDirectories(dir.resolve("Local Folders"));
    JsonNode trashed =
        read("Trash", mail("From - Mon Mar  2 10:00:00 2026", "", "Booking", "a")).get(0);
    JsonNode junk =
        read("Junk.mbox", mail("From - Mon Mar  2 10:00:00 2026", "", "Booking", "b")).get(0);

    assertThat(trashed.get("discarded").asText()).isEqualTo("trash");
    assertThat(trashed.get("notes").toString())
        .contains("discarded: in the folder Trash, where deleted mail goes");
    assertThat(junk.get("discarded").asText()).isEqualTo("spam");
  }

  @Test
  void outOfOfficeRepliesAreAutoRepliedWithANoteAndAnApplicationsAutomaticMailIsNot()
      throws Exception {
    String sep = "From - Mon Mar  2 10:00:00 2026";
    List<JsonNode> mails =
        read(
            "Inbox",
            mail(sep, "Auto-Submitted: auto-replied\n", "Out of office", "a")
                + mail(sep, "X-Autoreply: yes\n", "Away", "b")
                + mail(sep, "Precedence: auto_reply\n", "Away", "c")
                + mail(sep, "", "Automatic reply: Booking LY-100", "d")
                + mail(sep, "Auto-Submitted: auto-generated\n", "Booking LY-100", "e")
                + mail(sep, "", "Re: Booking LY-100", "f"));

    assertThat(mails.subList(0, 4))
        .allSatisfy(
            m -> {
              assertThat(m.get("auto_submitted").asText()).isEqualTo("auto-replied");
              assertThat(m.get("notes").get(0).asText()).startsWith("automatic reply: ");
            });
    assertThat(mails.get(0).get("notes").get(0).asText())
        .isEqualTo(
            "automatic reply: an automatic reply (Auto-Submitted: auto-replied): what it quotes is"
                + " the mail it answers, not news of its own");
    assertThat(mails.get(3).get("notes").get(0).asText())
        .contains("its subject starts \"Automatic reply:\"");
    // RFC 3834 asks an application to mark its own confirmations so: a field, no note
    assertThat(mails.get(4).get("auto_submitted").asText()).isEqualTo("auto-generated");
    assertThat(mails.get(4).get("notes")).isEmpty();
    assertThat(mails.get(5).get("auto_submitted").isNull()).isTrue();
  }

  @Test
  void outlooksOlderOutOfOfficeSubjectsThatNameTheReplyBeforeTheColonAreAutoReplied()
      throws Exception {
    String sep = "From - Mon Mar  2 10:00:00 2026";
    List<JsonNode> mails =
        read(
            "Inbox",
            mail(sep, "", "Out of Office AutoReply: Booking LY-100", "a")
                + mail(sep, "", "Réponse automatique d'absence du bureau : Booking LY-100", "b")
                + mail(sep, "", "Respuesta automática de Fuera de la oficina: Booking LY-100", "c")
                + mail(sep, "", "Automatiskt svar: Booking LY-100", "d")
                // a guest's own word for an absence is no machine's
                + mail(sep, "", "Abwesend: Booking LY-100 am Dienstag", "e"));

    assertThat(mails.subList(0, 4))
        .allSatisfy(m -> assertThat(m.get("auto_submitted").asText()).isEqualTo("auto-replied"));
    assertThat(mails.get(1).get("notes").get(0).asText())
        .contains("its subject starts \"Réponse automatique d'absence du bureau :\"");
    assertThat(mails.get(4).get("auto_submitted").isNull()).isTrue();
  }
}
