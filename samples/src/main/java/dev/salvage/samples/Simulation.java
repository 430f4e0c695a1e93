package dev.salvage.samples;

import dev.salvage.samples.Catalog.Country;
import dev.salvage.samples.Catalog.Location;
import dev.salvage.samples.Reservation.Change;
import dev.salvage.samples.Reservation.RefStyle;
import dev.salvage.samples.Reservation.Version;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs Rentwise's application for six months: customers sign up and change their details,
 * reservations are booked, paid, moved, re-assigned and cancelled. Decides, too, which of their
 * traces survive the loss. Every draw comes from one seeded stream, so a seed gives one history.
 */
final class Simulation {
  private static final long MINUTE = 60;
  private static final long HOUR = 3600;
  private static final long DAY = 86_400;

  /** Share of bookings made by someone signing up for them; the rest are returning customers. */
  private static final double NEW_CUSTOMER_SHARE = 0.55;

  private static final double CHANGE_SHARE = 0.12;
  private static final double CANCEL_SHARE = 0.08;
  private static final double QUESTION_SHARE = 0.12;
  private static final double QUOTES_REFERENCE_SHARE = 0.6;
  private static final double CONTACT_IN_EVENT_SHARE = 0.5;
  private static final double UPPER_CASE_CARDHOLDER_SHARE = 0.1;

  private static final String PT_PLATE_LETTERS = "ABCDEFGHIJLMNOPQRSTUVXZ";
  private static final String ES_PLATE_LETTERS = "BCDFGHJKLMNPRSTVWXYZ";

  private static final List<String> NOTES =
      List.of(
          "Flight TP1350, arrives 23:40",
          "Child seat (0-4 years)\nBooster for the older one",
          "Customer asked for a car with a tow bar",
          "Corporate booking\tPO 4471",
          "Voucher from partner agency: PTA\\2026\\118",
          "Prefers an automatic gearbox",
          "Will pay the fuel deposit in cash",
          "Arriving by train; call when at the desk",
          "Second driver: same surname\nLicence checked");

  private final ScenarioParams params;
  private final Rng rng;
  private final long t0;
  private final long t1;
  private final long start;

  private final Set<String> emails = new HashSet<>();
  private final Set<String> phones = new HashSet<>();
  private final Set<String> references = new HashSet<>();
  private final Set<String> plates = new HashSet<>();
  private final Set<String> stripeIds = new HashSet<>();

  private final List<Vehicle> vehicles = new ArrayList<>();
  private final Map<Location, List<Vehicle>> fleet = new HashMap<>();
  private final Map<String, Busy> busy = new HashMap<>();
  private final List<Customer> customers = new ArrayList<>();
  private final List<Reservation> reservations = new ArrayList<>();
  private final List<MailItem> customerMails = new ArrayList<>();

  private Simulation(ScenarioParams params) {
    this.params = params;
    this.rng = new Rng(params.seed());
    this.t0 = params.t0().getEpochSecond();
    this.start = t0 - 90 * DAY;
    this.t1 = t0 + 90 * DAY;
  }

  static World run(ScenarioParams params) {
    return new Simulation(params).simulate();
  }

  private World simulate() {
    buildFleet();
    int initialCustomers = Math.max(8, (int) Math.round(0.3 * params.reservations()));
    long[] initialSignups = sortedTimes(initialCustomers, start - 365 * DAY, start);
    for (long at : initialSignups) {
      Customer customer = signUp(at);
      if (rng.chance(0.7)) {
        openStripeCustomer(customer, at + rng.between(60, HOUR));
      }
    }
    long[] bookings =
        concat(
            sortedTimes(params.reservations(), start, t0),
            sortedTimes(params.reservations(), t0, t1));
    long[] walkIns =
        sortedTimes(Math.max(2, (int) Math.round(0.16 * params.reservations())), start, t1);
    int nextWalkIn = 0;
    for (long at : bookings) {
      while (nextWalkIn < walkIns.length && walkIns[nextWalkIn] < at) {
        signUp(walkIns[nextWalkIn++]);
      }
      book(at);
    }
    while (nextWalkIn < walkIns.length) {
      signUp(walkIns[nextWalkIn++]);
    }
    customers.sort(Comparator.comparing(c -> c.createdAt));
    for (int i = 0; i < customers.size(); i++) {
      customers.get(i).id = i + 1;
    }
    List<World.ServiceEvent> serviceEvents = planServiceEvents();
    World draft =
        new World(
            params,
            Instant.ofEpochSecond(t0),
            Instant.ofEpochSecond(t1),
            List.copyOf(vehicles),
            List.copyOf(customers),
            List.copyOf(reservations),
            List.of(),
            serviceEvents);
    List<MailItem> mails = new MailPlan(draft, rng, customerMails).plan();
    World world =
        new World(
            params,
            draft.t0(),
            draft.t1(),
            draft.vehicles(),
            draft.customers(),
            draft.reservations(),
            mails,
            serviceEvents);
    Evidence.mark(world);
    return world;
  }

