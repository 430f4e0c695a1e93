package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headers holding raw 8-bit bytes that are not UTF-8 and name no charset (no encoded word), as
 * sloppy mailers and old clients re-exporting mail write them: read as mail clients read them, in
 * the charset the mail's text part declares, else the one their letters point to, else ISO-8859-1.
 */
class MailHeaderCharsetTest {
  @TempDir Path dir;

  private static final String GUESSED = MailNotes.HEADER_CHARSET_GUESSED;

  @Test
  void readsACentralEuropeanSendersNameAndSubjectInTheCharsetTheTextPartDeclares()
      throws Exception {
    for (String charset : List.of("windows-1250", "ISO-8859-2")) {
      JsonNode mail =
          mail(
              Charset.forName(charset),
              "Jiří Dvořák <jiri@example.cz>",
              "Rezervace: Růžena Šťastná, příjezd v úterý",
              "text/plain; charset=" + charset.toLowerCase(),
              "Dobrý den, potvrzujeme rezervaci.\n");

      assertThat(mail.get("from").asText()).isEqualTo("jiri@example.cz");
      assertThat(mail.get("from_name").asText()).as(charset).isEqualTo("Jiří Dvořák");
      assertThat(mail.get("subject").asText())
          .as(charset)
          .isEqualTo("Rezervace: Růžena Šťastná, příjezd v úterý");
      assertThat(mail.get("headers").get("from").asText())
          .isEqualTo("Jiří Dvořák <jiri@example.cz>");
      assertThat(notes(mail))
          .containsExactly(
              "header from" + GUESSED + charset + ", the charset part 1 (text/plain) declares",
              "header subject" + GUESSED + charset + ", the charset part 1 (text/plain) declares");
    }
  }

  @Test
  void readsCyrillicAndGreekHeadersInTheCharsetTheTextPartDeclares() throws Exception {
    JsonNode russian =
        mail(
            Charset.forName("windows-1251"),
            "Иван Ли <ivan@example.ru>",
            "Бронь",
            "text/plain; charset=windows-1251",
            "Здравствуйте!\n");
    JsonNode greek =
        mail(
            Charset.forName("ISO-8859-7"),
            "Νίκος Ιωάννου <nikos@example.gr>",
            "Κράτηση",
            "text/plain; charset=iso-8859-7",
            "Καλημέρα σας.\n");

    assertThat(russian.get("from_name").asText()).isEqualTo("Иван Ли");
    assertThat(russian.get("subject").asText()).isEqualTo("Бронь");
    assertThat(greek.get("from_name").asText()).isEqualTo("Νίκος Ιωάννου");
    assertThat(greek.get("subject").asText()).isEqualTo("Κράτηση");
    assertThat(notes(greek))
        .contains("header from" + GUESSED + "ISO-8859-7, the charset part 1 (text/plain) declares");
  }

  @Test
  void readsHeadersWithoutADeclaredCharsetInTheCharsetTheirLettersPointTo() throws Exception {
    // the headers of one mail are guessed together: one mailer wrote them, in one charset, and a
    // short name alone holds too few letters to tell a script by
    for (String[] written :
        List.of(
            new String[] {"windows-1250", "Růžena Šťastná", "Potvrzení rezervace, příjezd úterý"},
            new String[] {"ISO-8859-2", "Růžena Šťastná", "Potvrzení rezervace, příjezd úterý"},
            new String[] {"windows-1251", "Иван Ли", "Подтверждение бронирования"},
            new String[] {"ISO-8859-7", "Νίκος Ιωάννου", "Επιβεβαίωση κράτησης"})) {
      JsonNode mail =
          mail(
              Charset.forName(written[0]),
              written[1] + " <guest@example.org>",
              written[2],
              null,
              "Hello.\n");

      assertThat(mail.get("from_name").asText()).as(written[0]).isEqualTo(written[1]);
      assertThat(mail.get("subject").asText()).as(written[0]).isEqualTo(written[2]);
      assertThat(notes(mail))
          .as(written[0])
          .containsExactly(
              "header from" + GUESSED + written[0] + ", guessed by its letters",
              "header subject" + GUESSED + written[0] + ", guessed by its letters");
    }
  }

  @Test
  void readsACzechNameWhoseLettersWindows1252AlsoReadsByItsAlphabet() throws Exception {
    // ř (0xF8) is ø in windows-1252 and í á are Western too: only the alphabet tells them
    JsonNode mail =
        mail(
            Charset.forName("windows-1250"),
            "Jiří Dvořák <jiri@example.cz>",
            "Rezervace",
            null,
            "Hello.\n");

    assertThat(mail.get("from_name").asText()).isEqualTo("Jiří Dvořák");
    assertThat(notes(mail))
        .containsExactly("header from" + GUESSED + "windows-1250, guessed by its letters");
  }

  @Test
  void aTextPartsCharsetThatDoesNotReadTheHeaderLeavesItToTheLetters() throws Exception {
    // windows-1250's ť (0x9D) is no windows-1252 character: the declared charset cannot be it
    JsonNode mail =
        mail(
            Charset.forName("windows-1250"),
            "Šťastná <guest@example.cz>",
            "Rezervace Šťastná",
            "text/plain; charset=iso-8859-1",
            "Hello.\n");

    assertThat(mail.get("from_name").asText()).isEqualTo("Šťastná");
    assertThat(notes(mail))
        .contains(
            "header from"
                + GUESSED
                + "windows-1250, guessed by its letters (part 1 (text/plain) declares"
                + " windows-1252, in which they are not text)");
  }

