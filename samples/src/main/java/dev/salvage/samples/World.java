package dev.salvage.samples;

import java.time.Instant;
import java.util.List;

/**
 * The simulated history of Rentwise Cars up to the loss, from which every output file is written.
 *
 * @param params what was asked for
 * @param t0 when the backup was taken
 * @param t1 when the database was lost
 * @param vehicles the fleet, by plate order of creation
 * @param customers every customer, by id
 * @param reservations every reservation, by id
 * @param mails the surviving mailbox in order, duplicates marked
 * @param serviceEvents calendar events that are not bookings (car servicing)
 */
record World(
    ScenarioParams params,
    Instant t0,
    Instant t1,
    List<Vehicle> vehicles,
    List<Customer> customers,
    List<Reservation> reservations,
    List<MailItem> mails,
    List<ServiceEvent> serviceEvents) {

  /** A workshop slot a branch puts on its calendar; noise for the readers. */
  record ServiceEvent(
      String id, Vehicle vehicle, Instant start, Instant end, Instant createdAt, String task) {}

  /** Where mail starts to survive. */
  Instant mailFrom() {
    return t0.minus(java.time.Duration.ofDays(30));
  }

  Instant historyStart() {
    return t0.minus(java.time.Duration.ofDays(90));
  }
}
