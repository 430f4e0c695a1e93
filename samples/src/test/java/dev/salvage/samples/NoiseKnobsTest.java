package dev.salvage.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoiseKnobsTest {
  private static Path scenario(String... options) {
    String[] args = new String[options.length + 4];
    args[0] = "--seed";
    args[1] = "13";
    args[2] = "--reservations";
    args[3] = "80";
    System.arraycopy(options, 0, args, 4, options.length);
    return Scenarios.generated(Scenarios.fromOptions(args));
  }

  private static String mbox(Path scenario) throws Exception {
    return Files.readString(scenario.resolve("mail/mailbox.mbox"), StandardCharsets.ISO_8859_1);
  }

  private static List<JsonNode> stripeObjects(Path scenario, String name) throws Exception {
    List<JsonNode> objects = new java.util.ArrayList<>();
    for (Path page : Scenarios.files(scenario.resolve("stripe"), name + "-*.json")) {
      Scenarios.json(page).get("data").forEach(objects::add);
    }
    return objects;
  }

  private static List<JsonNode> events(Path scenario) throws Exception {
    List<JsonNode> events = new java.util.ArrayList<>();
    for (Path page : Scenarios.files(scenario.resolve("calendar"), "events-*.json")) {
      Scenarios.json(page).get("items").forEach(events::add);
    }
    return events;
  }

  @Test
  void allMailMissingLeavesNoBookingMails() throws Exception {
    assertThat(mbox(scenario())).contains("data-template=3D\"booking-confirmation\"");
    String mbox = mbox(scenario("--missing-mail", "1"));
    assertThat(mbox)
        .doesNotContain("From: Rentwise Cars <bookings@rentwise.example>")
        .doesNotContain("From: Rentwise Cars <hello@rentwise.example>")
        .contains("From: Rentwise Support <support@rentwise.example>");
  }

  @Test
  void allPaymentsAtTheDeskLeaveStripeEmpty() throws Exception {
    assertThat(stripeObjects(scenario(), "payment_intents")).isNotEmpty();
    Path scenario = scenario("--missing-payment", "1");
    assertThat(stripeObjects(scenario, "payment_intents")).isEmpty();
    assertThat(stripeObjects(scenario, "charges")).isEmpty();
    for (JsonNode reservation : Scenarios.jsonLines(scenario.resolve("truth/reservations.jsonl"))) {
      assertThat(reservation.get("stripe_payment_intent_id").isNull()).isTrue();
    }
  }

  @Test
  void noCalendarMeansOnlyWorkshopSlots() throws Exception {
    assertThat(events(scenario("--missing-calendar", "1")))
        .allSatisfy(e -> assertThat(e.get("summary").asText()).startsWith("Service: "));
  }

  @Test
  void paymentReferenceShareZeroLeavesNoReferenceInStripe() throws Exception {
    assertThat(stripeObjects(scenario(), "charges"))
        .anyMatch(c -> c.get("metadata").has("booking_ref"));
    Path scenario = scenario("--payment-ref-share", "0");
    for (String name : List.of("payment_intents", "charges", "refunds")) {
      for (JsonNode object : stripeObjects(scenario, name)) {
        assertThat(object.get("metadata").has("booking_ref")).isFalse();
        assertThat(object.toString()).doesNotContainPattern("RW-[0-9A-Z]{6}");
      }
    }
    assertThat(stripeObjects(scenario("--payment-ref-share", "1"), "payment_intents"))
        .allMatch(i -> i.toString().matches(".*RW-[0-9A-Z]{6}.*"));
  }

  @Test
  void calendarReferenceShareDecidesWhichTitlesCarryTheReference() throws Exception {
    assertThat(events(scenario("--calendar-ref-share", "0")))
        .noneMatch(e -> e.get("summary").asText().startsWith("RW-"));
    assertThat(events(scenario("--calendar-ref-share", "1")))
        .allMatch(
            e ->
                e.get("summary").asText().startsWith("RW-")
                    || e.get("summary").asText().startsWith("Service: "));
  }

  @Test
  void duplicateRateDecidesHowManyMessageIdsRepeat() throws Exception {
    assertThat(repeatedMessageIds(scenario("--duplicate-mail-rate", "0"))).isZero();
    Path all = scenario("--duplicate-mail-rate", "1");
    List<Mbox.Stored> mails = Mbox.read(all.resolve("mail/mailbox.mbox"));
    assertThat(repeatedMessageIds(all)).isEqualTo(mails.size() / 2);
  }

  private static int repeatedMessageIds(Path scenario) throws Exception {
    Set<String> ids = new HashSet<>();
    int repeated = 0;
    for (Mbox.Stored mail : Mbox.read(scenario.resolve("mail/mailbox.mbox"))) {
      repeated += ids.add(mail.message().getMessageID()) ? 0 : 1;
    }
    return repeated;
  }

  @Test
  void contactChangesLeavePastDetailsOnlyWhenAsked() throws Exception {
    assertThat(
            Scenarios.jsonLines(
                scenario("--contact-change-rate", "0").resolve("truth/customers.jsonl")))
        .allMatch(c -> c.get("past_emails").isEmpty() && c.get("past_phones").isEmpty());
    assertThat(
            Scenarios.jsonLines(
                scenario("--contact-change-rate", "1").resolve("truth/customers.jsonl")))
        .anyMatch(c -> !c.get("past_emails").isEmpty())
        .anyMatch(c -> !c.get("past_phones").isEmpty());
  }

  @Test
  void withoutLateChangesOnlyNewBookingsAreLost() throws Exception {
    Path scenario = scenario("--late-change-rate", "0");
    String t0 = Scenarios.json(scenario.resolve("truth/manifest.json")).get("t0").asText();
    for (JsonNode reservation : Scenarios.jsonLines(scenario.resolve("truth/reservations.jsonl"))) {
      assertThat(reservation.get("lost").asBoolean())
          .isEqualTo(reservation.get("created_at").asText().compareTo(t0) >= 0);
    }
    Path late = scenario("--late-change-rate", "1");
    assertThat(Scenarios.jsonLines(late.resolve("truth/reservations.jsonl")))
        .anyMatch(r -> r.get("lost").asBoolean() && r.get("in_backup").asBoolean());
  }

  @Test
  void typoRateMisspellsHandTypedNames() throws Exception {
    Path scenario = scenario("--typo-rate", "1", "--calendar-ref-share", "0");
    Set<String> names = new HashSet<>();
    for (JsonNode customer : Scenarios.jsonLines(scenario.resolve("truth/customers.jsonl"))) {
      names.add(customer.get("full_name").asText());
    }
    for (JsonNode event : events(scenario)) {
      String summary = event.get("summary").asText();
      if (!summary.startsWith("Service: ")) {
        assertThat(names).doesNotContain(summary.substring(0, summary.lastIndexOf(" · ")));
      }
    }
  }
}
