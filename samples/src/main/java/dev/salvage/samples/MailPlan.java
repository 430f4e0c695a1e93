package dev.salvage.samples;

import dev.salvage.samples.MailItem.Kind;
import dev.salvage.samples.Reservation.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lists the mails that survive: what the app sent (unless that booking's or customer's mail was
 * lost), what customers and support wrote, and unrelated noise, from 30 days before the backup to
 * the loss, in sending order, some of them twice.
 */
final class MailPlan {
  private static final long DAY = 86_400;

  /** Newsletter senders, each writing weekly. */
  static final int NEWSLETTER_SENDERS = 3;

  private final World world;
  private final Rng rng;
  private final List<MailItem> items = new ArrayList<>();

  MailPlan(World world, Rng rng, List<MailItem> customerMails) {
    this.world = world;
    this.rng = rng;
    items.addAll(customerMails);
  }

  List<MailItem> plan() {
    for (Customer customer : world.customers()) {
      if (customer.accountMailsMissing) {
        continue;
      }
      add(customer.createdAt.plusSeconds(rng.between(3, 40)), Kind.WELCOME, customer, null, 0);
      for (int i = 1; i < customer.contacts.size(); i++) {
        add(
            customer.contacts.get(i).since().plusSeconds(rng.between(5, 60)),
            Kind.CONTACT_CHANGED,
            customer,
            null,
            i);
      }
    }
    for (Reservation reservation : world.reservations()) {
      if (!reservation.mailsMissing) {
        planBookingMails(reservation);
      }
    }
    planNoise();
    Instant from = world.mailFrom();
    Instant until = world.t1();
    List<MailItem> surviving = new ArrayList<>(items.size());
    for (MailItem item : items) {
      if (!item.at().isBefore(from) && item.at().isBefore(until)) {
        surviving.add(
            rng.chance(world.params().duplicateMailRate()) ? item.withDuplicate(true) : item);
      }
    }
    // stable: mails sent in the same second keep their planning order
    surviving.sort(Comparator.comparing(MailItem::at));
    return surviving;
  }

  private void planBookingMails(Reservation reservation) {
    Customer customer = reservation.customer;
    List<Version> versions = reservation.versions;
    add(
        reservation.createdAt().plusSeconds(rng.between(5, 60)),
        Kind.CONFIRMATION,
        customer,
        reservation,
        0);
    if (reservation.card) {
      add(
          reservation.paidAt.plusSeconds(rng.between(20, 120)),
          Kind.RECEIPT,
          customer,
          reservation,
          0);
    }
    for (int i = 1; i < versions.size(); i++) {
      Version version = versions.get(i);
      add(
          version.at().plusSeconds(rng.between(5, 60)),
          version.cancelled() ? Kind.CANCELLATION : Kind.CHANGE,
          customer,
          reservation,
          i);
    }
    for (int i = 0; i < versions.size(); i++) {
      Version version = versions.get(i);
      if (version.cancelled()) {
        break;
      }
      Instant next = i + 1 < versions.size() ? versions.get(i + 1).at() : Instant.MAX;
      Instant remindAt = version.pickupAt().minus(Duration.ofHours(48));
      if (remindAt.isAfter(version.at().plusSeconds(3600)) && remindAt.isBefore(next)) {
        // the reminder job runs every ten minutes
        add(remindAt.plusSeconds(rng.between(0, 600)), Kind.REMINDER, customer, reservation, i);
        break;
      }
    }
  }

  private void planNoise() {
    long from = world.mailFrom().getEpochSecond();
    long until = world.t1().getEpochSecond();
    for (int sender = 0; sender < NEWSLETTER_SENDERS; sender++) {
      for (long week = from + rng.between(0, 7 * DAY); week < until; week += 7 * DAY) {
        add(Instant.ofEpochSecond(week), Kind.NEWSLETTER, null, null, sender);
      }
    }
    int reservations = world.params().reservations();
    int invoices = Math.max(6, reservations / 100);
    for (int i = 0; i < invoices; i++) {
      add(Instant.ofEpochSecond(rng.between(from, until)), Kind.VENDOR_INVOICE, null, null, i);
    }
    int spam = Math.max(12, reservations / 25);
    for (int i = 0; i < spam; i++) {
      add(Instant.ofEpochSecond(rng.between(from, until)), Kind.SPAM, null, null, i);
    }
  }

  private void add(Instant at, Kind kind, Customer customer, Reservation reservation, int version) {
    items.add(
        new MailItem(at, kind, customer, reservation, version, rng.nextLong(), null, false, false));
  }
}
