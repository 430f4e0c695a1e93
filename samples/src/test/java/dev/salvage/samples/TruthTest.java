package dev.salvage.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TruthTest {
  private static Path scenario;
  private static String t0;
  private static List<JsonNode> reservations;
  private static List<JsonNode> customers;
  private static SurvivingIds evidence;

  @BeforeAll
  static void generate() throws Exception {
    // more loss than by default, so that some lost records leave nothing behind
    scenario =
        Scenarios.generated(
            Scenarios.fromOptions(
                "--seed",
                "5",
                "--reservations",
                "300",
                "--missing-mail",
                "0.5",
                "--missing-payment",
                "0.5",
                "--missing-calendar",
                "0.5"));
    t0 = Scenarios.json(scenario.resolve("truth/manifest.json")).get("t0").asText();
    reservations = Scenarios.jsonLines(scenario.resolve("truth/reservations.jsonl"));
    customers = Scenarios.jsonLines(scenario.resolve("truth/customers.jsonl"));
    evidence = SurvivingIds.of(scenario);
  }

  private static boolean afterT0(JsonNode record, String field) {
    return record.get(field).asText().compareTo(t0) >= 0;
  }

  @Test
  void lostMeansCreatedOrChangedAfterTheBackup() {
    int lost = 0;
    for (JsonNode reservation : reservations) {
      boolean expected = afterT0(reservation, "created_at") || afterT0(reservation, "updated_at");
      assertThat(reservation.get("lost").asBoolean()).isEqualTo(expected);
      assertThat(reservation.get("in_backup").asBoolean())
          .isEqualTo(!afterT0(reservation, "created_at"));
      lost += expected ? 1 : 0;
    }
    assertThat(lost).isGreaterThanOrEqualTo(300);
    for (JsonNode customer : customers) {
      boolean expected = afterT0(customer, "created_at") || afterT0(customer, "updated_at");
      assertThat(customer.get("lost").asBoolean()).isEqualTo(expected);
    }
  }

  @Test
  void recoverableReservationsAreNamedBySomeSurvivingRecordAndTheOthersByNone() {
    int recoverable = 0;
    int unrecoverable = 0;
    for (JsonNode reservation : reservations) {
      boolean lost = reservation.get("lost").asBoolean();
      boolean isRecoverable = reservation.get("recoverable").asBoolean();
      if (isRecoverable) {
        assertThat(lost).isTrue();
        assertThat(evidence.names(reservation)).as(reservation.toString()).isTrue();
        recoverable++;
      } else if (lost) {
        assertThat(evidence.names(reservation)).as(reservation.toString()).isFalse();
        unrecoverable++;
      }
    }
    assertThat(recoverable).isPositive();
    assertThat(unrecoverable).isPositive();
  }

  @Test
  void aSurvivingPaymentThatNamesNoBookingDoesNotMakeItRecoverable() {
    int paidButUnnamed = 0;
    for (JsonNode reservation : reservations) {
      String paymentIntent = reservation.get("stripe_payment_intent_id").asText();
      if (reservation.get("lost").asBoolean()
          && evidence.paymentIntents.contains(paymentIntent)
          && !evidence.stripeNames(reservation)
          && !evidence.mailReferences.contains(reservation.get("reference").asText())
          && !evidence.eventIds.contains(reservation.get("calendar_uid").asText())) {
        assertThat(reservation.get("recoverable").asBoolean()).as(reservation.toString()).isFalse();
        paidButUnnamed++;
      }
    }
    assertThat(paidButUnnamed).isPositive();
  }

  @Test
  void evidenceListsTheSourcesThatNameTheReservation() {
    for (JsonNode reservation : reservations) {
      Set<String> sources = new HashSet<>();
      reservation.get("evidence").forEach(s -> sources.add(s.asText()));
      assertThat(sources.contains("stripe"))
          .as(reservation.toString())
          .isEqualTo(evidence.stripeNames(reservation));
      assertThat(sources.contains("calendar"))
          .isEqualTo(evidence.eventIds.contains(reservation.get("calendar_uid").asText()));
      assertThat(sources.contains("mail"))
          .isEqualTo(evidence.mailReferences.contains(reservation.get("reference").asText()));
    }
  }

  @Test
  void recoverableCustomersAppearBySomeAddressAndTheOthersNowhere() {
    int recoverable = 0;
    int unrecoverable = 0;
    for (JsonNode customer : customers) {
      String email = customer.get("email").asText();
      if (customer.get("recoverable").asBoolean()) {
        assertThat(customer.get("lost").asBoolean()).isTrue();
        assertThat(evidence.emails).as(customer.toString()).contains(email);
        recoverable++;
      } else if (customer.get("lost").asBoolean()) {
        assertThat(evidence.emails).as(customer.toString()).doesNotContain(email);
        unrecoverable++;
      }
    }
    assertThat(recoverable).isPositive();
    assertThat(unrecoverable).isPositive();
  }

  @Test
  void referencesEmailsAndPhonesAreUniqueAndCanonical() {
    Set<String> references = new HashSet<>();
    for (JsonNode reservation : reservations) {
      assertThat(references.add(reservation.get("reference").asText())).isTrue();
      assertThat(reservation.get("reference").asText()).matches("RW-[0-9A-Z]{6}");
      assertThat(reservation.get("status").asText()).isIn("confirmed", "cancelled");
      assertThat(reservation.get("currency").asText()).isEqualTo("EUR");
      assertThat(reservation.get("total_cents").asText()).matches("[1-9][0-9]*");
      assertThat(reservation.get("pickup_at").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
      assertThat(reservation.get("return_at").asText())
          .isGreaterThan(reservation.get("pickup_at").asText());
    }
    Set<String> emails = new HashSet<>();
    Set<String> phones = new HashSet<>();
    for (JsonNode customer : customers) {
      assertThat(emails.add(customer.get("email").asText())).isTrue();
      assertThat(phones.add(customer.get("phone").asText())).isTrue();
      assertThat(customer.get("email").asText()).isLowerCase();
      assertThat(customer.get("phone").asText()).matches("\\+[1-9][0-9]{7,14}");
    }
  }

  @Test
  void atTheDefaultsNearlyEveryRecoverableReservationIsNamedByItsReference() throws Exception {
    Path defaults = Scenarios.generated(Scenarios.small());
    SurvivingIds atDefaults = SurvivingIds.of(defaults);
    int recoverable = 0;
    int byReference = 0;
    for (JsonNode reservation : Scenarios.jsonLines(defaults.resolve("truth/reservations.jsonl"))) {
      if (reservation.get("recoverable").asBoolean()) {
        recoverable++;
        byReference +=
            atDefaults.references.contains(reservation.get("reference").asText()) ? 1 : 0;
      }
    }
    assertThat((double) byReference / recoverable).isGreaterThanOrEqualTo(0.95);
  }
}
