package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.SourceReaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The business's zone reaches every mail reader: a Date header without a zone, or with a name RFC
 * 5322 does not define, is read in it, with a note saying so; RFC 5322's own zones are read as
 * before.
 */
class MailBusinessZoneTest {
  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

  @TempDir Path dir;

  private static String mail(String id, String date) {
    return "From: guest@example.com\nMessage-ID: <"
        + id
        + "@example.com>\nDate: "
        + date
        + "\nSubject: booking\n\nBooking R-1\n";
  }

  private static final String SEPARATOR = "From guest@example.com Wed Jun 10 12:00:00 2026\n";

  /** The records of an mbox of three mails, opened as a run opens it in {@code zone}. */
  private CollectingSink readMbox(Map<String, String> options, ZoneId zone) throws Exception {
    Path mbox =
        Files.writeString(
            dir.resolve("zones.mbox"),
            SEPARATOR
                + mail("cest", "Wed, 10 Jun 2026 12:00:00 CEST")
                + "\n"
                + SEPARATOR
                + mail("none", "Wed, 10 Jun 2026 12:00:00")
                + "\n"
                + SEPARATOR
                + mail("est", "Wed, 10 Jun 2026 12:00:00 EST"),
            StandardCharsets.US_ASCII);
    PartitionedSource source =
        SourceReaders.open(
            "mail", "mbox", mbox, SourceReaders.withBusinessZone("mbox", options, zone));
    return CollectingSink.readAll(source);
  }

  @Test
  void anMboxReadsDateHeadersWithoutAZoneInTheBusinessZoneAndSaysSo() throws Exception {
    CollectingSink sink = readMbox(Map.of(), OSLO);

    JsonNode cest = MailRefs.json(sink, "email:cest@example.com");
    assertThat(cest.get("date").asText()).isEqualTo("2026-06-10T10:00:00Z");
    assertThat(cest.get("notes").get(0).asText())
        .isEqualTo("Date header zone \"CEST\" is not one RFC 5322 defines: read in Europe/Oslo");
    JsonNode none = MailRefs.json(sink, "email:none@example.com");
    assertThat(none.get("date").asText()).isEqualTo("2026-06-10T10:00:00Z");
    assertThat(none.get("notes").get(0).asText())
        .isEqualTo("Date header \"Wed, 10 Jun 2026 12:00:00\" has no zone: read in Europe/Oslo");
    // RFC 822's US zones have a definite offset: read as written, nothing assumed
    JsonNode est = MailRefs.json(sink, "email:est@example.com");
    assertThat(est.get("date").asText()).isEqualTo("2026-06-10T17:00:00Z");
    assertThat(est.get("notes")).isEmpty();
  }

  @Test
  void aSourcesOwnTimezoneWinsOverTheBusinessZone() throws Exception {
    CollectingSink sink = readMbox(Map.of("timezone", "America/New_York"), OSLO);

    JsonNode none = MailRefs.json(sink, "email:none@example.com");
    assertThat(none.get("date").asText()).isEqualTo("2026-06-10T16:00:00Z");
    assertThat(none.get("notes").get(0).asText()).endsWith("read in America/New_York");
  }

  @Test
  void emlFilesAndMaildirsReadDateHeadersInTheBusinessZone() throws Exception {
    Path maildir = Files.createDirectories(dir.resolve("Inbox/cur"));
    Files.writeString(maildir.resolve("1.eml"), mail("eml", "10 Jun 2026 12:00 CEST"));
    PartitionedSource source =
        SourceReaders.open(
            "mail",
            "eml",
            dir.resolve("Inbox"),
            SourceReaders.withBusinessZone("eml", Map.of(), OSLO));

    JsonNode mail = MailRefs.json(CollectingSink.readAll(source), "email:eml@example.com");

    assertThat(mail.get("date").asText()).isEqualTo("2026-06-10T10:00:00Z");
    assertThat(mail.get("notes").get(0).asText()).endsWith("read in Europe/Oslo");
  }

  @Test
  void imapSourcesTakeTheBusinessZone() throws Exception {
    Map<String, String> options =
        Map.of("host", "imap.example.com", "user", "office", "password_env", "IMAP_PASSWORD");

    ImapOptions parsed =
        ImapOptions.parse("mail", SourceReaders.withBusinessZone("imap", options, OSLO));

    assertThat(parsed.reading().zone()).isEqualTo(OSLO);
  }

  @Test
  void withoutAZoneDatesAreReadInUtcAndAnUnknownZoneIsRefusedNamingTheOption() {
    Assertions.assertThatThrownBy(
            () -> SourceReaders.open("mail", "mbox", dir, Map.of("timezone", "Europe/Osloo")))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("timezone")
        .hasMessageContaining("Europe/Osloo");
    // a source type without the option is left alone
    assertThat(SourceReaders.withBusinessZone("stripe-json", Map.of(), OSLO)).isEmpty();
  }

  @Test
  void aMailDatedByItsSeparatorLineSaysSo() throws Exception {
    Path mbox =
        Files.writeString(
            dir.resolve("undated.mbox"),
            SEPARATOR + "From: guest@example.com\nSubject: no date, no id\n\nBooking R-9\n",
            StandardCharsets.US_ASCII);

    JsonNode mail = CollectingSink.json(MboxReads.read(mbox).records.get(0));

    assertThat(mail.get("date_source").asText()).isEqualTo("separator");
    assertThat(mail.get("notes").get(0).asText())
        .isEqualTo(
            "date taken from the mbox separator line (\"From guest@example.com Wed Jun 10"
                + " 12:00:00 2026\"): no Date header and no Received header with a date");
  }
}
