package dev.salvage.samples;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One reservation of the simulated app with every state it went through, its payment and its
 * calendar event. Mutable while the simulation runs; read-only afterwards.
 */
final class Reservation {
  enum Change {
    CREATED,
    MOVED,
    VEHICLE_SWAPPED,
    CANCELLED
  }

  /** Where the Stripe objects of a card-paid booking name its reference. */
  enum RefStyle {
    NONE,
    METADATA,
    DESCRIPTION,
    METADATA_AND_DESCRIPTION;

    boolean inMetadata() {
      return this == METADATA || this == METADATA_AND_DESCRIPTION;
    }

    boolean inDescription() {
      return this == DESCRIPTION || this == METADATA_AND_DESCRIPTION;
    }
  }

  /** The row as the app held it from {@code at} until the next version. */
  record Version(
      Instant at,
      Change change,
      Vehicle vehicle,
      Instant pickupAt,
      Instant returnAt,
      boolean cancelled,
      int totalCents) {}

  /** A Stripe refund on the booking's charge; {@code cancellation} false means a price cut. */
  record Refund(Instant at, int amountCents, boolean cancellation, String id) {}

  final int id;
  final String reference;
  final Customer customer;
  final Catalog.Location location;
  final int extrasPerDayCents;
  final long seed;
  final List<Version> versions = new ArrayList<>(2);
  final List<Refund> refunds = new ArrayList<>(0);

  String notes;

  /** Card payment through Stripe; without it the booking is paid at the desk. */
  boolean card;

  String paymentIntentId;
  String chargeId;
  Instant intentCreatedAt;
  Instant paidAt;
  int paidCents;
  RefStyle paymentRefStyle = RefStyle.NONE;
  String cardholderName;

  /** Google event id; null when the booking never got a calendar event. */
  String eventId;

  Instant eventCreatedAt;
  boolean calendarRef;
  boolean calendarContact;
  String calendarName;

  boolean mailsMissing;
  boolean mailEvidence;

  Reservation(
      int id,
      String reference,
      Customer customer,
      Catalog.Location location,
      int extrasPerDayCents,
      long seed) {
    this.id = id;
    this.reference = reference;
    this.customer = customer;
    this.location = location;
    this.extrasPerDayCents = extrasPerDayCents;
    this.seed = seed;
  }

  Instant createdAt() {
    return versions.get(0).at();
  }

  Version last() {
    return versions.get(versions.size() - 1);
  }

  /** The version in force at {@code at}, or null if the booking did not exist yet. */
  Version versionAt(Instant at) {
    return History.at(versions, Version::at, at);
  }

  /** The last version written before {@code until}, or null. */
  Version lastBefore(Instant until) {
    return History.before(versions, Version::at, until);
  }

  int refundedCents() {
    int sum = 0;
    for (Refund refund : refunds) {
      sum += refund.amountCents();
    }
    return sum;
  }

  boolean hasCalendarEvent() {
    return eventId != null;
  }

  boolean hasEvidence() {
    return mailEvidence || card || hasCalendarEvent();
  }

  /**
   * Whether its Stripe objects can be tied to it once the app's database is gone: they name its
   * reference, or the backup's row names their payment intent and a refund after the backup says
   * what changed. A payment naming neither says nothing of which car or when, so only the lost
   * database tied it to this booking.
   */
  boolean stripeNames(Instant backupAt) {
    if (!card) {
      return false;
    }
    if (paymentRefStyle != RefStyle.NONE) {
      return true;
    }
    return createdAt().isBefore(backupAt)
        && refunds.stream().anyMatch(refund -> !refund.at().isBefore(backupAt));
  }
}
