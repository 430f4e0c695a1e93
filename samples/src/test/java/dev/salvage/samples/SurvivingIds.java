package dev.salvage.samples;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identifiers that the surviving records of a scenario show, found by reading the files the way
 * a reader would: mails decoded, JSON parsed.
 */
final class SurvivingIds {
  private static final Pattern REFERENCE = Pattern.compile("RW-[0-9A-Z]{6}");
  private static final Pattern PAYMENT_INTENT = Pattern.compile("pi_[A-Za-z0-9]{24}");
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[a-z]+");

  final Set<String> mailReferences = new HashSet<>();
  final Set<String> references = new HashSet<>();
  final Set<String> stripeReferences = new HashSet<>();
  final Set<String> paymentIntents = new HashSet<>();
  final Set<String> refundedAfterBackup = new HashSet<>();
  final Set<String> eventIds = new HashSet<>();
  final Set<String> emails = new HashSet<>();

  static SurvivingIds of(Path scenario) throws Exception {
    SurvivingIds evidence = new SurvivingIds();
    for (Mbox.Stored mail : Mbox.read(scenario.resolve("mail/mailbox.mbox"))) {
      StringBuilder text = new StringBuilder();
      text.append(mail.message().getSubject()).append('\n');
      text.append(mail.text()).append('\n').append(mail.html());
      for (Address address : mail.message().getFrom()) {
        evidence.emails.add(((InternetAddress) address).getAddress());
      }
      for (Address address : mail.message().getAllRecipients()) {
        evidence.emails.add(((InternetAddress) address).getAddress());
      }
      evidence.collect(text.toString());
      find(REFERENCE, text.toString(), evidence.mailReferences);
    }
    long backupAt =
        Instant.parse(Scenarios.json(scenario.resolve("truth/manifest.json")).get("t0").asText())
            .getEpochSecond();
    for (Path page : Scenarios.files(scenario.resolve("stripe"), "*.json")) {
      String text = Files.readString(page, StandardCharsets.UTF_8);
      evidence.collect(text);
      find(REFERENCE, text, evidence.stripeReferences);
      for (JsonNode object : Scenarios.json(page).get("data")) {
        if (object.path("object").asText().equals("refund")
            && object.get("created").asLong() >= backupAt) {
          evidence.refundedAfterBackup.add(object.get("payment_intent").asText());
        }
      }
    }
    for (Path page : Scenarios.files(scenario.resolve("calendar"), "events-*.json")) {
      evidence.collect(Files.readString(page, StandardCharsets.UTF_8));
      for (JsonNode event : Scenarios.json(page).get("items")) {
        evidence.eventIds.add(event.get("id").asText());
      }
    }
    return evidence;
  }

  private void collect(String text) {
    find(REFERENCE, text, references);
    find(PAYMENT_INTENT, text, paymentIntents);
    find(EMAIL, text, emails);
  }

  private static void find(Pattern pattern, String text, Set<String> into) {
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      into.add(matcher.group());
    }
  }

  boolean names(JsonNode reservation) {
    return references.contains(reservation.get("reference").asText())
        || stripeNames(reservation)
        || eventIds.contains(reservation.get("calendar_uid").asText());
  }

  /**
   * Whether Stripe objects tie to the reservation without the lost database: by its reference, or
   * by the payment intent its backup row names with a refund made after the backup.
   */
  boolean stripeNames(JsonNode reservation) {
    String paymentIntent = reservation.get("stripe_payment_intent_id").asText();
    return stripeReferences.contains(reservation.get("reference").asText())
        || (reservation.get("in_backup").asBoolean()
            && refundedAfterBackup.contains(paymentIntent));
  }
}
