package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.SourceReaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What of a mail is its text, its HTML, its attachments, its addresses. */
class MailTextTest {
  @TempDir Path dir;

  @Test
  void aTextPartNamedButWithoutDispositionIsBodyText() throws Exception {
    JsonNode mail =
        eml(
            "Subject: named\n"
                + "Content-Type: multipart/mixed; boundary=b\n"
                + "\n"
                + "--b\n"
                + "Content-Type: text/plain; name=\"booking.txt\"\n"
                + "\n"
                + "Booking R-1 on 3 May.\n"
                + "--b--\n");

    assertThat(mail.get("text").asText()).isEqualTo("Booking R-1 on 3 May.");
    assertThat(mail.get("attachments")).isEmpty();
  }

  @Test
  void anEmptyTextPartBesideTheHtmlGivesTheHtmlsTextWithANote() throws Exception {
    JsonNode mail =
        eml(
            "Subject: booking LR-1009\n"
                + "Content-Type: multipart/alternative; boundary=b\n"
                + "\n"
                + "--b\n"
                + "Content-Type: text/plain; charset=utf-8\n"
                + "\n"
                + "  \n"
                + "\n"
                + "--b\n"
                + "Content-Type: text/html; charset=utf-8\n"
                + "\n"
                + "<table><tr><th>Rental</th><td>LR-1009</td></tr></table>\n"
                + "--b--\n");

    assertThat(mail.get("text").asText()).contains("LR-1009");
    assertThat(mail.get("text_new").asText()).contains("LR-1009");
    assertThat(mail.get("notes").toString())
        .contains("the text/plain part is empty: text and text_new are taken from the html part");
  }

  @Test
  void aTextPartBesideTheHtmlIsTheTextWithoutANote() throws Exception {
    JsonNode mail =
        eml(
            "Subject: booking LR-1009\n"
                + "Content-Type: multipart/alternative; boundary=b\n"
                + "\n"
                + "--b\n"
                + "Content-Type: text/plain\n"
                + "\n"
                + "Rental LR-1009\n"
                + "--b\n"
                + "Content-Type: text/html\n"
                + "\n"
                + "<p>Rental <b>LR-1009</b> (html)</p>\n"
                + "--b--\n");

    assertThat(mail.get("text").asText()).isEqualTo("Rental LR-1009");
    assertThat(mail.get("notes").toString()).doesNotContain("text/plain part");
  }

  @Test
  void aPartWithAttachmentDispositionIsNeverBodyText() throws Exception {
    JsonNode mail =
        eml(
            "Subject: attached\n"
                + "Content-Type: multipart/mixed; boundary=b\n"
                + "\n"
                + "--b\n"
                + "Content-Type: text/plain\n"
                + "\n"
                + "See attached.\n"
                + "--b\n"
                + "Content-Type: text/plain\n"
                + "Content-Disposition: ATTACHMENT\n"
                + "\n"
                + "terms and conditions\n"
                + "--b\n"
                + "Content-Type: text/html\n"
                + "Content-Disposition: attachment; filename=\"invoice.html\"\n"
                + "\n"
                + "<p>invoice</p>\n"
                + "--b--\n");

    assertThat(mail.get("text").asText()).isEqualTo("See attached.");
    assertThat(mail.get("html").isNull()).isTrue();
    assertThat(mail.get("attachments"))
        .extracting(a -> a.get("type").asText() + " " + a.get("name").asText(null))
        .containsExactly("text/plain null", "text/html invoice.html");
  }

  @Test
  void aPartWhoseHeaderBlockRunsIntoTheBoundaryKeepsItsLastHeader() throws Exception {
    JsonNode mail =
        eml(
            "Subject: parts\n"
                + "Content-Type: multipart/mixed; boundary=b\n"
                + "\n"
                + "--b\n"
                + "Content-Type: text/plain\n"
                + "\n"
                + "hello\n"
                + "--b\n"
                + "Content-Type: application/pdf\n"
                + "Content-Disposition: attachment; filename=\"empty.pdf\"\n"
                + "--b--\n");

    assertThat(mail.get("text").asText()).isEqualTo("hello");
    assertThat(mail.get("attachments"))
        .extracting(a -> a.get("type").asText() + " " + a.get("name").asText())
        .containsExactly("application/pdf empty.pdf");
  }

  @Test
  void aMailsHeaderBlockWithoutBlankLineKeepsItsLastHeader() throws Exception {
    JsonNode eml = eml("From: a@example.com\nSubject: the last header");
    assertThat(eml.get("subject").asText()).isEqualTo("the last header");

    Path mbox =
        Files.writeString(
            dir.resolve("headers-only.mbox"),
            "From a@example.com Mon Jan  1 00:00:00 2024\n"
                + "From: a@example.com\n"
                + "Subject: the last header\n"
                + "From b@example.com Mon Jan  1 00:00:00 2024\n"
                + "From: b@example.com\n"
                + "Subject: after\n"
                // without it the file would end inside a header block: a cut
                + "\n");
    CollectingSink read = MboxReads.read(mbox);
    assertThat(read.records)
        .extracting(r -> CollectingSink.json(r).get("subject").asText())
        .containsExactly("the last header", "after");
  }

  @Test
  void aMailWithoutAnyBlankLineKeepsItsHeadersAndItsText() throws Exception {
    JsonNode glued =
        eml(
            "From: a@example.com\n"
                + "Subject: no separating line\n"
                + "Booking R-7 confirmed,\n"
                + "see you: Tuesday\n");
    assertThat(glued.get("subject").asText()).isEqualTo("no separating line");
    assertThat(glued.get("text").asText()).isEqualTo("Booking R-7 confirmed,\nsee you: Tuesday\n");

    // with a blank line further on, a broken line stays a broken header: what follows it is kept
    JsonNode broken =
        eml(
            "Subject: wrapped without\n"
                + "indentation\n"
                + "Message-ID: <kept@example.com>\n"
                + "\n"
                + "body\n");
    assertThat(broken.get("message_id").asText()).isEqualTo("kept@example.com");
    assertThat(broken.get("text").asText()).isEqualTo("body\n");
  }

  @Test
  void textNestedDeeperThanFortyMultipartsIsStillRead() throws Exception {
    int depth = 45;
    StringBuilder mail = new StringBuilder("Subject: deep\n");
    for (int i = 0; i < depth; i++) {
      mail.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\n\n");
      mail.append("--b").append(i).append('\n');
    }
    mail.append("Content-Type: text/plain\n\nDeep booking R-45.\n");
    for (int i = depth - 1; i >= 0; i--) {
      mail.append("--b").append(i).append("--\n");
    }

    JsonNode read = eml(mail.toString());

    assertThat(read.get("text").asText()).isEqualTo("Deep booking R-45.");
  }

