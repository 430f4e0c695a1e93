package dev.salvage.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.mappings.BackupConfig;
import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.MappingResult;
import dev.salvage.mappings.Observation;
import dev.salvage.mappings.RecordRejectedException;
import dev.salvage.mappings.RunConfig;
import dev.salvage.mappings.SourceConfig;
import dev.salvage.mappings.SourceMapping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rentwise's mapping files read the generated records right: every record the real connectors read
 * from a generated scenario is mapped by the real engine without quarantine or rejection, and what
 * it extracts equals the truth.
 */
class MappingFilesTest {
  /**
   * The reference and the fields the evaluation compares, as the manifest lists them, but for
   * customer_email: records give the address of their day, the truth the customer's current one,
   * which the pipeline resolves through the customer.
   */
  private static final List<String> RESERVATION_FIELDS = new ArrayList<>();

  private static RunConfig config;
  private static final Map<String, JsonNode> reservationsByReference = new HashMap<>();
  private static final Map<String, JsonNode> reservationsById = new HashMap<>();
  private static final Map<String, JsonNode> customersById = new HashMap<>();

  @BeforeAll
  static void generate() throws Exception {
    var scenario = Scenarios.generated(Scenarios.small());
    config = RunConfig.load(scenario.resolve("salvage.yaml"));
    RESERVATION_FIELDS.add("reference");
    Scenarios.json(scenario.resolve("truth/manifest.json"))
        .get("entities")
        .get("reservations")
        .get("fields")
        .forEach(f -> RESERVATION_FIELDS.add(f.asText()));
    RESERVATION_FIELDS.remove("customer_email");
    for (JsonNode reservation : Scenarios.jsonLines(scenario.resolve("truth/reservations.jsonl"))) {
      reservationsByReference.put(reservation.get("reference").asText(), reservation);
      reservationsById.put(reservation.get("id").asText(), reservation);
    }
    for (JsonNode customer : Scenarios.jsonLines(scenario.resolve("truth/customers.jsonl"))) {
      customersById.put(customer.get("id").asText(), customer);
    }
  }

  /** A raw record as the connector read it, with what the engine made of it. */
  private record Mapped(RawRecord raw, JsonNode json, MappingResult result) {
    Map<String, String> fields(int observation) {
      return result.observations().get(observation).fields();
    }
  }

  /**
   * Reads every record of the named source (or the backup) with its connector and maps it with the
   * engine, failing on the first quarantined or rejected record.
   */
  private static List<Mapped> mapped(String sourceName) throws Exception {
    PartitionedSource source;
    SourceMapping mapping;
    if (sourceName.equals(BackupConfig.SOURCE_NAME)) {
      BackupConfig backup = config.backup();
      source = SourceReaders.open(sourceName, backup.type(), backup.path(), backup.options());
      mapping = parse(backup.mappingText(), backup.mappingFile().toString());
    } else {
      SourceConfig spec =
          config.sources().stream().filter(s -> s.name().equals(sourceName)).findFirst().get();
      source = SourceReaders.open(spec.name(), spec.type(), spec.path(), spec.options());
      mapping = parse(spec.mappingText(), spec.mappingFile().toString());
    }
    CollectingSink read = CollectingSink.readAll(source);
    assertThat(read.quarantined).as(sourceName + " quarantined").isEmpty();
    assertThat(read.records).as(sourceName + " records").isNotEmpty();
    List<Mapped> mapped = new ArrayList<>();
    for (RawRecord record : read.records) {
      try {
        mapped.add(
            new Mapped(record, Scenarios.JSON.readTree(record.json()), mapping.apply(record)));
      } catch (RecordRejectedException e) {
        throw new AssertionError(record.location() + ": " + e.getMessage(), e);
      }
    }
    return mapped;
  }

  private static SourceMapping parse(String text, String label) throws Exception {
    return SourceMapping.parse(text, label, config.entities(), config.business());
  }

  @Test
  void configurationNamesTheSourcesAndTheBackupTime() throws Exception {
    JsonNode manifest = Scenarios.json(config.file().getParent().resolve("truth/manifest.json"));
    assertThat(config.backup().takenAt()).hasToString(manifest.get("t0").asText());
    assertThat(config.backup().type()).isEqualTo("pgdump");
    assertThat(config.sources())
        .extracting(SourceConfig::type)
        .containsExactlyInAnyOrder("mbox", "stripe-json", "calendar-json");
  }

