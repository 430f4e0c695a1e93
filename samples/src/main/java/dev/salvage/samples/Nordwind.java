package dev.salvage.samples;

import dev.salvage.samples.Catalog.Location;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How Nordwind Autovermietung, the second sample business, names the simulated world: surrogate
 * integer ids for clients, cars, branches and bookings, German plates, booking numbers {@code
 * B-NNNNNN}, German branch names, Berlin time and euro amounts. The world (who booked which car
 * when) is the one {@link Simulation} runs for Rentwise; only its shapes differ.
 */
final class Nordwind {
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  static final String DOMAIN = "nordwind.example";
  static final String BOOKINGS = "buchung@" + DOMAIN;
  static final String ACCOUNTS = "kundenkonto@" + DOMAIN;
  static final String SERVICE = "service@" + DOMAIN;
  static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

  /** Branch name and plate district per Rentwise location, in catalogue order. */
  private static final List<String[]> BRANCHES =
      List.of(
          new String[] {"Hamburg Flughafen", "HH"},
          new String[] {"Hamburg Hauptbahnhof", "HH"},
          new String[] {"Bremen Flughafen", "HB"},
          new String[] {"München Flughafen", "M"},
          new String[] {"Berlin Hauptbahnhof", "B"},
          new String[] {"Köln/Bonn Flughafen", "K"});

  private static final String PLATE_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";

  private final World world;
  private final Map<Vehicle, Integer> carIds = new HashMap<>();
  private final Map<Vehicle, String> plates = new HashMap<>();

  Nordwind(World world) {
    this.world = world;
    List<Vehicle> vehicles = world.vehicles();
    for (int i = 0; i < vehicles.size(); i++) {
      Vehicle vehicle = vehicles.get(i);
      // ids start above 100 so that a car id is never mistaken for a client or branch id
      carIds.put(vehicle, 101 + i);
      // the index makes each plate unique: two letters, then a number
      String letters =
          ""
              + PLATE_LETTERS.charAt((i / PLATE_LETTERS.length()) % PLATE_LETTERS.length())
              + PLATE_LETTERS.charAt(i % PLATE_LETTERS.length());
      plates.put(vehicle, district(vehicle.home()) + "-" + letters + " " + (100 + i * 7 % 9000));
    }
  }

  World world() {
    return world;
  }

  int carId(Vehicle vehicle) {
    return carIds.get(vehicle);
  }

  String plate(Vehicle vehicle) {
    return plates.get(vehicle);
  }

  static int branchId(Location location) {
    return Catalog.LOCATIONS.indexOf(location) + 1;
  }

  static String branchName(Location location) {
    return BRANCHES.get(Catalog.LOCATIONS.indexOf(location))[0];
  }

  static String district(Location location) {
    return BRANCHES.get(Catalog.LOCATIONS.indexOf(location))[1];
  }

  static String bookingNo(Reservation reservation) {
    return "B-" + (100_000 + reservation.id);
  }

  /** German for a share of the clients (and every German one), English for the others. */
  static boolean german(Customer customer) {
    return customer.country.code().equals("DE") || new Rng(customer.seed ^ 0xDEL).chance(0.4);
  }

  static String firstName(Customer customer) {
    return customer.firstName();
  }

  static String lastName(Customer customer) {
    int space = customer.fullName.indexOf(' ');
    return space < 0 ? "" : customer.fullName.substring(space + 1);
  }

  /** "245.50" as the numeric(10,2) column holds it. */
  static String euros(long cents) {
    return Formats.money(cents);
  }

  /** "245,50 €" in German, "€245.50" in English. */
  static String price(long cents, boolean german) {
    String plain = Formats.money(cents);
    return german ? plain.replace('.', ',') + " €" : "€" + plain;
  }

  static String local(Instant at) {
    return LOCAL.format(at.atZone(ZONE));
  }

  /**
   * The booking's status at {@code at} in the app: {@code cancelled}, {@code completed} once the
   * car is back, otherwise {@code open}.
   */
  static String status(Reservation.Version version, Instant at) {
    if (version.cancelled()) {
      return "cancelled";
    }
    return version.returnAt().isBefore(at) ? "completed" : "open";
  }

  /** When the app last wrote the booking's row before {@code until}: a change or the return. */
  static Instant updatedBefore(Reservation reservation, Instant until) {
    Reservation.Version version = reservation.lastBefore(until);
    Instant updated = version.at();
    if (!version.cancelled()
        && version.returnAt().isBefore(until)
        && version.returnAt().isAfter(updated)) {
      updated = version.returnAt();
    }
    return updated;
  }

  /** When the app last wrote the client's row before {@code until}: signup or an email change. */
  static Instant updatedBefore(Customer customer, Instant until) {
    Instant updated = customer.createdAt;
    String email = customer.contacts.get(0).email();
    for (Customer.Contact contact : customer.contacts) {
      if (contact.since().isBefore(until) && !contact.email().equals(email)) {
        updated = contact.since();
        email = contact.email();
      }
    }
    return updated;
  }

  static String emailBefore(Customer customer, Instant until) {
    String email = customer.contacts.get(0).email();
    for (Customer.Contact contact : customer.contacts) {
      if (contact.since().isBefore(until)) {
        email = contact.email();
      }
    }
    return email;
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
