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

/** Writes the ground truth: the application's state at the loss, with what was lost. */
final class TruthWriter {
  private final World world;
  private final Instant t0;
  private final Holdings holdings;
  private int lostCustomers;
  private int recoverableCustomers;
  private int lostReservations;
  private int recoverableReservations;

  TruthWriter(World world, Holdings holdings) {
    this.world = world;
    this.t0 = world.t0();
    this.holdings = holdings;
  }

  void write(Path dir, Map<String, Object> counts) throws IOException {
    Files.createDirectories(dir);
    try (BufferedWriter out =
        Files.newBufferedWriter(dir.resolve("customers.jsonl"), StandardCharsets.UTF_8)) {
      for (Customer customer : world.customers()) {
        out.write(JsonFiles.MAPPER.writeValueAsString(customer(customer)));
        out.write('\n');
      }
    }
    try (BufferedWriter out =
        Files.newBufferedWriter(dir.resolve("reservations.jsonl"), StandardCharsets.UTF_8)) {
      for (Reservation reservation : world.reservations()) {
        out.write(JsonFiles.MAPPER.writeValueAsString(reservation(reservation)));
        out.write('\n');
      }
    }
    JsonFiles.write(dir.resolve("manifest.json"), manifest(counts), 2);
  }

  int lostCustomers() {
    return lostCustomers;
  }

  int recoverableCustomers() {
    return recoverableCustomers;
  }

  int lostReservations() {
    return lostReservations;
  }

  int recoverableReservations() {
    return recoverableReservations;
  }

  static boolean lost(Customer customer, Instant t0) {
    return !customer.updatedBefore(Instant.MAX).isBefore(t0);
  }

  static boolean lost(Reservation reservation, Instant t0) {
    return !reservation.last().at().isBefore(t0);
  }

  private ObjectNode customer(Customer customer) {
    Customer.Contact contact = customer.current();
    ObjectNode node = JsonFiles.object();
    node.put("id", String.valueOf(customer.id));
    node.put("email", contact.email());
    node.put("full_name", customer.fullName);
    node.put("phone", contact.phone());
    node.put("stripe_customer_id", customer.stripeId);
    node.put("created_at", customer.createdAt.toString());
    node.put("updated_at", customer.updatedBefore(Instant.MAX).toString());
    Set<String> pastEmails = new LinkedHashSet<>();
    Set<String> pastPhones = new LinkedHashSet<>();
    for (Customer.Contact past : customer.contacts.subList(0, customer.contacts.size() - 1)) {
      if (!past.email().equals(contact.email())) {
        pastEmails.add(past.email());
      }
      if (!past.phone().equals(contact.phone())) {
        pastPhones.add(past.phone());
      }
    }
    node.set("past_emails", strings(pastEmails));
    node.set("past_phones", strings(pastPhones));
    boolean lost = lost(customer, t0);
    boolean recoverable = lost && customer.hasEvidence();
    lostCustomers += lost ? 1 : 0;
    recoverableCustomers += recoverable ? 1 : 0;
    node.put("lost", lost);
    node.put("recoverable", recoverable);
    node.put("in_backup", customer.createdAt.isBefore(t0));
    node.set(
        "evidence",
        evidence(customer.calendarEvidence, customer.mailEvidence, customer.stripeId != null));
    node.set("not_held", strings(holdings.notHeld(customer)));
    return node;
  }

