package dev.salvage.samples;

import dev.salvage.samples.Letter.Recipient;
import dev.salvage.samples.MailItem.Kind;
import dev.salvage.samples.Reservation.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which true values some surviving input holds: per truth entity and compared field, whether the
 * value the application held at the loss is written in at least one input of that entity, in a form
 * a mapping can read as that field's value (samples/SCENARIO.md, "Truth", {@code not_held}).
 *
 * <p>An input of a reservation is its backup row (and the backup's row of its customer), every
 * surviving mail about it or quoting its reference, its Stripe objects (and its customer's Stripe
 * customer, which its charge names) and its calendar event, whether or not they name its reference;
 * a booking's customer email is held, too, when those inputs name the customer by a key (an
 * address, the backup's customer id, the Stripe customer) and an input of the customer holds the
 * current address (a name alone, as in a calendar title, names nobody). An input of a customer is
 * their backup row, every surviving mail to or from them, their Stripe customer and charges, and
 * the calendar events of their bookings. A value is held as written after the generator's noise: a
 * misspelt or re-cased name does not hold the name; a phone in any written form, an instant as a
 * local time, a branch by its name, an amount as {@code 245.50 EUR} or in cents do. A payment's
 * amount states the booking's total when paid, a charge refunded in part the amount it kept; a
 * refund's amount is no total. A change mail's previous car, dates and price are no current value
 * either.
 */
final class Holdings {
  static final List<String> RESERVATION_FIELDS =
      List.of(
          "customer_email",
          "vehicle",
          "pickup_location",
          "pickup_at",
          "return_at",
          "status",
          "total_cents",
          "currency");

  static final List<String> CUSTOMER_FIELDS = List.of("email", "full_name", "phone");

  private final Instant t0;
  private final Map<Reservation, Map<String, Set<Object>>> reservations = new IdentityHashMap<>();
  private final Map<Customer, Map<String, Set<Object>>> customers = new IdentityHashMap<>();

  /** What the backup, Stripe and the calendars hold; mails are added as they are rendered. */
  Holdings(World world) {
    this.t0 = world.t0();
    for (Customer customer : world.customers()) {
      if (customer.createdAt.isBefore(t0)) {
        Customer.Contact contact = customer.contactAt(t0);
        customer(customer, contact.email(), customer.fullName, contact.phone());
      }
      if (customer.stripeId != null) {
        Customer.Contact contact = customer.current();
        customer(customer, contact.email(), customer.fullName, contact.phone());
      }
    }
    for (Reservation reservation : world.reservations()) {
      Customer customer = reservation.customer;
      if (reservation.createdAt().isBefore(t0)) {
        version(reservation, reservation.lastBefore(t0));
        // the row names its customer, whose backup row gives the address at the backup
        add(reservation, "customer_email", customer.contactAt(t0).email());
      }
      if (reservation.card) {
        stripe(reservation);
      }
      if (reservation.hasCalendarEvent()) {
        Version last = reservation.last();
        add(reservation, "vehicle", last.vehicle().plate());
        add(reservation, "pickup_location", reservation.location.code());
        add(reservation, "pickup_at", last.pickupAt());
        add(reservation, "return_at", last.returnAt());
        add(reservation, "status", status(last));
        add(customer, "full_name", reservation.calendarName);
        if (reservation.calendarContact) {
          Customer.Contact contact = customer.contactAt(reservation.eventCreatedAt);
          add(reservation, "customer_email", contact.email());
          customer(customer, contact.email(), null, contact.phone());
        }
      }
    }
  }

  private void stripe(Reservation reservation) {
    Customer customer = reservation.customer;
    add(reservation, "total_cents", reservation.paidCents);
    int refunded = reservation.refundedCents();
    if (refunded > 0 && refunded < reservation.paidCents) {
      add(reservation, "total_cents", reservation.paidCents - refunded);
    }
    add(reservation, "currency", "EUR");
    add(reservation, "status", "confirmed");
    for (Reservation.Refund refund : reservation.refunds) {
      if (refund.cancellation()) {
        add(reservation, "status", "cancelled");
      }
    }
    // metadata.location, or the branch's name in a description without the reference
    if (reservation.paymentRefStyle.inMetadata() || !reservation.paymentRefStyle.inDescription()) {
      add(reservation, "pickup_location", reservation.location.code());
    }
    String billed = customer.contactAt(reservation.paidAt).email();
    add(reservation, "customer_email", billed);
    if (customer.stripeId != null) {
      // the charge names the Stripe customer, kept in step with the app's current address
      add(reservation, "customer_email", customer.current().email());
    }
    add(customer, "email", billed);
    add(customer, "full_name", reservation.cardholderName);
  }

  /** What a rendered mail writes of its booking and its customer. */
  void mail(MailItem item, Letter letter) {
    Customer customer = item.customer();
    Reservation reservation = item.reservation();
    Kind kind = item.kind();
    if (reservation != null && (kind.aboutBooking() || item.namesReference())) {
      String address = customer.contactAt(item.at()).email();
      switch (kind) {
        case CONFIRMATION, CHANGE, CANCELLATION, REMINDER -> {
          version(reservation, reservation.versions.get(item.version()));
          add(reservation, "customer_email", address);
        }
        case RECEIPT -> {
          add(reservation, "total_cents", reservation.paidCents);
          add(reservation, "currency", "EUR");
          add(reservation, "customer_email", address);
        }
        default -> add(reservation, "customer_email", address);
      }
    }
    if (customer == null) {
      return;
    }
    Set<String> addresses = new HashSet<>(item.customerAddresses());
    for (String address : addresses) {
      add(customer, "email", address);
    }
    switch (kind) {
      case WELCOME, CONFIRMATION, CHANGE, CANCELLATION, REMINDER ->
          add(customer, "phone", customer.contactAt(item.at()).phone());
      case CONTACT_CHANGED -> add(customer, "phone", customer.contacts.get(item.version()).phone());
      default -> {}
    }
    if (addresses.contains(letter.from()) && letter.fromName() != null) {
      add(customer, "full_name", letter.fromName());
    }
    for (Recipient recipient : letter.to()) {
      if (addresses.contains(recipient.address()) && recipient.name() != null) {
        add(customer, "full_name", recipient.name());
      }
    }
  }

  /** The reservation's compared fields whose true value no input holds, in the manifest's order. */
  List<String> notHeld(Reservation reservation) {
    Version last = reservation.last();
    Map<String, Object> values = new HashMap<>();
    values.put("customer_email", reservation.customer.current().email());
    values.put("vehicle", last.vehicle().plate());
    values.put("pickup_location", reservation.location.code());
    values.put("pickup_at", last.pickupAt());
    values.put("return_at", last.returnAt());
    values.put("status", status(last));
    values.put("total_cents", last.totalCents());
    values.put("currency", "EUR");
    Map<String, Set<Object>> held = reservations.get(reservation);
    List<String> missing = notHeld(held, RESERVATION_FIELDS, values);
    if (missing.contains("customer_email") && identifiesCustomer(reservation, held)) {
      Map<String, Set<Object>> ofCustomer = customers.get(reservation.customer);
      if (ofCustomer != null
          && ofCustomer.getOrDefault("email", Set.of()).contains(values.get("customer_email"))) {
        missing.remove("customer_email");
      }
    }
    return missing;
  }

  /**
   * Whether an input of the booking names its customer by a key: an address, the backup row's
   * customer id, the Stripe customer its charge names. The customer's current address is then held
   * if any input of the customer holds it (a contact change mail, the Stripe customer): a name
   * alone (a calendar title) identifies nobody.
   */
  private boolean identifiesCustomer(Reservation reservation, Map<String, Set<Object>> held) {
    return (held != null && !held.getOrDefault("customer_email", Set.of()).isEmpty())
        || reservation.createdAt().isBefore(t0)
        || reservation.card;
  }

  /** The customer's compared fields whose true value no input holds, in the manifest's order. */
  List<String> notHeld(Customer customer) {
    Map<String, Object> values = new HashMap<>();
    values.put("email", customer.current().email());
    values.put("full_name", customer.fullName);
    values.put("phone", customer.current().phone());
    return notHeld(customers.get(customer), CUSTOMER_FIELDS, values);
  }

  private static List<String> notHeld(
      Map<String, Set<Object>> held, List<String> fields, Map<String, Object> values) {
    List<String> missing = new ArrayList<>(0);
    for (String field : fields) {
      Object value = values.get(field);
      if (value != null && (held == null || !held.getOrDefault(field, Set.of()).contains(value))) {
        missing.add(field);
      }
    }
    return missing;
  }

  private void version(Reservation reservation, Version version) {
    add(reservation, "vehicle", version.vehicle().plate());
    add(reservation, "pickup_location", reservation.location.code());
    add(reservation, "pickup_at", version.pickupAt());
    add(reservation, "return_at", version.returnAt());
    add(reservation, "status", status(version));
    add(reservation, "total_cents", version.totalCents());
    add(reservation, "currency", "EUR");
  }

  private void customer(Customer customer, String email, String name, String phone) {
    add(customer, "email", email);
    add(customer, "full_name", name);
    add(customer, "phone", phone);
  }

  private static String status(Version version) {
    return version.cancelled() ? "cancelled" : "confirmed";
  }

  private void add(Reservation reservation, String field, Object value) {
    if (value != null) {
      reservations
          .computeIfAbsent(reservation, r -> new HashMap<>())
          .computeIfAbsent(field, f -> new HashSet<>())
          .add(value);
    }
  }

  private void add(Customer customer, String field, Object value) {
    if (value != null) {
      customers
          .computeIfAbsent(customer, c -> new HashMap<>())
          .computeIfAbsent(field, f -> new HashSet<>())
          .add(value);
    }
  }
}
