package dev.salvage.samples;

import dev.salvage.samples.Catalog.Location;
import dev.salvage.samples.Letter.Recipient;
import dev.salvage.samples.MailItem.Kind;
import dev.salvage.samples.Reservation.Version;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rentwise's mail templates (English, Portuguese, Spanish), its customers' and support's mails, and
 * the unrelated mail a shared inbox collects. The HTML of the app's mails carries stable markers
 * ({@code <body data-template=...>}, {@code <td data-field=...>}) as its template engine emits
 * them; the text parts are phrased for people.
 */
final class MailTemplates {
  static final String BOOKINGS = "bookings@rentwise.example";
  static final String BILLING = "billing@rentwise.example";
  static final String HELLO = "hello@rentwise.example";
  static final String SUPPORT = "support@rentwise.example";

  private static final List<String> MAIL_HOSTS =
      List.of("mail.gmail.example", "outlook.example", "mx.sapo.example", "gmx.example");

  private final World world;

  MailTemplates(World world) {
    this.world = world;
  }

  Letter render(MailItem item) {
    Rng rng = new Rng(item.seed());
    return switch (item.kind()) {
      case WELCOME -> welcome(item, rng);
      case CONTACT_CHANGED -> contactChanged(item, rng);
      case CONFIRMATION, CHANGE, CANCELLATION, REMINDER -> booking(item, rng);
      case RECEIPT -> receipt(item, rng);
      case CUSTOMER_QUESTION -> question(item, rng);
      case STAFF_REPLY -> reply(item, rng);
      case NEWSLETTER -> Noise.newsletter(item, rng);
      case VENDOR_INVOICE -> Noise.invoice(item, rng);
      case SPAM -> Noise.spam(item, rng);
    };
  }

  // ---------------------------------------------------------------- account mails

  private Letter welcome(MailItem item, Rng rng) {
    Customer customer = item.customer();
    Customer.Contact contact = customer.contactAt(item.at());
    Words w = Words.of(customer.language());
    List<String> rows =
        List.of(
            row(w.customerNumber, "customer-number", "", customerNumber(customer)),
            row(w.name, "name", "", customer.fullName),
            row(w.email, "email", "", contact.email()),
            row(w.phone, "phone", "", Formats.phoneInternational(contact.phone())));
    String text =
        w.dear
            + " "
            + customer.fullName
            + ",\n\n"
            + w.welcomeIntro
            + "\n\n"
            + "  "
            + w.customerNumber
            + ": "
            + customerNumber(customer)
            + "\n  "
            + w.email
            + ": "
            + contact.email()
            + "\n  "
            + w.phone
            + ": "
            + Formats.phoneInternational(contact.phone())
            + "\n\n"
            + w.signature;
    return appLetter(
        item,
        rng,
        HELLO,
        List.of(new Recipient(contact.email(), customer.fullName)),
        w.welcomeSubject.replace("{first}", customer.firstName()),
        text,
        page(w, "welcome", w.welcomeTitle, customer.fullName, w.welcomeIntro, rows));
  }

  private Letter contactChanged(MailItem item, Rng rng) {
    Customer customer = item.customer();
    Customer.Contact now = customer.contacts.get(item.version());
    Customer.Contact before = customer.contacts.get(item.version() - 1);
    Words w = Words.of(customer.language());
    List<String> rows = new ArrayList<>();
    rows.add(row(w.customerNumber, "customer-number", "", customerNumber(customer)));
    rows.add(row(w.email, "email", "", now.email()));
    rows.add(row(w.phone, "phone", "", Formats.phoneInternational(now.phone())));
    StringBuilder text =
        new StringBuilder(w.dear + " " + customer.fullName + ",\n\n" + w.contactIntro + "\n\n");
    if (!now.email().equals(before.email())) {
      rows.add(row(w.previously + " (" + w.email + ")", "previous-email", "", before.email()));
      text.append("  ")
          .append(w.email)
          .append(": ")
          .append(before.email())
          .append(" -> ")
          .append(now.email())
          .append('\n');
    }
    if (!now.phone().equals(before.phone())) {
      rows.add(
          row(
              w.previously + " (" + w.phone + ")",
              "previous-phone",
              "",
              Formats.phoneInternational(before.phone())));
      text.append("  ")
          .append(w.phone)
          .append(": ")
          .append(Formats.phoneInternational(before.phone()))
          .append(" -> ")
          .append(Formats.phoneInternational(now.phone()))
          .append('\n');
    }
    text.append("  ")
        .append(w.customerNumber)
        .append(": ")
        .append(customerNumber(customer))
        .append("\n\n")
        .append(w.contactOutro)
        .append("\n\n")
        .append(w.signature);
    List<Recipient> to = new ArrayList<>();
    for (String address : item.customerAddresses()) {
      to.add(new Recipient(address, customer.fullName));
    }
    return appLetter(
        item,
        rng,
        HELLO,
        to,
        w.contactSubject,
        text.toString(),
        page(
            w, "contact-details-changed", w.contactTitle, customer.fullName, w.contactIntro, rows));
  }