  @Test
  void encodedWordsThatAreNotValidAreKeptAsWritten() throws Exception {
    JsonNode mail =
        eml(
            "From: =?utf-8?B?Sm9zw6k=?= <jose@example.com>\n"
                + "To: =?utf-8?B?not*base64!?= <ana@example.com>\n"
                + "Subject: =?utf-8?B?UmVzZXJ2YQ==?= =?utf-8?B?%%%?= =?utf-8?Q?100=ZZ?="
                + " =?utf-8?Q?caf=C3=A9?=\n"
                + "X-Note: =?utf-8?B?QUJD?=\n"
                + "\n"
                + "body\n");

    assertThat(mail.get("subject").asText())
        .isEqualTo("Reserva =?utf-8?B?%%%?= =?utf-8?Q?100=ZZ?= café");
    assertThat(mail.get("from_name").asText()).isEqualTo("José");
    assertThat(mail.get("headers").get("x-note").asText()).isEqualTo("ABC");
    assertThat(mail.get("headers").get("to").asText()).contains("=?utf-8?B?not*base64!?=");
  }

  @Test
  void aNameAndAddressWrittenAsOneEncodedWordGiveTheAddress() throws Exception {
    // what Python's email.mime (policy compat32) writes for a display name that is not ASCII
    JsonNode mail =
        eml(
            "From: =?utf-8?q?Niccol=C3=B2_Rizzo_=3Cniccolo=2Erizzo=40outlook=2Ecom=3E?=\n"
                + "To: =?utf-8?q?Maria_Grazia_M=C3=BCller_=3CMG=2Emuller=40example=2Eit=3E?=,"
                + " anna@example.it\n"
                + "Cc: =?iso-8859-1?q?Jos=E9_Ib=E1=F1ez_?=\n"
                + " =?iso-8859-1?b?PGpvc2VAZXhhbXBsZS5lcz4=?=\n"
                + "Subject: R: Conferma noleggio VB-1042\n"
                + "\n"
                + "Grazie!\n");

    assertThat(mail.get("from").asText()).isEqualTo("niccolo.rizzo@outlook.com");
    assertThat(mail.get("from_name").asText()).isEqualTo("Niccolò Rizzo");
    assertThat(mail.get("to"))
        .extracting(JsonNode::asText)
        .containsExactly("mg.muller@example.it", "anna@example.it");
    assertThat(mail.get("cc")).extracting(JsonNode::asText).containsExactly("jose@example.es");
    // a display name alone in encoded words is still a name, not an address
    JsonNode named = eml("From: =?utf-8?q?Jos=C3=A9?= <jose@example.com>\n\nbody\n");
    assertThat(named.get("from").asText()).isEqualTo("jose@example.com");
    assertThat(named.get("from_name").asText()).isEqualTo("José");
  }

  @Test
  void anAddressWhoseLocalPartIsWrittenAsAnEncodedWordGivesTheAddressDecoded() throws Exception {
    // what Python's email (its default policy) writes for an address that is not ASCII before the
    // at sign (trial 82: a member's e-mail came out as the encoded word, a key nothing else held)
    JsonNode mail =
        eml(
            "From: Oasis <noreply@oasis.example>\n"
                + "To: daniel.=?utf-8?q?m=C3=BCller45?=@emirates.example,"
                + " Ana <=?utf-8?b?am/Do28=?=@example.pt>\n"
                + "Cc: x=?utf-8?B?not*base64!?=@example.com\n"
                + "Subject: Welcome\n"
                + "\n"
                + "body\n");

    assertThat(mail.get("to"))
        .extracting(JsonNode::asText)
        .containsExactly("daniel.müller45@emirates.example", "joão@example.pt");
    // a word that does not decode stays as written, as in any header
    assertThat(mail.get("cc").get(0).asText()).isEqualTo("x=?utf-8?b?not*base64!?=@example.com");
  }

  @Test
  void addressesWithTheDottedCapitalIAreLowerCasedWithAPlainI() throws Exception {
    JsonNode mail =
        eml(
            "From: =?utf-8?q?=C4=B0rem_Aksoy?= <İREM.AKSOY@GMAIL.COM>\n"
                + "To: İSMAİL.IŞIK@GMAIL.COM\n"
                + "Subject: rezervasyon\n"
                + "Content-Type: text/plain; charset=utf-8\n"
                + "\n"
                + "body\n");

    assertThat(mail.get("to"))
        .extracting(JsonNode::asText)
        .containsExactly("ismail.işik@gmail.com");
    assertThat(mail.get("from").asText()).isEqualTo("irem.aksoy@gmail.com");
  }

  @Test
  void addressCommentsAreNotPartOfTheAddress() throws Exception {
    JsonNode mail =
        eml(
            "From: Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>\n"
                + "To: pete(his account)@silly.test, jdoe@machine(comment).  example\n"
                + "Cc: barry@python.org (Barry A. Warsaw)\n"
                + "Subject: comments\n"
                + "\n"
                + "body\n");

    assertThat(mail.get("from").asText()).isEqualTo("pete@silly.test");
    assertThat(mail.get("from_name").asText()).isEqualTo("Pete");
    assertThat(mail.get("to"))
        .extracting(JsonNode::asText)
        .containsExactly("pete@silly.test", "jdoe@machine.example");
    assertThat(mail.get("cc")).extracting(JsonNode::asText).containsExactly("barry@python.org");
    // only the blanks obsolete syntax allows go: words are not glued into an address
    JsonNode loose =
        eml(
            "From: Big Bug bb@bug.example\n"
                + "To: tim@example.com concierge@example.com\n"
                + "\n"
                + "body\n");
    assertThat(loose.get("from").asText()).isEqualTo("bb@bug.example");
    assertThat(loose.get("from_name").asText()).isEqualTo("Big Bug");
    assertThat(loose.get("to"))
        .extracting(JsonNode::asText)
        .containsExactly("tim@example.com", "concierge@example.com");
  }

