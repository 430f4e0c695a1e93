package dev.salvage.samples;

import dev.salvage.samples.Catalog.Location;
import dev.salvage.samples.Letter.Recipient;
import dev.salvage.samples.MailItem.Kind;
import dev.salvage.samples.Reservation.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

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
            row(w.t("customerNumber"), "customer-number", "", customerNumber(customer)),
            row(w.t("name"), "name", "", customer.fullName),
            row(w.t("email"), "email", "", contact.email()),
            row(w.t("phone"), "phone", "", Formats.phoneInternational(contact.phone())));
    String text =
        w.t("dear")
            + " "
            + customer.fullName
            + ",\n\n"
            + w.t("welcomeIntro")
            + "\n\n"
            + "  "
            + w.t("customerNumber")
            + ": "
            + customerNumber(customer)
            + "\n  "
            + w.t("email")
            + ": "
            + contact.email()
            + "\n  "
            + w.t("phone")
            + ": "
            + Formats.phoneInternational(contact.phone())
            + "\n\n"
            + w.t("signature");
    return appLetter(
        item,
        rng,
        HELLO,
        List.of(new Recipient(contact.email(), customer.fullName)),
        w.t("welcomeSubject").replace("{first}", customer.firstName()),
        text,
        page(w, "welcome", w.t("welcomeTitle"), customer.fullName, w.t("welcomeIntro"), rows));
  }

  private Letter contactChanged(MailItem item, Rng rng) {
    Customer customer = item.customer();
    Customer.Contact now = customer.contacts.get(item.version());
    Customer.Contact before = customer.contacts.get(item.version() - 1);
    Words w = Words.of(customer.language());
    List<String> rows = new ArrayList<>();
    rows.add(row(w.t("customerNumber"), "customer-number", "", customerNumber(customer)));
    rows.add(row(w.t("email"), "email", "", now.email()));
    rows.add(row(w.t("phone"), "phone", "", Formats.phoneInternational(now.phone())));
    StringBuilder text =
        new StringBuilder(
            w.t("dear") + " " + customer.fullName + ",\n\n" + w.t("contactIntro") + "\n\n");
    changed(w, "email", before.email(), now.email(), rows, text);
    changed(
        w,
        "phone",
        Formats.phoneInternational(before.phone()),
        Formats.phoneInternational(now.phone()),
        rows,
        text);
    text.append("  ")
        .append(w.t("customerNumber"))
        .append(": ")
        .append(customerNumber(customer))
        .append("\n\n")
        .append(w.t("contactOutro"))
        .append("\n\n")
        .append(w.t("signature"));
    List<Recipient> to = new ArrayList<>();
    for (String address : item.customerAddresses()) {
      to.add(new Recipient(address, customer.fullName));
    }
    return appLetter(
        item,
        rng,
        HELLO,
        to,
        w.t("contactSubject"),
        text.toString(),
        page(
            w,
            "contact-details-changed",
            w.t("contactTitle"),
            customer.fullName,
            w.t("contactIntro"),
            rows));
  }

  /** A detail's old value as a row ("previous-email") and its change as a line of text. */
  private static void changed(
      Words w, String detail, String before, String now, List<String> rows, StringBuilder text) {
    if (before.equals(now)) {
      return;
    }
    rows.add(row(w.t("previously") + " (" + w.t(detail) + ")", "previous-" + detail, "", before));
    text.append("  ").append(w.t(detail)).append(": ").append(before).append(" -> ").append(now);
    text.append('\n');
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
        subject = w.t("confirmedSubject");
        title = w.t("confirmedTitle");
        intro = w.t("confirmedIntro");
      }
      case CHANGE -> {
        template = "booking-changed";
        subject = w.t("changedSubject");
        title = w.t("changedTitle");
        intro = w.t("changedIntro");
      }
      case CANCELLATION -> {
        template = "booking-cancelled";
        subject = w.t("cancelledSubject");
        title = w.t("cancelledTitle");
        intro = w.t("cancelledIntro");
      }
      default -> {
        template = "pickup-reminder";
        subject =
            w.t("reminderSubject")
                .replace(
                    "{date}",
                    DateTimeFormatter.ofPattern("d MMM", w.locale)
                        .format(version.pickupAt().atZone(location.zone())));
        title = w.t("reminderTitle");
        intro = w.t("reminderIntro");
      }
    }
    subject = subject.replace("{ref}", ref);
    intro = intro.replace("{ref}", ref);

    List<String> rows = new ArrayList<>();
    rows.add(row(w.t("reference"), "reference", "", ref));
    rows.add(
        row(
            w.t("car"),
            "vehicle",
            " data-plate=\"" + version.vehicle().plate() + "\"",
            version.vehicle().model().name() + " · " + version.vehicle().plate()));
    rows.add(
        row(
            w.t("pickupLocation"),
            "pickup-location",
            " data-code=\"" + location.code() + "\"",
            location.name()));
    rows.add(localTimeRow(w.t("pickup"), "pickup", version.pickupAt(), location.zone()));
    rows.add(localTimeRow(w.t("returnLabel"), "return", version.returnAt(), location.zone()));
    rows.add(row(w.t("zone"), "zone", "", location.zone().getId()));
    rows.add(row(w.t("total"), "total", "", Formats.money(version.totalCents()) + " EUR"));
    rows.add(
        row(
            w.t("status"),
            "status",
            " data-status=\"" + (version.cancelled() ? "cancelled" : "confirmed") + "\"",
            version.cancelled() ? w.t("statusCancelled") : w.t("statusConfirmed")));
    rows.add(row(w.t("phone"), "phone", "", Formats.phoneInternational(contact.phone())));

    StringBuilder text = new StringBuilder();
    text.append(w.t("dear")).append(' ').append(customer.fullName).append(",\n\n");
    text.append(intro).append("\n\n");
    text.append("  ").append(w.t("reference")).append(": ").append(ref).append('\n');
    text.append("  ")
        .append(w.t("car"))
        .append(": ")
        .append(version.vehicle().model().name())
        .append(" (")
        .append(version.vehicle().plate())
        .append(")\n");
    text.append("  ")
        .append(w.t("pickup"))
        .append(": ")
        .append(w.longTime(version.pickupAt(), location.zone()))
        .append(", ")
        .append(location.name())
        .append('\n');
    text.append("  ")
        .append(w.t("returnLabel"))
        .append(": ")
        .append(w.longTime(version.returnAt(), location.zone()))
        .append('\n');
    text.append("  ")
        .append(w.t("total"))
        .append(": ")
        .append(Formats.money(version.totalCents()))
        .append(" EUR")
        .append(reservation.card ? "" : " (" + w.t("payAtDesk") + ")")
        .append('\n');

    if (item.kind() == Kind.CHANGE) {
      Version before = reservation.versions.get(item.version() - 1);
      rows.add(
          localTimeRow(
              w.t("previously") + " (" + w.t("pickup") + ")",
              "previous-pickup",
              before.pickupAt(),
              location.zone()));
      rows.add(
          localTimeRow(
              w.t("previously") + " (" + w.t("returnLabel") + ")",
              "previous-return",
              before.returnAt(),
              location.zone()));
      rows.add(
          row(
              w.t("previously") + " (" + w.t("car") + ")",
              "previous-vehicle",
              " data-plate=\"" + before.vehicle().plate() + "\"",
              before.vehicle().model().name() + " · " + before.vehicle().plate()));
      int difference = version.totalCents() - before.totalCents();
      String signed = (difference > 0 ? "+" : "") + Formats.money(difference) + " EUR";
      rows.add(row(w.t("priceDifference"), "price-difference", "", signed));
      text.append("\n  ")
          .append(w.t("previously"))
          .append(": ")
          .append(w.longTime(before.pickupAt(), location.zone()))
          .append(" - ")
          .append(w.longTime(before.returnAt(), location.zone()))
          .append(", ")
          .append(before.vehicle().plate())
          .append('\n');
      text.append("  ").append(w.t("priceDifference")).append(": ").append(signed).append('\n');
      if (difference > 0) {
        text.append("\n").append(w.t("payDifferenceAtDesk")).append('\n');
      } else if (difference < 0 && reservation.card) {
        text.append("\n").append(w.t("differenceRefunded")).append('\n');
      }
    }
    if (item.kind() == Kind.CANCELLATION) {
      int refunded =
          reservation.card
              ? Math.max(0, reservation.paidCents - refundedBefore(reservation, version))
              : 0;
      rows.add(row(w.t("refund"), "refund", "", Formats.money(refunded) + " EUR"));
      text.append("  ")
          .append(w.t("refund"))
          .append(": ")
          .append(Formats.money(refunded))
          .append(" EUR\n");
    }
    if (item.kind() == Kind.REMINDER) {
      rows.add(row(w.t("address"), "pickup-address", "", location.address()));
      text.append("  ").append(w.t("address")).append(": ").append(location.address()).append('\n');
    }
    text.append('\n').append(w.t("timesNote").replace("{zone}", location.zone().getId()));
    text.append("\n\n").append(w.t("signature"));
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
            row(w.t("reference"), "reference", "", reservation.reference),
            row(w.t("amount"), "amount", "", amount),
            localTimeRow(w.t("paidAt"), "paid-at", reservation.paidAt, zone),
            row(w.t("card"), "card", "", cardText),
            row(w.t("paymentId"), "payment-id", "", reservation.paymentIntentId));
    String intro = w.t("receiptIntro").replace("{ref}", reservation.reference);
    String text =
        w.t("dear")
            + " "
            + customer.fullName
            + ",\n\n"
            + intro
            + "\n\n  "
            + w.t("amount")
            + ": "
            + amount
            + "\n  "
            + w.t("paidAt")
            + ": "
            + w.longTime(reservation.paidAt, zone)
            + "\n  "
            + w.t("card")
            + ": "
            + cardText
            + "\n  "
            + w.t("paymentId")
            + ": "
            + reservation.paymentIntentId
            + "\n\n"
            + w.t("signature");
    return appLetter(
        item,
        rng,
        BILLING,
        List.of(new Recipient(contact.email(), customer.fullName)),
        w.t("receiptSubject").replace("{ref}", reservation.reference),
        text,
        page(w, "payment-receipt", w.t("receiptTitle"), customer.fullName, intro, rows));
  }

  // ---------------------------------------------------------------- people's mail

  private Letter question(MailItem item, Rng rng) {
    Customer customer = item.customer();
    Reservation reservation = item.reservation();
    Customer.Contact contact = customer.contactAt(item.at());
    Words w = Words.of(customer.language());
    Version version = reservation.versionAt(item.at());
    String date =
        DateTimeFormatter.ofPattern(w.t("dayMonthPattern"), w.locale)
            .format(version.pickupAt().atZone(reservation.location.zone()));
    String ask = rng.pick(w.list("questions"));
    String subject;
    String body;
    if (item.namesReference()) {
      subject =
          rng.chance(0.5)
              ? w.t("questionSubjectRef").replace("{ref}", reservation.reference)
              : "Re: " + w.t("confirmedSubject").replace("{ref}", reservation.reference);
      body = w.t("questionBodyRef").replace("{ref}", reservation.reference);
    } else {
      subject = rng.pick(w.list("questionSubjects"));
      body = w.t("questionBody").replace("{location}", reservation.location.name());
    }
    body = body.replace("{date}", date).replace("{ask}", ask);
    String signature = rng.chance(0.5) ? customer.firstName() : customer.fullName;
    String text = body + "\n\n" + w.t("thanks") + ",\n" + signature + "\n";
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
    text.append(w.t("replyGreeting").replace("{first}", customer.firstName())).append("\n\n");
    text.append(rng.pick(w.list("answers"))).append("\n\n");
    text.append(w.t("replySignature")).append("\n\n");
    text.append(
            w.t("wrote")
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
        .append(escape(w.t("dear")))
        .append(" <span data-field=\"customer-name\">")
        .append(escape(name))
        .append("</span>,</p>\n<p>")
        .append(escape(intro))
        .append("</p>\n<table class=\"details\" cellpadding=\"4\">\n");
    for (String row : rows) {
      html.append(row);
    }
    html.append("</table>\n<p>")
        .append(escape(w.t("signature")).replace("\n", "<br>"))
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

  /** Everything a template says, in one language, from {@code mail-words/<lang>.properties}. */
  static final class Words {
    private static final Words EN = load("en", Locale.UK);
    private static final Words PT = load("pt", Locale.forLanguageTag("pt-PT"));
    private static final Words ES = load("es", Locale.forLanguageTag("es-ES"));

    final String lang;
    final Locale locale;
    private final Properties texts;

    private Words(String lang, Locale locale, Properties texts) {
      this.lang = lang;
      this.locale = locale;
      this.texts = texts;
    }

    static Words of(String language) {
      return switch (language) {
        case "pt" -> PT;
        case "es" -> ES;
        default -> EN;
      };
    }

    private static Words load(String lang, Locale locale) {
      String name = "mail-words/" + lang + ".properties";
      try (InputStream in = MailTemplates.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("Cannot find the mail texts resource " + name);
        }
        Properties texts = new Properties();
        texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        return new Words(lang, locale, texts);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the mail texts resource " + name, e);
      }
    }

    String t(String key) {
      String text = texts.getProperty(key);
      if (text == null) {
        throw new IllegalStateException("No mail text " + key + " in mail-words/" + lang);
      }
      return text;
    }

    List<String> list(String key) {
      return List.of(t(key).split(" \\| "));
    }

    String longTime(Instant at, ZoneId zone) {
      return DateTimeFormatter.ofPattern(t("longPattern"), locale).format(at.atZone(zone))
          + " ("
          + t("localTime")
          + ", "
          + zone.getId()
          + ")";
    }
  }
}
