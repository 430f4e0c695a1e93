package dev.salvage.samples;

import java.time.Instant;
import java.util.List;

/**
 * One mail of the surviving mailbox, as planned by the simulation and rendered by {@link
 * MailWriter}. Fields that do not apply to a kind are null or -1.
 *
 * @param at when it was sent
 * @param kind what it is
 * @param customer the customer it was sent to or received from
 * @param reservation the booking it is about
 * @param version the index of the reservation version, or of the customer contact, it reports
 * @param seed drives the rendering choices and its Message-ID
 * @param inReplyTo for a reply, the mail it answers
 * @param namesReference whether it quotes the booking reference
 * @param duplicate whether the mailbox holds it twice
 */
record MailItem(
    Instant at,
    Kind kind,
    Customer customer,
    Reservation reservation,
    int version,
    long seed,
    MailItem inReplyTo,
    boolean namesReference,
    boolean duplicate) {

  enum Kind {
    WELCOME,
    CONTACT_CHANGED,
    CONFIRMATION,
    RECEIPT,
    CHANGE,
    CANCELLATION,
    REMINDER,
    CUSTOMER_QUESTION,
    STAFF_REPLY,
    NEWSLETTER,
    VENDOR_INVOICE,
    SPAM;

    boolean sentByApp() {
      return ordinal() <= REMINDER.ordinal();
    }

    boolean aboutBooking() {
      return ordinal() >= CONFIRMATION.ordinal() && ordinal() <= REMINDER.ordinal();
    }
  }

  /** The customer's addresses this mail went to or came from. */
  List<String> customerAddresses() {
    if (customer == null) {
      return List.of();
    }
    if (kind == Kind.CONTACT_CHANGED) {
      String now = customer.contacts.get(version).email();
      String before = customer.contacts.get(version - 1).email();
      return now.equals(before) ? List.of(now) : List.of(now, before);
    }
    return List.of(customer.contactAt(at).email());
  }

  MailItem withDuplicate(boolean value) {
    return new MailItem(
        at, kind, customer, reservation, version, seed, inReplyTo, namesReference, value);
  }
}
