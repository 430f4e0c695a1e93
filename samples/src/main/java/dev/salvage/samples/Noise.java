package dev.salvage.samples;

import dev.salvage.samples.Letter.Recipient;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Mail that reaches a business inbox and says nothing about bookings: newsletters, bills, spam. */
final class Noise {
  private Noise() {}

  private static final String INFO = "info@rentwise.example";

  static Letter newsletter(MailItem item, Rng rng) {
    int sender = item.version();
    String from;
    String name;
    String subject;
    String text;
    ZoneId zone = ZoneId.of("Europe/Lisbon");
    switch (sender) {
      case 0 -> {
        from = "news@fleeteurope.example";
        name = "Fleet Europe Weekly";
        subject =
            "Fleet Europe Weekly – "
                + DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK)
                    .format(item.at().atZone(zone))
                + ": "
                + rng.pick(List.of("EV residual values", "tyre prices", "insurance trends"));
        text =
            "This week in fleet management.\n\nFrom the editor: rental demand in Iberia keeps"
                + " growing.\n\nRead more at https://fleeteurope.example/weekly\n";
      }
      case 1 -> {
        from = "newsletter@visitalgarve.example";
        name = "Visit Algarve";
        subject =
            "Agenda de eventos – "
                + DateTimeFormatter.ofPattern("MMMM", Locale.forLanguageTag("pt-PT"))
                    .format(item.at().atZone(zone));
        text =
            "Olá!\n\nConheça os eventos deste mês no Algarve: festivais, mercados e concertos.\n\n"
                + "https://visitalgarve.example/agenda\n";
      }
      default -> {
        from = "updates@rentaldesk.example";
        name = "RentalDesk Software";
        subject =
            "Product update: "
                + rng.pick(List.of("faster check-in", "damage photos", "new reports"));
        text = "Hi there,\n\nWe shipped new features this week.\n\nThe RentalDesk team\n";
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("List-Unsubscribe", "<https://" + from.substring(from.indexOf('@') + 1) + "/u>");
    headers.put("Precedence", "bulk");
    String html =
        "<html><body><h2>"
            + MailTemplates.escape(subject)
            + "</h2><p>"
            + MailTemplates.escape(text).replace("\n", "<br>")
            + "</p></body></html>\n";
    return letter(item, rng, from, name, INFO, subject, text, html, headers, null);
  }

  static Letter invoice(MailItem item, Rng rng) {
    int vendor = rng.nextInt(3);
    String from =
        List.of(
                "faturas@autopecas.example",
                "contabilidade@brilho.example",
                "billing@pneusexpress.example")
            .get(vendor);
    String name = List.of("Auto Peças Lda", "Lavandaria Brilho", "Pneus Express").get(vendor);
    String number = "FT 2026/" + rng.between(100, 9999);
    String amount = Formats.money(rng.between(4_000, 250_000)) + " EUR";
    String order = "RW-2026-" + rng.digits(4);
    String text =
        "Exmos. Senhores,\n\nSegue em anexo a fatura "
            + number
            + " no valor de "
            + amount
            + ".\nEncomenda: "
            + order
            + "\n\nCumprimentos,\n"
            + name
            + "\n";
    byte[] pdf =
        ("%PDF-1.4\n% fatura " + number + "\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);
    return letter(
        item,
        rng,
        from,
        name,
        "contas@rentwise.example",
        "Fatura " + number,
        text,
        null,
        Map.of(),
        new Letter.Attachment(
            "FT-" + number.substring(3).replace('/', '-') + ".pdf", "application/pdf", pdf));
  }

  static Letter spam(MailItem item, Rng rng) {
    int kind = rng.nextInt(4);
    String from =
        List.of(
                "promo@cryptowins.example",
                "deals@cheap-shades.example",
                "seo@rank1.example",
                "no-reply@parcel-notice.example")
            .get(kind);
    String name = List.of("Crypto Wins", "Summer Deals", "SEO Expert", "Parcel Service").get(kind);
    String subject =
        List.of(
                "You have won €1,000,000!!!",
                "🔥 Last chance: 90% off sunglasses",
                "Increase your website traffic",
                "Votre colis est en attente de livraison")
            .get(kind);
    String text =
        "Dear friend,\n\n"
            + List.of(
                    "Claim your prize now at https://cryptowins.example/claim",
                    "Only today: https://cheap-shades.example",
                    "We can put rentwise.example on the first page of Google.",
                    "Confirmez vos coordonnées: https://parcel-notice.example/c")
                .get(kind)
            + "\n";
    return letter(
        item, rng, from, name, MailTemplates.BOOKINGS, subject, text, null, Map.of(), null);
  }

  private static Letter letter(
      MailItem item,
      Rng rng,
      String from,
      String name,
      String to,
      String subject,
      String text,
      String html,
      Map<String, String> headers,
      Letter.Attachment attachment) {
    String domain = from.substring(from.indexOf('@') + 1);
    return new Letter(
        item.at().atZone(ZoneOffset.UTC),
        from,
        from,
        name,
        List.of(new Recipient(to, null)),
        subject,
        "<" + rng.hex(20) + "@" + domain + ">",
        null,
        headers,
        text,
        html,
        attachment,
        "UTF-8",
        rng.chance(0.5) ? "quoted-printable" : "8bit",
        "----=_Part_" + rng.digits(6) + "_" + rng.digits(9));
  }
}