  static String customerNumber(Customer customer) {
    return String.format(Locale.ROOT, "C-%06d", customer.id);
  }

  // ---------------------------------------------------------------- booking mails

  private Letter booking(MailItem item, Rng rng) {
    Reservation reservation = item.reservation();
    Customer customer = item.customer();
    Customer.Contact contact = customer.contactAt(item.at());
    Version version = reservation.versions.get(item.version());
    Location location = reservation.location;
    Words w = Words.of(customer.language());
    String ref = reservation.reference;
    String template;
    String subject;
    String title;
    String intro;
    switch (item.kind()) {
      case CONFIRMATION -> {
        template = "booking-confirmation";
        subject = w.confirmedSubject;
        title = w.confirmedTitle;
        intro = w.confirmedIntro;
      }
      case CHANGE -> {
        template = "booking-changed";
        subject = w.changedSubject;
        title = w.changedTitle;
        intro = w.changedIntro;
      }
      case CANCELLATION -> {
        template = "booking-cancelled";
        subject = w.cancelledSubject;
        title = w.cancelledTitle;
        intro = w.cancelledIntro;
      }
      default -> {
        template = "pickup-reminder";
        subject =
            w.reminderSubject.replace(
                "{date}",
                DateTimeFormatter.ofPattern("d MMM", w.locale)
                    .format(version.pickupAt().atZone(location.zone())));
        title = w.reminderTitle;
        intro = w.reminderIntro;
      }
    }
    subject = subject.replace("{ref}", ref);
    intro = intro.replace("{ref}", ref);

    List<String> rows = new ArrayList<>();
    rows.add(row(w.reference, "reference", "", ref));
    rows.add(
        row(
            w.car,
            "vehicle",
            " data-plate=\"" + version.vehicle().plate() + "\"",
            version.vehicle().model().name() + " · " + version.vehicle().plate()));
    rows.add(
        row(
            w.pickupLocation,
            "pickup-location",
            " data-code=\"" + location.code() + "\"",
            location.name()));
    rows.add(localTimeRow(w.pickup, "pickup", version.pickupAt(), location.zone()));
    rows.add(localTimeRow(w.returnLabel, "return", version.returnAt(), location.zone()));
    rows.add(row(w.zone, "zone", "", location.zone().getId()));
    rows.add(row(w.total, "total", "", Formats.money(version.totalCents()) + " EUR"));
    rows.add(
        row(
            w.status,
            "status",
            " data-status=\"" + (version.cancelled() ? "cancelled" : "confirmed") + "\"",
            version.cancelled() ? w.statusCancelled : w.statusConfirmed));
    rows.add(row(w.phone, "phone", "", Formats.phoneInternational(contact.phone())));

    StringBuilder text = new StringBuilder();
    text.append(w.dear).append(' ').append(customer.fullName).append(",\n\n");
    text.append(intro).append("\n\n");
    text.append("  ").append(w.reference).append(": ").append(ref).append('\n');
    text.append("  ")
        .append(w.car)
        .append(": ")
        .append(version.vehicle().model().name())
        .append(" (")
        .append(version.vehicle().plate())
        .append(")\n");
    text.append("  ")
        .append(w.pickup)
        .append(": ")
        .append(w.longTime(version.pickupAt(), location.zone()))
        .append(", ")
        .append(location.name())
        .append('\n');
    text.append("  ")
        .append(w.returnLabel)
        .append(": ")
        .append(w.longTime(version.returnAt(), location.zone()))
        .append('\n');
    text.append("  ")
        .append(w.total)
        .append(": ")
        .append(Formats.money(version.totalCents()))
        .append(" EUR")
        .append(reservation.card ? "" : " (" + w.payAtDesk + ")")
        .append('\n');

    if (item.kind() == Kind.CHANGE) {
      Version before = reservation.versions.get(item.version() - 1);
      rows.add(
          localTimeRow(
              w.previously + " (" + w.pickup + ")",
              "previous-pickup",
              before.pickupAt(),
              location.zone()));
      rows.add(
          localTimeRow(
              w.previously + " (" + w.returnLabel + ")",
              "previous-return",
              before.returnAt(),
              location.zone()));
      rows.add(
          row(
              w.previously + " (" + w.car + ")",
              "previous-vehicle",
              " data-plate=\"" + before.vehicle().plate() + "\"",
              before.vehicle().model().name() + " · " + before.vehicle().plate()));
      int difference = version.totalCents() - before.totalCents();
      String signed = (difference > 0 ? "+" : "") + Formats.money(difference) + " EUR";
      rows.add(row(w.priceDifference, "price-difference", "", signed));
      text.append("\n  ")
          .append(w.previously)
          .append(": ")
          .append(w.longTime(before.pickupAt(), location.zone()))
          .append(" - ")
          .append(w.longTime(before.returnAt(), location.zone()))
          .append(", ")
          .append(before.vehicle().plate())
          .append('\n');
      text.append("  ").append(w.priceDifference).append(": ").append(signed).append('\n');
      if (difference > 0) {
        text.append("\n").append(w.payDifferenceAtDesk).append('\n');
      } else if (difference < 0 && reservation.card) {
        text.append("\n").append(w.differenceRefunded).append('\n');
      }
    }
    if (item.kind() == Kind.CANCELLATION) {
      int refunded =
          reservation.card
              ? Math.max(0, reservation.paidCents - refundedBefore(reservation, version))
              : 0;
      rows.add(row(w.refund, "refund", "", Formats.money(refunded) + " EUR"));
      text.append("  ")
          .append(w.refund)
          .append(": ")
          .append(Formats.money(refunded))
          .append(" EUR\n");
    }
    if (item.kind() == Kind.REMINDER) {
      rows.add(row(w.address, "pickup-address", "", location.address()));
      text.append("  ").append(w.address).append(": ").append(location.address()).append('\n');
    }
    text.append('\n').append(w.timesNote.replace("{zone}", location.zone().getId()));
    text.append("\n\n").append(w.signature);
    return appLetter(
        item,
        rng,
        BOOKINGS,
        List.of(new Recipient(contact.email(), customer.fullName)),
        subject,
        text.toString(),
        page(w, template, title, customer.fullName, intro, rows));
  }

