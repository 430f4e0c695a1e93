package dev.salvage.samples;

import dev.salvage.samples.Letter.Recipient;
import dev.salvage.samples.Reservation.Version;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nordwind's mails, in German or English by client: one block of {@code Label: value} lines per
 * mail (the same lines in the HTML part), about a third of the app's mails HTML only. Booking mails
 * name the booking number in the subject and the car by model and plate; account mails give the
 * client number. Newsletters and spam are left out.
 */
final class NordwindMail {
  /** Share of the app's mails sent without a text/plain part. */
  private static final double HTML_ONLY_SHARE = 0.3;

  private final Nordwind names;

  NordwindMail(Nordwind names) {
    this.names = names;
  }

  /** The mail as Nordwind sent or received it, or null for a kind Nordwind does not have. */
  Letter render(MailItem item) {
    Rng rng = new Rng(item.seed() ^ 0x4E57L);
    return switch (item.kind()) {
      case WELCOME, CONTACT_CHANGED -> account(item, rng);
      case CONFIRMATION, CHANGE, CANCELLATION, REMINDER, RECEIPT -> booking(item, rng);
      case CUSTOMER_QUESTION -> question(item, rng);
      case STAFF_REPLY -> reply(item, rng);
      case NEWSLETTER, VENDOR_INVOICE, SPAM -> null;
    };
  }

  private Letter account(MailItem item, Rng rng) {
    Customer customer = item.customer();
    boolean de = Nordwind.german(customer);
    boolean welcome = item.kind() == MailItem.Kind.WELCOME;
    Customer.Contact contact =
        welcome ? customer.contactAt(item.at()) : customer.contacts.get(item.version());
    List<String[]> lines = new ArrayList<>();
    lines.add(line(de ? "Kundennummer" : "Client no.", String.valueOf(customer.id)));
    lines.add(line("Name", customer.fullName));
    lines.add(line(de ? "E-Mail" : "Email", contact.email()));
    String subject;
    String intro;
    if (welcome) {
      subject = (de ? "Willkommen bei Nordwind, " : "Welcome to Nordwind, ") + customer.firstName();
      intro = de ? "Ihr Kundenkonto ist eingerichtet." : "Your Nordwind account is ready.";
    } else {
      Customer.Contact before = customer.contacts.get(item.version() - 1);
      subject = de ? "Ihre Kontaktdaten wurden geändert" : "Your contact details were changed";
      intro =
          de ? "Wir haben Ihre Kontaktdaten geändert." : "We have updated your contact details.";
      if (!before.email().equals(contact.email())) {
        lines.add(line(de ? "Bisherige E-Mail" : "Previous email", before.email()));
      }
    }
    List<Recipient> to = new ArrayList<>();
    for (String address : item.customerAddresses()) {
      to.add(new Recipient(address, customer.fullName));
    }
    return appLetter(item, rng, Nordwind.ACCOUNTS, to, subject, customer, de, intro, lines);
  }

  private Letter booking(MailItem item, Rng rng) {
    Reservation reservation = item.reservation();
    Customer customer = item.customer();
    boolean de = Nordwind.german(customer);
    String no = Nordwind.bookingNo(reservation);
    Version version =
        item.kind() == MailItem.Kind.RECEIPT
            ? reservation.versionAt(item.at())
            : reservation.versions.get(item.version());
    String subject;
    String intro;
    switch (item.kind()) {
      case CONFIRMATION -> {
        subject = (de ? "Buchungsbestätigung " : "Booking confirmation ") + no;
        intro = de ? "vielen Dank für Ihre Buchung." : "thank you for your booking.";
      }
      case CHANGE -> {
        subject = (de ? "Buchungsänderung " : "Booking changed ") + no;
        intro = de ? "Ihre Buchung wurde geändert." : "your booking has been changed.";
      }
      case CANCELLATION -> {
        subject = (de ? "Stornierung " : "Booking cancelled ") + no;
        intro = de ? "Ihre Buchung wurde storniert." : "your booking has been cancelled.";
      }
      case RECEIPT -> {
        subject = (de ? "Zahlungsbeleg " : "Payment receipt ") + no;
        intro = de ? "wir haben Ihre Zahlung erhalten." : "we have received your payment.";
      }
      default -> {
        subject =
            (de ? "Erinnerung: Abholung am " : "Reminder: pick-up on ")
                + Nordwind.local(version.pickupAt()).substring(0, 10)
                + " · "
                + no;
        intro = de ? "bald geht es los." : "your trip starts soon.";
      }
    }
    List<String[]> lines = new ArrayList<>();
    lines.add(line(de ? "Buchungsnummer" : "Booking no.", no));
    lines.add(line(de ? "Kundennummer" : "Client no.", String.valueOf(customer.id)));
    lines.add(line(de ? "Kunde" : "Client", customer.fullName));
    if (item.kind() == MailItem.Kind.RECEIPT) {
      lines.add(line(de ? "Betrag" : "Amount", Nordwind.price(reservation.paidCents, de)));
      lines.add(line(de ? "Zahlung" : "Payment", reservation.paymentIntentId));
    }
    // a receipt lists the rental it pays for, as booked then, but not the price (the amount is)
    lines.add(
        line(
            de ? "Fahrzeug" : "Car",
            version.vehicle().model().name() + " (" + names.plate(version.vehicle()) + ")"));
    lines.add(line(de ? "Filiale" : "Branch", Nordwind.branchName(reservation.location)));
    lines.add(line(de ? "Abholung" : "Pick-up", Nordwind.local(version.pickupAt())));
    lines.add(line(de ? "Rückgabe" : "Return", Nordwind.local(version.returnAt())));
    if (item.kind() != MailItem.Kind.RECEIPT) {
      lines.add(line(de ? "Preis" : "Price", Nordwind.price(version.totalCents(), de)));
    }
    if (item.kind() == MailItem.Kind.CHANGE) {
      Version before = reservation.versions.get(item.version() - 1);
      lines.add(
          line(
              de ? "Bisher" : "Previously",
              Nordwind.local(before.pickupAt())
                  + " – "
                  + Nordwind.local(before.returnAt())
                  + ", "
                  + names.plate(before.vehicle())
                  + ", "
                  + Nordwind.price(before.totalCents(), de)));
    }
    Customer.Contact contact = customer.contactAt(item.at());
    return appLetter(
        item,
        rng,
        Nordwind.BOOKINGS,
        List.of(new Recipient(contact.email(), customer.fullName)),
        subject,
        customer,
        de,
        intro,
        lines);
  }

