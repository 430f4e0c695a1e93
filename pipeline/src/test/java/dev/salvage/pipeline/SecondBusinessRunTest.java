package dev.salvage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run of a car hire unlike Rentwise (test resources {@code second-business/}), mapped with YAML
 * only: bookings hold the car's surrogate id while mails and calendars name the plate or the model
 * alone (lookups in the backup's cars table), German and English amounts, one calendar per car in
 * the flat events.list layout, stale untagged calendar entries skipped by time, a vehicle swap
 * decided by a tie rule, payments, fees and refunds summed apart from the price, a status derived
 * from the return time as of the loss, and a mixed Stripe export folder.
 */
class SecondBusinessRunTest {
  @TempDir static Path out;
  static CliRun run;
  static Map<String, JsonNode> bookings = new HashMap<>();
  static Map<String, JsonNode> clients = new HashMap<>();
  static JsonNode summary;

  @BeforeAll
  static void runIt() throws Exception {
    Path config =
        Path.of(SecondBusinessRunTest.class.getResource("/second-business/salvage.yaml").toURI());
    run =
        CliRun.of(
            "run", "--config", config.toString(), "--out", out.toString(), "--runner", "direct");
    for (String line : Files.readAllLines(out.resolve("review/records.jsonl"))) {
      JsonNode record = Json.MAPPER.readTree(line);
      if (record.path("entity").asText().equals("booking")) {
        bookings.put(record.at("/fields/booking_no/value").asText(), record);
      } else {
        clients.put(record.at("/fields/email/value").asText(), record);
      }
    }
    summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
  }

  private static String value(JsonNode record, String field) {
    JsonNode value = record.path("fields").path(field).path("value");
    return value.isMissingNode() ? null : value.asText();
  }

  private static List<String> reasons(JsonNode record) {
    List<String> reasons = new ArrayList<>();
    record.path("reasons").forEach(reason -> reasons.add(reason.asText()));
    return reasons;
  }

  @Test
  void theRunSucceedsAndReadsEveryFileItChose() throws Exception {
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(out.resolve("quarantine.jsonl"))).isEmpty();
    assertThat(summary.at("/sources/stripe/files_left_out").asLong()).isEqualTo(1);
    assertThat(run.err()).contains("Source stripe: 1 file(s) left out by include/exclude");
    assertThat(summary.at("/sources/calendar/read").asLong()).isEqualTo(5);
    assertThat(summary.at("/sources/calendar/rules/stale_untagged").asLong()).isEqualTo(1);
    assertThat(summary.at("/lookup_tables").toString()).contains("\"cars.plate -> car_id\":3");
    assertThat(summary.at("/run/as_of").asText()).isEqualTo("2026-04-15T00:00:00Z");
  }

  @Test
  void aModelWithoutAPlateIsAReportedMissAndTheCarComesFromTheLinkedCalendar() {
    JsonNode booking = bookings.get("B-1001");
    assertThat(value(booking, "car_id")).isEqualTo("7");
    assertThat(value(booking, "car_model")).isEqualTo("Toyota Yaris Hybrid");
    assertThat(booking.path("flagged").asBoolean()).isFalse();
    assertThat(booking.path("action").asText()).isEqualTo("NEW");
    // the mail's evidence id is its Message-ID and a hash of its bytes
    assertThat(reasons(booking))
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .startsWith("email:b1001@nordwind.example#")
                    .endsWith(": car_id: no row of cars with plate \"Toyota Yaris Hybrid\""));
    assertThat(summary.at("/sources/mail/lookup_misses/confirmation").asLong()).isEqualTo(1);
    // the English mail's plate is written another way; letters_digits finds it
    assertThat(value(bookings.get("B-1002"), "car_id")).isEqualTo("8");
  }

  @Test
  void amountsInEitherLanguageAndPaymentsThatAreNotThePrice() {
    JsonNode booking = bookings.get("B-1001");
    assertThat(value(booking, "price_cents")).isEqualTo("18800");
    assertThat(value(booking, "paid_cents")).isEqualTo("16800");
    assertThat(value(booking, "fees_cents")).isEqualTo("5000");
    assertThat(value(bookings.get("B-1002"), "price_cents")).isEqualTo("21300");
  }

  @Test
  void theStatusIsDerivedFromTheReturnTimeAsOfTheLoss() {
    assertThat(value(bookings.get("B-1001"), "status")).isEqualTo("completed");
    JsonNode fromBackup = bookings.get("B-0999");
    assertThat(fromBackup.path("action").asText()).isEqualTo("UPDATED");
    assertThat(fromBackup.path("flagged").asBoolean()).isFalse();
    assertThat(value(fromBackup, "status")).isEqualTo("completed");
    assertThat(value(fromBackup, "car_model")).isEqualTo("Toyota Yaris Hybrid");
    assertThat(value(bookings.get("B-1002"), "status")).isEqualTo("confirmed");
    assertThat(bookings).doesNotContainKey("B-0998");
  }

  @Test
  void aVehicleSwapIsDecidedByTheTieRuleAndTheRecordSaysSo() {
    JsonNode booking = bookings.get("B-1003");
    assertThat(value(booking, "car_id")).isEqualTo("8");
    assertThat(value(booking, "status")).isEqualTo("confirmed");
    // one reason for car_id, naming the tie rule as such (not as a precedence of car_id)
    assertThat(reasons(booking))
        .filteredOn(reason -> reason.startsWith("car_id:"))
        .singleElement()
        .satisfies(
            reason ->
                assertThat(reason)
                    .startsWith("car_id: equally new claims at 2026-03-08T12:00:00Z by as many")
                    .endsWith(
                        "by the tie rule on status (confirmed > cancelled): status confirmed"
                            + " against cancelled"));
  }

  @Test
  void clientsAreIdentifiedByEitherKeyAndOnlyRealBackupIdsAreResolved() {
    JsonNode jonas = clients.get("jonas@example.de");
    assertThat(jonas).as("a new client with an email only is a record, not unlinked").isNotNull();
    assertThat(jonas.path("action").asText()).isEqualTo("NEW");
    assertThat(value(jonas, "full_name")).isEqualTo("Jonas Weber");
    assertThat(value(bookings.get("B-1001"), "client_backup_id")).isNull();
    assertThat(value(bookings.get("B-1002"), "client_backup_id")).isEqualTo("1");
  }

  @Test
  void theSummaryCountsTheRecordsAsWritten() throws Exception {
    Map<String, Integer> written = new HashMap<>();
    for (String line : Files.readAllLines(out.resolve("review/records.jsonl"))) {
      JsonNode record = Json.MAPPER.readTree(line);
      written.merge(
          record.path("entity").asText() + "." + record.path("action").asText(), 1, Integer::sum);
    }
    for (String line : Files.readAllLines(out.resolve("review/unlinked.jsonl"))) {
      written.merge(
          Json.MAPPER.readTree(line).path("entity").asText() + ".UNLINKED", 1, Integer::sum);
    }
    for (String entity : List.of("booking", "client")) {
      for (String action : List.of("NEW", "UPDATED", "UNCHANGED", "CONFLICT", "UNLINKED")) {
        assertThat(summary.at("/entities/" + entity + "/" + action).asInt())
            .as(entity + " " + action)
            .isEqualTo(written.getOrDefault(entity + "." + action, 0));
      }
    }
  }
}