  /** What had been refunded before this version (price cuts), so a cancellation shows the rest. */
  private static int refundedBefore(Reservation reservation, Version version) {
    int sum = 0;
    for (Reservation.Refund refund : reservation.refunds) {
      if (!refund.cancellation() && refund.at().isBefore(version.at().plusSeconds(120))) {
        sum += refund.amountCents();
      }
    }
    return sum;
  }

  private Letter receipt(MailItem item, Rng rng) {
    Reservation reservation = item.reservation();
    Customer customer = item.customer();
    Customer.Contact contact = customer.contactAt(item.at());
    Words w = Words.of(customer.language());
    Card card = Card.of(customer);
    ZoneId zone = reservation.location.zone();
    String amount = Formats.money(reservation.paidCents) + " EUR";
    String cardText = card.displayBrand() + " •••• " + card.last4();
    List<String> rows =
        List.of(
            row(w.reference, "reference", "", reservation.reference),
            row(w.amount, "amount", "", amount),
            localTimeRow(w.paidAt, "paid-at", reservation.paidAt, zone),
            row(w.card, "card", "", cardText),
            row(w.paymentId, "payment-id", "", reservation.paymentIntentId));
    String intro = w.receiptIntro.replace("{ref}", reservation.reference);
    String text =
        w.dear
            + " "
            + customer.fullName
            + ",\n\n"
            + intro
            + "\n\n  "
            + w.amount
            + ": "
            + amount
            + "\n  "
            + w.paidAt
            + ": "
            + w.longTime(reservation.paidAt, zone)
            + "\n  "
            + w.card
            + ": "
            + cardText
            + "\n  "
            + w.paymentId
            + ": "
            + reservation.paymentIntentId
            + "\n\n"
            + w.signature;
    return appLetter(
        item,
        rng,
        BILLING,
        List.of(new Recipient(contact.email(), customer.fullName)),
        w.receiptSubject.replace("{ref}", reservation.reference),
        text,
        page(w, "payment-receipt", w.receiptTitle, customer.fullName, intro, rows));
  }

  // ---------------------------------------------------------------- people's mail