  @Test
  void mappingsEmitOnlyFieldsOfTheEntityModel() throws Exception {
    EntityType customer = config.entities().type("customer");
    EntityType reservation = config.entities().type("reservation");
    assertThat(customer.fields().keySet())
        .containsExactlyInAnyOrder(
            "backup_id", "email", "full_name", "phone", "stripe_customer_id");
    assertThat(reservation.fields().keySet())
        .containsAll(RESERVATION_FIELDS)
        .contains(
            "customer_email",
            "customer_backup_id",
            "stripe_payment_intent_id",
            "calendar_uid",
            "backup_id");
    List<SourceMapping> mappings = new ArrayList<>();
    for (SourceConfig source : config.sources()) {
      mappings.add(parse(source.mappingText(), source.mappingFile().toString()));
    }
    mappings.add(parse(config.backup().mappingText(), config.backup().mappingFile().toString()));
    for (SourceMapping mapping : mappings) {
      assertThat(mapping.emittedFields().keySet())
          .as(mapping.fileLabel())
          .isSubsetOf(Set.of("customer", "reservation", "payment"));
      mapping
          .emittedFields()
          .forEach(
              (entity, fields) ->
                  assertThat(config.entities().type(entity).fields().keySet())
                      .as(mapping.fileLabel() + " " + entity)
                      .containsAll(fields));
    }
  }

  @Test
  void mailRulesReadEveryAppMailAndLeaveTheNoiseAlone() throws Exception {
    int confirmationsChecked = 0;
    int welcomesChecked = 0;
    for (Mapped mail : mapped("mail")) {
      MappingResult result = mail.result();
      String subject = mail.json().get("subject").asText();
      String from = mail.json().get("from").asText();
      boolean appMail = from.endsWith("@rentwise.example") && !from.startsWith("support@");
      boolean quotesReference = mail.json().get("text").asText().matches("(?s).*RW-[0-9A-Z]{6}.*");
      if (appMail) {
        assertThat(result.isIgnored()).as(subject).isFalse();
        assertThat(result.observations()).as(subject).isNotEmpty();
      } else if (!from.endsWith("@rentwise.example") && !quotesReference) {
        assertThat(result.isIgnored()).as(subject).isTrue();
        continue;
      }
      for (Observation observation : result.observations()) {
        if (observation.entityType().equals("reservation")) {
          assertThat(reservationsByReference).containsKey(observation.fields().get("reference"));
        }
      }
      if ("booking_confirmation".equals(result.rule())) {
        JsonNode truth = reservationsByReference.get(mail.fields(0).get("reference"));
        if (truth.get("created_at").asText().equals(truth.get("updated_at").asText())) {
          assertFields(mail.fields(0), truth, RESERVATION_FIELDS);
          confirmationsChecked++;
        }
      }
      if ("welcome".equals(result.rule())) {
        Map<String, String> fields = mail.fields(0);
        JsonNode customer = customersById.get(fields.get("backup_id"));
        if (customer.get("past_emails").isEmpty() && customer.get("past_phones").isEmpty()) {
          assertThat(fields.get("email")).isEqualTo(customer.get("email").asText());
          assertThat(fields.get("phone")).isEqualTo(customer.get("phone").asText());
          assertThat(fields.get("full_name")).isEqualTo(customer.get("full_name").asText());
          welcomesChecked++;
        }
      }
    }
    assertThat(confirmationsChecked).isGreaterThan(50);
    assertThat(welcomesChecked).isGreaterThan(20);
  }

  @Test
  void stripeRulesReadCustomersAndPayments() throws Exception {
    Map<String, JsonNode> byPaymentIntent = new HashMap<>();
    for (JsonNode reservation : reservationsById.values()) {
      byPaymentIntent.put(reservation.get("stripe_payment_intent_id").asText(), reservation);
    }
    int withReference = 0;
    for (Mapped mapped : mapped("stripe")) {
      JsonNode object = mapped.json();
      String id = object.get("id").asText();
      if (object.get("object").asText().equals("refund") && object.get("reason").isNull()) {
        assertThat(mapped.result().isIgnored()).as(id).isTrue();
        continue;
      }
      assertThat(mapped.result().observations()).as(id).isNotEmpty();
      Map<String, String> fields = mapped.fields(0);
      if (object.get("object").asText().equals("customer")) {
        JsonNode customer = customersById.get(fields.get("backup_id"));
        assertThat(fields.get("stripe_customer_id"))
            .isEqualTo(customer.get("stripe_customer_id").asText());
        assertThat(fields.get("email")).isEqualTo(customer.get("email").asText());
        assertThat(fields.get("phone")).isEqualTo(customer.get("phone").asText());
        continue;
      }
      JsonNode reservation = byPaymentIntent.get(fields.get("stripe_payment_intent_id"));
      assertThat(reservation).as(id).isNotNull();
      if (fields.containsKey("reference")) {
        assertThat(fields.get("reference")).isEqualTo(reservation.get("reference").asText());
        withReference++;
      }
      if (object.get("object").asText().equals("refund")) {
        assertThat(fields.get("status")).isEqualTo("cancelled");
        assertThat(reservation.get("status").asText()).isEqualTo("cancelled");
      }
    }
    assertThat(withReference).isPositive();
  }