  @Test
  void aThirtyMegabyteLineIsCutWithANoteAndTheMailKept() throws Exception {
    int length = 30 << 20;
    StringBuilder line = new StringBuilder(length + 1);
    while (line.length() < length) {
      line.append("booking R-1 ");
    }
    line.setLength(length);
    Path file =
        Files.writeString(
            dir.resolve("long.mbox"),
            "From a@example.com Mon Jan  1 00:00:00 2024\n"
                + "Message-ID: <long@example.com>\n"
                + "Date: Mon, 1 Jan 2024 00:00:00 +0000\n"
                + "Subject: one long line\n"
                + "\n"
                + line
                + "\n",
            StandardCharsets.US_ASCII);

    CollectingSink defaults = MboxReads.read(file);
    PartitionedSource configured =
        SourceReaders.open("mail", "mbox", file, Map.of("max_text_chars", "5000"));
    CollectingSink capped = CollectingSink.readAll(configured);

    assertThat(defaults.quarantined).isEmpty();
    JsonNode mail = CollectingSink.json(defaults.records.get(0));
    assertThat(mail.get("text").asText()).hasSize(MailParser.DEFAULT_MAX_TEXT_CHARS);
    assertThat(mail.get("notes").get(0).asText())
        .isEqualTo(
            "text cut to its first 1000000 of " + (length + 1) + " characters (max_text_chars)");
    assertThat(capped.quarantined).isEmpty();
    assertThat(CollectingSink.json(capped.records.get(0)).get("text").asText())
        .hasSize(5000)
        .startsWith("booking R-1 booking R-1");
  }

  @Test
  void anEncodedWordOfThousandsOfCharactersIsDecodedNotAStackOverflow() throws Exception {
    // Java matches a repeated regex group by recursion: validating this word with a pattern
    // overflowed the stack and failed the whole run
    String q = "a=C3=A9".repeat(3000);
    String b = "QUJD".repeat(5000);
    JsonNode mail =
        eml(
            "Message-ID: <long-words@example.com>\n"
                + "Subject: =?utf-8?Q?"
                + q
                + "?=\n"
                + "X-Long: =?utf-8?B?"
                + b
                + "?=\n"
                + "\n"
                + "body\n");

    assertThat(mail.get("subject").asText()).isEqualTo("aé".repeat(3000));
    assertThat(mail.get("headers").get("x-long").asText()).isEqualTo("ABC".repeat(5000));
  }

  @Test
  void base64AndQuotedPrintableWordsAreValidatedAsTheRfcWritesThem() {
    assertThat(EncodedWords.isBase64("")).isTrue();
    assertThat(EncodedWords.isBase64("QUJD")).isTrue();
    assertThat(EncodedWords.isBase64("QUI=")).isTrue();
    assertThat(EncodedWords.isBase64("QQ==")).isTrue();
    assertThat(EncodedWords.isBase64("QUI")).isTrue();
    assertThat(EncodedWords.isBase64("QQ")).isTrue();
    assertThat(EncodedWords.isBase64("Q")).isFalse();
    assertThat(EncodedWords.isBase64("QQ=")).isFalse();
    assertThat(EncodedWords.isBase64("QUJ==")).isFalse();
    assertThat(EncodedWords.isBase64("QU=D")).isFalse();
    assertThat(EncodedWords.isBase64("not*base64!")).isFalse();
    assertThat(EncodedWords.isQuotedPrintable("caf=C3=A9_au_lait")).isTrue();
    assertThat(EncodedWords.isQuotedPrintable("100=ZZ")).isFalse();
    assertThat(EncodedWords.isQuotedPrintable("ends=A")).isFalse();
    assertThat(EncodedWords.isQuotedPrintable("ends=")).isFalse();
  }

  @Test
  void theTextOfAHugeHtmlOnlyMailComesFromTheHtmlAsKept() throws Exception {
    // 3 MB of HTML, kept to its first 100 000 characters: the DOM is built of those only (a 60 MB
    // body's DOM alone filled a 1 GB heap)
    StringBuilder html = new StringBuilder("<html><body><p>Booking R-77 confirmed</p>");
    while (html.length() < 3_000_000) {
      html.append("<div>padding line</div>");
    }
    html.append("<p>the end</p></body></html>");
    Path file =
        Files.writeString(
            dir.resolve("html.eml"),
            "Message-ID: <html@example.com>\nContent-Type: text/html\n\n" + html + "\n",
            StandardCharsets.UTF_8);

    CollectingSink read =
        CollectingSink.readAll(
            SourceReaders.open("mail", "eml", file, Map.of("max_text_chars", "100000")));

    JsonNode mail = CollectingSink.json(read.records.get(0));
    assertThat(mail.get("html").asText()).hasSize(100_000);
    assertThat(mail.get("text").asText()).startsWith("Booking R-77 confirmed\npadding line");
    assertThat(mail.get("text").asText()).doesNotContain("the end");
    // taken from the whole body, the text would itself have been cut, with a note of its own
    assertThat(mail.get("notes"))
        .extracting(JsonNode::asText)
        .noneSatisfy(note -> assertThat(note).startsWith("text cut"));
    assertThat(mail.get("notes"))
        .extracting(JsonNode::asText)
        .anySatisfy(note -> assertThat(note).startsWith("html cut to its first 100000 of "));
  }

  @Test
  void aReplysTextNewHoldsWhatItsWriterWroteAndItsTextStillHoldsTheQuotedMail() throws Exception {
    JsonNode plain =
        eml(
            "Subject: RE: Course confirmation SDS-1042\n"
                + "Content-Type: text/plain; charset=utf-8\n"
                + "\n"
                + "Fee: Rs. 12,500\n"
                + "\n"
                + "-----Original Message-----\n"
                + "From: Sahyadri Office\n"
                + "Fee: Rs. 11,500\n");
    JsonNode htmlOnly =
        eml(
            "Subject: Re: Course confirmation SDS-1042\n"
                + "Content-Type: text/html; charset=utf-8\n"
                + "\n"
                + "<div>Fee: Rs. 12,500</div><div class=\"gmail_quote\">On Mon, 2 Mar 2026 Office"
                + " wrote:<blockquote>Fee: Rs. 11,500</blockquote></div>\n");
    JsonNode notAReply = eml("Subject: hello\n\nFee: Rs. 12,500\n");

    assertThat(plain.get("text_new").asText()).isEqualTo("Fee: Rs. 12,500");
    assertThat(plain.get("text").asText()).contains("Fee: Rs. 11,500");
    assertThat(htmlOnly.get("text_new").asText()).isEqualTo("Fee: Rs. 12,500");
    assertThat(htmlOnly.get("text").asText()).contains("Fee: Rs. 11,500");
    assertThat(notAReply.get("text_new").asText()).isEqualTo(notAReply.get("text").asText());
  }

  private JsonNode eml(String content) throws Exception {
    return eml(content.getBytes(StandardCharsets.UTF_8));
  }