  private Letter question(MailItem item, Rng rng) {
    Customer customer = item.customer();
    Reservation reservation = item.reservation();
    Customer.Contact contact = customer.contactAt(item.at());
    Words w = Words.of(customer.language());
    Version version = reservation.versionAt(item.at());
    String date =
        DateTimeFormatter.ofPattern(w.dayMonthPattern, w.locale)
            .format(version.pickupAt().atZone(reservation.location.zone()));
    String ask = rng.pick(w.questions);
    String subject;
    String body;
    if (item.namesReference()) {
      subject =
          rng.chance(0.5)
              ? w.questionSubjectRef.replace("{ref}", reservation.reference)
              : "Re: " + w.confirmedSubject.replace("{ref}", reservation.reference);
      body = w.questionBodyRef.replace("{ref}", reservation.reference);
    } else {
      subject = rng.pick(w.questionSubjects);
      body = w.questionBody.replace("{location}", reservation.location.name());
    }
    body = body.replace("{date}", date).replace("{ask}", ask);
    String signature = rng.chance(0.5) ? customer.firstName() : customer.fullName;
    String text = body + "\n\n" + w.thanks + ",\n" + signature + "\n";
    String displayName = typedName(customer.fullName, rng);
    Charset charset =
        rng.chance(0.2) && StandardCharsets.ISO_8859_1.newEncoder().canEncode(text + subject)
            ? StandardCharsets.ISO_8859_1
            : StandardCharsets.UTF_8;
    return new Letter(
        item.at().atZone(zoneOf(customer)),
        contact.email(),
        contact.email(),
        displayName,
        List.of(new Recipient(BOOKINGS, "Rentwise Cars")),
        subject,
        personMessageId(item.seed()),
        null,
        Map.of("User-Agent", rng.pick(USER_AGENTS)),
        text,
        null,
        null,
        charset.name(),
        rng.chance(0.5) ? "8bit" : "quoted-printable",
        null);
  }

