package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mail cut on disk or in transit where its encoding shows nothing: base64 cut at a whole group,
 * quoted-printable cut inside an escape. An outside trial's HTML-only confirmation cut inside its
 * price cell read "CHF 1'050.00" as 100, with no note; the markup, left open, is the sign.
 */
class MailCutTest {
  @TempDir Path dir;

  private static final String HEADERS =
      "Message-ID: <c1@ski.example>\n"
          + "From: bookings@ski.example\n"
          + "To: guest@mail.example\n"
          + "Date: Mon, 02 Mar 2026 10:00:00 +0100\n"
          + "Subject: Booking SK-1\n"
          + "Content-Type: text/html; charset=utf-8\n";

  private static final String PAGE =
      "<html><body><table><tr><td>Booking</td><td>SK-1</td></tr>"
          + "<tr><td>Price</td><td>EUR 1050.00</td></tr></table></body></html>";

  /** {@code html} in base64 lines of 76, cut after its first {@code groups} 4-character groups. */
  private static String base64Cut(String html, int groups) {
    String encoded = Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8));
    String cut = encoded.substring(0, Math.min(encoded.length(), groups * 4));
    return String.join("\n", cut.split("(?<=\\G.{76})")) + "\n";
  }

  private JsonNode eml(String content) throws Exception {
    Path file = Files.writeString(dir.resolve("mail.eml"), content, StandardCharsets.UTF_8);
    CollectingSink read = CollectingSink.read(new EmlDirectoryReader(), file);
    assertThat(read.quarantined).isEmpty();
    return CollectingSink.json(read.records.get(0));
  }

  @Test
  void notesAnHtmlBodyCutAtAWholeBase64GroupInsideATableCellAsPossiblyCut() throws Exception {
    // cut inside the price cell, after "EUR 1" or "EUR 10": the price read is cut short
    int groups = (PAGE.indexOf("1050.00") + 2) / 3;
    String kept = PAGE.substring(0, groups * 3);
    String lastText = kept.substring(kept.lastIndexOf('>') + 1);
    JsonNode mail =
        eml(HEADERS + "Content-Transfer-Encoding: base64\n\n" + base64Cut(PAGE, groups));

    assertThat(lastText).startsWith("EUR 1");
    assertThat(mail.get("text").asText()).endsWith(lastText);
    assertThat(mail.get("notes").toString())
        .contains("part 1 (text/html): its HTML ends inside an open <table>")
        .contains("its last text: \\\"" + lastText + "\\\"")
        .contains("the mail may be cut")
        .doesNotContain("misaligned");
  }

  @Test
  void notesAnHtmlBodyThatStopsInsideATagAsPossiblyCut() throws Exception {
    String cut = PAGE.substring(0, PAGE.indexOf("<td>EUR") + 3);
    JsonNode mail = eml(HEADERS + "\n" + cut + "\n");

    assertThat(mail.get("notes").toString())
        .contains("part 1 (text/html): its HTML ends inside a tag (\\\"<td\\\")");
  }

  @Test
  void leavesWholeHtmlUnnotedWhetherItClosesItsDocumentOrOnlyItsTables() throws Exception {
    JsonNode whole = eml(HEADERS + "Content-Transfer-Encoding: base64\n\n" + base64Cut(PAGE, 999));
    // HTML lets a writer leave out </body> and </html>, and cells' and rows' end tags
    JsonNode fragment =
        eml(HEADERS + "\n<table><tr><td>Booking<td>SK-1<tr><td>Price<td>EUR 80</table>\n<p>Bye\n");

    assertThat(whole.get("notes")).isEmpty();
    assertThat(fragment.get("notes")).isEmpty();
  }

  @Test
  void notesAQuotedPrintableBodyThatEndsInsideAnEscapeAsPossiblyCut() throws Exception {
    JsonNode cut =
        eml(
            HEADERS.replace("text/html", "text/plain")
                + "Content-Transfer-Encoding: quoted-printable\n\nPrice: EUR 1050.00, Gr=C3=BC=C");
    // a soft line break at the very end is how a text that does not end in a line break ends
    JsonNode whole =
        eml(
            HEADERS.replace("text/html", "text/plain")
                + "Content-Transfer-Encoding: quoted-printable\n\nPrice: EUR 1050.00, Gr=C3=BC=\n");

    assertThat(cut.get("notes").toString())
        .contains(
            "part 1 (text/plain): quoted-printable body ends inside an escape (\\\"=C\\\"): the"
                + " mail may be cut");
    assertThat(whole.get("notes")).isEmpty();
  }
}
