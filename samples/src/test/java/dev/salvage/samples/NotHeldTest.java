package dev.salvage.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The truth's {@code not_held}: the compared fields whose true value no input of the entity holds.
 */
class NotHeldTest {
  private static List<String> notHeld(JsonNode entity) {
    List<String> fields = new ArrayList<>();
    entity.get("not_held").forEach(field -> fields.add(field.asText()));
    return fields;
  }

  /** The backup's reservation rows by reference: the plate each names. */
  private static Map<String, String> backupPlates(Path scenario) throws Exception {
    Map<String, String> plates = new HashMap<>();
    boolean inReservations = false;
    for (String line :
        Files.readAllLines(scenario.resolve("backup/backup.sql"), StandardCharsets.UTF_8)) {
      if (line.startsWith("COPY public.reservations ")) {
        inReservations = true;
      } else if (line.equals("\\.")) {
        inReservations = false;
      } else if (inReservations) {
        String[] cells = line.split("\t");
        plates.put(cells[1], cells[3]);
      }
    }
    return plates;
  }

  private static String stripe(Path scenario) throws Exception {
    StringBuilder all = new StringBuilder();
    for (Path page : Scenarios.files(scenario.resolve("stripe"), "*.json")) {
      all.append(Files.readString(page, StandardCharsets.UTF_8));
    }
    return all.toString();
  }

  @Test
  void aReservationsCarWrittenInNoInputIsNotHeldAndTheBackupsCarIs() throws Exception {
    // no booking mail and no calendar event survives: Stripe names no car, the backup only its own
    Path scenario =
        Scenarios.generated(
            Scenarios.fromOptions(
                "--seed",
                "5",
                "--reservations",
                "300",
                "--missing-mail",
                "1",
                "--missing-calendar",
                "1",
                "--late-change-rate",
                "1"));
    Map<String, String> backup = backupPlates(scenario);
    String stripe = stripe(scenario);
    JsonNode manifest = Scenarios.json(scenario.resolve("truth/manifest.json"));
    assertThat(manifest.at("/entities/reservations/not_held").asText()).isEqualTo("not_held");
    int nowhere = 0;
    int fromBackup = 0;
    int swapped = 0;
    for (JsonNode reservation : Scenarios.jsonLines(scenario.resolve("truth/reservations.jsonl"))) {
      String reference = reservation.get("reference").asText();
      String plate = reservation.get("vehicle").asText();
      List<String> notHeld = notHeld(reservation);
      if (!reservation.get("in_backup").asBoolean()) {
        assertThat(backup).doesNotContainKey(reference);
        assertThat(stripe).doesNotContain(plate);
        assertThat(notHeld).as(reference).contains("vehicle", "pickup_at", "return_at");
        nowhere++;
      } else if (backup.get(reference).equals(plate)) {
        assertThat(notHeld).as(reference).doesNotContain("vehicle");
        fromBackup++;
      } else {
        // the car swapped after the backup, the change mail lost
        assertThat(notHeld).as(reference).contains("vehicle");
        swapped++;
      }
    }
    assertThat(nowhere).isPositive();
    assertThat(fromBackup).isPositive();
    assertThat(swapped).isPositive();
  }

  @Test
  void aNameWrittenOnlyWithATypoIsNotHeldAndTheSameNameWrittenRightIs() throws Exception {
    // customers after the backup, paying at the desk, without mail: their names are only in the
    // titles of their bookings' calendar events, all misspelt at typo rate 1
    String[] options = {
      "--seed",
      "5",
      "--reservations",
      "300",
      "--missing-mail",
      "1",
      "--missing-payment",
      "1",
      "--missing-calendar",
      "0",
      "--contact-change-rate",
      "0"
    };
    Path misspelt = Scenarios.generated(Scenarios.fromOptions(with(options, "--typo-rate", "1")));
    Path exact = Scenarios.generated(Scenarios.fromOptions(with(options, "--typo-rate", "0")));

    Set<String> calendarOnly = calendarOnlyCustomers(misspelt);
    assertThat(calendarOnly).isNotEmpty();
    // the names as typed in the titles: "[RW-XXXXXX · ]Name · PLATE"
    Set<String> typed = new HashSet<>();
    for (Path page : Scenarios.files(misspelt.resolve("calendar"), "events-*.json")) {
      for (JsonNode event : Scenarios.json(page).get("items")) {
        String title = event.get("summary").asText();
        if (!title.startsWith("Service: ")) {
          String name = title.substring(0, title.lastIndexOf(" · "));
          typed.add(name.startsWith("RW-") ? name.substring(name.indexOf(" · ") + 3) : name);
        }
      }
    }
    for (JsonNode customer : Scenarios.jsonLines(misspelt.resolve("truth/customers.jsonl"))) {
      if (calendarOnly.contains(customer.get("id").asText())) {
        String name = customer.get("full_name").asText();
        assertThat(typed).doesNotContain(name);
        assertThat(notHeld(customer)).as(name).contains("full_name");
      }
    }
    // the typo rate draws from the simulation's stream: another history, its own such customers
    Set<String> calendarOnlyExact = calendarOnlyCustomers(exact);
    assertThat(calendarOnlyExact).isNotEmpty();
    for (JsonNode customer : Scenarios.jsonLines(exact.resolve("truth/customers.jsonl"))) {
      if (calendarOnlyExact.contains(customer.get("id").asText())) {
        assertThat(notHeld(customer)).as(customer.toString()).doesNotContain("full_name");
      }
    }
  }

  /** Customers after the backup with no mail and no Stripe customer, who have a calendar event. */
  private static Set<String> calendarOnlyCustomers(Path scenario) throws Exception {
    Set<String> withEvent = new HashSet<>();
    for (JsonNode reservation : Scenarios.jsonLines(scenario.resolve("truth/reservations.jsonl"))) {
      if (!reservation.get("calendar_uid").isNull()) {
        withEvent.add(reservation.get("customer_id").asText());
      }
    }
    Set<String> ids = new HashSet<>();
    for (JsonNode customer : Scenarios.jsonLines(scenario.resolve("truth/customers.jsonl"))) {
      String id = customer.get("id").asText();
      Set<String> evidence = new HashSet<>();
      customer.get("evidence").forEach(e -> evidence.add(e.asText()));
      if (!customer.get("in_backup").asBoolean()
          && !evidence.contains("mail")
          && customer.get("stripe_customer_id").isNull()
          && withEvent.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  private static String[] with(String[] options, String... more) {
    String[] all = new String[options.length + more.length];
    System.arraycopy(options, 0, all, 0, options.length);
    System.arraycopy(more, 0, all, options.length, more.length);
    return all;
  }
}