  private Letter reply(MailItem item, Rng rng) {
    Customer customer = item.customer();
    Reservation reservation = item.reservation();
    Customer.Contact contact = customer.contactAt(item.at());
    Words w = Words.of(customer.language());
    // Re-render the question to quote it exactly as it was sent.
    MailItem question = item.inReplyTo();
    Letter asked = question(question, new Rng(question.seed()));
    StringBuilder text = new StringBuilder();
    text.append(w.replyGreeting.replace("{first}", customer.firstName())).append("\n\n");
    text.append(rng.pick(w.answers)).append("\n\n");
    text.append(w.replySignature).append("\n\n");
    text.append(
            w.wrote
                .replace(
                    "{date}",
                    DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", w.locale)
                        .format(asked.sentAt()))
                .replace("{name}", asked.fromName() + " <" + asked.from() + ">"))
        .append('\n');
    for (String line : asked.text().split("\n", -1)) {
      if (!line.isEmpty()) {
        text.append("> ").append(line).append('\n');
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("References", asked.messageId());
    return new Letter(
        item.at().atZone(ZoneOffset.UTC),
        SUPPORT,
        SUPPORT,
        "Rentwise Support",
        List.of(new Recipient(contact.email(), customer.fullName)),
        asked.subject().startsWith("Re: ") ? asked.subject() : "Re: " + asked.subject(),
        appMessageId(rng),
        asked.messageId(),
        headers,
        text.toString(),
        null,
        null,
        "UTF-8",
        "quoted-printable",
        null);
  }

  private String typedName(String name, Rng rng) {
    if (rng.chance(world.params().typoRate())) {
      return Typos.misspell(name, rng);
    }
    return rng.chance(0.15) ? name.toLowerCase(Locale.ROOT) : name;
  }

  static String personMessageId(long seed) {
    Rng rng = new Rng(seed ^ 0x1D1DL);
    return "<" + rng.mixedAlnum(28) + "@" + rng.pick(MAIL_HOSTS) + ">";
  }

  static String appMessageId(Rng rng) {
    return "<" + rng.hex(16) + "." + rng.hex(8) + "@mail.rentwise.example>";
  }

  private static ZoneId zoneOf(Customer customer) {
    return ZoneId.of(
        switch (customer.country.code()) {
          case "PT" -> "Europe/Lisbon";
          case "ES" -> "Europe/Madrid";
          case "GB" -> "Europe/London";
          case "DE" -> "Europe/Berlin";
          case "FR" -> "Europe/Paris";
          case "NL" -> "Europe/Amsterdam";
          default -> "Europe/Rome";
        });
  }

  private static final List<String> USER_AGENTS =
      List.of(
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Thunderbird/115.9.0",
          "Microsoft Outlook 16.0",
          "Apple Mail (2.3774.500.171.1.1)",
          "K-9 Mail for Android");

  // ---------------------------------------------------------------- building blocks

  private Letter appLetter(
      MailItem item,
      Rng rng,
      String from,
      List<Recipient> to,
      String subject,
      String text,
      String html) {
    String messageId = appMessageId(rng);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Reply-To", "Rentwise Support <" + SUPPORT + ">");
    headers.put("Auto-Submitted", "auto-generated");
    headers.put("X-Mailer", "Rentwise Notifier 4.7");
    boolean base64 = rng.chance(0.5);
    return new Letter(
        item.at().atZone(ZoneOffset.UTC),
        "bounces+" + rng.hex(10) + "@mail.rentwise.example",
        from,
        "Rentwise Cars",
        to,
        subject,
        messageId,
        null,
        headers,
        text,
        html,
        null,
        "UTF-8",
        base64 ? "base64" : "quoted-printable",
        "=_rw_" + rng.hex(24));
  }

  private static String page(
      Words w, String template, String title, String name, String intro, List<String> rows) {
    StringBuilder html = new StringBuilder(2048);
    html.append("<!DOCTYPE html>\n<html lang=\"")
        .append(w.lang)
        .append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(title))
        .append("</title>\n</head>\n<body data-template=\"")
        .append(template)
        .append("\" style=\"font-family:Helvetica,Arial,sans-serif;color:#1d2a35\">\n")
        .append(
            "<div class=\"header\"><img src=\"https://rentwise.example/img/logo.png\""
                + " alt=\"Rentwise Cars\" width=\"120\"></div>\n")
        .append("<h1>")
        .append(escape(title))
        .append("</h1>\n<p>")
        .append(escape(w.dear))
        .append(" <span data-field=\"customer-name\">")
        .append(escape(name))
        .append("</span>,</p>\n<p>")
        .append(escape(intro))
        .append("</p>\n<table class=\"details\" cellpadding=\"4\">\n");
    for (String row : rows) {
      html.append(row);
    }
    html.append("</table>\n<p>")
        .append(escape(w.signature).replace("\n", "<br>"))
        .append(
            "</p>\n<p class=\"footer\" style=\"font-size:11px;color:#777\">Rentwise Cars"
                + " · Av. da Liberdade 110, 1250-146 Lisboa · <a href=\"https://rentwise.example\">"
                + "rentwise.example</a></p>\n</body>\n</html>\n");
    return html.toString();
  }

  private static String row(String label, String field, String attributes, String value) {
    return "<tr><th align=\"left\">"
        + escape(label)
        + "</th><td data-field=\""
        + field
        + "\""
        + attributes
        + ">"
        + escape(value)
        + "</td></tr>\n";
  }

  private static String localTimeRow(String label, String field, Instant at, ZoneId zone) {
    return row(label, field, " data-zone=\"" + zone.getId() + "\"", Formats.shortLocal(at, zone));
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Everything a template says, in one language. */
  static final class Words {
    final String lang;
    final Locale locale;
    String dear;
    String signature;
    String reference;
    String car;
    String pickupLocation;
    String pickup;
    String returnLabel;
    String zone;
    String total;
    String status;
    String statusConfirmed;
    String statusCancelled;
    String phone;
    String email;
    String name;
    String customerNumber;
    String previously;
    String priceDifference;
    String refund;
    String address;
    String amount;
    String paidAt;
    String card;
    String paymentId;
    String payAtDesk;
    String payDifferenceAtDesk;
    String differenceRefunded;
    String timesNote;
    String localTime;
    String longPattern;
    String dayMonthPattern;
    String welcomeSubject;
    String welcomeTitle;
    String welcomeIntro;
    String contactSubject;
    String contactTitle;
    String contactIntro;
    String contactOutro;
    String confirmedSubject;
    String confirmedTitle;
    String confirmedIntro;
    String changedSubject;
    String changedTitle;
    String changedIntro;
    String cancelledSubject;
    String cancelledTitle;
    String cancelledIntro;
    String reminderSubject;
    String reminderTitle;
    String reminderIntro;
    String receiptSubject;
    String receiptTitle;
    String receiptIntro;
    String questionSubjectRef;
    List<String> questionSubjects;
    String questionBodyRef;
    String questionBody;
    List<String> questions;
    String thanks;
    String replyGreeting;
    List<String> answers;
    String replySignature;
    String wrote;

    private Words(String lang, Locale locale) {
      this.lang = lang;
      this.locale = locale;
    }

    private static final Words EN = english();
    private static final Words PT = portuguese();
    private static final Words ES = spanish();

    static Words of(String language) {
      return switch (language) {
        case "pt" -> PT;
        case "es" -> ES;
        default -> EN;
      };
    }

    String longTime(Instant at, ZoneId zone) {
      ZonedDateTime local = at.atZone(zone);
      return DateTimeFormatter.ofPattern(longPattern, locale).format(local)
          + " ("
          + localTime
          + ", "
          + zone.getId()
          + ")";
    }

    private static Words english() {
      Words w = new Words("en", Locale.UK);
      w.dear = "Dear";
      w.signature = "See you soon,\nThe Rentwise Cars team";
      w.reference = "Reference";
      w.car = "Car";
      w.pickupLocation = "Pick-up branch";
      w.pickup = "Pick-up";
      w.returnLabel = "Return";
      w.zone = "Time zone";
      w.total = "Total";
      w.status = "Status";
      w.statusConfirmed = "Confirmed";
      w.statusCancelled = "Cancelled";
      w.phone = "Phone";
      w.email = "Email";
      w.name = "Name";
      w.customerNumber = "Customer number";
      w.previously = "Previously";
      w.priceDifference = "Price difference";
      w.refund = "Refund";
      w.address = "Address";
      w.amount = "Amount paid";
      w.paidAt = "Paid on";
      w.card = "Card";
      w.paymentId = "Payment reference";
      w.payAtDesk = "to pay at the desk";
      w.payDifferenceAtDesk =
          "The difference will be charged at the desk when you pick up the car.";
      w.differenceRefunded = "The difference has been refunded to your card.";
      w.timesNote = "All times are local to the branch ({zone}).";
      w.localTime = "local time";
      w.longPattern = "EEEE d MMMM yyyy, HH:mm";
      w.dayMonthPattern = "d MMMM";
      w.welcomeSubject = "Welcome to Rentwise, {first}!";
      w.welcomeTitle = "Welcome to Rentwise Cars";
      w.welcomeIntro = "Your account is ready. You can now book a car at any of our branches.";
      w.contactSubject = "Your contact details were updated";
      w.contactTitle = "Contact details updated";
      w.contactIntro = "The contact details of your Rentwise account were changed:";
      w.contactOutro = "If you did not make this change, please reply to this mail.";
      w.confirmedSubject = "Booking confirmed: {ref}";
      w.confirmedTitle = "Booking confirmed";
      w.confirmedIntro =
          "Thank you for booking with Rentwise Cars. Your booking {ref} is confirmed.";
      w.changedSubject = "Booking changed: {ref}";
      w.changedTitle = "Your booking has changed";
      w.changedIntro = "Your booking {ref} has been changed. Here are the new details.";
      w.cancelledSubject = "Booking cancelled: {ref}";
      w.cancelledTitle = "Booking cancelled";
      w.cancelledIntro = "Your booking {ref} has been cancelled.";
      w.reminderSubject = "Reminder: your pick-up on {date} ({ref})";
      w.reminderTitle = "Your car is almost ready";
      w.reminderIntro = "Your pick-up for booking {ref} is in two days.";
      w.receiptSubject = "Payment receipt for {ref}";
      w.receiptTitle = "Payment receipt";
      w.receiptIntro = "We received your payment for booking {ref}.";
      w.questionSubjectRef = "Question about booking {ref}";
      w.questionSubjects = List.of("Question about my booking", "Child seat", "Late arrival");
      w.questionBodyRef = "Hi,\n\nI have booking {ref} for {date}.\n{ask}";
      w.questionBody = "Hello,\n\nI booked a car at {location} for {date}.\n{ask}";
      w.questions =
          List.of(
              "Is it possible to add a child seat?",
              "My flight lands late, will the desk still be open?",
              "Can I return the car at another branch?",
              "From the arrivals hall, where do I find your desk?");
      w.thanks = "Thanks";
      w.replyGreeting = "Hello {first},";
      w.answers =
          List.of(
              "Thank you for your message. We have added a note to your booking.",
              "Our desk stays open until the last flight has landed.",
              "Yes, that is possible; a one-way fee may apply.");
      w.replySignature = "Kind regards,\nMarta\nRentwise Support";
      w.wrote = "On {date}, {name} wrote:";
      return w;
    }

    private static Words portuguese() {
      Words w = new Words("pt", Locale.forLanguageTag("pt-PT"));
      w.dear = "Olá";
      w.signature = "Até breve,\nA equipa Rentwise Cars";
      w.reference = "Referência";
      w.car = "Viatura";
      w.pickupLocation = "Local de levantamento";
      w.pickup = "Levantamento";
      w.returnLabel = "Devolução";
      w.zone = "Fuso horário";
      w.total = "Total";
      w.status = "Estado";
      w.statusConfirmed = "Confirmada";
      w.statusCancelled = "Cancelada";
      w.phone = "Telefone";
      w.email = "Email";
      w.name = "Nome";
      w.customerNumber = "Número de cliente";
      w.previously = "Anteriormente";
      w.priceDifference = "Diferença de preço";
      w.refund = "Reembolso";
      w.address = "Morada";
      w.amount = "Montante pago";
      w.paidAt = "Pago em";
      w.card = "Cartão";
      w.paymentId = "Referência do pagamento";
      w.payAtDesk = "a pagar no balcão";
      w.payDifferenceAtDesk = "A diferença será cobrada no balcão no levantamento da viatura.";
      w.differenceRefunded = "A diferença foi reembolsada no seu cartão.";
      w.timesNote = "Todas as horas são locais da loja ({zone}).";
      w.localTime = "hora local";
      w.longPattern = "EEEE, d 'de' MMMM 'de' yyyy, HH:mm";
      w.dayMonthPattern = "d 'de' MMMM";
      w.welcomeSubject = "Bem-vindo à Rentwise, {first}!";
      w.welcomeTitle = "Bem-vindo à Rentwise Cars";
      w.welcomeIntro = "A sua conta está pronta. Já pode reservar uma viatura em qualquer loja.";
      w.contactSubject = "Os seus dados de contacto foram atualizados";
      w.contactTitle = "Dados de contacto atualizados";
      w.contactIntro = "Os dados de contacto da sua conta Rentwise foram alterados:";
      w.contactOutro = "Se não fez esta alteração, responda a este email.";
      w.confirmedSubject = "Reserva confirmada: {ref}";
      w.confirmedTitle = "Reserva confirmada";
      w.confirmedIntro =
          "Obrigado por reservar com a Rentwise Cars. A sua reserva {ref} está confirmada.";
      w.changedSubject = "Reserva alterada: {ref}";
      w.changedTitle = "A sua reserva foi alterada";
      w.changedIntro = "A sua reserva {ref} foi alterada. Estes são os novos dados.";
      w.cancelledSubject = "Reserva cancelada: {ref}";
      w.cancelledTitle = "Reserva cancelada";
      w.cancelledIntro = "A sua reserva {ref} foi cancelada.";
      w.reminderSubject = "Lembrete: levantamento a {date} ({ref})";
      w.reminderTitle = "A sua viatura está quase pronta";
      w.reminderIntro = "O levantamento da reserva {ref} é daqui a dois dias.";
      w.receiptSubject = "Recibo de pagamento da reserva {ref}";
      w.receiptTitle = "Recibo de pagamento";
      w.receiptIntro = "Recebemos o seu pagamento da reserva {ref}.";
      w.questionSubjectRef = "Dúvida sobre a reserva {ref}";
      w.questionSubjects =
          List.of("Dúvida sobre a minha reserva", "Cadeira de criança", "Chegada tardia");
      w.questionBodyRef = "Olá,\n\nTenho a reserva {ref} para {date}.\n{ask}";
      w.questionBody = "Boa tarde,\n\nReservei uma viatura em {location} para {date}.\n{ask}";
      w.questions =
          List.of(
              "É possível acrescentar uma cadeira de criança?",
              "O meu voo chega tarde, o balcão ainda estará aberto?",
              "Posso devolver o carro noutra loja?");
      w.thanks = "Obrigado";
      w.replyGreeting = "Olá {first},";
      w.answers =
          List.of(
              "Obrigado pela sua mensagem. Acrescentámos uma nota à sua reserva.",
              "O nosso balcão está aberto até à chegada do último voo.",
              "Sim, é possível; pode ser cobrada uma taxa de devolução noutra loja.");
      w.replySignature = "Com os melhores cumprimentos,\nMarta\nApoio Rentwise";
      w.wrote = "A {date}, {name} escreveu:";
      return w;
    }

    private static Words spanish() {
      Words w = new Words("es", Locale.forLanguageTag("es-ES"));
      w.dear = "Hola";
      w.signature = "Hasta pronto,\nEl equipo de Rentwise Cars";
      w.reference = "Referencia";
      w.car = "Coche";
      w.pickupLocation = "Oficina de recogida";
      w.pickup = "Recogida";
      w.returnLabel = "Devolución";
      w.zone = "Zona horaria";
      w.total = "Total";
      w.status = "Estado";
      w.statusConfirmed = "Confirmada";
      w.statusCancelled = "Cancelada";
      w.phone = "Teléfono";
      w.email = "Correo electrónico";
      w.name = "Nombre";
      w.customerNumber = "Número de cliente";
      w.previously = "Antes";
      w.priceDifference = "Diferencia de precio";
      w.refund = "Reembolso";
      w.address = "Dirección";
      w.amount = "Importe pagado";
      w.paidAt = "Pagado el";
      w.card = "Tarjeta";
      w.paymentId = "Referencia del pago";
      w.payAtDesk = "a pagar en el mostrador";
      w.payDifferenceAtDesk = "La diferencia se cobrará en el mostrador al recoger el coche.";
      w.differenceRefunded = "La diferencia se ha reembolsado en tu tarjeta.";
      w.timesNote = "Todas las horas son locales de la oficina ({zone}).";
      w.localTime = "hora local";
      w.longPattern = "EEEE, d 'de' MMMM 'de' yyyy, HH:mm";
      w.dayMonthPattern = "d 'de' MMMM";
      w.welcomeSubject = "¡Bienvenido a Rentwise, {first}!";
      w.welcomeTitle = "Bienvenido a Rentwise Cars";
      w.welcomeIntro = "Tu cuenta está lista. Ya puedes reservar un coche en cualquier oficina.";
      w.contactSubject = "Tus datos de contacto se han actualizado";
      w.contactTitle = "Datos de contacto actualizados";
      w.contactIntro = "Los datos de contacto de tu cuenta Rentwise han cambiado:";
      w.contactOutro = "Si no has hecho este cambio, responde a este correo.";
      w.confirmedSubject = "Reserva confirmada: {ref}";
      w.confirmedTitle = "Reserva confirmada";
      w.confirmedIntro =
          "Gracias por reservar con Rentwise Cars. Tu reserva {ref} está confirmada.";
      w.changedSubject = "Reserva modificada: {ref}";
      w.changedTitle = "Tu reserva ha cambiado";
      w.changedIntro = "Tu reserva {ref} se ha modificado. Estos son los nuevos datos.";
      w.cancelledSubject = "Reserva cancelada: {ref}";
      w.cancelledTitle = "Reserva cancelada";
      w.cancelledIntro = "Tu reserva {ref} ha sido cancelada.";
      w.reminderSubject = "Recordatorio: recogida el {date} ({ref})";
      w.reminderTitle = "Tu coche está casi listo";
      w.reminderIntro = "La recogida de la reserva {ref} es dentro de dos días.";
      w.receiptSubject = "Recibo de pago de la reserva {ref}";
      w.receiptTitle = "Recibo de pago";
      w.receiptIntro = "Hemos recibido tu pago de la reserva {ref}.";
      w.questionSubjectRef = "Consulta sobre la reserva {ref}";
      w.questionSubjects = List.of("Consulta sobre mi reserva", "Silla infantil", "Llegada tarde");
      w.questionBodyRef = "Hola,\n\nTengo la reserva {ref} para el {date}.\n{ask}";
      w.questionBody = "Buenas tardes,\n\nReservé un coche en {location} para el {date}.\n{ask}";
      w.questions =
          List.of(
              "¿Es posible añadir una silla infantil?",
              "Mi vuelo llega tarde, ¿seguirá abierto el mostrador?",
              "¿Puedo devolver el coche en otra oficina?");
      w.thanks = "Gracias";
      w.replyGreeting = "Hola {first}:";
      w.answers =
          List.of(
              "Gracias por tu mensaje. Hemos añadido una nota a tu reserva.",
              "Nuestro mostrador abre hasta la llegada del último vuelo.",
              "Sí, es posible; puede aplicarse un cargo por devolución en otra oficina.");
      w.replySignature = "Un saludo,\nMarta\nAtención al cliente Rentwise";
      w.wrote = "El {date}, {name} escribió:";
      return w;
    }
  }
}