  // ---------------------------------------------------------------- fleet

  private void buildFleet() {
    int size = Math.max(36, (int) Math.ceil(params.reservations() / 10.0));
    for (Location location : Catalog.LOCATIONS) {
      int count = Math.max(4, (int) Math.round(size * location.demand()));
      List<Vehicle> here = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        Vehicle vehicle = new Vehicle(newPlate(location), rng.pick(Catalog.MODELS), location);
        here.add(vehicle);
        vehicles.add(vehicle);
        busy.put(vehicle.plate(), new Busy());
      }
      fleet.put(location, here);
    }
  }

  private String newPlate(Location location) {
    while (true) {
      String plate =
          location.country().equals("PT")
              ? rng.letters(PT_PLATE_LETTERS, 2)
                  + "-"
                  + rng.digits(2)
                  + "-"
                  + rng.letters(PT_PLATE_LETTERS, 2)
              : rng.digits(4) + " " + rng.letters(ES_PLATE_LETTERS, 3);
      if (plates.add(plate)) {
        return plate;
      }
    }
  }

  /**
   * A car at the branch free over [from, to), trying a few; busy cars are taken as a last resort.
   */
  private Vehicle freeVehicle(Location location, long from, long to, Vehicle avoid) {
    List<Vehicle> here = fleet.get(location);
    Vehicle candidate = null;
    for (int attempt = 0; attempt < 8; attempt++) {
      candidate = rng.pick(here);
      if (candidate != avoid && busy.get(candidate.plate()).free(from, to)) {
        return candidate;
      }
    }
    return candidate == avoid ? here.get((here.indexOf(avoid) + 1) % here.size()) : candidate;
  }

  // ---------------------------------------------------------------- customers

  private Customer signUp(long at) {
    Country country = rng.weighted(Catalog.COUNTRIES, Country::share);
    String first = rng.pick(country.firstNames());
    String last = rng.pick(country.lastNames());
    if (country.twoSurnames() && rng.chance(0.6)) {
      String second = rng.pick(country.lastNames());
      if (!second.equals(last)) {
        last = last + " " + second;
      }
    }
    String fullName = first + " " + last;
    Customer customer = new Customer(country, fullName, Instant.ofEpochSecond(at), rng.nextLong());
    customer.contacts.add(
        new Customer.Contact(
            customer.createdAt, newEmail(country, first, last), newPhone(country)));
    customer.accountMailsMissing = rng.chance(params.missingMail());
    long changeFrom = at < t0 ? t0 : at + DAY;
    if (changeFrom < t1 && rng.chance(params.contactChangeRate())) {
      long changedAt = rng.between(changeFrom, t1);
      Customer.Contact before = customer.current();
      Customer.Contact after =
          rng.chance(0.55)
              ? new Customer.Contact(
                  Instant.ofEpochSecond(changedAt), newEmail(country, first, last), before.phone())
              : new Customer.Contact(
                  Instant.ofEpochSecond(changedAt), before.email(), newPhone(country));
      customer.contacts.add(after);
    }
    customers.add(customer);
    return customer;
  }

  private void openStripeCustomer(Customer customer, long at) {
    customer.stripeId = stripeId("cus_", 14);
    customer.stripeCreatedAt = Instant.ofEpochSecond(at);
  }

  private String newEmail(Country country, String first, String last) {
    String f = mailPart(first.split(" ")[0]);
    // "de Vries" keeps its particle; "Silva Santos" is mailed as its first surname
    String l = mailPart(Character.isLowerCase(last.charAt(0)) ? last : last.split(" ")[0]);
    String local =
        switch (rng.nextInt(5)) {
          case 0 -> f + "." + l;
          case 1 -> f + l;
          case 2 -> f.charAt(0) + "." + l;
          case 3 -> f + "_" + l + rng.between(60, 100);
          default -> f + "." + l + rng.between(1, 99);
        };
    String domain = rng.pick(country.mailDomains());
    String email = local + "@" + domain;
    // taken: add digits, more of them the longer it stays taken, so this always ends
    for (int attempt = 0; !emails.add(email); attempt++) {
      email = local + rng.digits(2 + attempt / 4) + "@" + domain;
    }
    return email;
  }

  static String mailPart(String name) {
    String folded =
        Normalizer.normalize(name.replace("ß", "ss"), Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT);
    return folded.replaceAll("[^a-z0-9]", "");
  }

  private String newPhone(Country country) {
    while (true) {
      String prefix = rng.pick(country.mobilePrefixes());
      String phone =
          "+"
              + country.dialCode()
              + prefix
              + rng.digits(country.nationalDigits() - prefix.length());
      if (phones.add(phone)) {
        return phone;
      }
    }
  }

  // ---------------------------------------------------------------- reservations

  private void book(long at) {
    Customer customer =
        customers.isEmpty() || rng.chance(NEW_CUSTOMER_SHARE)
            ? signUp(at - rng.between(2 * MINUTE, 30 * MINUTE))
            : rng.pick(customers);
    Location location = rng.weighted(Catalog.LOCATIONS, Location::demand);
    int extras = rng.chance(0.7) ? 0 : rng.chance(0.5) ? 500 : rng.chance(0.67) ? 800 : 1200;
    Reservation reservation =
        new Reservation(
            reservations.size() + 1, newReference(), customer, location, extras, rng.nextLong());
    ZonedDateTime pickup = firstPickup(location, at);
    ZonedDateTime ret = pickup.plusDays(rentalDays()).plusMinutes(rng.pick(RETURN_SHIFTS));
    Vehicle vehicle = freeVehicle(location, pickup.toEpochSecond(), ret.toEpochSecond(), null);
    reservation.versions.add(version(reservation, at, Change.CREATED, vehicle, pickup, ret, false));

    long limit = at < t0 ? t0 : t1;
    if (rng.chance(CHANGE_SHARE)) {
      change(reservation, at + 10 * MINUTE, limit);
    }
    if (rng.chance(CANCEL_SHARE)) {
      cancel(
          reservation, Math.max(at, reservation.last().at().getEpochSecond()) + 10 * MINUTE, limit);
    }
    boolean upcomingAtT0 =
        at < t0
            && !reservation.last().cancelled()
            && reservation.last().pickupAt().getEpochSecond() > t0 + DAY;
    if (upcomingAtT0 && rng.chance(params.lateChangeRate())) {
      if (rng.chance(0.7)) {
        change(reservation, t0, t1);
      } else {
        cancel(reservation, t0, t1);
      }
    }
    Version last = reservation.last();
    if (!last.cancelled()) {
      busy.get(last.vehicle().plate())
          .add(last.pickupAt().getEpochSecond(), last.returnAt().getEpochSecond());
    }
    pay(reservation, at);
    planCalendar(reservation, at);
    reservation.mailsMissing = rng.chance(params.missingMail());
    planCustomerMail(reservation, at);
    if (rng.chance(0.15)) {
      reservation.notes = rng.pick(NOTES);
    }
    reservations.add(reservation);
  }

  private static final List<Integer> RETURN_SHIFTS = List.of(0, 0, 0, 0, -60, -30, 120);

  private ZonedDateTime firstPickup(Location location, long bookedAt) {
    double u = rng.nextDouble();
    long lead =
        u < 0.2
            ? rng.between(2 * HOUR, 3 * DAY)
            : u < 0.7 ? rng.between(3 * DAY, 21 * DAY) : rng.between(21 * DAY, 60 * DAY);
    LocalDate date = Instant.ofEpochSecond(bookedAt + lead).atZone(location.zone()).toLocalDate();
    LocalTime time = LocalTime.of(rng.between(8, 20), rng.chance(0.5) ? 0 : 30);
    ZonedDateTime pickup = ZonedDateTime.of(date, time, location.zone());
    while (pickup.toEpochSecond() < bookedAt + 2 * HOUR) {
      pickup = pickup.plusDays(1);
    }
    return pickup;
  }

  private int rentalDays() {
    double u = rng.nextDouble();
    if (u < 0.12) {
      return 1;
    }
    if (u < 0.60) {
      return rng.between(2, 6);
    }
    if (u < 0.87) {
      return rng.between(6, 9);
    }
    return rng.between(9, 15);
  }

  private Version version(
      Reservation reservation,
      long at,
      Change change,
      Vehicle vehicle,
      ZonedDateTime pickup,
      ZonedDateTime ret,
      boolean cancelled) {
    long minutes = Duration.between(pickup, ret).toMinutes();
    int days = (int) Math.max(1, (minutes + 1439) / 1440);
    int total =
        days * (vehicle.model().dailyCents() + reservation.extrasPerDayCents)
            + reservation.location.feeCents();
    return new Version(
        Instant.ofEpochSecond(at),
        change,
        vehicle,
        pickup.toInstant(),
        ret.toInstant(),
        cancelled,
        total);
  }

  /** Moves the dates or swaps the car at a random time in [from, min(pickup, limit)). */
  private void change(Reservation reservation, long from, long limit) {
    Version before = reservation.last();
    long until = Math.min(before.pickupAt().getEpochSecond() - 2 * HOUR, limit);
    if (until <= from) {
      return;
    }
    long at = rng.between(from, until);
    Location location = reservation.location;
    ZonedDateTime pickup = before.pickupAt().atZone(location.zone());
    ZonedDateTime ret = before.returnAt().atZone(location.zone());
    if (rng.chance(0.75)) {
      long days = Duration.between(pickup, ret).toDays();
      int shift = rng.between(1, 6) * (rng.chance(0.5) ? 1 : -1);
      ZonedDateTime moved = pickup.plusDays(shift);
      if (moved.toEpochSecond() < at + 2 * HOUR) {
        moved = pickup.plusDays(Math.abs(shift));
      }
      long newDays = Math.max(1, days + rng.between(-1, 3));
      ZonedDateTime movedReturn =
          moved
              .plusDays(newDays)
              .plusMinutes(Duration.between(pickup.plusDays(days), ret).toMinutes());
      Vehicle vehicle = before.vehicle();
      if (!busy.get(vehicle.plate()).free(moved.toEpochSecond(), movedReturn.toEpochSecond())) {
        vehicle =
            freeVehicle(location, moved.toEpochSecond(), movedReturn.toEpochSecond(), vehicle);
      }
      reservation.versions.add(
          version(reservation, at, Change.MOVED, vehicle, moved, movedReturn, false));
    } else {
      Vehicle vehicle =
          freeVehicle(location, pickup.toEpochSecond(), ret.toEpochSecond(), before.vehicle());
      reservation.versions.add(
          version(reservation, at, Change.VEHICLE_SWAPPED, vehicle, pickup, ret, false));
    }
  }

  private void cancel(Reservation reservation, long from, long limit) {
    Version before = reservation.last();
    long until = Math.min(before.pickupAt().getEpochSecond() - HOUR, limit);
    if (until <= from) {
      return;
    }
    long at = rng.between(from, until);
    reservation.versions.add(
        new Version(
            Instant.ofEpochSecond(at),
            Change.CANCELLED,
            before.vehicle(),
            before.pickupAt(),
            before.returnAt(),
            true,
            before.totalCents()));
  }

  private String newReference() {
    while (true) {
      String reference = "RW-" + rng.upperAlnum(6);
      if (references.add(reference)) {
        return reference;
      }
    }
  }

  // ---------------------------------------------------------------- payments

  private void pay(Reservation reservation, long bookedAt) {
    reservation.card = !rng.chance(params.missingPayment());
    if (!reservation.card) {
      return;
    }
    Customer customer = reservation.customer;
    if (customer.stripeId == null) {
      openStripeCustomer(customer, bookedAt + rng.between(1, 5));
    }
    String core = stripeCore();
    reservation.paymentIntentId = "pi_" + core + rng.mixedAlnum(7);
    reservation.chargeId = "ch_" + core + rng.mixedAlnum(7);
    reservation.paidAt = Instant.ofEpochSecond(bookedAt + rng.between(15, 90));
    reservation.intentCreatedAt = reservation.paidAt.minusSeconds(rng.between(5, 11));
    reservation.paidCents = reservation.versions.get(0).totalCents();
    if (rng.chance(params.paymentRefShare())) {
      double u = rng.nextDouble();
      reservation.paymentRefStyle =
          u < 0.7
              ? RefStyle.METADATA_AND_DESCRIPTION
              : u < 0.9 ? RefStyle.METADATA : RefStyle.DESCRIPTION;
    }
    String name = reservation.customer.fullName;
    reservation.cardholderName =
        rng.chance(params.typoRate())
            ? Typos.misspell(name, rng)
            : rng.chance(UPPER_CASE_CARDHOLDER_SHARE) ? name.toUpperCase(Locale.ROOT) : name;
    List<Version> versions = reservation.versions;
    for (int i = 1; i < versions.size(); i++) {
      Version version = versions.get(i);
      long at = version.at().getEpochSecond() + rng.between(5, 60);
      int remaining = reservation.paidCents - reservation.refundedCents();
      if (version.cancelled() && remaining > 0) {
        reservation.refunds.add(
            new Reservation.Refund(Instant.ofEpochSecond(at), remaining, true, refundId()));
      } else if (!version.cancelled()) {
        int cut = versions.get(i - 1).totalCents() - version.totalCents();
        if (cut > 0 && remaining > 0) {
          reservation.refunds.add(
              new Reservation.Refund(
                  Instant.ofEpochSecond(at), Math.min(cut, remaining), false, refundId()));
        }
      }
    }
  }

  /** The shared middle of the ids of one payment's objects, as Stripe's ids have. */
  private String stripeCore() {
    return "3" + rng.mixedAlnum(6) + "Rw1tKc9Zq" + rng.mixedAlnum(1);
  }

  private String refundId() {
    return "re_" + stripeCore() + rng.mixedAlnum(7);
  }

  private String stripeId(String prefix, int length) {
    while (true) {
      String id = prefix + rng.mixedAlnum(length);
      if (stripeIds.add(id)) {
        return id;
      }
    }
  }

  // ---------------------------------------------------------------- calendar and mail

  private void planCalendar(Reservation reservation, long bookedAt) {
    if (rng.chance(params.missingCalendar())) {
      return;
    }
    reservation.eventId = rng.base32hex(26);
    reservation.eventCreatedAt = Instant.ofEpochSecond(bookedAt + rng.between(20, 300));
    reservation.calendarRef = rng.chance(params.calendarRefShare());
    reservation.calendarContact = rng.chance(CONTACT_IN_EVENT_SHARE);
    String name = reservation.customer.fullName;
    reservation.calendarName = rng.chance(params.typoRate()) ? Typos.misspell(name, rng) : name;
  }

  /** Customers write in about some bookings, and support answers half of them. */
  private void planCustomerMail(Reservation reservation, long bookedAt) {
    if (!rng.chance(QUESTION_SHARE)) {
      return;
    }
    long until = Math.min(reservation.last().pickupAt().getEpochSecond(), t1);
    if (until <= bookedAt + HOUR) {
      return;
    }
    long at = rng.between(bookedAt + HOUR, until);
    boolean quotes = rng.chance(QUOTES_REFERENCE_SHARE);
    MailItem question =
        new MailItem(
            Instant.ofEpochSecond(at),
            MailItem.Kind.CUSTOMER_QUESTION,
            reservation.customer,
            reservation,
            -1,
            rng.nextLong(),
            null,
            quotes,
            false);
    customerMails.add(question);
    long replyAt = at + rng.between(HOUR, 20 * HOUR);
    if (rng.chance(0.5) && replyAt < t1) {
      customerMails.add(
          new MailItem(
              Instant.ofEpochSecond(replyAt),
              MailItem.Kind.STAFF_REPLY,
              reservation.customer,
              reservation,
              -1,
              rng.nextLong(),
              question,
              quotes,
              false));
    }
  }

  private List<World.ServiceEvent> planServiceEvents() {
    List<World.ServiceEvent> events = new ArrayList<>();
    List<String> tasks = List.of("oil change", "tyres", "inspection", "bodywork", "cleaning");
    for (Location location : Catalog.LOCATIONS) {
      List<Vehicle> here = fleet.get(location);
      int count = Math.max(3, here.size() / 3);
      for (int i = 0; i < count; i++) {
        long day = rng.between(start, t1);
        ZonedDateTime from =
            ZonedDateTime.of(
                Instant.ofEpochSecond(day).atZone(location.zone()).toLocalDate(),
                LocalTime.of(rng.between(8, 16), 0),
                location.zone());
        events.add(
            new World.ServiceEvent(
                rng.base32hex(26),
                rng.pick(here),
                from.toInstant(),
                from.plusHours(rng.between(1, 4)).toInstant(),
                Instant.ofEpochSecond(day - rng.between(DAY, 10 * DAY)),
                rng.pick(tasks)));
      }
    }
    return events;
  }

  // ---------------------------------------------------------------- helpers

  private long[] sortedTimes(int count, long from, long to) {
    long[] times = new long[count];
    for (int i = 0; i < count; i++) {
      times[i] = rng.between(from, to);
    }
    Arrays.sort(times);
    return times;
  }

  private static long[] concat(long[] a, long[] b) {
    long[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** The rentals a car is booked for, as [from, to) pairs in epoch seconds. */
  private static final class Busy {
    private long[] spans = new long[8];
    private int size;

    boolean free(long from, long to) {
      for (int i = 0; i < size; i += 2) {
        if (from < spans[i + 1] && spans[i] < to) {
          return false;
        }
      }
      return true;
    }

    void add(long from, long to) {
      if (size == spans.length) {
        spans = Arrays.copyOf(spans, size * 2);
      }
      spans[size++] = from;
      spans[size++] = to;
    }
  }
}
