package dev.salvage.samples;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One customer of the simulated app, with the history of their contact details. Mutable while the
 * simulation runs; read-only afterwards.
 */
final class Customer {
  /** Contact details valid from {@code since} until the next change. */
  record Contact(Instant since, String email, String phone) {}

  final Catalog.Country country;
  final String fullName;
  final Instant createdAt;
  final long seed;
  final List<Contact> contacts = new ArrayList<>(1);

  /** App id, assigned in signup order once the simulation is done. */
  int id;

  String stripeId;
  Instant stripeCreatedAt;

  /** The welcome and contact-change mails of this customer did not survive. */
  boolean accountMailsMissing;

  boolean mailEvidence;
  boolean calendarEvidence;

  Customer(Catalog.Country country, String fullName, Instant createdAt, long seed) {
    this.country = country;
    this.fullName = fullName;
    this.createdAt = createdAt;
    this.seed = seed;
  }

  String firstName() {
    int space = fullName.indexOf(' ');
    return space < 0 ? fullName : fullName.substring(0, space);
  }

  String language() {
    return country.language();
  }

  Contact current() {
    return contacts.get(contacts.size() - 1);
  }

  /** The contact details in force at {@code at} (the first ones before signup). */
  Contact contactAt(Instant at) {
    Contact found = History.at(contacts, Contact::since, at);
    return found == null ? contacts.get(0) : found;
  }

  /** The last time the app wrote this customer's row, counting only writes before {@code until}. */
  Instant updatedBefore(Instant until) {
    Instant updated = createdAt;
    for (Contact contact : contacts) {
      if (contact.since().isBefore(until) && contact.since().isAfter(updated)) {
        updated = contact.since();
      }
    }
    if (stripeCreatedAt != null
        && stripeCreatedAt.isBefore(until)
        && stripeCreatedAt.isAfter(updated)) {
      updated = stripeCreatedAt;
    }
    return updated;
  }

  String stripeIdBefore(Instant until) {
    return stripeCreatedAt != null && stripeCreatedAt.isBefore(until) ? stripeId : null;
  }

  boolean hasEvidence() {
    return mailEvidence || calendarEvidence || stripeId != null;
  }
}
