package dev.salvage.samples;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Nordwind's ground truth in its own entity model: {@code clients.jsonl} and {@code bookings.jsonl}
 * as the app held them at the loss, with what was lost and recoverable, and the manifest {@code
 * salvage evaluate} reads. A booking returned after the backup is lost too: the app set it {@code
 * completed} then.
 */
final class NordwindTruth {
  private final Nordwind names;
  private final Instant t0;
  private final Instant t1;
  int lostClients;
  int recoverableClients;
  int lostBookings;
  int recoverableBookings;

  NordwindTruth(Nordwind names) {
    this.names = names;
    this.t0 = names.world().t0();
    this.t1 = names.world().t1();
  }

  void write(Path dir, Map<String, Object> counts) throws IOException {
    Files.createDirectories(dir);
    try (BufferedWriter out =
        Files.newBufferedWriter(dir.resolve("clients.jsonl"), StandardCharsets.UTF_8)) {
      for (Customer customer : names.world().customers()) {
        out.write(JsonFiles.MAPPER.writeValueAsString(client(customer)));
        out.write('\n');
      }
    }
    try (BufferedWriter out =
        Files.newBufferedWriter(dir.resolve("bookings.jsonl"), StandardCharsets.UTF_8)) {
      for (Reservation reservation : names.world().reservations()) {
        out.write(JsonFiles.MAPPER.writeValueAsString(booking(reservation)));
        out.write('\n');
      }
    }
    JsonFiles.write(dir.resolve("manifest.json"), manifest(counts), 2);
  }

  private ObjectNode client(Customer customer) {
    String email = customer.current().email();
    ObjectNode node = JsonFiles.object();
    node.put("id", String.valueOf(customer.id));
    node.put("email", email);
    node.put("full_name", customer.fullName);
    node.put("created_at", customer.createdAt.toString());
    Instant updated = Nordwind.updatedBefore(customer, t1);
    node.put("updated_at", updated.toString());
    Set<String> past = new LinkedHashSet<>();
    for (Customer.Contact contact : customer.contacts) {
      if (!contact.email().equals(email)) {
        past.add(contact.email());
      }
    }
    node.set("past_emails", strings(past));
    boolean lost = !updated.isBefore(t0);
    boolean recoverable = lost && customer.hasEvidence();
    lostClients += lost ? 1 : 0;
    recoverableClients += recoverable ? 1 : 0;
    node.put("lost", lost);
    node.put("recoverable", recoverable);
    node.put("in_backup", customer.createdAt.isBefore(t0));
    return node;
  }

  private ObjectNode booking(Reservation reservation) {
    Reservation.Version last = reservation.last();
    ObjectNode node = JsonFiles.object();
    node.put("id", String.valueOf(reservation.id));
    node.put("booking_no", Nordwind.bookingNo(reservation));
    node.put("client_id", String.valueOf(reservation.customer.id));
    node.put("client_email", reservation.customer.current().email());
    node.put("car_id", String.valueOf(names.carId(last.vehicle())));
    node.put("plate", names.plate(last.vehicle()));
    node.put("pickup_at", last.pickupAt().toString());
    node.put("return_at", last.returnAt().toString());
    node.put("status", Nordwind.status(last, t1));
    node.put("price_cents", String.valueOf(last.totalCents()));
    node.put("stripe_payment_intent_id", reservation.paymentIntentId);
    node.put("calendar_uid", reservation.eventId);
    node.put("created_at", reservation.createdAt().toString());
    Instant updated = Nordwind.updatedBefore(reservation, t1);
    node.put("updated_at", updated.toString());
    boolean lost = !updated.isBefore(t0);
    boolean inBackup = reservation.createdAt().isBefore(t0);
    // a backup row whose only later write is its completion is rebuilt from the backup alone
    boolean completedOnly = inBackup && reservation.lastBefore(t0) == last;
    boolean recoverable = lost && (reservation.hasEvidence() || completedOnly);
    lostBookings += lost ? 1 : 0;
    recoverableBookings += recoverable ? 1 : 0;
    node.put("lost", lost);
    node.put("recoverable", recoverable);
    node.put("in_backup", inBackup);
    return node;
  }

  private ObjectNode manifest(Map<String, Object> counts) {
    World world = names.world();
    ObjectNode node = JsonFiles.object();
    node.put("generator", "nordwind");
    node.put("seed", world.params().seed());
    node.put("t0", t0.toString());
    node.put("t1", t1.toString());
    node.set("params", JsonFiles.MAPPER.valueToTree(world.params().byOptionName()));
    node.put("evaluate", "salvage evaluate --truth <this directory> --run <run directory>");
    ObjectNode entities = node.putObject("entities");
    ObjectNode bookings = entities.putObject("bookings");
    bookings.put("entity", "booking");
    bookings.put("file", "bookings.jsonl");
    // a car is not picked up twice at the same instant: a booking known without its number
    bookings.set("match_keys", strings(List.of("booking_no", "car_id+pickup_at")));
    bookings.set(
        "fields",
        strings(
            List.of("client_email", "car_id", "pickup_at", "return_at", "status", "price_cents")));
    ObjectNode bookingIdentity = bookings.putObject("identity");
    bookingIdentity.set("booking_no", strings(List.of("booking_no")));
    bookingIdentity.set("calendar_uid", strings(List.of("calendar_uid")));
    ObjectNode clients = entities.putObject("clients");
    clients.put("entity", "client");
    clients.put("file", "clients.jsonl");
    clients.set("match_keys", strings(List.of("email")));
    clients.set("fields", strings(List.of("email", "full_name")));
    clients.putObject("identity").set("email", strings(List.of("email", "past_emails")));
    ObjectNode summary = node.putObject("counts");
    summary.put("clients", world.customers().size());
    summary.put("clients_lost", lostClients);
    summary.put("clients_recoverable", recoverableClients);
    summary.put("bookings", world.reservations().size());
    summary.put("bookings_lost", lostBookings);
    summary.put("bookings_recoverable", recoverableBookings);
    node.set("files", JsonFiles.MAPPER.valueToTree(counts));
    return node;
  }

  private static ArrayNode strings(Iterable<String> values) {
    ArrayNode array = JsonFiles.array();
    for (String value : values) {
      array.add(value);
    }
    return array;
  }
}