  @Test
  void aChargeRefundedInPartClaimsThePriceItKeptAndOneRefundedInFullClaimsNone() throws Exception {
    Map<String, JsonNode> byPaymentIntent = new HashMap<>();
    for (JsonNode reservation : reservationsById.values()) {
      byPaymentIntent.put(reservation.get("stripe_payment_intent_id").asText(), reservation);
    }
    int cut = 0;
    int cutToTheTruth = 0;
    int cancelled = 0;
    for (Mapped mapped : mapped("stripe")) {
      JsonNode object = mapped.json();
      if (!object.get("object").asText().equals("charge")) {
        continue;
      }
      long amount = object.get("amount").asLong();
      long refunded = object.get("amount_refunded").asLong();
      List<String> totals = new ArrayList<>();
      mapped.result().observations().forEach(o -> totals.add(o.fields().get("total_cents")));
      totals.removeIf(java.util.Objects::isNull);
      String id = object.get("id").asText();
      if (refunded > 0 && refunded < amount) {
        // a price cut refunded on the card: the charge kept the new price
        assertThat(totals).as(id).containsExactly(Long.toString(amount - refunded));
        cut++;
        JsonNode reservation = byPaymentIntent.get(object.get("payment_intent").asText());
        cutToTheTruth +=
            reservation.get("total_cents").asText().equals(Long.toString(amount - refunded))
                ? 1
                : 0;
      } else {
        // a charge refunded in full is a cancellation, which keeps its price: no claim of 0
        assertThat(totals).as(id).isEmpty();
        cancelled += refunded == amount ? 1 : 0;
      }
    }
    assertThat(cut).isPositive();
    assertThat(cutToTheTruth).isPositive();
    assertThat(cancelled).isPositive();
  }

  @Test
  void calendarRulesReadTheBookingsAsTheyStandAndSkipWorkshopSlots() throws Exception {
    Map<String, JsonNode> byEvent = new HashMap<>();
    for (JsonNode reservation : reservationsById.values()) {
      byEvent.put(reservation.get("calendar_uid").asText(), reservation);
    }
    int checked = 0;
    for (Mapped event : mapped("calendar")) {
      JsonNode truth = byEvent.get(event.json().get("id").asText());
      if (truth == null) {
        assertThat(event.result().isIgnored()).as(event.raw().ref()).isTrue();
        continue;
      }
      Map<String, String> fields = event.fields(0);
      assertThat(fields.get("calendar_uid")).isEqualTo(truth.get("calendar_uid").asText());
      assertFields(
          fields, truth, List.of("vehicle", "pickup_location", "pickup_at", "return_at", "status"));
      if (fields.containsKey("reference")) {
        assertThat(fields.get("reference")).isEqualTo(truth.get("reference").asText());
      }
      if (event.fields(1).containsKey("phone")) {
        assertThat(event.fields(1).get("phone")).startsWith("+");
      }
      checked++;
    }
    assertThat(checked)
        .isEqualTo((int) byEvent.keySet().stream().filter(k -> !k.equals("null")).count());
  }