  private ObjectNode reservation(Reservation reservation) {
    Reservation.Version last = reservation.last();
    ObjectNode node = JsonFiles.object();
    node.put("id", String.valueOf(reservation.id));
    node.put("reference", reservation.reference);
    node.put("customer_id", String.valueOf(reservation.customer.id));
    node.put("customer_email", reservation.customer.current().email());
    node.put("vehicle", last.vehicle().plate());
    node.put("pickup_location", reservation.location.code());
    node.put("pickup_at", last.pickupAt().toString());
    node.put("return_at", last.returnAt().toString());
    node.put("status", last.cancelled() ? "cancelled" : "confirmed");
    node.put("total_cents", String.valueOf(last.totalCents()));
    node.put("currency", "EUR");
    node.put("stripe_payment_intent_id", reservation.paymentIntentId);
    node.put("calendar_uid", reservation.eventId);
    node.put("created_at", reservation.createdAt().toString());
    node.put("updated_at", last.at().toString());
    boolean lost = lost(reservation, t0);
    boolean stripe = reservation.stripeNames(t0);
    boolean recoverable =
        lost && (reservation.mailEvidence || reservation.hasCalendarEvent() || stripe);
    lostReservations += lost ? 1 : 0;
    recoverableReservations += recoverable ? 1 : 0;
    node.put("lost", lost);
    node.put("recoverable", recoverable);
    node.put("in_backup", reservation.createdAt().isBefore(t0));
    node.set(
        "evidence", evidence(reservation.hasCalendarEvent(), reservation.mailEvidence, stripe));
    node.set("not_held", strings(holdings.notHeld(reservation)));
    return node;
  }

  private ObjectNode manifest(Map<String, Object> counts) {
    ObjectNode node = JsonFiles.object();
    node.put("generator", "rentwise");
    node.put("seed", world.params().seed());
    node.put("t0", world.t0().toString());
    node.put("t1", world.t1().toString());
    node.set("params", JsonFiles.MAPPER.valueToTree(world.params().byOptionName()));
    node.put("evaluate", "salvage evaluate --truth <this directory> --run <run directory>");
    ObjectNode entities = node.putObject("entities");
    ObjectNode reservations = entities.putObject("reservations");
    reservations.put("entity", "reservation");
    reservations.put("file", "reservations.jsonl");
    // A booking whose every surviving record lacks the reference is still told apart: a car is not
    // picked up twice at the same instant (a cancelled booking's slot aside).
    reservations.set("match_keys", strings(List.of("reference", "vehicle+pickup_at")));
    ObjectNode reservationIdentity = reservations.putObject("identity");
    reservationIdentity.set("reference", strings(List.of("reference")));
    reservationIdentity.set(
        "stripe_payment_intent_id", strings(List.of("stripe_payment_intent_id")));
    reservationIdentity.set("calendar_uid", strings(List.of("calendar_uid")));
    reservations.set("fields", strings(Holdings.RESERVATION_FIELDS));
    // the truth column listing the compared fields whose true value no input holds
    reservations.put("not_held", "not_held");
    ObjectNode customers = entities.putObject("customers");
    customers.put("entity", "customer");
    customers.put("file", "customers.jsonl");
    customers.set("match_keys", strings(List.of("email", "phone", "stripe_customer_id")));
    customers.set("fields", strings(Holdings.CUSTOMER_FIELDS));
    customers.put("not_held", "not_held");
    ObjectNode customerIdentity = customers.putObject("identity");
    customerIdentity.set("email", strings(List.of("email", "past_emails")));
    customerIdentity.set("phone", strings(List.of("phone", "past_phones")));
    customerIdentity.set("stripe_customer_id", strings(List.of("stripe_customer_id")));
    ObjectNode summary = node.putObject("counts");
    summary.put("customers", world.customers().size());
    summary.put("customers_lost", lostCustomers);
    summary.put("customers_recoverable", recoverableCustomers);
    summary.put("reservations", world.reservations().size());
    summary.put("reservations_lost", lostReservations);
    summary.put("reservations_recoverable", recoverableReservations);
    node.set("files", JsonFiles.MAPPER.valueToTree(counts));
    return node;
  }

  /** The sources that describe a record, in name order. */
  private static ArrayNode evidence(boolean calendar, boolean mail, boolean stripe) {
    ArrayNode sources = JsonFiles.array();
    if (calendar) {
      sources.add("calendar");
    }
    if (mail) {
      sources.add("mail");
    }
    if (stripe) {
      sources.add("stripe");
    }
    return sources;
  }

  private static ArrayNode strings(Iterable<String> values) {
    ArrayNode array = JsonFiles.array();
    for (String value : values) {
      array.add(value);
    }
    return array;
  }
}
