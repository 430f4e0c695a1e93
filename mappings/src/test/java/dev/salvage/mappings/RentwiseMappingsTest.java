package dev.salvage.mappings;

import static dev.salvage.mappings.TestSupport.RENTWISE;
import static dev.salvage.mappings.TestSupport.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.connectors.RawRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample business's mappings on realistic mail, Stripe and calendar records. */
class RentwiseMappingsTest {
  private static EntityModel model;

  @BeforeAll
  static void loadModel() throws MappingException {
    model = EntityModel.parse(resource("rentwise/entities.yaml"), "rentwise/entities.yaml");
  }

  private static SourceMapping mapping(String name) throws MappingException {
    return SourceMapping.parse(resource("rentwise/" + name), "rentwise/" + name, model, RENTWISE);
  }

  private static RawRecord record(String source, String kind, String ref, String file) {
    return new RawRecord(source, kind, ref, file, resource("rentwise/records/" + file));
  }

  private static final RawRecord CONFIRMATION =
      record("mail", "mail", "email:<b1@rentwise.example>", "booking-confirmation.json");

  @Test
  void aBookingConfirmationMailGivesTheReservationAndItsCustomer() throws Exception {
    MappingResult result = mapping("mail.yaml").apply(CONFIRMATION);

    assertThat(result.rule()).isEqualTo("booking_confirmation");
    assertThat(result.observations()).hasSize(2);
    Observation reservation = result.observations().get(0);
    assertThat(reservation.entityType()).isEqualTo("reservation");
    assertThat(reservation.keys()).isEqualTo(Map.of("reference", "RW-7K2M9Q"));
    assertThat(reservation.fields())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "reference", "RW-7K2M9Q",
                "status", "confirmed",
                "customer_email", "jane.doe@example.com",
                "vehicle", "Renault Clio",
                "pickup_location", "Ponta Delgada",
                // 10:00 in the Azores (UTC-1), the zone mapped from the location cell
                "pickup_at", "2026-03-13T11:00:00Z",
                "return_at", "2026-03-16T11:00:00Z",
                "total_cents", "123450",
                "currency", "EUR"));
    assertThat(reservation.observedAt()).isEqualTo(Instant.parse("2026-03-10T09:15:00Z"));
    assertThat(reservation.source()).isEqualTo("mail");
    assertThat(reservation.sourceRef()).isEqualTo("email:<b1@rentwise.example>");
    assertThat(reservation.rule()).isEqualTo("booking_confirmation");

    Observation customer = result.observations().get(1);
    assertThat(customer.entityType()).isEqualTo("customer");
    assertThat(customer.keys())
        .isEqualTo(Map.of("email", "jane.doe@example.com", "phone", "+351912345678"));
    assertThat(customer.fields()).containsEntry("full_name", "Jane Doe");
  }

  @Test
  void aConfirmationWithAnImpossibleDateIsRejectedNamingRecordRuleAndField() throws Exception {
    RawRecord broken =
        new RawRecord(
            "mail",
            "mail",
            "email:<b2@rentwise.example>",
            "mailbox.mbox@1234",
            CONFIRMATION.json().replace("13/03/2026   10:00", "31/02/2026 10:00"));
    assertThatThrownBy(() -> mapping("mail.yaml").apply(broken))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessage(
            "Cannot map mail email:<b2@rentwise.example>: rule booking_confirmation emit reservation field"
                + " pickup_at: \"31/02/2026 10:00\" is not a date-time in format dd/MM/yyyy HH:mm"
                + ": mend the value in the source, or declare unreadable: leave_out on field pickup_at to keep the record without it");
  }

  @Test
  void aConfirmationFromALocationWithoutAZoneIsRejected() throws Exception {
    RawRecord unknownPlace =
        new RawRecord(
            "mail",
            "mail",
            "email:<b3@rentwise.example>",
            "mailbox.mbox@99",
            CONFIRMATION.json().replace(">Ponta Delgada<", ">Faro<"));
    assertThatThrownBy(() -> mapping("mail.yaml").apply(unknownPlace))
        .hasMessage(
            "Cannot map mail email:<b3@rentwise.example>: rule booking_confirmation emit reservation field"
                + " pickup_at: \"Faro\" is not in the map (Lisbon Airport, Porto Campanhã, Ponta"
                + " Delgada)"
                + ": mend the value in the source, or declare unreadable: leave_out on field pickup_at to keep the record without it");
  }

  @Test
  void cancellationsAndNewslettersAreRecognised() throws Exception {
    SourceMapping mail = mapping("mail.yaml");
    RawRecord cancelled =
        new RawRecord(
            "mail",
            "mail",
            "email:<c1@rentwise.example>",
            "mailbox.mbox@5",
            """
            {"date": "2026-03-11T08:00:00Z", "subject": "Your trip RW-7K2M9Q",
             "headers": {"x-rentwise-template": "cancellation"}}
            """);
    MappingResult result = mail.apply(cancelled);
    assertThat(result.rule()).isEqualTo("booking_cancelled");
    assertThat(result.observations())
        .singleElement()
        .satisfies(o -> assertThat(o.fields()).containsEntry("status", "cancelled"));

    RawRecord newsletter =
        new RawRecord(
            "mail",
            "mail",
            "email:<n1@x>",
            "mailbox.mbox@9",
            "{\"subject\": \"Spring deals\", \"headers\": {\"list-unsubscribe\": \"<mailto:u@x>\"}}");
    assertThat(mail.apply(newsletter).rule()).isEqualTo("newsletter");
    RawRecord personal =
        new RawRecord("mail", "mail", "email:<p1@x>", "mailbox.mbox@11", "{\"subject\": \"Hi\"}");
    assertThat(mail.apply(personal).isIgnored()).isTrue();
  }

  @Test
  void aStripeChargeGivesAPaymentAndTheReservationItPaysFor() throws Exception {
    MappingResult result =
        mapping("stripe.yaml")
            .apply(record("stripe", "stripe.charge", "stripe:ch_3PfX2a", "stripe-charge.json"));

    assertThat(result.rule()).isEqualTo("charge");
    Observation payment = result.observations().get(0);
    assertThat(payment.entityType()).isEqualTo("payment");
    assertThat(payment.keys()).isEqualTo(Map.of("stripe_charge_id", "ch_3PfX2a"));
    assertThat(payment.fields())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "stripe_charge_id", "ch_3PfX2a",
                "reference", "RW-7K2M9Q",
                "stripe_payment_intent_id", "pi_3PfX2a",
                "customer_email", "jane.doe@example.com",
                "amount_cents", "123450",
                "currency", "EUR",
                "status", "paid",
                "paid_at", "2026-03-10T09:15:00Z"));
    assertThat(payment.observedAt()).isEqualTo(Instant.parse("2026-03-10T09:15:00Z"));
    Observation reservation = result.observations().get(1);
    assertThat(reservation.keys())
        .isEqualTo(Map.of("reference", "RW-7K2M9Q", "stripe_payment_intent_id", "pi_3PfX2a"));
    assertThat(reservation.fields()).containsEntry("total_cents", "123450");
  }

  @Test
  void aRefundIsReadFromTheLastElementOfANestedList() throws Exception {
    MappingResult result =
        mapping("stripe.yaml")
            .apply(
                record(
                    "stripe", "stripe.charge", "stripe:ch_3PfX9z", "stripe-refunded-charge.json"));
    assertThat(result.rule()).isEqualTo("refund_of_charge");
    Observation reservation = result.observations().get(0);
    assertThat(reservation.fields()).containsEntry("status", "refunded");
    assertThat(reservation.observedAt()).isEqualTo(Instant.parse("2026-03-10T09:16:30Z"));
  }

  @Test
  void aCalendarEventIsReadInTheZoneItNames() throws Exception {
    MappingResult result =
        mapping("calendar.yaml")
            .apply(
                record(
                    "calendar",
                    "calendar.event",
                    "calendar:pdl@group.calendar.google.com/evt123",
                    "calendar-event.json"));
    Observation reservation = result.observations().get(0);
    assertThat(reservation.keys())
        .isEqualTo(Map.of("reference", "RW-7K2M9Q", "calendar_uid", "evt123@google.com"));
    assertThat(reservation.fields())
        .containsEntry("pickup_at", "2026-03-13T11:00:00Z")
        .containsEntry("return_at", "2026-03-16T11:00:00Z")
        .containsEntry("pickup_location", "Ponta Delgada")
        .containsEntry("vehicle", "Renault Clio");
    assertThat(reservation.observedAt()).isEqualTo(Instant.parse("2026-03-10T09:16:30Z"));
  }

  @Test
  void aCancelledCalendarEventIsNotABooking() throws Exception {
    RawRecord event =
        record("calendar", "calendar.event", "calendar:x/evt123", "calendar-event.json");
    RawRecord cancelled =
        new RawRecord(
            event.source(),
            event.kind(),
            event.ref(),
            event.location(),
            event.json().replace("\"status\": \"confirmed\"", "\"status\": \"cancelled\""));
    assertThat(mapping("calendar.yaml").apply(cancelled).isIgnored()).isTrue();
  }

  @Test
  void aBackupRowIsReadFromItsColumns() throws Exception {
    RawRecord row =
        new RawRecord(
            "backup",
            "backup.row",
            "backup:customers#17",
            "backup.sql:120",
            """
            {"table": "customers",
             "columns": {"id": "17", "email": "Jane.Doe@example.com", "full_name": "Jane Doe",
                         "phone": "+351 912 345 678", "stripe_customer_id": null,
                         "created_at": "2026-01-20 14:03:11.52+00"}}
            """);
    Observation customer = mapping("backup.yaml").apply(row).observations().get(0);
    assertThat(customer.keys())
        .isEqualTo(
            Map.of("backup_id", "17", "email", "jane.doe@example.com", "phone", "+351912345678"));
    assertThat(customer.fields()).doesNotContainKey("stripe_customer_id");
    assertThat(customer.observedAt()).isEqualTo(Instant.parse("2026-01-20T14:03:11.520Z"));
  }

  @Test
  void aMappingSurvivesJavaSerializationAsItsText() throws Exception {
    SourceMapping mapping = mapping("mail.yaml");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(mapping);
    }
    SourceMapping copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (SourceMapping) in.readObject();
    }
    assertThat(copy.ruleNames()).isEqualTo(mapping.ruleNames());
    assertThat(copy.apply(CONFIRMATION)).isEqualTo(mapping.apply(CONFIRMATION));
  }

  @Test
  void aRuleMarkedCurrentIsListedAndCurrentMustBeTrueOrFalse() throws Exception {
    String yaml =
        """
        rules:
          - name: customer
            kind: stripe.customer
            observed_at: {path: created, type: datetime, format: epoch_seconds}
            current: true
            emit:
              - entity: customer
                fields:
                  email: {path: email, type: email}
          - name: charge
            kind: stripe.charge
            observed_at: {path: created, type: datetime, format: epoch_seconds}
        """;
    assertThat(SourceMapping.parse(yaml, "stripe.yaml", model, RENTWISE).currentRules())
        .containsExactly("customer");
    assertThatThrownBy(
            () ->
                SourceMapping.parse(
                    yaml.replace("current: true", "current: sometimes"),
                    "stripe.yaml",
                    model,
                    RENTWISE))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("stripe.yaml")
        .hasMessageContaining("current")
        .hasMessageContaining("expected true or false");
  }
}
