package dev.salvage.samples;

import dev.salvage.samples.Catalog.Location;
import dev.salvage.samples.Reservation.Version;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the application database as it was at T0 the way {@code pg_dump -v} 15 writes a plain
 * dump: the schema, TOC comments and statements come from a dump the real pg_dump made of
 * Rentwise's schema ({@code pg_dump-template.sql}); the rows, sequence values, times and the {@code
 * \restrict} key are filled in.
 */
final class BackupWriter {
  private static final String TEMPLATE = "pg_dump-template.sql";

  private final World world;
  private final Instant t0;
  private final Map<String, Long> rowCounts = new LinkedHashMap<>();

  BackupWriter(World world) {
    this.world = world;
    this.t0 = world.t0();
  }

  /** Rows written per table. */
  Map<String, Long> rowCounts() {
    return rowCounts;
  }

  void write(Writer out) throws IOException {
    List<Payment> payments = payments();
    long customers = 0;
    for (Customer customer : world.customers()) {
      if (customer.createdAt.isBefore(t0)) {
        customers = customer.id;
      }
    }
    long reservations = 0;
    for (Reservation reservation : world.reservations()) {
      if (reservation.createdAt().isBefore(t0)) {
        reservations = reservation.id;
      }
    }
    String restrictKey = new Rng(world.params().seed() ^ 0xB4C0L).mixedAlnum(63);
    long totalRows = customers + reservations + payments.size() + world.vehicles().size();
    Instant completed = t0.plusSeconds(1 + totalRows / 40_000);
    try (InputStream in = BackupWriter.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IOException("Cannot find the dump template resource " + TEMPLATE);
      }
      BufferedReader template =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = template.readLine(); line != null; line = template.readLine()) {
        if (line.startsWith("@@ROWS ")) {
          String table = line.substring(7, line.length() - 2);
          rowCounts.put(table, rows(out, table, payments));
          continue;
        }
        out.write(
            line.replace("@@RESTRICT_KEY@@", restrictKey)
                .replace("@@STARTED@@", Formats.PG_STARTED.format(t0))
                .replace("@@COMPLETED@@", Formats.PG_STARTED.format(completed))
                .replace("@@SETVAL customers@@", setval(customers))
                .replace("@@SETVAL reservations@@", setval(reservations))
                .replace("@@SETVAL payments@@", setval(payments.size())));
        out.write('\n');
      }
    }
  }

  /** pg_dump writes {@code setval(seq, 1, false)} for a sequence never used. */
  private static String setval(long last) {
    return last == 0 ? "1, false" : last + ", true";
  }

  private long rows(Writer out, String table, List<Payment> payments) throws IOException {
    long count = 0;
    switch (table) {
      case "customers" -> {
        for (Customer customer : world.customers()) {
          if (!customer.createdAt.isBefore(t0)) {
            break;
          }
          Customer.Contact contact = customer.contactAt(t0);
          row(
              out,
              String.valueOf(customer.id),
              contact.email(),
              customer.fullName,
              contact.phone(),
              customer.language(),
              customer.stripeIdBefore(t0),
              timestamp(customer.createdAt),
              timestamp(customer.updatedBefore(t0)));
          count++;
        }
      }
      case "locations" -> {
        for (Location location : Catalog.LOCATIONS) {
          row(
              out,
              location.code(),
              location.name(),
              location.city(),
              location.country(),
              location.zone().getId(),
              location.calendarId());
          count++;
        }
      }
      case "payments" -> {
        for (int i = 0; i < payments.size(); i++) {
          Payment payment = payments.get(i);
          row(
              out,
              String.valueOf(i + 1),
              String.valueOf(payment.reservation().id),
              payment.refundId() == null ? "charge" : "refund",
              payment.reservation().chargeId,
              payment.refundId(),
              String.valueOf(payment.amountCents()),
              "EUR",
              "succeeded",
              timestamp(payment.at()));
          count++;
        }
      }
      case "reservations" -> {
        for (Reservation reservation : world.reservations()) {
          if (!reservation.createdAt().isBefore(t0)) {
            break;
          }
          Version version = reservation.lastBefore(t0);
          row(
              out,
              String.valueOf(reservation.id),
              reservation.reference,
              String.valueOf(reservation.customer.id),
              version.vehicle().plate(),
              reservation.location.code(),
              timestamp(version.pickupAt()),
              timestamp(version.returnAt()),
              version.cancelled() ? "cancelled" : "confirmed",
              String.valueOf(version.totalCents()),
              "EUR",
              // the app stores both ids in the booking transaction itself
              reservation.paymentIntentId,
              reservation.eventId,
              reservation.notes,
              timestamp(reservation.createdAt()),
              timestamp(version.at()));
          count++;
        }
      }
      case "vehicles" -> {
        for (Vehicle vehicle : world.vehicles()) {
          row(
              out,
              vehicle.plate(),
              vehicle.model().name(),
              vehicle.model().category(),
              vehicle.home().code(),
              String.valueOf(vehicle.model().dailyCents()));
          count++;
        }
      }
      default -> throw new IllegalStateException("No rows for table " + table + " in " + TEMPLATE);
    }
    return count;
  }

  /** A payment the app recorded before T0: the charge, or a refund of it. */
  private record Payment(Reservation reservation, Instant at, int amountCents, String refundId) {}

  /** The payments table before T0, in the order the app inserted its rows. */
  private List<Payment> payments() {
    List<Payment> payments = new ArrayList<>();
    for (Reservation reservation : world.reservations()) {
      if (!reservation.card) {
        continue;
      }
      if (reservation.paidAt.isBefore(t0)) {
        payments.add(new Payment(reservation, reservation.paidAt, reservation.paidCents, null));
      }
      for (Reservation.Refund refund : reservation.refunds) {
        if (refund.at().isBefore(t0)) {
          payments.add(new Payment(reservation, refund.at(), refund.amountCents(), refund.id()));
        }
      }
    }
    payments.sort(Comparator.comparing(Payment::at));
    return payments;
  }

  private static String timestamp(Instant at) {
    return Formats.PG_TIMESTAMP.format(at);
  }

  private static void row(Writer out, String... values) throws IOException {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.write('\t');
      }
      out.write(copyText(values[i]));
    }
    out.write('\n');
  }

  /** A value in COPY text format: {@code \N} for null, backslash escapes for controls. */
  static String copyText(String value) {
    if (value == null) {
      return "\\N";
    }
    StringBuilder out = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      String escaped =
          switch (c) {
            case '\\' -> "\\\\";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case 0x0b -> "\\v";
            default -> null;
          };
      if (escaped != null && out == null) {
        out = new StringBuilder(value.length() + 8).append(value, 0, i);
      }
      if (out != null) {
        if (escaped != null) {
          out.append(escaped);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? value : out.toString();
  }
}