  @Test
  void calendarEmailsAreReadFromDescriptionsSavedAsHtmlByGooglesEditor() throws Exception {
    SourceConfig calendar =
        config.sources().stream().filter(s -> s.name().equals("calendar")).findFirst().get();
    SourceMapping mapping = parse(calendar.mappingText(), calendar.mappingFile().toString());
    Map<String, String> emails = new LinkedHashMap<>();
    List<String> descriptions =
        List.of(
            "Email: ana@example.com\\nPhone: +351 912 345 678",
            "Email: <a href=\\\"mailto:ana@example.com\\\" target=\\\"_blank\\\">ana@example.com</a><br>"
                + "Phone: +351 912 345 678",
            "Email: ana@example.com<br>Car: AA-00-AA");
    for (String description : descriptions) {
      RawRecord event =
          new RawRecord(
              "calendar",
              "calendar.event",
              "calendar:rentwise.lisbon.airport@group.calendar.google.com/e1",
              "events-0001.json:1:1",
              "{\"id\": \"e1\", \"iCalUID\": \"e1@google.com\", \"status\": \"confirmed\","
                  + " \"summary\": \"Ana Silva · AA-00-AA\", \"updated\": \"2026-03-10T09:00:00Z\","
                  + " \"created\": \"2026-03-10T09:00:00Z\", \"description\": \""
                  + description
                  + "\", \"start\": {\"dateTime\": \"2026-03-14T09:00:00Z\"},"
                  + " \"end\": {\"dateTime\": \"2026-03-16T09:00:00Z\"},"
                  + " \"_calendar\": {\"id\": \"rentwise.lisbon.airport@group.calendar.google.com\"}}");
      MappingResult result = mapping.apply(event);
      emails.put(description, result.observations().get(0).fields().get("customer_email"));
    }

    assertThat(emails.values()).containsOnly("ana@example.com");
  }

  @Test
  void aBookingDeletedFromTheCalendarIsTheCancellationOfItsCalendarUidAndADeletedSlotIsNothing()
      throws Exception {
    SourceConfig calendar =
        config.sources().stream().filter(s -> s.name().equals("calendar")).findFirst().get();
    SourceMapping mapping = parse(calendar.mappingText(), calendar.mappingFile().toString());
    String lisbon =
        "\"_calendar\": {\"id\": \"rentwise.lisbon.airport@group.calendar.google.com\","
            + " \"updated\": \"2026-04-02T08:15:00.123Z\"}";

    MappingResult deleted =
        mapping.apply(
            new RawRecord(
                "calendar",
                "calendar.event",
                "calendar:rentwise.lisbon.airport@group.calendar.google.com/gone2",
                "events-0001.json:1:1",
                "{\"kind\": \"calendar#event\", \"id\": \"gone2\", \"status\": \"cancelled\", "
                    + lisbon
                    + "}"));
    MappingResult deletedSlot =
        mapping.apply(
            new RawRecord(
                "calendar",
                "calendar.event",
                "calendar:rentwise.lisbon.airport@group.calendar.google.com/wash_20260408T080000Z",
                "events-0001.json:1:2",
                "{\"kind\": \"calendar#event\", \"id\": \"wash_20260408T080000Z\","
                    + " \"status\": \"cancelled\", \"recurringEventId\": \"wash\","
                    + " \"originalStartTime\": {\"dateTime\": \"2026-04-08T09:00:00+01:00\"}, "
                    + lisbon
                    + "}"));

    assertThat(deleted.observations())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.entityType()).isEqualTo("reservation");
              assertThat(o.fields())
                  .containsExactlyInAnyOrderEntriesOf(
                      Map.of("calendar_uid", "gone2", "status", "cancelled"));
              assertThat(o.observedAt()).isEqualTo(Instant.parse("2026-04-02T08:15:00.123Z"));
            });
    assertThat(deletedSlot.isIgnored()).isTrue();
  }

  @Test
  void backupRulesReadTheRowsAsTheyWereAtT0() throws Exception {
    int checked = 0;
    for (Mapped row : mapped(BackupConfig.SOURCE_NAME)) {
      if (!row.json().get("table").asText().equals("reservations")) {
        continue;
      }
      Map<String, String> fields = row.fields(0);
      JsonNode truth = reservationsById.get(fields.get("backup_id"));
      if (!truth.get("lost").asBoolean()) {
        assertFields(fields, truth, RESERVATION_FIELDS);
        assertThat(fields.get("customer_backup_id")).isEqualTo(truth.get("customer_id").asText());
        assertThat(fields.get("calendar_uid")).isEqualTo(truth.get("calendar_uid").asText(null));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  private static void assertFields(Map<String, String> fields, JsonNode truth, List<String> names) {
    for (String name : names) {
      assertThat(fields.get(name)).as(name + " of " + truth).isEqualTo(truth.get(name).asText());
    }
  }
}