  @Test
  void westernHeadersReadAsBefore() throws Exception {
    Charset latin1 = StandardCharsets.ISO_8859_1;
    JsonNode undeclared =
        mail(latin1, "José Núñez <jose@example.es>", "Alteração da reserva", null, "Olá.\n");
    JsonNode declared =
        mail(
            latin1,
            "José Núñez <jose@example.es>",
            "Alteração da reserva",
            "text/plain; charset=iso-8859-1",
            "Olá.\n");

    for (JsonNode mail : List.of(undeclared, declared)) {
      assertThat(mail.get("from_name").asText()).isEqualTo("José Núñez");
      assertThat(mail.get("subject").asText()).isEqualTo("Alteração da reserva");
    }
    assertThat(notes(undeclared))
        .containsExactly(
            "header from" + GUESSED + "windows-1252, guessed by its letters",
            "header subject" + GUESSED + "windows-1252, guessed by its letters");
    assertThat(notes(declared))
        .containsExactly(
            "header from" + GUESSED + "windows-1252, the charset part 1 (text/plain) declares",
            "header subject" + GUESSED + "windows-1252, the charset part 1 (text/plain) declares");
  }

  @Test
  void everyReadingOfAHeadersBytesIsStillSaidToBeAGuess() throws Exception {
    JsonNode mail =
        mail(
            Charset.forName("windows-1250"),
            "Jiří Dvořák <jiri@example.cz>",
            "Rezervace",
            "text/plain; charset=windows-1250",
            "Dobrý den.\n");

    // the text part's label is a good guess, but still a guess: counted in used_misdecoded, and
    // a name resting on it alone that other evidence contradicts is flagged
    assertThat(notes(mail)).isNotEmpty().allMatch(MailNotes::isReadInAnotherCharset);
  }

  @Test
  void aHeaderNoCharsetReadsAsTextIsReadAsIso88591() throws Exception {
    // 0x81 is in no windows charset guessed here and a C1 control in ISO-8859-2: kept byte for
    // byte, as before
    byte[] raw =
        concat(
            "From: A\u00e9\u0081 <a@example.org>\nSubject: x\nDate: Sat, 14 Mar 2026 09:30:00 +0100\n\nHi.\n"
                .getBytes(StandardCharsets.ISO_8859_1));

    JsonNode mail = eml(raw);

    assertThat(mail.get("from_name").asText()).isEqualTo("A\u00e9\u0081");
    assertThat(notes(mail))
        .containsExactly(
            "header from"
                + GUESSED
                + "ISO-8859-1, as windows-1252, which its letters point to, does not read them as"
                + " text");
  }

  @Test
  void notesEachHeaderWhoseCharactersAServerAlreadyReplacedWithUFFFD() throws Exception {
    // GreenMail keeps a raw latin-1 "ü" as EF BF BD: valid UTF-8, read without a word before
    byte[] raw =
        ("From: Lukas M\uFFFDller <lukas@example.ch>\nTo: desk@example.org\n"
                + "Subject: Gr\uFFFDsse\nDate: Sat, 14 Mar 2026 09:30:00 +0100\n\nHallo.\n")
            .getBytes(StandardCharsets.UTF_8);

    JsonNode mail = eml(raw);

    assertThat(mail.get("from_name").asText()).isEqualTo("Lukas M\uFFFDller");
    assertThat(notes(mail))
        .containsExactly(
            "header from" + MailNotes.HEADER_BYTES_LOST,
            "header subject" + MailNotes.HEADER_BYTES_LOST)
        .allMatch(MailNotes::isReadInAnotherCharset);
  }

  @Test
  void saysNothingOfHeadersWithoutAReplacementCharacter() throws Exception {
    byte[] raw =
        ("From: Lukas M\u00fcller <lukas@example.ch>\nTo: desk@example.org\n"
                + "Subject: Gr\u00fcsse\nDate: Sat, 14 Mar 2026 09:30:00 +0100\n\nHallo.\n")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(notes(eml(raw))).isEmpty();
  }

  private JsonNode mail(
      Charset headers, String from, String subject, String contentType, String body)
      throws Exception {
    String head =
        "From: "
            + from
            + "\nTo: desk@example.org\nSubject: "
            + subject
            + "\nDate: Sat, 14 Mar 2026 09:30:00 +0100\nMessage-ID: <h@example.org>\n"
            + (contentType == null ? "" : "Content-Type: " + contentType + "\n")
            + "Content-Transfer-Encoding: 8bit\n\n";
    Charset bodyCharset = contentType == null ? StandardCharsets.US_ASCII : headers;
    return eml(concat(head.getBytes(headers), body.getBytes(bodyCharset)));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static List<String> notes(JsonNode mail) {
    return StreamSupport.stream(mail.get("notes").spliterator(), false)
        .map(JsonNode::asText)
        .toList();
  }

  private JsonNode eml(byte[] content) throws Exception {
    Path file = Files.write(dir.resolve("mail.eml"), content);
    CollectingSink read = CollectingSink.read(new EmlDirectoryReader(), file);
    assertThat(read.quarantined).isEmpty();
    return CollectingSink.json(read.records.get(0));
  }
}