  private JsonNode eml(byte[] content) throws Exception {
    Path file = Files.write(dir.resolve("mail.eml"), content);
    CollectingSink read = CollectingSink.read(new EmlDirectoryReader(), file);
    assertThat(read.quarantined).isEmpty();
    return CollectingSink.json(read.records.get(0));
  }

  @Test
  void htmlLabelledBase64ButWrittenAsItIsIsReadAsWrittenWithANote() throws Exception {
    JsonNode mail =
        eml(
            "Subject: Twoja lekcja jest zarezerwowana\n"
                + "Content-Type: text/html; charset=utf-8\n"
                + "Content-Transfer-Encoding: base64\n"
                + "\n"
                + "<!DOCTYPE html><html><body><table><tr><td>Termin</td>"
                + "<td>9 maja 2026, godz. 17:30</td></tr></table></body></html>\n");

    assertThat(mail.get("html").asText()).contains("<td>9 maja 2026, godz. 17:30</td>");
    assertThat(mail.get("text").asText()).contains("9 maja 2026, godz. 17:30");
    assertThat(mail.get("notes").toString())
        .contains("a text/html part says Content-Transfer-Encoding base64 but is not base64")
        .contains("(its first line: \\\"<!DOCTYPE html><html><body>");
  }

  @Test
  void realBase64WithAStrayCharacterIsDecodedNotReadAsWrittenAndTheStrayCharacterIsNoted()
      throws Exception {
    String encoded =
        java.util.Base64.getMimeEncoder()
            .encodeToString("<p>Termin: 9 maja 2026</p>".getBytes(StandardCharsets.UTF_8));
    JsonNode mail =
        datedEml(
            "Subject: b64\n"
                + "Content-Type: text/html; charset=utf-8\n"
                + "Content-Transfer-Encoding: base64\n"
                + "\n"
                + encoded
                + "\n!\n");

    assertThat(mail.get("html").asText()).isEqualTo("<p>Termin: 9 maja 2026</p>");
    assertThat(mail.get("notes"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "part 1 (text/html): base64 body has 1 character outside the base64 alphabet"
                + " (first at line 2 of the part): its text may be garbled");
  }

  @Test
  void base64WithStrayCharactersIsDecodedAsBeforeWithANoteNamingThePart() throws Exception {
    String line1 = base64("Hola Ana, gracias por reservar con nosotros. Tu rese");
    String line2 = base64("rva RW-XJ6RD8 esta confirmada. Referencia: RW-XJ6RD8");
    // four characters of the second line replaced by characters outside the alphabet, as the
    // damaged mail had them: decoding skips them and loses the three bytes they stood for
    String damaged = "*#%!" + line2.substring(4);
    JsonNode mail =
        datedEml(
            "Subject: Reserva confirmada\n"
                + "Content-Type: multipart/alternative; boundary=b\n"
                + "\n"
                + "--b\n"
                + "Content-Type: text/plain; charset=utf-8\n"
                + "\n"
                + "Reserva confirmada\n"
                + "--b\n"
                + "Content-Type: text/html; charset=utf-8\n"
                + "Content-Transfer-Encoding: base64\n"
                + "\n"
                + line1
                + "\n"
                + damaged
                + "\n"
                + "--b--\n");

    assertThat(mail.get("html").asText()).startsWith("Hola Ana").contains("Tu rese RW-XJ6RD8");
    assertThat(mail.get("notes"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "part 2 (text/html): base64 body has 4 characters outside the base64 alphabet"
                + " (first at line 2 of the part): its text may be garbled");
  }

  @Test
  void aMultipartWhoseClosingBoundaryNeverComesIsNotedAndAClosedOneIsNot() throws Exception {
    String parts =
        "Subject: Booking MC-1039 confirmed\n"
            + "Content-Type: multipart/alternative; boundary=\"==B==\"\n"
            + "\n"
            + "--==B==\n"
            + "Content-Type: text/plain; charset=utf-8\n"
            + "\n"
            + "Booking: MC-1039\n"
            + "--==OTHER==\n"
            + "Content-Type: text/html\n"
            + "\n"
            + "<p>broken\n";
    JsonNode open = datedEml(parts);
    JsonNode closed = datedEml(parts + "--==B==--\n");

    assertThat(open.get("text").asText()).startsWith("Booking: MC-1039");
    assertThat(open.get("notes"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "part 1 (multipart/alternative): its closing boundary line never comes, so its last"
                + " part runs to the end of the mail: the mail may be cut, or its parts not where"
                + " it says");
    assertThat(closed.get("notes")).isNullOrEmpty();
  }

  @Test
  void misalignedBase64IsDecodedAsBeforeWithANote() throws Exception {
    String encoded = base64("Dear Matteo Rossi, thank you for booking with Rentwise Cars.");
    // three characters lost at the end of the first line: every byte after them decodes shifted
    String misaligned = encoded.substring(0, 37) + "\n" + encoded.substring(40);
    JsonNode mail =
        datedEml(
            "Subject: Booking confirmed\n"
                + "Content-Type: text/plain; charset=utf-8\n"
                + "Content-Transfer-Encoding: base64\n"
                + "\n"
                + misaligned
                + "\n");

    assertThat(mail.get("text").asText()).startsWith("Dear Matteo Rossi");
    assertThat(mail.get("notes").toString())
        .contains(
            "part 1 (text/plain): base64 body is misaligned (its "
                + (encoded.length() - 3)
                + " base64 characters are not a whole number of 4-character groups):"
                + " its text may be garbled");
  }

  @Test
  void paddingWhereNoGroupEndsIsNoted() {
    assertThat(LenientBase64.damage("QUJD\nQQ=QUJD\n".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("has padding (=) where no 4-character group ends (first at line 2 of the part)");
    assertThat(LenientBase64.damage("QUJD\n=QUJD\n".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("has padding (=) where no 4-character group ends (first at line 2 of the part)");
  }

  @Test
  void wellFormedBase64IsNotSuspectEvenAsChunksJoinedTogether() {
    String one = base64("first chunk, twenty-two");
    String two = base64("second chunk");
    assertThat(one).endsWith("=");

    assertThat(
            LenientBase64.damage((one + "\r\n" + two + "\r\n").getBytes(StandardCharsets.US_ASCII)))
        .isNull();
    assertThat(LenientBase64.damage(new byte[0])).isNull();
    assertThat(new String(LenientBase64.decode((one + two).getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("first chunk, twenty-twosecond chunk");
  }

  @Test
  void aPartDeclaringUsAsciiThatHoldsUtf8IsReadAsUtf8WithANote() throws Exception {
    JsonNode mail =
        datedEml(
            "Subject: Booking confirmed\n"
                + "Content-Type: multipart/alternative; boundary=b\n"
                + "\n"
                + "--b\n"
                + "Content-Type: text/plain; charset=us-ascii\n"
                + "Content-Transfer-Encoding: quoted-printable\n"
                + "\n"
                + "Dear Oliver Bront=C3=AB,\n"
                + "--b\n"
                + "Content-Type: text/html; charset=\"US-ASCII\"\n"
                + "Content-Transfer-Encoding: 8bit\n"
                + "\n"
                + "<p>Dear Oliver Brontë,</p>\n"
                + "--b--\n");

    assertThat(mail.get("text").asText().strip()).isEqualTo("Dear Oliver Brontë,");
    assertThat(mail.get("html").asText()).isEqualTo("<p>Dear Oliver Brontë,</p>");
    assertThat(mail.get("notes"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "part 1 (text/plain) declares charset us-ascii but holds 8-bit bytes: read as UTF-8",
            "part 2 (text/html) declares charset US-ASCII but holds 8-bit bytes: read as UTF-8");
  }

  @Test
  void aPartDeclaringUsAsciiThatHoldsOtherEightBitBytesIsReadAsWindows1252WithANote()
      throws Exception {
    JsonNode mail =
        datedEml(
            "Subject: Rechnung\n"
                + "Content-Type: text/plain; charset=us-ascii\n"
                + "Content-Transfer-Encoding: quoted-printable\n"
                + "\n"
                + "Gr=FC=DFe, Total 12 =80\n");

    assertThat(mail.get("text").asText().strip()).isEqualTo("Grüße, Total 12 €");
    assertThat(mail.get("notes"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "part 1 (text/plain) declares charset us-ascii but holds 8-bit bytes:"
                + " read as windows-1252");
  }

  @Test
  void aPartWithoutCharsetThatHoldsUtf8IsReadAsUtf8WithANote() throws Exception {
    JsonNode mail =
        datedEml(
            "Subject: no charset\n"
                + "Content-Type: text/plain\n"
                + "Content-Transfer-Encoding: 8bit\n"
                + "\n"
                + "Dear Oliver Brontë,\n");

    assertThat(mail.get("text").asText().strip()).isEqualTo("Dear Oliver Brontë,");
    assertThat(mail.get("notes"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "part 1 (text/plain) declares no charset but holds 8-bit bytes: read as UTF-8");
  }

  @Test
  void aPartWithoutCharsetInTurkishIsReadAsWindows1254WithANoteSayingSo() throws Exception {
    byte[] body =
        "Sayın İsmail Işık,\nTekne: Deniz Kızı\nDurum: onaylandı\n"
            .getBytes(java.nio.charset.Charset.forName("windows-1254"));
    JsonNode mail = datedEml8bit(body);

    assertThat(mail.get("text").asText())
        .contains("Sayın İsmail Işık,")
        .contains("Tekne: Deniz Kızı")
        .contains("Durum: onaylandı");
    assertThat(mail.get("notes"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "part 1 (text/plain) declares no charset but holds 8-bit bytes: read as windows-1254");
  }

  @Test
  void aPartWithoutCharsetInArabicOrRussianIsReadInTheWindowsCharsetOfItsScript() throws Exception {
    for (Map.Entry<String, String> written :
        Map.of(
                "windows-1256",
                "عزيزي خالد فهد الهاجري،\nتم تأكيد حجزك رقم GD-11406\nالمبلغ: 350.000 د.ك\n",
                "windows-1251",
                "Уважаемый Иван Петров,\nВаше бронирование GD-11406 подтверждено.\nСумма: 350 руб\n")
            .entrySet()) {
      JsonNode mail =
          datedEml8bit(
              written.getValue().getBytes(java.nio.charset.Charset.forName(written.getKey())));

      assertThat(mail.get("text").asText()).as(written.getKey()).isEqualTo(written.getValue());
      assertThat(mail.get("notes"))
          .extracting(JsonNode::asText)
          .containsExactly(
              "part 1 (text/plain) declares no charset but holds 8-bit bytes: read as "
                  + written.getKey());
    }
  }

  @Test
  void aPartWithoutCharsetInGreekIsReadInTheGreekCharsetItWasWrittenIn() throws Exception {
    // until 2026-12-06 Greek was not guessed: read as a Latin charset, every letter was mojibake
    String text = "Αγαπητέ Νίκο Ιωάννου,\nΗ κράτησή σας GD-11406 επιβεβαιώθηκε.\n";
    JsonNode mail = datedEml8bit(text.getBytes(java.nio.charset.Charset.forName("ISO-8859-7")));

    assertThat(mail.get("text").asText()).isEqualTo(text);
    assertThat(mail.get("notes"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "part 1 (text/plain) declares no charset but holds 8-bit bytes: read as ISO-8859-7");
  }

  @Test
  void aPartWithoutCharsetInPolishIsReadInTheCentralEuropeanCharsetItWasWrittenIn()
      throws Exception {
    String text =
        "Uczeń: Grzegorz Brzęczyszczykiewicz (nr 1042)\nTermin: środa, 18 marca 2026 17:30\n"
            + "Łukasz Żółkiewski, kwota: 1 234,50 zł\n";
    for (String charset : List.of("windows-1250", "ISO-8859-2")) {
      JsonNode mail = datedEml8bit(text.getBytes(java.nio.charset.Charset.forName(charset)));

      assertThat(mail.get("text").asText()).as(charset).isEqualTo(text);
      assertThat(mail.get("notes"))
          .extracting(JsonNode::asText)
          .containsExactly(
              "part 1 (text/plain) declares no charset but holds 8-bit bytes: read as " + charset);
    }
  }

  @Test
  void aPartWithoutCharsetInFrenchGermanOrIcelandicIsStillReadAsWindows1252() throws Exception {
    java.nio.charset.Charset western = java.nio.charset.Charset.forName("windows-1252");
    for (String text :
        List.of(
            "Bonjour Hélène, votre réservation est confirmée. À bientôt ! Prix : 12 €",
            "Grüße aus München, Ihre Buchung für Übermorgen ist bestätigt.",
            "Takk fyrir bókunina. Þú ert velkomin á morgun, við sjáumst. Góðan dag")) {
      JsonNode mail = datedEml8bit((text + "\n").getBytes(western));

      assertThat(mail.get("text").asText().strip()).isEqualTo(text);
      assertThat(mail.get("notes"))
          .extracting(JsonNode::asText)
          .containsExactly(
              "part 1 (text/plain) declares no charset but holds 8-bit bytes: read as windows-1252");
    }
  }

  /** A dated single-part mail declaring no charset, whose body is {@code body} as it is. */
  private JsonNode datedEml8bit(byte[] body) throws Exception {
    byte[] head =
        ("Subject: no charset\nDate: Sat, 14 Mar 2026 09:30:00 +0300\n"
                + "Content-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] mail = java.util.Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, mail, head.length, body.length);
    return eml(mail);
  }

  @Test
  void aCzechPartDeclaringUtf8WrittenInWindows1250IsReadAsWindows1250NotIso88591()
      throws Exception {
    // windows-1252 lacks Czech ť (0x9D), so the fixed order fell to ISO-8859-1, which reads ž
    // (0x9E) as the control character U+009E: "Rù\u009Eièková" won a record's name
    String text = "Jméno: Tereza Růžičková\nPobočka: Karlín, Šťastná 12\n";
    byte[] head =
        ("Subject: cp1250\nDate: Sat, 14 Mar 2026 09:30:00 +0100\n"
                + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] body = text.getBytes(java.nio.charset.Charset.forName("windows-1250"));
    byte[] bytes = java.util.Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, bytes, head.length, body.length);

    JsonNode mail = eml(bytes);

    assertThat(mail.get("text").asText()).isEqualTo(text);
    assertThat(mail.get("notes"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "part 1 (text/plain) declares charset utf-8 but its bytes are not valid UTF-8:"
                + " read as windows-1250");
  }

  @Test
  void aPartNoSingleByteCharsetReadsWholeIsReadWithoutControlCharacters() throws Exception {
    // 0x81 is undefined in windows-1250 and windows-1252 alike: ISO-8859-1 read the part, and
    // its ž (0x9E) became U+009E, a control character no person typed
    byte[] head =
        ("Subject: cp1250\nDate: Sat, 14 Mar 2026 09:30:00 +0100\n"
                + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] body =
        "Jméno: Tereza Růžičková\nPobočka: Šťastná \u0001\n"
            .getBytes(java.nio.charset.Charset.forName("windows-1250"));
    body[body.length - 2] = (byte) 0x81;
    byte[] bytes = java.util.Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, bytes, head.length, body.length);

    String text = eml(bytes).get("text").asText();

    assertThat(text).contains("Tereza Růžičková", "Šťastná");
    assertThat(text.chars().filter(c -> c >= 0x80 && c <= 0x9F)).isEmpty();
  }

  @Test
  void aUtf8PartDeclaredAsWindows1250IsReadAsUtf8WithANoteCountedAsMisdecoded() throws Exception {
    // read as declared it was "JmĂ©no: EliĹˇka Ĺ ĹĄastnĂˇ", without a note: the label with a
    // diacritic matched nothing and the mail gave no value
    String text = "Jméno: Eliška Šťastná\n";
    byte[] head =
        ("Subject: utf8\nDate: Sat, 14 Mar 2026 09:30:00 +0100\n"
                + "Content-Type: text/plain; charset=windows-1250\n"
                + "Content-Transfer-Encoding: 8bit\n\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = java.util.Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, bytes, head.length, body.length);

    JsonNode mail = eml(bytes);

    assertThat(mail.get("text").asText()).isEqualTo(text);
    assertThat(mail.get("notes"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "part 1 (text/plain) declares charset windows-1250 but its bytes are UTF-8 (read as"
                + " windows-1250 they give \"Ă©\"): read as UTF-8");
    assertThat(MailNotes.isReadInAnotherCharset(mail.get("notes").get(0).asText())).isTrue();
  }

  @Test
  void aPartDeclaringUtf8WhoseBytesAreNotUtf8IsReadAsWindows1252WithANote() throws Exception {
    JsonNode mail =
        datedEml(
            "Subject: latin\n"
                + "Content-Type: text/plain; charset=utf-8\n"
                + "Content-Transfer-Encoding: quoted-printable\n"
                + "\n"
                + "Ren=E9 Dupont\n");

    assertThat(mail.get("text").asText().strip()).isEqualTo("René Dupont");
    assertThat(mail.get("notes"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "part 1 (text/plain) declares charset utf-8 but its bytes are not valid UTF-8:"
                + " read as windows-1252");
  }

  @Test
  void shiftJisWithVendorCharactersIsReadAsWindows31jInBodyAndSubject() throws Exception {
    // ① and 髙 are in Windows' Shift_JIS (cp932), which Outlook writes under the Shift_JIS label;
    // strict Shift_JIS refused them and the whole part became another charset's mojibake
    java.nio.charset.Charset cp932 = java.nio.charset.Charset.forName("windows-31j");
    String subject = "ご予約①髙橋様";
    String body = "料金：5,500円\n髙橋 一郎 様\n";
    JsonNode mail =
        datedEml(
            "Subject: =?shift_jis?B?"
                + java.util.Base64.getEncoder().encodeToString(subject.getBytes(cp932))
                + "?=\n"
                + "Content-Type: text/plain; charset=Shift_JIS\n"
                + "Content-Transfer-Encoding: base64\n"
                + "\n"
                + java.util.Base64.getEncoder().encodeToString(body.getBytes(cp932))
                + "\n");

    assertThat(mail.get("subject").asText()).isEqualTo(subject);
    assertThat(mail.get("text").asText()).contains("料金：5,500円").contains("髙橋 一郎 様");
    assertThat(mail.get("notes")).isEmpty();
  }

  @Test
  void aStrayByteInAShiftJisPartLosesOneCharacterNotThePart() throws Exception {
    // a mailer cut a character, leaving its lead byte 0x82 before the line break: the whole part
    // was read as ISO-8859-1 mojibake and no rule matched
    java.nio.charset.Charset cp932 = java.nio.charset.Charset.forName("windows-31j");
    byte[] good = "ご予約ありがとうございます。\n料金：5,500円\n髙橋 一郎 様".getBytes(cp932);
    byte[] body = java.util.Arrays.copyOf(good, good.length + 2);
    body[good.length] = (byte) 0x82;
    body[good.length + 1] = '\n';
    JsonNode mail =
        datedEml(
            "Subject: x\n"
                + "Content-Type: text/plain; charset=Shift_JIS\n"
                + "Content-Transfer-Encoding: base64\n"
                + "\n"
                + java.util.Base64.getEncoder().encodeToString(body)
                + "\n");

    assertThat(mail.get("text").asText()).contains("料金：5,500円").contains("髙橋 一郎 様\uFFFD");
    assertThat(mail.get("notes"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "part 1 (text/plain) declares charset Shift_JIS but its bytes are not valid windows-31j,"
                + " as mail clients read Shift_JIS (1 byte replaced by U+FFFD): read as"
                + " windows-31j");
    assertThat(MailNotes.isReadInAnotherCharset(mail.get("notes").get(0).asText())).isTrue();
  }

  @Test
  void aPartThatIsNotInItsDeclaredCjkCharsetStillFallsBack() throws Exception {
    // French in windows-1252 under a Shift_JIS label: most of its accents are bad bytes there
    JsonNode mail =
        datedEml(
            "Subject: x\n"
                + "Content-Type: text/plain; charset=Shift_JIS\n"
                + "Content-Transfer-Encoding: quoted-printable\n"
                + "\n"
                + "R=E9servation confirm=E9e =E0 12 =80, =E0 bient=F4t\n");

    assertThat(mail.get("text").asText().strip())
        .isEqualTo("Réservation confirmée à 12 €, à bientôt");
    assertThat(mail.get("notes").get(0).asText()).endsWith("read as windows-1252");
  }

  @Test
  void eucJpWithNecRow13CharactersIsReadAsEucJp() throws Exception {
    // ① (0xADA1) and ㈱ (0xADEA) are NEC row 13, which strict EUC-JP refuses
    JsonNode mail =
        datedEml(
            "Subject: x\n"
                + "Content-Type: text/plain; charset=EUC-JP\n"
                + "Content-Transfer-Encoding: quoted-printable\n"
                + "\n"
                + "=AD=A1=CE=C1=B6=E2=A1=A75,500=B1=DF =AD=EA=B2=D6=B7=EE\n");

    assertThat(mail.get("text").asText().strip()).isEqualTo("①料金：5,500円 ㈱花月");
    assertThat(mail.get("notes")).isEmpty();
  }

  @Test
  void iso88599AsOutlookWritesItIsReadAsWindows1254InBodyAndSubject() throws Exception {
    // Outlook labels windows-1254 text ISO-8859-9: its quotes and ellipsis are C1 controls there
    JsonNode mail =
        datedEml(
            "Subject: =?iso-8859-9?Q?=93Deniz_K=FDz=FD=94_onayland=FD?=\n"
                + "Content-Type: text/plain; charset=iso-8859-9\n"
                + "Content-Transfer-Encoding: quoted-printable\n"
                + "\n"
                + "Tekne: =93Deniz K=FDz=FD=94\n"
                + "Not: Ekipman dahil de=F0il=85 =D6deme =80\n");

    assertThat(mail.get("subject").asText()).isEqualTo("“Deniz Kızı” onaylandı");
    assertThat(mail.get("text").asText())
        .contains("Tekne: “Deniz Kızı”")
        .contains("Not: Ekipman dahil değil… Ödeme €");
    assertThat(mail.get("notes")).isEmpty();
  }

  @Test
  void labelsAreReadAsTheWhatwgEncodingStandardReadsThem() throws Exception {
    // iso-8859-1 as windows-1252 (€ and quotes), latin5 as windows-1254, a Korean label Java does
    // not know as windows-949, iso-8859-11 as windows-874 (its 0x85 is an ellipsis)
    JsonNode western =
        datedEml(
            "Subject: x\nContent-Type: text/plain; charset=ISO-8859-1\n"
                + "Content-Transfer-Encoding: quoted-printable\n\n=93Caf=E9=94 12 =80\n");
    JsonNode turkish =
        datedEml(
            "Subject: x\nContent-Type: text/plain; charset=\"latin5\"\n"
                + "Content-Transfer-Encoding: quoted-printable\n\nKar=FE=FDyaka =85\n");
    JsonNode korean =
        datedEml(
            "Subject: x\nContent-Type: text/plain; charset=korean\n"
                + "Content-Transfer-Encoding: quoted-printable\n\n=C7=D1=B1=B9\n");
    JsonNode thai =
        datedEml(
            "Subject: x\nContent-Type: text/plain; charset=iso-8859-11\n"
                + "Content-Transfer-Encoding: quoted-printable\n\n=A1=85\n");

    assertThat(western.get("text").asText().strip()).isEqualTo("“Café” 12 €");
    assertThat(turkish.get("text").asText().strip()).isEqualTo("Karşıyaka …");
    assertThat(korean.get("text").asText().strip()).isEqualTo("한국");
    assertThat(thai.get("text").asText().strip()).isEqualTo("ก…");
    assertThat(List.of(western, turkish, korean, thai))
        .allSatisfy(mail -> assertThat(mail.get("notes")).isEmpty());
  }

  @Test
  void iso2022JpWithNecRow13CharactersIsReadInBodyAndSubject() throws Exception {
    // ESC $B -! is ① in the NEC row 13 that Japanese Windows and phone mailers write in ISO-2022-JP
    String jis = "\u001b$B-!\u001b(B5,500";
    JsonNode mail =
        datedEml(
            "Subject: =?ISO-2022-JP?B?"
                + java.util.Base64.getEncoder()
                    .encodeToString(jis.getBytes(StandardCharsets.US_ASCII))
                + "?=\n"
                + "Content-Type: text/plain; charset=ISO-2022-JP\n"
                + "Content-Transfer-Encoding: 7bit\n"
                + "\n"
                + jis
                + "\n");

    assertThat(mail.get("subject").asText()).isEqualTo("①5,500");
    assertThat(mail.get("text").asText().strip()).isEqualTo("①5,500");
    assertThat(mail.get("notes")).isEmpty();
  }

  @Test
  void headersWrittenInBareIso2022EscapesAreDecodedWithANote() throws Exception {
    // old Japanese mailers write the subject in ISO-2022-JP without =?...?=: it stayed escapes
    String subject = "【花月】 ご予約確認";
    String korean = "예약 확인";
    JsonNode mail =
        datedEml(
            "From: "
                + new String(
                    "花月 <yoyaku@kagetsu.example>".getBytes("ISO-2022-JP"),
                    StandardCharsets.US_ASCII)
                + "\n"
                + "Subject: "
                + new String(subject.getBytes("ISO-2022-JP"), StandardCharsets.US_ASCII)
                + "\n"
                + "X-Korean: "
                + new String(korean.getBytes("ISO-2022-KR"), StandardCharsets.US_ASCII)
                + "\n"
                + "Content-Type: text/plain; charset=ISO-2022-JP\n"
                + "\n"
                + "KG-000017\n");

    assertThat(mail.get("subject").asText()).isEqualTo(subject);
    assertThat(mail.get("headers").get("subject").asText()).isEqualTo(subject);
    assertThat(mail.get("from_name").asText()).isEqualTo("花月");
    assertThat(mail.get("headers").get("x-korean").asText()).isEqualTo(korean);
    assertThat(mail.get("notes"))
        .extracting(JsonNode::asText)
        .contains(
            "header subject holds ISO-2022-JP escape sequences without an encoded word (=?...?=):"
                + " read as ISO-2022-JP",
            "header x-korean holds ISO-2022-KR escape sequences without an encoded word (=?...?=):"
                + " read as ISO-2022-KR");
  }

  @Test
  void aDeclaredIso88591PartIsReadAsDeclaredEvenWhenItsBytesAreValidUtf8() throws Exception {
    // every byte is a character in ISO-8859-1, and Latin-1 text that also reads as UTF-8 ("Ã«"
    // for "ë") is rare but real: the declared 8-bit charset is trusted, as docs/mail.md says
    JsonNode mail =
        datedEml(
            "Subject: latin-1\n"
                + "Content-Type: text/plain; charset=iso-8859-1\n"
                + "Content-Transfer-Encoding: quoted-printable\n"
                + "\n"
                + "Bront=C3=AB and Ren=E9\n");

    assertThat(mail.get("text").asText().strip()).isEqualTo("BrontÃ« and René");
    assertThat(mail.get("notes")).isEmpty();
  }

  @Test
  void anAsciiPartDeclaringUsAsciiOrNothingHasNoNote() throws Exception {
    JsonNode mail =
        datedEml(
            "Subject: ascii\n"
                + "Content-Type: multipart/mixed; boundary=b\n"
                + "\n"
                + "--b\n"
                + "Content-Type: text/plain; charset=us-ascii\n"
                + "\n"
                + "Booking R-1 on 3 May.\n"
                + "--b\n"
                + "Content-Type: text/plain\n"
                + "Content-Transfer-Encoding: base64\n"
                + "\n"
                + base64("Total 12.50 EUR")
                + "\n"
                + "--b--\n");

    assertThat(mail.get("text").asText().strip())
        .isEqualTo("Booking R-1 on 3 May.\nTotal 12.50 EUR");
    assertThat(mail.get("notes")).isEmpty();
  }

  /** A mail with a Date header, so that the only notes are the ones a test is about. */
  private JsonNode datedEml(String content) throws Exception {
    return eml("Date: Tue, 10 Feb 2026 09:02:43 +0000\n" + content);
  }

  @Test
  void anOutlookWinmailDatAttachmentIsNotedAsContentNotRead() throws Exception {
    JsonNode mail =
        eml(
            "Message-ID: <tnef@outlook.example>\n"
                + "Subject: transfer receipt B-0105\n"
                + "Content-Type: multipart/mixed; boundary=\"T\"\n"
                + "\n"
                + "--T\n"
                + "Content-Type: text/plain; charset=us-ascii\n"
                + "\n"
                + "Attached.\n"
                + "--T\n"
                + "Content-Type: application/ms-tnef; name=\"winmail.dat\"\n"
                + "Content-Disposition: attachment; filename=\"winmail.dat\"\n"
                + "Content-Transfer-Encoding: base64\n"
                + "\n"
                + base64("not really TNEF")
                + "\n"
                + "--T--\n");

    assertThat(mail.get("text").asText()).isEqualTo("Attached.");
    assertThat(mail.get("notes").get(0).asText())
        .isEqualTo(
            "part 2 (application/ms-tnef): content in an application/ms-tnef attachment"
                + " (winmail.dat, 15 bytes) is not read: Outlook often puts the mail's real body"
                + " and its attachments there; extract it with a TNEF tool such as tnef or ytnef");
  }

  @Test
  void aFlowedTextPartIsReadWithItsSoftLineBreaksJoinedAsAClientShowsIt() throws Exception {
    // Apple Mail: delsp=yes, the space before each soft break is the writer's, added to break a
    // word ("Concei|ção") or after the word's own space ("Albuquerque  ")
    JsonNode apple =
        datedEml(
            "Subject: flowed\n"
                + "Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes\n"
                + "\n"
                + "Name: Maria da Concei \n"
                + "\u00e7\u00e3o Albuquerque  \n"
                + "Santos\n"
                + "Phone: +351 912 345 678\n");
    // Thunderbird: delsp=no, the space is the text's; a stuffed line, a quote, a signature
    JsonNode thunderbird =
        datedEml(
            "Subject: flowed\n"
                + "Content-Type: text/plain; charset=utf-8; format=flowed\n"
                + "\n"
                + "Please move booking RW-A1B2C3 to the \n"
                + "14th.\n"
                + " From now on, write to me here.\n"
                + "> We confirm your booking \n"
                + "> RW-A1B2C3.\n"
                + "-- \n"
                + "Ana\n");

    assertThat(apple.get("text").asText())
        .isEqualTo(
            "Name: Maria da Concei\u00e7\u00e3o Albuquerque Santos\nPhone: +351 912 345 678\n");
    assertThat(thunderbird.get("text").asText())
        .isEqualTo(
            "Please move booking RW-A1B2C3 to the 14th.\n"
                + "From now on, write to me here.\n"
                + "> We confirm your booking RW-A1B2C3.\n"
                + "-- \n"
                + "Ana\n");
  }

  @Test
  void aTextPartWithoutFormatFlowedKeepsItsLinesAsWritten() throws Exception {
    JsonNode mail =
        datedEml(
            "Subject: fixed\n"
                + "Content-Type: text/plain; charset=utf-8\n"
                + "\n"
                + "Name: Ana \n"
                + "Silva\n");

    assertThat(mail.get("text").asText()).isEqualTo("Name: Ana \nSilva\n");
  }

  @Test
  void aUtf7PartAsOldOutlookSentItIsReadAsUtf7InBodyAndSubject() throws Exception {
    JsonNode mail =
        datedEml(
            "Subject: =?unicode-1-1-utf-7?Q?Reserva_Jo+AOM-o?=\n"
                + "Content-Type: text/plain; charset=\"unicode-1-1-utf-7\"\n"
                + "\n"
                + "Name: Jo+AOM-o Concei+AOcA4w-o, 2+-2 guests\n");

    assertThat(mail.get("text").asText())
        .isEqualTo("Name: Jo\u00e3o Concei\u00e7\u00e3o, 2+2 guests\n");
    assertThat(mail.get("subject").asText()).isEqualTo("Reserva Jo\u00e3o");
    assertThat(mail.get("notes")).isEmpty();
  }

  private static String base64(String text) {
    return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
