package dev.salvage.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rentwise's mapping files read the generated records right (applied by {@link MiniMapping}). */
class MappingFilesTest {
  /**
   * The reference and the fields the evaluation compares, as the manifest lists them, but for
   * customer_email: records give the address of their day, the truth the customer's current one,
   * which the pipeline resolves through the customer.
   */
  private static final List<String> RESERVATION_FIELDS = new java.util.ArrayList<>();

  private static Path scenario;
  private static Map<String, JsonNode> reservationsByReference = new HashMap<>();
  private static Map<String, JsonNode> reservationsById = new HashMap<>();
  private static Map<String, JsonNode> customersById = new HashMap<>();

  @BeforeAll
  static void generate() throws Exception {
    scenario = Scenarios.generated(Scenarios.small());
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

  private static MiniMapping mapping(String name) throws Exception {
    return new MiniMapping(scenario.resolve("mappings").resolve(name));
  }

  @Test
  void configurationNamesTheSourcesAndTheBackupTime() throws Exception {
    JsonNode config = MiniMapping.YAML.readTree(scenario.resolve("salvage.yaml").toFile());
    JsonNode manifest = Scenarios.json(scenario.resolve("truth/manifest.json"));
    assertThat(config.get("backup").get("taken_at").asText())
        .isEqualTo(manifest.get("t0").asText());
    assertThat(config.get("backup").get("type").asText()).isEqualTo("pgdump");
    Set<String> types = new HashSet<>();
    for (JsonNode source : config.get("sources")) {
      types.add(source.get("type").asText());
      assertThat(scenario.resolve(source.get("path").asText())).exists();
      assertThat(scenario.resolve(source.get("mapping").asText())).exists();
    }
    assertThat(types).containsExactlyInAnyOrder("mbox", "stripe-json", "calendar-json");
  }

  @Test
  void mappingsEmitOnlyFieldsOfTheEntityModel() throws Exception {
    JsonNode entities =
        MiniMapping.YAML.readTree(scenario.resolve("entities.yaml").toFile()).get("entities");
    assertThat(fieldNames(entities.get("customer")))
        .containsExactlyInAnyOrder(
            "backup_id", "email", "full_name", "phone", "stripe_customer_id");
    assertThat(fieldNames(entities.get("reservation")))
        .containsAll(RESERVATION_FIELDS)
        .contains(
            "customer_email",
            "customer_backup_id",
            "stripe_payment_intent_id",
            "calendar_uid",
            "backup_id");
    for (String file : List.of("mail.yaml", "stripe.yaml", "calendar.yaml", "backup.yaml")) {
      Set<String> names = new HashSet<>();
      for (JsonNode rule : mapping(file).rules()) {
        assertThat(names.add(rule.get("name").asText())).as(file + " rule names").isTrue();
        for (JsonNode emit : rule.get("emit")) {
          JsonNode entity = entities.get(emit.get("entity").asText());
          assertThat(entity).as(file + " " + rule.get("name")).isNotNull();
          emit.get("fields")
              .fieldNames()
              .forEachRemaining(f -> assertThat(fieldNames(entity)).as(file + " " + f).contains(f));
        }
      }
    }
  }

  private static Set<String> fieldNames(JsonNode entity) {
    Set<String> names = new HashSet<>();
    entity.get("fields").fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void mailRulesReadEveryAppMailAndLeaveTheNoiseAlone() throws Exception {
    MiniMapping mapping = mapping("mail.yaml");
    int confirmationsChecked = 0;
    int welcomesChecked = 0;
    for (Mbox.Stored mail : Mbox.read(scenario.resolve("mail/mailbox.mbox"))) {
      JsonNode record = mailRecord(mail);
      MiniMapping.Result result = mapping.apply("mail", record);
      String from = record.get("from").asText();
      boolean appMail = from.endsWith("@rentwise.example") && !from.startsWith("support@");
      boolean quotesReference = record.get("text").asText().matches("(?s).*RW-[0-9A-Z]{6}.*");
      if (appMail) {
        assertThat(result).as(record.get("subject").asText()).isNotNull();
      } else if (!from.endsWith("@rentwise.example") && !quotesReference) {
        assertThat(result).as(record.get("subject").asText()).isNull();
        continue;
      }
      if (result == null) {
        continue;
      }
      for (MiniMapping.Observation observation : result.observations()) {
        if (observation.entity().equals("reservation")) {
          assertThat(reservationsByReference).containsKey(observation.fields().get("reference"));
        }
      }
      if (result.rule().equals("booking_confirmation")) {
        JsonNode truth =
            reservationsByReference.get(result.observations().get(0).fields().get("reference"));
        if (truth.get("created_at").asText().equals(truth.get("updated_at").asText())) {
          assertFields(result.observations().get(0).fields(), truth, RESERVATION_FIELDS);
          confirmationsChecked++;
        }
      }
      if (result.rule().equals("welcome")) {
        Map<String, String> fields = result.observations().get(0).fields();
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

  /** A mail as the connectors hand it to the mappings (see RawRecord). */
  private static JsonNode mailRecord(Mbox.Stored mail) throws Exception {
    ObjectNode record = Scenarios.JSON.createObjectNode();
    record.put("message_id", mail.message().getMessageID());
    record.put("date", mail.message().getSentDate().toInstant().toString());
    InternetAddress from = (InternetAddress) mail.message().getFrom()[0];
    record.put("from", from.getAddress());
    record.put("from_name", from.getPersonal());
    ArrayNode to = record.putArray("to");
    for (Address address : mail.message().getRecipients(jakarta.mail.Message.RecipientType.TO)) {
      to.add(((InternetAddress) address).getAddress());
    }
    record.putArray("cc");
    record.put("subject", mail.message().getSubject());
    record.put("text", mail.text());
    record.put("html", mail.html().isEmpty() ? null : mail.html());
    record.putObject("headers");
    return record;
  }

  @Test
  void stripeRulesReadCustomersAndPayments() throws Exception {
    MiniMapping mapping = mapping("stripe.yaml");
    Map<String, JsonNode> byPaymentIntent = new HashMap<>();
    for (JsonNode reservation : reservationsById.values()) {
      byPaymentIntent.put(reservation.get("stripe_payment_intent_id").asText(), reservation);
    }
    int withReference = 0;
    for (Path page : Scenarios.files(scenario.resolve("stripe"), "*.json")) {
      for (JsonNode object : Scenarios.json(page).get("data")) {
        MiniMapping.Result result =
            mapping.apply("stripe." + object.get("object").asText(), object);
        if (object.get("object").asText().equals("refund") && object.get("reason").isNull()) {
          assertThat(result).isNull();
          continue;
        }
        assertThat(result).as(object.get("id").asText()).isNotNull();
        Map<String, String> fields = result.observations().get(0).fields();
        if (object.get("object").asText().equals("customer")) {
          JsonNode customer = customersById.get(fields.get("backup_id"));
          assertThat(fields.get("stripe_customer_id"))
              .isEqualTo(customer.get("stripe_customer_id").asText());
          assertThat(fields.get("email")).isEqualTo(customer.get("email").asText());
          assertThat(fields.get("phone")).isEqualTo(customer.get("phone").asText());
          continue;
        }
        JsonNode reservation = byPaymentIntent.get(fields.get("stripe_payment_intent_id"));
        assertThat(reservation).as(object.get("id").asText()).isNotNull();
        if (fields.containsKey("reference")) {
          assertThat(fields.get("reference")).isEqualTo(reservation.get("reference").asText());
          withReference++;
        }
        if (object.get("object").asText().equals("refund")) {
          assertThat(fields.get("status")).isEqualTo("cancelled");
          assertThat(reservation.get("status").asText()).isEqualTo("cancelled");
        }
      }
    }
    assertThat(withReference).isPositive();
  }

  @Test
  void calendarRulesReadTheBookingsAsTheyStandAndSkipWorkshopSlots() throws Exception {
    MiniMapping mapping = mapping("calendar.yaml");
    Map<String, JsonNode> byEvent = new HashMap<>();
    for (JsonNode reservation : reservationsById.values()) {
      byEvent.put(reservation.get("calendar_uid").asText(), reservation);
    }
    int checked = 0;
    for (Path dir : Scenarios.files(scenario.resolve("calendar"), "events-0001.json")) {
      for (Path page : Scenarios.files(dir.getParent(), "events-*.json")) {
        JsonNode list = Scenarios.json(page);
        for (JsonNode event : list.get("items")) {
          ObjectNode record = event.deepCopy();
          ObjectNode calendar = record.putObject("_calendar");
          calendar.put("id", dir.getParent().getFileName().toString());
          calendar.put("summary", list.get("summary").asText());
          calendar.put("timeZone", list.get("timeZone").asText());
          MiniMapping.Result result = mapping.apply("calendar.event", record);
          JsonNode truth = byEvent.get(event.get("id").asText());
          if (truth == null) {
            assertThat(result).isNull();
            continue;
          }
          Map<String, String> fields = result.observations().get(0).fields();
          assertThat(fields.get("calendar_uid")).isEqualTo(truth.get("calendar_uid").asText());
          List<String> compared =
              List.of("vehicle", "pickup_location", "pickup_at", "return_at", "status");
          assertFields(fields, truth, compared);
          if (fields.containsKey("reference")) {
            assertThat(fields.get("reference")).isEqualTo(truth.get("reference").asText());
          }
          if (result.observations().get(1).fields().containsKey("phone")) {
            assertThat(result.observations().get(1).fields().get("phone")).startsWith("+");
          }
          checked++;
        }
      }
    }
    assertThat(checked)
        .isEqualTo((int) byEvent.keySet().stream().filter(k -> !k.equals("null")).count());
  }

  @Test
  void backupRulesReadTheRowsAsTheyWereAtT0() throws Exception {
    MiniMapping mapping = mapping("backup.yaml");
    List<String> lines =
        Files.readAllLines(scenario.resolve("backup/backup.sql"), StandardCharsets.UTF_8);
    Map<String, List<Map<String, String>>> tables = BackupDumpTest.copyBlocks(lines);
    int checked = 0;
    for (Map.Entry<String, List<Map<String, String>>> table : tables.entrySet()) {
      for (Map<String, String> row : table.getValue()) {
        ObjectNode record = Scenarios.JSON.createObjectNode();
        record.put("table", table.getKey());
        ObjectNode columns = record.putObject("columns");
        row.forEach(columns::put);
        MiniMapping.Result result = mapping.apply("backup.row", record);
        if (!table.getKey().equals("reservations")) {
          continue;
        }
        Map<String, String> fields = result.observations().get(0).fields();
        JsonNode truth = reservationsById.get(fields.get("backup_id"));
        if (!truth.get("lost").asBoolean()) {
          assertFields(fields, truth, RESERVATION_FIELDS);
          assertThat(fields.get("customer_backup_id")).isEqualTo(truth.get("customer_id").asText());
          assertThat(fields.get("calendar_uid")).isEqualTo(truth.get("calendar_uid").asText(null));
          checked++;
        }
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
