package dev.salvage.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a reply or forward's writer wrote, without the older mail quoted below it. */
class QuotedTextTest {
  static final String NEW = "Dear Asha,\nthe fee is corrected.\nFee: Rs. 12,500";

  @Test
  void aGmailReplyIsCutAtItsAttributionAndItsQuotedLines() {
    String reply =
        NEW
            + "\n\nOn Mon, 2 Mar 2026 at 10:15, Sahyadri Office <office@sahyadri.example> wrote:\n"
            + "> Dear Asha,\n"
            + "> Fee: Rs. 11,500\n";

    assertThat(QuotedText.of(reply)).isEqualTo(NEW);
  }

  @Test
  void anAttributionWrappedOntoTwoLinesIsCutAtItsFirst() {
    String reply =
        NEW
            + "\n\nOn Mon, 2 Mar 2026 at 10:15, Sahyadri Driving School Office\n"
            + "<office@sahyadri.example> wrote:\n\n"
            + "> Fee: Rs. 11,500\n";

    assertThat(QuotedText.of(reply)).isEqualTo(NEW);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Am Mo., 2. März 2026 um 10:15 Uhr schrieb Büro <buero@example.de>:",
        "Am 02.03.2026 um 10:15 schrieb Büro <buero@example.de>:",
        "Le lun. 2 mars 2026 à 10:15, Bureau <bureau@example.fr> a écrit :",
        "El lun, 2 mar 2026 a las 10:15, Oficina (<oficina@example.es>) escribió:",
        "Em seg., 2 de mar. de 2026 às 10:15, Escritório <escritorio@example.pt> escreveu:",
        "Il giorno lun 2 mar 2026 alle ore 10:15 Ufficio <ufficio@example.it> ha scritto:",
        "Op ma 2 mrt 2026 om 10:15 schreef Kantoor <kantoor@example.nl>:"
      })
  void aGmailReplyInAnotherLanguageIsCutAtItsAttribution(String attribution) {
    String reply = NEW + "\n\n" + attribution + "\n\n> Fee: Rs. 11,500\n";

    assertThat(QuotedText.of(reply)).isEqualTo(NEW);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-----Original Message-----",
        "-----Ursprüngliche Nachricht-----",
        "-----Message d'origine-----",
        "-----Mensaje original-----",
        "-----Mensagem original-----"
      })
  void anOutlookReplyIsCutAtItsOriginalMessageLineWithoutAnyQuoteMarks(String separator) {
    String reply =
        NEW
            + "\n\n"
            + separator
            + "\nFrom: Sahyadri Office\nSent: Monday, March 2, 2026 10:15 AM\n"
            + "Subject: Course confirmation SDS-1042\n\nFee: Rs. 11,500\n";

    assertThat(QuotedText.of(reply)).isEqualTo(NEW);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "From: Sahyadri Office <office@sahyadri.example>\nSent: Monday, March 2, 2026 10:15 AM\n"
            + "To: Asha Rao <asha@example.in>\nSubject: Course confirmation SDS-1042",
        "*From:* Sahyadri Office <office@sahyadri.example>\n*Sent:* Monday, March 2, 2026\n"
            + "*To:* asha@example.in\n*Subject:* Course confirmation SDS-1042",
        "Von: Büro <buero@example.de>\nGesendet: Montag, 2. März 2026 10:15\n"
            + "An: asha@example.in\nBetreff: Kursbestätigung",
        "De : Bureau <bureau@example.fr>\nEnvoyé : lundi 2 mars 2026 10:15\n"
            + "À : asha@example.in\nObjet : Confirmation",
        "De: Oficina <oficina@example.es>\nEnviado el: lunes, 2 de marzo de 2026 10:15\n"
            + "Para: asha@example.in\nAsunto: Confirmación",
        "De: Escritório <escritorio@example.pt>\nEnviado: segunda-feira, 2 de março de 2026\n"
            + "Para: asha@example.in\nAssunto: Confirmação"
      })
  void anOutlookHeaderBlockWithoutASeparatorLineIsCutWithTheRuleAboveIt(String headers) {
    String reply =
        NEW + "\n\n________________________________\n" + headers + "\n\nFee: Rs. 11,500\n";

    assertThat(QuotedText.of(reply)).isEqualTo(NEW);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Begin forwarded message:",
        "Anfang der weitergeleiteten Nachricht:",
        "Début du message réexpédié :",
        "Inicio del mensaje reenviado:",
        "Início da mensagem reencaminhada:",
        "---------- Forwarded message ---------",
        "---------- Weitergeleitete Nachricht ---------"
      })
  void aForwardIsCutAtItsForwardedMessageLine(String marker) {
    String forward =
        "See below, fee corrected to 12,500.\n\n"
            + marker
            + "\n\nFrom: Sahyadri Office <office@sahyadri.example>\n"
            + "Subject: Course confirmation SDS-1042\n"
            + "Date: 2 March 2026 at 10:15:00 GMT+5:30\n\nFee: Rs. 11,500\n";

    assertThat(QuotedText.of(forward)).isEqualTo("See below, fee corrected to 12,500.");
  }

  @Test
  void quotedLinesBetweenTheWritersOwnAreLeftOutAndTheirAnswersKept() {
    String inline = "> What is the fee now?\nFee: Rs. 12,500\n> And the start date?\nStart: 19/01";

    assertThat(QuotedText.of(inline)).isEqualTo("Fee: Rs. 12,500\nStart: 19/01");
  }

  @Test
  void aMailThatQuotesNothingKeepsItsTextAndSentencesLikeHeadersAreNotCut() {
    String text =
        "On Monday the office wrote:\n"
            + "From: Pune\nTo: Mumbai\nDate: 2 March 2026\nFee: Rs. 12,500";

    assertThat(QuotedText.of(text)).isEqualTo(text);
    assertThat(QuotedText.of(NEW)).isEqualTo(NEW);
  }

  @Test
  void aGmailHtmlReplyLosesItsGmailQuote() {
    String html =
        "<div dir=\"ltr\">Dear Asha,<br>Fee: Rs. 12,500</div><br>"
            + "<div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">On Mon, 2 Mar 2026"
            + " at 10:15 Office &lt;office@sahyadri.example&gt; wrote:<br></div>"
            + "<blockquote class=\"gmail_quote\"><p>Fee: Rs. 11,500</p></blockquote></div>";

    assertThat(QuotedText.ofHtml(html, HtmlText.of(html))).isEqualTo("Dear Asha,\nFee: Rs. 12,500");
  }

  @Test
  void anOutlookHtmlReplyLosesEverythingFromItsReplyHeaderOn() {
    String html =
        "<div class=\"WordSection1\"><p>Fee: Rs. 12,500</p></div>"
            + "<div id=\"appendonsend\"></div><hr style=\"display:inline-block;width:98%\">"
            + "<div id=\"divRplyFwdMsg\"><b>From:</b> Office<br><b>Sent:</b> Monday<br>"
            + "<b>Subject:</b> Course confirmation</div>"
            + "<div><p>Fee: Rs. 11,500</p></div>";
    String headerOnly =
        "<div><p>Fee: Rs. 12,500</p><div><div id=\"divRplyFwdMsg\"><b>From:</b> Office</div>"
            + "<p>Fee: Rs. 11,500</p></div></div><p>Fee: Rs. 10,500</p>";

    assertThat(QuotedText.ofHtml(html, HtmlText.of(html))).isEqualTo("Fee: Rs. 12,500");
    assertThat(QuotedText.ofHtml(headerOnly, HtmlText.of(headerOnly))).isEqualTo("Fee: Rs. 12,500");
  }

  @Test
  void anAppleMailHtmlReplyLosesItsCitedBlockquoteAndAttribution() {
    String html =
        "<div>Fee: Rs. 12,500</div><div><br><blockquote type=\"cite\"><div>On 2 Mar 2026, at"
            + " 10:15, Office &lt;office@sahyadri.example&gt; wrote:</div><div>Fee: Rs."
            + " 11,500</div></blockquote></div>";
    String attributionOutside =
        "<div>Fee: Rs. 12,500</div><div>On 2 Mar 2026, at 10:15, Office"
            + " &lt;office@sahyadri.example&gt; wrote:</div><blockquote type=\"cite\">"
            + "<div>Fee: Rs. 11,500</div></blockquote>";

    assertThat(QuotedText.ofHtml(html, HtmlText.of(html))).isEqualTo("Fee: Rs. 12,500");
    assertThat(QuotedText.ofHtml(attributionOutside, HtmlText.of(attributionOutside)))
        .isEqualTo("Fee: Rs. 12,500");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Fra: Kunde <kunde@example.no>\nSendt: søndag 20. september 2026 18:02\n"
            + "Til: Kontor <kontor@example.no>\nEmne: SV: Bestilling LR-2002",
        "Från: Kund <kund@example.se>\nSkickat: den 20 september 2026 18:02\n"
            + "Till: Kontor <kontor@example.se>\nÄmne: SV: Bokning",
        "Od: Klient <klient@example.pl>\nWysłano: niedziela, 20 września 2026 18:02\n"
            + "Do: Biuro <biuro@example.pl>\nTemat: RE: Rezerwacja",
        "От: Клиент <client@example.ru>\nОтправлено: воскресенье, 20 сентября 2026 г. 18:02\n"
            + "Кому: Офис <office@example.ru>\nТема: RE: Бронирование",
        "差出人: 顧客 <kokyaku@example.jp>\n送信日時: 2026年9月20日 18:02\n"
            + "宛先: 事務所 <office@example.jp>\n件名: RE: 予約"
      })
  void anOutlookReplyInANordicSlavicOrAsianLanguageIsCutAtItsHeaderBlock(String headers) {
    String reply =
        NEW + "\n\n________________________________\n" + headers + "\n\nFee: Rs. 11,500\n";

    assertThat(QuotedText.of(reply)).isEqualTo(NEW);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // Icelandic, Latvian and Swahili labels are in no list: the block's shape tells it
        "________________________________\nFrá: Viðskiptavinur <vidskipti@example.is>\n"
            + "Sent: sunnudagur, 20. september 2026 18:02\nTil: Skrifstofa <skrif@example.is>\n"
            + "Efni: RE: Bókun",
        "Sūtītājs: Klients <klients@example.lv>\nNosūtīts: svētdiena, 2026. gada 20. septembris"
            + " 18:02\nAdresāts: Birojs <birojs@example.lv>\nTēma: RE: Rezervācija",
        "-----Ujumbe Asili-----\nKutoka: Mteja <mteja@example.co.tz>\n"
            + "Imetumwa: Jumapili, 20 Septemba 2026 18:02\nKwa: Ofisi <ofisi@example.co.tz>\n"
            + "Kichwa: RE: Uhifadhi"
      })
  void aQuoteHeaderBlockInAnyLanguageIsCutByItsShapeWhenItRepeatsTheMailsSubject(String headers) {
    String reply = NEW + "\n\n" + headers + "\n\nFee: Rs. 11,500\n";
    String subject = headers.substring(headers.lastIndexOf(": RE: ") + 2);

    assertThat(QuotedText.of(reply, "SV: " + subject)).isEqualTo(NEW);
    // without a subject the shape alone does not cut: a mail's own details have it too
    assertThat(QuotedText.of(reply)).isEqualTo(reply);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Hello Anna,\nyour booking is confirmed.\n\nEmail: anna@example.com\n"
            + "Phone: +47 912 34 567\nArrival: 2026-11-20 15:00\nDeparture: 2026-11-23 11:00\n"
            + "Cabin: Rorbu 7\n\nWelcome!",
        "Guest: Anna Berg <anna@example.com>\nBooked: 03.11.2026 09:58\nCabin: Rorbu 7\n"
            + "Arrival: 20.11.2026\n\nWelcome!",
        "Your booking:\n----------------------------------------\nCustomer: anna@example.com\n"
            + "Created: 2026-11-03 09:58\nCabin: Rorbu 7\nNights: 3",
        "Your booking:\n________________________________\nCustomer: anna@example.com\n"
            + "Created: 2026-11-03 09:58\nCabin: Rorbu 7\nNights: 3",
        "----- Booking details -----\nEmail: anna@example.com\nBooked: 2026-11-03 09:58\n"
            + "Reference: LR-3001\nCabin: Rorbu 7"
      })
  void aConfirmationsOwnDetailsWithAnAddressAndATimeStayInItsText(String confirmation) {
    // an outside trial's shape rule cut these after their greeting: an address and a date-time
    // in label lines, as a quote header block has, but no line repeats the mail's subject
    assertThat(QuotedText.of(confirmation, "Booking confirmed LR-3001")).isEqualTo(confirmation);
  }

  @Test
  void aMailsOwnBookingDetailsWithAnAddressAndADateStayInItsText() {
    String confirmation =
        "Takk for bestillingen!\n\nNavn: Ola Nordmann\nE-post: ola@example.no\n"
            + "Dato: 12.10.2026\nHytte: Rorbu 7\n\nMed vennlig hilsen\nKontoret";
    String underRule =
        "Takk for bestillingen!\n________________________________\nNavn: Ola Nordmann\n"
            + "E-post: ola@example.no\nDato: 12.10.2026\nTelefon: 912 34 567";

    assertThat(QuotedText.of(confirmation)).isEqualTo(confirmation);
    assertThat(QuotedText.of(underRule)).isEqualTo(underRule);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "man. 21. sep. 2026 kl. 10:15 skrev Kontor <kontor@example.no>:",
        "pon., 2 mar 2026 o 10:15 Biuro <biuro@example.pl> napisał(a):",
        "пн, 2 мар. 2026 г. в 10:15, Офис <office@example.ru>:",
        "2026年3月2日(月) 10:15 Office <office@example.jp>:",
        "Office <office@example.cn> 于2026年3月2日周一 10:15写道："
      })
  void aGmailAttributionInAnyLanguageIsCutWhenQuotedLinesFollowIt(String attribution) {
    String reply = NEW + "\n\n" + attribution + "\n\n> Fee: Rs. 11,500\n> Old line\n";

    assertThat(QuotedText.of(reply)).isEqualTo(NEW);
  }

  @Test
  void aNorwegianDesktopOutlookHtmlReplyIsCutAtItsBoldHeaderBlock() {
    String html =
        "<div class=\"WordSection1\"><p>Ny hytte: Rorbu 9</p><p>&nbsp;</p>"
            + "<div style=\"border:none;border-top:solid #E1E1E1 1.0pt\"><p><b>Fra:</b> Kunde"
            + " &lt;kunde@example.no&gt;<br><b>Sendt:</b> søndag 20. september 2026 18:02<br>"
            + "<b>Til:</b> Kontor &lt;kontor@example.no&gt;<br><b>Emne:</b> SV: LR-2002</p></div>"
            + "<p>Hytte: Rorbu 7</p></div>";
    String shapeOnly = html.replace("Fra:", "Frá:").replace("Sendt:", "Sent:");

    assertThat(QuotedText.ofHtml(html, HtmlText.of(html))).isEqualTo("Ny hytte: Rorbu 9");
    assertThat(QuotedText.ofHtml(shapeOnly, HtmlText.of(shapeOnly), "SV: SV: LR-2002"))
        .isEqualTo("Ny hytte: Rorbu 9");
  }
}