  private Letter question(MailItem item, Rng rng) {
    Customer customer = item.customer();
    boolean de = Nordwind.german(customer);
    Customer.Contact contact = customer.contactAt(item.at());
    String no = Nordwind.bookingNo(item.reservation());
    String subject =
        item.namesReference()
            ? (de ? "Frage zu " : "Question about ") + no
            : (de ? "Frage zu meiner Buchung" : "Question about my booking");
    String text =
        (de
                ? "Hallo,\n\nkann ich das Auto eine Stunde später abholen?\n\nViele Grüße\n"
                : "Hello,\n\ncan I pick the car up an hour later?\n\nBest regards\n")
            + customer.firstName()
            + "\n";
    return new Letter(
        item.at().atZone(Nordwind.ZONE),
        contact.email(),
        contact.email(),
        rng.chance(0.15) ? Nordwind.lower(customer.fullName) : customer.fullName,
        List.of(new Recipient(Nordwind.BOOKINGS, "Nordwind Buchung")),
        subject,
        MailTemplates.personMessageId(item.seed()),
        null,
        Map.of(),
        text,
        null,
        null,
        "UTF-8",
        rng.chance(0.5) ? "8bit" : "quoted-printable",
        null);
  }

  private Letter reply(MailItem item, Rng rng) {
    Customer customer = item.customer();
    boolean de = Nordwind.german(customer);
    Letter asked = question(item.inReplyTo(), new Rng(item.inReplyTo().seed() ^ 0x4E57L));
    String text =
        (de
                ? "Guten Tag,\n\ndas ist kein Problem.\n\nIhr Nordwind-Service\n\n> "
                : "Hello,\n\nthat is no problem.\n\nYour Nordwind service team\n\n> ")
            + asked.text().strip().replace("\n", "\n> ")
            + "\n";
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("References", asked.messageId());
    return new Letter(
        item.at().atZone(ZoneOffset.UTC),
        Nordwind.SERVICE,
        Nordwind.SERVICE,
        "Nordwind Service",
        List.of(new Recipient(customer.contactAt(item.at()).email(), customer.fullName)),
        "Re: " + asked.subject(),
        appMessageId(rng),
        asked.messageId(),
        headers,
        text,
        null,
        null,
        "UTF-8",
        "quoted-printable",
        null);
  }

  private static String[] line(String label, String value) {
    return new String[] {label, value};
  }

  private static String appMessageId(Rng rng) {
    return "<" + rng.hex(20) + "@mailer." + Nordwind.DOMAIN + ">";
  }

  private Letter appLetter(
      MailItem item,
      Rng rng,
      String from,
      List<Recipient> to,
      String subject,
      Customer customer,
      boolean de,
      String intro,
      List<String[]> lines) {
    String greeting = (de ? "Guten Tag " : "Dear ") + customer.fullName + ",";
    String signature = de ? "Ihr Nordwind-Team" : "Your Nordwind team";
    StringBuilder text = new StringBuilder(greeting).append("\n\n").append(intro).append("\n\n");
    StringBuilder html =
        new StringBuilder("<html lang=\"")
            .append(de ? "de" : "en")
            .append("\"><body>\n<p>")
            .append(MailTemplates.escape(greeting))
            .append("</p>\n<p>")
            .append(MailTemplates.escape(intro))
            .append("</p>\n<div class=\"details\">\n");
    for (String[] line : lines) {
      text.append(line[0]).append(": ").append(line[1]).append('\n');
      html.append("<p>")
          .append(MailTemplates.escape(line[0]))
          .append(": <b>")
          .append(MailTemplates.escape(line[1]))
          .append("</b></p>\n");
    }
    text.append('\n').append(signature).append('\n');
    html.append("</div>\n<p>").append(signature).append("</p>\n</body></html>\n");
    boolean htmlOnly = rng.chance(HTML_ONLY_SHARE);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Mailer", "Nordwind Buchungssystem 2.3");
    return new Letter(
        item.at().atZone(Nordwind.ZONE),
        "bounce@mailer." + Nordwind.DOMAIN,
        from,
        "Nordwind Autovermietung",
        to,
        subject,
        appMessageId(rng),
        null,
        headers,
        htmlOnly ? "" : text.toString(),
        html.toString(),
        null,
        "UTF-8",
        rng.chance(0.5) ? "base64" : "quoted-printable",
        "=_nw_" + rng.hex(20));
  }
}
