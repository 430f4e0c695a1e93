package dev.salvage.samples;

/**
 * Decides which records are recoverable: what survives that describes them. A reservation is
 * described by a surviving mail about it (every app mail, and customer mail quoting its reference),
 * by Stripe objects that name its reference (or, for a booking in the backup, a refund after the
 * backup on the payment intent its row names; see {@link Reservation#stripeNames}) and by its
 * calendar event. A payment naming no booking is not evidence of one: only the lost database tied
 * it to a car and dates. A customer is described by a surviving mail to or from their current
 * address, by their Stripe customer, and by a calendar event whose description gives their current
 * address.
 */
final class Evidence {
  private Evidence() {}

  static void mark(World world) {
    for (MailItem mail : world.mails()) {
      Reservation reservation = mail.reservation();
      if (reservation != null && (mail.kind().aboutBooking() || mail.namesReference())) {
        reservation.mailEvidence = true;
      }
      Customer customer = mail.customer();
      if (customer != null && mail.customerAddresses().contains(customer.current().email())) {
        customer.mailEvidence = true;
      }
    }
    for (Reservation reservation : world.reservations()) {
      Customer customer = reservation.customer;
      if (reservation.hasCalendarEvent()
          && reservation.calendarContact
          && customer
              .contactAt(reservation.eventCreatedAt)
              .email()
              .equals(customer.current().email())) {
        customer.calendarEvidence = true;
      }
    }
  }
}
